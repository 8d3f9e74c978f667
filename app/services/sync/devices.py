"""The laptops on an exchange folder: this one's status file, and what the others' say."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection

from app import __version__
from app.services.sync import clock
from app.services.sync.exchange import Exchange
from app.services.sync.state import read_state

CLOCK_WARNING_S = 10 * 60  # a laptop whose clock is this far ahead is pointed out


@dataclass(frozen=True, slots=True)
class DeviceInfo:
    device_id: str
    name: str
    last_seen: datetime | None  # UTC, naive
    clock_ahead_s: int  # > 0: that laptop's clock is ahead of this one's by at least this
    last_seq: int
    is_this: bool


def write_status(conn: Connection, exchange: Exchange) -> None:
    state = read_state(conn)
    assert state is not None
    acks = dict(
        conn.exec_driver_sql(
            "SELECT device_id, max(seq) FROM sync_segments WHERE status = 'ingested' "
            "GROUP BY device_id"
        ).fetchall()
    )
    exchange.write_status(
        state.device_id,
        {
            "device": state.device_id,
            "name": state.device_name,
            "seq": state.last_seq,
            "clock_ms": clock.now_ms(),
            "hlc": state.clock,
            "app_version": __version__,
            "acks": acks,
        },
    )


def refresh_devices(conn: Connection, exchange: Exchange) -> list[DeviceInfo]:
    """Read every laptop's files into ``sync_devices`` and return them."""
    state = read_state(conn)
    assert state is not None
    now = clock.now_ms()
    for device in exchange.devices():
        info = exchange.read_json(exchange.device_dir(device) / "device.json") or {}
        status = exchange.read_json(exchange.device_dir(device) / "status.json") or {}
        name = status.get("name") or info.get("name") or ""
        written = status.get("clock_ms")
        seen = ahead = None
        if isinstance(written, int):
            ahead = max(0, (written - now) // 1000)
            seen = datetime.fromtimestamp(min(written, now) / 1000, UTC).replace(tzinfo=None)
        seq = status.get("seq") if isinstance(status.get("seq"), int) else 0
        conn.exec_driver_sql(
            "INSERT INTO sync_devices (device_id, name, app_version, last_seen, clock_ahead_s, "
            "last_seq) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (device_id) DO UPDATE SET "
            "name = excluded.name, app_version = excluded.app_version, "
            "last_seen = coalesce(excluded.last_seen, sync_devices.last_seen), "
            "clock_ahead_s = excluded.clock_ahead_s, last_seq = excluded.last_seq",
            (
                device,
                str(name)[:100],
                str(status.get("app_version") or info.get("app_version") or "")[:40],
                seen.strftime("%Y-%m-%d %H:%M:%S.%f") if seen else None,
                int(ahead or 0),
                seq,
            ),
        )
    return list_devices(conn, state.device_id, set(exchange.devices()))


def list_devices(conn: Connection, me: str, present: set[str] | None = None) -> list[DeviceInfo]:
    rows = conn.exec_driver_sql(
        "SELECT device_id, name, last_seen, clock_ahead_s, last_seq FROM sync_devices "
        "ORDER BY name, device_id"
    ).fetchall()
    found = []
    for device, name, seen, ahead, seq in rows:
        if present is not None and device not in present:
            continue
        when = datetime.fromisoformat(seen) if isinstance(seen, str) else seen
        found.append(DeviceInfo(device, name, when, int(ahead or 0), int(seq or 0), device == me))
    return found


def device_names(conn: Connection) -> dict[str, str]:
    return dict(conn.exec_driver_sql("SELECT device_id, name FROM sync_devices").fetchall())
