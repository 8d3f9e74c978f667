"""The sync panel: the laptops (with a clock warning), when this one last synced, what it brought,
changes not sent yet, files waiting for review (Apply works), incomplete files, renaming."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from app.services.people import PersonData
from app.services.sync.devices import DeviceInfo
from app.services.sync.service import HeldBatch
from app.views.main_window import MainWindow
from app.views.sync.sync_models import (
    DevicesTableModel,
    HeldTableModel,
    IncompleteTableModel,
    ago,
    brought_words,
    clock_warning,
)
from app.views.sync.sync_panel import SyncPanel
from tests.services.sync.faults_helpers import close, laptop


@pytest.fixture
def shared(tmp_path):
    folder = tmp_path / "shared"
    folder.mkdir()
    return folder


@pytest.fixture
def laptops(tmp_path, shared):
    a, b = laptop(tmp_path, "Laptop A", shared), laptop(tmp_path, "Laptop B", shared)
    yield a, b
    close(a)
    close(b)


def open_panel(qtbot, services) -> tuple[MainWindow, SyncPanel]:
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    window.sync.menu.panel_action.trigger()
    panel = window.sync.panel
    assert panel is not None and panel.isVisible() and not panel.isModal()
    return window, panel


def column(model, col: int, role=Qt.ItemDataRole.DisplayRole) -> list:  # type: ignore[no-untyped-def]
    return [model.index(row, col).data(role) for row in range(model.rowCount())]


def test_the_panel_lists_both_laptops_and_what_the_last_sync_brought(
    qtbot, laptops, shared, qtmodeltester
) -> None:
    a, b = laptops
    a.people.save(PersonData(full_name="Ana García"))
    a.sync.run_pass()
    b.sync.run_pass()
    _window, panel = open_panel(qtbot, b)
    assert panel.folder.text() == str(shared / "Tejido-sync")
    assert panel.last_sync.text() == "Just now"
    assert panel.last_sync.toolTip()  # the exact time
    assert column(panel.devices_model, 0) == ["Laptop A", "Laptop B (this laptop)"]
    assert column(panel.devices_model, 1) == ["Just now", "Just now"]
    assert "Person: 1" in panel.brought.text()
    assert panel.pending.text() == "Every change made here has been sent."
    assert panel.held_box.isHidden() and panel.incomplete_box.isHidden()
    qtmodeltester.check(panel.devices_model)


def test_changes_not_sent_yet_are_counted(qtbot, laptops) -> None:
    a, _b = laptops
    _window, panel = open_panel(qtbot, a)
    a.people.save(PersonData(full_name="Ana García"))
    panel.refresh()
    assert "made here are not sent yet" in panel.pending.text()
    assert panel.brought.text() == "Nothing yet: this laptop has not synced yet."
    assert panel.last_sync.text() == "Never"
    panel.sync_now_button.click()
    qtbot.waitUntil(
        lambda: panel.pending.text() == "Every change made here has been sent.", timeout=10000
    )
    assert panel.last_sync.text() == "Just now"


def test_a_laptop_whose_clock_is_ahead_is_pointed_out(qtbot, qtmodeltester) -> None:
    now = datetime.now(UTC).replace(tzinfo=None)
    model = DevicesTableModel()
    model.set_rows(
        [
            DeviceInfo("a", "Laptop A", now, 0, 3, True),
            DeviceInfo("b", "Laptop B", now - timedelta(minutes=2), 3 * 86400 + 60, 5, False),
        ]
    )
    qtmodeltester.check(model)
    assert column(model, 2) == ["", "Laptop B's clock is 3 days ahead"]
    icons = column(model, 2, Qt.ItemDataRole.DecorationRole)
    assert icons[0] is None and not icons[1].isNull()
    assert column(model, 1)[1] == "2 minutes ago"
    assert clock_warning(DeviceInfo("c", "C", None, 0, 0, False)) == ""
    assert model.index(1, 1).data(Qt.ItemDataRole.ToolTipRole).startswith("Last seen on")
    assert model.index(1, 2).data(Qt.ItemDataRole.ToolTipRole) == column(model, 2)[1]


def test_a_clock_ahead_in_the_shared_folder_shows_in_the_panel(qtbot, laptops, shared) -> None:
    a, b = laptops
    b.sync.run_pass()
    device = b.sync.settings().device_id
    status_file = shared / "Tejido-sync" / "devices" / device / "status.json"
    status = json.loads(status_file.read_text())
    status["clock_ms"] += 2 * 86400 * 1000
    status_file.write_text(json.dumps(status))
    a.sync.run_pass()
    _window, panel = open_panel(qtbot, a)
    assert "Laptop B's clock is 2 days ahead" in column(panel.devices_model, 2)


def test_the_models_pass_the_model_tester(qtmodeltester) -> None:
    held = HeldTableModel()
    held.set_rows([HeldBatch("abc", "Laptop B", 4, 120, {"attendance": 57, "people": 3})])
    qtmodeltester.check(held)
    assert column(held, 2) == ["Attendance: 57, Person: 3"]
    assert held.index(0, 0).data(Qt.ItemDataRole.UserRole) == "abc"
    incomplete = IncompleteTableModel()
    when = datetime.now(UTC).replace(tzinfo=None) - timedelta(hours=3)
    incomplete.set_rows([("devices/x/log/000000000001-ab.json", "incomplete", when)])
    qtmodeltester.check(incomplete)
    assert column(incomplete, 0) == ["000000000001-ab.json"]
    assert column(incomplete, 2) == ["3 hours ago"]
    assert incomplete.rowCount(incomplete.index(0, 0)) == 0
    assert DevicesTableModel().rowCount(QModelIndex()) == 0


def test_ago_in_spanish() -> None:
    from app.i18n import set_language

    set_language("es")
    now = datetime(2026, 3, 1, 10, 0)
    assert ago(now - timedelta(minutes=2), now) == "hace 2 minutos"


def click_in_box(text: str) -> None:
    """Click the button ``text`` of the message box once it is open."""

    def poke() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            next(b for b in box.buttons() if b.text() == text).click()
        else:
            QTimer.singleShot(20, poke)

    QTimer.singleShot(20, poke)


def test_a_held_file_waits_for_review_and_apply_applies_it(qtbot, laptops) -> None:
    a, b = laptops
    ids = [a.people.save(PersonData(full_name=f"Person {n:02d}")).id for n in range(55)]
    a.sync.run_pass()
    b.sync.run_pass()
    b.people.delete(ids)
    b.sync.run_pass()
    window, panel = open_panel(qtbot, a)
    window.sync.run_automatic()
    qtbot.waitUntil(lambda: window.sync.busy == 0, timeout=10000)
    assert "review it in Sync" in window.statusBar().currentMessage()
    assert QApplication.activeModalWidget() is None  # nothing popped up
    assert window.sync.review_badge.text() == "⚠ 1 file to review"  # stays in the status bar
    panel.close()
    window.sync.review_badge.click()
    assert panel.isVisible() and panel.held_box.isVisible()
    assert column(panel.held_model, 0) == ["Laptop B"]
    assert column(panel.held_model, 2) == ["Person: 55"]
    click_in_box("Not now")
    panel.review_button.click()
    assert a.people.count() == 55 and panel.held_box.isVisible()
    click_in_box("Apply")
    panel.review_button.click()
    qtbot.waitUntil(lambda: panel.held_box.isHidden(), timeout=10000)
    assert window.sync.review_badge.isHidden()
    assert a.people.count() == 0
    assert window.directory_tab.people.model.total() == 0


def test_incomplete_files_are_listed_and_explained(qtbot, laptops, shared) -> None:
    a, b = laptops
    b.sync.run_pass()
    log_dir = shared / "Tejido-sync" / "devices" / b.sync.settings().device_id / "log"
    log_dir.mkdir(parents=True, exist_ok=True)
    (log_dir / "000000000042-deadbeef.json").write_text('{"format": "tej')
    a.sync.run_pass()
    _window, panel = open_panel(qtbot, a)
    assert panel.incomplete_box.isVisible()
    assert column(panel.incomplete_model, 0) == ["000000000042-deadbeef.json"]
    assert column(panel.incomplete_model, 2) == ["Just now"]
    assert "it never deletes them" in panel.incomplete_intro.text()


def test_rename_this_laptop(qtbot, laptops) -> None:
    a, _b = laptops
    window, panel = open_panel(qtbot, a)
    panel.name_edit.setText("   ")
    panel.rename_button.click()
    assert panel.fields.error_text("device_name") == "Give this laptop a name."
    panel.name_edit.setText("Office laptop")
    panel.rename_button.click()
    assert panel.fields.error_text("device_name") == ""
    assert a.sync.settings().device_name == "Office laptop"
    window.sync.run_automatic()
    qtbot.waitUntil(lambda: window.sync.busy == 0, timeout=10000)
    assert "Office laptop (this laptop)" in column(panel.devices_model, 0)


def test_the_panel_opens_the_conflicts_inbox(qtbot, laptops, monkeypatch) -> None:
    from app.views.sync import conflicts_inbox

    opened = []
    monkeypatch.setattr(conflicts_inbox, "open_conflicts_inbox", lambda *a: opened.append(a))
    window, panel = open_panel(qtbot, laptops[0])
    assert panel.conflicts_button.text() == "&Conflicts…"
    panel.conflicts_button.click()
    assert opened == [(window, laptops[0])]


def test_a_reopened_panel_shows_fresh_state(qtbot, laptops) -> None:
    a, b = laptops
    window, panel = open_panel(qtbot, a)
    panel.close()
    b.people.save(PersonData(full_name="Berta"))
    b.sync.run_pass()
    a.sync.run_pass()
    window.sync.update_state()
    window.sync.menu.panel_action.trigger()
    assert panel.isVisible() and "Person: 1" in panel.brought.text()


def test_a_long_list_of_what_was_brought_is_cut_short() -> None:
    brought = {"attendance": 50, "people": 40, "organisations": 30, "consents": 3}
    assert brought_words(brought) == "Attendance: 50, Person: 40, Organisation: 30, Consent: 3"
    brought.update(memberships=2, activities=1)
    assert brought_words(brought) == (
        "Attendance: 50, Person: 40, Organisation: 30 and 3 other kinds of record"
    )
