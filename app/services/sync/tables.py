"""Which tables sync, how their records are keyed, and the fields with special meaning."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from sqlalchemy import UniqueConstraint

from app.models import Base

# Reserved field: the record was removed from its table (a hard delete).
REMOVED = "_deleted"
# The trash: a record with ``deleted_at`` set is deleted for the person.
TRASHED = "deleted_at"
# Stamps kept by the last writer: merged, never shown as a conflict.
QUIET_FIELDS = frozenset({"created_at", "updated_at"})
# Byte fields carried as files in the exchange folder, named by their hash.
BLOB_FIELDS = frozenset({("attachment_blobs", "data")})


@dataclass(frozen=True, slots=True)
class SyncedTable:
    name: str
    key: str
    columns: tuple[str, ...]
    # Columns a new row cannot be made without (NOT NULL, no default in the database).
    required: tuple[str, ...]
    # Sets of columns that must be unique besides the key (natural keys).
    uniques: tuple[tuple[str, ...], ...] = ()


def is_local_table(name: str) -> bool:
    """Tables that belong to this laptop only: sync's own bookkeeping."""
    return name.startswith("sync_")


@cache
def synced_tables() -> dict[str, SyncedTable]:
    """Every programme table, parents before children."""
    found: dict[str, SyncedTable] = {}
    for table in Base.metadata.sorted_tables:
        if is_local_table(table.name):
            continue
        keys = list(table.primary_key.columns)
        if len(keys) != 1:
            raise RuntimeError(f"{table.name}: sync needs a single-column primary key")
        required = tuple(
            c.name
            for c in table.columns
            if not c.nullable and c.server_default is None and not c.primary_key
        )
        uniques = [
            tuple(c.name for c in constraint.columns)
            for constraint in table.constraints
            if isinstance(constraint, UniqueConstraint)
        ] + [(c.name,) for c in table.columns if c.unique]
        found[table.name] = SyncedTable(
            name=table.name,
            key=keys[0].name,
            columns=tuple(c.name for c in table.columns),
            required=required,
            uniques=tuple(uniques),
        )
    return found
