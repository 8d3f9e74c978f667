"""The attendance history over real services: search as you type, pages read as the list is
scrolled (a few kept in memory), the person opened from a row, export, language change."""

from __future__ import annotations

import gettext
import re
from dataclasses import replace
from datetime import date, time

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

import app.i18n
import app.views.attendance_history_model as history_model
from app.services.activities import ActivityData, SessionData
from app.services.demo import fill_demo
from app.services.people import PersonData
from app.services.text import fold
from app.views.attendance_history_model import PERSON_ROLE, AttendanceHistoryModel
from app.views.attendance_history_view import AttendanceHistoryView


@pytest.fixture
def demo(services):
    fill_demo(services.db, "small")  # about 1,200 marks
    return services


@pytest.fixture
def view(qtbot, services) -> AttendanceHistoryView:
    widget = AttendanceHistoryView(services)
    qtbot.addWidget(widget)
    widget.resize(1100, 600)
    widget.show()
    return widget


def counted(view: AttendanceHistoryView) -> bool:
    return view.model.is_counted()


def shown(view: AttendanceHistoryView, column: int, rows: int | None = None) -> list[str]:
    model = view.model
    return [model.index(row, column).data() for row in range(rows or model.rowCount())]


def a_session_with_marks(services, marks: dict[str, str]) -> str:
    """An activity with one past session where each named person has the given mark."""
    activity = services.activities.save(
        ActivityData(
            title="Taller de captación de fondos",
            kind="capsule",
            sessions=(SessionData(date(2025, 3, 4), time(10), time(12)),),
        )
    )
    session_id = activity.sessions[0].id
    for name, mark in marks.items():
        person = services.people.save(PersonData(full_name=name))
        services.registrations.register(activity.id, person.id)
        minutes = 90 if mark == "late" else None
        services.attendance.mark(session_id, person.id, mark, minutes=minutes, taken_by="Carmen")
    return activity.id


def test_the_list_shows_every_mark_with_its_translated_label(qtbot, services, view):
    assert view.status.text() == "0 marks"
    a_session_with_marks(services, {"José Núñez Ruiz": "late", "Ana Pérez": "excused"})
    view.refresh()
    qtbot.waitUntil(lambda: counted(view))
    assert view.status.text() == "2 marks"
    assert shown(view, 2) == ["Ana Pérez", "José Núñez Ruiz"]
    assert shown(view, 3) == ["Excused", "Late"]
    assert shown(view, 4) == ["", "90"]
    assert shown(view, 1) == ["Taller de captación de fondos"] * 2
    assert shown(view, 6) == ["Carmen", "Carmen"]
    assert shown(view, 0)[0] == "Mar 4, 2025"


def test_search_as_you_type_ignores_accents_and_case(qtbot, demo, view):
    qtbot.waitUntil(lambda: counted(view))
    everything = view.model.total()
    assert everything == demo.attendance.history_count() > 700
    qtbot.keyClicks(view.search, "NUNEZ")
    qtbot.waitUntil(lambda: view.model.query == "NUNEZ" and counted(view))
    people = set(shown(view, 2))
    assert people and all(
        "nunez" in fold(name) or "nunez" in fold(title)
        for name, title in zip(shown(view, 2), shown(view, 1), strict=True)
    )
    assert view.model.total() == demo.attendance.history_count("nunez") < everything
    assert view.status.text() == f"{view.model.total()} marks"
    view.search.clear()
    qtbot.waitUntil(lambda: view.model.query == "" and view.model.total() == everything)


def test_search_finds_an_activity_by_words_of_its_title(qtbot, demo, view):
    title = demo.activities.list(limit=None, status="closed")[0].title
    words = " ".join(fold(title).split()[-2:])
    view.search.setText(words)
    qtbot.waitUntil(lambda: view.model.query == words and counted(view))
    assert view.model.total() == demo.attendance.history_count(words) > 0
    assert title in shown(view, 1)


def test_scrolling_to_the_end_reads_pages_and_keeps_only_a_few(qtbot, demo, monkeypatch):
    monkeypatch.setattr(history_model, "PAGE_SIZE", 50)
    monkeypatch.setattr(history_model, "KEPT_PAGES", 3)
    widget = AttendanceHistoryView(demo)
    qtbot.addWidget(widget)
    widget.resize(1100, 600)
    widget.show()
    qtbot.waitUntil(lambda: counted(widget))
    model = widget.model
    total = demo.attendance.history_count()
    assert model.rowCount() == total > 500  # the scroll bar covers the whole list
    widget.table.scrollToBottom()
    last = model.index(total - 1, 2)
    qtbot.waitUntil(lambda: last.data() != "")
    expected = demo.attendance.history(offset=total - 1, limit=1)[0]
    assert last.data() == expected.full_name
    assert last.data(PERSON_ROLE) == expected.person_id
    for first in range(0, total, 120):  # the scroll bar dragged along the list
        model.load_rows(first, first + 10)
    assert model.pages_in_memory() <= 3
    widget.table.scrollToTop()
    qtbot.waitUntil(lambda: model.index(0, 2).data() != "")
    assert model.index(0, 2).data() == demo.attendance.history(limit=1)[0].full_name


