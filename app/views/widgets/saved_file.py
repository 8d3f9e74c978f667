"""Saving a file somewhere chosen, and saying afterwards where it went, with buttons to open the
file or show it in its folder ("312 rows in asistencia.xlsx — open / show in folder")."""

from __future__ import annotations

import logging
import re
from pathlib import Path

from PySide6.QtCore import QSettings, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.i18n import _
from app.views.widgets.list_export import FOLDER_KEY

log = logging.getLogger(__name__)


def file_stem(words: str, title: str) -> str:
    """A file name from ``words`` and an activity's title, without signs systems refuse."""
    safe = re.sub(r'[\\/:*?"<>|\s]+', " ", title).strip()[:60]
    return f"{words} - {safe}" if safe else words


def ask_save_path(
    parent: QWidget, caption: str, stem: str, filters: str, suffixes: tuple[str, ...]
) -> Path | None:
    """The file chosen in the system dialog, with one of ``suffixes`` (the first by default)."""
    folder = str(QSettings().value(FOLDER_KEY, str(Path.home())))
    name, chosen = QFileDialog.getSaveFileName(
        parent, caption, str(Path(folder) / f"{stem}{suffixes[0]}"), filters
    )
    if not name:
        return None
    path = Path(name)
    if path.suffix.lower() not in suffixes:
        wanted = next((s for s in suffixes if s.lstrip(".") in chosen.lower()), suffixes[0])
        path = path.with_name(path.name + wanted)
    QSettings().setValue(FOLDER_KEY, str(path.parent))
    return path


def show_saved(parent: QWidget, title: str, message: str, path: Path) -> None:
    """Say what was saved where, with buttons to open the file or show it in its folder."""
    box = QMessageBox(QMessageBox.Icon.Information, title, message, parent=parent)
    open_file = box.addButton(_("&Open the file"), QMessageBox.ButtonRole.ActionRole)
    show_folder = box.addButton(_("Show in &folder"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Close)
    box.exec()
    target = {open_file: path, show_folder: path.parent}.get(box.clickedButton())
    if target is not None and not QDesktopServices.openUrl(QUrl.fromLocalFile(str(target))):
        QMessageBox.information(
            parent, title, _("Tejido could not open it. It is here: {path}").format(path=target)
        )
