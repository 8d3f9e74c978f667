"""A table model over a service's ``list``/``count``: pages of 200 rows fetched from SQL.

Search, trash and sort are handed to the service (they run in SQL); the model only keeps the
rows loaded so far. The same column definitions give the cells on screen and in an export.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from app.errors import Cancelled
from app.i18n import _
from app.views.widgets.rows_table_model import RowsTableModel

log = logging.getLogger(__name__)

PAGE_SIZE = 200
EXPORT_PAGE_SIZE = 2000
Cell = str | int | float | None
Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True, slots=True)
class Column:
    """One column: its translated title, its cell for a row, and the service's sort key if any."""

    title: Callable[[], str]
    value: Callable[[Any], Cell]
    sort_key: str | None = None
    numeric: bool = False
    width: int = 14  # the usual width, in characters


@dataclass(frozen=True, slots=True)
class ListState:
    """What the list shows: the search text, the trash or not, and the order."""

    query: str = ""
    trash: bool = False
    sort_key: str = "name"
    descending: bool = False


Fetch = Callable[..., Sequence[Any]]
Count = Callable[..., int]


class PagedTableModel(RowsTableModel):
    """Rows of a service list, loaded a page at a time as the view scrolls."""

    def __init__(self, columns: Sequence[Column], fetch: Fetch, count: Count, parent=None):  # type: ignore[no-untyped-def]
        super().__init__(columns, parent)
        self._fetch = fetch
        self._count = count
        self.state = ListState(sort_key=self.columns[0].sort_key or "name")
        self._total = 0
        self.reload()

    # -- what is shown ------------------------------------------------------------------------

    def reload(self, **changes: Any) -> None:
        """Read the first page again, after changing ``query``, ``trash`` or the order if given."""
        if changes:
            self.state = replace(self.state, **changes)
        self.beginResetModel()
        self._total = self._count(self.state.query, trash=self.state.trash)
        self._rows = list(self._page(0, PAGE_SIZE))
        self.endResetModel()

    def total(self) -> int:
        """How many records match, loaded or not."""
        return self._total

    def record(self, row: int) -> Any:
        return self._rows[row]

    def row_of(self, record_id: str) -> int | None:
        for row, record in enumerate(self._rows):
            if record.id == record_id:
                return row
        return None

    def is_sortable(self, column: int) -> bool:
        return 0 <= column < len(self.columns) and self.columns[column].sort_key is not None

    def sort_column(self) -> int:
        for number, column in enumerate(self.columns):
            if column.sort_key == self.state.sort_key:
                return number
        return 0

    def _page(self, offset: int, limit: int) -> Sequence[Any]:
        state = self.state
        return self._fetch(
            state.query,
            sort=state.sort_key,
            descending=state.descending,
            offset=offset,
            limit=limit,
            trash=state.trash,
        )

    # -- Qt's model interface ------------------------------------------------------------------

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        record = self._rows[index.row()]
        column = self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = column.value(record)
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = (
                Qt.AlignmentFlag.AlignRight if column.numeric else Qt.AlignmentFlag.AlignLeft
            )
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == ID_ROLE:
            return record.id
        return None

    def headerData(  # noqa: N802 (Qt's name)
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if role == Qt.ItemDataRole.ToolTipRole and horizontal and not self.is_sortable(section):
            return _("This column cannot be sorted.") if 0 <= section < len(self.columns) else None
        return super().headerData(section, orientation, role)

    def canFetchMore(self, parent: Index) -> bool:  # noqa: N802 (Qt's name)
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: Index) -> None:  # noqa: N802 (Qt's name)
        if parent.isValid():
            return
        page = list(self._page(len(self._rows), PAGE_SIZE))
        if not page:
            self._total = len(self._rows)  # rows went away since the count
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in SQL by the column's key; columns without one keep the current order."""
        if not self.is_sortable(column):
            return
        key, descending = self.columns[column].sort_key, order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self.state.sort_key, self.state.descending):
            return  # already in this order (Qt asks again when sorting is switched on)
        self.reload(sort_key=key, descending=descending)

    # -- export ---------------------------------------------------------------------------------

    def export_work(self) -> tuple[list[str], Callable[..., list[list[Cell]]]]:
        """The headers as shown, and work that reads every matching row (for a background job).

        The work reads the service in pages with the state of this moment, so it does not touch
        the model from the worker thread.
        """
        headers = [column.title() for column in self.columns]
        columns, fetch, count, state = list(self.columns), self._fetch, self._count, self.state

        def work(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> list:
            total = count(state.query, trash=state.trash)
            rows: list[list[Cell]] = []
            while len(rows) < total:
                if cancelled():
                    raise Cancelled(_("The export was cancelled; no file was written."))
                page = fetch(
                    state.query,
                    sort=state.sort_key,
                    descending=state.descending,
                    offset=len(rows),
                    limit=EXPORT_PAGE_SIZE,
                    trash=state.trash,
                )
                if not page:
                    break
                rows.extend([column.value(record) for column in columns] for record in page)
                progress(len(rows), total)
            return rows

        return headers, work
