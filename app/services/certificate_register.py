"""The certificate register as lists show it: every certificate, its status, a search."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, or_
from sqlalchemy.sql.elements import ColumnElement

from app.models import Certificate
from app.services import text

CERTIFICATE_STATUSES = ("valid", "replaced", "revoked")
# Shorter words match too many codes by chance.
MIN_CODE_SEARCH = 4


@dataclass(frozen=True, slots=True)
class RegisterRow:
    """One line of the certificate register."""

    id: str
    code: str
    status: str  # valid | replaced | revoked
    kind: str
    person_id: str
    person_name: str
    activity_id: str
    activity_title: str
    minutes: int
    language: str
    design: str
    issued_at: datetime
    issued_by: str
    replaced_by_id: str | None
    revoked_at: datetime | None
    revoke_reason: str


def register_filters(query: str, activity_id: str | None) -> list[ColumnElement[bool]]:
    """Each word of ``query`` in the person's name or the activity's title (accents and case
    ignored), or, from four characters on, in the code."""
    conditions: list[ColumnElement[bool]] = [Certificate.deleted_at.is_(None)]
    for word in text.fold(query).split():
        pattern = text.like_pattern(word)
        matches = [
            func.fold(Certificate.person_name).like(pattern, escape="\\"),
            func.fold(Certificate.activity_title).like(pattern, escape="\\"),
        ]
        if len(word) >= MIN_CODE_SEARCH:
            matches.append(func.fold(Certificate.code).like(pattern, escape="\\"))
        conditions.append(or_(*matches))
    if activity_id:
        conditions.append(Certificate.activity_id == activity_id)
    return conditions


def register_row(row: Certificate) -> RegisterRow:
    """A register line; revoked wins over replaced (a replaced one can be revoked too)."""
    if row.revoked_at is not None:
        status = "revoked"
    elif row.replaced_by_id is not None:
        status = "replaced"
    else:
        status = "valid"
    return RegisterRow(
        row.id,
        row.code,
        status,
        row.kind,
        row.person_id,
        row.person_name,
        row.activity_id,
        row.activity_title,
        row.minutes,
        row.language,
        row.design,
        row.issued_at,
        row.issued_by,
        row.replaced_by_id,
        row.revoked_at,
        row.revoke_reason,
    )
