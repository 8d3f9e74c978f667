"""The totals of the mentoring programme for a period, ready for reports.

- a pair counts as *active* in the period when it is active, paused or closed (it really ran)
  and its span, from its start to its closing day (or still open), overlaps the period;
- pairs *closed*, pairs *started*, *sessions* (and their hours) and *goals achieved* count by
  their own date inside the period; a pair only proposed has not started, whatever its date;
- no start or no end leaves that side of the period open; pairs, goals and sessions in the
  trash are never counted.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from app.models import MentoringGoal, MentoringRelationship, MentoringSession

log = logging.getLogger(__name__)

R = MentoringRelationship
RAN = ("active", "paused", "closed")


@dataclass(frozen=True, slots=True)
class MentoringTotals:
    """What the mentoring programme did in a period."""

    pairs_active: int
    pairs_closed: int
    pairs_started: int
    sessions: int
    hours: float
    goals_achieved: int


def _within(column, start: date | None, end: date | None) -> list[ColumnElement[bool]]:  # type: ignore[no-untyped-def]
    conditions: list[ColumnElement[bool]] = [column.is_not(None)]
    if start:
        conditions.append(column >= start)
    if end:
        conditions.append(column <= end)
    return conditions


def _overlaps(start: date | None, end: date | None) -> list[ColumnElement[bool]]:
    """The pair's span [start_date, closed_on or open] meets [start, end]; no start date
    counts as "since always"."""
    conditions: list[ColumnElement[bool]] = []
    if end:
        conditions.append(or_(R.start_date.is_(None), R.start_date <= end))
    if start:
        conditions.append(or_(R.closed_on.is_(None), R.closed_on >= start))
    return conditions


def _count_pairs(s: Session, *conditions: ColumnElement[bool]) -> int:
    return s.scalar(select(func.count(R.id)).where(R.deleted_at.is_(None), *conditions)) or 0


def mentoring_totals(s: Session, start: date | None, end: date | None) -> MentoringTotals:
    """Inside an open session: the totals for the period from ``start`` to ``end`` (included)."""
    S, G = MentoringSession, MentoringGoal
    live_pair = and_(R.id == S.relationship_id, R.deleted_at.is_(None))
    sessions, minutes = s.execute(
        select(func.count(S.id), func.coalesce(func.sum(S.minutes), 0))
        .join(R, live_pair)
        .where(S.deleted_at.is_(None), *_within(S.date, start, end))
    ).one()
    goals = s.scalar(
        select(func.count(G.id))
        .join(R, and_(R.id == G.relationship_id, R.deleted_at.is_(None)))
        .where(G.deleted_at.is_(None), *_within(G.achieved_on, start, end))
    )
    return MentoringTotals(
        pairs_active=_count_pairs(s, R.status.in_(RAN), *_overlaps(start, end)),
        pairs_closed=_count_pairs(s, R.status == "closed", *_within(R.closed_on, start, end)),
        pairs_started=_count_pairs(s, R.status.in_(RAN), *_within(R.start_date, start, end)),
        sessions=sessions or 0,
        hours=round((minutes or 0) / 60, 2),
        goals_achieved=goals or 0,
    )
