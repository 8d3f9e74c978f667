"""A simulated file-sync engine (Dropbox, Syncthing, OneDrive...) between laptops' local folders.

Each laptop has its own local copy of the shared folder. The engine notices files written in one
copy and delivers them to the others some steps later, the way a real engine does, with its
faults: files arrive late and in any order; a file sometimes arrives twice, or again under a
"conflicted copy" name; a file is sometimes seen half-written (cut short, or the right length but
still zeros) before it arrives whole. Seeded: one seed, one history.

Only files are replicated (folders are made as needed); nothing is ever deleted. Temporary names
(the ones Tejido and the engines write before renaming) are never replicated.
"""

from __future__ import annotations

import hashlib
import os
import random
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

# Files whose content is final once written: only these are delivered cut short or duplicated
# under conflict names (a status file changes, a real engine keeps its latest version).
IMMUTABLE_PARTS = ("/log/", "blobs/")


@dataclass(frozen=True, slots=True)
class Faults:
    """How unkind the engine is: delays in steps, and the chance of each fault per delivery."""

    max_delay: int = 6
    duplicate: float = 0.15  # the same file written again, later, under its own name
    conflict_copy: float = 0.15  # a copy under a Dropbox/Syncthing/OneDrive conflict name
    partial: float = 0.2  # first seen cut short (or zero-filled), whole later


CALM = Faults(max_delay=0, duplicate=0.0, conflict_copy=0.0, partial=0.0)


@dataclass(order=True)
class _Delivery:
    due: int
    order: int
    target: str = field(compare=False)
    relative: str = field(compare=False)
    data: bytes = field(compare=False)
    version: int = field(compare=False)  # 0: a copy under a new name (never replaced)


def conflict_names(relative: str, laptop: str, day: int = 29) -> dict[str, str]:
    """``relative`` renamed the ways file-sync engines name a conflicting copy, by engine."""
    folder, _, name = relative.rpartition("/")
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    ext = f".{suffix}" if suffix else ""
    when = f"2026-11-{day:02d}"
    names = {
        "dropbox": f"{stem} (conflicted copy){ext}",
        "dropbox, named": f"{stem} ({laptop}'s conflicted copy {when}){ext}",
        "nextcloud": f"{stem} (conflicted copy {when} 101530){ext}",
        "syncthing": f"{stem}.sync-conflict-{when.replace('-', '')}-101530-ABCDEFG{ext}",
        "onedrive": f"{stem}-{laptop.replace(' ', '').upper()}{ext}",
        "by hand": f"{stem} (1){ext}",
    }
    return {engine: f"{folder}/{n}" if folder else n for engine, n in names.items()}


def conflict_name(relative: str, rng: random.Random, laptop: str) -> str:
    """``relative`` renamed the way some file-sync engine names a conflicting copy."""
    return rng.choice(sorted(conflict_names(relative, laptop, rng.randint(10, 28)).values()))


def _is_temporary(name: str) -> bool:
    return name.startswith((".", "~")) or name.endswith((".tmp", ".part", ".partial"))


