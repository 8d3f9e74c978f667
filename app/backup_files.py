"""Backup files of the database: made with SQLite's online backup API, checked, fsynced, renamed.

A backup is written to a temporary name in the backups folder, checked with ``integrity_check``,
fsynced and only then renamed to ``tejido-YYYYMMDD-HHMMSS-<reason>.db``, so a file with a final
name is always a complete, verified copy.
"""

from __future__ import annotations

import logging
import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.errors import BackupError

log = logging.getLogger(__name__)

BACKUP_PATTERN = re.compile(r"^tejido-(\d{8}-\d{6})(?:-(\d+))?-([a-z-]+)\.db$")


@dataclass(frozen=True, slots=True)
class BackupFile:
    path: Path
    made_at: datetime  # local time, from the file name
    reason: str
    size: int


def integrity_problem(path: Path, full: bool = True) -> str | None:
    """``None`` when the database file is sound, else SQLite's own description of the problem."""
    try:
        con = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
    except sqlite3.Error as error:
        return str(error)
    try:
        rows = con.execute("PRAGMA integrity_check" if full else "PRAGMA quick_check").fetchall()
        if full and rows == [("ok",)]:
            bad = con.execute("PRAGMA foreign_key_check").fetchall()
            if bad:
                return f"foreign key check failed in {bad[0][0]}"
    except sqlite3.Error as error:
        return str(error)
    finally:
        con.close()
    return None if rows == [("ok",)] else "; ".join(str(r[0]) for r in rows[:5])


def copy_database(source: Path, target: Path) -> None:
    """Copy ``source`` into ``target`` page by page with SQLite's online backup API."""
    src = sqlite3.connect(f"file:{source.as_posix()}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def make_backup_file(db_path: Path, backups_dir: Path, reason: str) -> BackupFile:
    """A verified backup of ``db_path`` in ``backups_dir``; raises :class:`BackupError`."""
    from app.i18n import _

    backups_dir.mkdir(parents=True, exist_ok=True)
    now = datetime.now()
    stamp = now.strftime("%Y%m%d-%H%M%S")
    final = backups_dir / f"tejido-{stamp}-{reason}.db"
    serial = 1
    while final.exists():
        serial += 1
        final = backups_dir / f"tejido-{stamp}-{serial}-{reason}.db"
    temporary = backups_dir / f".{final.name}.tmp"
    try:
        copy_database(db_path, temporary)
        problem = integrity_problem(temporary)
        if problem:
            raise BackupError(
                _("The backup could not be checked ({problem}); it was not kept.").format(
                    problem=problem
                )
            )
        with temporary.open("rb+") as fp:
            os.fsync(fp.fileno())
        os.replace(temporary, final)
    except (OSError, sqlite3.Error) as error:
        raise BackupError(
            _("A backup could not be written to {folder} ({reason}).").format(
                folder=backups_dir, reason=error
            )
        ) from error
    finally:
        temporary.unlink(missing_ok=True)
    log.info("backup made: %s", final.name)
    return describe(final)


def describe(path: Path) -> BackupFile:
    match = BACKUP_PATTERN.match(path.name)
    if match:
        made_at = datetime.strptime(match.group(1), "%Y%m%d-%H%M%S")
        reason = match.group(3)
    else:
        made_at = datetime.fromtimestamp(path.stat().st_mtime)
        reason = "manual"
    return BackupFile(path=path, made_at=made_at, reason=reason, size=path.stat().st_size)


def list_backup_files(backups_dir: Path) -> list[BackupFile]:
    """The backups in ``backups_dir``, newest first."""
    if not backups_dir.is_dir():
        return []
    found = [describe(p) for p in backups_dir.iterdir() if BACKUP_PATTERN.match(p.name)]
    return sorted(found, key=lambda b: (b.made_at, b.path.name), reverse=True)
