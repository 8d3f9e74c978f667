"""The roster of one session as a table: who is expected, their mark, minutes and remarks.

The rows are read once when the roster opens. A mark saved afterwards replaces only its own row
(one ``dataChanged``), so marking stays instant with hundreds of people. Finding people by typed
letters happens here, in memory, on the folded name and organisation (:class:`RosterFilter`).
"""

from __future__ import annotations

import bisect
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont

from app.i18n import N_, _
from app.services.attendance import RosterRow
from app.services.text import fold
from app.services.vocabulary import ATTENDANCE_MARKS, ATTENDED_MARKS, GENDERS, REGISTRATION_ROLES
from app.views.widgets.choices import choice_label
from app.views.widgets.sorted_rows import tone_colour

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex

NAME, ORGANISATION, ROLE, MARK, MINUTES, REMARKS = range(6)
COLUMN_TITLES = (
    N_("Name"),
    N_("Organisation"),
    N_("Role"),
    N_("Mark"),
    N_("Minutes"),
    N_("Remarks"),
)
# A symbol beside each mark's word, so neither colour nor reading alone has to carry it.
MARK_SYMBOLS = {"present": "✓", "late": "◔", "left_early": "◕", "excused": "✉", "absent": "✗"}
MARK_TONES = {"present": "good", "late": "warning", "left_early": "warning", "absent": "bad"}
# Marks whose minutes can be partial: marking one of these keeps the minutes typed for another.
PARTIAL_MARKS = frozenset({"late", "left_early"})
MAX_MINUTES = 1440

# Called with the row as it should become; saves it and returns whether it was saved.
EditHook = Callable[[RosterRow], bool]


def mark_label(mark: str | None) -> str:
    """``"✓ Present"``; empty when the person is not marked yet."""
    if not mark:
        return ""
    return f"{MARK_SYMBOLS.get(mark, '•')} {choice_label(ATTENDANCE_MARKS, mark)}"


def is_expected(row: RosterRow) -> bool:
    """Expected at the session: registered or invited (not waiting), or marked anyway."""
    return bool(row.mark) or row.registration_status != "waiting_list"


def parse_minutes(value: object) -> int | None:
    """Minutes typed in a cell: empty means the whole session; raises ValueError otherwise."""
    text = str(value if value is not None else "").strip()
    if not text:
        return None
    minutes = int(text)
    if not 0 <= minutes <= MAX_MINUTES:
        raise ValueError(text)
    return minutes


@dataclass(frozen=True, slots=True)
class RosterCounts:
    """The live counts at the top of the roster."""

    present: int
    expected: int
    unmarked: int
    by_gender: dict[str, int]


def roster_counts(rows: Iterable[RosterRow]) -> RosterCounts:
    """Present (present, late, left early) of expected; not yet marked; those present by gender."""
    present = expected = unmarked = 0
    by_gender = dict.fromkeys(GENDERS, 0)
    for row in rows:
        if not is_expected(row):
            continue
        expected += 1
        if row.mark in ATTENDED_MARKS:
            present += 1
            gender = row.gender if row.gender in by_gender else "not_stated"
            by_gender[gender] += 1
        elif not row.mark:
            unmarked += 1
    return RosterCounts(present, expected, unmarked, by_gender)


