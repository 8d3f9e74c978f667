"""The activities list over real services: filters, search, sort, trash, forms, selection."""

from __future__ import annotations

import gettext
import re
from datetime import date, time

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox

import app.i18n
from app.services.activities import ActivityData, SessionData
from app.services.people import PersonData
from app.views.activities_table_model import ActivitiesTableModel, ActivityFilters
from app.views.activity_list import ActivityListView
from app.views.dialogs.activity_dialog import ActivityDialog


def session(day: date) -> SessionData:
    return SessionData(date=day, start_time=time(10), end_time=time(12))


ACTIVITIES = (
    ActivityData(
        title="Captación de fondos",
        kind="capsule",
        status="open",
        capacity=25,
        areas=("Employment",),
        sessions=(session(date(2024, 10, 1)), session(date(2024, 10, 8))),
    ),
    ActivityData(
        title="Foro de entidades",
        kind="forum",
        status="closed",
        areas=("Health", "Barrio Norte"),
        sessions=(session(date(2025, 2, 4)),),
    ),
    ActivityData(title="Jornada de voluntariado", kind="other", status="planned"),
)


@pytest.fixture
def filled(services):
    saved = [services.activities.save(data) for data in ACTIVITIES]
    person = services.people.save(PersonData(full_name="Lucía Ortega"))
    services.registrations.register(saved[0].id, person.id)
    return services


@pytest.fixture
def view(qtbot, filled) -> ActivityListView:
    widget = ActivityListView(filled)
    qtbot.addWidget(widget)
    widget.resize(1100, 600)
    widget.show()
    return widget


@pytest.fixture
def answer_yes(monkeypatch) -> list[str]:
    asked: list[str] = []

    def question(_parent, _title, text, *args, **kwargs):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def titles(view: ActivityListView) -> list[str]:
    model = view.model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def choose(combo, text: str) -> None:
    index = combo.findText(text)
    assert index >= 0, f"{text} is not a choice"
    combo.setCurrentIndex(index)


def test_rows_show_dates_kind_status_sessions_places_and_areas_newest_first(view):
    assert titles(view) == ["Foro de entidades", "Captación de fondos", "Jornada de voluntariado"]
    model = view.model
    assert [model.index(1, c).data() for c in range(model.columnCount())] == [
        "Captación de fondos",
        "Oct 1, 2024 – Oct 8, 2024",
        "Training capsule",
        "Open for registration",
        "2",
        "1 / 25",
        "Employment",
    ]
    assert model.index(0, 1).data() == "Feb 4, 2025" and model.index(0, 5).data() == "0"
    assert model.index(0, 6).data() == "Barrio Norte, Health"
    assert view.status.text() == "3 activities"


def test_filters_narrow_the_list_by_kind_status_year_and_area(view):
    choose(view.kind_filter, "Training capsule")
    assert titles(view) == ["Captación de fondos"]
    choose(view.kind_filter, "All kinds")
    choose(view.status_filter, "Closed")
    assert titles(view) == ["Foro de entidades"]
    choose(view.status_filter, "All statuses")
    assert [view.year_filter.itemText(i) for i in range(view.year_filter.count())] == [
        "All years",
        "2025",
        "2024",
    ]
    choose(view.year_filter, "2024")
    assert titles(view) == ["Captación de fondos"] and view.status.text() == "1 activity"
    choose(view.year_filter, "All years")
    choose(view.area_filter, "Barrio Norte")  # an area typed for an activity is offered too
    assert titles(view) == ["Foro de entidades"]
    choose(view.area_filter, "Health")
    assert titles(view) == ["Foro de entidades"]
    choose(view.area_filter, "Education")
    assert titles(view) == []


def test_search_as_you_type_ignores_accents_and_case(qtbot, view):
    qtbot.keyClicks(view.search, "CAPTACION")
    qtbot.waitUntil(lambda: titles(view) == ["Captación de fondos"])
    view.search.clear()
    qtbot.waitUntil(lambda: len(titles(view)) == 3)


def test_clicking_a_header_sorts_by_title(qtbot, view):
    header = view.table.horizontalHeader()
    x = header.sectionViewportPosition(0) + header.sectionSize(0) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert titles(view) == ["Captación de fondos", "Foro de entidades", "Jornada de voluntariado"]
    assert view.model.state.sort_key == "title"


def test_move_to_trash_asks_once_and_restore_brings_back(qtbot, view, answer_yes):
    view.select_activity(view.model.record(0).id)
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert len(answer_yes) == 1 and "restore" in answer_yes[0]
    assert titles(view) == ["Captación de fondos", "Jornada de voluntariado"]
    view.trash_toggle.setChecked(True)
    assert titles(view) == ["Foro de entidades"]
    assert view.status.text() == "1 activity in the trash"
    view.table.selectRow(0)
    qtbot.mouseClick(view.restore_button, Qt.MouseButton.LeftButton)
    assert titles(view) == []
    view.trash_toggle.setChecked(False)
    assert len(titles(view)) == 3


def test_the_selected_activity_is_told_once_per_change(qtbot, view):
    told: list[object] = []
    view.activity_selected.connect(told.append)
    first, second = view.model.record(0).id, view.model.record(1).id
    view.table.selectRow(0)
    view.table.selectRow(0)
    view.table.selectRow(1)
    view.table.clearSelection()
    assert told == [first, second, None]


