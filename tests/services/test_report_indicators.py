"""The report's indicators on a small programme with known answers (see report_world.py)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from app.errors import ValidationError
from app.models import Certificate, MentoringGoal
from app.services.activities import ActivityData, SessionData
from app.services.mentoring_values import RelationshipData, SessionLogData
from app.services.organisations import OrganisationData
from app.services.registry import Services
from app.services.reports.period import Period
from app.services.reports.values import report_json
from tests.services.report_world import World, activity, attend, build_world

YEAR = Period.year(2025)


@pytest.fixture
def world(services: Services) -> World:
    return build_world(services)


def test_a_person_at_two_activities_counts_once_in_the_total_and_once_per_kind(
    services: Services, world: World
) -> None:
    participants = report_json(services.reports.build(YEAR))["participants"]
    # Ana, Ben, Cris (forum), Ana, Eva, Dani (capsule); Fran is in the trash, Hugo was merged,
    # Gus was only excused, Ben's other forum was in 2024, Eva's other activity is trashed.
    assert participants["total"] == 5
    assert participants["by_kind"] == {"forum": 3, "capsule": 3, "other": 0}
    assert participants["by_gender"] == {"woman": 2, "man": 1, "non_binary": 1, "not_stated": 1}


def test_age_bands_count_by_birth_year_against_the_end_of_the_period(
    services: Services, world: World
) -> None:
    bands = report_json(services.reports.build(YEAR))["participants"]["by_age_band"]
    assert bands == {"under_18": 1, "18_29": 1, "30_54": 1, "55_plus": 1, "unknown": 1}
    # Against 2028, Ben (2010) is 18 and Ana (1990) 38: the bands follow the period's end.
    later = Period(date(2025, 1, 1), date(2028, 12, 31))
    bands = report_json(services.reports.build(later))["participants"]["by_age_band"]
    assert bands == {"under_18": 0, "18_29": 2, "30_54": 1, "55_plus": 1, "unknown": 1}


def test_sessions_hours_delivered_and_person_hours(services: Services, world: World) -> None:
    data = report_json(services.reports.build(YEAR))
    # One forum session and four live capsule sessions (the fifth is in the trash), 2 h each.
    assert data["sessions"] == 5
    assert data["hours"]["delivered"] == 10.0
    # Forum: Ana, Ben, Cris 2 h each; capsule: Ana 8 h, Eva 4 h, Dani 2 + 1 + 2 h.
    assert data["hours"]["person_hours"] == 23.0


def test_a_quarter_counts_only_its_own_sessions(services: Services, world: World) -> None:
    first = report_json(services.reports.build(Period.quarter(2025, 1)))
    assert (first["sessions"], first["participants"]["total"]) == (1, 3)
    assert first["participants"]["by_kind"]["capsule"] == 0
    second = report_json(services.reports.build(Period.quarter(2025, 2)))
    assert (second["sessions"], second["participants"]["total"]) == (4, 3)


def test_completion_follows_each_activity_rule(services: Services, world: World) -> None:
    completed = report_json(services.reports.build(YEAR))["completed"]
    # The forum has no rule (one session is enough): Ana, Ben, Cris. The capsule asks 75 %:
    # Ana 4/4 and Dani 3/4 complete it, Eva 2/4 does not. Ana counts once.
    assert completed["total"] == 4
    assert completed["by_gender"] == {"woman": 1, "man": 1, "non_binary": 1, "not_stated": 1}


def test_completion_counts_in_the_period_of_the_last_session(
    services: Services, world: World
) -> None:
    # Attended in December 2025, ended in January 2026: completed in 2026, not in 2025.
    late = activity(services, "Winter", "capsule", ("2025-12-15", "2026-01-12"), percent=50)
    attend(services, late, world.people["Eva"], world.orgs["C"], "present")
    assert services.reports.build(YEAR).completed.total == 4
    next_year = report_json(services.reports.build(Period.year(2026)))
    assert next_year["completed"]["by_gender"]["woman"] == 1
    assert next_year["participants"]["total"] == 0


def test_a_completion_certificate_issued_in_the_period_counts(
    services: Services, world: World
) -> None:
    with services.db.session() as s:
        for number, (name, revoked) in enumerate((("Eva", None), ("Gus", datetime(2025, 7, 2)))):
            s.add(
                Certificate(
                    code=f"CODE-{number}",
                    kind="completion",
                    activity_id=world.capsule.id,
                    person_id=world.people[name],
                    person_name=name,
                    activity_title="Skills",
                    issued_at=datetime(2025, 7, 1, 9, 30),
                    payload="",
                    revoked_at=revoked,
                )
            )
    report = services.reports.build(YEAR)
    # Eva did not meet the rule but holds a certificate; Gus's was revoked.
    assert report.completed.total == 5
    assert report.certificates.issued == 1
    assert services.reports.build(Period.year(2024)).certificates.issued == 0


def test_an_organisation_with_three_attendees_counts_once(services: Services, world: World) -> None:
    organisations = report_json(services.reports.build(YEAR))["organisations"]
    # A (Ana, Ben, Cris at the forum), B (Ana at the capsule), C (Eva); T is in the trash.
    assert organisations["reached"] == 3
    assert organisations["by_type"]["association"] == 1
    assert organisations["by_type"]["public_body"] == 0
    assert sum(organisations["by_type"].values()) == 3
    assert organisations["by_territory"] == {"Bilbao": 1, "Getxo": 1, "": 1}
    # A (forum, no rule) and B (Ana completed the capsule); C's Eva did not complete.
    assert organisations["completed"] == 2


def test_mentoring_pairs_reach_organisations_and_closing_well_completes(
    services: Services, world: World
) -> None:
    d = services.organisations.save(OrganisationData(name="Org D", kind="federation"))
    e = services.organisations.save(OrganisationData(name="Org E", kind="informal_group"))
    pair = services.mentoring.save(
        RelationshipData(
            mentor_id=world.people["Gus"],
            mentee_id=world.people["Eva"],
            mentor_organisation_id=d.id,
            mentee_organisation_id=e.id,
            start_date=date(2025, 2, 1),
            status="closed",
            closed_on=date(2025, 9, 30),
            closure_reason="goals_achieved",
        ),
        today=date(2025, 10, 1),
    )
    for day, minutes in ((date(2025, 3, 1), 90), (date(2025, 4, 1), 45), (date(2024, 4, 1), 60)):
        services.mentoring.save_session(
            SessionLogData(pair.data.id or "", day, minutes=minutes, confidential_notes="Secret"),
            today=date(2025, 10, 1),
        )
    data = report_json(services.reports.build(YEAR))
    assert data["organisations"]["reached"] == 5
    assert data["organisations"]["completed"] == 3
    assert data["mentoring"]["pairs_active"] == 1
    assert data["mentoring"]["pairs_closed"] == 1
    totals = services.mentoring_health.totals(YEAR.start, YEAR.end)
    assert data["mentoring"]["sessions"] == totals.sessions
    assert data["mentoring"]["goals_achieved"] == totals.goals_achieved
    assert (data["mentoring"]["sessions"], data["mentoring"]["hours"]) == (2, 2.25)
    sessions = services.reports.records(YEAR, "mentoring.sessions")
    assert [row[1:] for row in sessions.rows] == [("Gus", "Eva", "1.5"), ("Gus", "Eva", "0.8")]
    assert "Secret" not in str(sessions)
    closed = services.reports.records(YEAR, "mentoring.pairs_closed").rows
    assert closed == (
        ("Gus", "Org D", "Eva", "Org E", "Closed", "Feb 1, 2025", "Sep 30, 2025", "Goals achieved"),
    )
    completed = services.reports.records(YEAR, "organisations.completed").rows
    assert [row[0] for row in completed] == ["Org A", "Org B", "Org E"]


def test_suppression_hides_small_counts_of_people_and_organisations(
    services: Services, world: World
) -> None:
    data = report_json(services.reports.build(YEAR, suppress_below=3))
    assert data["suppressed_below"] == 3
    assert data["participants"]["total"] == 5
    assert data["participants"]["by_gender"] == {
        "woman": None,
        "man": None,
        "non_binary": None,
        "not_stated": None,
    }
    # Zero identifies nobody: it stays.
    assert data["participants"]["by_kind"] == {"forum": 3, "capsule": 3, "other": 0}
    assert data["organisations"]["reached"] == 3
    assert data["organisations"]["completed"] is None
    assert data["organisations"]["by_territory"] == {"Bilbao": None, "Getxo": None, "": None}
    # Hours and sessions are never hidden.
    assert data["hours"] == {"delivered": 10.0, "person_hours": 23.0}
    assert data["sessions"] == 5
    unhidden = report_json(services.reports.build(YEAR))
    assert unhidden["suppressed_below"] == 0
    assert unhidden["participants"]["by_gender"]["man"] == 1


def test_a_threshold_out_of_range_is_refused(services: Services) -> None:
    with pytest.raises(ValidationError):
        services.reports.build(YEAR, suppress_below=-1)
    with pytest.raises(ValidationError):
        services.reports.build(YEAR, suppress_below=1000)


def test_the_json_has_exactly_the_documented_keys(services: Services) -> None:
    data = services.reports.json(YEAR)
    assert list(data) == [
        "period",
        "participants",
        "completed",
        "hours",
        "sessions",
        "organisations",
        "mentoring",
        "practices",
        "certificates",
        "cascades",
        "suppressed_below",
    ]
    assert data["period"] == {"from": "2025-01-01", "to": "2025-12-31"}
    assert list(data["participants"]) == ["total", "by_gender", "by_age_band", "by_kind"]
    assert list(data["participants"]["by_age_band"]) == [
        "under_18",
        "18_29",
        "30_54",
        "55_plus",
        "unknown",
    ]
    assert list(data["completed"]) == ["total", "by_gender"]
    assert list(data["hours"]) == ["delivered", "person_hours"]
    assert list(data["organisations"]) == ["reached", "completed", "by_type", "by_territory"]
    assert list(data["mentoring"]) == [
        "pairs_active",
        "pairs_closed",
        "sessions",
        "hours",
        "goals_achieved",
    ]
    assert list(data["practices"]) == ["collected", "published", "shared", "adopted"]
    assert list(data["certificates"]) == ["issued"]
    assert list(data["cascades"]) == ["count", "people_reached"]
    # An empty programme: zeros, never errors.
    assert data["participants"]["total"] == 0
    assert data["hours"] == {"delivered": 0.0, "person_hours": 0.0}


def test_goals_achieved_come_from_mentoring_totals(services: Services, world: World) -> None:
    pair = services.mentoring.save(
        RelationshipData(
            mentor_id=world.people["Gus"],
            mentee_id=world.people["Ben"],
            start_date=date(2025, 5, 1),
            status="active",
        ),
        today=date(2025, 5, 1),
    )
    with services.db.session() as s:
        s.add(
            MentoringGoal(
                relationship_id=pair.data.id, description="Plan", achieved_on=date(2025, 8, 1)
            )
        )
    mentoring = services.reports.build(YEAR).mentoring
    assert (mentoring.pairs_active, mentoring.pairs_closed, mentoring.goals_achieved) == (1, 0, 1)
    assert services.reports.build(Period.year(2026)).mentoring.goals_achieved == 0


def test_a_session_without_times_delivers_no_hours(services: Services, world: World) -> None:
    untimed = services.activities.save(
        ActivityData(title="Walk", kind="other", sessions=(SessionData(date(2025, 5, 5)),))
    )
    attend(services, untimed, world.people["Eva"], None, "present")
    data = report_json(services.reports.build(YEAR))
    assert data["sessions"] == 6
    assert data["hours"]["delivered"] == 10.0
    assert data["participants"]["by_kind"]["other"] == 1
    assert data["participants"]["total"] == 5
