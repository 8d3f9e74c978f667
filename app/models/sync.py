"""This laptop's sync bookkeeping: never synced itself, never exported as programme data.

Every change to a synced table becomes field operations (``sync_ops``) stamped with a hybrid
logical clock. ``sync_fields`` holds, for every field of every synced record, the winning value and
its stamp: the merged state the rows are built from. ``sync_dirty`` is filled by triggers on the
synced tables and emptied when the changes are captured as operations. The design is in
``docs/sync.md``.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class SyncState(Base):
    """One row: this laptop's identity, its exchange folder and its clock."""

    __tablename__ = "sync_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, default=1)
    enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    device_id: Mapped[str] = mapped_column(String(36))
    device_name: Mapped[str] = mapped_column(String(100), default="")
    folder: Mapped[str] = mapped_column(Text, default="")
    # The last stamp given or seen, "wall ms (13 digits).counter (5 digits).device id".
    clock: Mapped[str] = mapped_column(String(80), default="")
    last_seq: Mapped[int] = mapped_column(Integer, default=0)
    schema: Mapped[str] = mapped_column(String(40), default="")
    last_pass_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    last_summary: Mapped[str] = mapped_column(Text, default="{}")


class SyncField(Base):
    """The winning value of one field of one record, with the stamps that decide merges."""

    __tablename__ = "sync_fields"
    __table_args__ = ({"sqlite_with_rowid": False},)

    table_name: Mapped[str] = mapped_column(String(60), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    field: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)  # canonical JSON
    hlc: Mapped[str] = mapped_column(String(80))
    base: Mapped[str] = mapped_column(Text, default="")
    rbase: Mapped[str] = mapped_column(Text, default="")
    # What this laptop knows of the field: the latest stamp of each laptop that wrote it.
    seen: Mapped[str] = mapped_column(Text, default="")


class SyncOp(Base):
    """One field operation, made here (``pending`` until published) or read from a segment.

    Keyed by record and field first, so a record's history and a field's operations are one
    range of the table (no row id: the key is the table).
    """

    __tablename__ = "sync_ops"
    __table_args__ = (
        Index("ix_sync_ops_pending", "hlc", sqlite_where=text("pending = 1")),
        {"sqlite_with_rowid": False},
    )

    table_name: Mapped[str] = mapped_column(String(60), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    field: Mapped[str] = mapped_column(String(60), primary_key=True)
    hlc: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    # What the author had seen of the field, and of the whole record (knowledge vectors).
    base: Mapped[str] = mapped_column(Text, default="")
    rbase: Mapped[str] = mapped_column(Text, default="")
    pending: Mapped[bool] = mapped_column(Boolean, default=False)


class SyncDirty(Base):
    """A record changed since the last capture (filled by triggers on the synced tables)."""

    __tablename__ = "sync_dirty"
    __table_args__ = ({"sqlite_with_rowid": False},)

    table_name: Mapped[str] = mapped_column(String(60), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(64), primary_key=True)


class SyncSegment(Base):
    """A change file known here: published by this laptop, ingested, waiting, or held."""

    __tablename__ = "sync_segments"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    device_id: Mapped[str] = mapped_column(String(36), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    # "own", "publishing" (written before the file, so a crash never reuses the number),
    # "ingested", "review" (a large batch held for a person)
    status: Mapped[str] = mapped_column(String(20))
    op_count: Mapped[int] = mapped_column(Integer, default=0)
    summary: Mapped[str] = mapped_column(Text, default="{}")
    path: Mapped[str] = mapped_column(Text, default="")
    seen_at: Mapped[datetime] = mapped_column(DateTime)
    ingested_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)


class SyncFile(Base):
    """A file seen in the exchange folder, so an unchanged file is not read again."""

    __tablename__ = "sync_files"

    path: Mapped[str] = mapped_column(Text, primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    mtime_ns: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str | None] = mapped_column(String(64), default=None)
    # "done" (ingested, ours or a duplicate), "incomplete" (does not parse or verify yet)
    status: Mapped[str] = mapped_column(String(20))
    problem: Mapped[str] = mapped_column(Text, default="")
    first_seen: Mapped[datetime] = mapped_column(DateTime)
    last_try: Mapped[datetime] = mapped_column(DateTime)


class SyncConflict(Base):
    """An open conflict, derived from the operations (the same list on every laptop).

    ``kind`` is "field" (two values of one field, neither author saw the other) or "deleted"
    (deleted on one laptop while edited on another); ``field`` is "" for "deleted".
    """

    __tablename__ = "sync_conflicts"
    __table_args__ = ({"sqlite_with_rowid": False},)

    table_name: Mapped[str] = mapped_column(String(60), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    field: Mapped[str] = mapped_column(String(60), primary_key=True)
    loser_hlc: Mapped[str] = mapped_column(String(80), primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))
    winner_hlc: Mapped[str] = mapped_column(String(80))


class SyncDevice(Base):
    """Another laptop (or this one) as last read from the exchange folder."""

    __tablename__ = "sync_devices"

    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(100), default="")
    app_version: Mapped[str] = mapped_column(String(40), default="")
    last_seen: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    clock_ahead_s: Mapped[int] = mapped_column(Integer, default=0)
    last_seq: Mapped[int] = mapped_column(Integer, default=0)
