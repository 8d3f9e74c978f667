"""A read-only table model over a short list of rows given whole (no paging, no sorting).

Each column is a :class:`TextColumn`: its title is a function, so the headers are said again in
the current language by :meth:`RowsTableModel.retranslate`, and its cell is the text of a row.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex
Row = TypeVar("Row")


@dataclass(frozen=True, slots=True)
class TextColumn(Generic[Row]):
    """One column: its translated title (asked each time), its text for a row, its alignment."""

    title: Callable[[], str]
    value: Callable[[Row], str]
    right: bool = False


class RowsTableModel(QAbstractTableModel, Generic[Row]):
    """Rows shown in the order given, one text cell a column.

    A subclass gives the columns and may say a row's tool tip (:meth:`tool_tip`) and what it holds
    under ``Qt.ItemDataRole.UserRole`` (:meth:`user_data`).
    """

    def __init__(self, columns: Sequence[TextColumn[Row]], parent=None):  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.columns = tuple(columns)
        self._rows: list[Row] = []

    def set_rows(self, rows: Sequence[Row]) -> None:
        """Show ``rows`` instead of the rows shown now."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Row:
        return self._rows[row]

    def retranslate(self) -> None:
        """Say the headers and cells again in the current language."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)
        if self._rows:
            last = self.index(len(self._rows) - 1, len(self.columns) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def tool_tip(self, row: Row) -> str | None:
        """The tool tip of every cell of ``row`` (none unless a subclass says one)."""
        return None

    def user_data(self, row: Row) -> Any:
        """What every cell of ``row`` holds under ``UserRole`` (nothing unless a subclass says)."""
        return None

    # -- Qt's model interface ------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 (Qt's name)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.value(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tool_tip(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignRight if column.right else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return self.user_data(row)
        return None

    def headerData(  # noqa: N802 (Qt's name)
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].title()
        return None
