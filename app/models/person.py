"""People, the organisations they belong to, and their consent records."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Record


class Person(Record, Base):
    """A person of the programme. ``full_name`` is free: never assume a Western name shape."""

    __tablename__ = "people"

    full_name: Mapped[str] = mapped_column(String(300))
    given_name: Mapped[str] = mapped_column(String(150), default="")
    family_name: Mapped[str] = mapped_column(String(150), default="")
    # The name folded (no accents, no case, single spaces): for search and duplicate detection.
    name_key: Mapped[str] = mapped_column(String(300), index=True)
    gender: Mapped[str] = mapped_column(String(20), default="not_stated")
    birth_year: Mapped[int | None] = mapped_column(Integer)
    email: Mapped[str] = mapped_column(String(200), default="", index=True)
    phone: Mapped[str] = mapped_column(String(50), default="")
    # Digits only, for duplicate detection across the ways a number is typed.
    phone_key: Mapped[str] = mapped_column(String(50), default="", index=True)
    preferred_language: Mapped[str] = mapped_column(String(10), default="")
    expertise: Mapped[str] = mapped_column(Text, default="")
    interests: Mapped[str] = mapped_column(Text, default="")
    accessibility_needs: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    merged_into_id: Mapped[str | None] = mapped_column(
        String(36), ForeignKey("people.id"), default=None
    )


class Membership(Record, Base):
    """A person's tie to an organisation, with a role. One row per person and organisation."""

    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("person_id", "organisation_id"),)

    person_id: Mapped[str] = mapped_column(String(36), ForeignKey("people.id"), index=True)
    organisation_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("organisations.id"), index=True
    )
    role: Mapped[str] = mapped_column(String(30), default="member")


class Consent(Record, Base):
    """What a person agreed to, when, collected by whom, and its withdrawal."""

    __tablename__ = "consents"

    person_id: Mapped[str] = mapped_column(String(36), ForeignKey("people.id"), index=True)
    purpose: Mapped[str] = mapped_column(String(30))
    granted_at: Mapped[datetime] = mapped_column(DateTime)
    collected_by: Mapped[str] = mapped_column(String(200), default="")
    notice_version: Mapped[str] = mapped_column(String(50), default="")
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    notes: Mapped[str] = mapped_column(Text, default="")
