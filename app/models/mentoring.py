"""Social mentoring between professionals of different organisations: who offers to mentor,
the mentoring relationships (pairs), their goals with a dated progress history, and the log of
their sessions.

Confidential notes of a session are kept (and synced within the organisation) but never leave
through exports, reports, bundles or printouts: every reader outside the session's own form
leaves the ``confidential_notes`` column out.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Record


class Mentor(Record, Base):
    """A professional who offers to mentor: what they can help with and how many pairs at once.

    One per person (deterministic id ``natural_id("mentor", person_id)``).
    """

    __tablename__ = "mentors"

    person_id: Mapped[str] = mapped_column(String(36), ForeignKey("people.id"), unique=True)
    organisation_id: Mapped[str | None] = mapped_column(
        String(36), ForeignKey("organisations.id"), index=True
    )
    areas: Mapped[list[str]] = mapped_column(JSON, default=list)  # MENTORING_AREAS codes
    expertise: Mapped[str] = mapped_column(Text, default="")
    capacity: Mapped[int] = mapped_column(Integer, default=1)  # pairs at once
    available: Mapped[bool] = mapped_column(Boolean, default=True)
    notes: Mapped[str] = mapped_column(Text, default="")


class MentoringRelationship(Record, Base):
    """A mentor and a mentee from another organisation, with their agreement and status."""

    __tablename__ = "mentoring_relationships"

    mentor_id: Mapped[str] = mapped_column(String(36), ForeignKey("people.id"), index=True)
    mentor_organisation_id: Mapped[str | None] = mapped_column(
        String(36), ForeignKey("organisations.id"), index=True
    )
    mentee_id: Mapped[str] = mapped_column(String(36), ForeignKey("people.id"), index=True)
    mentee_organisation_id: Mapped[str | None] = mapped_column(
        String(36), ForeignKey("organisations.id"), index=True
    )
    areas: Mapped[list[str]] = mapped_column(JSON, default=list)  # MENTORING_AREAS codes
    start_date: Mapped[date | None] = mapped_column(Date, index=True)
    planned_end: Mapped[date | None] = mapped_column(Date)
    frequency: Mapped[str] = mapped_column(String(20), default="monthly")
    status: Mapped[str] = mapped_column(String(20), default="proposed", index=True)
    closed_on: Mapped[date | None] = mapped_column(Date)
    closure_reason: Mapped[str] = mapped_column(String(30), default="")
    final_assessment: Mapped[str] = mapped_column(Text, default="")
    agreement_goals: Mapped[str] = mapped_column(Text, default="")
    agreement_commitments: Mapped[str] = mapped_column(Text, default="")
    agreement_confidentiality: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    # Repeats the newest live session's date (kept by the service) so lists and health sort
    # and filter from an index rather than from 15,000 session rows.
    last_session_on: Mapped[date | None] = mapped_column(Date, index=True)


class MentoringGoal(Record, Base):
    """A goal of a relationship: from a baseline to a target by a date, with its progress."""

    __tablename__ = "mentoring_goals"

    relationship_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("mentoring_relationships.id"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    description: Mapped[str] = mapped_column(Text)
    baseline: Mapped[str] = mapped_column(Text, default="")
    target: Mapped[str] = mapped_column(Text, default="")
    due_date: Mapped[date | None] = mapped_column(Date, index=True)
    progress: Mapped[int] = mapped_column(Integer, default=0)  # 0-100, the newest in the history
    achieved_on: Mapped[date | None] = mapped_column(Date)


class GoalProgress(Record, Base):
    """One dated step of a goal's progress (the history that is drawn)."""

    __tablename__ = "mentoring_goal_progress"
    __table_args__ = (Index("ix_mentoring_goal_progress_goal_date", "goal_id", "recorded_on"),)

    goal_id: Mapped[str] = mapped_column(String(36), ForeignKey("mentoring_goals.id"))
    recorded_on: Mapped[date] = mapped_column(Date)
    progress: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")


class MentoringSession(Record, Base):
    """One meeting of a pair: when, how long, how, what was said and agreed, and each side's
    rating. ``confidential_notes`` never leaves the data folder but through backups and sync."""

    __tablename__ = "mentoring_sessions"
    __table_args__ = (Index("ix_mentoring_sessions_relationship_date", "relationship_id", "date"),)

    relationship_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("mentoring_relationships.id")
    )
    date: Mapped[date] = mapped_column(Date, index=True)
    minutes: Mapped[int] = mapped_column(Integer, default=60)
    mode: Mapped[str] = mapped_column(String(20), default="in_person")
    topics: Mapped[str] = mapped_column(Text, default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    agreements: Mapped[str] = mapped_column(Text, default="")
    next_steps: Mapped[str] = mapped_column(Text, default="")
    mentor_rating: Mapped[int | None] = mapped_column(Integer)
    mentee_rating: Mapped[int | None] = mapped_column(Integer)
    confidential_notes: Mapped[str] = mapped_column(Text, default="")
