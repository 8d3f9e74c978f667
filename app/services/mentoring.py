"""Mentoring relationships between professionals of different organisations, their goals and
the log of their sessions.

Every method is one unit of work and returns frozen dataclasses. ``last_session_on`` of a
relationship is kept here whenever its sessions change, so lists and health checks read it from
an index. Confidential notes come out only through :meth:`MentoringService.get_session`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db import Database
from app.errors import NotFoundError
from app.i18n import _
from app.models import (
    MentoringRelationship,
    MentoringSession,
    Organisation,
    Person,
    utcnow,
)
from app.services import mentoring_goals as goals
from app.services.mentoring_queries import (
    SESSION_FIELDS,
    R,
    count_select,
    page_order,
    read_rows,
    refresh_last_session,
    relationship_filters,
    row_select,
    session_row,
    session_rows,
)
from app.services.mentoring_values import (
    GoalData,
    ProgressPoint,
    RelationshipData,
    RelationshipDetail,
    RelationshipRow,
    SessionLogData,
    SessionLogRow,
    validate_relationship,
    validate_session_log,
)

__all__ = ["MentoringService", "refresh_last_session", "session_rows"]

log = logging.getLogger(__name__)

_RELATIONSHIP_FIELDS = [f for f in RelationshipData.__slots__ if f not in ("id", "deleted_at")]  # type: ignore[attr-defined]


class MentoringService:
    """Mentoring pairs, their goals (with progress history) and their session log."""

    def __init__(self, db: Database):
        self.db = db

    # -- relationships -------------------------------------------------------------------
    def list(
        self,
        query: str = "",
        *,
        status: str = "",
        area: str = "",
        trash: bool = False,
        sort: str = "mentee",
        descending: bool = False,
        offset: int = 0,
        limit: int | None = 200,
    ) -> list[RelationshipRow]:
        """A page of relationships matching every word (in the mentor's or mentee's name or
        organisation) and the filters, sorted by ``sort`` (one of ``SORT_COLUMNS``) then by
        names; empty values sort last either way."""
        statement = (
            row_select()
            .where(*relationship_filters(query, status, area, trash))
            .order_by(*page_order(sort, descending))
            .offset(offset)
            .limit(limit)
        )
        with self.db.session() as s:
            return read_rows(s, statement)

    def count(
        self, query: str = "", *, status: str = "", area: str = "", trash: bool = False
    ) -> int:
        """How many relationships :meth:`list` would give without paging."""
        with self.db.session() as s:
            return s.scalar(count_select(relationship_filters(query, status, area, trash))) or 0

    def get(self, relationship_id: str) -> RelationshipDetail:
        """A relationship with names, goals and session totals."""
        with self.db.session() as s:
            return _detail(s, _load(s, relationship_id, trashed_too=True))

    def save(self, data: RelationshipData, today: date | None = None) -> RelationshipDetail:
        """Validate and save a relationship; closing it stamps the day and keeps the reason."""
        values = validate_relationship(data, today or date.today())
        with self.db.session() as s:
            if data.id is None:
                _check_parties(s, values)
                relationship = MentoringRelationship(**values)
                s.add(relationship)
            else:
                relationship = _load(s, data.id)
                _check_parties(s, values, relationship)
                for key, value in values.items():
                    setattr(relationship, key, value)
            s.flush()
            log.info("mentoring relationship saved: %s", relationship.id)
            return _detail(s, relationship)

    def delete(self, ids: Iterable[str]) -> int:
        """Move relationships to the trash (goals and sessions stay with them)."""
        return self._set_deleted(ids, utcnow())

    def restore(self, ids: Iterable[str]) -> int:
        """Bring relationships back from the trash."""
        return self._set_deleted(ids, None)

    def _set_deleted(self, ids: Iterable[str], when: datetime | None) -> int:
        ids = list(ids)
        with self.db.session() as s:
            rows = list(s.scalars(select(R).where(R.id.in_(ids))))
            for relationship in rows:
                relationship.deleted_at = when
            return len(rows)

    # -- session log ---------------------------------------------------------------------
    def sessions(self, relationship_id: str) -> list[SessionLogRow]:
        """The live sessions of a relationship, newest first, without confidential notes."""
        with self.db.session() as s:
            return session_rows(s, [relationship_id])

    def get_session(self, session_id: str) -> SessionLogData:
        """One session for its form, confidential notes included (never for an export)."""
        with self.db.session() as s:
            row = _load_session(s, session_id)
            return SessionLogData(
                relationship_id=row.relationship_id,
                date=row.date,
                id=row.id,
                **{k: getattr(row, k) for k in SESSION_FIELDS},
            )

    def save_session(self, data: SessionLogData, today: date | None = None) -> SessionLogRow:
        """Validate and save a session of the log; keeps the pair's last-session date.

        A session stays with its pair: editing one keeps its relationship whatever
        ``data.relationship_id`` says."""
        values = validate_session_log(data, today or date.today())
        with self.db.session() as s:
            if data.id is None:
                _load(s, data.relationship_id)
                row = MentoringSession(relationship_id=data.relationship_id, **values)
                s.add(row)
            else:
                row = _load_session(s, data.id)
                _load(s, row.relationship_id)
                for key, value in values.items():
                    setattr(row, key, value)
            s.flush()
            refresh_last_session(s, row.relationship_id)
            log.info("mentoring session saved: %s", row.id)
            return session_row(row)

    def delete_session(self, session_id: str) -> None:
        """Move a session of the log to the trash."""
        with self.db.session() as s:
            row = _load_session(s, session_id)
            row.deleted_at = utcnow()
            s.flush()
            refresh_last_session(s, row.relationship_id)

    # -- goals ---------------------------------------------------------------------------
    def goals(self, relationship_id: str) -> list[GoalData]:
        """The live goals of a relationship, in order."""
        with self.db.session() as s:
            return goals.read_goals(s, relationship_id)

    def save_goal(self, data: GoalData, note: str = "", today: date | None = None) -> GoalData:
        """Create or update a goal; a change of progress goes into its dated history."""
        with self.db.session() as s:
            return goals.save_goal(s, data, today or date.today(), note)

    def delete_goal(self, goal_id: str) -> None:
        """Move a goal to the trash."""
        with self.db.session() as s:
            goals.delete_goal(s, goal_id, utcnow())

    def goal_history(self, goal_id: str) -> list[ProgressPoint]:
        """A goal's progress over time, oldest first (for the chart)."""
        with self.db.session() as s:
            return goals.goal_history(s, goal_id)


