"""Applying operations: merge them into the field clocks, then rebuild the records they touch.

A record's row is built from its merged fields, so the result does not depend on the order the
operations arrived in. Rows are written with foreign keys unchecked (a child may arrive before
its parent from another laptop); every laptop ends with the same rows once all files arrived.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable, Sequence

from sqlalchemy import Connection
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.services.catalogue_index import reindex_practices
from app.services.sync.clock import merge_known
from app.services.sync.conflicts import refresh_conflicts
from app.services.sync.ops import Op, chunks, field_states, group_by_table, marks, store_ops
from app.services.sync.state import next_stamp, observe, read_state
from app.services.sync.tables import BLOB_FIELDS, REMOVED, SyncedTable, synced_tables
from app.services.sync.values import blob_hash, decode

log = logging.getLogger(__name__)

BlobReader = Callable[[str], bytes]


def apply_remote(
    conn: Connection,
    ops: Sequence[Op],
    read_blob: BlobReader | None = None,
    changed: Counter[str] | None = None,
) -> set[tuple[str, str]]:
    """Merge another laptop's operations and rebuild what they touch; returns the records.
    ``changed`` counts, by table, the rows that really changed here."""
    if not ops:
        return set()
    store_ops(conn, ops, pending=False)
    observe(conn, max(op.hlc for op in ops))
    touched = {(op.table, op.record) for op in ops}
    materialize(conn, touched, read_blob, changed)
    reindex_catalogue(conn, touched)
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
    fields = field_states(conn, table, [record]).get(record, {})
    rbase = merge_known(*(known for _, _, known in fields.values()))
    ops = [
        Op(stamp, table, record, f, v, fields[f][2] if f in fields else "", rbase)
        for f, v in values.items()
    ]
    store_ops(conn, ops, pending=True)
    materialize(conn, {(table, record)}, None)
    reindex_catalogue(conn, {(table, record)})
    refresh_conflicts(conn, {(table, record)})
    conn.exec_driver_sql(
        "DELETE FROM sync_dirty WHERE table_name = ? AND record_id = ?", (table, record)
    )


def materialize(
    conn: Connection,
    records: Iterable[tuple[str, str]],
    read_blob: BlobReader | None,
    changed: Counter[str] | None = None,
) -> None:
    """Make the rows of these records match their merged fields (counting in ``changed`` the
    rows inserted, updated or removed)."""
    changed = Counter() if changed is None else changed
    tables = synced_tables()
    grouped = group_by_table(records)
    for name, table in tables.items():
        ids = grouped.get(name)
        if ids:
            for chunk in chunks(sorted(set(ids))):
                changed[name] += _rebuild(conn, table, chunk, read_blob)


def _rebuild(
    conn: Connection, table: SyncedTable, ids: Sequence[str], read_blob: BlobReader | None
) -> int:
    states = field_states(conn, table.name, ids)
    existing = {
        str(r[0])
        for r in conn.exec_driver_sql(
            f'SELECT "{table.key}" FROM "{table.name}" WHERE "{table.key}" IN ({marks(len(ids))})',
            tuple(ids),
        )
    }
    removals: list[tuple[str]] = []
    writes: dict[tuple[bool, tuple[str, ...]], list[tuple[object, ...]]] = {}
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
        writes.setdefault((record in existing, columns), []).append(values)
    count = 0
    if removals:
        conn.exec_driver_sql(f'DELETE FROM "{table.name}" WHERE "{table.key}" = ?', removals)
        count += len(removals)
    for (update, columns), rows in writes.items():
        count += _write_rows(conn, table, columns, rows, update=update)
    return count


def _raw(value: str, read_blob: BlobReader | None) -> object:
    sha = blob_hash(value)
    if sha is None:
        return decode(value)
    if read_blob is None:
        raise LookupError(sha)
    return read_blob(sha)


def _write_rows(
    conn: Connection,
    table: SyncedTable,
    columns: tuple[str, ...],
    rows: list[tuple[object, ...]],
    *,
    update: bool,
) -> int:
    """Update existing rows (only those that differ) or insert new ones; returns how many rows
    changed. A row that clashes with another record here (the same natural key under another
    id) is left out and logged, the others are written."""
    if update:
        others = [c for c in columns if c != table.key]
        if not others:
            return 0
        key_at = columns.index(table.key)
        assignments = ", ".join(f'"{c}" = ?' for c in others)
        differs = " OR ".join(f'"{c}" IS NOT ?' for c in others)
        statement = (
            f'UPDATE "{table.name}" SET {assignments} WHERE "{table.key}" = ? AND ({differs})'
        )
        rows = [_update_params(row, key_at) for row in rows]
    else:
        names = ", ".join(f'"{c}"' for c in columns)
        statement = f'INSERT INTO "{table.name}" ({names}) VALUES ({marks(len(columns))})'
    try:
        conn.exec_driver_sql("SAVEPOINT sync_rows")
        written = conn.exec_driver_sql(statement, rows).rowcount
        conn.exec_driver_sql("RELEASE sync_rows")
        return max(written, 0)
    except IntegrityError:
        conn.exec_driver_sql("ROLLBACK TO sync_rows")
        conn.exec_driver_sql("RELEASE sync_rows")
        clashes = 0
        for row in rows:  # one by one: keep every row that fits
            if not _write_row(conn, statement, row):
                record = row[len(columns) - 1] if update else row[columns.index(table.key)]
                values = dict(zip(columns, row, strict=False)) if not update else None
                if _make_room(conn, table, str(record), values) and _write_row(
                    conn, statement, row
                ):
                    continue
                if update:  # its new values lose the key: park it like a losing insert
                    conn.exec_driver_sql(
                        f'DELETE FROM "{table.name}" WHERE "{table.key}" = ?', (record,)
                    )
                clashes += 1
        if clashes:
            log.warning("sync: %d %s records clash with others here", clashes, table.name)
        return len(rows) - clashes


def _update_params(row: tuple[object, ...], key_at: int) -> tuple[object, ...]:
    values = tuple(v for i, v in enumerate(row) if i != key_at)
    return (*values, row[key_at], *values)


def _write_row(conn: Connection, statement: str, row: tuple[object, ...]) -> bool:
    try:
        conn.exec_driver_sql("SAVEPOINT sync_row")
        conn.exec_driver_sql(statement, row)
        conn.exec_driver_sql("RELEASE sync_row")
        return True
    except IntegrityError:
        conn.exec_driver_sql("ROLLBACK TO sync_row")
        conn.exec_driver_sql("RELEASE sync_row")
        return False


def _make_room(
    conn: Connection, table: SyncedTable, record: str, values: dict[str, object] | None
) -> bool:
    """Two records with one natural key (say the attendance of one person at one session,
    made on two laptops under two ids): the one with the smaller id is kept as the row on every
    laptop, whatever the order; the other stays in the merged fields and its history."""
    if values is None:
        fields = field_states(conn, table.name, [record]).get(record, {})
        values = {c: decode(v) for c, (v, *_) in fields.items() if c in table.columns}
    for columns in table.uniques:
        if any(c not in values for c in columns):
            continue
        condition = " AND ".join(f'"{c}" IS ?' for c in columns)
        other = conn.exec_driver_sql(
            f'SELECT "{table.key}" FROM "{table.name}" WHERE {condition} AND "{table.key}" <> ?',
            (*(values[c] for c in columns), record),
        ).scalar()
        if other is None:
            continue
        if str(other) < record:
            return False  # the row in place keeps the key
        conn.exec_driver_sql(f'DELETE FROM "{table.name}" WHERE "{table.key}" = ?', (other,))
        return True
    return False


def reindex_catalogue(conn: Connection, touched: set[tuple[str, str]]) -> None:
    """Keep the catalogue's search index in step with practices (or areas) rebuilt here."""
    practices = sorted(r for t, r in touched if t == "practices")
    areas = sorted(r for t, r in touched if t == "practice_areas")
    if not practices and not areas:
        return
    session = Session(bind=conn)
    for chunk in chunks(practices):
        params = {f"p{i}": v for i, v in enumerate(chunk)}
        reindex_practices(session, f"p.id IN ({', '.join(':' + k for k in params)})", params)
    for chunk in chunks(areas):
        params = {f"a{i}": v for i, v in enumerate(chunk)}
        reindex_practices(session, f"p.area_id IN ({', '.join(':' + k for k in params)})", params)
    session.flush()
