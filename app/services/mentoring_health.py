"""The health of the mentoring pairs (which ones need attention, and why) and the programme's
totals.

The check reads every pair that is not closed in one query, with its goals and progress
history summed up by SQL aggregates grouped per pair, then applies the rules of
:mod:`app.services.mentoring_health_rules` in Python. The last session's date comes from the
relationship itself (kept by the mentoring service), so 15,000 session rows are never read.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from app.db import Database
from app.errors import ValidationError
from app.i18n import _
from app.models import GoalProgress, MentoringGoal, MentoringRelationship, Organisation, Person
from app.services.mentoring_health_rules import (
    DEFAULT_WEEKS,
    HEALTH_FLAGS,
    HealthFlag,
    PairFacts,
    evaluate,
)
from app.services.mentoring_totals import MentoringTotals, mentoring_totals

log = logging.getLogger(__name__)

__all__ = [
    "DEFAULT_WEEKS",
    "HEALTH_FLAGS",
    "HealthFlag",
    "HealthRow",
    "MentoringHealthService",
    "MentoringTotals",
]

MAX_WEEKS = 52

R = MentoringRelationship
G = MentoringGoal
Mentor = aliased(Person, name="mentor")
Mentee = aliased(Person, name="mentee")
MenteeOrg = aliased(Organisation, name="mentee_org")


@dataclass(frozen=True, slots=True)
class HealthRow:
    """A pair that is not closed, with the flags it earned; higher ``score`` needs more
    attention (0 is healthy)."""

    relationship_id: str
    mentor_name: str
    mentee_name: str
    mentee_organisation: str
    status: str
    last_session_on: date | None
    flags: tuple[HealthFlag, ...]
    score: int


class MentoringHealthService:
    """Health flags of the mentoring pairs, and the programme's totals for a period."""

    def __init__(self, db: Database):
        self.db = db

    def check(
        self, weeks: int = DEFAULT_WEEKS, today: date | None = None, include_healthy: bool = False
    ) -> list[HealthRow]:
        """The pairs that are not closed, most in need of attention first.

        ``weeks`` is the longest acceptable gap between sessions; "stalled" and "paused for long"
        use twice as much. Healthy pairs are left out unless ``include_healthy``.
        """
        if not 1 <= weeks <= MAX_WEEKS:
            raise ValidationError(
                _("Choose a number of weeks from 1 to {most}.").format(most=MAX_WEEKS),
                field="weeks",
            )
        today = today or date.today()
        with self.db.session() as s:
            rows = _check_rows(s, weeks, today)
        if not include_healthy:
            rows = [row for row in rows if row.flags]
        rows.sort(key=lambda r: (-r.score, r.last_session_on or date.min, r.mentee_name))
        log.info("mentoring health: %d pairs listed", len(rows))
        return rows

    def totals(self, start: date | None = None, end: date | None = None) -> MentoringTotals:
        """Pairs active, closed and started, sessions, hours and goals achieved in the period
        from ``start`` to ``end`` (both included; either may be open)."""
        if start and end and end < start:
            raise ValidationError(_("The period ends before it starts. Check the two dates."))
        with self.db.session() as s:
            return mentoring_totals(s, start, end)


def _overdue_goals(today: date):  # type: ignore[no-untyped-def]
    return (
        select(
            G.relationship_id.label("relationship_id"),
            func.count(G.id).label("overdue"),
            func.min(G.due_date).label("first_due"),
        )
        .where(G.deleted_at.is_(None), G.due_date < today, G.progress < 100)
        .group_by(G.relationship_id)
        .subquery()
    )


def _last_progress():  # type: ignore[no-untyped-def]
    return (
        select(
            G.relationship_id.label("relationship_id"),
            func.max(GoalProgress.recorded_on).label("last_progress"),
        )
        .join(GoalProgress, GoalProgress.goal_id == G.id)
        .where(G.deleted_at.is_(None), GoalProgress.deleted_at.is_(None))
        .group_by(G.relationship_id)
        .subquery()
    )


def _pairs_select(today: date):  # type: ignore[no-untyped-def]
    """Every live pair that is not closed, with names and its goals summed up."""
    overdue, progress = _overdue_goals(today), _last_progress()
    return (
        select(
            R.id,
            Mentor.full_name,
            Mentee.full_name,
            func.coalesce(MenteeOrg.name, ""),
            R.status,
            R.start_date,
            func.date(R.created_at),
            func.date(R.updated_at),
            R.planned_end,
            R.last_session_on,
            progress.c.last_progress,
            func.coalesce(overdue.c.overdue, 0),
            overdue.c.first_due,
        )
        .select_from(R)
        .join(Mentor, Mentor.id == R.mentor_id)
        .join(Mentee, Mentee.id == R.mentee_id)
        .outerjoin(MenteeOrg, MenteeOrg.id == R.mentee_organisation_id)
        .outerjoin(overdue, overdue.c.relationship_id == R.id)
        .outerjoin(progress, progress.c.relationship_id == R.id)
        .where(R.deleted_at.is_(None), R.status != "closed")
    )


def _check_rows(s: Session, weeks: int, today: date) -> list[HealthRow]:
    rows: list[HealthRow] = []
    for row in s.execute(_pairs_select(today)):
        (rid, mentor, mentee, organisation, status, start, created, changed) = row[:8]
        facts = PairFacts(
            status=status,
            start=start or _as_date(created),
            created_on=_as_date(created),
            changed_on=_as_date(changed),
            planned_end=row[8],
            last_session_on=row[9],
            last_progress_on=_as_date(row[10]),
            overdue_goals=row[11],
            first_overdue_due=_as_date(row[12]),
        )
        flags, score = evaluate(facts, weeks, today)
        rows.append(HealthRow(rid, mentor, mentee, organisation, status, row[9], flags, score))
    return rows


def _as_date(value: object) -> date | None:
    """SQLite hands back aggregates and casts of dates as text: make them dates again."""
    if value is None or isinstance(value, date):
        return value  # type: ignore[return-value]
    return date.fromisoformat(str(value)[:10])
