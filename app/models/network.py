"""The network the programme weaves: collaborative projects between organisations, and cascades
(attendees passing what they learned on in their own organisations).

The network map itself is derived (organisations linked when their people met at activities,
were in a mentoring pair, or share a project) and is not stored.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import JSON, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Record


class CollaborativeProject(Record, Base):
    """A project two or more organisations of the network undertake together."""

    __tablename__ = "projects"

    title: Mapped[str] = mapped_column(String(300))
    title_key: Mapped[str] = mapped_column(String(300), index=True)
    description: Mapped[str] = mapped_column(Text, default="")
    start_date: Mapped[date | None] = mapped_column(Date, index=True)
    end_date: Mapped[date | None] = mapped_column(Date)
    outcome: Mapped[str] = mapped_column(Text, default="")
    # How it came about: PROJECT_ORIGINS code, and the activity or mentoring pair where it did.
    origin: Mapped[str] = mapped_column(String(20), default="other")
    origin_activity_id: Mapped[str | None] = mapped_column(
        String(36), ForeignKey("activities.id"), index=True
    )
    origin_relationship_id: Mapped[str | None] = mapped_column(
        String(36), ForeignKey("mentoring_relationships.id"), index=True
    )
    areas: Mapped[list[str]] = mapped_column(JSON, default=list)  # areas of action, as activities
    notes: Mapped[str] = mapped_column(Text, default="")


class ProjectOrganisation(Record, Base):
    """An organisation taking part in a project, with its role. One per pair (deterministic id)."""

    __tablename__ = "project_organisations"
    __table_args__ = (UniqueConstraint("project_id", "organisation_id"),)

    project_id: Mapped[str] = mapped_column(String(36), ForeignKey("projects.id"))
    organisation_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("organisations.id"), index=True
    )
    role: Mapped[str] = mapped_column(String(20), default="partner")  # PROJECT_ROLES code


class Cascade(Record, Base):
    """An attendee passed an activity's content (or a handout, a practice) on in their
    organisation: when, how, and how many people it reached."""

    __tablename__ = "cascades"

    person_id: Mapped[str] = mapped_column(String(36), ForeignKey("people.id"), index=True)
    organisation_id: Mapped[str | None] = mapped_column(
        String(36), ForeignKey("organisations.id"), index=True
    )
    activity_id: Mapped[str | None] = mapped_column(
        String(36), ForeignKey("activities.id"), index=True
    )
    practice_id: Mapped[str | None] = mapped_column(
        String(36), ForeignKey("practices.id"), index=True
    )
    held_on: Mapped[date] = mapped_column(Date, index=True)
    people_reached: Mapped[int] = mapped_column(Integer, default=0)
    how: Mapped[str] = mapped_column(String(20), default="meeting")  # CASCADE_FORMATS code
    notes: Mapped[str] = mapped_column(Text, default="")
