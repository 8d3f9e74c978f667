"""Backup files of the database: made with SQLite's online backup API, checked, fsynced, renamed.

A backup is written to a temporary name in the backups folder, checked with ``integrity_check``,
fsynced and only then renamed to ``tejido-YYYYMMDD-HHMMSS-<reason>.db``, so a file with a final
name is always a complete, verified copy. Copies elsewhere (a chosen file, a USB stick) follow the
same rule: temporary name in the target folder, fsync, rename.

Checks and copies read the database through read-only connections, which cannot roll back a
write that a crash left unfinished: :func:`recover_hot_journal` lets SQLite do that first.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import sqlite3
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.errors import BackupError

log = logging.getLogger(__name__)

BACKUP_PATTERN = re.compile(r"^tejido-(\d{8}-\d{6})(?:-(\d+))?-([a-z-]+)\.db$")
REASON_PATTERN = re.compile(r"^[a-z]+(?:-[a-z]+)*$")
SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_S = 5.0
# SQLite primary result codes meaning "this file is not a usable database".
_NOT_A_DATABASE = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB


@dataclass(frozen=True, slots=True)
class BackupFile:
    path: Path
    made_at: datetime  # local time, from the file name
    reason: str
    size: int


def is_sqlite_file(path: Path) -> bool:
    """Whether ``path`` starts with SQLite's 16-byte header (so SQLite may be let write into it)."""
    try:
        with path.open("rb") as fp:
            return fp.read(16) == SQLITE_HEADER
    except OSError:
        return False


def has_unfinished_write(path: Path) -> bool:
    """Whether a rollback journal (not empty) or a write-ahead log lies beside ``path``."""
    journal = path.with_name(path.name + "-journal")
    wal = path.with_name(path.name + "-wal")
    try:
        return wal.is_file() or (journal.is_file() and journal.stat().st_size > 0)
    except OSError:
        return False


def recover_hot_journal(path: Path) -> bool:
    """Let SQLite roll back (or replay) what a crash left unfinished beside the live ``path``.

    A crash or power cut in the middle of a write leaves a hot journal that only a read-write
    connection may play back; a read-only one refuses with "attempt to write a readonly
    database", which is not damage. One read-write connection with a trivial read lets SQLite
    finish the job, exactly as the next normal open would. Only for the live database: never
    call it on a backup being restored from. A file without SQLite's header is left alone.
    Returns whether the file was opened; a failure is logged, and the read-only check that
    follows reports what is wrong.
    """
    if not has_unfinished_write(path) or not is_sqlite_file(path):
        return False
    try:
        con = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S)
        try:
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            con.close()
    except sqlite3.Error as error:
        log.warning("unfinished write could not be rolled back: %s", error)
        return False
    log.info("an unfinished write left by a crash was rolled back")
    return True


def integrity_problem(path: Path, full: bool = True, *, recover: bool = False) -> str | None:
    """``None`` when the database file is sound, else SQLite's own description of the problem.

    Read-only. ``recover`` (only for the live database) first rolls back a write that a crash
    left unfinished (:func:`recover_hot_journal`), so a hot journal is not taken for damage.
    """
    from app.i18n import _

    if recover:
        recover_hot_journal(path)
    try:
        con = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
    except sqlite3.Error as error:
        return str(error)
    try:
        rows = con.execute("PRAGMA integrity_check" if full else "PRAGMA quick_check").fetchall()
        if full and rows == [("ok",)]:
            bad = con.execute("PRAGMA foreign_key_check").fetchall()
            if bad:
                return _("foreign key check failed in table {table}").format(table=bad[0][0])
    except sqlite3.Error as error:
        return str(error)
    finally:
        con.close()
    return None if rows == [("ok",)] else "; ".join(str(r[0]) for r in rows[:5])


