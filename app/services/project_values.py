"""The values of collaborative projects: what a list and a form hold, and the checks of what a
person typed into a project's form. No database here: :mod:`app.services.projects` reads the
rows, checks that the organisations, the activity and the mentoring pair exist, and stores."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from app.errors import ValidationError
from app.i18n import _
from app.services import text, validation
from app.services.network_vocabulary import PROJECT_ORIGINS, PROJECT_ROLES

MAX_TITLE = 300
MAX_TEXT = 20_000
EARLIEST_YEAR = 1950
# Origins whose project came about at an activity of that kind, or through a mentoring pair.
ACTIVITY_ORIGINS = ("forum", "capsule")
RELATIONSHIP_ORIGINS = ("mentoring",)
# Roles listed in this order: who leads first.
ROLE_ORDER = {code: index for index, code in enumerate(PROJECT_ROLES)}


@dataclass(frozen=True, slots=True)
class ProjectMember:
    """An organisation taking part in a project, with its role (a ``PROJECT_ROLES`` code).
    ``name`` is filled when read; it is ignored when saved."""

    organisation_id: str
    role: str = "partner"
    name: str = ""


@dataclass(frozen=True, slots=True)
class ProjectData:
    """Everything a project's form shows and saves; ``id`` is ``None`` for a new project.

    ``origin`` is a ``PROJECT_ORIGINS`` code; ``origin_activity_id`` is kept only with the
    origins ``forum`` and ``capsule``, ``origin_relationship_id`` only with ``mentoring``.
    ``areas`` are areas of action, as for activities."""

    title: str
    id: str | None = None
    description: str = ""
    start_date: date | None = None
    end_date: date | None = None
    outcome: str = ""
    origin: str = "other"
    origin_activity_id: str | None = None
    origin_relationship_id: str | None = None
    areas: tuple[str, ...] = ()
    notes: str = ""
    organisations: tuple[ProjectMember, ...] = ()
    deleted_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class ProjectRow:
    """One line of the projects list; ``organisations`` are the names of the live organisations
    taking part, who leads first."""

    id: str
    title: str
    start_date: date | None
    end_date: date | None
    origin: str
    organisations: tuple[str, ...]
    deleted_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class OriginChoice:
    """An activity or a mentoring pair a project may have come about at, for the form's picker."""

    id: str
    label: str
    on: date | None


def _block(value: str, label: str) -> str:
    value = text.clean_block(value)
    if len(value) > MAX_TEXT:
        raise ValidationError(
            _("{field} is too long: at most {count} characters.").format(
                field=label, count=MAX_TEXT
            )
        )
    return value


def _check_dates(start: date | None, end: date | None) -> None:
    for day, field in ((start, "start_date"), (end, "end_date")):
        if day is not None and day.year < EARLIEST_YEAR:
            raise ValidationError(
                _("The date {day} looks wrong: check the year.").format(day=day.isoformat()),
                field=field,
            )
    if start is not None and end is not None and end < start:
        raise ValidationError(
            _("The project cannot end before it starts: check the dates."), field="end_date"
        )


def check_members(members: tuple[ProjectMember, ...]) -> dict[str, str]:
    """``{organisation_id: role}`` of the form's organisations; raises when none is chosen, a
    role is unknown or an organisation is listed twice."""
    chosen: dict[str, str] = {}
    for member in members:
        if member.role not in PROJECT_ROLES:
            raise ValidationError(
                _("Choose the role of each organisation in the project."), field="organisations"
            )
        if member.organisation_id in chosen:
            raise ValidationError(
                _("An organisation is listed twice: keep it once, with its role."),
                field="organisations",
            )
        chosen[member.organisation_id] = member.role
    if not chosen:
        raise ValidationError(
            _("Add the organisations taking part in the project."), field="organisations"
        )
    return chosen


def validate_project(data: ProjectData) -> dict[str, object]:
    """The columns to store for ``data`` (its organisations are checked by
    :func:`check_members`); raises :class:`ValidationError` naming the field at fault."""
    title = text.clean(validation.check_required(data.title, "title", _("The title")))
    if len(title) > MAX_TITLE:
        raise ValidationError(
            _("The title is too long: at most {count} characters.").format(count=MAX_TITLE),
            field="title",
        )
    if data.origin not in PROJECT_ORIGINS:
        raise ValidationError(_("Choose how the project came about."), field="origin")
    _check_dates(data.start_date, data.end_date)
    return {
        "title": title,
        "title_key": text.fold(title),
        "description": _block(data.description, _("The description")),
        "start_date": data.start_date,
        "end_date": data.end_date,
        "outcome": _block(data.outcome, _("The outcome")),
        "origin": data.origin,
        "origin_activity_id": (
            data.origin_activity_id or None if data.origin in ACTIVITY_ORIGINS else None
        ),
        "origin_relationship_id": (
            data.origin_relationship_id or None if data.origin in RELATIONSHIP_ORIGINS else None
        ),
        "areas": sorted({text.clean(a) for a in data.areas if text.clean(a)}),
        "notes": _block(data.notes, _("The notes")),
    }


def member_order(member: ProjectMember) -> tuple[int, str]:
    """Who leads first, then partners and supporters, each by name."""
    return ROLE_ORDER.get(member.role, len(ROLE_ORDER)), text.fold(member.name)
