"""The records behind each figure of a report: who, which sessions, which organisations ...

Each figure's key path ("participants.by_gender.woman", "organisations.reached",
"practices.shared" ...) opens the rows its count counts, read with the same SQL
(:mod:`sql`), so a figure and its records always agree. Hidden cells are not hidden here:
the records are for the staff who keep the data, not for the funder.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.db import Database
from app.errors import NotFoundError
from app.i18n import _
from app.services.network_vocabulary import AGE_BANDS
from app.services.reports import sql
from app.services.reports.indicators import period_params
from app.services.reports.labels import CELL_WORDS, FIGURES, figure_label
from app.services.reports.period import Period
from app.services.reports.record_rows import (
    cascade_rows,
    certificate_rows,
    goal_rows,
    hours,
    mentoring_session_rows,
    pair_rows,
    practice_rows,
    show_date,
)
from app.services.vocabulary import ACTIVITY_KINDS, GENDERS, ORGANISATION_KINDS

log = logging.getLogger(__name__)

Params = dict[str, object]
Rows = tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class FigureRecords:
    """The records behind one figure: a title, column headings and rows of text."""

    title: str
    columns: tuple[str, ...]
    rows: Rows


Reader = Callable[[Session, Params, str], tuple[tuple[str, ...], Rows]]


def _people(s: Session, params: Params, where: str) -> tuple[tuple[str, ...], Rows]:
    rows = s.execute(
        text(
            sql.with_(*sql.ATTENDANCE) + f"SELECT p.full_name, p.gender, {sql.AGE_BAND} AS band, "
            "count(*), sum(v.sessions_in), sum(v.minutes_in) "
            "FROM visits v JOIN people p ON p.id = v.person_id "
            f"WHERE v.sessions_in > 0 AND {sql.LIVE_PERSON} AND {where} "
            "GROUP BY p.id ORDER BY p.name_key, p.id"
        ),
        params,
    )
    columns = (_("Name"), _("Gender"), _("Age band"), _("Activities"), _("Sessions"), _("Hours"))
    return columns, tuple(
        (name, _(GENDERS.get(gender, gender)), _(AGE_BANDS[band]), str(acts), str(n), hours(m))
        for name, gender, band, acts, n, m in rows
    )


def _participants(s: Session, params: Params, code: str) -> tuple[tuple[str, ...], Rows]:
    return _people(s, params, "1")


def _by_gender(s: Session, params: Params, code: str) -> tuple[tuple[str, ...], Rows]:
    return _people(s, {**params, "code": code}, "p.gender = :code")


def _by_age_band(s: Session, params: Params, code: str) -> tuple[tuple[str, ...], Rows]:
    return _people(s, {**params, "code": code}, "band = :code")


def _by_kind(s: Session, params: Params, code: str) -> tuple[tuple[str, ...], Rows]:
    return _people(s, {**params, "code": code}, "v.kind = :code")


def _completed(s: Session, params: Params, where: str) -> tuple[tuple[str, ...], Rows]:
    rows = s.execute(
        text(
            sql.with_(*sql.ATTENDANCE, sql.DONE)
            + "SELECT p.full_name, p.gender, group_concat(act.title, '; ') FROM "
            "(SELECT d.person_id, d.activity_id FROM done d JOIN activities a2 "
            "ON a2.id = d.activity_id ORDER BY a2.title_key) d "
            "JOIN people p ON p.id = d.person_id JOIN activities act ON act.id = d.activity_id "
            f"WHERE {where} GROUP BY p.id ORDER BY p.name_key, p.id"
        ),
        params,
    )
    columns = (_("Name"), _("Gender"), _("Activities completed"))
    return columns, tuple(
        (name, _(GENDERS.get(gender, gender)), titles) for name, gender, titles in rows
    )


def _completed_all(s: Session, params: Params, code: str) -> tuple[tuple[str, ...], Rows]:
    return _completed(s, params, "1")


def _completed_by_gender(s: Session, params: Params, code: str) -> tuple[tuple[str, ...], Rows]:
    return _completed(s, {**params, "code": code}, "p.gender = :code")


def _sessions(s: Session, params: Params, code: str) -> tuple[tuple[str, ...], Rows]:
    rows = s.execute(
        text(
            sql.with_(sql.HELD, sql.ENDED, sql.SCOPE, sql.MARKS)
            + "SELECT h.date, act.title, h.kind, h.minutes, coalesce(n.people, 0) "
            "FROM held h JOIN activities act ON act.id = h.activity_id "
            "LEFT JOIN (SELECT m.session_id, count(*) AS people FROM marks m "
            f"JOIN people p ON p.id = m.person_id WHERE {sql.LIVE_PERSON} "
            "GROUP BY m.session_id) n ON n.session_id = h.id "
            "ORDER BY h.date, act.title_key, h.id"
        ),
        params,
    )
    columns = (_("Date"), _("Activity"), _("Kind"), _("Hours"), _("People who attended"))
    return columns, tuple(
        (show_date(day), title, _(ACTIVITY_KINDS.get(kind, kind)), hours(minutes), str(n))
        for day, title, kind, minutes, n in rows
    )


def _organisations(
    s: Session, params: Params, ctes: tuple[str, ...], table: str, where: str
) -> tuple[tuple[str, ...], Rows]:
    rows = s.execute(
        text(
            sql.with_(*ctes) + f"SELECT o.name, o.kind, coalesce({sql.TERRITORY}, '') AS place "
            f"FROM {table} o WHERE {where} ORDER BY o.name_key, o.id"
        ),
        params,
    )
    columns = (_("Organisation"), _("Type"), _("Territory"))
    return columns, tuple(
        (name, _(ORGANISATION_KINDS.get(kind, kind)), place) for name, kind, place in rows
    )


REACHED = (*sql.ATTENDANCE, sql.ATTENDEES, sql.PAIRS_ACTIVE, sql.REACHED)
COMPLETED = (*sql.ATTENDANCE, sql.DONE, sql.PAIRS_CLOSED, sql.COMPLETED_ORGANISATIONS)


def _reached(s: Session, params: Params, code: str) -> tuple[tuple[str, ...], Rows]:
    return _organisations(s, params, REACHED, "reached", "1")


def _by_type(s: Session, params: Params, code: str) -> tuple[tuple[str, ...], Rows]:
    return _organisations(s, {**params, "code": code}, REACHED, "reached", "o.kind = :code")


def _by_territory(s: Session, params: Params, code: str) -> tuple[tuple[str, ...], Rows]:
    where = f"coalesce({sql.TERRITORY}, '') = :code"
    return _organisations(s, {**params, "code": code}, REACHED, "reached", where)


def _organisations_completed(s: Session, params: Params, code: str) -> tuple[tuple[str, ...], Rows]:
    return _organisations(s, params, COMPLETED, "completed_organisations", "1")


def _plain(reader: Callable[[Session, Params], tuple[tuple[str, ...], Rows]]) -> Reader:
    return lambda s, params, _code: reader(s, params)


# Figure key (without a breakdown's cell) -> its reader; breakdowns read one cell.
READERS: dict[str, Reader] = {
    "participants.total": _participants,
    "participants.by_gender": _by_gender,
    "participants.by_age_band": _by_age_band,
    "participants.by_kind": _by_kind,
    "completed.total": _completed_all,
    "completed.by_gender": _completed_by_gender,
    "hours.delivered": _sessions,
    "hours.person_hours": _participants,
    "sessions": _sessions,
    "organisations.reached": _reached,
    "organisations.completed": _organisations_completed,
    "organisations.by_type": _by_type,
    "organisations.by_territory": _by_territory,
    "mentoring.pairs_active": _plain(
        lambda s, p: pair_rows(s, p, sql.PAIRS_ACTIVE, "pairs_active")
    ),
    "mentoring.pairs_closed": _plain(
        lambda s, p: pair_rows(s, p, sql.PAIRS_CLOSED, "pairs_closed")
    ),
    "mentoring.sessions": _plain(mentoring_session_rows),
    "mentoring.hours": _plain(mentoring_session_rows),
    "mentoring.goals_achieved": _plain(goal_rows),
    "practices.collected": _plain(lambda s, p: practice_rows(s, p, "collected")),
    "practices.published": _plain(lambda s, p: practice_rows(s, p, "published")),
    "practices.shared": _plain(lambda s, p: practice_rows(s, p, "shared")),
    "practices.adopted": _plain(lambda s, p: practice_rows(s, p, "adopted")),
    "certificates.issued": _plain(certificate_rows),
    "cascades.count": _plain(cascade_rows),
    "cascades.people_reached": _plain(cascade_rows),
}
# A group's own key opens its headline figure.
ALIASES = {
    "participants": "participants.total",
    "completed": "completed.total",
    "organisations": "organisations.reached",
}
BREAKDOWNS = frozenset({*CELL_WORDS, "by_territory"})


def _split(key: str) -> tuple[str, str]:
    """(figure key, breakdown cell code); raises NotFoundError for a key that is no figure."""
    key = ALIASES.get(key, key)
    group, _dot, rest = key.partition(".")
    figure, dot, code = rest.partition(".")
    base = f"{group}.{figure}" if figure else group
    is_breakdown = figure in BREAKDOWNS
    if base not in READERS or base not in FIGURES or is_breakdown != bool(dot):
        raise NotFoundError(
            _("The report has no figure “{key}”. Choose one of its figures.").format(key=key)
        )
    return base, code


def figure_records(db: Database, period: Period, key: str) -> FigureRecords:
    """The records behind the figure ``key`` of the report of ``period``."""
    base, code = _split(key)
    with db.session() as s:
        columns, rows = READERS[base](s, period_params(period), code)
    log.info("records of %s: %d rows", base, len(rows))
    title = _("{figure} — {period}").format(
        figure=figure_label(ALIASES.get(key, key)), period=period.label()
    )
    return FigureRecords(title, columns, rows)
