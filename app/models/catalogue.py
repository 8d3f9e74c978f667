"""The good-practice catalogue: practices with their areas (an editable taxonomy), attachments,
adoptions by organisations, the history of their versions, and the bundles exchanged by file.

A practice's ``id`` is its permanent UUID, given once by the organisation where it was written
(its origin) and kept by every catalogue it travels to. ``revision`` is an integer the origin
increments when it publishes a change. Attachments are stored by content hash inside the
database (``attachment_blobs``), so backups, restores and sync carry them with the records.

The full-text index ``practice_search`` (SQLite FTS5, created by the migration) is derived from
the practices and rebuilt by the catalogue service; it is not data of its own.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Record

SEARCH_TABLE = "practice_search"


def outside_the_models(name: str | None, type_: str, parent_names: object = None) -> bool:
    """Whether a database object is one the models do not describe on purpose: the FTS5
    full-text index and its shadow tables (for Alembic's ``include_name``, negated)."""
    return type_ == "table" and bool(name) and name.startswith(SEARCH_TABLE)  # type: ignore[union-attr]


class PracticeArea(Record, Base):
    """One area of action of the catalogue's taxonomy (editable: renamed, added, ordered)."""

    __tablename__ = "practice_areas"

    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class Practice(Record, Base):
    """A good practice with every field the best catalogues record, and where it came from."""

    __tablename__ = "practices"
    # Only trashed rows: lets a search leave the trash out without reading every practice.
    __table_args__ = (
        Index("ix_practices_trashed", "deleted_at", sqlite_where=text("deleted_at IS NOT NULL")),
    )

    # Where it was written: the origin organisation's permanent id (its profile's id) and name.
    origin_id: Mapped[str] = mapped_column(String(36), index=True)
    origin_name: Mapped[str] = mapped_column(String(300), default="")
    revision: Mapped[int] = mapped_column(Integer, default=1)
    derived_from: Mapped[str | None] = mapped_column(String(36))
    title: Mapped[str] = mapped_column(String(300))
    title_key: Mapped[str] = mapped_column(String(300), index=True)
    summary: Mapped[str] = mapped_column(Text, default="")
    area_id: Mapped[str | None] = mapped_column(
        String(36), ForeignKey("practice_areas.id"), index=True
    )
    themes: Mapped[list[str]] = mapped_column(JSON, default=list)  # CROSS_CUTTING_THEMES codes
    organisation_id: Mapped[str | None] = mapped_column(
        String(36), ForeignKey("organisations.id"), index=True
    )
    organisation_name: Mapped[str] = mapped_column(String(300), default="")
    territory: Mapped[str] = mapped_column(String(200), default="")
    target_group: Mapped[str] = mapped_column(String(300), default="")
    year: Mapped[int | None] = mapped_column(Integer, index=True)
    context: Mapped[str] = mapped_column(Text, default="")
    objectives: Mapped[str] = mapped_column(Text, default="")
    description: Mapped[str] = mapped_column(Text, default="")
    resources: Mapped[str] = mapped_column(Text, default="")
    results: Mapped[str] = mapped_column(Text, default="")
    evidence: Mapped[str] = mapped_column(Text, default="")
    lessons: Mapped[str] = mapped_column(Text, default="")
    sustainability: Mapped[str] = mapped_column(Text, default="")
    transferability: Mapped[str] = mapped_column(Text, default="")
    gender_perspective: Mapped[str] = mapped_column(Text, default="")
    accessibility: Mapped[str] = mapped_column(Text, default="")
    contact: Mapped[str] = mapped_column(Text, default="")
    links: Mapped[list[str]] = mapped_column(JSON, default=list)
    licence: Mapped[str] = mapped_column(String(100), default="")
    status: Mapped[str] = mapped_column(String(20), default="draft", index=True)
    reviewer: Mapped[str] = mapped_column(String(200), default="")
    reviewed_on: Mapped[date | None] = mapped_column(Date)
    # Local state of a practice that came in a bundle: edited here since, hidden here, or
    # withdrawn by its origin. Never sent back in bundles as such.
    edited_locally: Mapped[bool] = mapped_column(Boolean, default=False)
    hidden: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    withdrawn: Mapped[bool] = mapped_column(Boolean, default=False)
    # The sha256 of the exchanged content (fields and attachment hashes) as it is now, and as it
    # was when our own practice was last published ("" when never): a published change to what
    # was published raises the revision, the first publication does not.
    content_hash: Mapped[str] = mapped_column(String(64), default="")
    published_hash: Mapped[str] = mapped_column(String(64), default="")


class AttachmentBlob(Base):
    """The bytes of an attachment, once per content (sha256), whatever the practices using it."""

    __tablename__ = "attachment_blobs"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class PracticeAttachment(Record, Base):
    """A file attached to a practice (PDF, image, office document), by its content hash."""

    __tablename__ = "practice_attachments"

    practice_id: Mapped[str] = mapped_column(String(36), ForeignKey("practices.id"), index=True)
    sha256: Mapped[str] = mapped_column(String(64), ForeignKey("attachment_blobs.sha256"))
    media_type: Mapped[str] = mapped_column(String(100))
    title: Mapped[str] = mapped_column(String(300), default="")
    original_name: Mapped[str] = mapped_column(String(300), default="")
    size: Mapped[int] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer, default=0)


