"""The mentoring pairs list over real services: columns, filters, search, sort, trash, forms,
selection, export (never with confidential notes) and a language change."""

from __future__ import annotations

import gettext
import re

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox

import app.i18n
from app.services.mentoring_values import RelationshipData
from app.views.mentoring.relationship_dialog import RelationshipDialog
from app.views.mentoring.relationship_list import RelationshipListView
from app.views.mentoring.relationships_table_model import (
    RelationshipFilters,
    RelationshipsTableModel,
)
from tests.views.mentoring.relationship_fixtures import SECRET, build_directory, build_pairs


@pytest.fixture
def directory(services):
    return build_directory(services)


@pytest.fixture
def pairs(services, directory) -> dict[str, str]:
    return build_pairs(services, directory)


@pytest.fixture
def view(qtbot, services, pairs) -> RelationshipListView:
    widget = RelationshipListView(services)
    qtbot.addWidget(widget)
    widget.resize(1200, 600)
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


def mentees(view: RelationshipListView) -> list[str]:
    model = view.model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def choose(combo, text: str) -> None:
    index = combo.findText(text)
    assert index >= 0, f"{text} is not a choice"
    combo.setCurrentIndex(index)


def test_rows_show_both_sides_status_sessions_dates_and_areas_by_mentee(view):
    assert mentees(view) == ["Beatriz Núñez", "Daniel Ortega", "Elena Martín"]
    model = view.model
    assert [model.index(0, c).data() for c in range(model.columnCount())] == [
        "Beatriz Núñez",
        "Ana Pérez",
        "Active",
        "Mar 20, 2025",
        "2",
        "Asociación Río",
        "Fundación Luz",
        "Feb 1, 2025",
        "Dec 31, 2025",
        "Fundraising, Leadership",
    ]
    assert [model.index(2, c).data() for c in (5, 2, 3, 4, 7, 8, 9)] == [
        "",
        "Proposed",
        "",
        "0",
        "",
        "",
        "",
    ]
    assert view.status.text() == "3 mentoring pairs"
    assert view.table.accessibleName() == "Mentoring pairs"


def test_filters_narrow_the_list_by_status_and_area(view):
    choose(view.status_filter, "Closed")
    assert mentees(view) == ["Daniel Ortega"] and view.status.text() == "1 mentoring pair"
    choose(view.status_filter, "All statuses")
    choose(view.area_filter, "Leadership")
    assert mentees(view) == ["Beatriz Núñez"]
    choose(view.area_filter, "Equality")
    assert mentees(view) == []
    assert view.status_filter.accessibleName() == "Status"
    assert view.area_filter.accessibleName() == "Mentoring area"


def test_search_as_you_type_finds_names_and_organisations_without_accents(qtbot, view):
    qtbot.keyClicks(view.search, "COOPERATIVA")  # Carlos's organisation in his pair
    qtbot.waitUntil(lambda: mentees(view) == ["Daniel Ortega"])
    view.search.clear()
    qtbot.keyClicks(view.search, "perez")  # the mentor's name
    qtbot.waitUntil(lambda: mentees(view) == ["Beatriz Núñez"])
    view.search.clear()
    qtbot.waitUntil(lambda: len(mentees(view)) == 3)


def test_clicking_a_header_sorts_by_mentor(qtbot, view):
    header = view.table.horizontalHeader()
    x = header.sectionViewportPosition(1) + header.sectionSize(1) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert [view.model.index(r, 1).data() for r in range(3)] == [
        "Ana Pérez",
        "Carlos Gil",
        "Daniel Ortega",
    ]
    assert view.model.state.sort_key == "mentor"


def test_move_to_trash_asks_once_and_restore_brings_back(qtbot, view, pairs, answer_yes):
    assert view.select_relationship(pairs["ana-bea"])
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert len(answer_yes) == 1 and "goals and session log stay with it" in answer_yes[0]
    assert mentees(view) == ["Daniel Ortega", "Elena Martín"]
    view.trash_toggle.setChecked(True)
    assert mentees(view) == ["Beatriz Núñez"]
    assert view.status.text() == "1 pair in the trash"
    view.table.selectRow(0)
    qtbot.mouseClick(view.restore_button, Qt.MouseButton.LeftButton)
    assert mentees(view) == []
    view.trash_toggle.setChecked(False)
    assert len(mentees(view)) == 3
    assert view.services.mentoring.get(pairs["ana-bea"]).sessions == 2


def test_the_selected_pair_is_told_once_per_change(view):
    told: list[object] = []
    view.relationship_selected.connect(told.append)
    first, second = view.model.record(0).id, view.model.record(1).id
    view.table.selectRow(0)
    view.table.selectRow(0)
    view.table.selectRow(1)
    view.table.clearSelection()
    assert told == [first, second, None]


