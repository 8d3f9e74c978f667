"""The ``sync`` section of ``tejido export-data``: this laptop's sync state, not programme data.

It says how this laptop syncs (its settings, the laptops it has seen on the exchange folder, the
open conflicts by table, record and field) and never a value: the operations (``sync_ops``) and
merged fields (``sync_fields``) carry every value, confidential mentoring notes included, so they
are not read here at all. Documented in docs/export-format.md.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import SyncConflict, SyncDevice, SyncState
from app.services.export_directory import stamp

# The sync tables this section reads; every other sync_* table stays out of the export.
SYNC_TABLES = ("sync_state", "sync_devices", "sync_conflicts")


def sync_section(s: Session) -> dict[str, object]:
    """This laptop's sync settings, the laptops known and the open conflicts (no values)."""
    state = s.execute(
        select(
            SyncState.enabled, SyncState.folder, SyncState.device_name, SyncState.device_id
        ).where(SyncState.id == 1)
    ).first()
    return {
        "enabled": bool(state.enabled) if state else False,
        "folder": state.folder if state else None,
        "device_name": state.device_name if state else None,
        "device_id": state.device_id if state else None,
        "devices": _devices(s),
        "conflicts": _conflicts(s),
    }


def _devices(s: Session) -> list[dict[str, object]]:
    rows = s.execute(
        select(SyncDevice.device_id, SyncDevice.name, SyncDevice.last_seen).order_by(
            SyncDevice.name, SyncDevice.device_id
        )
    )
    return [{"id": id_, "name": name, "last_seen": stamp(seen)} for id_, name, seen in rows]


def _conflicts(s: Session) -> list[dict[str, object]]:
    """One entry per conflicting field (or deleted record), however many values lost."""
    rows = s.execute(
        select(
            SyncConflict.table_name, SyncConflict.record_id, SyncConflict.field, SyncConflict.kind
        )
        .distinct()
        .order_by(SyncConflict.table_name, SyncConflict.record_id, SyncConflict.field)
    )
    return [
        {"table": table, "record_id": record, "field": field or None, "kind": kind}
        for table, record, field, kind in rows
    ]
