"""Start the program: paths → logging → language → lock → database (migrate, checks) → window.

Every problem a coordinator can meet on the way (a cloud folder, a second instance, a damaged or
newer database) is shown in plain words, and the data is left as it was.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
from pathlib import Path

from app.errors import TejidoError

log = logging.getLogger(__name__)


def setup_logging(log_dir: Path) -> None:
    """A rotating log file (ids only, never personal data) and warnings on stderr."""
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            log_dir / "tejido.log", maxBytes=1_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError:
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)


def run_gui(data_dir: Path) -> int:
    """Open the main window on ``data_dir``; returns the exit status."""
    from PySide6.QtWidgets import QApplication

    from app import APP_NAME, __version__
    from app.paths import default_log_dir
    from app.settings import load_settings
    from app.views.errors import install_global_handler
    from app.views.language import apply_language

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    _set_window_icon(app)
    setup_logging(default_log_dir())
    install_global_handler()
    settings = load_settings(data_dir) if data_dir.exists() else None
    apply_language(
        os.environ.get("TEJIDO_LANG") or (settings and settings.language) or _system_language()
    )
    controller = AppController()
    if not controller.open(data_dir):
        return 1
    if os.environ.get("TEJIDO_EXIT_AFTER_START"):
        # For the start-up benchmark and smoke tests: quit once the window has painted.
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, app.quit)
    status = app.exec()
    controller.close()
    return status


def _set_window_icon(app) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QIcon

    from app.paths import resource_path

    icon = resource_path("resources", "icons", "tejido.png")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))


def _system_language() -> str | None:
    from PySide6.QtCore import QLocale

    return QLocale.system().name()


class AppController:
    """Opens a data folder in a main window, and can switch to another (the example data)."""

    def __init__(self) -> None:
        self.window = None
        self.lock = None
        self.services = None

    def open(self, data_dir: Path) -> bool:
        """Check, lock and open ``data_dir`` and show its window; False when it cannot be used."""
        from PySide6.QtWidgets import QMessageBox

        from app.i18n import _
        from app.instance_lock import InstanceLock
        from app.paths import check_data_dir

        try:
            check_data_dir(data_dir)
            lock = InstanceLock(data_dir).acquire()
        except TejidoError as error:
            QMessageBox.warning(None, _("Tejido"), str(error))
            return False
        try:
            services = self._open_services(data_dir)
        except TejidoError as error:
            lock.release()
            QMessageBox.critical(None, _("Tejido cannot open the data"), str(error))
            return False
        if services is None:
            lock.release()
            return False
        self._show(services, lock)
        return True

    def _open_services(self, data_dir: Path):  # type: ignore[no-untyped-def]
        from app.services.context import DataFolder
        from app.views.startup_checks import open_checked

        return open_checked(DataFolder(data_dir))

    def _show(self, services, lock) -> None:  # type: ignore[no-untyped-def]
        from app.views.main_window import MainWindow

        self.services, self.lock = services, lock
        self.window = MainWindow(services, switch_folder=self.switch_to)
        self.window.closed.connect(self.close)
        self.window.show()
        self.window.after_show()

    def close(self) -> None:
        from app.services.health import mark_clean_exit

        if self.services is not None:
            self.services.db.optimize()
            self.services.db.dispose()
            mark_clean_exit(self.services.folder)
            self.services = None
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    def switch_to(self, data_dir: Path) -> None:
        """Close the current folder and open ``data_dir`` in a new window."""
        old = self.window
        if old is not None:
            old.closed.disconnect(self.close)
            old.close()
            old.deleteLater()
        self.close()
        self.open(data_dir)