def copy_database(source: Path, target: Path, *, single_file: bool = True) -> None:
    """Copy ``source`` into ``target`` page by page with SQLite's online backup API.

    With ``single_file`` the copy is switched to the rollback journal, so a backup of a WAL
    database is one self-contained file that never needs ``-wal``/``-shm`` companions.
    """
    src = sqlite3.connect(f"file:{source.as_posix()}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
            if single_file:
                dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()


def fsync_folder(folder: Path) -> None:
    """Make a rename inside ``folder`` durable (POSIX; Windows has no directory handles)."""
    if sys.platform == "win32":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError:
        log.debug("folder fsync not supported here")
    finally:
        os.close(fd)


def write_verified_copy(db_path: Path, final: Path, *, overwrite: bool = False) -> None:
    """Copy the database ``db_path`` to ``final``: temporary name beside it, check, fsync, rename.

    ``db_path`` is the live database: a write left unfinished by a crash is rolled back first.
    Raises :class:`BackupError` (and leaves no temporary file) when the copy cannot be written or
    does not pass ``integrity_check``; with ``overwrite`` false an existing ``final`` is refused.
    """
    from app.i18n import _

    recover_hot_journal(db_path)
    temporary = final.parent / f".{final.name}.{os.getpid()}.tmp"
    try:
        temporary.unlink(missing_ok=True)  # a leftover of a crash would not be a database
        copy_database(db_path, temporary)
        problem = integrity_problem(temporary)
        if problem:
            raise BackupError(
                _(
                    "The backup could not be checked ({problem}); it was not kept. Your data "
                    "was not changed. Run 'tejido check' to look at the database."
                ).format(problem=problem)
            )
        with temporary.open("rb+") as fp:
            os.fsync(fp.fileno())
        if not overwrite and final.exists():
            raise BackupError(
                _("{path} already exists; it was left as it is. Choose another name.").format(
                    path=final
                )
            )
        os.replace(temporary, final)
        fsync_folder(final.parent)
    except (OSError, sqlite3.Error) as error:
        raise BackupError(
            _(
                "A backup could not be written to {folder} ({reason}). Your data was not "
                "changed. Check that the folder exists, that you may write in it and that the "
                "disk is not full."
            ).format(folder=final.parent, reason=getattr(error, "strerror", None) or error)
        ) from error
    finally:
        temporary.unlink(missing_ok=True)


def make_backup_file(db_path: Path, backups_dir: Path, reason: str) -> BackupFile:
    """A verified backup of ``db_path`` in ``backups_dir``; raises :class:`BackupError`."""
    from app.i18n import _

    if not REASON_PATTERN.match(reason):
        raise ValueError(f"backup reason must be lower-case words joined by '-': {reason!r}")
    try:
        backups_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BackupError(
            _("The backups folder {folder} cannot be created ({reason}).").format(
                folder=backups_dir, reason=error.strerror or error
            )
        ) from error
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    # Several backups in one second (say "before-restore" then "before-upgrade") get a serial,
    # whatever their reasons, so the list keeps them in the order they were made.
    same_second = [_serial(p.name) for p in backups_dir.glob(f"tejido-{stamp}-*.db")]
    serial = max(same_second, default=0) + 1
    suffix = f"-{serial}" if serial > 1 else ""
    final = backups_dir / f"tejido-{stamp}{suffix}-{reason}.db"
    write_verified_copy(db_path, final)
    log.info("backup made: %s", final.name)
    return describe(final)


def copy_file_into(source: Path, folder: Path) -> Path:
    """Copy ``source`` into ``folder`` under the same name (temporary name, fsync, rename).

    Raises :class:`OSError` when the folder is missing or not writable; nothing half-written stays.
    """
    return copy_file_as(source, folder / source.name)


def copy_file_as(source: Path, final: Path) -> Path:
    """Copy the bytes of ``source`` to ``final`` (temporary name beside it, fsync, rename).

    Raises :class:`OSError` when that cannot be done; nothing half-written stays.
    """
    folder = final.parent
    temporary = folder / f".{final.name}.{os.getpid()}.tmp"
    try:
        with source.open("rb") as src, temporary.open("wb") as dst:
            shutil.copyfileobj(src, dst, 1024 * 1024)
            dst.flush()
            os.fsync(dst.fileno())
        os.replace(temporary, final)
    finally:
        temporary.unlink(missing_ok=True)
    fsync_folder(folder)
    return final


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
    return sorted(found, key=lambda b: (b.made_at, _serial(b.path.name)), reverse=True)


def _serial(name: str) -> int:
    match = BACKUP_PATTERN.match(name)
    return int(match.group(2) or 1) if match else 0


def install_database(staged: Path, live: Path) -> None:
    """Put the checked copy ``staged`` in place of the live database file ``live``.

    SQLite's backup API writes into the live file (the file stays where it is, and SQLite's own
    journal makes the copy all-or-nothing). Only when the live file is not a database SQLite can
    write into is it replaced whole, after its journals are removed so they are never played
    back over the restored data. Raises :class:`BackupError` when the data could not be changed.
    """
    from app.i18n import _

    try:
        copy_database(staged, live, single_file=False)  # the live file keeps its journal mode
        return
    except sqlite3.Error as error:
        code = (getattr(error, "sqlite_errorcode", 0) or 0) & 0xFF
        if code not in _NOT_A_DATABASE:
            raise BackupError(
                _(
                    "The backup could not be put in place ({reason}). Your data was not "
                    "changed. Close other programs that may use it and try again."
                ).format(reason=error)
            ) from error
    log.warning("live database unreadable; replacing the file whole")
    for suffix in ("-journal", "-wal", "-shm"):
        live.with_name(live.name + suffix).unlink(missing_ok=True)
    os.replace(staged, live)
    fsync_folder(live.parent)
