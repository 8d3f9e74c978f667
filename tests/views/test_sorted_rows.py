"""Short lists sorted by clicking a header: numbers as numbers, text without accents or case,
empty cells last in both directions, the selection kept."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.views.widgets.sorted_rows import RowsTable, SortColumn, SortedRowsModel

ROWS = [("Óscar", 10), ("ana", None), ("Bea", 9), ("", 100)]


def make(qtbot) -> RowsTable:
    model = SortedRowsModel(
        (
            SortColumn(lambda: "Name", lambda r: r[0]),
            SortColumn(
                lambda: "Count", lambda r: "" if r[1] is None else str(r[1]), key=lambda r: r[1]
            ),
        )
    )
    table = RowsTable(model)
    qtbot.addWidget(table)
    model.set_rows(ROWS)
    return table


def column(table: RowsTable, number: int) -> list[str]:
    model = table.rows_model
    return [model.index(r, number).data() for r in range(model.rowCount())]


def test_numbers_sort_as_numbers_and_empty_cells_go_last(qtbot):
    table = make(qtbot)
    table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    assert column(table, 1) == ["9", "10", "100", ""]
    table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert column(table, 1) == ["100", "10", "9", ""]


def test_text_sorts_without_accents_or_case(qtbot):
    table = make(qtbot)
    table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert column(table, 0) == ["ana", "Bea", "Óscar", ""]


def test_the_selection_follows_its_row_and_new_rows_keep_the_order(qtbot, qtmodeltester):
    table = make(qtbot)
    table.select(0)  # Óscar
    table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert table.current()[0] == "Óscar"
    table.rows_model.set_rows([*ROWS, ("Zoe", 1)])
    assert column(table, 0)[0] == "Zoe"
    qtmodeltester.check(table.rows_model)


def test_enter_activates_the_selected_row(qtbot):
    table = make(qtbot)
    table.show()
    table.activateWindow()
    qtbot.waitUntil(table.isActiveWindow)
    table.select(2)
    table.setFocus()
    with qtbot.waitSignal(table.row_activated) as signal:
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert signal.args == [2]
