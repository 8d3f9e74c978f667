"""Example activities: sessions, registrations, attendance, evaluations and demands that hang
together, with dates and statuses that agree, and the same data on every fill."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.cli import main
from app.models import (
    Activity,
    ActivityDemand,
    ActivitySession,
    Attendance,
    Demand,
    Membership,
    Registration,
    natural_id,
)
from app.services.activity_values import session_minutes, validate_activity, validate_sessions
from app.services.completion import AT_RISK, COMPLETED
from app.services.context import DataFolder
from app.services.demo import DemoSummary, fill_demo
from app.services.demo.activities import REFERENCE_DATE
from app.services.demo.topics import TOPICS
from app.services.export_data import build_export
from app.services.registry import Services, build_services
from app.services.vocabulary import (
    AREAS_OF_ACTION,
    ATTENDANCE_MARKS,
    CROSS_CUTTING_THEMES,
    DEMAND_SOURCES,
    REGISTRATION_ROLES,
    REGISTRATION_STATUSES,
)


@pytest.fixture(scope="module")
def filled(tmp_path_factory) -> tuple[Services, DemoSummary]:
    """One small fill shared by the read-only tests of this module."""
    folder = tmp_path_factory.mktemp("demo")
    services = build_services(DataFolder(folder))
    yield services, fill_demo(services.db, "small")
    services.db.dispose()


@pytest.fixture
def demo(filled: tuple[Services, DemoSummary]) -> Services:
    return filled[0]


@pytest.fixture
def summary(filled: tuple[Services, DemoSummary]) -> DemoSummary:
    return filled[1]


def rows(services: Services, model: type) -> list:
    with services.db.session() as s:
        return list(s.scalars(select(model)))


def count(services: Services, model: type) -> int:
    with services.db.session() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def test_the_summary_counts_what_was_written(demo: Services, summary: DemoSummary) -> None:
    assert summary.activities == count(demo, Activity) == 30
    assert summary.sessions == count(demo, ActivitySession)
    assert 55 <= summary.sessions <= 85  # about 70
    assert summary.registrations == count(demo, Registration) > 400
    assert summary.attendance == count(demo, Attendance) > 700
    assert summary.demands == count(demo, Demand) > 20
    evaluated = [r for r in rows(demo, Registration) if r.satisfaction is not None]
    assert summary.evaluations == len(evaluated) > 50


def test_every_mark_is_of_someone_registered_in_that_activity(demo: Services) -> None:
    with demo.db.session() as s:
        orphans = s.scalar(
            select(func.count())
            .select_from(Attendance)
            .join(ActivitySession, ActivitySession.id == Attendance.session_id)
            .outerjoin(
                Registration,
                (Registration.activity_id == ActivitySession.activity_id)
                & (Registration.person_id == Attendance.person_id)
                & (Registration.status == "registered"),
            )
            .where(Registration.id.is_(None))
        )
    assert orphans == 0
    for mark in rows(demo, Attendance):
        assert mark.id == natural_id("attendance", mark.session_id, mark.person_id)


def test_dates_statuses_and_marks_agree(demo: Services) -> None:
    sessions: dict[str, list[ActivitySession]] = {}
    for session in rows(demo, ActivitySession):
        sessions.setdefault(session.activity_id, []).append(session)
    marked = {mark.session_id for mark in rows(demo, Attendance)}
    statuses = Counter()
    for activity in rows(demo, Activity):
        dates = sorted(x.date for x in sessions[activity.id])
        assert (activity.first_date, activity.last_date) == (dates[0], dates[-1])
        assert REFERENCE_DATE - timedelta(days=731) <= dates[0]
        assert dates[-1] <= REFERENCE_DATE + timedelta(days=62)
        statuses[activity.status] += 1
        if activity.status == "closed":
            assert dates[-1] < REFERENCE_DATE
        elif activity.status in ("open", "planned"):
            assert dates[-1] >= REFERENCE_DATE
        for session in sessions[activity.id]:
            held = session.date < REFERENCE_DATE and activity.status != "cancelled"
            assert (session.id in marked) == held, (activity.title, session.date)
    assert statuses["closed"] > 15 and statuses["open"] + statuses["planned"] >= 3


def test_forums_are_one_session_and_capsules_have_a_rule(demo: Services) -> None:
    kinds = Counter()
    for row in demo.activities.list(limit=None):
        activity = demo.activities.get(row.id)
        validate_activity(activity)
        validate_sessions(activity.sessions)
        kinds[activity.kind] += 1
        lengths = {session_minutes(x.start_time, x.end_time) for x in activity.sessions}
        if activity.kind == "forum":
            assert len(activity.sessions) == 1 and lengths <= {90, 120, 150}
            assert activity.min_attendance_percent is None and activity.min_minutes is None
        if activity.kind == "capsule":
            assert 2 <= len(activity.sessions) <= 4 and lengths <= {120, 150, 180}
            assert activity.min_attendance_percent or activity.min_minutes
        assert set(activity.areas) <= set(AREAS_OF_ACTION)
        assert set(activity.themes) <= set(CROSS_CUTTING_THEMES)
    assert kinds["forum"] >= 5 and kinds["capsule"] >= 5


def test_registrations_have_facilitators_a_waiting_list_and_the_persons_organisation(
    demo: Services,
) -> None:
    registrations = rows(demo, Registration)
    memberships = {(m.person_id, m.organisation_id) for m in rows(demo, Membership)}
    staff = Counter()
    for row in registrations:
        assert row.id == natural_id("registration", row.activity_id, row.person_id)
        assert row.role in REGISTRATION_ROLES and row.status in REGISTRATION_STATUSES
        assert (row.person_id, row.organisation_id) in memberships
        if row.role in ("facilitator", "expert"):
            staff[row.activity_id] += 1
    assert set(staff.values()) <= {1, 2} and len(staff) == 30
    statuses = Counter(row.status for row in registrations)
    assert statuses["waiting_list"] > 0 and statuses["cancelled"] > 0
    assert statuses["registered"] > 0.8 * len(registrations)


def test_attendance_is_skewed_with_minutes_for_partial_marks(demo: Services) -> None:
    marks = rows(demo, Attendance)
    counts = Counter(mark.status for mark in marks)
    assert set(counts) == set(ATTENDANCE_MARKS)
    assert counts["present"] > 0.6 * len(marks)
    for mark in marks:
        if mark.status in ("late", "left_early"):
            assert mark.minutes is not None and 0 < mark.minutes < 180
        else:
            assert mark.minutes is None
        assert mark.taken_by


def test_a_running_capsule_shows_people_at_risk(demo: Services) -> None:
    running = [
        row
        for row in demo.activities.list(limit=None)
        if row.first_date < REFERENCE_DATE <= row.last_date and row.status == "open"
    ]
    assert running
    completion = demo.completion.for_activity(running[0].id, today=REFERENCE_DATE)
    assert completion.count(AT_RISK) > 0
    closed = next(r for r in demo.activities.list(limit=None, status="closed"))
    assert demo.completion.for_activity(closed.id, today=REFERENCE_DATE).count(COMPLETED) > 0


def test_evaluations_are_mostly_good_and_name_topics(demo: Services) -> None:
    evaluated = [r for r in rows(demo, Registration) if r.satisfaction is not None]
    assert all(1 <= r.satisfaction <= 5 and 1 <= r.usefulness <= 5 for r in evaluated)
    assert sum(r.satisfaction for r in evaluated) / len(evaluated) >= 3.8
    assert any(r.evaluation_comment for r in evaluated)
    topics = {t[0] for t in TOPICS}
    wanted = [t for r in evaluated if r.wanted_topics for t in r.wanted_topics.split("; ")]
    assert wanted and set(wanted) <= topics


def test_demands_repeat_across_organisations_and_some_are_answered(demo: Services) -> None:
    demands = rows(demo, Demand)
    assert all(d.source in DEMAND_SOURCES and d.organisation_id for d in demands)
    by_topic = Counter(d.topic_key for d in demands)
    assert by_topic.most_common(1)[0][1] > 2
    links = rows(demo, ActivityDemand)
    answered = {link.demand_id for link in links}
    assert 0 < len(answered) < len(demands)
    declared = {d.id: d for d in demands}
    firsts = {a.id: a for a in rows(demo, Activity)}
    for link in links:
        demand, activity = declared[link.demand_id], firsts[link.activity_id]
        assert demand.declared_on < activity.first_date
        assert demand.topic_key in activity.title_key or demand.area in activity.areas
        assert link.id == natural_id("activity-demand", link.activity_id, link.demand_id)


def test_two_fills_give_the_same_export(
    demo: Services, summary: DemoSummary, tmp_path: Path
) -> None:
    other_folder = tmp_path / "again"
    other_folder.mkdir()
    other = build_services(DataFolder(other_folder))
    try:
        fill_demo(other.db, "small")
        first, second = build_export(demo.db), build_export(other.db)
    finally:
        other.db.dispose()
    first.pop("exported_at")
    second.pop("exported_at")
    for document in (first, second):  # signed with a new key each time: random by nature
        for section in ("certificates", "signing_keys"):
            assert document.pop(section)
        document["organisation"].pop("public_key")
        document["organisation"].pop("updated_at")
    assert first == second
    assert len(first["attendance"]) == summary.attendance


def test_the_demo_command_fills_activities_too(data_dir: Path, capsys) -> None:
    assert main(["demo", "--data-dir", str(data_dir)]) == 0
    assert "400 people" in capsys.readouterr().out
    services = build_services(DataFolder(data_dir))
    try:
        assert services.activities.count() == 30
        assert services.attendance.history_count() > 700
    finally:
        services.db.dispose()
