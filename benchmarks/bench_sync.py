"""Sync: ingesting 100,000 field operations from another laptop, and a pass with nothing new.

Laptop A (a data folder with sync set up) receives about 5,300 people written in bulk; its
first pass records them as 100,000 field operations and publishes them as segments in a shared
folder. Laptop B, a fresh data folder set up on the same shared folder before the clock starts,
then runs one pass that reads, verifies and applies them all (field clocks, rows, conflicts).

Baseline: the same 100,000 operations inserted as rows, in one transaction, into a plain table
of an SQLite database with Tejido's connection settings (``executemany``, nothing else).
Target: ingest ≤ 15× the baseline; a pass with nothing new ≤ 100 ms (median and p95 printed).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert

from app.db import make_engine
from app.models import Person, new_id, utcnow
from app.services.context import DataFolder
from app.services.registry import Services, build_services
from benchmarks.common import median, report

OPERATIONS, RUNS, EMPTY_PASSES = 100_000, 3, 30


def laptop(root: Path, shared: Path, name: str) -> Services:
    root.mkdir()
    services = build_services(DataFolder(root))
    services.sync.set_up(shared, name)
    return services


def fill(services: Services) -> int:
    """People in bulk until their capture makes OPERATIONS field operations."""
    fields = len(Person.__table__.columns)
    count = OPERATIONS // fields + 1
    now = utcnow()
    rows = [
        {
            "id": new_id(),
            "full_name": f"Persona {i}",
            "given_name": "Persona",
            "family_name": str(i),
            "name_key": f"persona {i}",
            "gender": "female" if i % 2 else "male",
            "birth_year": 1950 + i % 50,
            "email": f"persona{i}@example.org",
            "phone": f"6{i:08d}",
            "phone_key": f"6{i:08d}",
            "preferred_language": "es",
            "expertise": "Gestión de voluntariado y redes vecinales",
            "interests": "Formación, mentoría",
            "accessibility_needs": "",
            "notes": "Participa en el foro desde 2024.",
            "created_at": now,
            "updated_at": now,
        }
        for i in range(count)
    ]
    with services.db.session() as s:
        s.execute(insert(Person.__table__), rows)
    services.sync.run_pass()
    with services.db.engine.connect() as conn:
        return conn.exec_driver_sql("SELECT count(*) FROM sync_ops").scalar_one()


def baseline(work: Path, ops: list[tuple[str, ...]]) -> float:
    path = work / f"raw-{time.monotonic_ns()}.db"
    engine = make_engine(path)
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "CREATE TABLE ops (hlc TEXT, table_name TEXT, record_id TEXT, field TEXT, "
            "value TEXT, base TEXT, rbase TEXT)"
        )
    start = time.perf_counter()
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO ops VALUES (?, ?, ?, ?, ?, ?, ?)", ops)
    elapsed = time.perf_counter() - start
    engine.dispose()
    return elapsed


def main() -> None:
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        shared = work / "shared"
        shared.mkdir()
        a = laptop(work / "a", shared, "Laptop A")
        count = fill(a)
        with a.db.engine.connect() as conn:
            ops = conn.exec_driver_sql(
                "SELECT hlc, table_name, record_id, field, value, base, rbase FROM sync_ops"
            ).fetchall()
        ingest_times, raw_times = [], []
        b = None
        for run in range(RUNS):
            b = laptop(work / f"b{run}", shared, f"Laptop B{run}")
            start = time.perf_counter()
            result = b.sync.run_pass()
            ingest_times.append(time.perf_counter() - start)
            assert result.operations == count, (result.operations, count)
            raw_times.append(baseline(work, [tuple(o) for o in ops]))
        assert b is not None
        empty = []
        for _ in range(EMPTY_PASSES):
            start = time.perf_counter()
            b.sync.run_pass()
            empty.append(time.perf_counter() - start)
    print(f"field operations: {count:,}", file=sys.stderr)
    report(
        "sync ingest 100,000 field operations",
        median(ingest_times),
        median(raw_times),
        "s",
        "<= 15x",
    )
    p95 = statistics.quantiles(empty, n=20)[-1]
    print(
        f"sync pass with nothing new: median {median(empty) * 1000:.1f} ms, "
        f"p95 {p95 * 1000:.1f} ms | target <= 100 ms"
    )


if __name__ == "__main__":
    main()