def test_double_click_and_enter_open_the_person_of_the_row(qtbot, services, view, monkeypatch):
    a_session_with_marks(services, {"Nora Sáez": "present", "Luis Gómez": "absent"})
    view.refresh()
    opened: list[str] = []
    monkeypatch.setattr(
        "app.views.directory_tab.open_person", lambda _s, i, _p: opened.append(i) and None
    )
    second = view.model.index(1, 2)
    rect = view.table.visualRect(second)
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    nora = services.people.list("nora")[0].id
    assert opened == [nora]
    view.activateWindow()
    qtbot.waitActive(view)
    qtbot.keyClick(view.search, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(view.search, "gomez")
    qtbot.keyClick(view.search, Qt.Key.Key_Return)  # to the list, first row selected
    assert view.table.hasFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert opened == [nora, services.people.list("gomez")[0].id]
    assert view.open_button.isEnabled()


def test_a_changed_person_is_shown_changed(qtbot, services, view, monkeypatch):
    a_session_with_marks(services, {"Nora Sáez": "present"})
    view.refresh()
    nora = services.people.list("nora")[0]

    def rename(s, person_id, _parent):
        return s.people.save(replace(s.people.get(person_id), full_name="Nora Sáez Vidal")).id

    monkeypatch.setattr("app.views.directory_tab.open_person", rename)
    view.table.selectRow(0)
    view.open_selected_person()
    assert shown(view, 2) == ["Nora Sáez Vidal"]
    assert view.model.index(0, 2).data(PERSON_ROLE) == nora.id


def test_export_writes_every_matching_mark_as_shown(qtbot, demo, view, tmp_path, monkeypatch):
    target = tmp_path / "history.csv"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "CSV file (*.csv)")
    )
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    view.search.setText("a")
    qtbot.waitUntil(lambda: view.model.query == "a" and counted(view))
    total = view.model.total()
    assert total > 200
    view.export_list()
    qtbot.waitUntil(lambda: bool(told), timeout=10000)
    lines = target.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "Date,Activity,Person,Mark,Minutes,Remarks,Taken by"
    assert len(lines) - 1 == total
    first = ",".join(
        f'"{cell}"' if "," in cell else cell for cell in (shown(view, c, 1)[0] for c in range(7))
    )
    assert lines[1] == first
    assert f"{total:,} rows" in told[0]


def test_texts_follow_a_language_change(qtbot, services, view, monkeypatch):
    a_session_with_marks(services, {"Ana Pérez": "present"})
    view.refresh()

    class Shouting(gettext.NullTranslations):
        def gettext(self, message: str) -> str:
            return re.sub(r"[^{}]+(?=\{|$)", lambda m: m.group().upper(), message)

        def ngettext(self, singular: str, plural: str, n: int) -> str:
            return self.gettext(singular if n == 1 else plural)

    monkeypatch.setattr(app.i18n, "_current", Shouting())
    QApplication.sendEvent(view, QEvent(QEvent.Type.LanguageChange))
    assert view.model.headerData(3, Qt.Orientation.Horizontal) == "MARK"
    assert view.model.index(0, 3).data() == "PRESENT"
    assert view.status.text() == "1 MARK"
    assert view.export_button.text() == "E&XPORT LIST…"
    assert view.table.accessibleName() == "ATTENDANCE HISTORY"


def test_every_control_has_a_name_for_screen_readers(view):
    for widget in (view.search, view.table, view.status):
        assert widget.accessibleName()
    assert view.search_label.buddy() is view.search
    for button in (view.open_button, view.export_button):
        assert "&" in button.text() and button.toolTip()


def test_the_model_passes_the_model_tester(qtmodeltester, demo, monkeypatch):
    monkeypatch.setattr(history_model, "PAGE_SIZE", 100)
    model = AttendanceHistoryModel(demo.attendance)
    model.wait_for_count()
    assert model.rowCount() > 100
    qtmodeltester.check(model)
    model.reload("maria")
    model.wait_for_count()
    qtmodeltester.check(model)
    model.reload("no such name at all")
    qtmodeltester.check(model)
    assert model.rowCount() == 0 and model.is_counted()
