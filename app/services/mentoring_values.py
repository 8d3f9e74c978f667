"""What the mentoring services take and give: frozen dataclasses, and their validation.

Confidential notes appear in one place only, :class:`SessionLogData` (the session's own form).
Rows for lists, summaries and exports (:class:`SessionLogRow` and the rest) have no field for
them, so nothing built from a row can leak them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from app.errors import ValidationError
from app.i18n import _, format_date
from app.services import text
from app.services.mentoring_vocabulary import (
    CLOSURE_REASONS,
    FREQUENCIES,
    MENTORING_AREAS,
    RATINGS,
    RELATIONSHIP_STATUSES,
    SESSION_MODES,
)


@dataclass(frozen=True, slots=True)
class RelationshipData:
    """Everything a relationship's form shows and saves. ``id`` is ``None`` for a new one.
    The organisations are those the mentor and mentee act for in this pair."""

    mentor_id: str
    mentee_id: str
    id: str | None = None
    mentor_organisation_id: str | None = None
    mentee_organisation_id: str | None = None
    areas: tuple[str, ...] = ()
    start_date: date | None = None
    planned_end: date | None = None
    frequency: str = "monthly"
    status: str = "proposed"
    closed_on: date | None = None
    closure_reason: str = ""
    final_assessment: str = ""
    agreement_goals: str = ""
    agreement_commitments: str = ""
    agreement_confidentiality: str = ""
    notes: str = ""
    deleted_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class RelationshipRow:
    """One line of the relationships list."""

    id: str
    mentor_id: str
    mentor_name: str
    mentor_organisation: str
    mentee_id: str
    mentee_name: str
    mentee_organisation: str
    areas: tuple[str, ...]
    status: str
    start_date: date | None
    planned_end: date | None
    last_session_on: date | None
    sessions: int
    deleted_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class GoalData:
    """A goal of a relationship; ``progress`` is 0-100 and its changes are kept as history."""

    relationship_id: str
    description: str
    id: str | None = None
    baseline: str = ""
    target: str = ""
    due_date: date | None = None
    progress: int = 0
    achieved_on: date | None = None
    position: int = 0


@dataclass(frozen=True, slots=True)
class ProgressPoint:
    """One dated step of a goal's progress."""

    recorded_on: date
    progress: int
    note: str = ""


@dataclass(frozen=True, slots=True)
class SessionLogData:
    """One mentoring session as its form shows it, confidential notes included."""

    relationship_id: str
    date: date
    id: str | None = None
    minutes: int = 60
    mode: str = "in_person"
    topics: str = ""
    summary: str = ""
    agreements: str = ""
    next_steps: str = ""
    mentor_rating: int | None = None
    mentee_rating: int | None = None
    confidential_notes: str = ""


@dataclass(frozen=True, slots=True)
class SessionLogRow:
    """One session of the log as lists, summaries and exports show it: no confidential notes."""

    id: str
    relationship_id: str
    date: date
    minutes: int
    mode: str
    topics: str
    summary: str
    agreements: str
    next_steps: str
    mentor_rating: int | None
    mentee_rating: int | None
    has_confidential_notes: bool


@dataclass(frozen=True, slots=True)
class RelationshipDetail:
    """A relationship with the names behind its ids, its goals and its session totals."""

    data: RelationshipData
    mentor_name: str
    mentor_organisation: str
    mentee_name: str
    mentee_organisation: str
    goals: tuple[GoalData, ...]
    sessions: int
    minutes: int
    last_session_on: date | None


def _choice(value: str, allowed: dict[str, str], message: str, field: str) -> str:
    """``value`` when it is one of the codes ``allowed``; else ``message`` (a whole translated
    sentence with a ``{value}`` placeholder) as a ValidationError on ``field``."""
    if value not in allowed:
        raise ValidationError(message.format(value=value), field=field)
    return value


def _areas(values: tuple[str, ...]) -> list[str]:
    for value in values:
        _choice(
            value,
            MENTORING_AREAS,
            _("“{value}” is not one of the mentoring areas. Choose the areas from the list."),
            "areas",
        )
    return list(dict.fromkeys(values))


def _check_pair(data: RelationshipData) -> None:
    """Two different people, acting for two different organisations, and dates in order."""
    if not data.mentor_id or not data.mentee_id:
        field = "mentee_id" if data.mentor_id else "mentor_id"
        raise ValidationError(_("Choose both the mentor and the mentee."), field=field)
    if data.mentor_id == data.mentee_id:
        raise ValidationError(
            _("The mentor and the mentee must be two different people."), field="mentee_id"
        )
    if data.mentor_organisation_id and data.mentor_organisation_id == data.mentee_organisation_id:
        raise ValidationError(
            _(
                "The mentor and the mentee act for the same organisation. Mentoring here pairs "
                "professionals of different organisations: choose another organisation for one "
                "of them."
            ),
            field="mentee_organisation_id",
        )
    if data.start_date and data.planned_end and data.planned_end < data.start_date:
        raise ValidationError(
            _("The planned end comes before the start. Check the two dates."), field="planned_end"
        )


