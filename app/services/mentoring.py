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
    SORT_COLUMNS,
    R,
    count_select,
    read_rows,
    relationship_filters,
    row_select,
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
        """A page of relationships matching the words (names, organisations) and filters."""
        column = SORT_COLUMNS.get(sort, SORT_COLUMNS["mentee"])
        ordered = column.desc() if descending else column.asc()
        statement = (
            row_select()
            .where(*relationship_filters(query, status, area, trash))
            .order_by(ordered.nulls_last(), R.id)
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
            _check_people(s, data)
            if data.id is None:
                relationship = MentoringRelationship(**values)
                s.add(relationship)
            else:
                relationship = _load(s, data.id)
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
                **{k: getattr(row, k) for k in _SESSION_FIELDS},
            )

    def save_session(self, data: SessionLogData, today: date | None = None) -> SessionLogRow:
        """Validate and save a session of the log; keeps the pair's last-session date."""
        values = validate_session_log(data, today or date.today())
        with self.db.session() as s:
            _load(s, data.relationship_id)
            if data.id is None:
                row = MentoringSession(relationship_id=data.relationship_id, **values)
                s.add(row)
            else:
                row = _load_session(s, data.id)
                for key, value in values.items():
                    setattr(row, key, value)
            s.flush()
            refresh_last_session(s, data.relationship_id)
            log.info("mentoring session saved: %s", row.id)
            return _session_row(row)

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


_SESSION_FIELDS = (
    "minutes",
    "mode",
    "topics",
    "summary",
    "agreements",
    "next_steps",
    "mentor_rating",
    "mentee_rating",
    "confidential_notes",
)


def _session_row(row: MentoringSession) -> SessionLogRow:
    return SessionLogRow(
        id=row.id,
        relationship_id=row.relationship_id,
        date=row.date,
        minutes=row.minutes,
        mode=row.mode,
        topics=row.topics,
        summary=row.summary,
        agreements=row.agreements,
        next_steps=row.next_steps,
        mentor_rating=row.mentor_rating,
        mentee_rating=row.mentee_rating,
        has_confidential_notes=bool(row.confidential_notes),
    )


def session_rows(s: Session, relationship_ids: list[str]) -> list[SessionLogRow]:
    """The live sessions of some relationships, newest first (confidential notes left out)."""
    S = MentoringSession
    columns = [c for c in _SESSION_FIELDS if c != "confidential_notes"]
    statement = (
        select(S.id, S.relationship_id, S.date, *(getattr(S, c) for c in columns))
        .add_columns(S.confidential_notes != "")
        .where(S.relationship_id.in_(relationship_ids), S.deleted_at.is_(None))
        .order_by(S.date.desc(), S.created_at.desc())
    )
    return [SessionLogRow(*row[:11], bool(row[11])) for row in s.execute(statement)]


def refresh_last_session(s: Session, relationship_id: str) -> None:
    """Store the date of the newest live session on the relationship."""
    newest = s.scalar(
        select(func.max(MentoringSession.date)).where(
            MentoringSession.relationship_id == relationship_id,
            MentoringSession.deleted_at.is_(None),
        )
    )
    relationship = s.get(MentoringRelationship, relationship_id)
    if relationship is not None:
        relationship.last_session_on = newest


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


def _check_people(s: Session, data: RelationshipData) -> None:
    for person_id in (data.mentor_id, data.mentee_id):
        person = s.get(Person, person_id)
        if person is None or person.deleted_at is not None or person.merged_into_id:
            raise NotFoundError(_("One of the two people is no longer in the directory."))
    for organisation_id in (data.mentor_organisation_id, data.mentee_organisation_id):
        if organisation_id and s.get(Organisation, organisation_id) is None:
            raise NotFoundError(_("One of the two organisations is no longer in the directory."))


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
