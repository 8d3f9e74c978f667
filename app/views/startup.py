"""What happens once the main window is on screen: the first-run assistant, the daily backup.

Both come after the first paint so the window opens at once. The daily backup runs in a worker
thread without a dialog; only a failure is shown (in the status bar, with the reason).
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QMainWindow

from app.i18n import _
from app.services.context import DataFolder
from app.services.demo import fill_demo
from app.services.registry import build_services
from app.settings import load_settings, update_settings
from app.views.workers import run_job

log = logging.getLogger(__name__)

DAILY_BACKUP_DELAY_MS = 3000


class _BackupSignals(QObject):
    failed = Signal(str)


def after_first_paint(window: QMainWindow) -> None:
    """Schedule the first-run assistant (when due) and the daily automatic backup."""
    QTimer.singleShot(0, lambda: _first_run_if_due(window))
    QTimer.singleShot(DAILY_BACKUP_DELAY_MS, lambda: start_daily_backup(window))


def _first_run_if_due(window) -> None:  # type: ignore[no-untyped-def]
    from app.views.dialogs.first_run_wizard import FirstRunWizard, demo_folder_for

    services = window.services
    if load_settings(services.folder.root).first_run_done or services.profile.get().name:
        return
    wizard = FirstRunWizard(services, window)
    wizard.exec()
    if wizard.wants_demo:
        open_example_data(window, demo_folder_for(services.folder.root))
    else:
        window.refresh_all()


def open_example_data(window, folder) -> None:  # type: ignore[no-untyped-def]
    """Fill ``folder`` with example data (once) and switch the window to it.

    Unsaved changes are settled first, so cancelling leaves no example data half-way.
    """
    if not window.may_leave():
        return

    def work(progress, _cancelled):  # type: ignore[no-untyped-def]
        demo = DataFolder(folder)
        folder.mkdir(parents=True, exist_ok=True)
        if not demo.database.exists():
            services = build_services(demo)
            try:
                fill_demo(services.db, "small", progress)
            finally:
                services.db.dispose()
        update_settings(
            folder, first_run_done=True, extra={**load_settings(folder).extra, "demo": True}
        )
        return folder

    run_job(window, _("Preparing the example data…"), work, window.switch_folder, cancellable=False)


def start_daily_backup(window) -> threading.Thread | None:  # type: ignore[no-untyped-def]
    """Make today's automatic backup in a background thread, if it is due."""
    backups = getattr(window.services, "backups", None)
    if backups is None:
        return None
    signals = _BackupSignals(window)
    signals.failed.connect(lambda message: window.statusBar().showMessage(message, 20000))

    def work() -> None:
        try:
            backups.automatic_if_due()
        except Exception as error:  # noqa: BLE001 - reported in the status bar, logged
            log.warning("automatic backup failed: %s", type(error).__name__)
            signals.failed.emit(_("The automatic backup failed: {reason}").format(reason=error))

    thread = threading.Thread(target=work, name="daily-backup", daemon=False)
    thread.start()
    window.background_threads.append(thread)
    return thread
