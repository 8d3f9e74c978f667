"""The queries behind the mentoring lists: the relationships (filters, sort, rows and counts) and
a pair's session log (rows without confidential notes, and the pair's last-session date)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, String, case, func, or_, select, type_coerce
from sqlalchemy.orm import Session, aliased

from app.models import MentoringRelationship, MentoringSession, Organisation, Person
from app.services import text
from app.services.mentoring_values import RelationshipRow, SessionLogRow
from app.services.mentoring_vocabulary import RELATIONSHIP_STATUSES

Mentor = aliased(Person, name="mentor")
Mentee = aliased(Person, name="mentee")
MentorOrg = aliased(Organisation, name="mentor_org")
MenteeOrg = aliased(Organisation, name="mentee_org")
R = MentoringRelationship

# Statuses sort in the order a pair lives them (proposed, active, paused, closed), which reads
# the same in every language, rather than by their codes.
_STATUS_ORDER = case(
    {code: place for place, code in enumerate(RELATIONSHIP_STATUSES)}, value=R.status, else_=99
)

SORT_COLUMNS = {
    "mentee": Mentee.name_key,
    "mentor": Mentor.name_key,
    "mentee_organisation": MenteeOrg.name_key,
    "status": _STATUS_ORDER,
    "start_date": R.start_date,
    "planned_end": R.planned_end,
    "last_session_on": R.last_session_on,
}


def page_order(sort: str, descending: bool) -> tuple[Any, ...]:
    """The list's order: by the chosen column (unknown: the mentee), empty values last either
    way, then by the mentee's and the mentor's names and the id, so that equal values read in
    name order and pages neither overlap nor skip a pair."""
    column = SORT_COLUMNS.get(sort, SORT_COLUMNS["mentee"])
    ordered = column.desc() if descending else column.asc()
    return (ordered.nulls_last(), Mentee.name_key, Mentor.name_key, R.id)


def _session_count():  # type: ignore[no-untyped-def]
    return (
        select(func.count(MentoringSession.id))
        .where(MentoringSession.relationship_id == R.id, MentoringSession.deleted_at.is_(None))
        .correlate(R)
        .scalar_subquery()
    )


def relationship_filters(
    query: str, status: str, area: str, trash: bool
) -> list[ColumnElement[bool]]:
    """Conditions on the joined row: every word in a name or organisation, status, area."""
    conditions: list[ColumnElement[bool]] = [
        R.deleted_at.is_not(None) if trash else R.deleted_at.is_(None)
    ]
    for word in text.fold(query).split():
        pattern = text.like_pattern(word)
        conditions.append(
            or_(
                Mentor.name_key.like(pattern, escape="\\"),
                Mentee.name_key.like(pattern, escape="\\"),
                MentorOrg.name_key.like(pattern, escape="\\"),
                MenteeOrg.name_key.like(pattern, escape="\\"),
            )
        )
    if status:
        conditions.append(R.status == status)
    if area:
        conditions.append(type_coerce(R.areas, String).like(f'%"{area}"%'))
    return conditions


def joined(statement):  # type: ignore[no-untyped-def]
    """``statement`` over the relationships with both people and organisations joined."""
    return (
        statement.select_from(R)
        .join(Mentor, Mentor.id == R.mentor_id)
        .join(Mentee, Mentee.id == R.mentee_id)
        .outerjoin(MentorOrg, MentorOrg.id == R.mentor_organisation_id)
        .outerjoin(MenteeOrg, MenteeOrg.id == R.mentee_organisation_id)
    )


def row_select():  # type: ignore[no-untyped-def]
    return joined(
        select(
            R.id,
            R.mentor_id,
            Mentor.full_name,
            func.coalesce(MentorOrg.name, ""),
            R.mentee_id,
            Mentee.full_name,
            func.coalesce(MenteeOrg.name, ""),
            R.areas,
            R.status,
            R.start_date,
            R.planned_end,
            R.last_session_on,
            _session_count(),
            R.deleted_at,
        )
    )


def read_rows(s: Session, statement) -> list[RelationshipRow]:  # type: ignore[no-untyped-def]
    return [
        RelationshipRow(*row[:7], tuple(row[7] or ()), *row[8:]) for row in s.execute(statement)
    ]


def count_select(conditions: list[ColumnElement[bool]]):  # type: ignore[no-untyped-def]
    return joined(select(func.count(R.id))).where(*conditions)


SESSION_FIELDS = (
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
_ROW_FIELDS = [c for c in SESSION_FIELDS if c != "confidential_notes"]


def session_row(row: MentoringSession) -> SessionLogRow:
    """The list row of a loaded session: its confidential notes only as a yes/no."""
    return SessionLogRow(
        row.id,
        row.relationship_id,
        row.date,
        *(getattr(row, c) for c in _ROW_FIELDS),
        has_confidential_notes=bool(row.confidential_notes),
    )


def session_rows(s: Session, relationship_ids: list[str]) -> list[SessionLogRow]:
    """The live sessions of some relationships, newest first (confidential notes left out)."""
    S = MentoringSession
    statement = (
        select(S.id, S.relationship_id, S.date, *(getattr(S, c) for c in _ROW_FIELDS))
        .add_columns(S.confidential_notes != "")
        .where(S.relationship_id.in_(relationship_ids), S.deleted_at.is_(None))
        .order_by(S.date.desc(), S.created_at.desc(), S.id)
    )
    return [SessionLogRow(*row[:-1], bool(row[-1])) for row in s.execute(statement)]


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
