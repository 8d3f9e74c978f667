"""What the mentors service takes and gives, its validation, and the pieces other services use
inside their own unit of work (the live pairs a mentor holds, the merge of two mentor records).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import ValidationError
from app.i18n import _
from app.models import Mentor, MentoringRelationship, utcnow
from app.services import text
from app.services.mentoring_vocabulary import HOLDING_CAPACITY, MENTORING_AREAS

log = logging.getLogger(__name__)

MAX_CAPACITY = 20


@dataclass(frozen=True, slots=True)
class MentorData:
    """Everything a mentor's form shows and saves. ``id`` is ``None`` for a new mentor."""

    person_id: str
    id: str | None = None
    organisation_id: str | None = None
    areas: tuple[str, ...] = ()
    expertise: str = ""
    capacity: int = 1
    available: bool = True
    notes: str = ""


@dataclass(frozen=True, slots=True)
class MentorRow:
    """One line of the mentors list; ``active_pairs`` are the pairs that take a place now."""

    id: str
    person_id: str
    person_name: str
    organisation_id: str | None
    organisation_name: str
    areas: tuple[str, ...]
    expertise: str
    capacity: int
    active_pairs: int
    available: bool
    deleted_at: datetime | None = None


def active_pairs_of(person_id_column):  # type: ignore[no-untyped-def]
    """A scalar subquery: the live pairs holding a place with ``person_id_column`` as mentor."""
    R = MentoringRelationship
    return (
        select(func.count(R.id))
        .where(
            R.mentor_id == person_id_column,
            R.deleted_at.is_(None),
            R.status.in_(HOLDING_CAPACITY),
        )
        .scalar_subquery()
    )


def validate_mentor(data: MentorData) -> dict[str, object]:
    """The columns to store for ``data``, or a ValidationError saying what to fix."""
    if not data.person_id:
        raise ValidationError(_("Choose the person who offers to mentor."), field="person_id")
    unknown = [a for a in data.areas if a not in MENTORING_AREAS]
    if unknown:
        raise ValidationError(
            _("“{value}” is not a known mentoring area.").format(value=unknown[0]), field="areas"
        )
    if not 1 <= data.capacity <= MAX_CAPACITY:
        raise ValidationError(
            _("A mentor takes from 1 to {most} pairs at once.").format(most=MAX_CAPACITY),
            field="capacity",
        )
    return {
        "organisation_id": data.organisation_id or None,
        "areas": list(dict.fromkeys(data.areas)),
        "expertise": text.clean_block(data.expertise),
        "capacity": data.capacity,
        "available": bool(data.available),
        "notes": text.clean_block(data.notes),
    }


def of_person(s: Session, person_id: str) -> Mentor | None:
    """Inside an open session: the person's mentor record, in the trash or not."""
    return s.scalar(select(Mentor).where(Mentor.person_id == person_id))


def mentor_data(mentor: Mentor) -> MentorData:
    """The form's values of a mentor record."""
    return MentorData(
        person_id=mentor.person_id,
        id=mentor.id,
        organisation_id=mentor.organisation_id,
        areas=tuple(mentor.areas or ()),
        expertise=mentor.expertise,
        capacity=mentor.capacity,
        available=mentor.available,
        notes=mentor.notes,
    )


def absorb_mentor(s: Session, merged_person_id: str, kept_person_id: str) -> None:
    """Inside a merge of duplicate people: when both were mentors, the kept person's record
    takes the other's areas, fills its empty fields and keeps the larger capacity; the other
    record goes to the trash with the merged person. (When only the merged person was a
    mentor, the merge's generic repoint moves the record over as it is.)"""
    other = of_person(s, merged_person_id)
    kept = of_person(s, kept_person_id)
    if other is None or kept is None:
        return
    live_other = other.deleted_at is None
    if live_other or kept.deleted_at is not None:
        kept.areas = list(dict.fromkeys([*(kept.areas or ()), *(other.areas or ())]))
        kept.capacity = max(kept.capacity, other.capacity)
        kept.available = kept.available or other.available
        for name in ("organisation_id", "expertise", "notes"):
            if not getattr(kept, name):
                setattr(kept, name, getattr(other, name))
    if live_other:
        kept.deleted_at = None
        other.deleted_at = utcnow()
    s.flush()
    log.info("mentor %s absorbed into %s", other.id, kept.id)
