"""The queries behind the mentoring relationships list: filters, sort, rows and counts."""

from __future__ import annotations

from sqlalchemy import ColumnElement, String, func, or_, select, type_coerce
from sqlalchemy.orm import Session, aliased

from app.models import MentoringRelationship, MentoringSession, Organisation, Person
from app.services import text
from app.services.mentoring_values import RelationshipRow

Mentor = aliased(Person, name="mentor")
Mentee = aliased(Person, name="mentee")
MentorOrg = aliased(Organisation, name="mentor_org")
MenteeOrg = aliased(Organisation, name="mentee_org")
R = MentoringRelationship

SORT_COLUMNS = {
    "mentee": Mentee.name_key,
    "mentor": Mentor.name_key,
    "mentee_organisation": MenteeOrg.name_key,
    "status": R.status,
    "start_date": R.start_date,
    "planned_end": R.planned_end,
    "last_session_on": R.last_session_on,
}


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
