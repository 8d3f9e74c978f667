"""Showing problems: expected ones in plain words, unexpected ones with a copyable report."""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app import __version__
from app.errors import Cancelled, TejidoError
from app.i18n import _

log = logging.getLogger(__name__)


def show_error(parent: QWidget | None, error: BaseException) -> None:
    """An expected problem as a warning in its own words; anything else as an unexpected error."""
    if isinstance(error, Cancelled):
        QMessageBox.information(parent, _("Cancelled"), str(error))
    elif isinstance(error, TejidoError):
        QMessageBox.warning(parent, _("Tejido"), str(error))
    else:
        show_unexpected(parent, type(error), error, error.__traceback__)


def show_unexpected(
    parent: QWidget | None,
    kind: type[BaseException],
    error: BaseException,
    tb: TracebackType | None,
) -> None:
    details = f"Tejido {__version__}\n" + "".join(traceback.format_exception(kind, error, tb))
    log.error("unexpected error: %s", details)
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(_("Something went wrong"))
    box.setText(
        _(
            "Tejido met an unexpected problem. Your saved data is safe. If it happens again, "
            "send the details to whoever helps you with Tejido."
        )
    )
    box.setDetailedText(details)
    copy = box.addButton(_("Copy details"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Close)
    box.exec()
    if box.clickedButton() is copy:
        QApplication.clipboard().setText(details)


def install_global_handler() -> None:
    """Route every uncaught exception to one dialog instead of a silent crash."""

    def handler(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        if isinstance(error, TejidoError):
            show_error(QApplication.activeWindow(), error)
            return
        show_unexpected(QApplication.activeWindow(), kind, error, tb)

    sys.excepthook = handler
