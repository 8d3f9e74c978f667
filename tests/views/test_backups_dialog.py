"""The Backups window over real services: list, back up now, restore, extra copy folder."""

from __future__ import annotations

import gettext
import re
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

import app.i18n
from app.services.backups import BackupService
from app.services.people import PersonData
from app.services.registry import Services
from app.views.backups_table_model import BackupsTableModel, reason_label, size_label
from app.views.dialogs.backups_dialog import BackupsDialog


class Answers:
    """Stands in for the message boxes: records what was said, answers Yes to questions."""

    def __init__(self) -> None:
        self.questions: list[str] = []
        self.told: list[str] = []
        self.warned: list[str] = []
        self.threads: set[threading.Thread] = set()

    def install(self, monkeypatch: pytest.MonkeyPatch) -> Answers:
        def question(_parent, _title, text, *_args, **_kwargs):  # type: ignore[no-untyped-def]
            self.questions.append(text)
            return QMessageBox.StandardButton.Yes

        monkeypatch.setattr(QMessageBox, "question", staticmethod(question))

        def say(into: list[str]):  # type: ignore[no-untyped-def]
            def box(_parent, _title, text, *_args, **_kwargs):  # type: ignore[no-untyped-def]
                self.threads.add(threading.current_thread())
                into.append(text)

            return staticmethod(box)

        monkeypatch.setattr(QMessageBox, "information", say(self.told))
        monkeypatch.setattr(QMessageBox, "warning", say(self.warned))
        return self


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    return Answers().install(monkeypatch)


def backups_of(services: Services) -> BackupService:
    return getattr(services, "backups", None) or BackupService(services.db, services.folder)


def open_dialog(qtbot, services: Services) -> BackupsDialog:  # type: ignore[no-untyped-def]
    dialog = BackupsDialog(services)
    qtbot.addWidget(dialog)
    return dialog


def cells(dialog: BackupsDialog, column: int) -> list[str]:
    model = dialog.model
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_lists_the_backups_newest_first(qtbot, services: Services) -> None:  # type: ignore[no-untyped-def]
    backups = backups_of(services)
    older = backups.make_now("manual")
    newer = backups.make_now("before-import")
    dialog = open_dialog(qtbot, services)
    assert cells(dialog, 3) == [newer.path.name, older.path.name]
    assert cells(dialog, 1) == ["Before an import", "Made by hand"]
    assert all(text.endswith("KB") for text in cells(dialog, 2))
    assert dialog.selected_backup() == newer  # the newest is selected, ready to restore


def test_back_up_now_adds_a_backup(qtbot, services: Services, answers: Answers) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, services)
    assert dialog.model.rowCount() == 0
    assert not dialog.restore_button.isEnabled()
    dialog.show()
    qtbot.mouseClick(dialog.backup_now_button, Qt.MouseButton.LeftButton)
    assert not dialog.backup_now_button.isEnabled()  # no second backup while this one runs
    dialog.reject()
    assert dialog.isVisible()  # and the window stays open until it is done
    qtbot.waitUntil(lambda: len(answers.told) == 1, timeout=10000)
    assert dialog.backup_now_button.isEnabled()
    assert dialog.model.rowCount() == 1
    made = backups_of(services).list()[0]
    assert str(made.path) in answers.told[0]
    assert dialog.selected_backup() == made
    assert dialog.restore_button.isEnabled()
    assert answers.threads == {threading.main_thread()}  # widgets are touched on the GUI thread


def test_restore_brings_the_old_data_back(qtbot, services: Services, answers: Answers) -> None:  # type: ignore[no-untyped-def]
    backups = backups_of(services)
    backups.make_now("manual")
    services.people.save(PersonData(full_name="Marta Soler"))
    assert services.people.count() == 1
    dialog = open_dialog(qtbot, services)
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(answers.told) == 1, timeout=10000)
    assert "backs up your data as it is now" in answers.questions[0]
    assert services.people.count() == 0
    safety = [b for b in backups.list() if b.reason == "before-restore"]
    assert len(safety) == 1
    assert str(safety[0].path) in answers.told[0]
    assert dialog.restored is not None and dialog.restored.safety == safety[0]
    assert "Before a restore" in cells(dialog, 1)


def test_restore_from_a_file_elsewhere(
    qtbot, services: Services, answers: Answers, monkeypatch, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    on_stick = tmp_path / "stick" / "copy.db"
    on_stick.parent.mkdir()
    backups_of(services).save_copy(on_stick)
    services.people.save(PersonData(full_name="Marta Soler"))
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(on_stick), ""))
    )
    dialog = open_dialog(qtbot, services)
    qtbot.mouseClick(dialog.restore_file_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(answers.told) == 1, timeout=10000)
    assert str(on_stick) in answers.questions[0]
    assert services.people.count() == 0
    assert [b.reason for b in backups_of(services).list()] == ["before-restore"]


def test_a_file_that_is_not_a_backup_changes_nothing(
    qtbot, services: Services, answers: Answers, monkeypatch, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    services.people.save(PersonData(full_name="Marta Soler"))
    notes = tmp_path / "notes.db"
    notes.write_text("not a database")
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(notes), ""))
    )
    dialog = open_dialog(qtbot, services)
    qtbot.mouseClick(dialog.restore_file_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(answers.warned) == 1, timeout=10000)
    assert "not a Tejido backup" in answers.warned[0]
    assert services.people.count() == 1
    assert dialog.restored is None


