"""The attendance history as a table model: every mark, newest session first, read from SQL a
page at a time and kept only a few pages at a time, so memory stays flat over 250,000 rows.

The first page is read at once (the list shows its first rows straight away); how many marks
match is counted in a background thread, and the table then grows to its full length, so the
scroll bar is true and can be dragged to the end. A row whose page is not in memory shows empty
cells and asks for its page; pages are read after the paint (never inside ``data()``), and the
pages least recently shown are dropped.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    Qt,
    QTimer,
    Signal,
    Slot,
)

from app.errors import Cancelled
from app.i18n import _, format_date
from app.services.attendance import AttendanceService
from app.services.attendance_history import HistoryRow
from app.services.vocabulary import ATTENDANCE_MARKS
from app.views.widgets.choices import choice_label
from app.views.widgets.paged_table_model import ID_ROLE, Cell, Column, Index

log = logging.getLogger(__name__)

PAGE_SIZE = 200
KEPT_PAGES = 8  # 1,600 rows: more than any screen shows
EXPORT_PAGE_SIZE = 50_000
PERSON_ROLE = Qt.ItemDataRole.UserRole + 1

HISTORY_COLUMNS: tuple[Column, ...] = (
    Column(lambda: _("Date"), lambda r: format_date(r.date), width=12),
    Column(lambda: _("Activity"), lambda r: r.activity_title, width=36),
    Column(lambda: _("Person"), lambda r: r.full_name, width=28),
    Column(lambda: _("Mark"), lambda r: choice_label(ATTENDANCE_MARKS, r.mark), width=20),
    Column(lambda: _("Minutes"), lambda r: r.minutes, numeric=True, width=8),
    Column(lambda: _("Remarks"), lambda r: r.remarks, width=28),
    Column(lambda: _("Taken by"), lambda r: r.taken_by, width=20),
)


class _Counted(QObject):
    """Carries a count from the counting thread to the model on the GUI thread (queued)."""

    done = Signal(int, int)  # generation, count


class AttendanceHistoryModel(QAbstractTableModel):
    """All attendance marks matching a search, paged from SQL, a window of pages in memory.

    ``counted(int)`` is emitted when the number of matching marks is known.
    """

    counted = Signal(int)

    def __init__(self, attendance: AttendanceService, parent: QObject | None = None):
        super().__init__(parent)
        self.attendance = attendance
        self.columns = HISTORY_COLUMNS
        self.query = ""
        self._pages: OrderedDict[int, list[HistoryRow]] = OrderedDict()
        self._rows = 0
        self._total: int | None = None
        self._generation = 0
        self._counting: threading.Thread | None = None
        self._wanted: set[int] = set()
        self._load_timer = QTimer(self, singleShot=True, interval=0)
        self._load_timer.timeout.connect(self._on_load_timer_timeout)
        self._counted = _Counted(self)
        self._counted.done.connect(self._on_counted, Qt.ConnectionType.QueuedConnection)
        self.reload()

    # -- what is shown ------------------------------------------------------------------------

    def reload(self, query: str | None = None) -> None:
        """Read the first page again (with a new search if given) and count in the background."""
        if query is not None:
            self.query = query
        self._generation += 1
        self.beginResetModel()
        self._pages.clear()
        self._wanted.clear()
        first = self.attendance.history(self.query, offset=0, limit=PAGE_SIZE)
        self._pages[0] = first
        self._rows = len(first)
        self._total = len(first) if len(first) < PAGE_SIZE else None
        self.endResetModel()
        if self._total is None:
            self._start_count(self._generation, self.query)
        else:
            self.counted.emit(self._total)

    def total(self) -> int:
        """How many marks match (while they are being counted: how many rows are shown)."""
        return self._rows if self._total is None else self._total

    def is_counted(self) -> bool:
        """Whether :meth:`total` is the count of all matching marks."""
        return self._total is not None

    def record(self, row: int) -> HistoryRow | None:
        """The mark on ``row`` if its page is in memory."""
        page = self._pages.get(row // PAGE_SIZE)
        if page is None or row % PAGE_SIZE >= len(page):
            return None
        return page[row % PAGE_SIZE]

    def load_rows(self, first: int, last: int) -> None:
        """Read the pages holding rows ``first`` to ``last`` now (if not in memory)."""
        for number in range(max(0, first) // PAGE_SIZE, max(0, last) // PAGE_SIZE + 1):
            if number not in self._pages and number * PAGE_SIZE < self._rows:
                self._load_page(number)

    def pages_in_memory(self) -> int:
        return len(self._pages)

    def wait_for_count(self, timeout: float = 30.0) -> None:
        """Block until the background count finished and was taken in (tests, benchmarks)."""
        if self._counting is not None:
            self._counting.join(timeout)
        QCoreApplication.sendPostedEvents(self)

    def retranslate(self) -> None:
        """Say the headers and the marks again in the current language."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)
        if self._rows:
            last = self.index(self._rows - 1, len(self.columns) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    # -- reading pages --------------------------------------------------------------------------

    def _load_page(self, number: int) -> None:
        first = number * PAGE_SIZE
        if self._total is not None and first > self._total // 2:
            # Past the middle: read from the end, in reverse, so the last page is as quick as
            # the first (SQL's OFFSET walks every row it skips).
            limit = min(PAGE_SIZE, self._rows - first)
            from_end = self._rows - first - limit
            rows = self.attendance.history(self.query, offset=from_end, limit=limit, reverse=True)[
                ::-1
            ]
        else:
            rows = self.attendance.history(self.query, offset=first, limit=PAGE_SIZE)
        self._pages[number] = rows
        while len(self._pages) > KEPT_PAGES:
            self._pages.popitem(last=False)
        first = number * PAGE_SIZE
        last = min(self._rows, first + PAGE_SIZE) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(self.columns) - 1))

    def _on_load_timer_timeout(self) -> None:
        wanted, self._wanted = sorted(self._wanted), set()
        for number in wanted:
            if number not in self._pages and number * PAGE_SIZE < self._rows:
                self._load_page(number)

    def _start_count(self, generation: int, query: str) -> None:
        signal = self._counted.done

        def count() -> None:
            try:
                total = self.attendance.history_count(query)
            except Exception:  # noqa: BLE001 - the list stays usable with its first page
                log.exception("counting the attendance history failed")
                return
            try:
                signal.emit(generation, total)
            except RuntimeError:  # the model was closed meanwhile
                return

        self._counting = threading.Thread(target=count, name="history-count", daemon=True)
        self._counting.start()

    @Slot(int, int)
    def _on_counted(self, generation: int, total: int) -> None:
        if generation != self._generation:
            return  # a count for a search typed over since
        self._total = total
        if total > self._rows:
            self.beginInsertRows(QModelIndex(), self._rows, total - 1)
            self._rows = total
            self.endInsertRows()
        elif total < self._rows:  # marks taken back since the first page was read
            self.beginRemoveRows(QModelIndex(), total, self._rows - 1)
            self._rows = total
            self.endRemoveRows()
        self.counted.emit(total)

    # -- Qt's model interface ------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 (Qt's name)
        return 0 if parent.isValid() else self._rows

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self._rows:
            return None
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = (
                Qt.AlignmentFlag.AlignRight if column.numeric else Qt.AlignmentFlag.AlignLeft
            )
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            ID_ROLE,
            PERSON_ROLE,
        ):
            return None
        record = self._shown(index.row())
        if record is None:
            return "" if role == Qt.ItemDataRole.DisplayRole else None
        if role == ID_ROLE:
            return record.id
        if role == PERSON_ROLE:
            return record.person_id
        value = column.value(record)
        return "" if value is None else str(value)

    def headerData(  # noqa: N802 (Qt's name)
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].title()
        return None

    def _shown(self, row: int) -> HistoryRow | None:
        """The record of a row being shown; asks for its page (read after the paint) if needed."""
        number = row // PAGE_SIZE
        if number in self._pages:
            self._pages.move_to_end(number)
            return self.record(row)
        self._wanted.add(number)
        if not self._load_timer.isActive():
            self._load_timer.start()
        return None

    # -- export ---------------------------------------------------------------------------------

    def export_work(self) -> tuple[list[str], Callable[..., list[list[Cell]]]]:
        """The headers as shown, and work that reads every matching mark (for a background job)."""
        headers = [column.title() for column in self.columns]
        columns, attendance, query = list(self.columns), self.attendance, self.query

        def work(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> list:
            total = attendance.history_count(query)
            rows: list[list[Cell]] = []
            while len(rows) < total:
                if cancelled():
                    raise Cancelled(_("The export was cancelled; no file was written."))
                page = attendance.history(query, offset=len(rows), limit=EXPORT_PAGE_SIZE)
                if not page:
                    break
                rows.extend([column.value(record) for column in columns] for record in page)
                progress(len(rows), total)
            return rows

        return headers, work
