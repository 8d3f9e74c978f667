"""The sessions editor: the table, adding a week later, removing, ids kept, times by keyboard."""

from __future__ import annotations

from datetime import date, time

import pytest
from PySide6.QtCore import QDate, Qt

from app.services.activity_values import SessionData
from app.views.widgets.sessions_editor import SessionsEditor
from app.views.widgets.time_edit import duration_text, parse_time

FIRST = SessionData(
    id="s-1", date=date(2025, 3, 4), start_time=time(10), end_time=time(12), place="Casal"
)
SECOND = SessionData(
    id="s-2",
    date=date(2025, 3, 11),
    start_time=time(10),
    end_time=time(13, 30),
    place="Casal",
    content="Budgets\nand grants",
    notes="Bring the projector",
)


@pytest.fixture
def editor(qtbot) -> SessionsEditor:
    widget = SessionsEditor()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def cell(editor: SessionsEditor, row: int, column: int) -> str:
    return editor.table.item(row, column).text()


def test_rows_show_dates_times_duration_place_and_the_first_line_of_content(editor):
    editor.set_values([FIRST, SECOND])
    assert editor.table.rowCount() == 2
    assert [cell(editor, 1, c) for c in range(6)] == [
        "Mar 11, 2025",
        "10:00",
        "13:30",
        "3 h 30 min",
        "Casal",
        "Budgets",
    ]
    assert cell(editor, 0, 3) == "2 h"
    assert editor.summary.text() == "2 sessions, 5 h 30 min in all"
    assert editor.selected_row() == 0 and editor.date_edit.date() == QDate(2025, 3, 4)


def test_add_proposes_a_week_after_the_last_with_the_same_times_and_place(qtbot, editor):
    editor.set_values([SECOND, FIRST])  # the last by date is not the last row
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    added = editor.values()[-1]
    assert added.id is None
    assert (added.date, added.start_time, added.end_time, added.place) == (
        date(2025, 3, 18),
        time(10),
        time(13, 30),
        "Casal",
    )
    assert editor.selected_row() == 2 and editor.date_edit.hasFocus()


def test_the_first_session_is_today_at_the_default_place_with_times_not_known(qtbot, editor):
    editor.default_place = "Centro cívico"
    assert editor.summary.text() == "No sessions yet."
    assert not editor.date_edit.isEnabled() and not editor.remove_button.isEnabled()
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    (added,) = editor.values()
    assert (added.date, added.start_time, added.end_time) == (date.today(), None, None)
    assert added.place == "Centro cívico"
    assert editor.start_edit.text() == "" and cell(editor, 0, 3) == ""


def test_editing_the_fields_changes_the_selected_session_and_keeps_its_id(qtbot, editor):
    editor.set_values([FIRST, SECOND])
    editor.table.selectRow(1)
    editor.place_edit.clear()
    qtbot.keyClicks(editor.place_edit, "Biblioteca")
    editor.end_edit.setText("12:45")
    editor.date_edit.setDate(QDate(2025, 3, 12))
    changed = editor.values()[1]
    assert changed.id == "s-2" and changed.notes == "Bring the projector"
    assert (changed.date, changed.end_time, changed.place) == (
        date(2025, 3, 12),
        time(12, 45),
        "Biblioteca",
    )
    assert cell(editor, 1, 4) == "Biblioteca" and cell(editor, 1, 3) == "2 h 45 min"
    assert editor.values()[0] == FIRST


def test_remove_takes_out_the_selected_session_only(qtbot, editor):
    editor.set_values([FIRST, SECOND])
    editor.table.selectRow(0)
    qtbot.mouseClick(editor.remove_button, Qt.MouseButton.LeftButton)
    assert [x.id for x in editor.values()] == ["s-2"]
    assert editor.selected_row() == 0 and editor.place_edit.text() == "Casal"


def test_insert_and_delete_keys_on_the_table(qtbot, editor):
    editor.set_values([FIRST])
    editor.table.setFocus()
    qtbot.keyClick(editor.table, Qt.Key.Key_Insert)
    assert len(editor.values()) == 2 and editor.values()[1].date == date(2025, 3, 11)
    editor.table.setFocus()
    editor.table.selectRow(0)
    qtbot.keyClick(editor.table, Qt.Key.Key_Delete)
    assert [x.id for x in editor.values()] == [None]


def test_an_end_before_the_start_is_shown_under_the_fields(qtbot, editor):
    editor.set_values([FIRST, SECOND])
    editor.table.selectRow(1)
    assert editor.problem.isHidden()
    editor.end_edit.setText("9:00")
    assert not editor.problem.isHidden() and "ends before it starts" in editor.problem.text()
    editor.table.selectRow(0)
    assert editor.problem.isHidden()
    assert editor.focus_problem() and editor.selected_row() == 1


def test_times_typed_on_the_keyboard_and_left_unknown(qtbot, editor):
    editor.set_values([SessionData(date=date(2025, 5, 6))])
    assert editor.values()[0].start_time is None and editor.start_edit.text() == ""
    editor.start_edit.setFocus()
    qtbot.keyClicks(editor.start_edit, "930")
    assert editor.values()[0].start_time == time(9, 30)
    qtbot.keyClicks(editor.end_edit, "11.4")
    assert editor.values()[0].end_time == time(11, 4)  # as typed so far
    qtbot.keyClicks(editor.end_edit, "5")
    editor.end_edit.editingFinished.emit()
    assert editor.end_edit.text() == "11:45" and cell(editor, 0, 3) == "2 h 15 min"
    editor.start_edit.clear()
    qtbot.keyClicks(editor.start_edit, "a9:60")  # what cannot make a time is refused
    assert editor.start_edit.text() == "9:6"
    editor.start_edit.clear()  # not known
    assert editor.values()[0].start_time is None and cell(editor, 0, 3) == ""


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("9", time(9)), ("0930", time(9, 30)), ("10:05", time(10, 5)), ("18h", time(18)), ("", None)],
)
def test_parse_time(typed, expected):
    assert parse_time(typed) == expected


def test_duration_text():
    assert [duration_text(m) for m in (0, 45, 60, 90)] == ["", "45 min", "1 h", "1 h 30 min"]
