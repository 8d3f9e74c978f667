"""Mentoring pairs: saving, what is refused and why, who must be in the directory, closing and
reopening, and the trash."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from app.errors import NotFoundError, ValidationError
from app.services.mentoring_values import GoalData, RelationshipData
from app.services.registry import Services
from tests.services.mentoring_helpers import (
    TODAY,
    log_session,
    make_parties,
    pair,
    person,
)


@pytest.fixture
def parties(services: Services) -> dict[str, str]:
    return make_parties(services)


def pair_count(services: Services) -> int:
    return services.mentoring.count() + services.mentoring.count(trash=True)


# Relationships: saving and validation


def test_a_pair_is_saved_with_names_organisations_and_clean_texts(
    services: Services, parties: dict[str, str]
) -> None:
    saved = pair(
        services,
        parties,
        areas=("fundraising", "quality", "fundraising"),
        start_date=date(2026, 1, 15),
        planned_end=date(2026, 12, 15),
        frequency="fortnightly",
        status="active",
        agreement_goals="  First: a fundraising plan.\nThen: a quality manual.  ",
    )

    assert (saved.mentor_name, saved.mentor_organisation) == ("Lucía Núñez", "Fundación Alba")
    assert (saved.mentee_name, saved.mentee_organisation) == ("Pablo Ortega", "Asociación Río")
    assert saved.data.areas == ("fundraising", "quality")
    assert saved.data.agreement_goals == "First: a fundraising plan.\nThen: a quality manual."
    assert (saved.sessions, saved.minutes, saved.last_session_on, saved.goals) == (0, 0, None, ())
    assert services.mentoring.get(saved.data.id or "") == saved


def test_a_pair_without_organisations_is_accepted(services: Services) -> None:
    saved = services.mentoring.save(
        RelationshipData(mentor_id=person(services, "Ana"), mentee_id=person(services, "Luis"))
    )

    row = services.mentoring.list()[0]
    assert (row.id, row.mentor_organisation, row.mentee_organisation) == (saved.data.id, "", "")


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"mentee_id": ""}, "mentee_id", "Choose both the mentor and the mentee"),
        ({"mentor_id": ""}, "mentor_id", "Choose both the mentor and the mentee"),
        ({"mentee_id": "SAME"}, "mentee_id", "two different people"),
        ({"mentee_organisation_id": "SAME"}, "mentee_organisation_id", "different organisations"),
        ({"planned_end": date(2025, 12, 31)}, "planned_end", "planned end comes before"),
        ({"status": "finished"}, "status", "“finished” is not a status a pair can have"),
        ({"areas": ("quality", "cooking")}, "areas", "“cooking” is not one of the mentoring"),
        ({"frequency": "daily"}, "frequency", "“daily” is not one of the frequencies"),
        (
            {"status": "closed", "closure_reason": "bored"},
            "closure_reason",
            "“bored” is not one of the reasons to close",
        ),
        (
            {"status": "closed", "closed_on": date(2025, 12, 1)},
            "closed_on",
            "cannot close before it started",
        ),
    ],
)
def test_a_pair_that_cannot_be_saved_says_what_to_fix(
    services: Services,
    parties: dict[str, str],
    change: dict[str, object],
    field: str,
    words: str,
) -> None:
    same = {"mentee_id": "mentor_id", "mentee_organisation_id": "mentor_organisation_id"}
    values = {k: parties[same[k]] if v == "SAME" else v for k, v in change.items()}

    with pytest.raises(ValidationError) as caught:
        pair(services, parties, start_date=date(2026, 1, 1), **values)

    assert words in str(caught.value)
    assert caught.value.field == field
    assert pair_count(services) == 0


def test_an_existing_pair_cannot_be_moved_into_one_organisation(
    services: Services, parties: dict[str, str]
) -> None:
    saved = pair(services, parties)
    same = replace(saved.data, mentee_organisation_id=parties["mentor_organisation_id"])

    with pytest.raises(ValidationError, match="same organisation"):
        services.mentoring.save(same)
    assert services.mentoring.get(saved.data.id or "").mentee_organisation == "Asociación Río"


def test_people_and_organisations_must_be_in_the_directory(
    services: Services, parties: dict[str, str]
) -> None:
    services.people.delete([parties["mentee_id"]])
    with pytest.raises(NotFoundError, match="One of the two people"):
        pair(services, parties)

    services.people.restore([parties["mentee_id"]])
    services.organisations.delete([parties["mentee_organisation_id"]])
    with pytest.raises(NotFoundError, match="One of the two organisations"):
        pair(services, parties)

    with pytest.raises(NotFoundError):
        pair(services, {**parties, "mentee_organisation_id": None, "mentor_id": "no-such-id"})
    assert pair_count(services) == 0


def test_a_person_merged_into_another_cannot_be_chosen(
    services: Services, parties: dict[str, str]
) -> None:
    twin = person(services, "Pablo Ortega")
    services.duplicates.merge_people(parties["mentee_id"], [twin])

    with pytest.raises(NotFoundError, match="merged"):
        pair(services, {**parties, "mentee_id": twin})


def test_a_pair_whose_mentee_left_the_directory_can_still_be_closed(
    services: Services, parties: dict[str, str]
) -> None:
    saved = pair(services, parties, status="active", start_date=date(2026, 1, 1))
    services.people.delete([parties["mentee_id"]])
    services.organisations.delete([parties["mentee_organisation_id"]])

    closed = services.mentoring.save(
        replace(saved.data, status="closed", closure_reason="mentee_left"), today=TODAY
    )

    assert (closed.data.status, closed.data.closed_on) == ("closed", TODAY)
    assert closed.mentee_name == "Pablo Ortega"


# Closing


def test_closing_without_a_date_or_reason_stamps_today_and_other(
    services: Services, parties: dict[str, str]
) -> None:
    saved = pair(services, parties, status="active")

    closed = services.mentoring.save(replace(saved.data, status="closed"), today=TODAY)

    assert (closed.data.closed_on, closed.data.closure_reason) == (TODAY, "other")


def test_closing_keeps_the_date_reason_and_assessment_given_and_reopening_clears_them(
    services: Services, parties: dict[str, str]
) -> None:
    saved = pair(services, parties, status="active", start_date=date(2026, 1, 1))
    closed = services.mentoring.save(
        replace(
            saved.data,
            status="closed",
            closed_on=date(2026, 2, 20),
            closure_reason="goals_achieved",
            final_assessment="A fundraising plan in place.",
        ),
        today=TODAY,
    )
    assert (closed.data.closed_on, closed.data.closure_reason) == (
        date(2026, 2, 20),
        "goals_achieved",
    )

    reopened = services.mentoring.save(replace(closed.data, status="paused"), today=TODAY)

    assert (reopened.data.closed_on, reopened.data.closure_reason) == (None, "")
    assert reopened.data.final_assessment == "A fundraising plan in place."


def test_an_open_pair_keeps_no_closing_date(services: Services, parties: dict[str, str]) -> None:
    saved = pair(services, parties, status="active", closed_on=TODAY, closure_reason="no_time")

    assert (saved.data.closed_on, saved.data.closure_reason) == (None, "")


# The trash


def test_a_pair_in_the_trash_leaves_the_list_and_comes_back(
    services: Services, parties: dict[str, str]
) -> None:
    saved = pair(services, parties)
    rid = saved.data.id or ""
    log_session(services, rid, date(2026, 2, 1))
    goal = services.mentoring.save_goal(GoalData(rid, "Plan"), today=TODAY)

    assert services.mentoring.delete([rid]) == 1

    assert (services.mentoring.list(), services.mentoring.count()) == ([], 0)
    assert [r.id for r in services.mentoring.list(trash=True)] == [rid]
    assert services.mentoring.count(trash=True) == 1
    assert services.mentoring.list(trash=True)[0].deleted_at is not None
    assert services.mentoring.get(rid).data.deleted_at is not None
    with pytest.raises(NotFoundError):
        services.mentoring.save(replace(saved.data, notes="changed"))
    with pytest.raises(NotFoundError):
        log_session(services, rid, date(2026, 2, 8))
    with pytest.raises(NotFoundError):
        services.mentoring.save_goal(GoalData(rid, "Another"), today=TODAY)

    assert services.mentoring.restore([rid]) == 1

    detail = services.mentoring.get(rid)
    assert detail.data.deleted_at is None
    assert (detail.sessions, [g.id for g in detail.goals]) == (1, [goal.id])
    assert services.mentoring.count(trash=True) == 0


def test_an_unknown_pair_is_not_found(services: Services) -> None:
    with pytest.raises(NotFoundError, match="no longer exists"):
        services.mentoring.get("no-such-id")
    assert services.mentoring.delete(["no-such-id"]) == 0
