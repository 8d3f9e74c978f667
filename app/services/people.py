"""People of the directory: list and search, read, save, trash and restore.

Every function is one unit of work on its own session and returns frozen dataclasses. A person's
memberships and consent are read and saved with the person, by :mod:`app.services.person_links`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from app.db import Database
from app.errors import ValidationError
from app.i18n import _
from app.models import Membership, Organisation, Person, utcnow
from app.services import text, validation
from app.services.person_links import (  # re-exported: PersonData's parts are imported from here
    ConsentData,
    MembershipData,
    read_consents,
    read_memberships,
    save_consents,
    save_memberships,
)
from app.services.records import listed_in, load_unmerged, page_order, save_values, set_deleted
from app.services.vocabulary import GENDERS

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class PersonRow:
    """One line of the people list."""

    id: str
    full_name: str
    gender: str
    birth_year: int | None
    email: str
    phone: str
    organisations: str
    updated_at: datetime
    deleted_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class PersonData:
    """Everything a person's form shows and saves. ``id`` is ``None`` for a new person."""

    full_name: str
    id: str | None = None
    given_name: str = ""
    family_name: str = ""
    gender: str = "not_stated"
    birth_year: int | None = None
    email: str = ""
    phone: str = ""
    preferred_language: str = ""
    expertise: str = ""
    interests: str = ""
    accessibility_needs: str = ""
    notes: str = ""
    memberships: tuple[MembershipData, ...] = ()
    consents: tuple[ConsentData, ...] = ()
    deleted_at: datetime | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None


SORT_COLUMNS = {
    "name": Person.name_key,
    "gender": Person.gender,
    "birth_year": Person.birth_year,
    "email": Person.email,
    "phone": Person.phone,
    "updated_at": Person.updated_at,
}


_PHONE_QUERY = re.compile(r"[+(]*\d[\d\s().\-]*")


def _organisations_of():  # type: ignore[no-untyped-def]
    return (
        select(func.group_concat(Organisation.name, ", "))
        .join(Membership, Membership.organisation_id == Organisation.id)
        .where(Membership.person_id == Person.id, Membership.deleted_at.is_(None))
        .correlate(Person)
        .scalar_subquery()
    )


def search_condition(query: str) -> ColumnElement[bool] | None:
    """Every word of ``query`` must appear in the folded name, the e-mail or the phone.

    A query that is only a phone number typed with spaces ("+34 600 11 22 33") also matches as
    one number, since its pieces alone ("+34") are not in the stored digits.
    """
    words = text.fold(query).split()
    if not words:
        return None
    phone = text.normalise_phone(query) if _PHONE_QUERY.fullmatch(query.strip()) else ""
    every_word = and_(
        *(
            or_(
                Person.name_key.like(text.like_pattern(w), escape="\\"),
                Person.email.like(text.like_pattern(w), escape="\\"),
                Person.phone_key.like(f"%{text.normalise_phone(w)}%")
                if text.normalise_phone(w)
                else False,
            )
            for w in words
        )
    )
    if len(words) > 1 and phone:
        return or_(every_word, Person.phone_key.like(f"%{phone}%"))
    return every_word


def _filters(query: str, trash: bool, organisation_id: str | None) -> list[ColumnElement[bool]]:
    conditions = listed_in(Person, trash)
    condition = search_condition(query)
    if condition is not None:
        conditions.append(condition)
    if organisation_id:
        conditions.append(
            Person.id.in_(
                select(Membership.person_id).where(
                    Membership.organisation_id == organisation_id, Membership.deleted_at.is_(None)
                )
            )
        )
    return conditions


