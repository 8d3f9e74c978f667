"""The history of every attendance mark, newest session first, paged from SQL.

Two ways to read a page, chosen by how many marks a search can match:

- Walking the sessions newest first (``ix_activity_sessions_date``) and their marks, stopping
  after one page. Cheap when the marks wanted are many (no search, or a common word): a page
  costs a few rows. The session's key is wrapped in the join (``|| ''``) so that SQLite takes
  this road even on a database it never analysed (else it reads every mark and sorts: 0.5 s for
  250,000 marks).
- Starting from the people and activities that match the longest word of the search, when they
  hold few marks: a rare name would otherwise make the walk visit every mark (about 1 s).

Pages past the middle of the list are read from its end in reverse order (``reverse=True``), so
the last page costs what the first does instead of skipping 250,000 rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import Session

from app.db import Database
from app.models import Activity, ActivitySession, Attendance, Person
from app.services import text

# Marks a search may start from before walking the sessions is cheaper (measured: 4,000 marks
# from the matching people take 45 ms, while a walk for a word that common stops in a few ms).
DRIVEN_SEARCH_LIMIT = 10_000
MARKS_PER_PERSON = 5  # rough averages to estimate, cheaply, how many marks the words match
MARKS_PER_ACTIVITY = 50


@dataclass(frozen=True, slots=True)
class HistoryRow:
    """One mark in the history of all attendance."""

    id: str
    date: date
    activity_id: str
    activity_title: str
    person_id: str
    full_name: str
    mark: str
    minutes: int | None
    remarks: str
    taken_by: str


def history_filters(
    query: str, activity_id: str | None, person_id: str | None
) -> list[ColumnElement[bool]]:
    """The conditions of the history list (live marks of live sessions of live activities)."""
    conditions: list[ColumnElement[bool]] = [
        Attendance.deleted_at.is_(None),
        ActivitySession.deleted_at.is_(None),
        Activity.deleted_at.is_(None),
    ]
    for word in text.fold(query).split():
        pattern = text.like_pattern(word)
        conditions.append(
            or_(
                Person.name_key.like(pattern, escape="\\"),
                Activity.title_key.like(pattern, escape="\\"),
            )
        )
    if activity_id:
        conditions.append(ActivitySession.activity_id == activity_id)
    if person_id:
        conditions.append(Attendance.person_id == person_id)
    return conditions


def _rare_word_start(s: Session, query: str) -> ColumnElement[bool] | None:
    """A condition on the marks of the people and activities matching the search's longest
    word, when they are few enough to start from; else ``None``."""
    words = text.fold(query).split()
    if not words:
        return None
    pattern = text.like_pattern(max(words, key=len))
    people = select(Person.id).where(Person.name_key.like(pattern, escape="\\"))
    activities = select(Activity.id).where(Activity.title_key.like(pattern, escape="\\"))
    people_count = s.scalar(select(func.count()).select_from(people.subquery())) or 0
    activity_count = s.scalar(select(func.count()).select_from(activities.subquery())) or 0
    estimate = people_count * MARKS_PER_PERSON + activity_count * MARKS_PER_ACTIVITY
    if estimate > DRIVEN_SEARCH_LIMIT:
        return None
    sessions = select(ActivitySession.id).where(ActivitySession.activity_id.in_(activities))
    return or_(Attendance.person_id.in_(people), Attendance.session_id.in_(sessions))


def _statement(
    s: Session, columns: list, query: str, activity_id: str | None, person_id: str | None
) -> tuple[Select, bool]:
    """The history's select (without order and paging), and whether it walks the sessions."""
    start = None if person_id or activity_id else _rare_word_start(s, query)
    walk = start is None and not person_id
    join = (
        ActivitySession.id.concat("") == Attendance.session_id
        if walk
        else ActivitySession.id == Attendance.session_id
    )
    statement = (
        select(*columns)
        .select_from(Attendance)
        .join(ActivitySession, join)
        .join(Activity, Activity.id == ActivitySession.activity_id)
        .join(Person, Person.id == Attendance.person_id)
        .where(*history_filters(query, activity_id, person_id))
    )
    if start is not None:
        statement = statement.where(start)
    return statement, walk


class HistoryQueries:
    """The attendance history (mixed into the attendance service)."""

    db: Database

    def history(
        self,
        query: str = "",
        *,
        activity_id: str | None = None,
        person_id: str | None = None,
        offset: int = 0,
        limit: int | None = 200,
        reverse: bool = False,
    ) -> list[HistoryRow]:
        """A page of all marks, newest session first (oldest first with ``reverse``)."""
        columns = [
            Attendance.id,
            ActivitySession.date,
            Activity.id,
            Activity.title,
            Person.id,
            Person.full_name,
            Attendance.status,
            Attendance.minutes,
            Attendance.remarks,
            Attendance.taken_by,
        ]
        order = [ActivitySession.date.desc(), ActivitySession.id, Person.name_key, Person.id]
        if reverse:
            order = [ActivitySession.date, ActivitySession.id.desc()]
            order += [Person.name_key.desc(), Person.id.desc()]
        with self.db.session() as s:
            statement, _walk = _statement(s, columns, query, activity_id, person_id)
            rows = s.execute(statement.order_by(*order).offset(offset).limit(limit))
            return [HistoryRow(*row) for row in rows]

    def history_count(
        self, query: str = "", *, activity_id: str | None = None, person_id: str | None = None
    ) -> int:
        """How many marks :meth:`history` would give without paging."""
        with self.db.session() as s:
            statement, _walk = _statement(
                s, [func.count(Attendance.id)], query, activity_id, person_id
            )
            return s.scalar(statement) or 0
