"""A small read-only table inside a form, listing what a record holds (memberships, consent)."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

log = logging.getLogger(__name__)


class RecordTable(QTableWidget):
    """Rows of text, one selected at a time, the first column stretched; edited elsewhere.

    Between 90 and 180 pixels high, so a form with several of them still fits on a laptop.
    """

    def __init__(self, columns: int, parent: QWidget | None = None):
        super().__init__(0, columns, parent)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.setMinimumHeight(90)
        self.setMaximumHeight(180)

    def set_texts(self, rows: Sequence[Sequence[str]]) -> None:
        """Show ``rows``, one list of cell texts a row."""
        self.setRowCount(len(rows))
        for row, cells in enumerate(rows):
            for column, text in enumerate(cells):
                self.setItem(row, column, QTableWidgetItem(text))

    def selected_row(self) -> int | None:
        """The selected row, or ``None``."""
        rows = self.selectionModel().selectedRows()
        return rows[0].row() if rows else None
