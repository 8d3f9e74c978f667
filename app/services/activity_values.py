"""Checking what a person typed into an activity's form before it is stored."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from app.errors import ValidationError
from app.i18n import _
from app.services import text
from app.services.vocabulary import (
    ACTIVITY_KINDS,
    ACTIVITY_LANGUAGES,
    ACTIVITY_STATUSES,
    CROSS_CUTTING_THEMES,
)


@dataclass(frozen=True, slots=True)
class SessionData:
    """One session of an activity. ``id`` is ``None`` for a new session."""

    date: date
    start_time: time | None = None
    end_time: time | None = None
    place: str = ""
    content: str = ""
    notes: str = ""
    id: str | None = None

    @property
    def minutes(self) -> int:
        """How long the session lasts, in minutes (0 when its times are not known)."""
        return session_minutes(self.start_time, self.end_time)

    @property
    def starts_at(self) -> datetime:
        return datetime.combine(self.date, self.start_time or time(0, 0))

    @classmethod
    def of(cls, row) -> SessionData:  # type: ignore[no-untyped-def]
        """The data of an ``ActivitySession`` row."""
        return cls(
            id=row.id,
            date=row.date,
            start_time=row.start_time,
            end_time=row.end_time,
            place=row.place,
            content=row.content,
            notes=row.notes,
        )


def session_minutes(start: time | None, end: time | None) -> int:
    """Minutes between two times of the same day; 0 when either is missing."""
    if start is None or end is None:
        return 0
    return max(0, (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute))


def validate_activity(data) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """The columns to store for an ``ActivityData``; raises :class:`ValidationError`."""
    title = text.clean(data.title)
    if not title:
        raise ValidationError(_("An activity needs a title."), field="title")
    if data.kind not in ACTIVITY_KINDS:
        raise ValidationError(_("Choose the kind of activity."), field="kind")
    if data.status not in ACTIVITY_STATUSES:
        raise ValidationError(_("Choose the status of the activity."), field="status")
    if data.language and data.language not in ACTIVITY_LANGUAGES:
        raise ValidationError(_("Choose the language of the activity."), field="language")
    unknown = [t for t in data.themes if t not in CROSS_CUTTING_THEMES]
    if unknown:
        raise ValidationError(_("Choose the themes from the list."), field="themes")
    if data.capacity is not None and data.capacity < 1:
        raise ValidationError(
            _("The capacity must be at least one person, or left empty."), field="capacity"
        )
    percent = data.min_attendance_percent
    if percent is not None and not 0 < percent <= 100:
        raise ValidationError(
            _("The minimum attendance must be between 1 and 100 %, or left empty."),
            field="min_attendance_percent",
        )
    if data.min_minutes is not None and data.min_minutes < 1:
        raise ValidationError(
            _("The minimum hours must be more than zero, or left empty."), field="min_minutes"
        )
    return {
        "kind": data.kind,
        "title": title,
        "title_key": text.fold(title),
        "description": data.description.strip(),
        "objectives": data.objectives.strip(),
        "areas": sorted({text.clean(a) for a in data.areas if text.clean(a)}),
        "themes": sorted(set(data.themes)),
        "capacity": data.capacity,
        "language": data.language or "es",
        "venue": text.clean(data.venue),
        "online_link": data.online_link.strip(),
        "status": data.status,
        "min_attendance_percent": percent,
        "min_minutes": data.min_minutes,
        "key_content": data.key_content.strip(),
        "notes": data.notes.strip(),
    }


def validate_sessions(sessions: tuple[SessionData, ...]) -> tuple[SessionData, ...]:
    """The sessions by date; raises :class:`ValidationError` naming the first bad one."""
    for number, session in enumerate(sessions, start=1):
        if session.date is None:
            raise ValidationError(
                _("Session {number} needs a date.").format(number=number), field="sessions"
            )
        both = session.start_time is not None and session.end_time is not None
        if both and session.end_time <= session.start_time:
            raise ValidationError(
                _("Session {number} ends before it starts. Check its times.").format(number=number),
                field="sessions",
            )
    return tuple(sorted(sessions, key=lambda x: (x.date, x.start_time or time(0), x.id or "")))
