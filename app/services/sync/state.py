"""Reading and writing this laptop's sync state row and its clock, on a raw connection."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection

from app.models import utcnow
from app.services.sync import clock


def now_text() -> str:
    """Now in UTC as SQLAlchemy stores datetimes in SQLite (for raw statements)."""
    return utcnow().strftime("%Y-%m-%d %H:%M:%S.%f")


@dataclass(frozen=True, slots=True)
class State:
    enabled: bool
    device_id: str
    device_name: str
    folder: str
    clock: str
    last_seq: int
    schema: str


_COLUMNS = "enabled, device_id, device_name, folder, clock, last_seq, schema"


def read_state(conn: Connection) -> State | None:
    row = conn.exec_driver_sql(f"SELECT {_COLUMNS} FROM sync_state WHERE id = 1").fetchone()
    if row is None:
        return None
    return State(bool(row[0]), *row[1:])


def update_state(conn: Connection, **values: object) -> None:
    assignments = ", ".join(f"{name} = ?" for name in values)
    conn.exec_driver_sql(
        f"UPDATE sync_state SET {assignments} WHERE id = 1", tuple(values.values())
    )


def next_stamp(conn: Connection, state: State) -> str:
    """A new stamp of this laptop, saved as the clock in the same transaction."""
    stamp = clock.tick(state.clock, state.device_id)
    update_state(conn, clock=stamp)
    return stamp


def observe(conn: Connection, latest_remote: str) -> None:
    """Move the clock past a stamp read from another laptop."""
    conn.exec_driver_sql(
        "UPDATE sync_state SET clock = ? WHERE id = 1 AND clock < ?",
        (latest_remote, latest_remote),
    )
