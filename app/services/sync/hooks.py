"""How sync follows this laptop's writes and its identity: the commit hook that records every
unit of work's changes, and the checks that tell a restored or copied laptop."""

from __future__ import annotations

import uuid

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from app.services.sync.capture import capture
from app.services.sync.exchange import Exchange
from app.services.sync.state import State


def new_device_id() -> str:
    """A laptop's id: 12 hex digits (48 random bits) are plenty among one organisation's
    laptops, and every stamp carries it three times, so it is kept short."""
    return uuid.uuid4().hex[:12]


def remember_changes(session: Session, _transaction: object, connection: Connection) -> None:
    session.info["sync_changes"] = connection.connection.dbapi_connection.total_changes  # type: ignore[union-attr]


def capture_on_commit(session: Session) -> None:
    """Record this session's changes as operations, in its own transaction."""
    if "sync_changes" not in session.info:
        return
    session.flush()
    connection = session.connection()
    if connection.connection.dbapi_connection.total_changes == session.info["sync_changes"]:  # type: ignore[union-attr]
        return
    capture(connection)


def outrun(exchange: Exchange, state: State) -> bool:
    """This laptop's own status file tells of more files than it wrote: another copy of it
    wrote them (the laptop before an old backup was put back, or a cloned data folder), even
    if those files have not arrived yet. Going on would publish a number already used."""
    status = exchange.read_json(exchange.device_dir(state.device_id) / "status.json") or {}
    seq = status.get("seq")
    return isinstance(seq, int) and not isinstance(seq, bool) and seq > state.last_seq
