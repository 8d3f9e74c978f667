"""Shared helpers for the benchmarks: timing whole processes, medians, the printed report.

Every benchmark prints its figure, the baseline measured in the same run, and the ratio; the
README's table is copied from these lines.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"


def large_data_folder() -> Path:
    """A data folder with the large example data, made once and reused (benchmarks/results/)."""
    folder = RESULTS / "large-data"
    if not (folder / "tejido.db").exists():
        folder.mkdir(parents=True, exist_ok=True)
        print("building the large example data (once) …", file=sys.stderr)
        subprocess.run(
            [sys.executable, "-m", "app", "demo", "--scale", "large", "--data-dir", str(folder)],
            check=True,
            cwd=ROOT,
        )
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
