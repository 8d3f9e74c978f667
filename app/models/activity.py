"""Forum meetings, training capsules and other activities: their sessions, who registered,
who attended each session, and the demands from organisations that they answer."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Record


class Activity(Record, Base):
    """A forum meeting, a training capsule or another activity, with its completion rule.

    ``first_date`` and ``last_date`` repeat its sessions' dates (kept by the service that saves
    sessions) so lists filter and sort by date from an index.
    """

    __tablename__ = "activities"

    kind: Mapped[str] = mapped_column(String(20), default="forum", index=True)
    title: Mapped[str] = mapped_column(String(300))
    title_key: Mapped[str] = mapped_column(String(300), index=True)
    description: Mapped[str] = mapped_column(Text, default="")
    objectives: Mapped[str] = mapped_column(Text, default="")
    areas: Mapped[list[str]] = mapped_column(JSON, default=list)
    themes: Mapped[list[str]] = mapped_column(JSON, default=list)
    capacity: Mapped[int | None] = mapped_column(Integer)
    language: Mapped[str] = mapped_column(String(10), default="es")
    venue: Mapped[str] = mapped_column(String(300), default="")
    online_link: Mapped[str] = mapped_column(String(500), default="")
    status: Mapped[str] = mapped_column(String(20), default="planned", index=True)
    # The completion rule: either, both (both must be met) or neither (one session attended).
    min_attendance_percent: Mapped[int | None] = mapped_column(Integer)
    min_minutes: Mapped[int | None] = mapped_column(Integer)
    key_content: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    first_date: Mapped[date | None] = mapped_column(Date, index=True)
    last_date: Mapped[date | None] = mapped_column(Date)


class ActivitySession(Record, Base):
    """One session of an activity: a date, its times, where, and what was covered."""

    __tablename__ = "activity_sessions"
    __table_args__ = (Index("ix_activity_sessions_activity_date", "activity_id", "date"),)

    activity_id: Mapped[str] = mapped_column(String(36), ForeignKey("activities.id"))
    date: Mapped[date] = mapped_column(Date, index=True)
    start_time: Mapped[time | None] = mapped_column(Time)
    end_time: Mapped[time | None] = mapped_column(Time)
    place: Mapped[str] = mapped_column(String(300), default="")
    content: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")


class Registration(Record, Base):
    """A person's place in an activity: on behalf of which organisation, in which role, and
    their evaluation of it. One per person and activity (a deterministic id)."""

    __tablename__ = "registrations"
    __table_args__ = (UniqueConstraint("activity_id", "person_id"),)

    activity_id: Mapped[str] = mapped_column(String(36), ForeignKey("activities.id"))
    person_id: Mapped[str] = mapped_column(String(36), ForeignKey("people.id"), index=True)
    organisation_id: Mapped[str | None] = mapped_column(
        String(36), ForeignKey("organisations.id"), index=True
    )
    role: Mapped[str] = mapped_column(String(20), default="attendee")
    status: Mapped[str] = mapped_column(String(20), default="registered")
    registered_at: Mapped[datetime] = mapped_column(DateTime)
    heard_from: Mapped[str] = mapped_column(String(200), default="")
    satisfaction: Mapped[int | None] = mapped_column(Integer)
    usefulness: Mapped[int | None] = mapped_column(Integer)
    evaluation_comment: Mapped[str] = mapped_column(Text, default="")
    wanted_topics: Mapped[str] = mapped_column(Text, default="")


class Attendance(Record, Base):
    """Whether a person was at one session. One per person and session (a deterministic id)."""

    __tablename__ = "attendance"
    __table_args__ = (UniqueConstraint("session_id", "person_id"),)

    session_id: Mapped[str] = mapped_column(String(36), ForeignKey("activity_sessions.id"))
    person_id: Mapped[str] = mapped_column(String(36), ForeignKey("people.id"), index=True)
    status: Mapped[str] = mapped_column(String(20))
    # Minutes actually attended when partial (late, left early); None means the whole session.
    minutes: Mapped[int | None] = mapped_column(Integer)
    remarks: Mapped[str] = mapped_column(Text, default="")
    taken_by: Mapped[str] = mapped_column(String(200), default="")
    taken_at: Mapped[datetime] = mapped_column(DateTime, index=True)


class Demand(Record, Base):
    """A topic or need an organisation declared (in a form, a meeting, an evaluation)."""

    __tablename__ = "demands"

    topic: Mapped[str] = mapped_column(String(300))
    topic_key: Mapped[str] = mapped_column(String(300), index=True)
    area: Mapped[str] = mapped_column(String(200), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    organisation_id: Mapped[str | None] = mapped_column(
        String(36), ForeignKey("organisations.id"), index=True
    )
    declared_on: Mapped[date | None] = mapped_column(Date)
    source: Mapped[str] = mapped_column(String(20), default="meeting")


class ActivityDemand(Record, Base):
    """An activity answers a demand (deterministic id: one per pair)."""

    __tablename__ = "activity_demands"
    __table_args__ = (UniqueConstraint("activity_id", "demand_id"),)

    activity_id: Mapped[str] = mapped_column(String(36), ForeignKey("activities.id"))
    demand_id: Mapped[str] = mapped_column(String(36), ForeignKey("demands.id"), index=True)
