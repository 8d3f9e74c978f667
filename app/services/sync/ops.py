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
    base: str  # the stamp of the value the author had when writing
    rbase: str  # the latest stamp of the whole record the author had


def chunks(items: Sequence[str], size: int = CHUNK) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def marks(count: int) -> str:
    return ",".join("?" * count)


_INSERT_OP = (
    "INSERT OR IGNORE INTO sync_ops (hlc, table_name, record_id, field, value, base, rbase, "
    "pending) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)
# Last writer wins, by stamp: commutative, associative and idempotent.
_MERGE_FIELD = (
    "INSERT INTO sync_fields (table_name, record_id, field, value, hlc, base, rbase) "
    "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (table_name, record_id, field) DO UPDATE SET "
    "value = excluded.value, hlc = excluded.hlc, base = excluded.base, rbase = excluded.rbase "
    "WHERE excluded.hlc > sync_fields.hlc"
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
            [(o.table, o.record, o.field, o.value, o.hlc, o.base, o.rbase) for o in ops],
        )
    finally:
        cursor.close()


def field_states(
    conn: Connection, table: str, ids: Sequence[str]
) -> dict[str, dict[str, tuple[str, str]]]:
    """For each record, its fields' (value, stamp) as merged here."""
    found: dict[str, dict[str, tuple[str, str]]] = {}
    cursor = raw_cursor(conn)
    try:
        cursor.execute(
            "SELECT record_id, field, value, hlc FROM sync_fields "
            f"WHERE table_name = ? AND record_id IN ({marks(len(ids))})",
            (table, *ids),
        )
        for record, field, value, hlc in cursor:
            found.setdefault(record, {})[field] = (value, hlc)
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
