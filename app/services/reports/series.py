"""The figures of the dashboard's charts for a period: participation, hours and mentoring over
time, participants by gender and by area of action.

They follow the report's definitions (docs/report-format.md), cut across time:

- *people* in a month are the unique people with an attended mark (present, late, left early)
  at a live session of a live activity that month; a person at sessions in two months counts in
  both; people in the trash or merged into another never count;
- *sessions* and *hours delivered* are the live sessions of live activities held that month and
  their length (from their times; a session without times adds no hours);
- *person-hours* add, for each attended mark, the minutes recorded for a partial attendance (never
  more than the session lasts, when its times are known) or else the whole session;
- *by gender* and *by area* count each person once over the whole period; a person at activities
  of two areas counts once in each;
- *mentoring* counts the live sessions of live pairs by their date, and their minutes as hours.

The time axis is by month for up to 13 months, by quarter up to two years, by year beyond
(:mod:`app.services.reports.series_buckets`).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.db import Database
from app.services.reports import sql
from app.services.reports.indicators import period_params
from app.services.reports.period import Period
from app.services.reports.series_buckets import Bucket, bucket_key, buckets, step_for
from app.services.vocabulary import GENDERS

log = logging.getLogger(__name__)


class ParticipationPoint(NamedTuple):
    """Unique people who attended and sessions held in one step of time."""

    label: str
    people: int
    sessions: int


class HoursPoint(NamedTuple):
    """Hours of the sessions held and hours received by those who attended, in one step."""

    label: str
    delivered: float
    person_hours: float


class MentoringPoint(NamedTuple):
    """Mentoring sessions held and their hours, in one step."""

    label: str
    sessions: int
    hours: float


@dataclass(frozen=True, slots=True)
class DashboardTotals:
    """The period's totals as the report counts them (hours rounded once, not step by step)."""

    participants: int
    sessions: int
    delivered: float
    person_hours: float
    mentoring_sessions: int
    mentoring_hours: float


@dataclass(frozen=True, slots=True)
class DashboardSeries:
    """Everything the dashboard draws for one period.

    ``step`` is "month", "quarter" or "year"; ``axes`` holds the names of the steps on a time
    axis, one tuple per way of naming them, longest first ("Jan ’25", "Feb ’25" ...; "Jan",
    "Feb" ...; "J", "F" ...): the time series line up with them, one point per step, empty
    steps included. ``by_gender`` lists the four gender codes in the vocabulary's order;
    ``by_area`` the areas of action, most people first (``""`` for activities with no area).
    """

    period: Period
    step: str
    axes: tuple[tuple[str, ...], ...]
    participation_by_month: tuple[ParticipationPoint, ...]
    by_gender: tuple[tuple[str, int], ...]
    by_area: tuple[tuple[str, int], ...]
    hours_by_month: tuple[HoursPoint, ...]
    mentoring_by_month: tuple[MentoringPoint, ...]
    totals: DashboardTotals

    def is_empty(self) -> bool:
        """Whether nothing at all happened in the period (no session, no mentoring)."""
        return not self.totals.sessions and not self.totals.mentoring_sessions


def dashboard_series(db: Database, period: Period) -> DashboardSeries:
    """The dashboard's figures for ``period`` (both days included), read in one transaction
    with two aggregate statements."""
    step = step_for(period.start, period.end)
    steps = buckets(period.start, period.end, step)
    params = period_params(period)
    with db.session() as s:
        found = _figures(s, _attendance_statement(step), params)
        mentoring = _figures(s, _mentoring_statement(step), params)["step"]
    log.debug("dashboard series for %s to %s by %s", period.start, period.end, step)
    people, held = found["step"], found["held"]
    return DashboardSeries(
        period=period,
        step=step,
        axes=_axes(steps),
        participation_by_month=tuple(
            ParticipationPoint(b.label, _at(people, b)[0], _at(held, b)[0]) for b in steps
        ),
        by_gender=_genders(found["gender"]),
        by_area=_areas(found),
        hours_by_month=tuple(
            HoursPoint(b.label, _hours(_at(held, b)[1]), _hours(_at(people, b)[1])) for b in steps
        ),
        mentoring_by_month=tuple(
            MentoringPoint(b.label, _at(mentoring, b)[0], _hours(_at(mentoring, b)[1]))
            for b in steps
        ),
        totals=_totals(found, mentoring),
    )


Found = dict[str, tuple[int, int]]  # cell -> (count, minutes)
ZERO = (0, 0)


def _at(found: Found, bucket: Bucket) -> tuple[int, int]:
    return found.get(bucket.key, ZERO)


