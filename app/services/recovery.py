"""Recovering from a damaged database: find the newest good backup and put it back.

Used at start-up, before any service is built, when the check of the database fails.
"""

from __future__ import annotations

import logging

from app.db import Database
from app.services.backups import BackupInfo, BackupService, RestoreResult
from app.services.context import DataFolder
from app.services.health import check_database

log = logging.getLogger(__name__)


def newest_good_backup(folder: DataFolder) -> BackupInfo | None:
    """The newest backup of ``folder`` that passes the quick check, or ``None``.

    The backups are only read (never recovered or written to), whatever lies beside them.
    """
    db = Database(folder.database)
    try:
        for backup in BackupService(db, folder).list():
            if check_database(backup.path, recover=False).ok:
                return backup
    finally:
        db.dispose()
    return None


def restore_backup(folder: DataFolder, backup: BackupInfo) -> RestoreResult:
    """Restore ``backup`` over the (damaged) database of ``folder``; the damaged file is kept."""
    db = Database(folder.database)
    try:
        return BackupService(db, folder).restore(backup.path)
    finally:
        db.dispose()
