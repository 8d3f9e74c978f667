"""The mentoring health check: each flag's rule at its limit, the words, and the order."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from app.errors import ValidationError
from app.models import utcnow
from app.services.mentoring_health import DEFAULT_WEEKS, HEALTH_FLAGS
from app.services.registry import Services
from tests.services.mentor_helpers import goal, log_session, organisation, pair, person

START = date(2026, 1, 5)


@pytest.fixture
def people(services: Services) -> dict[str, str]:
    ids = {"alba": organisation(services, "Asociación Alba")}
    ids["brisa"] = organisation(services, "Fundación Brisa")
    ids["marta"] = person(services, "Marta Brisa", ids["brisa"])
    for name in ("Eva", "Juan", "Ana", "Luis"):
        ids[name.lower()] = person(services, f"{name} Alba", ids["alba"])
    return ids


def new_pair(services: Services, people: dict[str, str], mentee: str = "eva", **values) -> str:
    values.setdefault("status", "active")
    values.setdefault("start_date", START)
    return pair(
        services, people["marta"], people[mentee], people["brisa"], people["alba"], START, **values
    )


def flags(services: Services, today: date, weeks: int = DEFAULT_WEEKS) -> dict[str, list[str]]:
    """Relationship id -> the codes of its flags."""
    rows = services.mentoring_health.check(weeks=weeks, today=today)
    return {row.relationship_id: [f.code for f in row.flags] for row in rows}


def messages(services: Services, today: date, weeks: int = DEFAULT_WEEKS) -> list[str]:
    rows = services.mentoring_health.check(weeks=weeks, today=today)
    return [f.message for row in rows for f in row.flags]


def test_no_session_flags_on_the_day_the_gap_reaches_the_weeks(services, people):
    pid = new_pair(services, people)
    log_session(services, pid, START + timedelta(days=7))
    last = START + timedelta(days=7)

    assert flags(services, last + timedelta(days=41)) == {}
    assert flags(services, last + timedelta(days=42)) == {pid: ["no_session"]}
    assert messages(services, last + timedelta(days=63)) == ["No session for 9 weeks"]
    assert flags(services, last + timedelta(days=63), weeks=10) == {}


def test_a_pair_without_sessions_counts_from_its_start(services, people):
    pid = new_pair(services, people)
    assert flags(services, START + timedelta(days=41)) == {}
    assert flags(services, START + timedelta(days=49)) == {pid: ["no_session"]}
    assert messages(services, START + timedelta(days=49)) == [
        "No session yet, 7 weeks after the start"
    ]


def test_a_pair_starting_later_is_not_late(services, people):
    new_pair(services, people, start_date=START + timedelta(days=100))
    assert flags(services, START + timedelta(days=60)) == {}


def test_overdue_goals_count_live_goals_past_due_and_not_achieved(services, people):
    pid = new_pair(services, people)
    log_session(services, pid, START + timedelta(days=30))
    due = START + timedelta(days=20)
    goal(services, pid, "Plan de captación", START, due=due, progress=40)
    goal(services, pid, "Memoria anual", START, due=due, progress=100)  # achieved
    goal(services, pid, "Web", START, due=None)
    trashed = goal(services, pid, "Olvidado", START, due=due)
    services.mentoring.delete_goal(trashed.id)
    today = START + timedelta(days=31)

    assert flags(services, today) == {pid: ["overdue_goals"]}
    assert messages(services, today) == ["1 goal overdue since Jan 25, 2026"]
    assert flags(services, due) == {}  # due today is not overdue yet

    goal(services, pid, "Manual de acogida", START, due=START + timedelta(days=10))
    assert messages(services, today) == ["2 goals overdue, the first since Jan 15, 2026"]


def test_stalled_means_no_goal_progress_for_twice_the_weeks(services, people):
    pid = new_pair(services, people)
    plan = goal(services, pid, "Plan de captación", START)
    for week in range(0, 14, 2):
        log_session(services, pid, START + timedelta(weeks=week))

    assert flags(services, START + timedelta(days=83)) == {}
    assert flags(services, START + timedelta(days=84)) == {pid: ["stalled"]}
    assert messages(services, START + timedelta(days=88)) == [
        "No goal progress recorded for 12 weeks"
    ]

    services.mentoring.save_goal(replace(plan, progress=30), today=START + timedelta(days=80))
    assert flags(services, START + timedelta(days=88)) == {}


def test_a_young_pair_is_not_stalled_and_paused_pairs_are_not_late(services, people):
    pid = new_pair(services, people, status="paused")
    assert flags(services, START + timedelta(days=70)) == {}
    assert pid


def test_past_end_flags_every_pair_not_closed(services, people):
    end = START + timedelta(days=60)
    pid = new_pair(services, people, planned_end=end)
    log_session(services, pid, end)
    new_pair(services, people, "juan", planned_end=end, status="closed", closed_on=end)

    assert flags(services, end) == {}
    assert flags(services, end + timedelta(days=3)) == {pid: ["past_end"]}
    assert messages(services, end + timedelta(days=3)) == [
        "The planned end (Mar 6, 2026) passed 3 days ago"
    ]


def test_proposals_waiting_and_long_pauses_count_from_when_they_were_recorded(services, people):
    proposed = new_pair(services, people, status="proposed", start_date=None)
    paused = new_pair(services, people, "juan", status="paused", start_date=None)
    recorded = utcnow().date()  # created_at is stored in UTC

    assert flags(services, recorded + timedelta(days=41)) == {}
    assert flags(services, recorded + timedelta(days=42)) == {proposed: ["proposed_waiting"]}
    assert flags(services, recorded + timedelta(days=84)) == {
        proposed: ["proposed_waiting"],
        paused: ["paused_long"],
    }
    words = messages(services, recorded + timedelta(days=84))
    assert "Proposed 12 weeks ago and not started yet" in words
    assert "Paused for 12 weeks" in words


def test_the_pairs_needing_most_attention_come_first(services, people):
    quiet = new_pair(services, people, "eva")
    log_session(services, quiet, START + timedelta(days=14))
    worst = new_pair(services, people, "juan", planned_end=START + timedelta(days=30))
    goal(services, worst, "Plan", START, due=START + timedelta(days=20))
    healthy = new_pair(services, people, "ana")
    log_session(services, healthy, START + timedelta(days=60))
    goal(services, healthy, "Plan", START + timedelta(days=55))
    closed = new_pair(services, people, "luis", status="closed", closed_on=START)
    today = START + timedelta(days=62)

    rows = services.mentoring_health.check(today=today)
    assert [r.relationship_id for r in rows] == [worst, quiet]
    assert rows[0].score > rows[1].score > 0
    assert set(f.code for f in rows[0].flags) == {"no_session", "overdue_goals", "past_end"}
    assert (rows[0].mentor_name, rows[0].mentee_name) == ("Marta Brisa", "Juan Alba")
    assert rows[0].mentee_organisation == "Asociación Alba"
    assert rows[1].last_session_on == START + timedelta(days=14)

    everyone = services.mentoring_health.check(today=today, include_healthy=True)
    assert [r.relationship_id for r in everyone] == [worst, quiet, healthy]
    assert everyone[-1].flags == () and everyone[-1].score == 0
    assert closed not in {r.relationship_id for r in everyone}


def test_pairs_in_the_trash_are_left_out(services, people):
    pid = new_pair(services, people)
    services.mentoring.delete([pid])
    assert services.mentoring_health.check(today=START + timedelta(days=90)) == []


def test_every_flag_code_has_a_label():
    codes = {"no_session", "overdue_goals", "stalled", "past_end", "proposed_waiting"}
    assert codes | {"paused_long"} == set(HEALTH_FLAGS)


@pytest.mark.parametrize("weeks", [0, 53])
def test_weeks_out_of_range_are_refused(services, weeks):
    with pytest.raises(ValidationError, match="from 1 to 52"):
        services.mentoring_health.check(weeks=weeks)


def test_an_active_pair_without_a_start_date_counts_from_when_it_was_recorded(services, people):
    pid = new_pair(services, people, start_date=None)
    recorded = utcnow().date()  # created_at is stored in UTC
    assert flags(services, recorded + timedelta(days=41)) == {}
    assert messages(services, recorded + timedelta(days=42)) == [
        "No session yet, 6 weeks after the start"
    ]
    assert pid
