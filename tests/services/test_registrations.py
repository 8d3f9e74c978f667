"""Registrations: capacity and the waiting list, registering again, facilitators, evaluations."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

import pytest
from sqlalchemy import func, select

from app.errors import NotFoundError, ValidationError
from app.models import Registration, natural_id
from app.services.activities import ActivityData, SessionData
from app.services.people import MembershipData, PersonData
from app.services.registry import Services


def new_activity(services: Services, capacity: int | None = None) -> str:
    saved = services.activities.save(
        ActivityData(
            title="Digital skills",
            capacity=capacity,
            sessions=(SessionData(date(2025, 3, 6), time(10), time(12)),),
        )
    )
    assert saved.id is not None
    return saved.id


def person(services: Services, full_name: str, organisation: str = "") -> str:
    memberships = (MembershipData(None, organisation, "staff"),) if organisation else ()
    saved = services.people.save(PersonData(full_name=full_name, memberships=memberships))
    assert saved.id is not None
    return saved.id


def statuses(services: Services, activity_id: str) -> dict[str, str]:
    return {r.full_name: r.status for r in services.registrations.list(activity_id)}


def rows_in_table(services: Services) -> int:
    with services.db.session() as s:
        return s.scalar(select(func.count(Registration.id))) or 0


def test_beyond_the_capacity_people_go_to_the_waiting_list(services: Services) -> None:
    activity = new_activity(services, capacity=2)
    for name in ("Ana", "Bea", "Carla", "Dora"):
        services.registrations.register(activity, person(services, name))
    assert statuses(services, activity) == {
        "Ana": "registered",
        "Bea": "registered",
        "Carla": "waiting_list",
        "Dora": "waiting_list",
    }
    assert services.activities.list()[0].registered == 2


def test_without_a_capacity_nobody_waits(services: Services) -> None:
    activity = new_activity(services)
    for n in range(5):
        services.registrations.register(activity, person(services, f"P{n}"))
    assert set(statuses(services, activity).values()) == {"registered"}


def test_registering_twice_gives_the_same_one_registration(services: Services) -> None:
    activity = new_activity(services, capacity=1)
    ana = person(services, "Ana", organisation="Asociación Alba")
    first = services.registrations.register(activity, ana, heard_from="Newsletter")
    again = services.registrations.register(activity, ana)
    assert first.id == again.id == natural_id("registration", activity, ana)
    assert again.status == "registered"  # holds their place: not sent to the waiting list
    assert again.heard_from == "Newsletter"
    assert again.organisation_name == "Asociación Alba"  # the person's organisation by default
    assert rows_in_table(services) == 1


def test_a_cancelled_person_registering_again_is_back(services: Services) -> None:
    activity = new_activity(services, capacity=1)
    ana = person(services, "Ana")
    row = services.registrations.register(activity, ana)
    services.registrations.update(row.id, organisation_id=None, role="attendee", status="cancelled")
    assert statuses(services, activity) == {"Ana": "cancelled"}
    services.registrations.register(activity, ana)
    assert statuses(services, activity) == {"Ana": "registered"}
    assert rows_in_table(services) == 1


def test_someone_removed_registering_again_is_back(services: Services) -> None:
    activity = new_activity(services)
    ana = person(services, "Ana")
    row = services.registrations.register(activity, ana)
    services.registrations.remove(row.id)
    assert services.registrations.list(activity) == []
    with pytest.raises(NotFoundError):
        services.registrations.remove(row.id)
    assert services.registrations.register(activity, ana).id == row.id
    assert rows_in_table(services) == 1


def test_coming_back_after_cancelling_joins_the_end_of_the_waiting_list(
    services: Services,
) -> None:
    activity = new_activity(services, capacity=1)
    ana, bea, carla = (person(services, n) for n in ("Ana", "Bea", "Carla"))
    services.registrations.register(activity, ana)
    bea_row = services.registrations.register(activity, bea)  # waiting
    services.registrations.update(
        bea_row.id, organisation_id=None, role="attendee", status="cancelled"
    )
    services.registrations.register(activity, carla)  # waiting, first now
    services.registrations.register(activity, bea)  # back, after Carla
    assert statuses(services, activity)["Bea"] == "waiting_list"

    ana_row = services.registrations.list(activity)[0]
    assert services.registrations.remove(ana_row.id) == carla


@pytest.mark.parametrize("how", ["cancel", "remove", "wait", "facilitator"])
def test_a_freed_place_goes_to_the_first_person_waiting(services: Services, how: str) -> None:
    activity = new_activity(services, capacity=1)
    ana, bea, carla = (person(services, n) for n in ("Ana", "Bea", "Carla"))
    ana_row = services.registrations.register(activity, ana)
    services.registrations.register(activity, bea)
    services.registrations.register(activity, carla)
    if how == "remove":
        promoted = services.registrations.remove(ana_row.id)
    else:
        role, status = {
            "cancel": ("attendee", "cancelled"),
            "wait": ("attendee", "waiting_list"),
            "facilitator": ("facilitator", "registered"),
        }[how]
        promoted = services.registrations.update(
            ana_row.id, organisation_id=None, role=role, status=status
        )
    assert promoted == bea
    assert statuses(services, activity)["Bea"] == "registered"
    assert statuses(services, activity)["Carla"] == "waiting_list"


def test_a_change_that_frees_no_place_promotes_nobody(services: Services) -> None:
    activity = new_activity(services, capacity=1)
    ana, bea = person(services, "Ana"), person(services, "Bea")
    ana_row = services.registrations.register(activity, ana)
    services.registrations.register(activity, bea)
    promoted = services.registrations.update(
        ana_row.id, organisation_id=None, role="attendee", status="invited", heard_from="Phone"
    )
    assert promoted is None
    assert statuses(services, activity) == {"Ana": "invited", "Bea": "waiting_list"}


def test_facilitators_do_not_take_attendee_places(services: Services) -> None:
    activity = new_activity(services, capacity=1)
    for name in ("Tere", "Xabi"):
        services.registrations.register(activity, person(services, name), role="facilitator")
    services.registrations.register(activity, person(services, "Ana"))
    services.registrations.register(activity, person(services, "Bea"))
    rows = {r.full_name: (r.role, r.status) for r in services.registrations.list(activity)}
    assert rows == {
        "Tere": ("facilitator", "registered"),
        "Xabi": ("facilitator", "registered"),
        "Ana": ("attendee", "registered"),
        "Bea": ("attendee", "waiting_list"),
    }


def test_registering_a_facilitator_again_keeps_them_facilitator(services: Services) -> None:
    activity = new_activity(services, capacity=1)
    services.registrations.register(activity, person(services, "Ana"))
    tere = person(services, "Tere")
    services.registrations.register(activity, tere, role="facilitator")
    again = services.registrations.register(activity, tere)  # as an import marking her would
    assert (again.role, again.status) == ("facilitator", "registered")


def test_a_facilitator_turned_attendee_when_full_waits(services: Services) -> None:
    activity = new_activity(services, capacity=1)
    services.registrations.register(activity, person(services, "Ana"))
    tere = person(services, "Tere")
    services.registrations.register(activity, tere, role="facilitator")
    again = services.registrations.register(activity, tere, role="attendee")
    assert (again.role, again.status) == ("attendee", "waiting_list")


def test_an_explicit_status_is_kept_even_when_full(services: Services) -> None:
    activity = new_activity(services, capacity=1)
    services.registrations.register(activity, person(services, "Ana"))
    row = services.registrations.register(activity, person(services, "Bea"), status="registered")
    assert row.status == "registered"


@pytest.mark.parametrize(
    ("values", "field"), [({"role": "boss"}, "role"), ({"status": "maybe"}, "status")]
)
def test_a_bad_role_or_status_is_refused(
    services: Services, values: dict[str, str], field: str
) -> None:
    activity = new_activity(services)
    ana = person(services, "Ana")
    with pytest.raises(ValidationError) as raised:
        services.registrations.register(activity, ana, **values)  # type: ignore[arg-type]
    assert raised.value.field == field
    assert rows_in_table(services) == 0


def test_registering_in_a_missing_activity_or_a_merged_person_is_refused(
    services: Services,
) -> None:
    activity = new_activity(services)
    ana, ana2 = person(services, "Ana"), person(services, "Ana bis")
    with pytest.raises(NotFoundError):
        services.registrations.register("no-such-activity", ana)
    services.duplicates.merge_people(ana, [ana2])
    with pytest.raises(NotFoundError, match="merged"):
        services.registrations.register(activity, ana2)
    assert rows_in_table(services) == 0


@pytest.mark.parametrize("score", [0, 6, -1])
def test_scores_outside_one_to_five_are_refused(services: Services, score: int) -> None:
    activity = new_activity(services)
    row = services.registrations.register(activity, person(services, "Ana"))
    with pytest.raises(ValidationError) as raised:
        services.registrations.save_evaluation(row.id, satisfaction=score)
    assert raised.value.field == "satisfaction"
    with pytest.raises(ValidationError) as raised:
        services.registrations.save_evaluation(row.id, satisfaction=4, usefulness=score)
    assert raised.value.field == "usefulness"
    assert services.registrations.list(activity)[0].satisfaction is None  # nothing half-saved


def test_evaluation_summary_averages_what_was_answered(services: Services) -> None:
    activity = new_activity(services)
    ana, bea, carla, dora = (
        services.registrations.register(activity, person(services, n))
        for n in ("Ana", "Bea", "Carla", "Dora")
    )
    services.registrations.save_evaluation(
        ana.id, satisfaction=5, usefulness=4, comment=" Great ", wanted_topics="Fundraising"
    )
    services.registrations.save_evaluation(bea.id, satisfaction=4, usefulness=None)
    services.registrations.save_evaluation(carla.id, satisfaction=None, usefulness=2)
    assert dora.satisfaction is None
    summary = services.registrations.evaluation_summary(activity)
    assert summary.responses == 3
    assert summary.satisfaction_average == pytest.approx(4.5)
    assert summary.usefulness_average == pytest.approx(3.0)
    assert summary.comments == ("Great",)
    assert summary.wanted_topics == ("Fundraising",)

    services.registrations.save_evaluation(ana.id, satisfaction=None)  # cleared
    summary = services.registrations.evaluation_summary(activity)
    assert summary.responses == 2
    assert summary.satisfaction_average == pytest.approx(4.0)
    assert summary.comments == ()


def test_an_activity_without_evaluations_has_no_averages(services: Services) -> None:
    activity = new_activity(services)
    services.registrations.register(activity, person(services, "Ana"))
    summary = services.registrations.evaluation_summary(activity)
    assert (summary.responses, summary.satisfaction_average, summary.usefulness_average) == (
        0,
        None,
        None,
    )


def test_raising_the_capacity_gives_the_new_places_to_the_waiting_list(services) -> None:
    activity = services.activities.save(ActivityData(title="Taller", capacity=1))
    people = [services.people.save(PersonData(full_name=n)).id for n in ("Ana", "Bea", "Carla")]
    statuses = [services.registrations.register(activity.id, p).status for p in people]
    assert statuses == ["registered", "waiting_list", "waiting_list"]
    services.activities.save(replace(services.activities.get(activity.id), capacity=2))
    by_person = {r.person_id: r.status for r in services.registrations.list(activity.id)}
    assert [by_person[p] for p in people] == ["registered", "registered", "waiting_list"]
