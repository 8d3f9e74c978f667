"""Setting up sync: choose the shared folder and this laptop's name; problems show by their
field; OK prepares sync in the background and a first pass follows; sync can be stopped."""

from __future__ import annotations

import platform

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from app.views.main_window import MainWindow
from app.views.sync.setup_dialog import SetupDialog


@pytest.fixture
def shared(tmp_path):
    folder = tmp_path / "shared"
    folder.mkdir()
    return folder


@pytest.fixture
def dialog(qtbot, services):
    dialog = SetupDialog(services.sync)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_laptop_is_named_after_the_computer_and_the_folder_explained(dialog) -> None:
    assert dialog.name_edit.text() == platform.node()
    assert "same shared folder on every laptop" in dialog.intro.text()
    assert dialog.windowTitle() == "Set up sync"
    assert dialog.stop_button.isHidden()


def test_choose_a_folder_and_start_syncing(qtbot, dialog, services, shared, monkeypatch) -> None:
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(shared))
    dialog.browse_button.click()
    assert dialog.folder_edit.text() == str(shared)
    dialog.name_edit.setText("  Office   laptop ")
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        dialog.accept()
    assert dialog.set_up
    settings = services.sync.settings()
    assert settings.enabled and settings.device_name == "Office laptop"
    assert (shared / "Tejido-sync" / "FORMAT.json").is_file()


def test_a_missing_folder_is_said_under_the_folder(qtbot, dialog, tmp_path) -> None:
    dialog.folder_edit.setText(str(tmp_path / "nowhere"))
    dialog.accept()
    qtbot.waitUntil(lambda: bool(dialog.fields.error_text("folder")), timeout=10000)
    assert "does not exist" in dialog.fields.error_text("folder")
    assert dialog.isVisible() and not dialog.set_up


def test_an_empty_folder_or_name_is_said_under_its_field(qtbot, dialog, shared) -> None:
    dialog.accept()
    assert dialog.fields.error_text("folder") == "Choose a shared folder."
    dialog.folder_edit.setText(str(shared))
    dialog.name_edit.setText("   ")
    dialog.accept()
    qtbot.waitUntil(lambda: bool(dialog.fields.error_text("device_name")), timeout=10000)
    assert dialog.fields.error_text("device_name") == "Give this laptop a name."
    assert dialog.fields.error_text("folder") == ""
    assert dialog.isVisible()


def when_modal(callback) -> None:  # type: ignore[no-untyped-def]
    """Call ``callback(dialog)`` once a modal dialog is open (the test's hand on the screen)."""

    def poke() -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, SetupDialog):
            callback(modal)
        else:
            QTimer.singleShot(20, poke)

    QTimer.singleShot(20, poke)


def test_set_up_from_the_menu_then_a_first_pass(qtbot, services, shared) -> None:
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()

    def fill(dialog: SetupDialog) -> None:
        dialog.folder_edit.setText(str(shared))
        dialog.name_edit.setText("Laptop A")
        dialog.accept()

    when_modal(fill)
    window.sync.menu.setup_action.trigger()
    qtbot.waitUntil(
        lambda: window.statusBar().currentMessage().startswith("Synced at"), timeout=10000
    )
    assert window.sync.menu.setup_action.text() == "Sync &settings…"
    assert window.sync.menu.panel_action.isEnabled()
    assert list((shared / "Tejido-sync" / "devices").iterdir())  # this laptop is there


def test_stop_syncing_asks_first(qtbot, services, shared, monkeypatch) -> None:
    services.sync.set_up(shared, "Laptop A")
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Yes]
    asked = []

    def question(*args, **kwargs):  # type: ignore[no-untyped-def]
        asked.append(args[2])
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", question)
    dialog = SetupDialog(services.sync)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.windowTitle() == "Sync settings"
    assert dialog.folder_edit.text() == str(shared / "Tejido-sync")
    assert dialog.name_edit.text() == "Laptop A"
    dialog.stop_button.click()
    assert services.sync.settings().enabled and dialog.isVisible()
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        dialog.stop_button.click()
    assert "Stop syncing this laptop?" in asked[0]
    assert dialog.turned_off and not services.sync.settings().enabled


def test_settings_again_keep_the_same_exchange_folder(qtbot, services, shared) -> None:
    services.sync.set_up(shared, "Laptop A")
    dialog = SetupDialog(services.sync)
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("Laptop A2")
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        dialog.accept()
    assert services.sync.settings().folder == str(shared / "Tejido-sync")
    assert services.sync.settings().device_name == "Laptop A2"
