"""Inside the one open session of an attendance import: the activity's sessions (and which one
each row goes to), and writing the registrations and the marks.

The people themselves are written by :func:`writing.write_rows`, as the people import writes
them. The caller owns the transaction: any exception here, a cancel included, rolls the whole
import back.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import NotFoundError
from app.i18n import _, format_date
from app.models import Activity, ActivitySession, Organisation, Registration
from app.services.attendance import write_mark
from app.services.importing.attendance_matching import AttendanceRow
from app.services.importing.attendance_values import AttendanceCells
from app.services.importing.matching import RowOutcome
from app.services.importing.values import RejectedRow
from app.services.importing.writing import Ticker
from app.services.registrations import register_in_session

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ActivitySessions:
    """An activity's title and live sessions."""

    id: str
    title: str
    sessions: Mapping[str, date]  # session id -> date, by date


def load_activity(s: Session, activity_id: str) -> ActivitySessions:
    """The live activity ``activity_id`` and its live sessions; raises :class:`NotFoundError`."""
    activity = s.get(Activity, activity_id)
    if activity is None or activity.deleted_at is not None:
        raise NotFoundError(_("This activity no longer exists (or is in the trash)."))
    sessions = s.execute(
        select(ActivitySession.id, ActivitySession.date)
        .where(ActivitySession.activity_id == activity_id, ActivitySession.deleted_at.is_(None))
        .order_by(ActivitySession.date, ActivitySession.start_time, ActivitySession.id)
    )
    return ActivitySessions(activity.id, activity.title, {i: day for i, day in sessions})


def route_row(
    cells: AttendanceCells, activity: ActivitySessions, session_id: str | None
) -> AttendanceRow | RejectedRow:
    """The session of the row: that of its date, or the chosen one when it has no date."""
    line, name = cells.person.line, str(cells.person.columns["full_name"])
    if not cells.dates:
        if session_id is None:
            return RejectedRow(line, _("The date of the session is missing."), name)
        return AttendanceRow(cells, session_id, activity.sessions[session_id])
    for when in cells.dates:
        ids = [i for i, day in activity.sessions.items() if day == when]
        if len(ids) == 1 or session_id in ids:
            return AttendanceRow(cells, session_id if session_id in ids else ids[0], when)
        if ids:
            return RejectedRow(line, _several_sessions(activity.title, len(ids), when), name)
    message = _("{title} has no session on {date}.")
    return RejectedRow(
        line, message.format(title=activity.title, date=format_date(cells.dates[0])), name
    )


def _several_sessions(title: str, count: int, when: date) -> str:
    return _(
        "{title} has {count} sessions on {date}: import this file once for each session, "
        "choosing it, with no date column."
    ).format(title=title, count=count, date=format_date(when))


def people_to_register(
    s: Session, activity_id: str, people: Sequence[RowOutcome]
) -> dict[str, str]:
    """``{person id: role}`` of the rows' people not registered in the activity yet, in file
    order. An invited, waiting or cancelled person who came is registered, keeping the role."""
    found = s.execute(
        select(Registration.person_id, Registration.role, Registration.status).where(
            Registration.activity_id == activity_id, Registration.deleted_at.is_(None)
        )
    )
    current = {pid: (role, status) for pid, role, status in found}
    wanted: dict[str, str] = {}
    for outcome in people:
        pid = outcome.person_id
        if pid and current.get(pid, ("", ""))[1] != "registered":
            wanted.setdefault(pid, current.get(pid, ("attendee", ""))[0])
    return wanted


def register_people(
    s: Session, activity_id: str, rows: Sequence[AttendanceRow], people: Sequence[RowOutcome]
) -> int:
    """Register the rows' people not registered yet (with the organisation the row names)."""
    wanted = people_to_register(s, activity_id, people)
    keys = {r.cells.person.organisation_key for r in rows} - {""}
    found = s.execute(
        select(Organisation.name_key, Organisation.id)
        .where(
            Organisation.name_key.in_(keys),
            Organisation.deleted_at.is_(None),
            Organisation.merged_into_id.is_(None),
        )
        .order_by(Organisation.created_at.desc())  # the oldest last: it wins
    )
    organisations = {key: organisation_id for key, organisation_id in found}
    registered = 0
    for row, outcome in zip(rows, people, strict=True):
        pid = outcome.person_id
        if pid in wanted:
            organisation_id = organisations.get(row.cells.person.organisation_key)
            role = wanted.pop(pid)
            register_in_session(
                s, activity_id, pid, organisation_id=organisation_id, role=role, status="registered"
            )
            registered += 1
    return registered


def write_marks(
    s: Session,
    rows: Sequence[AttendanceRow],
    people: Sequence[RowOutcome],
    taken_by: str,
    tick: Ticker,
) -> None:
    """Mark every row's person at the row's session, in file order (a later row wins)."""
    for row, outcome in zip(rows, people, strict=True):
        if outcome.person_id:
            cells = row.cells
            remarks = cells.remarks or None  # no remarks: keep those written at the roster
            write_mark(
                s, row.session_id, outcome.person_id, cells.mark, cells.minutes, remarks, taken_by
            )
        tick(1)
