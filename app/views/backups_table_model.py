"""The list of backups in the Backups window: when, why, how big, which file (newest first)."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt

from app.i18n import N_, _, format_datetime, format_number
from app.services.backups import BackupInfo
from app.views.widgets.rows_table_model import RowsTableModel, TextColumn

log = logging.getLogger(__name__)

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


COLUMNS: tuple[TextColumn[BackupInfo], ...] = (
    TextColumn(lambda: _("Made on"), lambda b: format_datetime(b.made_at)),
    TextColumn(lambda: _("Why"), lambda b: reason_label(b.reason)),
    TextColumn(lambda: _("Size"), lambda b: size_label(b.size), right=True),
    TextColumn(lambda: _("File"), lambda b: b.path.name),
)


class BackupsTableModel(RowsTableModel[BackupInfo]):
    """A thin adapter over the list of :class:`BackupInfo` the service gives, in its order.

    Each cell's tool tip, and its ``PATH_ROLE`` data, is the backup file's full path.
    """

    def __init__(self, parent=None):  # type: ignore[no-untyped-def]
        super().__init__(COLUMNS, parent)

    def backup(self, row: int) -> BackupInfo:
        return self.row_at(row)

    def row_of(self, path: object) -> int | None:
        """The row of the backup file ``path``, or ``None``."""
        for row in range(self.rowCount()):
            if self.row_at(row).path == path:
                return row
        return None

    def tool_tip(self, row: BackupInfo) -> str:
        return str(row.path)

    def user_data(self, row: BackupInfo) -> str:
        return str(row.path)