def test_a_suggested_pair_is_completed_saved_and_selected(view, directory, monkeypatch):
    told: list[object] = []
    view.relationship_selected.connect(told.append)
    seen: list[tuple[str, str | None]] = []

    def exec_(dialog: RelationshipDialog) -> int:
        seen.append(
            (dialog.sides.picker("mentor").chosen_name, dialog.sides.picker("mentee").chosen_id)
        )
        dialog.sides.picker("mentee").choose(directory.people["elena"], "Elena Martín")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(RelationshipDialog, "exec", exec_)
    choose(view.status_filter, "Closed")  # the new pair does not match: the filters are cleared
    prefill = RelationshipData(
        mentor_id=directory.people["ana"],
        mentee_id="",
        mentor_organisation_id=directory.organisations["Fundación Luz"],
        areas=("quality",),
    )
    saved_id = view.new_relationship(prefill)
    assert seen == [("Ana Pérez", None)]
    assert saved_id and view.current_id() == saved_id and told[-1] == saved_id
    assert view.chosen_filters() == RelationshipFilters()
    saved = view.services.mentoring.get(saved_id)
    assert (saved.mentor_name, saved.mentee_name, saved.data.areas) == (
        "Ana Pérez",
        "Elena Martín",
        ("quality",),
    )


def test_edit_relationship_says_whether_it_was_saved(view, pairs, monkeypatch):
    monkeypatch.setattr(RelationshipDialog, "exec", lambda _d: QDialog.DialogCode.Rejected)
    assert view.edit_relationship(pairs["dani-elena"]) is False

    def exec_(dialog: RelationshipDialog) -> int:
        dialog.widget("status").choose("active")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(RelationshipDialog, "exec", exec_)
    view.select_relationship(pairs["dani-elena"])
    assert view.edit_relationship(pairs["dani-elena"]) is True
    assert view.model.index(2, 2).data() == "Active"
    assert view.current_id() == pairs["dani-elena"]


def test_keyboard_new_edit_and_find(qtbot, view, monkeypatch):
    opened: list[str | None] = []

    def exec_(dialog: RelationshipDialog) -> int:
        opened.append(dialog.relationship.id)
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(RelationshipDialog, "exec", exec_)
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert view.search.hasFocus()
    qtbot.keyClicks(view.search, "elena")
    qtbot.keyClick(view.search, Qt.Key.Key_Return)
    assert view.table.hasFocus() and view.current_id() is not None
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert opened == [view.current_id()]
    qtbot.keyClick(view.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert opened[-1] is None


def test_select_relationship_shows_a_pair_hidden_by_the_search_or_filters(qtbot, view, pairs):
    choose(view.status_filter, "Closed")
    qtbot.keyClicks(view.search, "cooperativa")
    assert view.select_relationship(pairs["dani-elena"])
    assert view.current_id() == pairs["dani-elena"]
    assert view.status_filter.currentText() == "All statuses" and view.search.text() == ""
    view.services.mentoring.delete([pairs["ana-bea"]])
    choose(view.area_filter, "Quality")
    assert view.select_relationship(pairs["ana-bea"]) is False  # in the trash
    assert view.select_relationship("no-such-id") is False
    assert view.area_filter.currentText() == "Quality"  # left as it was


def test_export_keeps_the_filters_and_never_holds_confidential_notes(
    qtbot, view, tmp_path, monkeypatch
):
    target = tmp_path / "pairs.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    choose(view.status_filter, "Active")
    view.export_list()
    qtbot.waitUntil(lambda: bool(told), timeout=10000)
    rows = list(load_workbook(target).active.iter_rows(values_only=True))
    assert rows[0][:4] == ("Mentee", "Mentor", "Status", "Last session")
    assert [row[0] for row in rows[1:]] == ["Beatriz Núñez"]
    assert SECRET not in repr(rows)
    assert SECRET.encode() not in target.read_bytes()


def test_the_model_passes_the_model_tester(qtmodeltester, services, pairs):
    model = RelationshipsTableModel(services.mentoring)
    qtmodeltester.check(model)
    model.set_filters(RelationshipFilters(status="active", area="fundraising"))
    qtmodeltester.check(model)
    model.reload(query="rio", trash=False, sort_key="last_session_on", descending=True)
    qtmodeltester.check(model)


def test_texts_follow_a_language_change_keeping_the_filters(view, monkeypatch):
    class Shouting(gettext.NullTranslations):
        def gettext(self, message: str) -> str:  # upper case outside the {placeholders}
            return re.sub(r"[^{}]+(?=\{|$)", lambda m: m.group().upper(), message)

        def ngettext(self, singular: str, plural: str, n: int) -> str:
            return self.gettext(singular if n == 1 else plural)

    choose(view.status_filter, "Active")
    monkeypatch.setattr(app.i18n, "_current", Shouting())
    QApplication.sendEvent(view, QEvent(QEvent.Type.LanguageChange))
    assert view.status_filter.currentText() == "ACTIVE"
    assert view.area_filter.itemText(0) == "ALL AREAS"
    assert view.model.headerData(0, Qt.Orientation.Horizontal) == "MENTEE"
    assert view.model.index(0, 2).data() == "ACTIVE"
    assert view.status.text() == "1 MENTORING PAIR" and mentees(view) == ["Beatriz Núñez"]
