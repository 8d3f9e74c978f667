"""The sync panel's lists (laptops, files waiting for review, incomplete files) and the words for
times ("2 minutes ago") and clock warnings ("Laptop B's clock is 3 days ahead").

Times from the sync service are naive UTC; they are shown in this laptop's time zone.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from pathlib import PurePath
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QStyle

from app.i18n import _, current_language, format_datetime, format_number, ngettext
from app.services.sync.describe import table_label
from app.services.sync.devices import DeviceInfo
from app.services.sync.service import HeldBatch
from app.views.widgets.rows_table_model import Index, RowsTableModel, TextColumn

log = logging.getLogger(__name__)

Incomplete = tuple[str, str, datetime | None]  # (file, problem, first seen)


def _local(when: datetime) -> datetime:
    aware = when if when.tzinfo else when.replace(tzinfo=UTC)
    return aware.astimezone()


def ago(when: datetime | None, now: datetime | None = None) -> str:
    """How long ago ``when`` (naive UTC) was, in words: "just now", "2 minutes ago"."""
    if when is None:
        return _("Never")
    from babel.dates import format_timedelta

    now = now or datetime.now(UTC).replace(tzinfo=None)
    delta = (when.replace(tzinfo=None) if when.tzinfo else when) - now
    if delta > timedelta(seconds=-60):
        return _("Just now")
    return format_timedelta(delta, add_direction=True, locale=current_language())


def exact(when: datetime | None) -> str:
    """The date and time of ``when`` (naive UTC) in this laptop's time zone."""
    return format_datetime(_local(when)) if when is not None else ""


def clock_warning(device: DeviceInfo) -> str:
    """The warning for a laptop whose clock is ahead: "Laptop B's clock is 3 days ahead" (empty
    when its clock agrees with this one's)."""
    if device.clock_ahead_s <= 0:
        return ""
    from babel.dates import format_timedelta

    amount = format_timedelta(timedelta(seconds=device.clock_ahead_s), locale=current_language())
    return _("{laptop}'s clock is {amount} ahead").format(laptop=device.name, amount=amount)


def count_lines(counts: dict[str, Any]) -> list[str]:
    """Records counted by table, in words, largest first: ["Attendance: 12", "Person: 3"]."""
    ordered = sorted(counts.items(), key=lambda item: (-int(item[1]), table_label(item[0])))
    return [
        _("{what}: {count}").format(what=table_label(table), count=format_number(int(count)))
        for table, count in ordered
    ]


def counts_by_table(counts: dict[str, Any]) -> str:
    """Records counted by table on one line: "Attendance: 12, Person: 3"."""
    return ", ".join(count_lines(counts))


def brought_words(brought: dict[str, int], shown: int = 3) -> str:
    """What a pass brought, short: the largest kinds of record, and how many other kinds (all
    of them are in the tool tip)."""
    lines = count_lines(brought)
    if len(lines) <= shown + 1:
        return ", ".join(lines)
    more = len(lines) - shown
    return ngettext(
        "{largest} and {count} other kind of record",
        "{largest} and {count} other kinds of record",
        more,
    ).format(largest=", ".join(lines[:shown]), count=more)


def _device_name(device: DeviceInfo) -> str:
    if device.is_this:
        return _("{laptop} (this laptop)").format(laptop=device.name)
    return device.name


DEVICE_COLUMNS: tuple[TextColumn[DeviceInfo], ...] = (
    TextColumn(lambda: _("Laptop"), _device_name),
    TextColumn(lambda: _("Last seen"), lambda d: ago(d.last_seen)),
    TextColumn(lambda: _("Clock"), clock_warning),
)


class DevicesTableModel(RowsTableModel[DeviceInfo]):
    """The laptops syncing through the folder; a laptop whose clock is ahead carries a warning
    sign and the words saying by how much (never colour alone)."""

    CLOCK_COLUMN = 2

    def __init__(self, parent=None):  # type: ignore[no-untyped-def]
        super().__init__(DEVICE_COLUMNS, parent)

    def tool_tip(self, row: DeviceInfo) -> str:
        if row.last_seen is None:
            return _("Not seen yet")
        return _("Last seen on {when}").format(when=exact(row.last_seen))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            role == Qt.ItemDataRole.DecorationRole
            and index.isValid()
            and index.column() == self.CLOCK_COLUMN
            and index.row() < self.rowCount()
            and self.row_at(index.row()).clock_ahead_s > 0
        ):
            return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        if (
            role == Qt.ItemDataRole.ToolTipRole
            and index.isValid()
            and index.column() == self.CLOCK_COLUMN
            and index.row() < self.rowCount()
        ):
            return clock_warning(self.row_at(index.row())) or None
        return super().data(index, role)


HELD_COLUMNS: tuple[TextColumn[HeldBatch], ...] = (
    TextColumn(lambda: _("From"), lambda h: h.device_name),
    TextColumn(lambda: _("Changes"), lambda h: format_number(h.operations), right=True),
    TextColumn(lambda: _("Would remove here"), lambda h: counts_by_table(h.deletions)),
)


class HeldTableModel(RowsTableModel[HeldBatch]):
    """Files from other laptops that would remove many records here, waiting for a person."""

    def __init__(self, parent=None):  # type: ignore[no-untyped-def]
        super().__init__(HELD_COLUMNS, parent)

    def user_data(self, row: HeldBatch) -> str:
        return row.sha256


INCOMPLETE_COLUMNS: tuple[TextColumn[Incomplete], ...] = (
    TextColumn(lambda: _("File"), lambda f: PurePath(f[0]).name),
    TextColumn(lambda: _("Problem"), lambda f: f[1]),
    TextColumn(lambda: _("Since"), lambda f: ago(f[2]) if f[2] else ""),
)


class IncompleteTableModel(RowsTableModel[Incomplete]):
    """Change files Tejido could not read yet; the tool tip gives the file's place and time."""

    def __init__(self, parent=None):  # type: ignore[no-untyped-def]
        super().__init__(INCOMPLETE_COLUMNS, parent)

    def tool_tip(self, row: Incomplete) -> str:
        if row[2] is None:
            return row[0]
        return _("{file}, first seen on {when}").format(file=row[0], when=exact(row[2]))
