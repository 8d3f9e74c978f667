"""Organisations of the network: list and search, read, save, trash and restore.

Every function is one unit of work on its own session and returns frozen dataclasses.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import datetime

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from app.db import Database
from app.errors import ValidationError
from app.i18n import _
from app.models import Membership, Organisation, Person, utcnow
from app.services import text, validation
from app.services.records import listed_in, load_unmerged, page_order, save_values, set_deleted
from app.services.vocabulary import ORGANISATION_KINDS


@dataclass(frozen=True, slots=True)
class OrganisationRow:
    """One line of the organisations list."""

    id: str
    name: str
    kind: str
    municipality: str
    tax_id: str
    email: str
    phone: str
    people_count: int
    updated_at: datetime
    deleted_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class OrganisationData:
    """Everything an organisation's form shows and saves. ``id`` is ``None`` for a new one."""

    name: str
    id: str | None = None
    kind: str = "association"
    legal_form: str = ""
    tax_id: str = ""
    registration_number: str = ""
    address: str = ""
    postal_code: str = ""
    municipality: str = ""
    province: str = ""
    country: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    areas_of_action: tuple[str, ...] = ()
    target_groups: str = ""
    territory: str = ""
    staff_count: int | None = None
    volunteer_count: int | None = None
    member_count: int | None = None
    year_founded: int | None = None
    contact_person: str = ""
    needs: str = ""
    expertise: str = ""
    notes: str = ""
    deleted_at: datetime | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None


_STORED = [f.name for f in fields(OrganisationData) if f.name not in ("id",)]
_READ_ONLY = {"deleted_at", "created_at", "updated_at"}

SORT_COLUMNS = {
    "name": Organisation.name_key,
    "kind": Organisation.kind,
    "municipality": Organisation.municipality,
    "tax_id": Organisation.tax_id,
    "email": Organisation.email,
    "updated_at": Organisation.updated_at,
}

log = logging.getLogger(__name__)


def _people_counts(s: Session, ids: list[str]) -> dict[str, int]:
    """Live members of each organisation of a page (counted for the page only, not the table)."""
    if not ids:
        return {}
    rows = s.execute(
        select(Membership.organisation_id, func.count(Membership.id))
        .join(Person, Person.id == Membership.person_id)
        .where(
            Membership.organisation_id.in_(ids),
            Membership.deleted_at.is_(None),
            Person.deleted_at.is_(None),
        )
        .group_by(Membership.organisation_id)
    )
    return {organisation_id: count for organisation_id, count in rows}


def _filters(query: str, trash: bool) -> list[ColumnElement[bool]]:
    conditions = listed_in(Organisation, trash)
    words = text.fold(query).split()
    if words:
        conditions.append(
            and_(
                *(
                    or_(
                        Organisation.name_key.like(text.like_pattern(w), escape="\\"),
                        func.fold(Organisation.municipality).like(
                            text.like_pattern(w), escape="\\"
                        ),
                        Organisation.tax_id.like(text.like_pattern(w).upper(), escape="\\"),
                        Organisation.email.like(text.like_pattern(w), escape="\\"),
                    )
                    for w in words
                )
            )
        )
    return conditions


