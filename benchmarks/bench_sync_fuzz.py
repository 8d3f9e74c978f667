"""The three-laptop sync fuzzer of tests/services/sync/test_fuzzer.py, longer and over many
seeds: each run is three data folders, a faulty simulated file-sync engine between their copies
of the shared folder, random edits and passes, then everything delivered and compared.

    .venv/bin/python -m benchmarks.bench_sync_fuzz [--seeds 20] [--first 1] [--steps 400]
        [--calm] [--all] [--keep]

Prints one line per seed (time, edits, passes, conflicts, file faults) and a summary; a seed
that does not converge is printed with the difference found and makes the exit status 1. Runs
in /dev/shm when there is one (every commit and file is flushed to disk otherwise).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

from tests.services.sync.file_sync_engine import CALM, Faults
from tests.services.sync.test_fuzzer import KNOWN_BUGS, run_fuzz


def _scratch() -> Path:
    memory = Path("/dev/shm")
    where = memory if memory.is_dir() and os.access(memory, os.W_OK) else None
    return Path(tempfile.mkdtemp(prefix="tejido-fuzz-", dir=where))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--first", type=int, default=1)
    parser.add_argument("--steps", type=int, default=400)
    parser.add_argument("--calm", action="store_true", help="no file-sync faults")
    parser.add_argument(
        "--all", action="store_true", help="do not steer around the known bugs (KNOWN_BUGS)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the folders of failed seeds")
    args = parser.parse_args(argv)
    faults = CALM if args.calm else Faults()
    avoid = frozenset() if args.all else KNOWN_BUGS
    failed: list[int] = []
    edits: Counter[str] = Counter()
    files: Counter[str] = Counter()
    took: list[float] = []
    for seed in range(args.first, args.first + args.seeds):
        base = _scratch()
        start = time.perf_counter()
        try:
            report = run_fuzz(base, seed, args.steps, faults, avoid)
        except Exception as error:  # a divergence (AssertionError) or an engine crash
            failed.append(seed)
            print(f"seed {seed}: FAILED after {time.perf_counter() - start:.1f} s: {error}")
            traceback.print_exc(limit=-3, file=sys.stdout)
            if args.keep:
                print(f"  kept in {base}")
                continue
        else:
            took.append(time.perf_counter() - start)
            edits.update(report.edits)
            files.update(report.files)
            print(
                f"seed {seed}: {took[-1]:5.1f} s, {sum(report.edits.values())} edits, "
                f"{report.passes} passes, {report.conflicts} open conflicts, quiet after "
                f"{report.rounds_to_quiet} rounds, files: {dict(report.files)}"
            )
        shutil.rmtree(base, ignore_errors=True)
    print()
    print(f"{args.seeds - len(failed)} of {args.seeds} seeds converged ({args.steps} steps each)")
    if took:
        print(f"time per seed: {sum(took) / len(took):.1f} s (longest {max(took):.1f} s)")
    print("edits:", ", ".join(f"{name} {n}" for name, n in edits.most_common()))
    print("file faults:", dict(files))
    if failed:
        print("FAILED seeds:", " ".join(map(str, failed)))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
