"""What the mentoring services take and give: frozen dataclasses, and their validation.

Confidential notes appear in one place only, :class:`SessionLogData` (the session's own form).
Rows for lists, summaries and exports (:class:`SessionLogRow` and the rest) have no field for
them, so nothing built from a row can leak them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from app.errors import ValidationError
from app.i18n import _
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


def _codes(values: tuple[str, ...], allowed: dict[str, str], label: str) -> list[str]:
    unknown = [v for v in values if v not in allowed]
    if unknown:
        raise ValidationError(
            _("“{value}” is not a known {field}.").format(value=unknown[0], field=label)
        )
    return list(dict.fromkeys(values))


def _choice(value: str, allowed: dict[str, str], label: str) -> str:
    if value not in allowed:
        raise ValidationError(
            _("“{value}” is not a known {field}.").format(value=value, field=label)
        )
    return value


def validate_relationship(data: RelationshipData, today: date) -> dict[str, object]:
    """The columns to store for ``data``, or a ValidationError saying what to fix."""
    if not data.mentor_id or not data.mentee_id:
        raise ValidationError(_("Choose both the mentor and the mentee."))
    if data.mentor_id == data.mentee_id:
        raise ValidationError(_("The mentor and the mentee must be two different people."))
    if data.mentor_organisation_id and data.mentor_organisation_id == data.mentee_organisation_id:
        raise ValidationError(
            _(
                "The mentor and the mentee act for the same organisation. Mentoring here pairs "
                "professionals of different organisations: choose another organisation for one "
                "of them."
            )
        )
    if data.start_date and data.planned_end and data.planned_end < data.start_date:
        raise ValidationError(_("The planned end comes before the start. Check the two dates."))
    status = _choice(data.status, RELATIONSHIP_STATUSES, _("status"))
    closed_on, reason = data.closed_on, data.closure_reason
    if status == "closed":
        closed_on = closed_on or today
        reason = _choice(reason or "other", CLOSURE_REASONS, _("closure reason"))
        if data.start_date and closed_on < data.start_date:
            raise ValidationError(_("The pair cannot close before it started. Check the dates."))
    else:
        closed_on, reason = None, ""
    return {
        "mentor_id": data.mentor_id,
        "mentee_id": data.mentee_id,
        "mentor_organisation_id": data.mentor_organisation_id or None,
        "mentee_organisation_id": data.mentee_organisation_id or None,
        "areas": _codes(data.areas, MENTORING_AREAS, _("mentoring area")),
        "start_date": data.start_date,
        "planned_end": data.planned_end,
        "frequency": _choice(data.frequency, FREQUENCIES, _("frequency")),
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
        raise ValidationError(_("Progress is a percentage from 0 to 100."))
    return value


def validate_goal(data: GoalData) -> dict[str, object]:
    """The columns to store for a goal, or a ValidationError."""
    description = text.clean_block(data.description)
    if not description:
        raise ValidationError(_("Describe the goal in a few words."))
    return {
        "description": description,
        "baseline": text.clean_block(data.baseline),
        "target": text.clean_block(data.target),
        "due_date": data.due_date,
        "progress": check_progress(data.progress),
        "position": data.position,
    }


def _rating(value: int | None, label: str) -> int | None:
    if value is not None and value not in RATINGS:
        raise ValidationError(_("{field} is a score from 1 to 5.").format(field=label))
    return value


def validate_session_log(data: SessionLogData, today: date) -> dict[str, object]:
    """The columns to store for a mentoring session, or a ValidationError."""
    if data.date is None:
        raise ValidationError(_("Give the date of the session."))
    if data.date.year < 2000 or (data.date - today).days > 366:
        raise ValidationError(_("The date {date} looks wrong. Check it.").format(date=data.date))
    if not 0 < data.minutes <= 24 * 60:
        raise ValidationError(_("The duration is in minutes, from 1 to 1440."))
    return {
        "date": data.date,
        "minutes": data.minutes,
        "mode": _choice(data.mode, SESSION_MODES, _("mode")),
        "topics": text.clean_block(data.topics),
        "summary": text.clean_block(data.summary),
        "agreements": text.clean_block(data.agreements),
        "next_steps": text.clean_block(data.next_steps),
        "mentor_rating": _rating(data.mentor_rating, _("The mentor's rating")),
        "mentee_rating": _rating(data.mentee_rating, _("The mentee's rating")),
        "confidential_notes": text.clean_block(data.confidential_notes),
    }
