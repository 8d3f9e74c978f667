"""Activities (forum meetings, training capsules, others) and their sessions.

Every function is one unit of work and returns frozen dataclasses. An activity is saved with its
sessions and the demands it answers, in one transaction; a session taken out of an activity goes
to the trash with its attendance kept. ``first_date``/``last_date`` are kept here, so lists filter
by year and sort by date from an index.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy import text as text_sql
from sqlalchemy.orm import Session

from app.db import Database
from app.errors import NotFoundError, ValidationError
from app.i18n import _
from app.models import Activity, ActivityDemand, ActivitySession, natural_id, utcnow
from app.services.activity_practices import linked_practice_ids, save_practice_links
from app.services.activity_queries import (
    SORT_COLUMNS,
    ActivityRow,
    activity_filters,
    ids_by_title,
    read_rows,
    row_select,
)
from app.services.activity_values import SessionData, validate_activity, validate_sessions
from app.services.registrations import fill_free_places

log = logging.getLogger(__name__)

__all__ = ["ActivityData", "ActivityRow", "ActivityService", "SessionData"]


@dataclass(frozen=True, slots=True)
class ActivityData:
    """Everything an activity's form shows and saves. ``id`` is ``None`` for a new activity."""

    title: str
    kind: str = "forum"
    id: str | None = None
    description: str = ""
    objectives: str = ""
    areas: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    capacity: int | None = None
    language: str = "es"
    venue: str = ""
    online_link: str = ""
    status: str = "planned"
    min_attendance_percent: int | None = None
    min_minutes: int | None = None
    key_content: str = ""
    notes: str = ""
    sessions: tuple[SessionData, ...] = ()
    demand_ids: tuple[str, ...] = ()
    # Good practices handed out (their order prints in the handout); None leaves them as they are.
    practice_ids: tuple[str, ...] | None = None
    deleted_at: datetime | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None


class ActivityService:
    """Forum meetings, training capsules and other activities, with their sessions."""

    def __init__(self, db: Database):
        self.db = db

    def list(
        self,
        query: str = "",
        *,
        kind: str = "",
        status: str = "",
        year: int | None = None,
        area: str = "",
        trash: bool = False,
        sort: str = "first_date",
        descending: bool = True,
        offset: int = 0,
        limit: int | None = 200,
    ) -> list[ActivityRow]:
        """A page of activities matching the title words and the filters, sorted in SQL."""
        column = SORT_COLUMNS.get(sort, Activity.first_date)
        ordered = column.desc() if descending else column.asc()
        statement = (
            row_select()
            .where(*activity_filters(query, kind, status, year, area, trash))
            .order_by(ordered.nulls_last(), Activity.title_key, Activity.id)
            .offset(offset)
            .limit(limit)
        )
        with self.db.session() as s:
            return read_rows(s, statement)

    def count(
        self,
        query: str = "",
        *,
        kind: str = "",
        status: str = "",
        year: int | None = None,
        area: str = "",
        trash: bool = False,
    ) -> int:
        """How many activities :meth:`list` would give without paging."""
        statement = select(func.count(Activity.id)).where(
            *activity_filters(query, kind, status, year, area, trash)
        )
        with self.db.session() as s:
            return s.scalar(statement) or 0

    def years(self) -> list[int]:
        """The years with activities, newest first (for the year filter)."""
        with self.db.session() as s:
            dates = s.execute(
                select(func.min(Activity.first_date), func.max(Activity.last_date)).where(
                    Activity.deleted_at.is_(None)
                )
            ).one()
        if dates[0] is None:
            return []
        return list(range(dates[1].year, dates[0].year - 1, -1))

    def areas(self) -> list[str]:
        """Every area given to a live activity (for the area filter), in no special order."""
        statement = text_sql(
            "SELECT DISTINCT j.value FROM activities AS a, json_each(a.areas) AS j "
            "WHERE a.deleted_at IS NULL AND j.type = 'text'"
        )
        with self.db.session() as s:
            return [row[0] for row in s.execute(statement)]

    def get(self, activity_id: str) -> ActivityData:
        """The whole activity, with its sessions (by date) and the demands it answers."""
        with self.db.session() as s:
            return read_activity(s, activity_id)

    def save(self, data: ActivityData) -> ActivityData:
        """Validate and save an activity with its sessions and demands; returns what was saved."""
        values = validate_activity(data)
        sessions = validate_sessions(data.sessions)
        with self.db.session() as s:
            if data.id is None:
                activity = Activity(**values)
                s.add(activity)
            else:
                activity = _load(s, data.id)
                for key, value in values.items():
                    setattr(activity, key, value)
            s.flush()
            _save_sessions(s, activity, sessions)
            _save_demands(s, activity.id, data.demand_ids)
            if data.practice_ids is not None:
                save_practice_links(s, activity.id, data.practice_ids)
            s.flush()
            promoted = fill_free_places(s, activity)
            if promoted:
                log.info("activity %s: %d off the waiting list", activity.id, len(promoted))
            s.flush()
            log.info("activity saved: %s (%d sessions)", activity.id, len(sessions))
            return read_activity(s, activity.id)

    def delete(self, ids: Iterable[str]) -> int:
        """Move activities to the trash (sessions, registrations and attendance stay with them)."""
        return self._set_deleted(ids, utcnow())

    def restore(self, ids: Iterable[str]) -> int:
        """Bring activities back from the trash."""
        return self._set_deleted(ids, None)

    def _set_deleted(self, ids: Iterable[str], when: datetime | None) -> int:
        ids = list(ids)
        with self.db.session() as s:
            changed = 0
            for activity in s.scalars(select(Activity).where(Activity.id.in_(ids))):
                activity.deleted_at = when
                changed += 1
            return changed

    def find(self, identifier: str) -> ActivityRow:
        """The live activity whose id is ``identifier``, or whose title it names unambiguously
        (whole title first, then the only title containing it). For the command line."""
        with self.db.session() as s:
            if s.get(Activity, identifier.strip()) is not None:
                ids = [identifier.strip()]
            else:
                ids = ids_by_title(s, identifier)
        if not ids:
            raise NotFoundError(
                _("No activity is called “{name}”. See them with 'tejido activities list'.").format(
                    name=identifier
                )
            )
        if len(ids) > 1:
            raise ValidationError(
                _(
                    "{count} activities match “{name}”. Give more of the title, or the id "
                    "shown by 'tejido activities list'."
                ).format(count=len(ids), name=identifier)
            )
        with self.db.session() as s:
            live = Activity.id == ids[0], Activity.deleted_at.is_(None)
            rows = read_rows(s, row_select().where(*live))
        if not rows:
            raise NotFoundError(_("That activity is in the trash. Restore it first."))
        return rows[0]

    def find_session(self, activity_id: str, identifier: str | None) -> SessionData:
        """The session of the activity with that id or date (YYYY-MM-DD). Without an
        identifier: the only session, or today's, or else an error listing the dates."""
        sessions = self.get(activity_id).sessions
        if not sessions:
            raise ValidationError(_("This activity has no sessions yet. Add one first."))
        wanted = (identifier or "").strip()
        if wanted:
            found = [x for x in sessions if x.id == wanted or x.date.isoformat() == wanted]
        elif len(sessions) == 1:
            found = list(sessions)
        else:
            found = [x for x in sessions if x.date == date.today()]
        if len(found) == 1:
            return found[0]
        dates = ", ".join(x.date.isoformat() for x in sessions)
        if wanted and not found:
            message = _("This activity has no session “{wanted}”. Its sessions: {dates}.")
        elif wanted:  # two sessions on that date: only an id tells them apart
            message = _(
                "This activity has several sessions on {wanted}. Give the session's id instead "
                "(see 'tejido activities list --json')."
            )
        else:
            message = _("Say which session with --session DATE. Its sessions: {dates}.")
        raise ValidationError(message.format(wanted=wanted, dates=dates))


