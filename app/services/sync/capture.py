"""Turning local changes into field operations, in the same transaction as the change.

Triggers on every synced table note which records changed (``sync_dirty``), whatever wrote them:
the ORM, a bulk insert, or a restore. Capturing compares those records with their merged fields
and records one operation per field that differs, all with one new stamp.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from sqlalchemy import Connection

from app.services.sync import clock
from app.services.sync.conflicts import refresh_conflicts
from app.services.sync.ops import (
    Op,
    chunks,
    field_states,
    group_by_table,
    marks,
    raw_cursor,
    store_ops,
)
from app.services.sync.state import next_stamp, read_state
from app.services.sync.tables import REMOVED, SyncedTable, synced_tables
from app.services.sync.values import encode_field

TRIGGER_PREFIX = "sync_mark_"
Progress = Callable[[int, int], None]


def install_triggers(conn: Connection) -> None:
    """Mark every insert, update and delete of a synced table (idempotent)."""
    for table in synced_tables().values():
        t, k = table.name, table.key

        def mark(row: str, t: str = t, k: str = k) -> str:
            # Not "OR IGNORE": an outer statement's conflict clause would override it.
            return (
                f"INSERT INTO sync_dirty (table_name, record_id) SELECT '{t}', {row}.\"{k}\" "
                f"WHERE NOT EXISTS (SELECT 1 FROM sync_dirty WHERE table_name = '{t}' "
                f'AND record_id = {row}."{k}");'
            )

        statements = {
            "i": f'AFTER INSERT ON "{t}" BEGIN {mark("NEW")} END',
            "u": f'AFTER UPDATE ON "{t}" BEGIN {mark("OLD")} {mark("NEW")} END',
            "d": f'AFTER DELETE ON "{t}" BEGIN {mark("OLD")} END',
        }
        for suffix, body in statements.items():
            conn.exec_driver_sql(
                f'CREATE TRIGGER IF NOT EXISTS "{TRIGGER_PREFIX}{suffix}_{t}" {body}'
            )


def drop_triggers(conn: Connection) -> None:
    names = conn.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE ?",
        (TRIGGER_PREFIX + "%",),
    ).fetchall()
    for (name,) in names:
        conn.exec_driver_sql(f'DROP TRIGGER IF EXISTS "{name}"')


def mark_everything(conn: Connection) -> None:
    """Mark every record for comparison (when sync starts, or after the schema changed)."""
    for table in synced_tables().values():
        conn.exec_driver_sql(
            "INSERT OR IGNORE INTO sync_dirty (table_name, record_id) "
            f'SELECT ?, "{table.key}" FROM "{table.name}"',
            (table.name,),
        )
    conn.exec_driver_sql(
        "INSERT OR IGNORE INTO sync_dirty (table_name, record_id) "
        "SELECT DISTINCT table_name, record_id FROM sync_fields"
    )


def capture(conn: Connection, progress: Progress | None = None, *, historical: bool = False) -> int:
    """Record the changes of the marked records as operations; returns how many.

    Works through the records in chunks (a first capture covers the whole database), each
    chunk's operations stored before the next is read, so memory stays flat. ``historical``
    (the first capture when sync is set up) stamps each record with the time it was last
    changed, not with now: a laptop joining with an old copy of the data does not outrank the
    edits made since on the others.
    """
    dirty = conn.exec_driver_sql("SELECT table_name, record_id FROM sync_dirty").fetchall()
    if not dirty:
        return 0
    state = read_state(conn)
    if state is None or not state.enabled:
        return 0  # kept marked for when sync is turned on again
    stamp = next_stamp(conn, state)
    tables = synced_tables()
    count = done = 0
    for name, ids in group_by_table(dirty).items():
        table = tables.get(name)
        for chunk in chunks(ids):
            if table is not None:
                made = _differences(conn, table, chunk, stamp, historical=historical)
                store_ops(conn, made, pending=True)
                refresh_conflicts(conn, {(op.table, op.record) for op in made})
                count += len(made)
            done += len(chunk)
            if progress is not None:
                progress(done, len(dirty))
    conn.exec_driver_sql("DELETE FROM sync_dirty")
    return count


def _differences(
    conn: Connection,
    table: SyncedTable,
    ids: Sequence[str],
    stamp: str,
    *,
    historical: bool = False,
) -> list[Op]:
    cursor = raw_cursor(conn)
    try:
        cursor.execute(
            f'SELECT * FROM "{table.name}" WHERE "{table.key}" IN ({marks(len(ids))})', tuple(ids)
        )
        columns = [d[0] for d in cursor.description]
        key_at = columns.index(table.key)
        changed_at = _time_column(columns) if historical else None
        rows = {str(row[key_at]): row for row in cursor.fetchall()}
    finally:
        cursor.close()
    seen = field_states(conn, table.name, ids)
    made: list[Op] = []
    for record in ids:
        fields = seen.get(record, {})
        rbase = clock.merge_known(*(known for _, _, known in fields.values()))
        row = rows.get(record)
        removed = fields.get(REMOVED)
        if row is None:
            if fields and (removed is None or removed[0] != "true"):
                base = removed[2] if removed else ""
                made.append(Op(stamp, table.name, record, REMOVED, "true", base, rbase))
            continue
        if removed is not None and removed[0] == "true":
            made.append(Op(stamp, table.name, record, REMOVED, "false", removed[2], rbase))
        at = stamp if changed_at is None else _stamp_at(row[changed_at], stamp)
        for column, raw in zip(columns, row, strict=True):
            value = encode_field(table.name, column, raw)
            old = fields.get(column)
            if old is None or old[0] != value:
                made.append(Op(at, table.name, record, column, value, old[2] if old else "", rbase))
    return made


def _time_column(columns: list[str]) -> int | None:
    for name in ("updated_at", "created_at"):
        if name in columns:
            return columns.index(name)
    return None


def _stamp_at(moment: object, now_stamp: str) -> str:
    """A stamp at ``moment`` (a stored UTC datetime) for this laptop; never later than now."""
    try:
        when = datetime.fromisoformat(str(moment)).replace(tzinfo=UTC)
    except ValueError:
        return now_stamp
    wall = int(when.timestamp() * 1000)
    if wall >= clock.wall_ms(now_stamp):
        return now_stamp
    return clock.make(wall, 0, clock.device_of(now_stamp))
