"""Field operations: the one shape changes travel in, and writing them to the field clocks."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple

from sqlalchemy import Connection

CHUNK = 400  # ids per IN (...) query; well under SQLite's variable limit


class Op(NamedTuple):
    hlc: str
    table: str
    record: str
    field: str
    value: str  # canonical JSON
    base: str  # what the author had seen of the field (clock.saw / add_known)
    rbase: str  # what the author had seen of the whole record


def chunks(items: Sequence[str], size: int = CHUNK) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def marks(count: int) -> str:
    return ",".join("?" * count)


_INSERT_OP = (
    "INSERT OR IGNORE INTO sync_ops (hlc, table_name, record_id, field, value, base, rbase, "
    "pending) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)
# Last writer wins, by stamp, and what is known of the field grows: commutative, associative
# and idempotent (every expression reads the row as it was before the update).
_MERGE_FIELD = (
    "INSERT INTO sync_fields (table_name, record_id, field, value, hlc, base, rbase, seen) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (table_name, record_id, field) DO UPDATE SET "
    "value = CASE WHEN excluded.hlc > sync_fields.hlc THEN excluded.value ELSE value END, "
    "base = CASE WHEN excluded.hlc > sync_fields.hlc THEN excluded.base ELSE base END, "
    "rbase = CASE WHEN excluded.hlc > sync_fields.hlc THEN excluded.rbase ELSE rbase END, "
    "hlc = max(sync_fields.hlc, excluded.hlc), "
    "seen = sync_add_known(sync_fields.seen, excluded.hlc)"
)


def store_ops(conn: Connection, ops: Sequence[Op], *, pending: bool) -> None:
    """Keep the operations and merge them into the field clocks."""
    if not ops:
        return
    flag = 1 if pending else 0
    cursor = raw_cursor(conn)
    try:
        cursor.executemany(_INSERT_OP, [(*op, flag) for op in ops])
        cursor.executemany(
            _MERGE_FIELD,
            [(o.table, o.record, o.field, o.value, o.hlc, o.base, o.rbase, o.hlc) for o in ops],
        )
    finally:
        cursor.close()


def field_states(
    conn: Connection, table: str, ids: Sequence[str]
) -> dict[str, dict[str, tuple[str, str, str]]]:
    """For each record, its fields' (value, stamp, knowledge) as merged here."""
    found: dict[str, dict[str, tuple[str, str, str]]] = {}
    cursor = raw_cursor(conn)
    try:
        cursor.execute(
            "SELECT record_id, field, value, hlc, seen FROM sync_fields "
            f"WHERE table_name = ? AND record_id IN ({marks(len(ids))})",
            (table, *ids),
        )
        for record, field, value, hlc, seen in cursor:
            found.setdefault(record, {})[field] = (value, hlc, seen)
    finally:
        cursor.close()
    return found


def raw_cursor(conn: Connection):  # type: ignore[no-untyped-def]
    """The SQLite cursor of a connection, in its transaction (for bulk work: no per-row
    overhead)."""
    return conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]


def group_by_table(pairs: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for table, record in pairs:
        grouped.setdefault(table, []).append(record)
    return grouped