class PracticeAdoption(Record, Base):
    """An organisation adopted a practice: how it adapted it and with what result."""

    __tablename__ = "practice_adoptions"

    practice_id: Mapped[str] = mapped_column(String(36), ForeignKey("practices.id"), index=True)
    organisation_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("organisations.id"), index=True
    )
    adopted_on: Mapped[date | None] = mapped_column(Date, index=True)
    adaptation: Mapped[str] = mapped_column(Text, default="")
    result: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")


class PracticeVersion(Record, Base):
    """An earlier version of a practice kept when a bundle replaced it (or a conflict was
    settled): the whole record as JSON, its revision, and why it was kept."""

    __tablename__ = "practice_versions"

    practice_id: Mapped[str] = mapped_column(String(36), ForeignKey("practices.id"), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    snapshot: Mapped[dict] = mapped_column(JSON)
    reason: Mapped[str] = mapped_column(String(30))  # "replaced", "kept_mine", ...


class Bundle(Record, Base):
    """A bundle file exported from or imported into this catalogue (provenance and reports)."""

    __tablename__ = "bundles"

    direction: Mapped[str] = mapped_column(String(10))  # "export" or "import"
    bundle_id: Mapped[str] = mapped_column(String(64), index=True)  # sha256 of the file
    file_name: Mapped[str] = mapped_column(String(300), default="")
    publisher_id: Mapped[str] = mapped_column(String(36), default="")
    publisher_name: Mapped[str] = mapped_column(String(300), default="")
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    by: Mapped[str] = mapped_column(String(200), default="")
    practice_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    summary: Mapped[dict] = mapped_column(JSON, default=dict)


class PracticeProvenance(Record, Base):
    """Where an imported practice's current version came from: which bundle, which revision."""

    __tablename__ = "practice_provenance"

    practice_id: Mapped[str] = mapped_column(String(36), ForeignKey("practices.id"), index=True)
    bundle_record_id: Mapped[str] = mapped_column(String(36), ForeignKey("bundles.id"))
    revision: Mapped[int] = mapped_column(Integer)
    outcome: Mapped[str] = mapped_column(String(20))  # new, updated, theirs, kept_both


class ActivityPractice(Record, Base):
    """A good practice handed out at an activity (it prints in the activity's handout).
    Deterministic id: one per pair."""

    __tablename__ = "activity_practices"
    __table_args__ = (UniqueConstraint("activity_id", "practice_id"),)

    activity_id: Mapped[str] = mapped_column(String(36), ForeignKey("activities.id"))
    practice_id: Mapped[str] = mapped_column(String(36), ForeignKey("practices.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
