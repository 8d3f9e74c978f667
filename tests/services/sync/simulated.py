"""Simulated laptops for the sync engine's property tests.

Each laptop is an in-memory SQLite database (copied from one template built once with
``Base.metadata.create_all`` and the capture triggers) with its own wall clock: a shared
"real" time plus a skew, patched into :func:`app.services.sync.clock.now_ms` while the laptop
acts. Laptops change rows with plain SQL and capture the change in the same transaction, as the
program's commit hook does; they publish their pending operations as batches into a list that
stands for the shared folder, and receive any batch in any order, any number of times, exactly
as ``ingest`` applies a segment (capture local changes first, apply, forget the row marks).
"""

from __future__ import annotations

import atexit
import itertools
import random
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from sqlalchemy import Connection, DateTime, Engine, Integer, create_engine, event
from sqlalchemy.pool import StaticPool

from app.db import add_sql_functions
from app.models import Base
from app.services.context import DataFolder, open_database
from app.services.registry import Services, build_services
from app.services.sync import clock
from app.services.sync.capture import capture, install_triggers, mark_everything
from app.services.sync.merge import apply_remote
from app.services.sync.ops import Op
from app.services.sync.service import EXCHANGE_PREFIX
from app.services.sync.tables import synced_tables

# Real files on a memory disk when there is one: the program fsyncs every write.
FAST_DISK = "/dev/shm" if Path("/dev/shm").is_dir() else None
EPOCH_MS = 1_764_300_000_000  # late November 2025
DAY_MS = 86_400_000


def _engine_over(raw: sqlite3.Connection) -> Engine:
    """An engine on one raw connection that emits BEGIN itself (as app/db.py does)."""
    raw.isolation_level = None
    add_sql_functions(raw)
    engine = create_engine("sqlite://", creator=lambda: raw, poolclass=StaticPool)

    @event.listens_for(engine, "begin")
    def _begin(connection) -> None:  # type: ignore[no-untyped-def]
        connection.exec_driver_sql("BEGIN")

    return engine


@cache
def _template() -> sqlite3.Connection:
    raw = sqlite3.connect(":memory:", check_same_thread=False)
    engine = _engine_over(raw)
    Base.metadata.create_all(engine)
    with engine.begin() as conn:
        install_triggers(conn)
    return raw


@contextmanager
def wall_clock(now_ms: Callable[[], int]) -> Iterator[None]:
    """The sync clock reads ``now_ms`` as the wall clock while this lasts."""
    original = clock.now_ms
    clock.now_ms = now_ms
    try:
        yield
    finally:
        clock.now_ms = original


def device_id(index: int) -> str:
    return f"00000000-0000-4000-8000-{index:012d}"


@dataclass
class Batch:
    """What one laptop published at once (a segment, without the file)."""

    device: str
    seq: int
    ops: tuple[Op, ...]


@dataclass
class Laptop:
    index: int
    skew_ms: int
    engine: Engine
    seq: int = 0

    @property
    def device(self) -> str:
        return device_id(self.index)


