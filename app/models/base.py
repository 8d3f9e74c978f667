"""The declarative base and the columns every programme table shares.

Every table that holds programme data has a locally generated UUID key (records are created on
several laptops and must merge), ``created_at`` / ``updated_at`` stamps in UTC, and ``deleted_at``
for the trash: nothing is removed outright by a user action.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import DateTime, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# The namespace for deterministic ids of rows with a natural key (uuid5), fixed forever.
TEJIDO_NAMESPACE = uuid.UUID("5b0e7c1e-3a0f-4f7e-9d8b-7a6c2f1e0d4b")


def new_id() -> str:
    return str(uuid.uuid4())


def natural_id(*parts: str) -> str:
    """A deterministic id for a natural key, so two laptops recording the same thing agree."""
    return str(uuid.uuid5(TEJIDO_NAMESPACE, "|".join(parts)))


def utcnow() -> datetime:
    """Now in UTC, without tzinfo (SQLite stores naive datetimes; all of Tejido's are UTC)."""
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Record:
    """Columns shared by every synced programme table."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime, default=utcnow, onupdate=utcnow, nullable=False
    )
    # Not indexed: nearly every row has NULL here, and an index on it misleads the planner.
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
