"""``tejido check``, ``tejido backup`` and ``tejido restore``.

``check`` reads the database file directly (read-only, never migrating), so it also reports on a
damaged file; a write that a crash left unfinished is rolled back first, as any open would.
``backup`` uses SQLite's online backup API, which is safe while the window is open. ``restore``
takes the data folder's lock and works even when the current database is damaged.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from app.backup_files import list_backup_files
from app.db import Database
from app.errors import DatabaseError
from app.i18n import _, format_datetime, ngettext
from app.instance_lock import InstanceLock
from app.paths import check_data_dir
from app.services.backups import BackupInfo, BackupService
from app.services.context import DataFolder
from app.services.health import CheckResult, check_database

log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add the ``check``, ``backup`` and ``restore`` commands."""
    check = subparsers.add_parser(
        "check", parents=[common], help=_("check that the database is sound")
    )
    check.add_argument(
        "--full",
        action="store_true",
        help=_("run the full integrity and foreign key checks and count the records"),
    )
    check.set_defaults(handler=run_check)

    backup = subparsers.add_parser("backup", parents=[common], help=_("make a verified backup now"))
    chosen = backup.add_mutually_exclusive_group()
    chosen.add_argument(
        "--out", metavar="FILE", help=_("write the backup to FILE instead of the backups folder")
    )
    chosen.add_argument("--list", action="store_true", help=_("list the backups, newest first"))
    backup.set_defaults(handler=run_backup)

    restore = subparsers.add_parser(
        "restore",
        parents=[common],
        help=_("restore a backup (the current data is backed up first)"),
    )
    restore.add_argument("file", metavar="FILE", help=_("the backup file to restore"))
    restore.set_defaults(handler=run_restore)


def _require_database(folder: DataFolder) -> None:
    if not folder.database.exists():
        raise DatabaseError(
            _(
                "There is no Tejido database in {folder} yet. Tejido creates it the first time "
                "it opens; use --data-dir to name another data folder."
            ).format(folder=folder.root)
        )


def run_check(args: argparse.Namespace, data_dir: Path) -> int:
    """Check the database file; 0 when healthy, 1 otherwise (one summary line on stderr).

    The data is never changed; only a write that a crash left unfinished is rolled back first,
    as the next normal open would do, so it is not reported as damage.
    """
    folder = DataFolder(data_dir)
    _require_database(folder)
    result = check_database(folder.database, full=args.full)
    if result.ok:
        print(_healthy_line(result, folder.database))
        for note in result.notes:
            print(note)
        return 0
    print(_("Problems found in {path}:").format(path=folder.database))
    for problem in result.problems:
        print(f"  - {problem}")
    print(_restore_advice(folder))
    summary = ngettext(
        "The database {path} did not pass the check ({count} problem); it was not changed.",
        "The database {path} did not pass the check ({count} problems); it was not changed.",
        len(result.problems),
    ).format(path=folder.database, count=len(result.problems))
    print(_("tejido: {message}").format(message=summary), file=sys.stderr)
    return 1


def _healthy_line(result: CheckResult, path: Path) -> str:
    if result.full:
        return _("Healthy: {path} passed the full check (records: {records}).").format(
            path=path, records=result.records
        )
    return _("Healthy: {path} passed the quick check.").format(path=path)


def _restore_advice(folder: DataFolder) -> str:
    found = list_backup_files(folder.backups)
    if not found:
        return _("No backup was found in {folder}.").format(folder=folder.backups)
    return _(
        'The newest backup is {path}; to restore it: tejido restore "{path}" --data-dir "{folder}"'
    ).format(path=found[0].path, folder=folder.root)


def run_backup(args: argparse.Namespace, data_dir: Path) -> int:
    """Make a verified backup (or write one to --out FILE, or --list them) and print its path."""
    folder = DataFolder(data_dir)
    db = Database(folder.database)
    try:
        service = BackupService(db, folder)
        if args.list:
            _print_list(service.list())
            return 0
        _require_database(folder)
        made = service.save_copy(Path(args.out)) if args.out else service.make_now("manual")
    finally:
        db.dispose()
    print(made.path)
    if made.copy_path:
        print(_("Also copied to {path}.").format(path=made.copy_path))
    if made.copy_problem:
        print(_("tejido: warning: {message}").format(message=made.copy_problem), file=sys.stderr)
    return 0


def _print_list(backups: list[BackupInfo]) -> None:
    if not backups:
        print(_("There are no backups yet."))
    for found in backups:
        print(f"{format_datetime(found.made_at, 'short')}\t{found.reason}\t{found.path}")


def run_restore(args: argparse.Namespace, data_dir: Path) -> int:
    """Restore FILE into the data folder, after backing up the current data; takes the lock."""
    check_data_dir(data_dir)
    folder = DataFolder(data_dir)
    with InstanceLock(data_dir):
        db = Database(folder.database)
        try:
            result = BackupService(db, folder).restore(Path(args.file))
        finally:
            db.dispose()
    print(
        _("Restored {source} into {database}.").format(
            source=result.source, database=folder.database
        )
    )
    if result.safety is not None:
        print(_("Your data as it was before is kept in {path}.").format(path=result.safety.path))
        if result.safety.copy_problem:
            print(
                _("tejido: warning: {message}").format(message=result.safety.copy_problem),
                file=sys.stderr,
            )
    if result.migrated:
        print(_("The restored data was upgraded to this version of Tejido."))
    return 0