def _load(s: Session, relationship_id: str, trashed_too: bool = False) -> MentoringRelationship:
    relationship = s.get(MentoringRelationship, relationship_id)
    if relationship is None or (relationship.deleted_at is not None and not trashed_too):
        raise NotFoundError(
            _("That mentoring relationship no longer exists. It may have been deleted.")
        )
    return relationship


def _load_session(s: Session, session_id: str) -> MentoringSession:
    row = s.get(MentoringSession, session_id)
    if row is None or row.deleted_at is not None:
        raise NotFoundError(_("That mentoring session no longer exists. It may have been deleted."))
    return row


def _check_parties(
    s: Session, values: dict[str, object], stored: MentoringRelationship | None = None
) -> None:
    """Newly chosen people and organisations must be live in the directory. Those a saved pair
    already has are not checked again: a pair whose mentee has left (and was moved to the trash)
    can still be edited and closed."""

    def chosen(key: str) -> str | None:
        value = values[key]
        if not value or (stored is not None and getattr(stored, key) == value):
            return None
        return str(value)

    for key in ("mentor_id", "mentee_id"):
        if (person_id := chosen(key)) and not _live(s.get(Person, person_id)):
            raise NotFoundError(
                _(
                    "One of the two people is no longer in the directory (moved to the trash "
                    "or merged with another). Nothing was saved: choose the person again."
                )
            )
    for key in ("mentor_organisation_id", "mentee_organisation_id"):
        if (organisation_id := chosen(key)) and not _live(s.get(Organisation, organisation_id)):
            raise NotFoundError(
                _(
                    "One of the two organisations is no longer in the directory (moved to the "
                    "trash or merged with another). Nothing was saved: choose it again."
                )
            )


def _live(record: Person | Organisation | None) -> bool:
    return record is not None and record.deleted_at is None and record.merged_into_id is None


def _name(s: Session, model: type, record_id: str | None, attribute: str) -> str:
    if not record_id:
        return ""
    record = s.get(model, record_id)
    return getattr(record, attribute) if record is not None else ""


def _detail(s: Session, r: MentoringRelationship) -> RelationshipDetail:
    data = RelationshipData(
        id=r.id,
        deleted_at=r.deleted_at,
        **{k: getattr(r, k) for k in _RELATIONSHIP_FIELDS if k != "areas"},
        areas=tuple(r.areas or ()),
    )
    totals = s.execute(
        select(
            func.count(MentoringSession.id), func.coalesce(func.sum(MentoringSession.minutes), 0)
        ).where(MentoringSession.relationship_id == r.id, MentoringSession.deleted_at.is_(None))
    ).one()
    return RelationshipDetail(
        data=data,
        mentor_name=_name(s, Person, r.mentor_id, "full_name"),
        mentor_organisation=_name(s, Organisation, r.mentor_organisation_id, "name"),
        mentee_name=_name(s, Person, r.mentee_id, "full_name"),
        mentee_organisation=_name(s, Organisation, r.mentee_organisation_id, "name"),
        goals=tuple(goals.read_goals(s, r.id)),
        sessions=totals[0],
        minutes=int(totals[1]),
        last_session_on=r.last_session_on,
    )
