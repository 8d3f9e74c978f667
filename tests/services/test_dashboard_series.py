"""The dashboard's series on a small programme with known answers (2025), and their agreement
with the report's indicators for the same period."""

from __future__ import annotations

from datetime import date

import pytest

from app.services.registry import Services
from app.services.reports.indicators import build_report
from app.services.reports.period import Period
from app.services.reports.series import dashboard_series
from app.services.reports.series_buckets import MONTH, QUARTER, YEAR, buckets, step_for
from tests.services.dashboard_world import build_programme
from tests.services.mentoring_helpers import log_session, make_parties, pair
from tests.services.report_world import build_world

YEAR_2025 = Period.year(2025)


@pytest.fixture
def programme(services: Services) -> Services:
    return build_programme(services)


def test_people_and_sessions_by_month_count_each_person_once_a_month(programme: Services):
    series = dashboard_series(programme.db, YEAR_2025)
    assert series.step == MONTH
    assert series.axes[0][:3] == ("Jan", "Feb", "Mar")
    by_month = {p.label: (p.people, p.sessions) for p in series.participation_by_month}
    assert len(by_month) == 12
    # January: Ana and Ben (Cris absent, Eva in the trash, Hugo merged).
    assert by_month["January 2025"] == (2, 1)
    # February: the only session belongs to a trashed activity.
    assert by_month["February 2025"] == (0, 0)
    # March: Ana at three sessions, Ben at two, Dani at one: three people, three sessions.
    assert by_month["March 2025"] == (3, 3)
    assert by_month["June 2025"] == (2, 1)
    assert by_month["December 2025"] == (0, 0)
    assert series.totals.participants == 4


def test_hours_delivered_and_received_follow_the_session_times(programme: Services):
    hours = {
        p.label: (p.delivered, p.person_hours)
        for p in dashboard_series(programme.db, YEAR_2025).hours_by_month
    }
    assert hours["January 2025"] == (2.0, 4.0)
    # 2 + 3 + 3 hours held; received: Ana 2 + 3, Ben 1.5 + 3, Dani 3 (500 minutes cut to 180).
    assert hours["March 2025"] == (8.0, 12.5)
    # A session without times adds no hours.
    assert hours["June 2025"] == (0.0, 0.0)


def test_gender_and_areas_count_each_person_once_over_the_period(programme: Services):
    series = dashboard_series(programme.db, YEAR_2025)
    assert series.by_gender == (("woman", 1), ("man", 1), ("non_binary", 1), ("not_stated", 1))
    # Health: Ana, Ben (forum and capsule) and Dani; Housing: Ana and Ben; no area: Cris, Dani.
    assert series.by_area == (("Health", 3), ("Housing", 2), ("", 2))


def test_mentoring_by_month_counts_live_sessions_of_live_pairs(services: Services):
    parties = make_parties(services)
    running = pair(services, parties, status="active", start_date=date(2025, 1, 1))
    for day, minutes in ((date(2025, 2, 10), 60), (date(2025, 2, 20), 90), (date(2025, 5, 5), 30)):
        log_session(services, running.data.id, day, minutes=minutes)
    gone = log_session(services, running.data.id, date(2025, 5, 6), minutes=120)
    services.mentoring.delete_session(gone.id)
    trashed = pair(services, parties, status="active", start_date=date(2025, 6, 1))
    log_session(services, trashed.data.id, date(2025, 7, 1), minutes=60)
    services.mentoring.delete([trashed.data.id])
    points = {
        p.label: (p.sessions, p.hours)
        for p in dashboard_series(services.db, YEAR_2025).mentoring_by_month
    }
    assert points["February 2025"] == (2, 2.5)
    assert points["May 2025"] == (1, 0.5)
    assert points["July 2025"] == (0, 0.0)


def test_an_empty_period_has_every_step_at_zero(services: Services):
    series = dashboard_series(services.db, Period.quarter(2030, 2))
    assert series.is_empty()
    assert [p.label for p in series.participation_by_month] == [
        "April 2030",
        "May 2030",
        "June 2030",
    ]
    assert series.by_gender == (("woman", 0), ("man", 0), ("non_binary", 0), ("not_stated", 0))
    assert series.by_area == ()


def test_long_periods_go_by_quarter_then_by_year(programme: Services):
    two_years = dashboard_series(programme.db, Period(date(2024, 1, 1), date(2025, 12, 31)))
    assert two_years.step == QUARTER
    by_quarter = {p.label: (p.people, p.sessions) for p in two_years.participation_by_month}
    assert len(by_quarter) == 8
    # The first quarter of 2025: January and March, Ana, Ben and Dani at four sessions.
    assert by_quarter["Q1 2025"] == (3, 4)
    assert by_quarter["Q4 2024"] == (1, 1)
    years = dashboard_series(programme.db, Period(date(2021, 1, 1), date(2025, 12, 31)))
    assert years.step == YEAR
    assert [(p.label, p.people) for p in years.participation_by_month][-2:] == [
        ("2024", 1),
        ("2025", 4),
    ]


def test_the_steps_of_a_period_are_clipped_to_it():
    assert step_for(date(2025, 1, 15), date(2026, 1, 14)) == MONTH  # 13 months touched
    assert step_for(date(2025, 1, 15), date(2026, 2, 1)) == QUARTER
    steps = buckets(date(2025, 2, 10), date(2025, 4, 5), MONTH)
    assert [(b.start, b.end) for b in steps] == [
        (date(2025, 2, 10), date(2025, 2, 28)),
        (date(2025, 3, 1), date(2025, 3, 31)),
        (date(2025, 4, 1), date(2025, 4, 5)),
    ]
    assert [b.names for b in steps] == [("Feb", "F"), ("Mar", "M"), ("Apr", "A")]
    crossing = buckets(date(2025, 12, 1), date(2026, 1, 31), MONTH)
    assert [b.names[0] for b in crossing] == ["Dec ’25", "Jan ’26"]


def test_the_dashboard_agrees_with_the_report(services: Services):
    """The same people, sessions and hours as the report's indicators for the period."""
    build_world(services)
    running = pair(services, make_parties(services), status="active", start_date=date(2025, 1, 1))
    for day, minutes in ((date(2025, 2, 10), 60), (date(2025, 9, 20), 90)):
        log_session(services, running.data.id, day, minutes=minutes)
    series = dashboard_series(services.db, YEAR_2025)
    report = build_report(services.db, YEAR_2025)
    totals = series.totals
    assert totals.participants == report.participants.total == 5  # Ana, Ben, Cris, Dani, Eva
    assert series.by_gender == report.participants.by_gender
    assert totals.sessions == report.sessions == 5
    assert sum(p.sessions for p in series.participation_by_month) == totals.sessions
    assert totals.delivered == report.hours.delivered
    assert totals.person_hours == report.hours.person_hours
    assert round(sum(p.person_hours for p in series.hours_by_month), 1) == totals.person_hours
    assert totals.mentoring_sessions == report.mentoring.sessions == 2
    assert totals.mentoring_hours == report.mentoring.hours == 2.5
