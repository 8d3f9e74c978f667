"""Applying operations: merge them into the field clocks, then rebuild the records they touch.

A record's row is built from its merged fields, so the result does not depend on the order the
operations arrived in. Rows are written with foreign keys unchecked (a child may arrive before
its parent from another laptop); every laptop ends with the same rows once all files arrived.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence

from sqlalchemy import Connection
from sqlalchemy.exc import IntegrityError

from app.services.sync.conflicts import refresh_conflicts
from app.services.sync.ops import Op, chunks, field_states, group_by_table, marks, store_ops
from app.services.sync.state import next_stamp, observe, read_state
from app.services.sync.tables import BLOB_FIELDS, REMOVED, SyncedTable, synced_tables
from app.services.sync.values import blob_hash, decode

log = logging.getLogger(__name__)

BlobReader = Callable[[str], bytes]


def apply_remote(
    conn: Connection, ops: Sequence[Op], read_blob: BlobReader | None = None
) -> set[tuple[str, str]]:
    """Merge another laptop's operations and rebuild what they touch; returns the records."""
    if not ops:
        return set()
    store_ops(conn, ops, pending=False)
    observe(conn, max(op.hlc for op in ops))
    touched = {(op.table, op.record) for op in ops}
    materialize(conn, touched, read_blob)
    refresh_conflicts(conn, touched)
    return touched


def write_local(conn: Connection, table: str, record: str, values: dict[str, str]) -> None:
    """Set fields of a record as this laptop's decision (a conflict resolved, a value restored).

    The new operations dominate every value known here for the record, even when the chosen
    value is the one already in place, so the conflict closes on every laptop.
    """
    state = read_state(conn)
    if state is None:
        raise RuntimeError("sync is not set up")
    stamp = next_stamp(conn, state)
    known = conn.exec_driver_sql(
        "SELECT field, max(hlc) FROM sync_ops WHERE table_name = ? AND record_id = ? "
        "GROUP BY field",
        (table, record),
    ).fetchall()
    latest = dict(known)
    rbase = max(latest.values(), default="")
    ops = [Op(stamp, table, record, f, v, latest.get(f, ""), rbase) for f, v in values.items()]
    store_ops(conn, ops, pending=True)
    materialize(conn, {(table, record)}, None)
    refresh_conflicts(conn, {(table, record)})
    conn.exec_driver_sql(
        "DELETE FROM sync_dirty WHERE table_name = ? AND record_id = ?", (table, record)
    )


def materialize(
    conn: Connection, records: Iterable[tuple[str, str]], read_blob: BlobReader | None
) -> None:
    """Make the rows of these records match their merged fields."""
    tables = synced_tables()
    grouped = group_by_table(records)
    for name, table in tables.items():
        ids = grouped.get(name)
        if ids:
            for chunk in chunks(sorted(set(ids))):
                _rebuild(conn, table, chunk, read_blob)


def _rebuild(
    conn: Connection, table: SyncedTable, ids: Sequence[str], read_blob: BlobReader | None
) -> None:
    states = field_states(conn, table.name, ids)
    existing = {
        str(r[0])
        for r in conn.exec_driver_sql(
            f'SELECT "{table.key}" FROM "{table.name}" WHERE "{table.key}" IN ({marks(len(ids))})',
            tuple(ids),
        )
    }
    removals: list[tuple[str]] = []
    writes: dict[tuple[str, ...], list[tuple[object, ...]]] = {}
    for record in ids:
        fields = states.get(record, {})
        if fields.get(REMOVED, ("false",))[0] == "true":
            if record in existing:
                removals.append((record,))
            continue
        columns = tuple(c for c in table.columns if c in fields)
        if record in existing:  # files named by their hash never change: not read again
            columns = tuple(c for c in columns if (table.name, c) not in BLOB_FIELDS)
        elif any(c not in fields for c in table.required):
            continue  # not every field has arrived yet
        if table.key not in columns:
            continue
        values = tuple(_raw(fields[c][0], read_blob) for c in columns)
        writes.setdefault(columns, []).append(values)
    if removals:
        conn.exec_driver_sql(f'DELETE FROM "{table.name}" WHERE "{table.key}" = ?', removals)
    for columns, rows in writes.items():
        _upsert(conn, table, columns, rows)


def _raw(value: str, read_blob: BlobReader | None) -> object:
    sha = blob_hash(value)
    if sha is None:
        return decode(value)
    if read_blob is None:
        raise LookupError(sha)
    return read_blob(sha)


def _upsert(
    conn: Connection, table: SyncedTable, columns: tuple[str, ...], rows: list[tuple[object, ...]]
) -> None:
    names = ", ".join(f'"{c}"' for c in columns)
    updates = ", ".join(f'"{c}" = excluded."{c}"' for c in columns if c != table.key)
    action = f"DO UPDATE SET {updates}" if updates else "DO NOTHING"
    statement = (
        f'INSERT INTO "{table.name}" ({names}) VALUES ({marks(len(columns))}) '
        f'ON CONFLICT ("{table.key}") {action}'
    )
    try:
        conn.exec_driver_sql("SAVEPOINT sync_rows")
        conn.exec_driver_sql(statement, rows)
        conn.exec_driver_sql("RELEASE sync_rows")
    except IntegrityError:
        conn.exec_driver_sql("ROLLBACK TO sync_rows")
        conn.exec_driver_sql("RELEASE sync_rows")
        for row in rows:  # one by one: keep every row that fits, log the ones that clash
            try:
                conn.exec_driver_sql("SAVEPOINT sync_row")
                conn.exec_driver_sql(statement, row)
                conn.exec_driver_sql("RELEASE sync_row")
            except IntegrityError:
                conn.exec_driver_sql("ROLLBACK TO sync_row")
                conn.exec_driver_sql("RELEASE sync_row")
                log.warning("a synced %s record clashes with another one here", table.name)
