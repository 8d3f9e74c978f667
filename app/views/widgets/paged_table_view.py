"""A table view over a :class:`PagedTableModel`: whole rows, header clicks that sort in SQL."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

from app.views.widgets.paged_table_model import ID_ROLE, Column, PagedTableModel

log = logging.getLogger(__name__)


class PagedTableView(QTableView):
    """Rows are selected whole; a click on a header sorts by that column in SQL, and a column
    that cannot be sorted leaves the order (and the header's arrow) as they were."""

    def __init__(self, model: PagedTableModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.paged_model = model
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setStretchLastSection(True)
        self.fit_columns()
        header.setSortIndicator(model.sort_column(), Qt.SortOrder.AscendingOrder)
        self.setSortingEnabled(True)
        header.sortIndicatorChanged.connect(self._on_header_sort_changed)

    def fit_columns(self) -> None:
        """Each column as wide as its usual content, and never narrower than its title."""
        fit_columns_to(self, self.paged_model.columns)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            # The titles change once the model has retranslated: fit the columns after that.
            QTimer.singleShot(0, self, self.fit_columns)  # not after self is gone

    def selected_ids(self) -> list[str]:
        """The ids of the selected rows, top to bottom."""
        rows = sorted(index.row() for index in self.selectionModel().selectedRows())
        return [self.paged_model.index(row, 0).data(ID_ROLE) for row in rows]

    def select_id(self, record_id: str) -> bool:
        """Select the record if it is in the loaded rows; returns whether it was found."""
        row = self.paged_model.row_of(record_id)
        if row is None:
            return False
        self.selectRow(row)
        self.scrollTo(self.paged_model.index(row, 0))
        return True

    def _on_header_sort_changed(self, column: int, _order: Qt.SortOrder) -> None:
        model = self.paged_model
        if model.is_sortable(column):
            return
        # The header flipped to a column that SQL cannot sort: show the order really used.
        order = (
            Qt.SortOrder.DescendingOrder if model.state.descending else Qt.SortOrder.AscendingOrder
        )
        header = self.horizontalHeader()
        header.blockSignals(True)
        header.setSortIndicator(model.sort_column(), order)
        header.blockSignals(False)
        header.viewport().update()


def fit_columns_to(table: QTableView, columns: Sequence[Column] | Sequence[object]) -> None:
    """Each of ``table``'s columns as wide as its usual content (the column's ``width`` in
    characters, 14 when it has none), and never narrower than its title with the sort arrow."""
    character = table.fontMetrics().averageCharWidth()
    header = table.horizontalHeader()
    model = table.model()
    for number, column in enumerate(columns):
        title = str(model.headerData(number, Qt.Orientation.Horizontal) or "")
        title_width = header.fontMetrics().horizontalAdvance(title) + 32  # + sort arrow
        width = getattr(column, "width", 14)
        table.setColumnWidth(number, max(character * width + 16, title_width))