class FileSyncEngine:
    """Replicates files between the folders of ``folders`` (laptop name -> local folder)."""

    def __init__(self, folders: dict[str, Path], rng: random.Random, faults: Faults = CALM):
        self.folders = folders
        self.rng = rng
        self.faults = faults
        self.now = 0
        self._order = 0
        self._queue: list[_Delivery] = []
        # What each laptop's copy holds, as far as the engine knows: relative path -> hash.
        self._known: dict[str, dict[str, str]] = {name: {} for name in folders}
        # The latest version of each path delivered or written at each laptop.
        self._version_at: dict[str, dict[str, int]] = {name: {} for name in folders}
        self._versions = 0
        self._copies: set[str] = set()  # names the engine made up (no copies made of those)
        self.counts: Counter[str] = Counter()

    # -- noticing files ------------------------------------------------------------------

    def scan(self) -> int:
        """Notice new and changed files in every copy and plan their deliveries."""
        found = 0
        for laptop in self.folders:
            for relative, data in self._files(laptop):
                digest = hashlib.sha256(data).hexdigest()
                if self._known[laptop].get(relative) == digest:
                    continue
                self._known[laptop][relative] = digest
                self._versions += 1
                self._version_at[laptop][relative] = self._versions
                self._plan(laptop, relative, data, self._versions)
                found += 1
        return found

    def _files(self, laptop: str) -> list[tuple[str, bytes]]:
        root = self.folders[laptop]
        found = []
        for folder, dirs, names in os.walk(root):
            dirs[:] = sorted(d for d in dirs if not _is_temporary(d))
            for name in sorted(names):
                if _is_temporary(name):
                    continue
                path = Path(folder) / name
                found.append((path.relative_to(root).as_posix(), path.read_bytes()))
        return found

    def _plan(self, origin: str, relative: str, data: bytes, version: int) -> None:
        immutable = any(part in f"/{relative}" for part in IMMUTABLE_PARTS)
        for target in self.folders:
            if target == origin:
                continue
            due = self.now + self.rng.randint(0, self.faults.max_delay)
            if immutable and self.rng.random() < self.faults.partial:
                self._push(due, target, relative, self._half_written(data), version)
                due += self.rng.randint(1, max(1, self.faults.max_delay))
                self.counts["partial"] += 1
            self._push(due, target, relative, data, version)
            if immutable and self.rng.random() < self.faults.duplicate:
                later = due + self.rng.randint(0, self.faults.max_delay)
                self._push(later, target, relative, data, version)
                self.counts["duplicate"] += 1
            copy = relative not in self._copies and self.rng.random() < self.faults.conflict_copy
            if immutable and copy:
                renamed = conflict_name(relative, self.rng, origin)
                self._copies.add(renamed)
                later = self.now + self.rng.randint(0, self.faults.max_delay * 2)
                self._push(later, target, renamed, data, 0)
                self.counts["conflict copy"] += 1

    def _half_written(self, data: bytes) -> bytes:
        if data and self.rng.random() < 0.25:
            return b"\0" * len(data)  # space taken first, filled in later
        return data[: self.rng.randint(0, max(0, len(data) - 1))]

    def _push(self, due: int, target: str, relative: str, data: bytes, version: int) -> None:
        self._order += 1
        self._queue.append(_Delivery(due, self._order, target, relative, data, version))

    # -- delivering ----------------------------------------------------------------------

    def step(self) -> int:
        """One unit of time: notice new files, then deliver what is due; returns deliveries."""
        self.scan()
        self.now += 1
        due = [d for d in self._queue if d.due <= self.now]
        self._queue = [d for d in self._queue if d.due > self.now]
        # Different files due together land in any order; one file's versions in theirs.
        shuffled = {(d.target, d.relative): self.rng.random() for d in sorted(due)}
        for delivery in sorted(due, key=lambda d: (shuffled[d.target, d.relative], d)):
            self._write(delivery)
        return len(due)

    def _write(self, delivery: _Delivery) -> None:
        versions = self._version_at[delivery.target]
        if delivery.version and versions.get(delivery.relative, 0) > delivery.version:
            return  # a newer version of this file is there already
        path = self.folders[delivery.target] / delivery.relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(delivery.data)
        self.counts["delivered"] += 1
        if not delivery.version:
            return  # a renamed copy: a new file at the target, replicated from there in turn
        # Known at the target as it stands, so it is not sent back as the target's own change.
        versions[delivery.relative] = delivery.version
        self._known[delivery.target][delivery.relative] = hashlib.sha256(delivery.data).hexdigest()

    @property
    def pending(self) -> int:
        return len(self._queue)

    def settle(self, limit: int = 1000) -> None:
        """Deliver everything outstanding (including what delivering makes), as time passes."""
        for _ in range(limit):
            self.scan()
            if not self._queue:
                return
            self.step()
        raise AssertionError("the file-sync engine never settled")
