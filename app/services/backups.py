"""Backups of a data folder: rotating automatic backups, make one now, restore one, extra copy.

Every backup is a verified copy made with SQLite's online backup API (see :mod:`app.backup_files`).
Retention (:func:`backups_to_delete`) keeps one backup a day for a week, one a week for a month
and one a month for a year; the newest three of any kind are always kept. When the settings name
an extra copy folder (a USB stick), every backup is copied there too; a missing stick is a
warning in the result, not a failure.
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.backup_files import (
    BackupFile,
    backups_to_delete,
    copy_database,
    copy_file_into,
    describe,
    install_database,
    integrity_problem,
    list_backup_files,
    make_backup_file,
    write_verified_copy,
)
from app.db import Database
from app.errors import BackupError, DatabaseError, NewerDatabaseError, ValidationError
from app.i18n import _
from app.migrate import KNOWN_REVISIONS, database_revision, migrate
from app.services.context import DataFolder
from app.settings import load_settings, update_settings

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
        copy_path, copy_problem = self._copy_to_extra_folder(made.path)
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
        """Delete the backups the retention rule lets go (here and in the extra folder)."""
        now = now or datetime.now()
        folders = [self.folder.backups]
        extra = self.copy_folder()
        if extra is not None and extra.is_dir():
            folders.append(extra)
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
        """The extra copy folder from the settings, or ``None``."""
        chosen = load_settings(self.folder.root).backup_copy_dir
        return Path(chosen) if chosen else None

    def set_copy_folder(self, folder: Path | None) -> None:
        """Choose (or with ``None`` stop using) the extra copy folder; it must exist now."""
        value = None
        if folder is not None:
            folder = folder.expanduser().absolute()
            if not folder.is_dir():
                raise ValidationError(
                    _("The folder {folder} does not exist.").format(folder=folder), field="folder"
                )
            if folder.resolve() in (self.folder.root.resolve(), self.folder.backups.resolve()):
                raise ValidationError(
                    _("Choose a folder on another disk, such as a USB stick."), field="folder"
                )
            value = str(folder)
        update_settings(self.folder.root, backup_copy_dir=value)

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

    def _copy_to_extra_folder(self, made: Path) -> tuple[Path | None, str | None]:
        folder = self.copy_folder()
        if folder is None:
            return None, None
        if not folder.is_dir():
            log.warning("extra backup folder not available")
            return None, _(
                "The extra copy folder {folder} is not available (is the USB stick plugged "
                "in?). The backup was made and is kept in {backups}."
            ).format(folder=folder, backups=self.folder.backups)
        try:
            return copy_file_into(made, folder), None
        except OSError as error:
            log.warning("extra backup copy failed: %s", error.strerror)
            return None, _(
                "The backup could not be copied to {folder} ({reason}). The backup was made "
                "and is kept in {backups}."
            ).format(folder=folder, reason=error.strerror or error, backups=self.folder.backups)

    def _check_restorable(self, path: Path) -> None:
        if not path.is_file():
            raise BackupError(
                _("The file {path} does not exist. Your current data was not changed.").format(
                    path=path
                )
            )
        if path.resolve() == self.folder.database.resolve():
            raise BackupError(_("{path} is the database in use, not a backup.").format(path=path))
        try:
            revision = database_revision(path)
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
        """A raw copy of a damaged live file (it cannot pass a check), kept out of the rotation."""
        now = datetime.now()
        target = self.folder.backups / f"damaged-{now:%Y%m%d-%H%M%S}.db"
        try:
            self.folder.backups.mkdir(parents=True, exist_ok=True)
            for suffix in ("", "-journal", "-wal"):
                source = live.with_name(live.name + suffix)
                if source.exists():
                    shutil.copyfile(source, target.with_name(target.name + suffix))
        except OSError as error:
            raise BackupError(
                _(
                    "The current data could not be saved before the restore ({reason}), so "
                    "nothing was changed."
                ).format(reason=error.strerror or error)
            ) from error
        log.warning("current database was damaged; raw copy kept before restore")
        return BackupInfo(path=target, made_at=now, reason="damaged", size=target.stat().st_size)


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
