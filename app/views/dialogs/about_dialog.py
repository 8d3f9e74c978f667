"""About Tejido: what it is, its version, where the data lives, the licence, the versions."""

from __future__ import annotations

import logging
import platform
import sqlite3

import PySide6
from PySide6.QtCore import QUrl, qVersion
from PySide6.QtGui import QDesktopServices, QFont
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME, __version__
from app.i18n import _
from app.services.registry import Services
from app.views.widgets.paragraph import paragraph
from app.views.widgets.translatable import Retranslatable

log = logging.getLogger(__name__)

LICENCE = "GPL-3.0-or-later"


def versions_text() -> str:
    """The versions of the pieces Tejido runs on (not translated: it is for whoever helps)."""
    return (
        f"Qt {qVersion()} · PySide6 {PySide6.__version__} · "
        f"Python {platform.python_version()} · SQLite {sqlite3.sqlite_version}"
    )


class AboutDialog(Retranslatable, QDialog):
    """Tejido's name, version, purpose, data folder (with a button to open it), licence and the
    versions it runs on, and the advice to encrypt the laptop's disk.
    """

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.title = paragraph(plain=False)
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.title.setFont(font)
        self.description = paragraph(plain=False)
        self.folder_label = paragraph(plain=False)
        self.folder_path = paragraph(selectable=True)
        self.folder_path.setText(str(services.folder.root))
        self.open_button = QPushButton()
        self.open_button.clicked.connect(self._on_open_button_clicked)
        self.licence = paragraph(plain=False)
        self.versions = paragraph(selectable=True, plain=False)
        self.versions.setText(versions_text())
        self.privacy = paragraph(plain=False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self._on_copy_button_clicked)
        self.buttons.rejected.connect(self.reject)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_path, 1)
        folder_row.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        for widget in (self.title, self.description, self.folder_label):
            layout.addWidget(widget)
        layout.addLayout(folder_row)
        for widget in (self.privacy, self.licence, self.versions):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self.retranslate_ui()
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setFocus()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("About Tejido"))
        self.title.setText(_("{name} {version}").format(name=APP_NAME, version=__version__))
        self.description.setText(
            _(
                "Tejido helps small social associations run a programme that strengthens the "
                "associative fabric of their territory: forum meetings and training capsules "
                "with their attendance and certificates, social mentoring, and a shared "
                "catalogue of good practices. It works offline on this computer, and the data "
                "belongs to your organisation."
            )
        )
        self.folder_label.setText(_("Your data is kept in this folder:"))
        self.folder_path.setAccessibleName(_("Data folder"))
        self.open_button.setText(_("Open folder"))
        self.open_button.setAccessibleName(_("Open the data folder"))
        self.privacy.setText(
            _(
                "Tejido holds personal data of the people in your programme. Protect this "
                "laptop with full-disk encryption (BitLocker on Windows, FileVault on macOS) "
                "and a password, so the data is safe if the laptop is lost or stolen."
            )
        )
        self.licence.setText(
            _(
                "Tejido is free software: you can share and change it under the terms of the "
                "GNU General Public License, version 3 or later ({licence})."
            ).format(licence=LICENCE)
        )
        self.versions.setAccessibleName(_("Versions"))
        self.copy_button.setText(_("Copy details"))
        self.copy_button.setToolTip(
            _("Copy the version and the data folder, for whoever helps you with Tejido.")
        )

    def details(self) -> str:
        """What someone helping would ask for: versions and the data folder."""
        return f"{APP_NAME} {__version__}\n{versions_text()}\n{self.services.folder.root}"

    def _on_open_button_clicked(self) -> None:
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.services.folder.root))):
            log.warning("the data folder could not be opened in the file manager")
            QMessageBox.information(
                self,
                _("Open folder"),
                _(
                    "The folder could not be opened here. Its path is shown in this window: "
                    "select it and open it from your file manager."
                ),
            )

    def _on_copy_button_clicked(self) -> None:
        QApplication.clipboard().setText(self.details())
