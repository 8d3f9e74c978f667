"""Mentors: the professionals who offer to mentor, what they can help with and how many pairs
they take at once.

One mentor record per person (deterministic id ``natural_id("mentor", person_id)``, so two
laptops that offer the same person as mentor agree). A record is found by its person, never by
recomputing the id: after two duplicate people are merged the kept record may carry the other
person's id (see :func:`absorb_mentor`). Every method is one unit of work and returns frozen
dataclasses.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import ColumnElement, String, func, or_, select, type_coerce, update
from sqlalchemy.orm import Session

from app.db import Database
from app.errors import NotFoundError, ValidationError
from app.i18n import _
from app.models import (
    Membership,
    Mentor,
    Organisation,
    Person,
    natural_id,
    utcnow,
)
from app.services import text
from app.services.mentor_values import (
    MentorData,
    MentorRow,
    absorb_mentor,
    active_pairs_of,
    mentor_data,
    of_person,
    validate_mentor,
)

log = logging.getLogger(__name__)

__all__ = ["MentorData", "MentorRow", "MentorService", "absorb_mentor", "active_pairs_of"]


def _row_select():  # type: ignore[no-untyped-def]
    return (
        select(
            Mentor.id,
            Mentor.person_id,
            Person.full_name,
            Mentor.organisation_id,
            func.coalesce(Organisation.name, ""),
            Mentor.areas,
            Mentor.expertise,
            Mentor.capacity,
            active_pairs_of(Mentor.person_id).correlate(Mentor),
            Mentor.available,
            Mentor.deleted_at,
        )
        .join(Person, Person.id == Mentor.person_id)
        .outerjoin(Organisation, Organisation.id == Mentor.organisation_id)
    )


def _read_rows(s: Session, statement) -> list[MentorRow]:  # type: ignore[no-untyped-def]
    return [
        MentorRow(*row[:5], tuple(row[5] or ()), *row[6:8], row[8] or 0, bool(row[9]), row[10])
        for row in s.execute(statement)
    ]


def _filters(query: str, area: str, available_only: bool, trash: bool) -> list[ColumnElement]:
    conditions: list[ColumnElement] = [
        Mentor.deleted_at.is_not(None) if trash else Mentor.deleted_at.is_(None),
        Person.merged_into_id.is_(None),
    ]
    for word in text.fold(query).split():
        pattern = text.like_pattern(word)
        conditions.append(
            or_(
                Person.name_key.like(pattern, escape="\\"),
                Organisation.name_key.like(pattern, escape="\\"),
                func.fold(Mentor.expertise).like(pattern, escape="\\"),
            )
        )
    if area:
        conditions.append(type_coerce(Mentor.areas, String).like(f'%"{area}"%'))
    if available_only:  # taking new pairs and with a free place
        conditions.append(Mentor.available.is_(True))
        conditions.append(active_pairs_of(Mentor.person_id).correlate(Mentor) < Mentor.capacity)
    return conditions


class MentorService:
    """The mentors of the network: list, read, save, trash and restore."""

    def __init__(self, db: Database):
        self.db = db

    def list(
        self,
        query: str = "",
        area: str = "",
        available_only: bool = False,
        trash: bool = False,
        offset: int = 0,
        limit: int | None = 200,
    ) -> list[MentorRow]:
        """A page of mentors matching the words (name, organisation, expertise), by name."""
        statement = (
            _row_select()
            .where(*_filters(query, area, available_only, trash))
            .order_by(Person.name_key, Mentor.id)
            .offset(offset)
            .limit(limit)
        )
        with self.db.session() as s:
            return _read_rows(s, statement)

    def count(
        self, query: str = "", area: str = "", available_only: bool = False, trash: bool = False
    ) -> int:
        """How many mentors :meth:`list` would give without paging."""
        statement = (
            select(func.count(Mentor.id))
            .join(Person, Person.id == Mentor.person_id)
            .outerjoin(Organisation, Organisation.id == Mentor.organisation_id)
            .where(*_filters(query, area, available_only, trash))
        )
        with self.db.session() as s:
            return s.scalar(statement) or 0

    def get(self, mentor_id: str) -> MentorData:
        """The record of one mentor (in the trash or not)."""
        with self.db.session() as s:
            mentor = s.get(Mentor, mentor_id)
            if mentor is None:
                raise NotFoundError(_gone())
            return mentor_data(mentor)

    def for_person(self, person_id: str) -> MentorData | None:
        """The live mentor record of a person, or ``None`` when they do not mentor."""
        with self.db.session() as s:
            mentor = of_person(s, person_id)
            return mentor_data(mentor) if mentor is not None and mentor.deleted_at is None else None

    def save(self, data: MentorData) -> MentorRow:
        """Validate and save a mentor. A new mentor for a person whose record is in the trash
        brings that record back with the new values; a second live record is refused."""
        values = validate_mentor(data)
        with self.db.session() as s:
            _check_person(s, data.person_id)
            if values["organisation_id"] is None:
                values["organisation_id"] = _only_organisation(s, data.person_id)
            elif s.get(Organisation, values["organisation_id"]) is None:
                raise NotFoundError(_("That organisation is no longer in the directory."))
            mentor = _target(s, data)
            for key, value in values.items():
                setattr(mentor, key, value)
            mentor.deleted_at = None
            s.flush()
            log.info("mentor saved: %s", mentor.id)
            return _read_rows(s, _row_select().where(Mentor.id == mentor.id))[0]

    def delete(self, ids: Iterable[str]) -> int:
        """Move mentors to the trash (their pairs stay as they are); returns how many moved."""
        return self._set_deleted(ids, utcnow())

    def restore(self, ids: Iterable[str]) -> int:
        """Bring mentors back from the trash; returns how many came back."""
        return self._set_deleted(ids, None)

    def _set_deleted(self, ids: Iterable[str], when: datetime | None) -> int:
        ids = list(ids)
        if not ids:
            return 0
        with self.db.session() as s:
            result = s.execute(
                update(Mentor)
                .where(Mentor.id.in_(ids))
                .values(deleted_at=when, updated_at=utcnow())
            )
            return result.rowcount or 0


def _gone() -> str:
    return _("That mentor no longer exists. It may have been deleted.")


def _check_person(s: Session, person_id: str) -> None:
    person = s.get(Person, person_id)
    if person is None or person.deleted_at is not None or person.merged_into_id:
        raise NotFoundError(_("That person is no longer in the directory."))


def _only_organisation(s: Session, person_id: str) -> str | None:
    """The person's organisation when they belong to exactly one (a sensible default)."""
    ids = list(
        s.scalars(
            select(Membership.organisation_id).where(
                Membership.person_id == person_id, Membership.deleted_at.is_(None)
            )
        )
    )
    return ids[0] if len(ids) == 1 else None


def _target(s: Session, data: MentorData) -> Mentor:
    """The record ``data`` saves into: the existing one, or a new one with the natural id."""
    existing = of_person(s, data.person_id)
    if data.id is not None:
        mentor = s.get(Mentor, data.id)
        if mentor is None:
            raise NotFoundError(_gone())
        if mentor.person_id != data.person_id:
            raise ValidationError(
                _(
                    "A mentor record belongs to one person and cannot be moved to another. "
                    "Nothing was changed: add the other person as a new mentor instead."
                ),
                field="person_id",
            )
        return mentor
    if existing is not None:
        if existing.deleted_at is None:
            raise ValidationError(
                _(
                    "This person is already a mentor. Nothing was added: open their mentor "
                    "record to change it."
                ),
                field="person_id",
            )
        return existing
    mentor = Mentor(id=natural_id("mentor", data.person_id), person_id=data.person_id)
    s.add(mentor)
    return mentor
