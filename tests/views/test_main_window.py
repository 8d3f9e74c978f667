"""The main window: tabs that work, the language switch, export of all data, start-up."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.i18n import current_language
from app.services.demo import fill_demo
from app.settings import load_settings
from app.views.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def window(qtbot, services):
    fill_demo(services.db, "small")
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    return window


def test_tabs_are_the_profile_and_the_directory(window) -> None:
    texts = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert texts == ["Our organisation", "Directory"]
    assert window.directory_tab.people.model.total() == 400
    assert window.profile_tab.isEnabled()


def test_title_names_the_organisation(window) -> None:
    assert window.windowTitle().startswith("Red Tejido Asociativo")


def test_language_switch_is_live_and_remembered(window, qtbot, services) -> None:
    window.language_actions["es"].trigger()
    qtbot.waitUntil(lambda: window.tabs.tabText(1) != "Directory", timeout=3000)
    assert current_language() == "es"
    assert window.tabs.tabText(1) == "Directorio"
    assert load_settings(services.folder.root).language == "es"
    window.language_actions["en"].trigger()
    qtbot.waitUntil(lambda: window.tabs.tabText(1) == "Directory", timeout=3000)


def test_export_all_data_from_the_menu(window, qtbot, tmp_path, monkeypatch) -> None:
    target = tmp_path / "all.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: shown.append(a))
    window.export_all_action.trigger()
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    document = json.loads(target.read_text(encoding="utf-8"))
    assert len(document["people"]) == 400


def test_dropping_a_spreadsheet_opens_the_import(window, monkeypatch, tmp_path) -> None:
    opened = []
    monkeypatch.setattr(window, "_on_import_people", lambda path=None: opened.append(path))
    sheet = tmp_path / "gente.csv"
    sheet.write_text("Nombre;Correo\nAna;ana@example.org\n", encoding="utf-8")
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(sheet))])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    assert opened == [sheet]


def test_the_program_starts_and_quits_cleanly(tmp_path: Path) -> None:
    """The real program, as a process: demo data, the window, a clean exit, no traceback."""
    data_dir = tmp_path / "data"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TEJIDO_EXIT_AFTER_START="1")
    subprocess.run(
        [sys.executable, "-m", "app", "demo", "--data-dir", str(data_dir)],
        check=True,
        cwd=ROOT,
        env=env,
        capture_output=True,
    )
    result = subprocess.run(
        [sys.executable, "-m", "app", "--data-dir", str(data_dir)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert not (data_dir / "running.marker").exists()  # a clean exit was recorded
