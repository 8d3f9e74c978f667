"""Short lists given whole, sorted by clicking a header (in memory), and the table that shows them.

:class:`SortedRowsModel` is a :class:`RowsTableModel` whose columns may say a sort key (numbers
and dates sort as such, text ignoring accents and case, empty cells last) and a text colour.
:class:`RowsTable` shows it: whole rows, one selected, Enter or double-click activates a row.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QApplication, QTableView, QWidget

from app.services.text import fold
from app.views.widgets.paged_table_view import fit_columns_to
from app.views.widgets.rows_table_model import Index, Row, RowsTableModel, TextColumn

log = logging.getLogger(__name__)

# Text colours for a state, readable on light and on dark backgrounds (never the only signal:
# the cell's text says the state too).
TONES = {
    "good": ("#1B5E20", "#81C784"),
    "warning": ("#7A4A00", "#FFCC80"),
    "bad": ("#B3261E", "#FF8A80"),
}


@dataclass(frozen=True, slots=True)
class SortColumn(TextColumn[Row]):
    """A column that sorts by ``key`` (default: its text, folded), with a usual ``width`` in
    characters and an optional ``tone`` (a key of :data:`TONES`) for its text colour."""

    key: Callable[[Row], Any] | None = None
    width: int = 14
    tone: Callable[[Row], str | None] | None = None


def _sort_key(column: TextColumn, row: Any) -> tuple[int, Any]:
    key = getattr(column, "key", None)
    value = key(row) if key is not None else column.value(row)
    if isinstance(value, str):
        value = fold(value)
    empty = value is None or value == ""
    return (1, "") if empty else (0, value)


def tone_colour(tone: str | None) -> QColor | None:
    """The colour of ``tone`` for the current palette (light or dark), or ``None``."""
    if tone not in TONES:
        return None
    light = QApplication.palette().base().color().lightness() > 128
    return QColor(TONES[tone][0 if light else 1])


class SortedRowsModel(RowsTableModel[Row]):
    """Rows given whole; :meth:`sort` orders them in memory and keeps the order on new rows."""

    def __init__(self, columns: Sequence[TextColumn[Row]], parent=None):  # type: ignore[no-untyped-def]
        super().__init__(columns, parent)
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder

    def set_rows(self, rows: Sequence[Row]) -> None:
        """Show ``rows`` (in the order chosen by the header, if one was chosen)."""
        self.beginResetModel()
        self._rows = self._sorted(list(rows))
        self.endResetModel()

    def rows(self) -> list[Row]:
        """The rows in the order shown."""
        return list(self._rows)

    def row_where(self, test: Callable[[Row], bool]) -> int | None:
        """The first row for which ``test`` is true, or ``None``."""
        return next((number for number, row in enumerate(self._rows) if test(row)), None)

    def _sorted(self, rows: list[Row]) -> list[Row]:
        if not 0 <= self._sort_column < len(self.columns):
            return rows
        column = self.columns[self._sort_column]
        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        keyed = [(_sort_key(column, r), r) for r in rows]
        filled = [(key[1], r) for key, r in keyed if key[0] == 0]
        empty = [r for key, r in keyed if key[0] == 1]
        filled.sort(key=lambda pair: pair[0], reverse=descending)  # stable: ties keep their order
        return [r for _key, r in filled] + empty  # empty cells last, whatever the direction

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort_column, self._sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        before = list(self._rows)
        self._rows = self._sorted(before)
        where = {id(row): number for number, row in enumerate(self._rows)}
        old = self.persistentIndexList()
        new = [self.index(where[id(before[i.row()])], i.column()) for i in old]
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid():
            tone = getattr(self.columns[index.column()], "tone", None)
            if tone is not None and index.row() < len(self._rows):
                colour = tone_colour(tone(self._rows[index.row()]))
                return QBrush(colour) if colour is not None else None
            return None
        return super().data(index, role)


class RowsTable(QTableView):
    """A read-only table over a :class:`SortedRowsModel`: whole rows, one at a time, sorted by
    clicking a header; Enter or a double-click emits ``row_activated`` with the row."""

    row_activated = Signal(int)

    def __init__(self, model: SortedRowsModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.rows_model = model
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)  # Tab leaves the table, arrows move inside it
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.setSortingEnabled(True)
        self.fit_columns()
        self.doubleClicked.connect(lambda index: self.row_activated.emit(index.row()))
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self._on_enter)

    def fit_columns(self) -> None:
        """Each column as wide as its usual content, and never narrower than its title."""
        fit_columns_to(self, self.rows_model.columns)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            QTimer.singleShot(0, self, self.fit_columns)  # not after self is gone

    def current_row(self) -> int | None:
        """The selected row, or ``None``."""
        rows = self.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def current(self) -> Any:
        """The selected row's object, or ``None``."""
        row = self.current_row()
        return None if row is None else self.rows_model.row_at(row)

    def select(self, row: int | None) -> None:
        """Select ``row`` (and make it current), or nothing for ``None``."""
        if row is None or not 0 <= row < self.rows_model.rowCount():
            self.clearSelection()
            return
        index: QModelIndex = self.rows_model.index(row, 0)
        self.setCurrentIndex(index)
        self.selectRow(row)
        self.scrollTo(index)

    def _on_enter(self) -> None:
        row = self.current_row()
        if row is not None:
            self.row_activated.emit(row)
