"""The roster and attendance of one activity, written to an XLSX or CSV file (formula-safe).

One row per registered person (cancelled people too, with their status): who they are, their
mark at each session, and where they stand with the activity's completion rule (see
:mod:`app.services.completion`). Everything is read in one database session, so the file is a
consistent picture even while someone takes attendance on the same laptop.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import Database
from app.i18n import N_, _, format_date, format_number
from app.models import Attendance
from app.services.activities import read_activity
from app.services.activity_values import SessionData
from app.services.completion import (
    AT_RISK,
    COMPLETED,
    NOT_COMPLETED,
    PersonCompletion,
    activity_completion,
)
from app.services.registrations import RegistrationRow, registration_rows
from app.services.table_export import Cell, export_table
from app.services.vocabulary import ATTENDANCE_MARKS, REGISTRATION_ROLES, REGISTRATION_STATUSES

log = logging.getLogger(__name__)

COMPLETION_STATES: dict[str, str] = {
    COMPLETED: N_("Completed"),
    AT_RISK: N_("At risk"),
    NOT_COMPLETED: N_("Not completed"),
}

# (person id, session id) -> (mark, minutes when partial)
Marks = dict[tuple[str, str], tuple[str, int | None]]


def export_attendance(db: Database, activity_id: str, path: Path) -> int:
    """Write the roster and attendance of the activity to ``path`` (.xlsx or .csv).

    Returns the number of people rows. Raises :class:`~app.errors.NotFoundError` for an
    activity that does not exist and :class:`~app.errors.ValidationError` for another kind of
    file or a file that cannot be written (nothing is left half-written: the file is replaced
    atomically).
    """
    as_text = path.suffix.lower() == ".csv"
    with db.session() as s:
        activity = read_activity(s, activity_id)
        sessions = activity.sessions
        people = registration_rows(s, activity_id)
        completion = activity_completion(s, activity_id, date.today())
        marks = _marks(s, sessions)
    standing = {p.person_id: p for p in completion.people}
    headers = [
        _("Name"),
        _("Organisation"),
        _("Role"),
        _("Registration status"),
        *session_headers(sessions),
        _("Sessions attended"),
        _("% attendance"),
        _("Hours"),
        _("Completion"),
        _("Satisfaction"),
    ]
    rows = [
        _person_row(person, sessions, marks, standing.get(person.person_id), as_text)
        for person in people
    ]
    count = export_table(path, headers, rows)
    log.info("attendance of activity %s exported (%d people)", activity_id, count)
    return count


def session_headers(sessions: Sequence[SessionData]) -> list[str]:
    """One column title per session: its date, with its time when another session shares it."""
    dates = [x.date for x in sessions]
    titles = []
    for session in sessions:
        title = format_date(session.date)
        if dates.count(session.date) > 1 and session.start_time is not None:
            title = _("{date} {time}").format(date=title, time=session.start_time.strftime("%H:%M"))
        titles.append(title)
    # Two sessions on one day without times would still share a title: number them.
    return [
        _("{title} ({number})").format(title=t, number=titles[:i].count(t) + 1)
        if titles.count(t) > 1
        else t
        for i, t in enumerate(titles)
    ]


def mark_label(mark: str | None, minutes: int | None) -> str:
    """A mark as shown in the file: "Present", "Late (45 min)", or empty when not marked."""
    if mark is None:
        return ""
    label = _(ATTENDANCE_MARKS.get(mark, mark))
    if minutes is None:
        return label
    return _("{mark} ({minutes} min)").format(mark=label, minutes=minutes)


def _marks(s: Session, sessions: Sequence[SessionData]) -> Marks:
    ids = [x.id for x in sessions]
    rows = s.execute(
        select(
            Attendance.person_id, Attendance.session_id, Attendance.status, Attendance.minutes
        ).where(Attendance.session_id.in_(ids), Attendance.deleted_at.is_(None))
    )
    return {(person, session): (status, minutes) for person, session, status, minutes in rows}


def _person_row(
    person: RegistrationRow,
    sessions: Sequence[SessionData],
    marks: Marks,
    standing: PersonCompletion | None,
    as_text: bool,
) -> list[Cell]:
    cells: list[Cell] = [
        person.full_name,
        person.organisation_name,
        _(REGISTRATION_ROLES.get(person.role, person.role)),
        _(REGISTRATION_STATUSES.get(person.status, person.status)),
    ]
    for session in sessions:
        cells.append(mark_label(*marks.get((person.person_id, session.id or ""), (None, None))))
    cells.extend(_standing_cells(standing, as_text))
    cells.append(person.satisfaction)
    return cells


def _standing_cells(standing: PersonCompletion | None, as_text: bool) -> list[Cell]:
    """Sessions attended, %, hours and state; empty for someone the rule does not judge (a
    cancelled registration, or the waiting list, with no marks)."""
    if standing is None:
        return [None, None, None, ""]
    percent = standing.percent
    return [
        standing.sessions_attended,
        None if percent is None else _number(round(percent, 1), as_text),
        _number(round(standing.minutes / 60, 2), as_text),
        _(COMPLETION_STATES[standing.state]),
    ]


def _number(value: float, as_text: bool) -> Cell:
    """A number as a number in XLSX; in CSV, written the way the language writes it (a
    decimal comma in Spanish), as a spreadsheet program of that language reads it."""
    if not as_text:
        return int(value) if value == int(value) else value
    return format_number(value)
