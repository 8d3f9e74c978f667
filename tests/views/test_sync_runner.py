"""Sync from the main window: Sync now brings the other laptop's records into the lists, the
badge counts conflicts, automatic passes stay in the status bar, and closing sends changes (and
never hangs, even when the shared folder is gone)."""

from __future__ import annotations

import shutil
import time
from dataclasses import replace

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from app.services.people import PersonData
from app.views.main_window import MainWindow
from app.views.sync import sync_runner
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


@pytest.fixture
def boxes(monkeypatch):
    """Message boxes that would have been shown (none is, in these tests)."""
    shown: list[tuple] = []
    for kind in ("warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, kind, lambda *a, **k: shown.append(a))
    return shown


def open_window(qtbot, services) -> MainWindow:
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    return window


def names_listed(window: MainWindow) -> list[str]:
    model = window.directory_tab.people.model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def status_text(window: MainWindow) -> str:
    return window.statusBar().currentMessage()


def test_sync_now_on_both_laptops_shows_the_new_person_on_the_other(qtbot, laptops, boxes) -> None:
    a, b = laptops
    window_a, window_b = open_window(qtbot, a), open_window(qtbot, b)
    a.people.save(PersonData(full_name="Ana García", email="ana@example.org"))
    window_a.sync.menu.sync_now_action.trigger()
    qtbot.waitUntil(lambda: window_a.sync.busy == 0, timeout=10000)
    assert "Ana García" not in names_listed(window_b)
    window_b.sync.menu.sync_now_action.trigger()
    qtbot.waitUntil(lambda: "Ana García" in names_listed(window_b), timeout=10000)
    assert status_text(window_b).startswith("Synced at")
    assert boxes == []


def test_sync_now_is_f5_and_ctrl_shift_s(qtbot, laptops) -> None:
    window = open_window(qtbot, laptops[0])
    keys = [k.toString() for k in window.sync.menu.sync_now_action.shortcuts()]
    assert keys == ["F5", "Ctrl+Shift+S"]


def test_the_badge_counts_conflicts_and_opens_the_inbox(qtbot, laptops, monkeypatch) -> None:
    a, b = laptops
    person = a.people.save(PersonData(full_name="Ana García"))
    a.sync.run_pass()
    b.sync.run_pass()
    a.people.save(replace(a.people.get(person.id), phone="111111111"))
    b.people.save(replace(b.people.get(person.id), phone="222222222"))
    a.sync.run_pass()
    window = open_window(qtbot, b)
    assert window.sync.badge.isHidden()
    window.sync.menu.sync_now_action.trigger()
    qtbot.waitUntil(lambda: window.sync.badge.isVisible(), timeout=10000)
    assert window.sync.badge.text() == "⚠ 1 conflict"
    assert window.sync.menu.conflicts_action.text() == "&Conflicts (1)…"
    opened = []
    from app.views.sync import conflicts_inbox

    def settle(parent, services) -> None:  # type: ignore[no-untyped-def]
        opened.append((parent, services))
        conflict = services.sync.conflicts()[0]
        services.sync.keep(conflict, conflict.others[0].value)

    monkeypatch.setattr(conflicts_inbox, "open_conflicts_inbox", settle)
    window.sync.badge.click()
    assert opened == [(window, b)]
    assert window.sync.badge.isHidden()  # settled: the badge follows at once
    assert window.sync.menu.conflicts_action.text() == "&Conflicts…"


def test_automatic_pass_stays_in_the_status_bar(qtbot, laptops, boxes) -> None:
    a, b = laptops
    a.people.save(PersonData(full_name="Ana García"))
    a.sync.run_pass()
    window = open_window(qtbot, b)
    modal = []
    window.sync.run_automatic()
    window.sync.run_automatic()  # not while another pass runs
    assert window.sync.busy == 1
    assert status_text(window) == "Syncing…"
    qtbot.waitUntil(lambda: window.sync.busy == 0 and not modal, timeout=10000)
    modal.append(QApplication.activeModalWidget())
    assert modal == [None]
    assert status_text(window).startswith("Synced at")
    assert "1 record changed by the other laptops" in status_text(window)
    assert "Ana García" in names_listed(window)
    assert boxes == []


def test_automatic_pass_waits_while_a_form_is_open(qtbot, laptops, monkeypatch) -> None:
    window = open_window(qtbot, laptops[0])
    monkeypatch.setattr(QApplication, "activeModalWidget", staticmethod(lambda: window))
    window.sync.run_automatic()
    assert window.sync.busy == 0
    assert window.sync.soon.isActive()  # tried again a little later


def test_passes_start_shortly_after_the_window_shows_then_every_five_minutes(
    qtbot, laptops, monkeypatch
) -> None:
    monkeypatch.setattr(sync_runner, "START_DELAY_MS", 10)
    window = open_window(qtbot, laptops[0])
    window.sync.start()
    assert window.sync.timer.isActive()
    assert window.sync.timer.interval() == 5 * 60 * 1000
    qtbot.waitUntil(lambda: status_text(window).startswith("Synced at"), timeout=10000)


def test_an_unreachable_folder_is_said_in_the_status_bar(qtbot, laptops, shared, boxes) -> None:
    window = open_window(qtbot, laptops[0])
    shutil.rmtree(shared)
    window.sync.run_automatic()
    qtbot.waitUntil(lambda: status_text(window).startswith("Not synced:"), timeout=10000)
    assert "cannot be reached" in status_text(window)
    assert boxes == []


def test_closing_sends_this_laptops_changes(qtbot, laptops) -> None:
    a, b = laptops
    window = open_window(qtbot, a)
    a.people.save(PersonData(full_name="Ana García"))
    window.close()
    assert a.sync.status().pending == 0
    b.sync.run_pass()
    assert [p.full_name for p in b.people.list()] == ["Ana García"]


def test_closing_does_not_hang_when_the_folder_vanished(qtbot, laptops, shared, boxes) -> None:
    a, _b = laptops
    window = open_window(qtbot, a)
    a.people.save(PersonData(full_name="Ana García"))
    shutil.rmtree(shared)
    started = time.monotonic()
    assert window.close()
    assert time.monotonic() - started < 5
    assert not window.isVisible()
    assert boxes == []
    assert a.sync.status().pending > 0  # kept for the next time the folder is there


def test_closing_waits_for_a_pass_running(qtbot, laptops) -> None:
    a, b = laptops
    window = open_window(qtbot, a)
    a.people.save(PersonData(full_name="Ana García"))
    window.sync.run_automatic()
    window.close()
    assert window.sync.busy == 0
    b.sync.run_pass()
    assert [p.full_name for p in b.people.list()] == ["Ana García"]


def test_sync_now_before_set_up_opens_the_set_up(qtbot, services, monkeypatch) -> None:
    from app.views.sync import setup_dialog

    opened = []
    monkeypatch.setattr(setup_dialog.SetupDialog, "exec", lambda self: opened.append(self))
    window = open_window(qtbot, services)
    assert window.sync.menu.setup_action.text() == "Set &up sync…"
    assert not window.sync.menu.panel_action.isEnabled()
    window.sync.menu.sync_now_action.trigger()
    assert len(opened) == 1


def test_the_sync_menu_sits_between_file_and_language(qtbot, services) -> None:
    window = open_window(qtbot, services)
    titles = [action.text() for action in window.menuBar().actions()]
    assert titles == ["&File", "S&ync", "&Language", "&Help"]
