"""Every session of every activity in one iCalendar (.ics) file for Outlook, Google or Apple.

A session with times is an event at local "floating" times (the same clock time wherever the
file is opened: the sessions happen where the association is); a session without times is an
all-day event. Each event's UID is the session's id, so importing the file again updates the
events instead of doubling them. The bytes depend only on the data (no "now" in the file), so
exporting twice without changes gives the same file.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from app.db import Database
from app.errors import ValidationError
from app.i18n import _
from app.models import Activity, ActivitySession, OrganisationProfile, the_profile
from app.services.vocabulary import ACTIVITY_KINDS
from app.settings import write_atomically

if TYPE_CHECKING:
    from icalendar import Event

log = logging.getLogger(__name__)

PRODID = "-//Tejido//Tejido//ES"


@dataclass(frozen=True, slots=True)
class CalendarSession:
    """One live session of a live activity, with what a calendar shows about it."""

    id: str
    activity_id: str
    kind: str
    title: str
    activity_status: str
    date: date
    start_time: time | None
    end_time: time | None
    place: str
    venue: str
    content: str
    online_link: str
    # The later of the session's and the activity's last change (UTC, naive).
    changed_at: datetime


def calendar_sessions(
    db: Database, start: date | None = None, end: date | None = None
) -> list[CalendarSession]:
    """The sessions (not in the trash, of activities not in the trash) from ``start`` to
    ``end`` inclusive, by date, time and id."""
    conditions = [ActivitySession.deleted_at.is_(None), Activity.deleted_at.is_(None)]
    if start is not None:
        conditions.append(ActivitySession.date >= start)
    if end is not None:
        conditions.append(ActivitySession.date <= end)
    statement = (
        select(ActivitySession, Activity)
        .join(Activity, Activity.id == ActivitySession.activity_id)
        .where(*conditions)
        .order_by(ActivitySession.date, ActivitySession.start_time, ActivitySession.id)
    )
    with db.session() as s:
        return [_calendar_session(x, a) for x, a in s.execute(statement)]


def _calendar_session(x: ActivitySession, a: Activity) -> CalendarSession:
    return CalendarSession(
        id=x.id,
        activity_id=a.id,
        kind=a.kind,
        title=a.title,
        activity_status=a.status,
        date=x.date,
        start_time=x.start_time,
        end_time=x.end_time,
        place=x.place,
        venue=a.venue,
        content=x.content,
        online_link=a.online_link,
        changed_at=max(x.updated_at, a.updated_at),
    )


def export_calendar(
    db: Database, path: Path, start: date | None = None, end: date | None = None
) -> int:
    """Write the sessions from ``start`` to ``end`` (inclusive; open when ``None``) to the
    .ics file ``path``, atomically. Returns how many sessions were written.

    Raises :class:`ValidationError` for a file name not ending in .ics, dates in the wrong
    order, or a file that cannot be written (an existing file is then left as it was).
    """
    if path.suffix.lower() != ".ics":
        raise ValidationError(_("Choose a file name ending in .ics."))
    if start is not None and end is not None and start > end:
        raise ValidationError(
            _("The first date ({start}) is after the last date ({end}). Swap them.").format(
                start=start.isoformat(), end=end.isoformat()
            )
        )
    sessions = calendar_sessions(db, start, end)
    data = calendar_bytes(sessions, _calendar_name(db))
    try:
        write_atomically(path, data)
    except OSError as error:
        raise ValidationError(
            _("The file {path} could not be written ({reason}). Nothing was changed.").format(
                path=path, reason=error.strerror or error
            )
        ) from error
    log.info("calendar exported: %d sessions", len(sessions))
    return len(sessions)


def _calendar_name(db: Database) -> str:
    with db.session() as s:
        name = s.scalar(the_profile(OrganisationProfile.name)) or ""
    if name.strip():
        return _("{organisation}: activities").format(organisation=name.strip())
    return _("Tejido activities")


def calendar_bytes(sessions: list[CalendarSession], name: str) -> bytes:
    """The .ics file of ``sessions`` (in the given order), named ``name`` in calendar programs."""
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    for session in sessions:
        calendar.add_component(_event(session))
    return calendar.to_ical()


def _event(session: CalendarSession) -> Event:
    """One VEVENT: floating times, or an all-day event when the session has no start time."""
    from icalendar import Event

    event = Event()
    event.add("uid", f"{session.id}@tejido")
    event.add("dtstamp", session.changed_at.replace(tzinfo=UTC))
    kind = _(ACTIVITY_KINDS.get(session.kind, ACTIVITY_KINDS["other"]))
    event.add("summary", _("{kind}: {title}").format(kind=kind, title=session.title))
    if session.start_time is not None:
        event.add("dtstart", datetime.combine(session.date, session.start_time))
        if session.end_time is not None:
            event.add("dtend", datetime.combine(session.date, session.end_time))
    else:
        event.add("dtstart", session.date)
        event.add("dtend", session.date + timedelta(days=1))
    location = session.place.strip() or session.venue.strip()
    if location:
        event.add("location", location)
    description = _description(session)
    if description:
        event.add("description", description)
    if session.online_link.strip():
        event.add("url", session.online_link.strip())
    event.add("status", "CANCELLED" if session.activity_status == "cancelled" else "CONFIRMED")
    return event


def _description(session: CalendarSession) -> str:
    parts = []
    if session.content.strip():
        parts.append(session.content.strip())
    if session.online_link.strip():
        parts.append(_("Online: {link}").format(link=session.online_link.strip()))
    return "\n\n".join(parts)