def test_saying_no_restores_nothing(qtbot, services: Services, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    backups_of(services).make_now("manual")
    services.people.save(PersonData(full_name="Marta Soler"))
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.No)
    )
    dialog = open_dialog(qtbot, services)
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert dialog.job is None
    assert services.people.count() == 1


def test_extra_copy_folder_gets_the_next_backup(
    qtbot, services: Services, answers: Answers, monkeypatch, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    stick = tmp_path / "stick"
    stick.mkdir()
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(stick))
    )
    dialog = open_dialog(qtbot, services)
    assert not dialog.copy_box.stop_button.isEnabled()
    qtbot.mouseClick(dialog.copy_box.choose_button, Qt.MouseButton.LeftButton)
    assert backups_of(services).copy_folder() == stick
    assert str(stick) in dialog.copy_box.folder_label.text()
    assert dialog.copy_box.stop_button.isEnabled()
    qtbot.mouseClick(dialog.backup_now_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(answers.told) == 1, timeout=10000)
    made = backups_of(services).list()[0]
    own = backups_of(services).copy_subfolder()  # each data folder has its own on the stick
    assert own.parent == stick
    assert (own / made.path.name).is_file()
    assert str(own / made.path.name) in answers.told[0]


def test_missing_copy_folder_is_a_warning_not_a_failure(
    qtbot, services: Services, answers: Answers, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    stick = tmp_path / "stick"
    stick.mkdir()
    backups_of(services).set_copy_folder(stick)
    stick.rmdir()  # the USB stick was unplugged
    dialog = open_dialog(qtbot, services)
    assert not dialog.copy_box.note.isHidden()
    qtbot.mouseClick(dialog.backup_now_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(answers.warned) == 1, timeout=10000)
    assert "not available" in answers.warned[0]
    assert dialog.model.rowCount() == 1


def test_choosing_the_data_folder_is_refused_in_plain_words(
    qtbot, services: Services, answers: Answers, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    backups_dir = services.folder.backups
    backups_dir.mkdir(parents=True, exist_ok=True)
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(backups_dir))
    )
    dialog = open_dialog(qtbot, services)
    qtbot.mouseClick(dialog.copy_box.choose_button, Qt.MouseButton.LeftButton)
    assert answers.warned == ["Choose a folder on another disk, such as a USB stick."]
    assert backups_of(services).copy_folder() is None


def test_stop_copying(qtbot, services: Services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    backups_of(services).set_copy_folder(tmp_path)
    dialog = open_dialog(qtbot, services)
    qtbot.mouseClick(dialog.copy_box.stop_button, Qt.MouseButton.LeftButton)
    assert backups_of(services).copy_folder() is None
    assert not dialog.copy_box.stop_button.isEnabled()


def test_save_a_copy(
    qtbot, services: Services, answers: Answers, monkeypatch, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "copy"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    dialog = open_dialog(qtbot, services)
    qtbot.mouseClick(dialog.save_copy_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(answers.told) == 1, timeout=10000)
    assert (tmp_path / "copy.db").is_file()
    assert str(tmp_path / "copy.db") in answers.told[0]


def test_every_control_has_an_accessible_name(qtbot, services: Services) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QPushButton, QTableView

    dialog = open_dialog(qtbot, services)
    controls = dialog.findChildren(QPushButton) + dialog.findChildren(QTableView)
    assert controls and all(control.accessibleName() for control in controls)


def test_escape_closes(qtbot, services: Services) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, services)
    dialog.show()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_show_folder_opens_the_backups_folder(qtbot, services: Services, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    backups_of(services).make_now()
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    dialog = open_dialog(qtbot, services)
    qtbot.mouseClick(dialog.show_folder_button, Qt.MouseButton.LeftButton)
    assert opened == [QUrl.fromLocalFile(str(services.folder.backups))]


def test_texts_follow_a_language_change(qtbot, services: Services, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    class Shouting(gettext.NullTranslations):
        def gettext(self, message: str) -> str:
            return re.sub(r"[^{}]+(?=\{|$)", lambda m: m.group().upper(), message)

    backups_of(services).make_now()
    dialog = open_dialog(qtbot, services)
    monkeypatch.setattr(app.i18n, "_current", Shouting())
    QApplication.sendEvent(dialog, QEvent(QEvent.Type.LanguageChange))
    assert dialog.windowTitle() == "BACKUPS"
    assert dialog.backup_now_button.text() == "BACK UP &NOW"
    assert dialog.model.headerData(0, Qt.Orientation.Horizontal) == "MADE ON"
    assert dialog.model.index(0, 1).data() == "MADE BY HAND"
    assert dialog.copy_box.title() == "EXTRA COPY FOLDER"
    assert dialog.copy_box.choose_button.text() == "&CHOOSE…"


def test_labels() -> None:
    assert reason_label("automatic") == "Daily (automatic)"
    assert reason_label("before-something-new") == "Before something new"
    assert size_label(300) == "1 KB"
    assert size_label(2_621_440) == "2.5 MB"


def test_model_passes_qtmodeltester(qtmodeltester, services: Services) -> None:  # type: ignore[no-untyped-def]
    backups = backups_of(services)
    backups.make_now("manual")
    backups.make_now("automatic")
    model = BackupsTableModel()
    model.set_rows(backups.list())
    assert model.rowCount() == 2
    qtmodeltester.check(model)
