"""The indicators of a period, counted in SQL (a handful of aggregate queries, no rows read one
by one), then small counts hidden if asked. Definitions: docs/report-format.md and :mod:`sql`."""

from __future__ import annotations

import logging
from collections import defaultdict
from datetime import timedelta

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.db import Database
from app.errors import ValidationError
from app.i18n import _
from app.services.catalogue import own_id
from app.services.mentoring_totals import mentoring_totals
from app.services.network_vocabulary import AGE_BANDS
from app.services.reports import sql
from app.services.reports.period import Period
from app.services.reports.values import (
    Cascades,
    Cells,
    Certificates,
    Completed,
    Hours,
    Mentoring,
    Organisations,
    Participants,
    Practices,
    Report,
    suppress,
)
from app.services.vocabulary import ACTIVITY_KINDS, GENDERS, ORGANISATION_KINDS

log = logging.getLogger(__name__)

MAX_THRESHOLD = 100


def period_params(period: Period) -> dict[str, object]:
    """The statement parameters of a period (see :mod:`sql`)."""
    return {
        "start": period.start.isoformat(),
        "end": period.end.isoformat(),
        "after": (period.end + timedelta(days=1)).isoformat(),
        "year": period.end.year,
    }


def check_threshold(suppress_below: int) -> int:
    if not 0 <= suppress_below <= MAX_THRESHOLD:
        raise ValidationError(
            _("Choose a threshold from 0 (hide nothing) to {most}.").format(most=MAX_THRESHOLD),
            field="suppress_below",
        )
    return suppress_below


def build_report(db: Database, period: Period, suppress_below: int = 0) -> Report:
    """Every indicator of ``period``; counts of people or organisations from 1 to
    ``suppress_below - 1`` are hidden (None). Reads only; one transaction, so the figures agree."""
    check_threshold(suppress_below)
    with db.session() as s:
        report = _count(s, period)
    log.info("report built for %s to %s", period.start, period.end)
    return suppress(report, suppress_below)


def _count(s: Session, period: Period) -> Report:
    params = period_params(period)
    found = figures(s, params)
    totals = mentoring_totals(s, period.start, period.end)
    cascades, reached = s.execute(
        text(f"SELECT count(*), coalesce(sum(people_reached), 0) FROM ({sql.CASCADES_HELD})"),
        params,
    ).one()
    return Report(
        period=period,
        participants=Participants(
            total=sum(found["gender"].values()),
            by_gender=cells(GENDERS, found["gender"]),
            by_age_band=cells(AGE_BANDS, found["band"]),
            by_kind=cells(ACTIVITY_KINDS, found["kind"]),
        ),
        completed=Completed(sum(found["completed"].values()), cells(GENDERS, found["completed"])),
        hours=Hours(
            round(found["held"].get("minutes", 0) / 60, 1),
            round(found["attendees"].get("minutes", 0) / 60, 1),
        ),
        sessions=found["held"].get("sessions", 0),
        organisations=Organisations(
            reached=sum(found["type"].values()),
            completed=found["organisations"].get("completed", 0),
            by_type=cells(ORGANISATION_KINDS, found["type"]),
            by_territory=tuple(
                sorted(found["territory"].items(), key=lambda item: (-item[1], item[0]))
            ),
        ),
        mentoring=Mentoring(
            totals.pairs_active,
            totals.pairs_closed,
            totals.sessions,
            totals.hours,
            totals.goals_achieved,
        ),
        practices=_practices(s, params),
        certificates=Certificates(_count_of(s, sql.CERTIFICATES_ISSUED, params)),
        cascades=Cascades(cascades, reached),
    )


# One statement for every figure of the attendance, completion and organisations, so the
# marks are read once (the common table expressions are materialised) rather than per figure.
FIGURES = (
    sql.with_(
        *sql.ATTENDANCE,
        sql.ATTENDEES,
        sql.PAIRS_ACTIVE,
        sql.REACHED,
        sql.DONE,
        sql.PAIRS_CLOSED,
        sql.COMPLETED_ORGANISATIONS,
    )
    + f"""
SELECT 'gender', gender, count(*) FROM attendees GROUP BY gender
UNION ALL SELECT 'band', band, count(*) FROM attendees GROUP BY band
UNION ALL SELECT 'kind', kind, count(DISTINCT person_id) FROM visits
    WHERE sessions_in > 0 AND person_id IN (SELECT person_id FROM attendees) GROUP BY kind
UNION ALL SELECT 'attendees', 'minutes', coalesce(sum(minutes), 0) FROM attendees
UNION ALL SELECT 'held', 'sessions', count(*) FROM held
UNION ALL SELECT 'held', 'minutes', coalesce(sum(minutes), 0) FROM held
UNION ALL SELECT 'type', kind, count(*) FROM reached GROUP BY kind
UNION ALL SELECT 'territory', coalesce({sql.TERRITORY}, ''), count(*) FROM reached o
    GROUP BY 2
UNION ALL SELECT 'completed', gender, count(*) FROM completers GROUP BY gender
UNION ALL SELECT 'organisations', 'completed', count(*) FROM completed_organisations
"""
)


def figures(s: Session, params: dict[str, object]) -> dict[str, dict[str, int]]:
    """The (figure, cell, count) rows of :data:`FIGURES` as {figure: {cell: count}}."""
    found: dict[str, dict[str, int]] = defaultdict(dict)
    for figure, cell, count in s.execute(text(FIGURES), params):
        found[figure][cell] = count
    return found


def cells(codes: dict[str, str] | tuple[str, ...], counts: dict[str, int]) -> Cells:
    """Every code of a vocabulary in its order (0 when none), then any other code found."""
    order = list(codes)
    order += sorted(code for code in counts if code not in codes)
    return tuple((code, counts.get(code, 0)) for code in order)


def _count_of(s: Session, select_ids: str, params: dict[str, object]) -> int:
    return s.scalar(text(f"SELECT count(*) FROM ({select_ids})"), params) or 0


def _practices(s: Session, params: dict[str, object]) -> Practices:
    with_own = {**params, "own": own_id(s)}
    return Practices(
        collected=_count_of(s, sql.PRACTICES_COLLECTED, params),
        published=_count_of(s, sql.PRACTICES_PUBLISHED, with_own),
        shared=_count_of(s, sql.PRACTICES_SHARED, params),
        adopted=_count_of(s, sql.PRACTICES_ADOPTED, params),
    )
