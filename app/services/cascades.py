"""Cascades: an attendee passes an activity's content (its handout, a good practice) on in their
own organisation, and reports when, how and how many people it reached. This turns "knowledge
transfer" into evidence for the reports.

A cascade refers to a person and, if known, the organisation it happened in, the activity where
the content was learned and the practice passed on. Removing a cascade moves it to the trash.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy import ColumnElement, func, or_, select, update
from sqlalchemy.orm import Session

from app.db import Database
from app.errors import NotFoundError, ValidationError
from app.i18n import N_, _
from app.models import (
    Activity,
    ActivityPractice,
    ActivitySession,
    Attendance,
    Cascade,
    Membership,
    Organisation,
    Person,
    Practice,
    Registration,
    utcnow,
)
from app.services import text
from app.services.cascade_values import CascadeChoices, CascadeData, CascadeRow, validate_cascade
from app.services.vocabulary import ATTENDED_MARKS

log = logging.getLogger(__name__)

__all__ = ["CascadeChoices", "CascadeData", "CascadeRow", "CascadeService"]

C = Cascade
_GONE_ORGANISATION = N_(
    "That organisation is no longer in the directory, so the cascade was not saved. Choose "
    "another one, or none."
)
_GONE_ACTIVITY = N_(
    "That activity is no longer in the programme, so the cascade was not saved. Choose "
    "another one, or none."
)
_GONE_PRACTICE = N_(
    "That practice is no longer in the catalogue, so the cascade was not saved. Choose "
    "another one, or none."
)
_DATA_FIELDS = [f for f in CascadeData.__slots__ if f != "id"]  # type: ignore[attr-defined]


def _row_select():  # type: ignore[no-untyped-def]
    return (
        select(
            C.id,
            C.held_on,
            C.person_id,
            Person.full_name,
            C.organisation_id,
            func.coalesce(Organisation.name, ""),
            C.activity_id,
            func.coalesce(Activity.title, ""),
            C.practice_id,
            func.coalesce(Practice.title, ""),
            C.people_reached,
            C.how,
        )
        .join(Person, Person.id == C.person_id)
        .outerjoin(Organisation, Organisation.id == C.organisation_id)
        .outerjoin(Activity, Activity.id == C.activity_id)
        .outerjoin(Practice, Practice.id == C.practice_id)
    )


def _filters(
    query: str,
    start: date | None,
    end: date | None,
    person_id: str | None,
    organisation_id: str | None,
    activity_id: str | None,
) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [C.deleted_at.is_(None)]
    for word in text.fold(query).split():
        pattern = text.like_pattern(word)
        conditions.append(
            or_(
                Person.name_key.like(pattern, escape="\\"),
                Organisation.name_key.like(pattern, escape="\\"),
                Activity.title_key.like(pattern, escape="\\"),
                Practice.title_key.like(pattern, escape="\\"),
            )
        )
    if start is not None:
        conditions.append(C.held_on >= start)
    if end is not None:
        conditions.append(C.held_on <= end)
    for column, wanted in (
        (C.person_id, person_id),
        (C.organisation_id, organisation_id),
        (C.activity_id, activity_id),
    ):
        if wanted:
            conditions.append(column == wanted)
    return conditions


class CascadeService:
    """Cascades of content passed on by attendees: list, read, save, trash, restore."""

    def __init__(self, db: Database):
        self.db = db

    def list(
        self,
        query: str = "",
        start: date | None = None,
        end: date | None = None,
        *,
        person_id: str | None = None,
        organisation_id: str | None = None,
        activity_id: str | None = None,
        offset: int = 0,
        limit: int | None = None,
    ) -> list[CascadeRow]:
        """The live cascades held between ``start`` and ``end`` (inclusive, either open) whose
        person, organisation, activity or practice match every word of ``query``: the newest
        first, then by person."""
        statement = (
            _row_select()
            .where(*_filters(query, start, end, person_id, organisation_id, activity_id))
            .order_by(C.held_on.desc(), Person.name_key, C.id)
            .offset(offset)
            .limit(limit)
        )
        with self.db.session() as s:
            return [CascadeRow(*row) for row in s.execute(statement)]

    def count(self, query: str = "", start: date | None = None, end: date | None = None) -> int:
        """How many cascades :meth:`list` would give for the same words and dates."""
        statement = (
            _row_select()
            .with_only_columns(func.count(C.id))
            .where(*_filters(query, start, end, None, None, None))
        )
        with self.db.session() as s:
            return s.scalar(statement) or 0

    def get(self, cascade_id: str) -> CascadeData:
        """One live cascade as its form shows it; raises :class:`NotFoundError` when gone."""
        with self.db.session() as s:
            row = _load(s, cascade_id)
            return CascadeData(id=row.id, **{f: getattr(row, f) for f in _DATA_FIELDS})

    def save(self, data: CascadeData, today: date | None = None) -> CascadeRow:
        """Validate and record a cascade (new, or changed when ``data.id`` is given). The person,
        and the organisation, activity and practice if given, must exist and not be in the trash
        (one the cascade already refers to may stay); it cannot be held before the activity."""
        values = validate_cascade(data, today or date.today())
        with self.db.session() as s:
            row = None if data.id is None else _load(s, data.id)
            _check_references(s, values, row)
            if row is None:
                row = C(**values)
                s.add(row)
            else:
                for key, value in values.items():
                    setattr(row, key, value)
            s.flush()
            log.info("cascade saved: %s (person %s)", row.id, row.person_id)
            return CascadeRow(*s.execute(_row_select().where(C.id == row.id)).one())

    def delete(self, ids: Iterable[str]) -> int:
        """Move cascades to the trash; returns how many."""
        return self._set_deleted(ids, utcnow())

    def restore(self, ids: Iterable[str]) -> int:
        """Bring cascades back from the trash; returns how many."""
        return self._set_deleted(ids, None)

    def _set_deleted(self, ids: Iterable[str], when: datetime | None) -> int:
        ids = [ids] if isinstance(ids, str) else list(ids)
        if not ids:
            return 0
        with self.db.session() as s:
            result = s.execute(
                update(C).where(C.id.in_(ids)).values(deleted_at=when, updated_at=utcnow())
            )
            log.info("cascades: %d moved %s the trash", result.rowcount, "to" if when else "out of")
            return result.rowcount or 0

    def choices(self, person_id: str) -> CascadeChoices:
        """What a cascade of ``person_id`` may refer to: their organisations, the activities
        they attended (newest first) and the practices handed out there."""
        with self.db.session() as s:
            return CascadeChoices(
                organisations=_organisations_of(s, person_id),
                activities=tuple((i, t) for i, t in s.execute(_attended(person_id))),
                practices=_practices_at(s, _attended(person_id).subquery()),
            )


def _attended(person_id: str):  # type: ignore[no-untyped-def]
    """``(id, title)`` of the live activities ``person_id`` has an attended mark at."""
    return (
        select(Activity.id, Activity.title)
        .join(ActivitySession, ActivitySession.activity_id == Activity.id)
        .join(Attendance, Attendance.session_id == ActivitySession.id)
        .where(
            Attendance.person_id == person_id,
            Attendance.deleted_at.is_(None),
            Attendance.status.in_(ATTENDED_MARKS),
            ActivitySession.deleted_at.is_(None),
            Activity.deleted_at.is_(None),
        )
        .group_by(Activity.id)
        .order_by(func.max(ActivitySession.date).desc(), Activity.title_key)
    )


def _organisations_of(s: Session, person_id: str) -> tuple[tuple[str, str], ...]:
    members = select(Membership.organisation_id).where(
        Membership.person_id == person_id, Membership.deleted_at.is_(None)
    )
    registered = select(Registration.organisation_id).where(
        Registration.person_id == person_id, Registration.deleted_at.is_(None)
    )
    statement = (
        select(Organisation.id, Organisation.name)
        .where(
            Organisation.id.in_(members.union(registered)),
            Organisation.deleted_at.is_(None),
            Organisation.merged_into_id.is_(None),
        )
        .order_by(Organisation.name_key, Organisation.id)
    )
    return tuple((i, name) for i, name in s.execute(statement))


def _practices_at(s: Session, activities) -> tuple[tuple[str, str], ...]:  # type: ignore[no-untyped-def]
    statement = (
        select(Practice.id, Practice.title)
        .join(ActivityPractice, ActivityPractice.practice_id == Practice.id)
        .where(
            ActivityPractice.activity_id.in_(select(activities.c.id)),
            ActivityPractice.deleted_at.is_(None),
            Practice.deleted_at.is_(None),
        )
        .distinct()
        .order_by(Practice.title_key, Practice.id)
    )
    return tuple((i, title) for i, title in s.execute(statement))


def _check_references(s: Session, values: dict[str, object], row: Cascade | None) -> None:
    """Each thing the cascade refers to exists; a new reference must not be in the trash."""
    kept = {} if row is None else {f: getattr(row, f) for f in values}
    person = s.get(Person, values["person_id"])
    if (
        person is None
        or person.merged_into_id is not None
        or (person.deleted_at is not None and kept.get("person_id") != person.id)
    ):
        raise ValidationError(
            _(
                "That person is no longer in the directory, so the cascade was not saved. "
                "Choose another one."
            ),
            field="person_id",
        )
    for field, model, gone in (
        ("organisation_id", Organisation, _GONE_ORGANISATION),
        ("activity_id", Activity, _GONE_ACTIVITY),
        ("practice_id", Practice, _GONE_PRACTICE),
    ):
        record_id = values[field]
        if not record_id:
            continue
        record = s.get(model, record_id)
        merged = getattr(record, "merged_into_id", None) is not None
        if record is None or merged or (record.deleted_at and kept.get(field) != record_id):
            raise ValidationError(_(gone), field=field)
        if field == "activity_id" and record.first_date and values["held_on"] < record.first_date:
            raise ValidationError(
                _("The cascade cannot be held before the activity began: check the date."),
                field="held_on",
            )


def _load(s: Session, cascade_id: str) -> Cascade:
    row = s.get(C, cascade_id)
    if row is None or row.deleted_at is not None:
        raise NotFoundError(_("That cascade is no longer recorded."))
    return row