class PeopleService:
    """The people of the directory."""

    def __init__(self, db: Database):
        self.db = db

    def list(
        self,
        query: str = "",
        *,
        sort: str = "name",
        descending: bool = False,
        offset: int = 0,
        limit: int | None = 200,
        trash: bool = False,
        organisation_id: str | None = None,
    ) -> list[PersonRow]:
        """A page of people matching ``query`` (accents and case ignored), sorted in SQL."""
        column = SORT_COLUMNS.get(sort, Person.name_key)
        statement = (
            select(
                Person.id,
                Person.full_name,
                Person.gender,
                Person.birth_year,
                Person.email,
                Person.phone,
                _organisations_of(),
                Person.updated_at,
                Person.deleted_at,
            )
            .where(*_filters(query, trash, organisation_id))
            .order_by(*page_order(Person, column, descending, searching=bool(query.strip())))
            .offset(offset)
            .limit(limit)
        )
        with self.db.session() as s:
            return [PersonRow(*row[:6], row[6] or "", *row[7:]) for row in s.execute(statement)]

    def count(
        self, query: str = "", *, trash: bool = False, organisation_id: str | None = None
    ) -> int:
        """How many people :meth:`list` would give without paging."""
        statement = select(func.count(Person.id)).where(*_filters(query, trash, organisation_id))
        with self.db.session() as s:
            return s.scalar(statement) or 0

    def get(self, person_id: str) -> PersonData:
        """The whole record of one person, with organisations and consent."""
        with self.db.session() as s:
            return read_person(s, person_id)

    def save(self, data: PersonData) -> PersonData:
        """Validate and save a person (new when ``data.id`` is ``None``); returns what was saved.

        Organisations named in ``data.memberships`` without an id are found or created in the same
        transaction: when the person is refused, no organisation is left behind.
        """
        values = validate_person(data)
        with self.db.session() as s:
            person = save_values(s, Person, data.id, values, _gone())
            save_memberships(s, person.id, data.memberships)
            save_consents(s, person.id, data.consents)
            s.flush()
            log.info("person saved: %s", person.id)
            return read_person(s, person.id)

    def delete(self, ids: Iterable[str]) -> int:
        """Move people to the trash; returns how many moved."""
        return set_deleted(self.db, Person, ids, utcnow())

    def restore(self, ids: Iterable[str]) -> int:
        """Bring people back from the trash; returns how many came back."""
        return set_deleted(self.db, Person, ids, None)


def _gone() -> str:
    return _("This person no longer exists (perhaps merged with another).")


def validate_person(data: PersonData) -> dict[str, object]:
    """The columns to store for ``data``; raises :class:`ValidationError` naming the field."""
    full_name = text.clean(data.full_name)
    if not full_name:
        full_name = text.clean(f"{data.given_name} {data.family_name}")
    if not full_name:
        raise ValidationError(_("A person needs a name."), field="full_name")
    if data.gender not in GENDERS:
        raise ValidationError(_("Choose one of the gender options."), field="gender")
    phone = text.clean(data.phone)
    return {
        "full_name": full_name,
        "given_name": text.clean(data.given_name),
        "family_name": text.clean(data.family_name),
        "name_key": text.fold(full_name),
        "gender": data.gender,
        "birth_year": validation.check_year(data.birth_year, "birth_year"),
        "email": validation.check_email(data.email),
        "phone": phone,
        "phone_key": text.normalise_phone(phone),
        "preferred_language": data.preferred_language or "",
        "expertise": data.expertise.strip(),
        "interests": data.interests.strip(),
        "accessibility_needs": data.accessibility_needs.strip(),
        "notes": data.notes.strip(),
    }


def read_person(s: Session, person_id: str) -> PersonData:
    """Inside an open session: the whole record of one person, with organisations and consent."""
    person = load_unmerged(s, Person, person_id, _gone())
    return PersonData(
        id=person.id,
        full_name=person.full_name,
        given_name=person.given_name,
        family_name=person.family_name,
        gender=person.gender,
        birth_year=person.birth_year,
        email=person.email,
        phone=person.phone,
        preferred_language=person.preferred_language,
        expertise=person.expertise,
        interests=person.interests,
        accessibility_needs=person.accessibility_needs,
        notes=person.notes,
        memberships=read_memberships(s, person_id),
        consents=read_consents(s, person_id),
        deleted_at=person.deleted_at,
        created_at=person.created_at,
        updated_at=person.updated_at,
    )