@dataclass
class World:
    """Some laptops, a shared "real" time, and the batches published so far."""

    laptops: list[Laptop]
    now: int = EPOCH_MS
    folder: list[Batch] = field(default_factory=list)

    @classmethod
    def make(cls, skews: list[int]) -> World:
        laptops = []
        for index, skew in enumerate(skews):
            raw = sqlite3.connect(":memory:", check_same_thread=False)
            _template().backup(raw)
            engine = _engine_over(raw)
            with engine.begin() as conn:
                conn.exec_driver_sql(
                    "INSERT INTO sync_state (id, enabled, device_id, device_name, folder, clock, "
                    "last_seq, schema, last_summary) VALUES (1, 1, ?, ?, '', '', 0, '', '{}')",
                    (device_id(index), f"Laptop {index}"),
                )
            laptops.append(Laptop(index, skew, engine))
        return cls(laptops)

    def wall(self, laptop: Laptop) -> int:
        return self.now + laptop.skew_ms

    def wall_text(self, laptop: Laptop) -> str:
        moment = datetime.fromtimestamp(self.wall(laptop) / 1000, UTC)
        return moment.strftime("%Y-%m-%d %H:%M:%S.%f")

    @contextmanager
    def acting(self, laptop: Laptop) -> Iterator[Connection]:
        """A transaction of ``laptop``, with its own wall clock while it lasts."""
        with wall_clock(lambda: self.wall(laptop)), laptop.engine.begin() as conn:
            yield conn

    # -- local changes, captured in their own transaction ---------------------------------

    def exists(self, laptop: Laptop, table: str, record: str) -> bool:
        key = synced_tables()[table].key
        with laptop.engine.connect() as conn:
            found = conn.exec_driver_sql(
                f'SELECT 1 FROM "{table}" WHERE "{key}" = ?', (record,)
            ).fetchone()
        return found is not None

    def write(self, laptop: Laptop, table: str, record: str, values: dict[str, object]) -> None:
        """Update the record, or create it (every required column filled) when it is not here."""
        with self.acting(laptop) as conn:
            values = {**values, "updated_at": self.wall_text(laptop)}
            key = synced_tables()[table].key
            sets = ", ".join(f'"{c}" = ?' for c in values)
            done = conn.exec_driver_sql(
                f'UPDATE "{table}" SET {sets} WHERE "{key}" = ?', (*values.values(), record)
            ).rowcount
            if not done:
                row = {**self._filled(laptop, table), **values, key: record}
                names = ", ".join(f'"{c}"' for c in row)
                marks = ", ".join("?" for _ in row)
                conn.exec_driver_sql(
                    f'INSERT INTO "{table}" ({names}) VALUES ({marks})', tuple(row.values())
                )
            capture(conn)

    def _filled(self, laptop: Laptop, table: str) -> dict[str, object]:
        row: dict[str, object] = {}
        for column in Base.metadata.tables[table].columns:
            if column.nullable or column.primary_key:
                continue
            default = column.default
            if default is not None and default.is_scalar:
                row[column.name] = default.arg
            elif isinstance(column.type, DateTime):
                row[column.name] = self.wall_text(laptop)
            elif isinstance(column.type, Integer):
                row[column.name] = 0
            else:
                row[column.name] = "[]" if column.type.__class__.__name__ == "JSON" else ""
        return row

    def sql(self, laptop: Laptop, statement: str, params: tuple[object, ...] = ()) -> None:
        """Any statement, captured as the program's commit hook would."""
        with self.acting(laptop) as conn:
            conn.exec_driver_sql(statement, params)
            capture(conn)

    # -- the shared folder ----------------------------------------------------------------

    def publish(self, laptop: Laptop) -> Batch | None:
        """The laptop's pending operations as the next batch in the folder."""
        with laptop.engine.begin() as conn:
            rows = conn.exec_driver_sql(
                "SELECT hlc, table_name, record_id, field, value, base, rbase FROM sync_ops "
                "WHERE pending = 1 ORDER BY hlc, table_name, record_id, field"
            ).fetchall()
            if not rows:
                return None
            conn.exec_driver_sql("UPDATE sync_ops SET pending = 0 WHERE pending = 1")
        laptop.seq += 1
        batch = Batch(laptop.device, laptop.seq, tuple(Op(*row) for row in rows))
        self.folder.append(batch)
        return batch

    def receive(self, laptop: Laptop, ops: tuple[Op, ...] | list[Op]) -> None:
        """Apply operations as ingest applies a segment."""
        with self.acting(laptop) as conn:
            capture(conn)
            apply_remote(conn, list(ops))
            conn.exec_driver_sql("DELETE FROM sync_dirty")

    def recapture_everything(self, laptop: Laptop) -> int:
        """Compare every row with its merged fields; the operations that would make (none when
        the rows are exactly what the merged fields say)."""
        with self.acting(laptop) as conn:
            mark_everything(conn)
            return capture(conn)


