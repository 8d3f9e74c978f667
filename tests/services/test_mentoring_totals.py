"""The mentoring programme's totals for a period (for reports)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from app.errors import ValidationError
from app.services.mentoring_totals import MentoringTotals
from app.services.registry import Services
from tests.services.mentor_helpers import goal, log_session, organisation, pair, person

JAN, FEB, MAR = date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)


@pytest.fixture
def programme(services: Services) -> dict[str, str]:
    """Pairs of every kind: started in January and still running, closed in February,
    started in March, only proposed, and one in the trash."""
    alba = organisation(services, "Asociación Alba")
    brisa = organisation(services, "Fundación Brisa")
    marta = person(services, "Marta", brisa)
    mentees = [person(services, f"Persona {i}", alba) for i in range(5)]

    def new(mentee: int, **values) -> str:
        return pair(services, marta, mentees[mentee], brisa, alba, MAR, **values)

    ids = {
        "running": new(0, status="active", start_date=date(2026, 1, 10)),
        "closed": new(
            1, status="closed", start_date=date(2025, 11, 1), closed_on=date(2026, 2, 10)
        ),
        "march": new(2, status="paused", start_date=date(2026, 3, 5)),
        "proposed": new(3, status="proposed", start_date=date(2026, 1, 20)),
        "trashed": new(4, status="active", start_date=date(2026, 1, 15)),
    }
    log_session(services, ids["running"], date(2026, 1, 20), minutes=90)
    log_session(services, ids["running"], date(2026, 2, 20), minutes=60)
    log_session(services, ids["closed"], date(2025, 12, 15), minutes=45)
    gone = log_session(services, ids["closed"], date(2026, 1, 25), minutes=600)
    services.mentoring.delete_session(gone)
    log_session(services, ids["trashed"], date(2026, 1, 16), minutes=120)
    achieved = goal(services, ids["running"], "Plan", date(2026, 1, 10))
    services.mentoring.save_goal(replace(achieved, progress=100), today=date(2026, 2, 15))
    in_trash = goal(services, ids["trashed"], "Plan", date(2026, 1, 15))
    services.mentoring.save_goal(replace(in_trash, progress=100), today=date(2026, 1, 30))
    services.mentoring.delete([ids["trashed"]])
    return ids


def test_without_a_period_everything_counts(services, programme):
    assert services.mentoring_health.totals() == MentoringTotals(
        pairs_active=3,
        pairs_closed=1,
        pairs_started=3,
        sessions=3,
        hours=3.25,
        goals_achieved=1,
    )


def test_a_month_counts_the_pairs_that_ran_in_it_and_what_happened_in_it(services, programme):
    january = services.mentoring_health.totals(JAN, date(2026, 1, 31))
    assert january == MentoringTotals(
        pairs_active=2,  # running (from the 10th) and closed (until February)
        pairs_closed=0,
        pairs_started=1,
        sessions=1,
        hours=1.5,
        goals_achieved=0,
    )

    february = services.mentoring_health.totals(FEB, date(2026, 2, 28))
    assert (february.pairs_active, february.pairs_closed, february.pairs_started) == (2, 1, 0)
    assert (february.sessions, february.hours, february.goals_achieved) == (1, 1.0, 1)


def test_a_pair_closed_before_the_period_or_starting_after_it_does_not_count(services, programme):
    march = services.mentoring_health.totals(MAR, date(2026, 3, 31))
    assert (march.pairs_active, march.pairs_started, march.pairs_closed) == (2, 1, 0)

    december = services.mentoring_health.totals(date(2025, 12, 1), date(2025, 12, 31))
    assert (december.pairs_active, december.sessions, december.hours) == (1, 1, 0.75)


def test_open_ended_periods(services, programme):
    since_february = services.mentoring_health.totals(start=FEB)
    assert (since_february.pairs_active, since_february.sessions) == (3, 1)
    until_january = services.mentoring_health.totals(end=date(2026, 1, 31))
    assert (until_january.pairs_active, until_january.sessions) == (2, 2)


def test_a_period_ending_before_it_starts_is_refused(services):
    with pytest.raises(ValidationError, match="ends before it starts"):
        services.mentoring_health.totals(MAR, JAN)


def test_an_empty_programme_counts_zero(services):
    assert services.mentoring_health.totals() == MentoringTotals(0, 0, 0, 0, 0.0, 0)


def test_a_running_pair_without_a_start_date_counts_in_every_period(services, programme):
    alba = organisation(services, "Colectivo Dunas")
    brisa = organisation(services, "Red Eco")
    undated = pair(
        services,
        person(services, "Sara", brisa),
        person(services, "Iker", alba),
        brisa,
        alba,
        MAR,
        status="active",
    )
    before = services.mentoring_health.totals(date(2020, 1, 1), date(2020, 12, 31))
    assert (before.pairs_active, before.pairs_started) == (1, 0)
    assert undated
