"""Completion: the rule of an activity (minimum % of sessions and/or hours) and its edge cases."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

import pytest

from app.errors import NotFoundError
from app.services.activities import ActivityData, SessionData
from app.services.completion import AT_RISK, COMPLETED, NOT_COMPLETED, PersonCompletion
from app.services.people import PersonData
from app.services.registry import Services

DAYS = ("2025-03-03", "2025-03-10", "2025-03-17", "2025-03-24")
AFTER = date(2025, 12, 31)  # every session is past


def new_activity(
    services: Services,
    days: tuple[str, ...] = DAYS,
    percent: int | None = None,
    minutes: int | None = None,
) -> ActivityData:
    """An activity whose sessions last two hours each (10:00-12:00)."""
    return services.activities.save(
        ActivityData(
            title="Gender mainstreaming",
            min_attendance_percent=percent,
            min_minutes=minutes,
            sessions=tuple(SessionData(date.fromisoformat(d), time(10), time(12)) for d in days),
        )
    )


def enrol(services: Services, activity: ActivityData, name: str, *marks: str | None) -> str:
    """Register ``name`` and mark them at the sessions in order (``None``: not marked)."""
    saved = services.people.save(PersonData(full_name=name))
    assert saved.id is not None
    services.registrations.register(activity.id or "", saved.id)
    for session, mark in zip(activity.sessions, marks, strict=False):
        if mark is not None:
            services.attendance.mark(session.id or "", saved.id, mark)
    return saved.id


def standing(
    services: Services, activity: ActivityData, today: date = AFTER
) -> dict[str, PersonCompletion]:
    result = services.completion.for_activity(activity.id or "", today=today)
    return {p.full_name: p for p in result.people}


def test_an_activity_without_sessions_is_completed_by_nobody(services: Services) -> None:
    activity = new_activity(services, days=())
    enrol(services, activity, "Ana")
    result = services.completion.for_activity(activity.id or "", today=AFTER)
    assert (result.sessions_total, result.minutes_total) == (0, 0)
    [ana] = result.people
    assert (ana.state, ana.percent, ana.sessions_left) == (NOT_COMPLETED, None, 0)
    assert result.count(COMPLETED) == 0


def test_without_a_rule_one_session_is_enough(services: Services) -> None:
    activity = new_activity(services)
    enrol(services, activity, "Ana", "absent", "left_early")
    enrol(services, activity, "Bea", "absent", "absent", "excused")
    enrol(services, activity, "Carla")
    people = standing(services, activity)
    assert {n: p.state for n, p in people.items()} == {
        "Ana": COMPLETED,
        "Bea": NOT_COMPLETED,
        "Carla": NOT_COMPLETED,
    }
    assert people["Ana"].percent == pytest.approx(25.0)


def test_the_percent_rule_counts_present_late_and_left_early(services: Services) -> None:
    activity = new_activity(services, percent=75)
    enrol(services, activity, "Ana", "present", "late", "left_early", "absent")
    enrol(services, activity, "Bea", "present", "present", "absent", "absent")
    people = standing(services, activity)
    assert (people["Ana"].sessions_attended, people["Ana"].state) == (3, COMPLETED)
    assert (people["Bea"].sessions_attended, people["Bea"].state) == (2, NOT_COMPLETED)


def test_excused_absences_do_not_count_as_attended_but_are_reported(services: Services) -> None:
    activity = new_activity(services, percent=75)
    enrol(services, activity, "Ana", "present", "present", "excused", "excused")
    ana = standing(services, activity)["Ana"]
    assert (ana.sessions_attended, ana.sessions_excused, ana.minutes) == (2, 2, 240)
    assert ana.percent == pytest.approx(50.0)
    assert ana.state == NOT_COMPLETED


def test_partial_minutes_count_towards_the_hours(services: Services) -> None:
    activity = new_activity(services, days=DAYS[:2], minutes=150)  # 2 h 30 min of 4 h
    ana = enrol(services, activity, "Ana", "present")
    bea = enrol(services, activity, "Bea", "present")
    second = activity.sessions[1].id or ""
    services.attendance.mark(second, ana, "late", minutes=30)
    services.attendance.mark(second, bea, "left_early", minutes=29)
    people = standing(services, activity)
    assert (people["Ana"].minutes, people["Ana"].state) == (150, COMPLETED)
    assert (people["Bea"].minutes, people["Bea"].state) == (149, NOT_COMPLETED)


def test_partial_minutes_longer_than_the_session_count_as_the_session(services: Services) -> None:
    activity = new_activity(services, days=DAYS[:2], minutes=240)
    ana = enrol(services, activity, "Ana")
    services.attendance.mark(activity.sessions[0].id or "", ana, "late", minutes=1200)  # slip
    ana_now = standing(services, activity)["Ana"]
    assert (ana_now.minutes, ana_now.state) == (120, NOT_COMPLETED)


def test_both_rules_must_both_be_met(services: Services) -> None:
    activity = new_activity(services, percent=50, minutes=200)
    enrol(services, activity, "Ana", "present", "present")  # 50 %, 240 min
    bea = enrol(services, activity, "Bea", "present")
    services.attendance.mark(activity.sessions[1].id or "", bea, "late", minutes=30)
    enrol(services, activity, "Carla", "present")  # 25 %, 120 min
    people = standing(services, activity)
    assert people["Ana"].state == COMPLETED
    assert (people["Bea"].percent, people["Bea"].minutes) == (50.0, 150)
    assert people["Bea"].state == NOT_COMPLETED  # % met, hours not
    assert people["Carla"].state == NOT_COMPLETED

    stricter = new_activity(services, percent=75, minutes=120)
    enrol(services, stricter, "Dora", "present", "present")  # hours met, % not
    assert standing(services, stricter)["Dora"].state == NOT_COMPLETED


def test_at_risk_while_the_rule_can_still_be_met(services: Services) -> None:
    activity = new_activity(services, percent=75)
    enrol(services, activity, "Ana", "present")  # 3 left, can reach 4/4
    enrol(services, activity, "Bea", "absent", "absent")  # 2 left, at most 2/4
    enrol(services, activity, "Carla", "present", "present", "present")  # done
    today = date(2025, 3, 10)  # the second session is today: still to come
    people = standing(services, activity, today=today)
    assert (people["Ana"].state, people["Ana"].sessions_left) == (AT_RISK, 3)
    assert (people["Bea"].state, people["Bea"].sessions_left) == (NOT_COMPLETED, 2)
    assert people["Carla"].state == COMPLETED

    later = standing(services, activity, today=date(2025, 3, 18))  # one session left
    assert (later["Ana"].state, later["Ana"].sessions_left) == (NOT_COMPLETED, 1)
    assert standing(services, activity)["Ana"].state == NOT_COMPLETED  # all past


def test_at_risk_by_hours_uses_the_minutes_still_to_come(services: Services) -> None:
    activity = new_activity(services, minutes=360)  # 3 of the 4 two-hour sessions
    enrol(services, activity, "Ana", "present")
    early = standing(services, activity, today=date(2025, 3, 17))  # two left: 120 + 240
    assert early["Ana"].state == AT_RISK
    late = standing(services, activity, today=date(2025, 3, 24))  # one left: 120 + 120
    assert late["Ana"].state == NOT_COMPLETED


def test_a_person_registered_twice_is_counted_once(services: Services) -> None:
    activity = new_activity(services)
    ana = enrol(services, activity, "Ana", "present")
    services.registrations.register(activity.id or "", ana)
    services.registrations.register(activity.id or "", ana, role="volunteer")
    result = services.completion.for_activity(activity.id or "", today=AFTER)
    assert [(p.full_name, p.role, p.sessions_attended) for p in result.people] == [
        ("Ana", "volunteer", 1)
    ]


def test_someone_marked_after_their_registration_was_removed_still_counts(
    services: Services,
) -> None:
    activity = new_activity(services)
    ana = enrol(services, activity, "Ana", "present", "present")
    enrol(services, activity, "Bea", "present")
    [registration] = [
        r for r in services.registrations.list(activity.id or "") if r.person_id == ana
    ]
    services.registrations.remove(registration.id)
    people = services.completion.for_activity(activity.id or "", today=AFTER).people
    assert [(p.full_name, p.sessions_attended) for p in people] == [("Ana", 2), ("Bea", 1)]


def test_waiting_and_cancelled_people_are_listed_only_when_marked(services: Services) -> None:
    activity = new_activity(services)
    services.activities.save(replace(activity, capacity=1))
    enrol(services, activity, "Ana")
    enrol(services, activity, "Bea")  # waiting list, never came
    enrol(services, activity, "Carla", "present")  # waiting list, came anyway
    dora = enrol(services, activity, "Dora", "present")
    [row] = [r for r in services.registrations.list(activity.id or "") if r.person_id == dora]
    services.registrations.update(row.id, organisation_id=None, role="attendee", status="cancelled")
    names = [p.full_name for p in services.completion.for_activity(activity.id or "").people]
    assert names == ["Ana", "Carla", "Dora"]


def test_marks_at_a_removed_session_do_not_count(services: Services) -> None:
    activity = new_activity(services, percent=100)
    enrol(services, activity, "Ana", "present", "present", "present", "absent")
    services.activities.save(replace(activity, sessions=activity.sessions[:3]))
    result = services.completion.for_activity(activity.id or "", today=AFTER)
    assert (result.sessions_total, result.minutes_total) == (3, 360)
    assert result.people[0].state == COMPLETED


def test_an_unknown_activity_is_reported(services: Services) -> None:
    with pytest.raises(NotFoundError):
        services.completion.for_activity("no-such-activity")
