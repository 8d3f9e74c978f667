"""The queries behind the activities list: its filters, its counts and its rows, and finding
an activity by a part of its title (the command line's ACTIVITY)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import ColumnElement, String, and_, func, select, type_coerce
from sqlalchemy.orm import Session

from app.models import Activity, ActivitySession, Registration
from app.services import text


@dataclass(frozen=True, slots=True)
class ActivityRow:
    """One line of the activities list."""

    id: str
    kind: str
    title: str
    status: str
    first_date: date | None
    last_date: date | None
    sessions: int
    registered: int
    capacity: int | None
    areas: tuple[str, ...]
    deleted_at: datetime | None = None


SORT_COLUMNS = {
    "title": Activity.title_key,
    "kind": Activity.kind,
    "status": Activity.status,
    "first_date": Activity.first_date,
}

# Registrations that hold a place: not cancelled, not on the waiting list.
HOLDING_PLACE = ("invited", "registered")


def _session_count():  # type: ignore[no-untyped-def]
    return (
        select(func.count(ActivitySession.id))
        .where(ActivitySession.activity_id == Activity.id, ActivitySession.deleted_at.is_(None))
        .correlate(Activity)
        .scalar_subquery()
    )


def _registered_count():  # type: ignore[no-untyped-def]
    return (
        select(func.count(Registration.id))
        .where(
            Registration.activity_id == Activity.id,
            Registration.deleted_at.is_(None),
            Registration.status.in_(HOLDING_PLACE),
        )
        .correlate(Activity)
        .scalar_subquery()
    )


def activity_filters(
    query: str, kind: str, status: str, year: int | None, area: str, trash: bool
) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [
        Activity.deleted_at.is_not(None) if trash else Activity.deleted_at.is_(None)
    ]
    for word in text.fold(query).split():
        conditions.append(Activity.title_key.like(text.like_pattern(word), escape="\\"))
    if kind:
        conditions.append(Activity.kind == kind)
    if status:
        conditions.append(Activity.status == status)
    if year:
        conditions.append(
            and_(
                Activity.first_date <= date(year, 12, 31),
                func.coalesce(Activity.last_date, Activity.first_date) >= date(year, 1, 1),
            )
        )
    if area:
        # areas is a JSON list of strings: match one whole element.
        conditions.append(
            type_coerce(Activity.areas, String).like(
                f"%{_json_string(text.clean(area))}%", escape="\\"
            )
        )
    return conditions


def row_select():  # type: ignore[no-untyped-def]
    return select(
        Activity.id,
        Activity.kind,
        Activity.title,
        Activity.status,
        Activity.first_date,
        Activity.last_date,
        _session_count(),
        _registered_count(),
        Activity.capacity,
        Activity.areas,
        Activity.deleted_at,
    )


def read_rows(s: Session, statement) -> list[ActivityRow]:  # type: ignore[no-untyped-def]
    return [ActivityRow(*row[:9], tuple(row[9] or ()), row[10]) for row in s.execute(statement)]


def _json_string(value: str) -> str:
    """``value`` as it appears inside the stored JSON list, with LIKE's wildcards escaped."""
    quoted = json.dumps(value)  # SQLAlchemy's JSON type stores with ensure_ascii
    return quoted.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def ids_by_title(s: Session, identifier: str) -> list[str]:
    key = text.fold(identifier)
    if not key:
        return []
    live = Activity.deleted_at.is_(None)
    exact = list(s.scalars(select(Activity.id).where(Activity.title_key == key, live)))
    if exact:
        return exact
    pattern = text.like_pattern(key)
    return list(
        s.scalars(select(Activity.id).where(Activity.title_key.like(pattern, escape="\\"), live))
    )
