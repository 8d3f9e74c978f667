"""Backups of a data folder: rotating automatic backups, make one now, restore one, extra copy.

Every backup is a verified copy made with SQLite's online backup API (see :mod:`app.backup_files`).
Retention (:func:`backups_to_delete`) keeps one backup a day for a week, one a week for a month
and one a month for a year; the newest three of any kind are always kept, and a backup made
before a restore, an import or a merge stays at least 30 days. When the settings name an extra
copy folder (a USB stick), every backup is copied there too, into a subfolder of this data
folder's own (several laptops may share one stick, and each prunes only its own copies); a
missing stick is a warning in the result, not a failure.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.backup_files import (
    BackupFile,
    copy_database,
    copy_file_as,
    describe,
    install_database,
    integrity_problem,
    list_backup_files,
    make_backup_file,
    write_verified_copy,
)
from app.backup_retention import backups_to_delete
from app.db import Database
from app.errors import BackupError, DatabaseError, NewerDatabaseError
from app.i18n import _
from app.migrate import KNOWN_REVISIONS, database_revision, migrate
from app.services.backup_copies import (
    choose_copy_folder,
    chosen_copy_folder,
    copy_to_extra_folder,
    own_copy_folder,
)
from app.services.context import DataFolder

log = logging.getLogger(__name__)

AUTOMATIC = "automatic"


@dataclass(frozen=True, slots=True)
class BackupInfo:
    """One backup file, as the Backups window lists it (newest first).

    ``copy_path`` is the copy made in the extra folder with this backup; ``copy_problem`` says in
    plain words why that copy could not be made (show it as a warning: the backup itself is fine).
    """

    path: Path
    made_at: datetime
    reason: str
    size: int
    copy_path: Path | None = None
    copy_problem: str | None = None


@dataclass(frozen=True, slots=True)
class RestoreResult:
    """What a restore did. ``safety`` holds the data as it was before (``None``: there was none)."""

    source: Path
    safety: BackupInfo | None
    migrated: bool


def _info(found: BackupFile, **extra: object) -> BackupInfo:
    return BackupInfo(
        path=found.path, made_at=found.made_at, reason=found.reason, size=found.size, **extra
    )


class BackupService:
    """Backups of one data folder: list, make now, rotation, restore, extra copy folder."""

    def __init__(self, db: Database, folder: DataFolder):
        self.db = db
        self.folder = folder

    def list(self) -> list[BackupInfo]:
        """The backups in the data folder's backups folder, newest first."""
        return [_info(found) for found in list_backup_files(self.folder.backups)]

    def make_now(self, reason: str = "manual") -> BackupInfo:
        """Make a verified backup now (and its extra copy); raises :class:`BackupError`."""
        self._require_database()
        made = make_backup_file(self.folder.database, self.folder.backups, reason)
        copy_path, copy_problem = copy_to_extra_folder(self.folder, made.path)
        return _info(made, copy_path=copy_path, copy_problem=copy_problem)

    def save_copy(self, target: Path) -> BackupInfo:
        """Write a verified backup to the file ``target``; an existing file is never overwritten."""
        self._require_database()
        target = target.expanduser().absolute()
        if target.exists():
            raise BackupError(
                _("{path} already exists; it was left as it is. Choose another name.").format(
                    path=target
                )
            )
        if not target.parent.is_dir():
            raise BackupError(_("The folder {folder} does not exist.").format(folder=target.parent))
        write_verified_copy(self.folder.database, target)
        log.info("backup copy written outside the data folder")
        return _info(describe(target))

    def automatic_if_due(self, now: datetime | None = None) -> BackupInfo | None:
        """Make today's automatic backup unless one exists, then apply the retention rule.

        Returns the backup made, or ``None``. Safe to call from a background thread at start-up.
        """
        if not self.folder.database.exists():
            return None
        now = now or datetime.now()
        made = None
        if not any(found.made_at.date() == now.date() for found in self.list()):
            made = self.make_now(AUTOMATIC)
        self.prune(now)
        return made

    def prune(self, now: datetime | None = None) -> list[Path]:
        """Delete the backups the retention rule lets go, here and in this folder's own copies.

        In the extra copy folder only this data folder's subfolder is looked at: the backups of
        another laptop or data folder sharing the stick are never touched.
        """
        now = now or datetime.now()
        folders = [self.folder.backups]
        own = own_copy_folder(self.folder.root, create_id=False)
        if own is not None and own.is_dir():
            folders.append(own)
        deleted: list[Path] = []
        for folder in folders:
            for found in backups_to_delete(list_backup_files(folder), now):
                try:
                    found.path.unlink()
                    deleted.append(found.path)
                except OSError as error:
                    log.warning("old backup %s not deleted: %s", found.path.name, error.strerror)
        log.info("retention deleted %d old backups", len(deleted))
        return deleted

    def copy_folder(self) -> Path | None:
        """The extra copy folder from the settings (as the person chose it), or ``None``."""
        return chosen_copy_folder(self.folder.root)

    def copy_subfolder(self) -> Path | None:
        """Where this data folder's copies go inside the extra copy folder, or ``None``.

        A subfolder of its own, so data folders sharing one USB stick never prune each other's.
        """
        return own_copy_folder(self.folder.root)

    def set_copy_folder(self, folder: Path | None) -> None:
        """Choose (or with ``None`` stop using) the extra copy folder; it must exist now."""
        choose_copy_folder(self.folder, folder)

    def restore(self, path: Path) -> RestoreResult:
        """Replace the current data with the backup at ``path``.

        The file is refused (nothing changed) unless it is a sound Tejido database this version
        knows. The current data is first saved as a "before-restore" backup; the backup is then
        copied into the live file with SQLite's backup API and upgraded if it is older.
        """
        path = Path(path).expanduser().absolute()
        live = self.folder.database
        self._check_restorable(path)
        staged = live.parent / f".tejido-restore-{os.getpid()}.tmp"
        try:
            self._stage(path, staged)
            safety = self._safety_backup()
            self.db.dispose()
            install_database(staged, live)
        finally:
            for suffix in ("", "-journal", "-wal", "-shm"):
                staged.with_name(staged.name + suffix).unlink(missing_ok=True)
        if integrity_problem(live, full=False):
            raise BackupError(_failed_restore(safety))
        migrated = migrate(live, self.folder.backups)
        log.info("backup restored (migrated=%s)", migrated)
        return RestoreResult(source=path, safety=safety, migrated=migrated)

    def _require_database(self) -> None:
        if not self.folder.database.exists():
            raise BackupError(
                _("There is no database in {folder} yet, so there is nothing to back up.").format(
                    folder=self.folder.root
                )
            )

    def _check_restorable(self, path: Path) -> None:
        if path.is_dir():
            raise BackupError(
                _(
                    "{path} is a folder; choose the backup file inside it (tejido-….db). Your "
                    "current data was not changed."
                ).format(path=path)
            )
        if not path.is_file():
            raise BackupError(
                _("The file {path} does not exist. Your current data was not changed.").format(
                    path=path
                )
            )
        if path.resolve() == self.folder.database.resolve():
            raise BackupError(_("{path} is the database in use, not a backup.").format(path=path))
        try:
            revision = database_revision(path, recover=False)  # a backup is never written to
        except DatabaseError as error:
            raise BackupError(_not_a_backup(path)) from error
        if revision is None:
            raise BackupError(_not_a_backup(path))
        if revision not in KNOWN_REVISIONS:
            raise NewerDatabaseError(
                _(
                    "The backup {path} was made by a newer version of Tejido, so this version "
                    "cannot restore it. Your current data was not changed. Install the newest "
                    "Tejido first."
                ).format(path=path)
            )

    def _stage(self, path: Path, staged: Path) -> None:
        """Copy the backup beside the live file and check the copy: what is checked is installed."""
        staged.unlink(missing_ok=True)
        try:
            copy_database(path, staged)
        except (OSError, sqlite3.Error) as error:
            raise BackupError(_not_a_backup(path)) from error
        problem = integrity_problem(staged)
        if problem:
            raise BackupError(
                _(
                    "The backup {path} is damaged ({problem}). Your current data was not "
                    "changed. Choose another backup."
                ).format(path=path, problem=problem)
            )

    def _safety_backup(self) -> BackupInfo | None:
        live = self.folder.database
        if not live.exists() or live.stat().st_size == 0:
            return None
        try:
            return self.make_now("before-restore")
        except BackupError:
            if integrity_problem(live) is None:
                raise
        return self._keep_damaged(live)

    def _keep_damaged(self, live: Path) -> BackupInfo:
        """A raw copy of a damaged live file (it cannot pass a check), kept out of the rotation.

        Each file is written to a temporary name and renamed, the database last; an earlier
        copy is never overwritten (a serial is added to the name).
        """
        now = datetime.now()
        try:
            self.folder.backups.mkdir(parents=True, exist_ok=True)
            target = _free_name(self.folder.backups, f"damaged-{now:%Y%m%d-%H%M%S}")
            for suffix in ("-journal", "-wal", ""):
                source = live.with_name(live.name + suffix)
                if source.exists():
                    copy_file_as(source, target.with_name(target.name + suffix))
        except OSError as error:
            raise BackupError(
                _(
                    "The current data could not be saved before the restore ({reason}), so "
                    "nothing was changed."
                ).format(reason=error.strerror or error)
            ) from error
        log.warning("current database was damaged; raw copy kept before restore")
        return BackupInfo(path=target, made_at=now, reason="damaged", size=target.stat().st_size)


def _free_name(folder: Path, stem: str) -> Path:
    """``folder/stem.db``, or ``stem-2.db``, ``stem-3.db``... when that name is taken."""
    candidate, serial = folder / f"{stem}.db", 2
    while any(candidate.with_name(candidate.name + s).exists() for s in ("", "-journal", "-wal")):
        candidate, serial = folder / f"{stem}-{serial}.db", serial + 1
    return candidate


def _failed_restore(safety: BackupInfo | None) -> str:
    kept = safety.path if safety else _("(there was no data before)")
    return _(
        "The restored database did not pass its check. Your data as it was before the restore "
        "is kept in {kept}; restore that file or another backup."
    ).format(kept=kept)


def _not_a_backup(path: Path) -> str:
    return _(
        "The file {path} is not a Tejido backup, or it is damaged. Your current data was not "
        "changed. Choose another backup file."
    ).format(path=path)
