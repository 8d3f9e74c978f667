"""The records behind a figure: listed with the service's title and columns, sorted the way a
person reads them (numbers as numbers, dates as dates, empty cells last), and exported."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.i18n import set_language
from app.views.reports.cell_order import cell_order
from app.views.reports.records_dialog import RecordsDialog, RecordsTableModel


@dataclass(frozen=True)
class Records:
    """The shape of the report service's FigureRecords."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


RECORDS = Records(
    "Sessions held — 2026",
    ("Activity", "Date", "Hours", "Attendees"),
    (
        ("Foro de mayo", "May 5, 2026", "2", "10"),
        ("Cápsula digital", "Jan 20, 2026", "1.5", "9"),
        ("Árbol de ideas", "Nov 2, 2026", "12", ""),
    ),
)


@pytest.fixture(autouse=True)
def fresh_settings(tmp_path):
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "ini"))
    QSettings().clear()


@pytest.fixture
def dialog(qtbot) -> RecordsDialog:
    shown = RecordsDialog(RECORDS)
    qtbot.addWidget(shown)
    return shown


def column(model: RecordsTableModel, number: int) -> list[str]:
    return [model.index(row, number).data() for row in range(model.rowCount())]


def test_the_records_are_listed_under_the_figure(dialog):
    assert dialog.heading.text() == "Sessions held — 2026"
    assert dialog.explanation.text() == "3 records."
    headers = [dialog.model.headerData(n, Qt.Orientation.Horizontal) for n in range(4)]
    assert headers == ["Activity", "Date", "Hours", "Attendees"]
    assert column(dialog.model, 0) == ["Foro de mayo", "Cápsula digital", "Árbol de ideas"]


def test_numbers_and_dates_sort_as_such_and_text_ignores_accents(dialog):
    model = dialog.model
    model.sort(2, Qt.SortOrder.AscendingOrder)
    assert column(model, 2) == ["1.5", "2", "12"]
    model.sort(1, Qt.SortOrder.AscendingOrder)
    assert column(model, 1) == ["Jan 20, 2026", "May 5, 2026", "Nov 2, 2026"]
    model.sort(3, Qt.SortOrder.DescendingOrder)
    assert column(model, 3) == ["10", "9", ""]  # the empty cell last, whatever the order
    model.sort(0, Qt.SortOrder.AscendingOrder)
    assert column(model, 0) == ["Árbol de ideas", "Cápsula digital", "Foro de mayo"]


def test_numbers_are_on_the_right(dialog):
    right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    alignment = dialog.model.index(0, 2).data(Qt.ItemDataRole.TextAlignmentRole)
    assert alignment == int(right)
    assert dialog.model.index(0, 0).data(Qt.ItemDataRole.TextAlignmentRole) != int(right)


def test_spanish_numbers_and_dates_are_read_in_spanish():
    set_language("es")
    assert cell_order("1.449,7") < cell_order("12.000")
    assert cell_order("5 ene 2026") < cell_order("1 feb 2026") < cell_order("3 de marzo de 2026")
    assert cell_order("Foro de mayo 2026, sesión 2")[0] == 2  # a title, not a date


def test_no_record_is_said_plainly(qtbot):
    empty = RecordsDialog(Records("Cascades held — 2026", ("Person",), ()))
    qtbot.addWidget(empty)
    assert empty.explanation.text() == "No record is behind this figure in this period."
    assert not empty.export_button.isEnabled()


def test_records_of_a_hidden_figure_are_for_checking_only(qtbot):
    hidden = RecordsDialog(RECORDS, hidden_below=5)
    qtbot.addWidget(hidden)
    assert "hidden (fewer than 5)" in hidden.explanation.text()
    assert "Do not publish it." in hidden.explanation.text()


def test_the_list_is_exported_as_sorted(qtbot, dialog, tmp_path, monkeypatch):
    target = tmp_path / "records.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    dialog.model.sort(1, Qt.SortOrder.AscendingOrder)
    dialog.export_button.click()
    qtbot.waitUntil(lambda: bool(told), timeout=10000)
    rows = list(load_workbook(target).active.iter_rows(values_only=True))
    assert rows[0] == ("Activity", "Date", "Hours", "Attendees")
    assert [row[0] for row in rows[1:]] == ["Cápsula digital", "Foro de mayo", "Árbol de ideas"]
    assert "3 rows were saved" in told[0]


def test_the_model_passes_the_model_tester(qtmodeltester, dialog):
    qtmodeltester.check(dialog.model)
    dialog.model.sort(2, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(dialog.model)