def _load(s: Session, activity_id: str) -> Activity:
    activity = s.get(Activity, activity_id)
    if activity is None:
        raise NotFoundError(_("This activity no longer exists."))
    return activity


def read_activity(s: Session, activity_id: str) -> ActivityData:
    """Inside an open session: the whole activity."""
    a = _load(s, activity_id)
    sessions = s.scalars(
        select(ActivitySession)
        .where(ActivitySession.activity_id == a.id, ActivitySession.deleted_at.is_(None))
        .order_by(ActivitySession.date, ActivitySession.start_time, ActivitySession.id)
    )
    demand_ids = s.scalars(
        select(ActivityDemand.demand_id).where(
            ActivityDemand.activity_id == a.id, ActivityDemand.deleted_at.is_(None)
        )
    )
    return ActivityData(
        id=a.id,
        kind=a.kind,
        title=a.title,
        description=a.description,
        objectives=a.objectives,
        areas=tuple(a.areas or ()),
        themes=tuple(a.themes or ()),
        capacity=a.capacity,
        language=a.language,
        venue=a.venue,
        online_link=a.online_link,
        status=a.status,
        min_attendance_percent=a.min_attendance_percent,
        min_minutes=a.min_minutes,
        key_content=a.key_content,
        notes=a.notes,
        sessions=tuple(SessionData.of(x) for x in sessions),
        demand_ids=tuple(sorted(demand_ids)),
        practice_ids=linked_practice_ids(s, a.id),
        deleted_at=a.deleted_at,
        created_at=a.created_at,
        updated_at=a.updated_at,
    )


def _save_sessions(s: Session, activity: Activity, wanted: tuple[SessionData, ...]) -> None:
    existing = {
        x.id: x
        for x in s.scalars(
            select(ActivitySession).where(
                ActivitySession.activity_id == activity.id, ActivitySession.deleted_at.is_(None)
            )
        )
    }
    for data in wanted:
        row = existing.pop(data.id, None) if data.id else None
        if row is None:
            row = ActivitySession(activity_id=activity.id)
            s.add(row)
        row.date, row.start_time, row.end_time = data.date, data.start_time, data.end_time
        row.place, row.content, row.notes = data.place, data.content, data.notes
    for row in existing.values():  # taken out of the activity: to the trash, attendance kept
        row.deleted_at = utcnow()
    dates = [x.date for x in wanted]
    activity.first_date = min(dates) if dates else None
    activity.last_date = max(dates) if dates else None


def _save_demands(s: Session, activity_id: str, demand_ids: tuple[str, ...]) -> None:
    links = {
        x.demand_id: x
        for x in s.scalars(select(ActivityDemand).where(ActivityDemand.activity_id == activity_id))
    }
    wanted = set(demand_ids)
    for demand_id, link in links.items():
        link.deleted_at = None if demand_id in wanted else (link.deleted_at or utcnow())
    for demand_id in wanted - links.keys():
        s.add(
            ActivityDemand(
                id=natural_id("activity-demand", activity_id, demand_id),
                activity_id=activity_id,
                demand_id=demand_id,
            )
        )
