"""Reading the other laptops' segments and applying them, each in one transaction.

Files are recognised by their content hash, not their name. A file that does not parse or verify
yet (still being copied, cut short, damaged) is "incomplete": tried again later, never deleted. A
segment that would delete many records here waits for a person to review it.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine

from app.models import utcnow
from app.services.sync.capture import capture
from app.services.sync.exchange import Exchange, Segment, Unreadable, decode_segment, read_header
from app.services.sync.merge import apply_remote
from app.services.sync.ops import Op, chunks, marks
from app.services.sync.state import now_text
from app.services.sync.tables import REMOVED, TRASHED

LARGE_DELETION = 50  # records deleted by one file before a person is asked
RETRY_AFTER = timedelta(seconds=60)
Progress = Callable[[int, int], None]


@dataclass
class IngestResult:
    ingested: int = 0  # segments applied
    operations: int = 0
    brought: Counter[str] = field(default_factory=Counter)  # records changed, by table
    incomplete: list[tuple[str, str]] = field(default_factory=list)  # (file, problem)
    review: list[str] = field(default_factory=list)  # segment hashes held for a person
    foreign_own: bool = False  # files of our own id we did not write: restored or cloned


@dataclass(frozen=True, slots=True)
class _Candidate:
    relative: str
    path: Path
    size: int
    mtime_ns: int
    device: str
    seq: int
    sha: str


def ingest(
    engine: Engine,
    exchange: Exchange,
    me: str,
    approved: frozenset[str] = frozenset(),
    progress: Progress | None = None,
) -> IngestResult:
    result = IngestResult()
    candidates = _candidates(engine, exchange, me, approved, result)
    for done, copies in enumerate(candidates, start=1):
        for item in copies:  # one content under several names: the first copy that reads whole
            if _ingest_one(engine, exchange, item, approved, result):
                others = [c for c in copies if c is not item]
                if others:  # the same content: nothing more to wait for under those names
                    with engine.begin() as conn:
                        for other in others:
                            record_file(
                                conn, other.relative, other.size, other.mtime_ns, other.sha, ""
                            )
                break
        if progress is not None:
            progress(done, len(candidates))
    return result


def _candidates(
    engine: Engine, exchange: Exchange, me: str, approved: frozenset[str], result: IngestResult
) -> list[list[_Candidate]]:
    """The files to apply, grouped by content (copies under other names), in sequence order."""
    files, segments = _known(engine)
    now = utcnow()
    found: list[_Candidate] = []
    seen: set[str] = set()
    notes: list[tuple[str, int, int, str | None, str]] = []  # written in one transaction
    for path, stat in exchange.segment_files():
        relative = path.relative_to(exchange.root).as_posix()
        seen.add(relative)
        known = files.get(relative)
        unchanged = known is not None and known[:2] == (stat.st_size, stat.st_mtime_ns)
        if unchanged and known[2] == "done":
            continue
        if unchanged and known[2] == "incomplete" and now - _when(known[3]) < RETRY_AFTER:
            result.incomplete.append((relative, known[4] or ""))
            continue
        try:
            header = read_header(path)
        except Unreadable as problem:
            notes.append((relative, stat.st_size, stat.st_mtime_ns, None, str(problem)))
            result.incomplete.append((relative, str(problem)))
            continue
        sha, device, seq = str(header["sha256"]), header.get("device"), header.get("seq")
        status = segments.get(sha)
        if status in ("own", "ingested", "publishing"):
            notes.append((relative, stat.st_size, stat.st_mtime_ns, sha, ""))
            continue
        if not isinstance(device, str) or not isinstance(seq, int):
            notes.append((relative, stat.st_size, stat.st_mtime_ns, None, "no device"))
            result.incomplete.append((relative, "no device"))
            continue
        if device == me:
            result.foreign_own = True
        if status == "review" and sha not in approved:
            result.review.append(sha)
            continue
        found.append(_Candidate(relative, path, stat.st_size, stat.st_mtime_ns, device, seq, sha))
    if notes:
        with engine.begin() as conn:
            for note in notes:
                record_file(conn, *note)
    _forget_gone(engine, files, seen)
    copies: dict[str, list[_Candidate]] = {}
    for item in sorted(found, key=lambda c: (c.device, c.seq, c.relative)):
        copies.setdefault(item.sha, []).append(item)
    return sorted(copies.values(), key=lambda group: (group[0].device, group[0].seq))


def _known(engine: Engine) -> tuple[dict[str, tuple[Any, ...]], dict[str, str]]:
    """The files seen before (by path) and the segments known (by hash), with their status."""
    with engine.connect() as conn:
        files = {
            row[0]: tuple(row[1:])
            for row in conn.exec_driver_sql(
                "SELECT path, size, mtime_ns, status, last_try, problem FROM sync_files"
            )
        }
        segments = dict(conn.exec_driver_sql("SELECT sha256, status FROM sync_segments").fetchall())
    return files, segments


def _forget_gone(engine: Engine, files: dict[str, tuple[Any, ...]], seen: set[str]) -> None:
    """Incomplete files no longer in the folder (a damaged copy someone removed) stop being
    reported as waiting."""
    gone = [(path,) for path, known in files.items() if known[2] == "incomplete"]
    gone = [row for row in gone if row[0] not in seen]
    if gone:
        with engine.begin() as conn:
            conn.exec_driver_sql("DELETE FROM sync_files WHERE path = ?", gone)


def _when(value: object) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def _ingest_one(
    engine: Engine,
    exchange: Exchange,
    item: _Candidate,
    approved: frozenset[str],
    result: IngestResult,
) -> bool:
    """Apply one file; False when it could not be read whole (another copy may be tried)."""
    try:
        segment = decode_segment(item.path.read_bytes())
    except (OSError, Unreadable) as problem:
        _note_file(engine, item.relative, item.size, item.mtime_ns, None, str(problem))
        result.incomplete.append((item.relative, str(problem)))
        return False
    try:
        with engine.begin() as conn:
            if item.sha not in approved and _is_large(conn, segment):
                _hold(conn, item, segment)
                result.review.append(item.sha)
                return True
            capture(conn)  # local changes first, with their own stamp
            changed: Counter[str] = Counter()
            apply_remote(conn, segment.ops, exchange.read_blob, changed)
            conn.exec_driver_sql("DELETE FROM sync_dirty")
            conn.exec_driver_sql(
                "INSERT OR REPLACE INTO sync_segments (sha256, device_id, seq, status, op_count, "
                "summary, path, seen_at, ingested_at) VALUES (?, ?, ?, 'ingested', ?, ?, ?, ?, ?)",
                (
                    segment.sha256,
                    segment.device,
                    segment.seq,
                    len(segment.ops),
                    json.dumps(dict(+changed)),
                    item.relative,
                    now_text(),
                    now_text(),
                ),
            )
            record_file(conn, item.relative, item.size, item.mtime_ns, segment.sha256, "")
    except (Unreadable, ValueError) as problem:  # an attachment not copied yet, a bad value
        _note_file(engine, item.relative, item.size, item.mtime_ns, None, str(problem))
        result.incomplete.append((item.relative, str(problem)))
        return True  # the same for every copy
    result.ingested += 1
    result.operations += len(segment.ops)
    result.brought.update(+changed)
    return True


def deletions(conn: Connection, ops: list[Op]) -> Counter[str]:
    """Records live here that these operations would delete, by table."""
    wanted: dict[str, set[str]] = {}
    for op in ops:
        if (op.field == REMOVED and op.value == "true") or (
            op.field == TRASHED and op.value != "null"
        ):
            wanted.setdefault(op.table, set()).add(op.record)
    found: Counter[str] = Counter()
    for table, ids in wanted.items():
        for chunk in chunks(sorted(ids)):
            live = conn.exec_driver_sql(
                "SELECT count(*) FROM sync_fields f WHERE f.table_name = ? "
                f"AND f.record_id IN ({marks(len(chunk))}) AND f.field = 'id' "
                "AND NOT EXISTS (SELECT 1 FROM sync_fields g WHERE g.table_name = f.table_name "
                "AND g.record_id = f.record_id AND ((g.field = '_deleted' AND g.value = 'true') "
                "OR (g.field = 'deleted_at' AND g.value <> 'null')))",
                (table, *chunk),
            ).scalar_one()
            if live:
                found[table] += live
    return found


def _is_large(conn: Connection, segment: Segment) -> bool:
    return sum(deletions(conn, segment.ops).values()) >= LARGE_DELETION


def _hold(conn: Connection, item: _Candidate, segment: Segment) -> None:
    conn.exec_driver_sql(
        "INSERT OR REPLACE INTO sync_segments (sha256, device_id, seq, status, op_count, "
        "summary, path, seen_at) VALUES (?, ?, ?, 'review', ?, ?, ?, ?)",
        (
            segment.sha256,
            segment.device,
            segment.seq,
            len(segment.ops),
            json.dumps(dict(deletions(conn, segment.ops))),
            item.relative,
            now_text(),
        ),
    )


def record_file(
    conn: Connection, relative: str, size: int, mtime_ns: int, sha: str | None, problem: str
) -> None:
    status = "incomplete" if problem else "done"
    now = now_text()
    conn.exec_driver_sql(
        "INSERT INTO sync_files (path, size, mtime_ns, sha256, status, problem, first_seen, "
        "last_try) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (path) DO UPDATE SET "
        "size = excluded.size, mtime_ns = excluded.mtime_ns, sha256 = excluded.sha256, "
        "status = excluded.status, problem = excluded.problem, last_try = excluded.last_try",
        (relative, size, mtime_ns, sha, status, problem, now, now),
    )


def _note_file(
    engine: Engine, relative: str, size: int, mtime_ns: int, sha: str | None, problem: str
) -> None:
    with engine.begin() as conn:
        record_file(conn, relative, size, mtime_ns, sha, problem)
