"""The "Extra copy folder" part of the Backups window: where every backup is copied too."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import TejidoError
from app.i18n import _
from app.services.backups import BackupService
from app.views.errors import show_error
from app.views.widgets.paragraph import paragraph
from app.views.widgets.translatable import Retranslatable

log = logging.getLogger(__name__)


class CopyFolderBox(Retranslatable, QGroupBox):
    """Shows the extra copy folder (or none), and lets people choose one or stop copying.

    A folder that is not there now (a USB stick unplugged) is said in words next to it.
    """

    def __init__(self, backups: BackupService, parent: QWidget | None = None):
        super().__init__(parent)
        self.backups = backups
        self.folder_label = paragraph(selectable=True)
        self.note = paragraph(selectable=True)
        self.choose_button = QPushButton()
        self.stop_button = QPushButton()
        buttons = QHBoxLayout()
        for button, slot in (
            (self.choose_button, self._on_choose_button_clicked),
            (self.stop_button, self._on_stop_button_clicked),
        ):
            button.setAutoDefault(False)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.folder_label)
        layout.addWidget(self.note)
        layout.addLayout(buttons)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setTitle(_("Extra copy folder"))
        self.setAccessibleName(_("Extra copy folder"))
        self.folder_label.setAccessibleName(_("Extra copy folder in use"))
        self.note.setAccessibleName(_("Extra copy folder not available"))
        self.note.setText(
            _(
                "That folder is not available now (is the USB stick plugged in?). Backups are "
                "still made on this computer."
            )
        )
        self.choose_button.setText(_("&Choose…"))
        self.choose_button.setAccessibleName(_("Choose the extra copy folder"))
        self.stop_button.setText(_("S&top copying"))
        self.stop_button.setAccessibleName(_("Stop copying backups to that folder"))
        self.refresh()

    def refresh(self) -> None:
        """Show the folder the settings name now."""
        folder = self.backups.copy_folder()
        if folder is None:
            text = _(
                "None: the backups are kept only on this computer. Choose a folder on a USB "
                "stick or another disk to keep a second copy of every backup there."
            )
        else:
            text = _("Every backup is also copied to {folder}").format(folder=folder)
        self.folder_label.setText(text)
        self.note.setVisible(folder is not None and not folder.is_dir())
        self.stop_button.setEnabled(folder is not None)

    def _on_choose_button_clicked(self) -> None:
        start = self.backups.copy_folder() or Path.home()
        title = _("Choose the extra copy folder")
        chosen = QFileDialog.getExistingDirectory(self, title, str(start))
        if chosen:
            self._set_folder(Path(chosen))

    def _on_stop_button_clicked(self) -> None:
        self._set_folder(None)

    def _set_folder(self, folder: Path | None) -> None:
        try:
            self.backups.set_copy_folder(folder)
        except TejidoError as error:  # a missing folder, or the data folder itself
            show_error(self, error)
        else:
            log.info("extra backup copy folder %s", "chosen" if folder else "dropped")
        self.refresh()