def fill_and_save(title: str):
    def exec_(dialog: ActivityDialog) -> int:
        dialog.widget("title").setText(title)
        dialog.accept()
        return dialog.result()

    return exec_


def test_new_activity_with_a_prefill_is_saved_and_selected(qtbot, view, monkeypatch):
    told: list[object] = []
    view.activity_selected.connect(told.append)
    monkeypatch.setattr(ActivityDialog, "exec", fill_and_save("Taller de igualdad"))
    choose(view.kind_filter, "Forum meeting")  # the new one does not match: filters are cleared
    qtbot.keyClicks(view.search, "foro")
    prefill = ActivityData(title="", kind="capsule", sessions=(session(date(2026, 1, 13)),))
    saved_id = view.new_activity(prefill)
    assert saved_id and view.current_id() == saved_id and told[-1] == saved_id
    assert view.search.text() == "" and view.chosen_filters() == ActivityFilters()
    saved = view.services.activities.get(saved_id)
    assert (saved.title, saved.kind, len(saved.sessions)) == ("Taller de igualdad", "capsule", 1)
    assert titles(view)[0] == "Taller de igualdad"


def test_a_new_activity_is_of_the_kind_filtered(qtbot, view, monkeypatch):
    kinds: list[str] = []

    def exec_(dialog: ActivityDialog) -> int:
        kinds.append(dialog.widget("kind").currentData())
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(ActivityDialog, "exec", exec_)
    choose(view.kind_filter, "Training capsule")
    assert view.new_activity() is None and kinds == ["capsule"]


def test_edit_activity_says_whether_it_was_saved(view, monkeypatch):
    activity_id = view.model.record(1).id
    monkeypatch.setattr(ActivityDialog, "exec", lambda _d: QDialog.DialogCode.Rejected)
    assert view.edit_activity(activity_id) is False
    monkeypatch.setattr(ActivityDialog, "exec", fill_and_save("Captación de fondos II"))
    view.select_activity(activity_id)
    assert view.edit_activity(activity_id) is True
    assert view.model.record(1).title == "Captación de fondos II"
    assert view.current_id() == activity_id


def test_keyboard_new_edit_and_find(qtbot, view, monkeypatch):
    opened: list[str | None] = []

    def exec_(dialog: ActivityDialog) -> int:
        opened.append(dialog.activity.id)
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(ActivityDialog, "exec", exec_)
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert view.search.hasFocus()
    qtbot.keyClicks(view.search, "jornada")
    qtbot.keyClick(view.search, Qt.Key.Key_Return)
    assert view.table.hasFocus() and view.current_id() is not None
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert opened == [view.current_id()]
    qtbot.keyClick(view.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert opened[-1] is None


def test_select_activity_shows_an_activity_hidden_by_the_filters(view):
    hidden = view.model.record(2).id
    choose(view.status_filter, "Closed")
    assert view.select_activity(hidden) and view.current_id() == hidden
    assert view.status_filter.currentText() == "All statuses"
    choose(view.kind_filter, "Forum meeting")
    assert view.select_activity("no-such-id") is False
    assert view.kind_filter.currentText() == "Forum meeting"  # left as it was


def test_export_keeps_the_filters(qtbot, view, tmp_path, monkeypatch):
    target = tmp_path / "activities.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    choose(view.year_filter, "2024")
    view.export_list()
    qtbot.waitUntil(lambda: bool(told), timeout=10000)
    rows = list(load_workbook(target).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("Title", "Dates", "Kind")
    assert [row[0] for row in rows[1:]] == ["Captación de fondos"]


def test_refresh_offers_the_years_of_new_activities(view):
    view.services.activities.save(
        ActivityData(title="Foro 2026", sessions=(session(date(2026, 3, 3)),))
    )
    view.refresh()
    assert view.year_filter.itemText(1) == "2026" and titles(view)[0] == "Foro 2026"


def test_the_model_passes_the_model_tester(qtmodeltester, filled):
    model = ActivitiesTableModel(filled.activities)
    qtmodeltester.check(model)
    model.set_filters(ActivityFilters(kind="capsule", year=2024))
    qtmodeltester.check(model)
    model.reload(query="foro", trash=False, sort_key="status", descending=True)
    qtmodeltester.check(model)


def test_texts_follow_a_language_change_keeping_the_filters(view, monkeypatch):
    class Shouting(gettext.NullTranslations):
        def gettext(self, message: str) -> str:  # upper case outside the {placeholders}
            return re.sub(r"[^{}]+(?=\{|$)", lambda m: m.group().upper(), message)

        def ngettext(self, singular: str, plural: str, n: int) -> str:
            return self.gettext(singular if n == 1 else plural)

    choose(view.kind_filter, "Training capsule")
    monkeypatch.setattr(app.i18n, "_current", Shouting())
    QApplication.sendEvent(view, QEvent(QEvent.Type.LanguageChange))
    assert view.kind_filter.currentText() == "TRAINING CAPSULE"
    assert view.status_filter.itemText(0) == "ALL STATUSES"
    assert view.model.headerData(0, Qt.Orientation.Horizontal) == "TITLE"
    assert view.model.index(0, 2).data() == "TRAINING CAPSULE"
    assert view.status.text() == "1 ACTIVITY" and titles(view) == ["Captación de fondos"]
