"""Shared helpers for the benchmarks: timing whole processes, medians, the printed report.

Every benchmark prints its figure, the baseline measured in the same run, and the ratio; the
README's table is copied from these lines.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"


def demo_fingerprint() -> str:
    """A hash of what shapes the large data: the demo generator and the models/migrations."""
    digest = hashlib.sha256()
    sources = sorted((ROOT / "app" / "services" / "demo").glob("*.py"))
    sources += sorted((ROOT / "app" / "models").rglob("*.py"))
    for path in sources:
        digest.update(path.relative_to(ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def large_data_folder() -> Path:
    """A data folder with the large example data, made once and reused (benchmarks/results/).

    It is made again when the demo generator or the schema changed since it was made (a
    fingerprint of their code is kept beside the data), so benchmarks never run on stale data.
    It is built in a temporary folder and swapped in whole, so a failed build leaves nothing.
    """
    folder = RESULTS / "large-data"
    stamp = folder / "demo-fingerprint"
    fingerprint = demo_fingerprint()
    if (folder / "tejido.db").exists() and stamp.exists() and stamp.read_text() == fingerprint:
        return folder
    RESULTS.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix="large-data-", dir=RESULTS))
    print("building the large example data …", file=sys.stderr)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "app", "demo", "--scale", "large", "--data-dir", str(building)],
        check=True,
        cwd=ROOT,
    )
    print(f"built in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    (building / "demo-fingerprint").write_text(fingerprint)
    if folder.exists():
        old = folder.with_name(f"{folder.name}-old-{os.getpid()}")
        folder.rename(old)
        shutil.rmtree(old)
    building.rename(folder)
    return folder


def run_process(args: list[str], env: dict[str, str] | None = None) -> tuple[float, int]:
    """Run a process to its end; returns (seconds, peak resident memory in bytes)."""
    start = time.perf_counter()
    process = subprocess.Popen(args, cwd=ROOT, env=env)
    _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{args} exited with {process.returncode}")
    return elapsed, usage.ru_maxrss * 1024


def median(values: list[float]) -> float:
    return statistics.median(values)


def report(name: str, figure: float, baseline: float, unit: str, target: str) -> None:
    ratio = figure / baseline if baseline else float("inf")
    print(
        f"{name}: {figure:.3f} {unit} | baseline {baseline:.3f} {unit} | "
        f"ratio {ratio:.2f}x | target {target}"
    )