def _totals(found: dict[str, Found], mentoring: Found) -> DashboardTotals:
    def minutes(cells: Found) -> int:
        return sum(m for _count, m in cells.values())

    return DashboardTotals(
        participants=found["total"].get("", ZERO)[0],
        sessions=sum(count for count, _m in found["held"].values()),
        delivered=_hours(minutes(found["held"])),
        person_hours=_hours(minutes(found["step"])),
        mentoring_sessions=sum(count for count, _m in mentoring.values()),
        # As app.services.mentoring_totals rounds them.
        mentoring_hours=round(minutes(mentoring) / 60, 2),
    )


def _genders(found: Found) -> tuple[tuple[str, int], ...]:
    """The four gender codes in the vocabulary's order (any other code as not stated)."""
    genders = {code: 0 for code in GENDERS}
    for code, (count, _minutes) in found.items():
        genders[code if code in genders else "not_stated"] += count
    return tuple(genders.items())


def _hours(minutes: int) -> float:
    return round(minutes / 60, 1)


def _axes(steps: tuple[Bucket, ...]) -> tuple[tuple[str, ...], ...]:
    """The ways of naming the steps on an axis, longest first (all steps share them)."""
    ways = len(steps[0].names) if steps else 0
    return tuple(tuple(b.names[way] for b in steps) for way in range(ways))


def _areas(found: dict[str, Found]) -> tuple[tuple[str, int], ...]:
    """Each area with its people, most first, then by name; no area (``""``) last of equals."""
    counts = {area: count for area, (count, _minutes) in found["area"].items()}
    without = found["no_area"].get("", ZERO)[0]
    if without:
        counts[""] = without
    return tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0] == "", item[0])))


def _figures(s: Session, statement: str, params: dict[str, object]) -> dict[str, Found]:
    """(figure, cell, count, minutes) rows gathered as {figure: {cell: (count, minutes)}}."""
    found: dict[str, Found] = defaultdict(dict)
    for figure, cell, count, minutes in s.execute(text(statement), params):
        found[figure][cell or ""] = (count or 0, minutes or 0)
    return found


def _attendance_statement(step: str) -> str:
    """Everything counted from the sessions and the marks of the period, in one statement: the
    marks are read once (materialised) and each person's liveness checked once. The sessions
    are the report's (``sql.HELD``); the marks count their minutes as ``sql.MARKS`` does, with
    the step of their session's date."""
    return (
        sql.with_(sql.HELD)
        + f""",
dated AS MATERIALIZED (
    SELECT a.person_id, h.activity_id, {bucket_key("h.date", step)} AS step,
        CASE WHEN a.minutes IS NULL OR (h.minutes > 0 AND a.minutes > h.minutes)
            THEN h.minutes ELSE a.minutes END AS minutes
    FROM held h JOIN attendance a ON a.session_id = h.id
    WHERE a.deleted_at IS NULL AND a.status IN ({sql.ATTENDED})
),
attendees AS MATERIALIZED (
    SELECT p.id AS person_id, p.gender
    FROM (SELECT DISTINCT person_id FROM dated) d CROSS JOIN people p ON p.id = d.person_id
    WHERE {sql.LIVE_PERSON}
),
live AS (SELECT * FROM dated WHERE person_id IN (SELECT person_id FROM attendees)),
visits AS MATERIALIZED (SELECT DISTINCT person_id, activity_id FROM live)
SELECT 'step', step, count(DISTINCT person_id), sum(minutes) FROM live GROUP BY step
UNION ALL SELECT 'held', {bucket_key("date", step)}, count(*), sum(minutes) FROM held GROUP BY 2
UNION ALL SELECT 'gender', gender, count(*), 0 FROM attendees GROUP BY gender
UNION ALL SELECT 'total', '', count(*), 0 FROM attendees
UNION ALL SELECT 'area', j.value, count(DISTINCT v.person_id), 0
    FROM visits v JOIN activities act ON act.id = v.activity_id, json_each(act.areas) j
    WHERE j.type = 'text' GROUP BY j.value
UNION ALL SELECT 'no_area', '', count(DISTINCT v.person_id), 0
    FROM visits v JOIN activities act ON act.id = v.activity_id
    WHERE coalesce(json_array_length(act.areas), 0) = 0
"""
    )


def _mentoring_statement(step: str) -> str:
    """The live sessions of live mentoring pairs in the period, and their minutes, by step (as
    :mod:`app.services.mentoring_totals` counts them)."""
    return f"""
SELECT 'step', {bucket_key("ms.date", step)}, count(*), sum(ms.minutes)
FROM mentoring_sessions ms
JOIN mentoring_relationships r ON r.id = ms.relationship_id AND r.deleted_at IS NULL
WHERE ms.deleted_at IS NULL AND ms.date BETWEEN :start AND :end
GROUP BY 2
"""
