"""The list of backups in the Backups window: when, why, how big, which file (newest first)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from app.i18n import N_, _, format_datetime, format_number
from app.services.backups import BackupInfo

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex
PATH_ROLE = Qt.ItemDataRole.UserRole
KB = 1024
MB = 1024 * 1024

# Every reason a backup is made with (see app/services/backups.py, app/migrate.py,
# app/services/importing, app/services/duplicates.py), in words a person understands.
REASONS: dict[str, str] = {
    "manual": N_("Made by hand"),
    "automatic": N_("Daily (automatic)"),
    "before-upgrade": N_("Before an upgrade of Tejido"),
    "before-import": N_("Before an import"),
    "before-merge": N_("Before merging duplicates"),
    "before-restore": N_("Before a restore"),
    "damaged": N_("Damaged data kept before a restore"),
}


def reason_label(reason: str) -> str:
    """The translated words for a backup reason (the reason itself, readable, if unknown)."""
    if reason in REASONS:
        return _(REASONS[reason])
    return reason.replace("-", " ").capitalize()


def size_label(size: int) -> str:
    """A file size in KB (under a megabyte) or MB with one decimal, in the current language."""
    if size < MB:
        return _("{size} KB").format(size=format_number(max(1, round(size / KB))))
    return _("{size} MB").format(size=format_number(round(size / MB, 1)))


@dataclass(frozen=True, slots=True)
class _Column:
    title: Callable[[], str]
    value: Callable[[BackupInfo], str]
    right: bool = False


COLUMNS: tuple[_Column, ...] = (
    _Column(lambda: _("Made on"), lambda b: format_datetime(b.made_at)),
    _Column(lambda: _("Why"), lambda b: reason_label(b.reason)),
    _Column(lambda: _("Size"), lambda b: size_label(b.size), right=True),
    _Column(lambda: _("File"), lambda b: b.path.name),
)


class BackupsTableModel(QAbstractTableModel):
    """A thin adapter over the list of :class:`BackupInfo` the service gives, in its order."""

    def __init__(self, parent=None):  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self._rows: list[BackupInfo] = []

    def set_rows(self, rows: Sequence[BackupInfo]) -> None:
        """Show ``rows`` (already newest first)."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def backup(self, row: int) -> BackupInfo:
        return self._rows[row]

    def row_of(self, path: object) -> int | None:
        """The row of the backup file ``path``, or ``None``."""
        for row, info in enumerate(self._rows):
            if info.path == path:
                return row
        return None

    def retranslate(self) -> None:
        """Say the headers and cells again in the current language."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self._rows:
            last = self.index(len(self._rows) - 1, len(COLUMNS) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    # -- Qt's model interface ------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 (Qt's name)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        info = self._rows[index.row()]
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.value(info)
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(info.path)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignRight if column.right else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == PATH_ROLE:
            return str(info.path)
        return None

    def headerData(  # noqa: N802 (Qt's name)
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section].title()
        return None