def snapshot(engine: Engine) -> dict[str, list[tuple[object, ...]]]:
    """Everything that must be the same on every laptop: the programme rows, the merged fields,
    the operations and the open conflicts."""
    found: dict[str, list[tuple[object, ...]]] = {}
    with engine.connect() as conn:
        for name, table in synced_tables().items():
            rows = conn.exec_driver_sql(f'SELECT * FROM "{name}" ORDER BY "{table.key}"').fetchall()
            if rows:
                found[name] = [tuple(r) for r in rows]
        found["sync_fields"] = _all(
            conn, "SELECT table_name, record_id, field, value, hlc, base, rbase FROM sync_fields"
        )
        found["sync_ops"] = _all(
            conn, "SELECT hlc, table_name, record_id, field, value, base, rbase FROM sync_ops"
        )
        found["sync_conflicts"] = _all(conn, "SELECT * FROM sync_conflicts")
    return found


def _all(conn: Connection, statement: str) -> list[tuple[object, ...]]:
    return sorted(tuple(r) for r in conn.exec_driver_sql(statement))


# -- real laptops: data folders of the program, each with its own copy of the shared folder ----

# How file-sync programs name a second copy of a file (Dropbox, Syncthing, OneDrive).
COPY_NAMES = (
    "{stem} (Laptop B's conflicted copy 2025-11-29){suffix}",
    "{stem}.sync-conflict-20251129-101010-ABCDEFG{suffix}",
    "{stem}-LAPTOP-B{suffix}",
)


@cache
def _migrated_database() -> Path:
    """A freshly migrated database, made once: new data folders start from a copy of it."""
    base = Path(tempfile.mkdtemp(dir=FAST_DISK))
    atexit.register(shutil.rmtree, base, True)
    folder = DataFolder(base)
    open_database(folder).dispose()
    return folder.database


def new_laptop(root: Path) -> Services:
    """The program on a new data folder (migrated, sync not set up yet)."""
    folder = DataFolder(root)
    folder.root.mkdir()
    shutil.copy2(_migrated_database(), folder.database)
    return build_services(folder)


@dataclass
class Office:
    """Laptops running the program on their own data folders; each sees its own replica of the
    shared folder, which a simulated file-sync program copies between, late and in any order."""

    laptops: list[Services]
    replicas: list[Path]  # each laptop's exchange folder
    skews: list[int]

    @classmethod
    def make(cls, base: Path, skews: list[int]) -> Office:
        laptops, replicas = [], []
        for index, skew in enumerate(skews):
            shared = base / f"shared{index}"
            if replicas:  # the exchange folder the first laptop made, as the file sync copied it
                (shared / EXCHANGE_PREFIX).mkdir(parents=True)
                shutil.copy2(replicas[0] / "FORMAT.json", shared / EXCHANGE_PREFIX)
            else:
                shared.mkdir()
            services = new_laptop(base / f"laptop{index}")
            with wall_clock(lambda skew=skew: time.time_ns() // 1_000_000 + skew):
                services.sync.set_up(shared, f"Laptop {index}")
            laptops.append(services)
            replicas.append(shared / EXCHANGE_PREFIX)
        return cls(laptops, replicas, skews)

    @contextmanager
    def acting(self, index: int) -> Iterator[Services]:
        skew = self.skews[index]
        with wall_clock(lambda: time.time_ns() // 1_000_000 + skew):
            yield self.laptops[index]

    def copy_files(self, source: int, target: int, rng: random.Random) -> None:
        """Some of the files of one replica appear in another, some twice under other names."""
        files = [p for p in (self.replicas[source] / "devices").rglob("*") if p.is_file()]
        for path in rng.sample(sorted(files), rng.randint(0, len(files))):
            there = self.replicas[target] / path.relative_to(self.replicas[source])
            if path.parent.name == "log" and there.exists() and rng.random() < 0.3:
                name = rng.choice(COPY_NAMES).format(stem=path.stem, suffix=path.suffix)
                there = there.with_name(name)
            _copy_if_newer(path, there)

    def copy_everything(self) -> None:
        for source, target in itertools.permutations(range(len(self.replicas)), 2):
            for path in (self.replicas[source] / "devices").rglob("*"):
                if path.is_file():
                    _copy_if_newer(
                        path, self.replicas[target] / path.relative_to(self.replicas[source])
                    )

    def close(self) -> None:
        for services in self.laptops:
            services.sync.dispose()
            services.db.dispose()


def _copy_if_newer(path: Path, there: Path) -> None:
    if not there.exists() or there.stat().st_mtime_ns < path.stat().st_mtime_ns:
        there.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, there)
