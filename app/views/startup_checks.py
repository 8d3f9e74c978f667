"""Checks before the window opens: is the database sound, and if not, restore a good backup.

After an unclean shutdown (the marker of the last run is still there) the full check runs;
otherwise the quick one. A damaged database is never opened for writing: the person is offered
the newest backup that passes the check (the restore keeps the damaged file aside).
"""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QMessageBox

from app.errors import DatabaseError, NewerDatabaseError, TejidoError
from app.i18n import _, format_datetime
from app.services.context import DataFolder
from app.services.health import check_database, mark_running, was_unclean_shutdown
from app.services.recovery import newest_good_backup, restore_backup
from app.services.registry import Services, build_services

log = logging.getLogger(__name__)


def open_checked(folder: DataFolder) -> Services | None:
    """Check, (if needed) recover, migrate and open ``folder``; ``None`` when the person quits.

    Only a damaged database leads to the offer of a backup; any other problem (a backup that
    could not be made before an upgrade, a data folder that cannot be used) is shown as it is.
    Raises :class:`NewerDatabaseError` for a database from a newer Tejido (no choice to make).
    """
    if folder.database.exists():
        unclean = was_unclean_shutdown(folder)
        result = check_database(folder.database, full=unclean)
        if not result.ok and not result.from_newer_version:
            log.warning("database check failed at start (full=%s)", unclean)
            if not _offer_restore(folder, " ".join(result.problems)):
                return None
    try:
        services = build_services(folder)
    except NewerDatabaseError:
        raise
    except DatabaseError as error:
        if not _offer_restore(folder, str(error)):
            return None
        services = build_services(folder)
    except TejidoError as error:
        log.warning("data folder not opened: %s", type(error).__name__)
        QMessageBox.critical(None, _("Tejido cannot open the data"), str(error))
        return None
    mark_running(folder)
    return services


def _offer_restore(folder: DataFolder, problem: str) -> bool:
    """Ask to restore the newest good backup; True once restored, False to quit."""
    backup = newest_good_backup(folder)
    if backup is None:
        QMessageBox.critical(
            None,
            _("The data is damaged"),
            _(
                "Tejido's database is damaged ({problem}) and there is no good backup to restore. "
                "The file was left as it is. Ask whoever helps you with Tejido, and run "
                "'tejido check --full' to see more."
            ).format(problem=problem),
        )
        return False
    answer = QMessageBox.question(
        None,
        _("The data is damaged"),
        _(
            "Tejido's database is damaged ({problem}).\n\nTejido can restore the newest good "
            "backup, from {when}. Changes made after it will be missing; the damaged file is "
            "kept aside in the backups folder.\n\nRestore it now?"
        ).format(problem=problem, when=format_datetime(backup.made_at, "short")),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return False
    try:
        restore_backup(folder, backup)
    except TejidoError as error:
        QMessageBox.critical(None, _("The data is damaged"), str(error))
        return False
    return True
