"""Publishing this laptop's pending operations as new segments in the exchange folder.

The segment's number and hash are recorded ("publishing") before the file is written, and the
operations are marked published after it is: a crash in between finds its own file at the next
pass and neither loses the operations nor reuses the number.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Connection, Engine

from app.services.sync.exchange import Exchange, encode_segment
from app.services.sync.ingest import record_file
from app.services.sync.ops import Op
from app.services.sync.state import now_text, read_state, update_state
from app.services.sync.values import blob_hash

SEGMENT_OPS = 20_000
Progress = Callable[[int, int], None]


def finish_interrupted(conn: Connection, exchange: Exchange) -> None:
    """Settle a publication a crash interrupted: done if its file exists, else forgotten."""
    rows = conn.exec_driver_sql(
        "SELECT sha256, device_id, seq, summary FROM sync_segments WHERE status = 'publishing'"
    ).fetchall()
    for sha, device, seq, summary in rows:
        path = exchange.log_dir(device) / f"{seq:012d}-{sha[:8]}.json"
        if path.is_file():
            _mark_published(conn, sha, seq, json.loads(summary)["upto"])
        else:
            conn.exec_driver_sql("DELETE FROM sync_segments WHERE sha256 = ?", (sha,))


def export_pending(engine: Engine, exchange: Exchange, progress: Progress | None = None) -> int:
    """Publish every pending operation; returns how many were published."""
    published = 0
    total = None
    while True:
        with engine.begin() as conn:
            if total is None:
                total = conn.exec_driver_sql(
                    "SELECT count(*) FROM sync_ops WHERE pending = 1"
                ).scalar_one()
            planned = _plan(conn)
        if planned is None:
            return published
        device, seq, sha, data, upto, blobs = planned
        for blob in blobs:
            _store_blob(engine, exchange, blob)
        path = exchange.publish(device, seq, data, sha)
        with engine.begin() as conn:
            count = _mark_published(conn, sha, seq, upto)
            _remember_file(conn, exchange, path, sha)
        published += count
        if progress is not None:
            progress(published, total or published)


def _plan(conn: Connection) -> tuple[str, int, str, bytes, list[str], set[str]] | None:
    state = read_state(conn)
    if state is None:
        return None
    rows = conn.exec_driver_sql(
        "SELECT hlc, table_name, record_id, field, value, base, rbase FROM sync_ops "
        "WHERE pending = 1 ORDER BY hlc, table_name, record_id, field LIMIT ?",
        (SEGMENT_OPS,),
    ).fetchall()
    if not rows:
        return None
    ops = [Op(*row) for row in rows]
    seq = state.last_seq + 1
    data, sha = encode_segment(state.device_id, seq, ops)
    upto = list(ops[-1][:4])  # the last operation's key: this segment ends there
    conn.exec_driver_sql(
        "INSERT OR REPLACE INTO sync_segments (sha256, device_id, seq, status, op_count, summary, "
        "path, seen_at) VALUES (?, ?, ?, 'publishing', ?, ?, '', ?)",
        (sha, state.device_id, seq, len(ops), json.dumps({"upto": upto}), now_text()),
    )
    update_state(conn, last_seq=seq)
    blobs = {found for op in ops if (found := blob_hash(op.value))}
    return state.device_id, seq, sha, data, upto, blobs


def _mark_published(conn: Connection, sha: str, seq: int, upto: list[str]) -> int:
    count = conn.exec_driver_sql(
        "UPDATE sync_ops SET pending = 0 WHERE pending = 1 "
        "AND (hlc, table_name, record_id, field) <= (?, ?, ?, ?)",
        tuple(upto),
    ).rowcount
    conn.exec_driver_sql(
        "UPDATE sync_segments SET status = 'own', ingested_at = ? WHERE sha256 = ?",
        (now_text(), sha),
    )
    conn.exec_driver_sql("UPDATE sync_state SET last_seq = max(last_seq, ?) WHERE id = 1", (seq,))
    return count


def _remember_file(conn: Connection, exchange: Exchange, path: Path, sha: str) -> None:
    """Our own file, noted as done: later passes do not read it again."""
    try:
        stat = path.stat()
    except OSError:
        return
    relative = path.relative_to(exchange.root).as_posix()
    record_file(conn, relative, stat.st_size, stat.st_mtime_ns, sha, "")


def _store_blob(engine: Engine, exchange: Exchange, sha: str) -> None:
    if exchange.blob_path(sha).is_file():
        return
    with engine.connect() as conn:
        found = conn.exec_driver_sql(
            "SELECT data FROM attachment_blobs WHERE sha256 = ?", (sha,)
        ).scalar()
    if found is not None:  # gone since: a later operation replaced the value
        exchange.store_blob(sha, bytes(found))
