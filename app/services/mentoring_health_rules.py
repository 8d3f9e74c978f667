"""The rules of the mentoring health check: which flags a pair earns, in what words, and how
much attention each one asks for (used by :mod:`app.services.mentoring_health`).

The rules work on plain facts about one pair (:class:`PairFacts`), gathered in a few SQL
aggregates, so they are cheap to apply to a thousand pairs and easy to test one by one.
Durations are whole weeks (or days) counted back from ``today``; a pair is flagged once a
duration reaches the limit ("no session for 6 weeks" flags on the 42nd day).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from app.i18n import N_, current_language, format_date, ngettext

log = logging.getLogger(__name__)

DEFAULT_WEEKS = 6

# The flags a pair can earn, with a short label for legends and filters.
HEALTH_FLAGS: dict[str, str] = {
    "no_session": N_("No recent session"),
    "overdue_goals": N_("Overdue goals"),
    "stalled": N_("Stalled"),
    "past_end": N_("Past the planned end"),
    "proposed_waiting": N_("Proposal waiting"),
    "paused_long": N_("Paused for long"),
}


@dataclass(frozen=True, slots=True)
class HealthFlag:
    """One thing that needs attention: ``code`` is a key of :data:`HEALTH_FLAGS` and
    ``message`` says it in plain words with the numbers ("No session for 9 weeks")."""

    code: str
    message: str


@dataclass(frozen=True, slots=True)
class PairFacts:
    """What the rules need to know about one pair that is not closed."""

    status: str
    start: date  # the start date, or the day the pair was recorded when it has none
    created_on: date
    changed_on: date
    planned_end: date | None
    last_session_on: date | None
    last_progress_on: date | None
    overdue_goals: int
    first_overdue_due: date | None


@lru_cache(maxsize=2048)
def _date_in(value: date | None, language: str) -> str:
    return format_date(value)


def _date(value: date | None) -> str:
    """A date in the current language (cached: a thousand pairs share few due dates, and
    Babel's formatting is the check's slowest step)."""
    return _date_in(value, current_language())


def _days(since: date, today: date) -> int:
    return (today - since).days


def _no_session(f: PairFacts, weeks: int, today: date) -> tuple[HealthFlag, int] | None:
    if f.status != "active":
        return None
    gap = _days(f.last_session_on or f.start, today)
    if gap < weeks * 7:
        return None
    n = gap // 7
    if f.last_session_on is None:
        message = ngettext(
            "No session yet, {weeks} week after the start",
            "No session yet, {weeks} weeks after the start",
            n,
        )
    else:
        message = ngettext("No session for {weeks} week", "No session for {weeks} weeks", n)
    return HealthFlag("no_session", message.format(weeks=n)), 40 + min(n - weeks, 20) * 2


def _overdue(f: PairFacts, weeks: int, today: date) -> tuple[HealthFlag, int] | None:
    if not f.overdue_goals:
        return None
    message = ngettext(
        "{count} goal overdue since {date}",
        "{count} goals overdue, the first since {date}",
        f.overdue_goals,
    ).format(count=f.overdue_goals, date=_date(f.first_overdue_due))
    return HealthFlag("overdue_goals", message), 20 + min(f.overdue_goals, 6) * 5


def _stalled(f: PairFacts, weeks: int, today: date) -> tuple[HealthFlag, int] | None:
    limit = 2 * weeks * 7
    if f.status != "active" or _days(f.start, today) < limit:
        return None
    gap = _days(max(f.last_progress_on or f.start, f.start), today)
    if gap < limit:
        return None
    n = gap // 7
    message = ngettext(
        "No goal progress recorded for {weeks} week",
        "No goal progress recorded for {weeks} weeks",
        n,
    )
    return HealthFlag("stalled", message.format(weeks=n)), 15


def _past_end(f: PairFacts, weeks: int, today: date) -> tuple[HealthFlag, int] | None:
    if f.planned_end is None or f.planned_end >= today:
        return None
    days = _days(f.planned_end, today)
    message = ngettext(
        "The planned end ({date}) passed {days} day ago",
        "The planned end ({date}) passed {days} days ago",
        days,
    ).format(date=_date(f.planned_end), days=days)
    return HealthFlag("past_end", message), 25 + min(days // 7, 20)


def _proposed_waiting(f: PairFacts, weeks: int, today: date) -> tuple[HealthFlag, int] | None:
    if f.status != "proposed":
        return None
    gap = _days(f.created_on, today)
    if gap < weeks * 7:
        return None
    n = gap // 7
    message = ngettext(
        "Proposed {weeks} week ago and not started yet",
        "Proposed {weeks} weeks ago and not started yet",
        n,
    )
    return HealthFlag("proposed_waiting", message.format(weeks=n)), 10 + min(n - weeks, 10)


def _paused_long(f: PairFacts, weeks: int, today: date) -> tuple[HealthFlag, int] | None:
    if f.status != "paused":
        return None
    # No status history is kept: the pair counts as paused since its last change or session.
    since = max(f.changed_on, f.last_session_on or f.changed_on)
    gap = _days(since, today)
    if gap < 2 * weeks * 7:
        return None
    n = gap // 7
    message = ngettext("Paused for {weeks} week", "Paused for {weeks} weeks", n)
    return HealthFlag("paused_long", message.format(weeks=n)), 10 + min(n - 2 * weeks, 10)


_RULES = (_no_session, _overdue, _stalled, _past_end, _proposed_waiting, _paused_long)


def evaluate(facts: PairFacts, weeks: int, today: date) -> tuple[tuple[HealthFlag, ...], int]:
    """The flags a pair earns and its attention score (0 when healthy, higher is more urgent)."""
    flags: list[HealthFlag] = []
    score = 0
    for rule in _RULES:
        found = rule(facts, weeks, today)
        if found is not None:
            flags.append(found[0])
            score += found[1]
    return tuple(flags), score
