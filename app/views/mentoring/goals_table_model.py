"""The goals of a mentoring pair as a table: what, progress (drawn as a bar), due date, target,
achieved on. Overdue goals say so in words and in colour."""

from __future__ import annotations

import logging
from datetime import date

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionProgressBar,
    QStyleOptionViewItem,
)

from app.i18n import _, format_date
from app.services.mentoring_values import GoalData
from app.views.mentoring.progress_chart import percent_text
from app.views.widgets.sorted_rows import SortColumn, SortedRowsModel

log = logging.getLogger(__name__)

PROGRESS_COLUMN = 1


def first_line(text: str) -> str:
    lines = text.strip().splitlines()
    return lines[0] if lines else ""


def is_overdue(goal: GoalData, today: date | None = None) -> bool:
    """Past its due date and not reached yet."""
    return (
        goal.due_date is not None
        and goal.due_date < (today or date.today())
        and goal.progress < 100
    )


def due_text(goal: GoalData) -> str:
    if goal.due_date is None:
        return ""
    if is_overdue(goal):
        return _("{date} (overdue)").format(date=format_date(goal.due_date))
    return format_date(goal.due_date)


def due_tone(goal: GoalData) -> str | None:
    return "bad" if is_overdue(goal) else None


GOAL_COLUMNS = (
    SortColumn(lambda: _("Goal"), lambda g: first_line(g.description), width=26),
    SortColumn(
        lambda: _("Progress"),
        lambda g: percent_text(g.progress),
        key=lambda g: g.progress,
        width=12,
    ),
    SortColumn(lambda: _("Due"), due_text, key=lambda g: g.due_date, width=25, tone=due_tone),
    SortColumn(lambda: _("Target"), lambda g: first_line(g.target), width=20),
    SortColumn(
        lambda: _("Achieved on"),
        lambda g: format_date(g.achieved_on),
        key=lambda g: g.achieved_on,
        width=12,
    ),
)


class GoalsTableModel(SortedRowsModel[GoalData]):
    """The goals of one pair; the tool tip of a row says the goal in full."""

    def __init__(self, parent=None):  # type: ignore[no-untyped-def]
        super().__init__(GOAL_COLUMNS, parent)

    def tool_tip(self, row: GoalData) -> str | None:
        parts = [row.description]
        if row.baseline:
            parts.append(_("Starting point: {text}").format(text=row.baseline))
        if row.target:
            parts.append(_("Target: {text}").format(text=row.target))
        return "\n".join(parts)

    def progress_at(self, row: int) -> int:
        return self.row_at(row).progress


class ProgressDelegate(QStyledItemDelegate):
    """Draws the progress cell as a bar with its percentage written on it (the text is the
    cell's own, so screen readers and copies read "60 %")."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        model = index.model()
        if not isinstance(model, GoalsTableModel) or not 0 <= index.row() < model.rowCount():
            super().paint(painter, option, index)
            return
        QApplication.style().drawPrimitive(
            QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, option.widget
        )
        bar = QStyleOptionProgressBar()
        bar.rect = option.rect.adjusted(3, 3, -3, -3)
        bar.minimum, bar.maximum = 0, 100
        bar.progress = model.progress_at(index.row())
        bar.text = str(index.data())
        bar.textVisible = True
        bar.textAlignment = Qt.AlignmentFlag.AlignCenter
        bar.state = option.state | QStyle.StateFlag.State_Horizontal
        bar.palette = option.palette
        bar.fontMetrics = option.fontMetrics
        style = option.widget.style() if option.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter, option.widget)