def _closing(data: RelationshipData, status: str, today: date) -> tuple[date | None, str]:
    """The closing date and reason to keep: a closed pair has both (today and "other" when not
    given); any other status has neither."""
    if status != "closed":
        return None, ""
    closed_on = data.closed_on or today
    reason = _choice(
        data.closure_reason or "other",
        CLOSURE_REASONS,
        _("“{value}” is not one of the reasons to close a pair. Choose one from the list."),
        "closure_reason",
    )
    if data.start_date and closed_on < data.start_date:
        raise ValidationError(
            _("The pair cannot close before it started. Check the dates."), field="closed_on"
        )
    return closed_on, reason


def validate_relationship(data: RelationshipData, today: date) -> dict[str, object]:
    """The columns to store for ``data``, or a ValidationError saying what to fix (its
    ``field`` names the RelationshipData field at fault)."""
    _check_pair(data)
    status = _choice(
        data.status,
        RELATIONSHIP_STATUSES,
        _("“{value}” is not a status a pair can have. Choose one from the list."),
        "status",
    )
    closed_on, reason = _closing(data, status, today)
    frequency = _choice(
        data.frequency,
        FREQUENCIES,
        _("“{value}” is not one of the frequencies. Choose one from the list."),
        "frequency",
    )
    return {
        "mentor_id": data.mentor_id,
        "mentee_id": data.mentee_id,
        "mentor_organisation_id": data.mentor_organisation_id or None,
        "mentee_organisation_id": data.mentee_organisation_id or None,
        "areas": _areas(data.areas),
        "start_date": data.start_date,
        "planned_end": data.planned_end,
        "frequency": frequency,
        "status": status,
        "closed_on": closed_on,
        "closure_reason": reason,
        "final_assessment": text.clean_block(data.final_assessment),
        "agreement_goals": text.clean_block(data.agreement_goals),
        "agreement_commitments": text.clean_block(data.agreement_commitments),
        "agreement_confidentiality": text.clean_block(data.agreement_confidentiality),
        "notes": text.clean_block(data.notes),
    }


def check_progress(value: int) -> int:
    """A progress percentage, or a ValidationError."""
    if not 0 <= value <= 100:
        raise ValidationError(_("Progress is a percentage from 0 to 100."), field="progress")
    return value


def validate_goal(data: GoalData) -> dict[str, object]:
    """The columns to store for a goal, or a ValidationError."""
    description = text.clean_block(data.description)
    if not description:
        raise ValidationError(_("Describe the goal in a few words."), field="description")
    return {
        "description": description,
        "baseline": text.clean_block(data.baseline),
        "target": text.clean_block(data.target),
        "due_date": data.due_date,
        "progress": check_progress(data.progress),
        "position": data.position,
    }


def _ratings(data: SessionLogData) -> None:
    for field, value, message in (
        ("mentor_rating", data.mentor_rating, _("The mentor's rating is a score from 1 to 5.")),
        ("mentee_rating", data.mentee_rating, _("The mentee's rating is a score from 1 to 5.")),
    ):
        if value is not None and value not in RATINGS:
            raise ValidationError(message, field=field)


def validate_session_log(data: SessionLogData, today: date) -> dict[str, object]:
    """The columns to store for a mentoring session, or a ValidationError."""
    if data.date is None:
        raise ValidationError(_("Give the date of the session."), field="date")
    if data.date.year < 2000 or (data.date - today).days > 366:
        raise ValidationError(
            _("The date {date} looks wrong. Check it.").format(date=format_date(data.date)),
            field="date",
        )
    if not 0 < data.minutes <= 24 * 60:
        raise ValidationError(_("The duration is in minutes, from 1 to 1440."), field="minutes")
    _ratings(data)
    return {
        "date": data.date,
        "minutes": data.minutes,
        "mode": _choice(
            data.mode,
            SESSION_MODES,
            _("“{value}” is not a way of meeting. Choose in person, phone or video call."),
            "mode",
        ),
        "topics": text.clean_block(data.topics),
        "summary": text.clean_block(data.summary),
        "agreements": text.clean_block(data.agreements),
        "next_steps": text.clean_block(data.next_steps),
        "mentor_rating": data.mentor_rating,
        "mentee_rating": data.mentee_rating,
        "confidential_notes": text.clean_block(data.confidential_notes),
    }
