"""Open conflicts, derived from the operations alone (so every laptop lists the same ones).

A field is in conflict when an operation lost to the winner although the winner's author had not
seen it (the winner's ``base`` knowledge does not cover it, see ``clock.saw``), nor an operation
of the same value; the values differ; and no other operation on the field was written by
someone who had seen it. A record is "deleted while edited" when the deletion in force (the
removal of the row when it was removed, else its trashing) and an edit on another laptop did not
see each other (``rbase``), unless the edit only wrote a value the deleting laptop had too: one
conflict per record, about the deletion the inbox shows and settles.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection

from app.services.sync.clock import DEVICE_AT
from app.services.sync.field_labels import INTERNAL_FIELDS
from app.services.sync.tables import QUIET_FIELDS

# Stamps and bookkeeping derived from other fields: merged by the last writer, never a conflict.
_QUIET = "(" + ", ".join(f"'{name}'" for name in sorted(QUIET_FIELDS | INTERNAL_FIELDS)) + ")"
_TOUCHED = "temp.sync_touched"

_FIELD_CONFLICTS = f"""
INSERT OR IGNORE INTO sync_conflicts (table_name, record_id, field, loser_hlc, kind, winner_hlc)
SELECT o.table_name, o.record_id, o.field, o.hlc, 'field', w.hlc
FROM {_TOUCHED} t
CROSS JOIN sync_fields w ON w.table_name = t.table_name AND w.record_id = t.record_id
CROSS JOIN sync_ops o
  ON o.table_name = w.table_name AND o.record_id = w.record_id AND o.field = w.field
WHERE w.field NOT IN {_QUIET} AND w.field NOT LIKE '%\\_key' ESCAPE '\\'
  AND o.hlc < w.hlc AND o.value <> w.value AND NOT sync_saw(w.base, o.hlc)
  AND NOT (w.field = 'deleted_at' AND o.value <> 'null' AND w.value <> 'null')
  AND NOT EXISTS (
    SELECT 1 FROM sync_ops p
    WHERE p.table_name = o.table_name AND p.record_id = o.record_id AND p.field = o.field
      AND p.hlc <> o.hlc
      AND (sync_saw(p.base, o.hlc) OR (p.value = o.value AND sync_saw(w.base, p.hlc))))
"""

_DELETE_CONFLICTS = f"""
INSERT OR IGNORE INTO sync_conflicts (table_name, record_id, field, loser_hlc, kind, winner_hlc)
SELECT d.table_name, d.record_id, '', max(e.hlc), 'deleted', d.hlc
FROM {_TOUCHED} t
CROSS JOIN sync_fields d ON d.table_name = t.table_name AND d.record_id = t.record_id
CROSS JOIN sync_ops e ON e.table_name = d.table_name AND e.record_id = d.record_id
WHERE ((d.field = '_deleted' AND d.value = 'true')
    OR (d.field = 'deleted_at' AND d.value <> 'null' AND NOT EXISTS (
      SELECT 1 FROM sync_fields r WHERE r.table_name = d.table_name
        AND r.record_id = d.record_id AND r.field = '_deleted' AND r.value = 'true')))
  AND e.field NOT IN ('created_at', 'updated_at', 'deleted_at', '_deleted')
  AND substr(e.hlc, {DEVICE_AT + 1}) <> substr(d.hlc, {DEVICE_AT + 1})
  AND NOT sync_saw(d.rbase, e.hlc) AND NOT sync_saw(e.rbase, d.hlc)
  AND NOT EXISTS (
    SELECT 1 FROM sync_ops x
    WHERE x.table_name = e.table_name AND x.record_id = e.record_id AND x.field = e.field
      AND x.hlc <= d.hlc AND substr(x.hlc, {DEVICE_AT + 1}) = substr(d.hlc, {DEVICE_AT + 1})
      AND x.value = e.value)
GROUP BY d.table_name, d.record_id, d.hlc
"""


def refresh_conflicts(conn: Connection, records: Iterable[tuple[str, str]]) -> None:
    """Work out again the conflicts of these records."""
    touched = list(records)
    if not touched:
        return
    conn.exec_driver_sql(
        "CREATE TEMP TABLE IF NOT EXISTS sync_touched (table_name TEXT, record_id TEXT, "
        "PRIMARY KEY (table_name, record_id)) WITHOUT ROWID"
    )
    conn.exec_driver_sql(f"DELETE FROM {_TOUCHED}")
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.executemany(
            f"INSERT OR IGNORE INTO {_TOUCHED} (table_name, record_id) VALUES (?, ?)", touched
        )
    finally:
        cursor.close()
    conn.exec_driver_sql(
        "DELETE FROM sync_conflicts WHERE EXISTS (SELECT 1 FROM "
        f"{_TOUCHED} t WHERE t.table_name = sync_conflicts.table_name "
        "AND t.record_id = sync_conflicts.record_id)"
    )
    conn.exec_driver_sql(_FIELD_CONFLICTS)
    conn.exec_driver_sql(_DELETE_CONFLICTS)
    conn.exec_driver_sql(f"DELETE FROM {_TOUCHED}")
