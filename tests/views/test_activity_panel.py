"""The activity panel over real services: the header, each page filled, the doors to the roster,
the attendance import and the exports, and the signals the Activities tab listens to."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QApplication, QDialog

import app.views.activity_sessions_page as sessions_module
from app.views.activity_panel import ActivityPanel
from tests.views.activity_fixtures import build_activity


@pytest.fixture
def panel(qtbot, services) -> ActivityPanel:
    widget = ActivityPanel(services)
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.show()
    return widget


@pytest.fixture
def built(services):
    return build_activity(services)


def texts(model, column: int) -> list[str]:
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_without_an_activity_a_hint_is_shown(panel):
    panel.show_activity(None)
    assert panel.stack.currentIndex() == 0
    assert "Choose an activity" in panel.empty.text()
    panel.show_activity("no-such-id")  # gone since the list was read: the hint, no error
    assert panel.stack.currentIndex() == 0


def test_the_header_says_what_the_activity_is(panel, built):
    panel.show_activity(built.activity_id)
    assert panel.stack.currentIndex() == 1
    assert panel.title.text() == "Gestión del voluntariado"
    facts = {key: label.text() for key, label in panel.fact_values.items()}
    assert facts["kind"] == "Training capsule · Open for registration"
    assert facts["rule"] == "At least 75 % of the sessions and 6 h"
    assert facts["places"] == "3 of 3 places taken · 1 on the waiting list"
    assert facts["team"] == "Facilitation: Fernanda Díaz"
    assert facts["venue"] == "Centro cívico Norte"
    assert "4 sessions" in facts["dates"]


def test_show_activity_fills_each_page_as_it_is_shown(panel, built):
    panel.show_activity(built.activity_id)
    sessions = panel.sessions.model
    assert sessions.rowCount() == 4
    assert texts(sessions, 2) == ["3 of 4 present"] * 2 + ["2 of 4 present", "Upcoming"]
    assert texts(sessions, 4) == ["Sala 1"] * 4
    assert texts(sessions, 3)[0] == "2 h"
    assert panel.sessions.table.current_row() == 3  # the next session is chosen for the roster
    assert panel.people.model.rowCount() == 0  # not read until shown
    panel.pages.setCurrentWidget(panel.people)
    people = dict(zip(texts(panel.people.model, 0), texts(panel.people.model, 1), strict=True))
    assert people == {
        "Ana Pérez": "Registered",
        "Beatriz Núñez": "Registered",
        "Carlos Gil": "Registered",
        "Daniel Ortega": "Waiting list (1)",
        "Fernanda Díaz": "Registered",
    }
    panel.pages.setCurrentWidget(panel.completion)
    assert panel.completion.counts.text() == "2 completed, 1 at risk, 1 not completed"
    panel.pages.setCurrentWidget(panel.evaluation)
    assert panel.evaluation.satisfaction.text() == "Satisfaction: 4.5 of 5 from 2 answers"
    assert panel.evaluation.usefulness.text() == "Usefulness: 4 of 5 from 1 answer"
    assert "• Captación de fondos" in panel.evaluation.topics.toPlainText()


def test_a_header_click_sorts_the_people_by_role(qtbot, panel, built):
    panel.show_activity(built.activity_id)
    panel.pages.setCurrentWidget(panel.people)
    table = panel.people.table
    table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    assert texts(panel.people.model, 0)[0] == "Fernanda Díaz"  # the facilitator first
    table.sortByColumn(4, Qt.SortOrder.AscendingOrder)  # registered on: in the order they came
    assert texts(panel.people.model, 0)[-1] == "Daniel Ortega"
    panel.refresh()  # the order chosen stays when the rows are read again
    panel.pages.setCurrentWidget(panel.people)
    assert texts(panel.people.model, 0)[-1] == "Daniel Ortega"


def test_every_model_passes_the_model_tester(qtmodeltester, panel, built):
    panel.show_activity(built.activity_id)
    for page in (panel.sessions, panel.people, panel.completion, panel.evaluation):
        panel.pages.setCurrentWidget(page)
        page.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        qtmodeltester.check(page.model)


def test_the_edit_button_asks_for_the_activity_form(qtbot, panel, built):
    panel.show_activity(built.activity_id)
    with qtbot.waitSignal(panel.edit_requested) as signal:
        qtbot.mouseClick(panel.edit_button, Qt.MouseButton.LeftButton)
    assert signal.args == [built.activity_id]


def test_an_activity_in_the_trash_is_shown_but_not_changed(panel, services, built):
    services.activities.delete([built.activity_id])
    panel.show_activity(built.activity_id)
    assert panel.title.text().endswith("(in the trash)")
    assert not panel.edit_button.isEnabled()
    assert not panel.sessions.take_button.isEnabled()
    assert not panel.people.add_button.isEnabled()


class FakeRoster(QDialog):
    changed = Signal()
    opened: list[str] = []

    def __init__(self, services, session_id, parent):
        super().__init__(parent)
        FakeRoster.opened.append(session_id)


def test_enter_on_a_session_opens_its_roster_and_marks_refresh_the_panel(
    qtbot, monkeypatch, services, panel, built
):
    FakeRoster.opened = []
    module = types.ModuleType("app.views.dialogs.roster_dialog")
    module.RosterDialog = FakeRoster
    monkeypatch.setitem(sys.modules, "app.views.dialogs.roster_dialog", module)
    monkeypatch.setattr(sessions_module, "ROSTER_SETTLE_MS", 10)
    panel.show_activity(built.activity_id)
    table = panel.sessions.table
    table.select(0)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert FakeRoster.opened == [built.session_ids[0]]
    roster = panel.sessions.roster
    assert roster is not None and roster.isVisible()
    services.attendance.mark(built.session_ids[0], built.people["carlos"], "present")
    with qtbot.waitSignal(panel.changed, timeout=2000):
        roster.changed.emit()
    assert panel.sessions.model.index(0, 2).data() == "4 of 4 present"
    panel.sessions.take_attendance()  # the same session: the open roster comes forward
    assert FakeRoster.opened == [built.session_ids[0]] and panel.sessions.roster is roster
    table.select(1)
    panel.sessions.take_attendance()  # another session: one roster at a time
    assert FakeRoster.opened == [built.session_ids[0], built.session_ids[1]]
    assert not roster.isVisible() and panel.sessions.roster is not roster
    with qtbot.waitSignal(panel.changed):
        panel.sessions.roster.close()
    assert panel.sessions.roster is None


def test_import_attendance_opens_the_import_for_the_selected_session(
    qtbot, monkeypatch, panel, built
):
    calls = []

    class FakeImport:
        def __init__(self, services, activity_id, parent, session_id=None, path=None):
            calls.append((activity_id, session_id))

        def exec(self):
            return QDialog.DialogCode.Accepted

    module = types.ModuleType("app.views.dialogs.attendance_import_dialog")
    module.AttendanceImportDialog = FakeImport
    monkeypatch.setitem(sys.modules, "app.views.dialogs.attendance_import_dialog", module)
    panel.show_activity(built.activity_id)
    panel.sessions.table.select(1)
    with qtbot.waitSignal(panel.changed):
        qtbot.mouseClick(panel.sessions.import_button, Qt.MouseButton.LeftButton)
    assert calls == [(built.activity_id, built.session_ids[1])]


def test_export_attendance_saves_a_workbook_and_says_where(
    qtbot, monkeypatch, tmp_path, panel, built
):
    target = tmp_path / "asistencia.xlsx"
    said: list[tuple[str, Path]] = []
    monkeypatch.setattr(sessions_module, "ask_save_path", lambda *args: target)
    monkeypatch.setattr(
        sessions_module, "show_saved", lambda _parent, _title, text, path: said.append((text, path))
    )
    panel.show_activity(built.activity_id)
    panel.sessions.export_action.trigger()
    qtbot.waitUntil(lambda: bool(said), timeout=5000)
    text, path = said[0]
    assert path == target and str(target) in text and "rows were saved" in text
    names = [row[0] for row in load_workbook(target).active.iter_rows(values_only=True)]
    assert "Ana Pérez" in names


def test_the_calendar_export_saves_every_session(qtbot, monkeypatch, tmp_path, panel, built):
    target = tmp_path / "sesiones.ics"
    said: list[str] = []
    monkeypatch.setattr(sessions_module, "ask_save_path", lambda *args: target)
    monkeypatch.setattr(
        sessions_module, "show_saved", lambda _p, _t, text, _path: said.append(text)
    )
    panel.show_activity(built.activity_id)
    panel.sessions.calendar_action.trigger()
    qtbot.waitUntil(lambda: bool(said), timeout=5000)
    assert said[0].startswith("4 sessions were saved")
    assert target.read_text(encoding="utf-8").count("BEGIN:VEVENT") == 4


def test_the_panel_follows_a_language_change(panel, built):
    panel.show_activity(built.activity_id)
    panel.pages.setCurrentWidget(panel.completion)
    QApplication.sendEvent(panel, QEvent(QEvent.Type.LanguageChange))
    assert panel.pages.tabText(2) == "&Completion"
    assert panel.fact_values["rule"].text() == "At least 75 % of the sessions and 6 h"


def test_the_real_roster_opens_for_the_selected_session(qtbot, panel, built):
    roster_module = pytest.importorskip("app.views.dialogs.roster_dialog")
    panel.show_activity(built.activity_id)
    panel.sessions.table.select(0)
    panel.sessions.take_attendance()
    roster = panel.sessions.roster
    assert isinstance(roster, roster_module.RosterDialog)
    with qtbot.waitSignal(panel.changed):
        roster.close()
