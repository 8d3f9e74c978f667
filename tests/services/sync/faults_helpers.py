"""Helpers for the sync fault tests: laptops (real data folders) on one shared folder, a "fresh
process" on the same folder, what a laptop holds, and what the exchange folder says."""

from __future__ import annotations

import json
import os
import shutil
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest

from app.models import Person
from app.services.context import DataFolder
from app.services.people import PersonData
from app.services.registry import Services, build_services
from app.services.sync import ingest
from app.services.sync.exchange import is_clutter
from app.services.sync.tables import synced_tables
from app.services.text import fold


@dataclass
class Pair:
    """Two laptops on one shared folder (replace ``a`` or ``b`` when the program restarts)."""

    a: Services
    b: Services
    shared: Path

    @property
    def root(self) -> Path:
        return self.shared / "Tejido-sync"


def make_pair(base: Path) -> Iterator[Pair]:
    """Laptop A and Laptop B set up on ``base``/shared; closed when the generator ends."""
    shared = base / "shared"
    shared.mkdir()
    world = Pair(laptop(base, "Laptop A", shared), laptop(base, "Laptop B", shared), shared)
    yield world
    close(world.a)
    close(world.b)


class Killed(Exception):
    """Stands for the process dying at that point (every open transaction rolls back)."""


def _empty_database(base: Path) -> Path:
    """A migrated empty database, made once per test session (migrating takes most of the
    time of making a laptop) next to the tests' own temporary folders."""
    template = base.parent / "sync-template" / "tejido.db"
    if not template.exists():
        folder = DataFolder(template.parent.with_name(f"sync-template-{os.getpid()}"))
        folder.root.mkdir(parents=True)
        close_database = build_services(folder).db
        close_database.dispose()
        folder.root.rename(template.parent)
    return template


def laptop(base: Path, name: str, shared: Path) -> Services:
    """A data folder of its own under ``base``, syncing through ``shared`` as ``name``."""
    folder = DataFolder(base / name.replace(" ", "-").lower())
    folder.root.mkdir(parents=True)
    shutil.copyfile(_empty_database(base), folder.database)
    services = build_services(folder)
    services.sync.set_up(shared, name)
    return services


def close(services: Services) -> None:
    services.sync.dispose()
    services.db.dispose()


def reopen(services: Services) -> Services:
    """The program started again on the same data folder (the old one is closed first)."""
    close(services)
    return build_services(DataFolder(services.folder.root))


def exchange(services: Services) -> Path:
    return Path(services.sync.settings().folder)


def add_people(services: Services, *names: str) -> list[str]:
    return [services.people.save(PersonData(full_name=name)).id for name in names]


def add_many(services: Services, *names: str) -> list[str]:
    """Many people in one unit of work (as an import makes them); returns their ids."""
    with services.db.session() as s:
        people = [Person(full_name=name, name_key=fold(name)) for name in names]
        s.add_all(people)
        s.flush()
        return [person.id for person in people]


def live_names(services: Services) -> set[str]:
    with services.db.engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT full_name FROM people WHERE deleted_at IS NULL")
        return {row[0] for row in rows}


def snapshot(services: Services) -> dict[str, list[str]]:
    """Every synced table's rows, comparable between laptops."""
    found: dict[str, list[str]] = {}
    with services.db.engine.connect() as conn:
        for name in synced_tables():
            rows = conn.exec_driver_sql(f'SELECT * FROM "{name}"').fetchall()
            found[name] = sorted(repr(tuple(row)) for row in rows)
    return found


def passes(*laptops: Services, rounds: int = 2) -> None:
    """Every laptop syncs in turn, ``rounds`` times (enough for everything to go round)."""
    for _ in range(rounds):
        for services in laptops:
            services.sync.run_pass()


def assert_same(*laptops: Services) -> None:
    first = snapshot(laptops[0])
    for other in laptops[1:]:
        assert snapshot(other) == first


def log_files(root: Path, device: str | None = None) -> list[Path]:
    """The files in the devices' log folders that are not clutter (segments and copies)."""
    pattern = f"devices/{device or '*'}/log/*"
    return sorted(p for p in root.glob(pattern) if p.is_file() and not is_clutter(p.name))


def header(path: Path) -> dict[str, object]:
    with path.open("rb") as source:
        return json.loads(source.readline())


def assert_no_seq_reused(root: Path) -> None:
    """No two files of one device carry the same sequence number with different content."""
    contents: dict[tuple[str, int], set[str]] = defaultdict(set)
    for path in log_files(root):
        found = header(path)
        contents[(str(found["device"]), int(found["seq"]))].add(str(found["sha256"]))  # type: ignore[arg-type]
    reused = {key: shas for key, shas in contents.items() if len(shas) > 1}
    assert not reused


def assert_published_once(root: Path, device: str) -> None:
    """No operation of ``device`` went out in two of its files."""
    seen: list[tuple[str, ...]] = []
    for path in log_files(root, device):
        body = json.loads(path.read_bytes().partition(b"\n")[2])
        seen += [tuple(op[:4]) for op in body["ops"]]
    assert len(seen) == len(set(seen))


def ops_from(services: Services, author: Services) -> int:
    """How many operations made on ``author`` the laptop ``services`` holds."""
    device = author.sync.settings().device_id
    with services.db.engine.connect() as conn:
        return conn.exec_driver_sql(
            "SELECT count(*) FROM sync_ops WHERE hlc LIKE ?", (f"%.{device}",)
        ).scalar_one()


def later(monkeypatch: pytest.MonkeyPatch, seconds: int = 61) -> None:
    """Time passes for the retry of incomplete files (ingest's clock moves on)."""
    real = ingest.utcnow
    monkeypatch.setattr(ingest, "utcnow", lambda: real() + timedelta(seconds=seconds))


def touch_later(path: Path) -> None:
    """The file arrives again (a new modification time, as a file-sync engine gives it)."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))


def pending(services: Services) -> int:
    return services.sync.status().pending


def own_segments(services: Services) -> list[Path]:
    return log_files(exchange(services), services.sync.settings().device_id)


def relative(services: Services, path: Path) -> str:
    return path.relative_to(exchange(services)).as_posix()


def incomplete_files(services: Services) -> list[str]:
    """The files the sync panel lists as incomplete."""
    return [path for path, _problem, _when in services.sync.status().incomplete]


def one_segment(pair: Pair, people: int = 6) -> tuple[Path, bytes]:
    """Laptop A publishes one file adding ``people`` people; its path and bytes."""
    add_people(pair.a, *(f"Persona {n}" for n in range(people)))
    pair.a.sync.run_pass()
    [path] = own_segments(pair.a)
    return path, path.read_bytes()