class RosterModel(QAbstractTableModel):
    """The people of one roster, by name. Minutes and remarks are editable once marked;
    an edit goes through ``edit_hook`` (which saves it and calls :meth:`replace`)."""

    def __init__(self, parent=None):  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self._rows: list[RosterRow] = []
        self._keys: list[str] = []
        self._sort_keys: list[tuple[str, str]] = []
        self._by_person: dict[str, int] = {}
        self.edit_hook: EditHook | None = None

    # -- the rows -------------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[RosterRow]) -> None:
        """Show ``rows`` (in the order given: by name)."""
        self.beginResetModel()
        self._rows = list(rows)
        self._keys = [self._search_key(row) for row in self._rows]
        self._sort_keys = [(row.name_key, row.person_id) for row in self._rows]
        self._index()
        self.endResetModel()

    def rows(self) -> tuple[RosterRow, ...]:
        return tuple(self._rows)

    def row_at(self, row: int) -> RosterRow:
        return self._rows[row]

    def row_of(self, person_id: str) -> int | None:
        """The row number of a person, or ``None`` when they are not on the roster."""
        return self._by_person.get(person_id)

    def search_key(self, row: int) -> str:
        """The folded name and organisation of a row, as the filter reads them."""
        return self._keys[row]

    def replace(self, row: RosterRow) -> int:
        """Show a person's row as it is now (only that row's cells change)."""
        number = self._by_person[row.person_id]
        self._rows[number] = row
        self._keys[number] = self._search_key(row)
        self.dataChanged.emit(self.index(number, 0), self.index(number, len(COLUMN_TITLES) - 1))
        return number

    def insert(self, row: RosterRow) -> int:
        """Add a person in name order (or show their row again if they are there); their row."""
        if row.person_id in self._by_person:
            return self.replace(row)
        key = (row.name_key, row.person_id)
        number = bisect.bisect_left(self._sort_keys, key)
        self.beginInsertRows(QModelIndex(), number, number)
        self._rows.insert(number, row)
        self._keys.insert(number, self._search_key(row))
        self._sort_keys.insert(number, key)
        self._index()
        self.endInsertRows()
        return number

    def counts(self) -> RosterCounts:
        return roster_counts(self._rows)

    def retranslate(self) -> None:
        """Say the headers and the marks and roles again in the current language."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMN_TITLES) - 1)
        if self._rows:
            last = self.index(len(self._rows) - 1, len(COLUMN_TITLES) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def _index(self) -> None:
        self._by_person = {row.person_id: n for n, row in enumerate(self._rows)}

    @staticmethod
    def _search_key(row: RosterRow) -> str:
        return f"{row.name_key or fold(row.full_name)}\n{fold(row.organisation_name)}"

    # -- what a cell shows ----------------------------------------------------------------------

    def _text(self, row: RosterRow, column: int) -> str:
        if column == NAME:
            return row.full_name
        if column == ORGANISATION:
            return row.organisation_name
        if column == ROLE:
            return self._role_text(row)
        if column == MARK:
            return mark_label(row.mark)
        if column == MINUTES:
            return "" if row.minutes is None else str(row.minutes)
        return row.remarks

    @staticmethod
    def _role_text(row: RosterRow) -> str:
        role = choice_label(REGISTRATION_ROLES, row.role)
        if row.registration_status == "waiting_list":
            return _("{role} (waiting list)").format(role=role)
        return role

    def _tool_tip(self, row: RosterRow, column: int) -> str | None:
        if column == MARK and not row.mark:
            return _("Not marked yet: Enter or 1 marks present")
        if column == MINUTES:
            return _("Minutes attended, for a partial attendance; empty means the whole session")
        if column in (NAME, ORGANISATION, REMARKS):
            return self._text(row, column) or None
        return None

    def _accessible_text(self, row: RosterRow, column: int) -> str:
        if column == MARK and not row.mark:
            return _("Not marked yet")
        if column == MINUTES and row.minutes is None and row.mark in ATTENDED_MARKS:
            return _("Whole session")
        return self._text(row, column)

    # -- Qt's model interface -------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 (Qt's name)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMN_TITLES)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(row, column)
        if role == Qt.ItemDataRole.UserRole:
            return row.person_id
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tool_tip(row, column)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._accessible_text(row, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == MARK:
            return tone_colour(MARK_TONES.get(row.mark or ""))
        if role == Qt.ItemDataRole.FontRole and column == MARK and row.mark:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column == MINUTES:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(  # noqa: N802 (Qt's name)
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMN_TITLES):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _(COLUMN_TITLES[section])
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        row = self._rows[index.row()]
        editable = (index.column() == MINUTES and row.mark in ATTENDED_MARKS) or (
            index.column() == REMARKS and bool(row.mark)
        )
        return flags | Qt.ItemFlag.ItemIsEditable if editable else flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        row = self._rows[index.row()]
        if index.column() == MINUTES:
            try:
                changed = replace(row, minutes=parse_minutes(value))
            except ValueError:
                return False
        else:
            changed = replace(row, remarks=str(value or "").strip())
        if changed == row:
            return True
        return self.edit_hook(changed) if self.edit_hook is not None else False


class RosterFilter(QSortFilterProxyModel):
    """Shows the people whose name or organisation holds every word typed (accents and case
    ignored), in the roster's order."""

    def __init__(self, source: RosterModel, parent=None):  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self._source = source
        self._words: list[str] = []
        self.setSourceModel(source)

    def set_query(self, text: str) -> None:
        words = fold(text).split()
        if words == self._words:
            return
        self.beginFilterChange()
        self._words = words
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802
        if not self._words:
            return True
        key = self._source.search_key(source_row)
        return all(word in key for word in self._words)
