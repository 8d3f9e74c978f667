"""The About dialog: version, data folder, licence, versions, the advice to encrypt the disk."""

from __future__ import annotations

import gettext
import re
import sqlite3

import pytest
from PySide6.QtCore import QEvent, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox

import app.i18n
from app import __version__
from app.views.dialogs.about_dialog import AboutDialog


@pytest.fixture
def dialog(qtbot, services) -> AboutDialog:
    widget = AboutDialog(services)
    qtbot.addWidget(widget)
    return widget


def test_shows_the_version_the_data_folder_and_the_licence(dialog, data_dir) -> None:
    assert dialog.title.text() == f"Tejido {__version__}"
    assert dialog.folder_path.text() == str(data_dir)
    assert "GPL-3.0-or-later" in dialog.licence.text()
    assert "BitLocker" in dialog.privacy.text() and "FileVault" in dialog.privacy.text()
    assert f"SQLite {sqlite3.sqlite_version}" in dialog.versions.text()
    assert "Qt " in dialog.versions.text() and "Python " in dialog.versions.text()


def test_open_folder_opens_the_data_folder(dialog, data_dir, monkeypatch) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    dialog.open_button.click()
    assert opened == [QUrl.fromLocalFile(str(data_dir))]


def test_when_the_folder_cannot_be_opened_the_person_is_told(dialog, monkeypatch) -> None:
    told: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: False)
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: told.append(text))
    dialog.open_button.click()
    assert told and "file manager" in told[0]


def test_copy_details_puts_version_and_folder_on_the_clipboard(dialog, data_dir) -> None:
    dialog.copy_button.click()
    copied = QApplication.clipboard().text()
    assert __version__ in copied
    assert str(data_dir) in copied


def test_texts_are_set_again_when_the_language_changes(dialog, monkeypatch) -> None:
    class Shouting(gettext.NullTranslations):
        def gettext(self, message: str) -> str:
            return re.sub(r"[^{}]+(?=\{|$)", lambda m: m.group().upper(), message)

    monkeypatch.setattr(app.i18n, "_current", Shouting())
    QApplication.sendEvent(dialog, QEvent(QEvent.Type.LanguageChange))
    assert dialog.windowTitle() == "ABOUT TEJIDO"
    assert dialog.open_button.text() == "OPEN FOLDER"
    assert "BITLOCKER" in dialog.privacy.text()
