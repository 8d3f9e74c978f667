"""Cascades: recorded with who, where, what and how many people were reached; listed by period
and words; checked against what they refer to; trashed and restored; and the form's choices."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

import pytest

from app.errors import NotFoundError, ValidationError
from app.services.activities import ActivityData, SessionData
from app.services.cascades import CascadeData
from app.services.catalogue_values import PracticeData
from app.services.organisations import OrganisationData
from app.services.people import MembershipData, PersonData
from app.services.registry import Services

TODAY = date(2026, 6, 30)


@pytest.fixture
def world(services: Services) -> dict[str, str]:
    """Ana of Asociación Río attended the capsule "Datos abiertos", where a practice was handed
    out; Bea attended nothing."""
    rio = services.organisations.save(OrganisationData(name="Asociación Río")).id or ""
    alba = services.organisations.save(OrganisationData(name="Fundación Alba")).id or ""
    ana = services.people.save(
        PersonData(full_name="Ana Núñez", memberships=(MembershipData(rio, role="staff"),))
    )
    bea = services.people.save(PersonData(full_name="Bea Gil"))
    practice = services.catalogue.save(PracticeData(title="Huerto comunitario"), today=TODAY)
    services.catalogue.save(PracticeData(title="Otra práctica"), today=TODAY)
    capsule = services.activities.save(
        ActivityData(
            title="Datos abiertos",
            kind="capsule",
            sessions=(SessionData(date(2026, 3, 3), time(10), time(12)),),
            practice_ids=(practice.id or "",),
        )
    )
    services.activities.save(ActivityData(title="Foro sin Ana", kind="forum"))
    services.registrations.register(capsule.id or "", ana.id or "", organisation_id=alba)
    services.attendance.mark(capsule.sessions[0].id or "", ana.id or "", "present")
    return {
        "rio": rio,
        "alba": alba,
        "ana": ana.id or "",
        "bea": bea.id or "",
        "practice": practice.id or "",
        "capsule": capsule.id or "",
    }


def record(services: Services, world: dict[str, str], **values: object) -> object:
    data = CascadeData(
        **{  # type: ignore[arg-type]
            "person_id": world["ana"],
            "held_on": date(2026, 4, 1),
            "organisation_id": world["rio"],
            "activity_id": world["capsule"],
            "practice_id": world["practice"],
            "people_reached": 12,
            "how": "training",
            **values,
        }
    )
    return services.cascades.save(data, today=TODAY)


def test_a_cascade_is_listed_with_the_names_it_refers_to(
    services: Services, world: dict[str, str]
) -> None:
    saved = record(services, world, notes="  Con el equipo de calle ")
    [row] = services.cascades.list()
    assert row == saved
    assert (row.person_name, row.organisation_name, row.activity_title, row.practice_title) == (
        "Ana Núñez",
        "Asociación Río",
        "Datos abiertos",
        "Huerto comunitario",
    )
    assert (row.held_on, row.people_reached, row.how) == (date(2026, 4, 1), 12, "training")
    data = services.cascades.get(row.id)
    assert data.notes == "Con el equipo de calle" and data.person_id == world["ana"]


def test_a_cascade_needs_only_a_person_and_a_date(
    services: Services, world: dict[str, str]
) -> None:
    row = record(
        services, world, organisation_id=None, activity_id="", practice_id=None, people_reached=0
    )
    assert (row.organisation_name, row.activity_title, row.practice_title) == ("", "", "")
    assert row.activity_id is None  # an empty choice is stored as none


def test_the_list_filters_by_period_and_words_newest_first(
    services: Services, world: dict[str, str]
) -> None:
    record(services, world, held_on=date(2026, 3, 10))
    record(services, world, held_on=date(2026, 5, 2), people_reached=3)
    record(services, world, person_id=world["bea"], activity_id=None, held_on=date(2026, 4, 1))
    listed = services.cascades.list()
    assert [r.held_on for r in listed] == [date(2026, 5, 2), date(2026, 4, 1), date(2026, 3, 10)]
    april = services.cascades.list(start=date(2026, 4, 1), end=date(2026, 4, 30))
    assert [r.person_name for r in april] == ["Bea Gil"]
    assert [r.held_on for r in services.cascades.list("", date(2026, 4, 2))] == [date(2026, 5, 2)]
    assert len(services.cascades.list("ABIERTOS")) == 2  # the activity's title
    assert len(services.cascades.list("bea")) == 1
    assert services.cascades.count("nunez huerto") == 2  # her name and the practice
    assert services.cascades.count("", date(2026, 3, 1), date(2026, 3, 31)) == 1
    assert len(services.cascades.list(person_id=world["bea"])) == 1
    assert len(services.cascades.list(activity_id=world["capsule"])) == 2


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"person_id": ""}, "person_id"),
        ({"held_on": None}, "held_on"),
        ({"held_on": date(2026, 7, 1)}, "held_on"),  # after today
        ({"held_on": date(2026, 3, 2)}, "held_on"),  # before the activity began
        ({"people_reached": -1}, "people_reached"),
        ({"people_reached": 2.5}, "people_reached"),
        ({"how": "telepathy"}, "how"),
        ({"person_id": "nobody"}, "person_id"),
        ({"organisation_id": "nowhere"}, "organisation_id"),
        ({"practice_id": "nothing"}, "practice_id"),
    ],
)
def test_what_cannot_be_saved_names_the_field(
    services: Services, world: dict[str, str], values: dict[str, object], field: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        record(services, world, **values)
    assert caught.value.field == field
    assert services.cascades.count() == 0


def test_a_trashed_reference_cannot_be_chosen_but_may_stay(
    services: Services, world: dict[str, str]
) -> None:
    saved = record(services, world)
    services.organisations.delete([world["rio"]])
    services.people.delete([world["ana"]])
    data = services.cascades.get(saved.id)
    kept = services.cascades.save(replace(data, people_reached=20), today=TODAY)
    assert (kept.people_reached, kept.organisation_name) == (20, "Asociación Río")
    with pytest.raises(ValidationError) as caught:
        record(services, world)  # a new cascade of a person in the trash
    assert caught.value.field == "person_id"
    services.activities.delete([world["capsule"]])
    with pytest.raises(ValidationError) as caught:
        services.cascades.save(replace(data, id=None, person_id=world["bea"]), today=TODAY)
    assert caught.value.field == "organisation_id"


def test_trash_and_restore(services: Services, world: dict[str, str]) -> None:
    saved = record(services, world)
    assert services.cascades.delete(saved.id) == 1
    assert services.cascades.list() == [] and services.cascades.count() == 0
    with pytest.raises(NotFoundError):
        services.cascades.get(saved.id)
    assert services.cascades.restore([saved.id]) == 1
    assert [r.id for r in services.cascades.list()] == [saved.id]


def test_the_choices_offer_what_the_person_attended(
    services: Services, world: dict[str, str]
) -> None:
    choices = services.cascades.choices(world["ana"])
    # Her membership and the organisation she came on behalf of.
    assert [name for _id, name in choices.organisations] == ["Asociación Río", "Fundación Alba"]
    assert choices.activities == ((world["capsule"], "Datos abiertos"),)
    assert choices.practices == ((world["practice"], "Huerto comunitario"),)
    nothing = services.cascades.choices(world["bea"])
    assert (nothing.organisations, nothing.activities, nothing.practices) == ((), (), ())


def test_merging_people_moves_their_cascades(services: Services, world: dict[str, str]) -> None:
    record(services, world, person_id=world["bea"], activity_id=None)
    services.duplicates.merge_people(world["ana"], [world["bea"]])
    [row] = services.cascades.list()
    assert row.person_name == "Ana Núñez"
