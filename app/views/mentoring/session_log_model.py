"""The session log of a mentoring pair as a table: date (with a lock for sessions that hold
confidential notes), duration, mode, topics and each side's rating. The rows never carry the
notes themselves (:class:`SessionLogRow` has no field for them)."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import QApplication

from app.i18n import _, format_date, format_number
from app.services.mentoring_values import SessionLogRow
from app.services.mentoring_vocabulary import SESSION_MODES
from app.views.mentoring.goals_table_model import first_line
from app.views.widgets.choices import choice_label
from app.views.widgets.rows_table_model import Index
from app.views.widgets.sorted_rows import SortColumn, SortedRowsModel
from app.views.widgets.time_edit import duration_text

log = logging.getLogger(__name__)

DATE_COLUMN, MENTOR_COLUMN, MENTEE_COLUMN = 0, 4, 5
_icons: dict[tuple[str, int], QIcon] = {}


def lock_pixmap(size: int = 16, colour: QColor | None = None) -> QPixmap:
    """A padlock drawn in the text colour (no font or image file needed)."""
    ratio = QApplication.primaryScreen().devicePixelRatio() if QApplication.primaryScreen() else 1
    pixmap = QPixmap(int(size * ratio), int(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    colour = colour or QApplication.palette().text().color()
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    unit = size / 16
    painter.setPen(QPen(colour, 1.8 * unit))
    shackle = QPainterPath()
    shackle.moveTo(QPointF(5 * unit, 8 * unit))
    shackle.lineTo(QPointF(5 * unit, 5.5 * unit))
    shackle.arcTo(QRectF(5 * unit, 2 * unit, 6 * unit, 7 * unit), 180, -180)
    shackle.lineTo(QPointF(11 * unit, 8 * unit))
    painter.drawPath(shackle)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawRoundedRect(QRectF(3 * unit, 7.5 * unit, 10 * unit, 7.5 * unit), unit, unit)
    painter.end()
    return pixmap


def lock_icon() -> QIcon:
    """The padlock for the current palette (light or dark), made once."""
    colour = QApplication.palette().text().color()
    key = (colour.name(), 16)
    if key not in _icons:
        _icons[key] = QIcon(lock_pixmap(16, colour))
    return _icons[key]


def rating_text(value: int | None) -> str:
    return format_number(value) if value is not None else ""


def date_text(row: SessionLogRow) -> str:
    return format_date(row.date)


SESSION_COLUMNS = (
    SortColumn(lambda: _("Date"), date_text, key=lambda r: r.date, width=17),
    SortColumn(
        lambda: _("Duration"), lambda r: duration_text(r.minutes), key=lambda r: r.minutes, width=9
    ),
    SortColumn(lambda: _("Mode"), lambda r: choice_label(SESSION_MODES, r.mode), width=10),
    SortColumn(lambda: _("Topics"), lambda r: first_line(r.topics), width=26),
    SortColumn(
        lambda: _("Mentor"),
        lambda r: rating_text(r.mentor_rating),
        key=lambda r: r.mentor_rating,
        width=4,
    ),
    SortColumn(
        lambda: _("Mentee"),
        lambda r: rating_text(r.mentee_rating),
        key=lambda r: r.mentee_rating,
        width=4,
    ),
)


def confidential_hint() -> str:
    return _(
        "This session has confidential notes. Open it to read them; they are never printed or "
        "exported."
    )


class SessionLogModel(SortedRowsModel[SessionLogRow]):
    """The sessions of one pair, newest first as the service gives them. A session with
    confidential notes shows a lock by its date, and says so in its tool tip and to screen
    readers."""

    def __init__(self, parent=None):  # type: ignore[no-untyped-def]
        super().__init__(SESSION_COLUMNS, parent)

    def tool_tip(self, row: SessionLogRow) -> str | None:
        parts = [text for text in (row.topics, row.summary) if text]
        if row.has_confidential_notes:
            parts.append(confidential_hint())
        return "\n\n".join(parts) or None

    def headerData(  # noqa: N802 (Qt's name)
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal:
            return {
                MENTOR_COLUMN: _("The mentor's rating of the session, from 1 to 5"),
                MENTEE_COLUMN: _("The mentee's rating of the session, from 1 to 5"),
            }.get(section)
        return super().headerData(section, orientation, role)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            index.isValid()
            and index.column() == DATE_COLUMN
            and index.row() < self.rowCount()
            and self.row_at(index.row()).has_confidential_notes
        ):
            if role == Qt.ItemDataRole.DecorationRole:
                return lock_icon()
            if role == Qt.ItemDataRole.AccessibleTextRole:
                return _("{date}, with confidential notes").format(
                    date=date_text(self.row_at(index.row()))
                )
        return super().data(index, role)