class OrganisationService:
    """The organisations of the network."""

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
    ) -> list[OrganisationRow]:
        """A page of organisations matching ``query`` (accents and case ignored)."""
        column = SORT_COLUMNS.get(sort, Organisation.name_key)
        statement = (
            select(
                Organisation.id,
                Organisation.name,
                Organisation.kind,
                Organisation.municipality,
                Organisation.tax_id,
                Organisation.email,
                Organisation.phone,
                Organisation.updated_at,
                Organisation.deleted_at,
            )
            .where(*_filters(query, trash))
            .order_by(*page_order(Organisation, column, descending, searching=bool(query.strip())))
            .offset(offset)
            .limit(limit)
        )
        with self.db.session() as s:
            rows = s.execute(statement).all()
            counts = _people_counts(s, [row[0] for row in rows])
            return [OrganisationRow(*row[:7], counts.get(row[0], 0), *row[7:]) for row in rows]

    def count(self, query: str = "", *, trash: bool = False) -> int:
        """How many organisations :meth:`list` would give without paging."""
        with self.db.session() as s:
            return s.scalar(select(func.count(Organisation.id)).where(*_filters(query, trash))) or 0

    def choices(self) -> list[tuple[str, str]]:
        """``(id, name)`` of every organisation not in the trash, by name (for pickers)."""
        with self.db.session() as s:
            rows = s.execute(
                select(Organisation.id, Organisation.name)
                .where(*_filters("", False))
                .order_by(Organisation.name_key, Organisation.id)
            )
            return [(organisation_id, name) for organisation_id, name in rows]

    def get(self, organisation_id: str) -> OrganisationData:
        """The whole record of one organisation (raises NotFoundError when gone or merged)."""
        with self.db.session() as s:
            return _read(load_unmerged(s, Organisation, organisation_id, _gone()))

    def save(self, data: OrganisationData) -> OrganisationData:
        """Validate and save an organisation (new when ``data.id`` is ``None``)."""
        values = validate_organisation(data)
        with self.db.session() as s:
            organisation = save_values(s, Organisation, data.id, values, _gone())
            log.info("organisation saved: %s", organisation.id)
            return _read(organisation)

    def delete(self, ids: Iterable[str]) -> int:
        """Move organisations to the trash (their people stay in the directory)."""
        return set_deleted(self.db, Organisation, ids, utcnow())

    def restore(self, ids: Iterable[str]) -> int:
        """Bring organisations back from the trash; returns how many came back."""
        return set_deleted(self.db, Organisation, ids, None)


def find_or_create_organisation(
    s: Session, name: str, *, restored: list[str] | None = None
) -> tuple[str, bool]:
    """Inside an open session: ``(id, created)`` for the organisation called ``name``.

    The name is compared folded (no case, accents or extra spaces); merged organisations are
    never used. A live organisation wins. When the only one of that name is in the trash, it is
    brought back from the trash (pickers never show trashed organisations, so a membership of
    it would be invisible) and its stored name is appended to ``restored`` when given. When
    there is none, it is created.
    """
    key = text.fold(name)
    found = s.scalars(
        select(Organisation)
        .where(Organisation.name_key == key, Organisation.merged_into_id.is_(None))
        .order_by(Organisation.deleted_at.is_not(None), Organisation.created_at)
        .limit(1)
    ).first()
    if found is None:
        found = Organisation(name=text.clean(name), name_key=key)
        s.add(found)
        s.flush()
        return found.id, True
    if found.deleted_at is not None:
        found.deleted_at = None
        s.flush()
        log.info("organisation brought back from the trash: %s", found.id)
        if restored is not None:
            restored.append(found.name)
    return found.id, False


def _gone() -> str:
    return _("This organisation no longer exists (perhaps merged with another).")


def _read(organisation: Organisation) -> OrganisationData:
    values = {name: getattr(organisation, name) for name in _STORED}
    values["areas_of_action"] = tuple(values["areas_of_action"] or ())
    return OrganisationData(id=organisation.id, **values)


def validate_organisation(data: OrganisationData) -> dict[str, object]:
    """The columns to store for ``data``; raises :class:`ValidationError` naming the field."""
    name = validation.check_required(text.clean(data.name), "name", _("The name"))
    if data.kind not in ORGANISATION_KINDS:
        raise ValidationError(_("Choose the kind of organisation."), field="kind")
    values: dict[str, object] = {
        key: text.clean(getattr(data, key)) if isinstance(getattr(data, key), str) else None
        for key in _STORED
        if key not in _READ_ONLY
    }
    for key in ("target_groups", "needs", "expertise", "notes"):
        values[key] = getattr(data, key).strip()
    values.update(
        name=name,
        name_key=text.fold(name),
        kind=data.kind,
        tax_id=validation.check_tax_id(data.tax_id, data.country),
        email=validation.check_email(data.email),
        areas_of_action=[a for a in (text.clean(x) for x in data.areas_of_action) if a],
        year_founded=validation.check_year(data.year_founded, "year_founded", earliest=1800),
    )
    for key in ("staff_count", "volunteer_count", "member_count"):
        value = getattr(data, key)
        if value is not None and (not isinstance(value, int) or value < 0):
            raise ValidationError(_("Counts must be whole numbers, 0 or more."), field=key)
        values[key] = value
    return values
