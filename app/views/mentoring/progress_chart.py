"""A small chart of one goal's progress over time, drawn with QPainter (Qt Charts is not part of
the program): 0 to 100 % upwards, the dates across, a step line (progress holds until it is
recorded again), a dot for each recorded step and a dashed line on the due date."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QHelpEvent, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from app.i18n import _, format_date, format_number
from app.services.mentoring_values import ProgressPoint
from app.views.widgets.sorted_rows import tone_colour

log = logging.getLogger(__name__)

GRID = (0, 25, 50, 75, 100)
DOT = 4.0  # radius of a recorded step, in pixels
NEAR = 10.0  # how close the pointer must be to a dot for its tool tip


def percent_text(value: int) -> str:
    """``60`` -> "60 %" in the current language."""
    return _("{percent} %").format(percent=format_number(value))


def history_text(points: Sequence[ProgressPoint]) -> str:
    """The steps in words, for screen readers: "3 Mar 2025: 20 %; 10 Apr 2025: 45 %"."""
    if not points:
        return _("No progress recorded yet.")
    return "; ".join(
        _("{date}: {percent}").format(
            date=format_date(p.recorded_on), percent=percent_text(p.progress)
        )
        for p in points
    )


class ProgressChart(QWidget):
    """The progress history of one goal. :meth:`set_history` gives the steps (oldest first),
    the due date and today; the line runs on to today (or the achieved day) at the last value."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.points: list[ProgressPoint] = []
        self.due_date: date | None = None
        self.today = date.today()
        self._dots: list[tuple[QPointF, ProgressPoint]] = []
        self.setMinimumHeight(150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(420, 180)

    def set_history(
        self,
        points: Sequence[ProgressPoint],
        due_date: date | None = None,
        today: date | None = None,
    ) -> None:
        """Show ``points`` (oldest first); ``due_date`` is marked when it falls in the span."""
        self.points = sorted(points, key=lambda p: p.recorded_on)
        self.due_date = due_date
        self.today = today or date.today()
        self.setAccessibleDescription(history_text(self.points))
        self.update()

    # -- geometry --------------------------------------------------------------------------------

    def span(self) -> tuple[date, date]:
        """The first and last day across: the steps, today, and the due date."""
        days = [p.recorded_on for p in self.points]
        last = max(days[-1], self.today) if days else self.today
        if self.points and self.points[-1].progress >= 100:
            last = days[-1]  # achieved: nothing more to draw after it
        first = days[0] if days else self.today
        if self.due_date is not None:
            first, last = min(first, self.due_date), max(last, self.due_date)
        if first == last:
            first = date.fromordinal(first.toordinal() - 1)
        return first, last

    def plot_area(self) -> QRectF:
        metrics = self.fontMetrics()
        left = metrics.horizontalAdvance(percent_text(100)) + 10
        bottom = metrics.height() + 8
        top = metrics.height() // 2 + 4
        return QRectF(
            left, top, max(self.width() - left - 12, 10), max(self.height() - top - bottom, 10)
        )

    def _x(self, day: date, area: QRectF, first: date, last: date) -> float:
        total = (last - first).days or 1
        return area.left() + area.width() * (day - first).days / total

    @staticmethod
    def _y(progress: int, area: QRectF) -> float:
        return area.bottom() - area.height() * max(0, min(progress, 100)) / 100

    # -- painting --------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        area = self.plot_area()
        self._draw_grid(painter, area)
        if not self.points:
            self._dots = []
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, _("No progress recorded yet"))
            painter.end()
            return
        first, last = self.span()
        self._draw_dates(painter, area, first, last)
        self._draw_due(painter, area, first, last)
        self._draw_line(painter, area, first, last)
        painter.end()

    def _draw_grid(self, painter: QPainter, area: QRectF) -> None:
        text = self.palette().windowText().color()
        grid = QColor(text)
        grid.setAlpha(50)
        metrics = self.fontMetrics()
        for value in GRID:
            y = self._y(value, area)
            painter.setPen(
                QPen(
                    grid, 1, Qt.PenStyle.DotLine if value not in (0, 100) else Qt.PenStyle.SolidLine
                )
            )
            painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
            painter.setPen(text)
            label = percent_text(value)
            box = QRectF(0, y - metrics.height() / 2, area.left() - 6, metrics.height())
            painter.drawText(
                box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label
            )

    def _draw_dates(self, painter: QPainter, area: QRectF, first: date, last: date) -> None:
        """The first and last day under the axis; the last says "Today" when it is today, and a
        faint line marks today when it falls inside the span."""
        painter.setPen(self.palette().windowText().color())
        height = self.fontMetrics().height()
        row = QRectF(area.left(), area.bottom() + 4, area.width(), height)
        painter.drawText(row, Qt.AlignmentFlag.AlignLeft, format_date(first))
        end = _("Today") if last == self.today else format_date(last)
        painter.drawText(row, Qt.AlignmentFlag.AlignRight, end)
        if first < self.today < last:
            x = self._x(self.today, area, first, last)
            faint = QColor(self.palette().windowText().color())
            faint.setAlpha(90)
            painter.setPen(QPen(faint, 1, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(x, area.top()), QPointF(x, area.bottom()))
            self._label(painter, area, x, _("Today"), faint)

    def _label(self, painter: QPainter, area: QRectF, x: float, text: str, colour: QColor) -> None:
        """``text`` at the top of the plot beside the line at ``x`` (left of it near the end)."""
        width = self.fontMetrics().horizontalAdvance(text) + 6
        left = x - width - 2 if x + width > area.right() else x + 3
        painter.setPen(colour)
        painter.drawText(
            QRectF(left, area.top(), width, self.fontMetrics().height()),
            Qt.AlignmentFlag.AlignLeft,
            text,
        )

    def _draw_due(self, painter: QPainter, area: QRectF, first: date, last: date) -> None:
        if self.due_date is None:
            return
        x = self._x(self.due_date, area, first, last)
        colour = tone_colour("warning") or self.palette().windowText().color()
        painter.setPen(QPen(colour, 1.5, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(x, area.top()), QPointF(x, area.bottom()))
        self._label(painter, area, x, _("Due"), colour)

    def _draw_line(self, painter: QPainter, area: QRectF, first: date, last: date) -> None:
        colour = self.palette().highlight().color()
        path = QPainterPath()
        self._dots = []
        for number, point in enumerate(self.points):
            spot = QPointF(
                self._x(point.recorded_on, area, first, last), self._y(point.progress, area)
            )
            if number == 0:
                path.moveTo(spot)
            else:
                path.lineTo(QPointF(spot.x(), path.currentPosition().y()))
                path.lineTo(spot)
            self._dots.append((spot, point))
        end = self.points[-1]
        if end.progress < 100:  # the last value holds until today
            path.lineTo(
                QPointF(
                    self._x(min(self.today, last), area, first, last), path.currentPosition().y()
                )
            )
        fill = QPainterPath(path)
        fill.lineTo(QPointF(path.currentPosition().x(), area.bottom()))
        fill.lineTo(QPointF(self._dots[0][0].x(), area.bottom()))
        fill.closeSubpath()
        shade = QColor(colour)
        shade.setAlpha(40)
        painter.fillPath(fill, shade)
        painter.setPen(QPen(colour, 2))
        painter.drawPath(path)
        painter.setBrush(colour)
        for spot, _point in self._dots:
            painter.drawEllipse(spot, DOT, DOT)

    # -- tool tips -------------------------------------------------------------------------------

    def point_near(self, where: QPointF) -> ProgressPoint | None:
        """The recorded step drawn at ``where`` (within a few pixels), or ``None``."""
        best = None
        for spot, point in self._dots:
            distance = (spot - where).manhattanLength()
            if distance <= NEAR and (best is None or distance < best[0]):
                best = (distance, point)
        return best[1] if best else None

    def event(self, event) -> bool:  # type: ignore[no-untyped-def]
        if event.type() == event.Type.ToolTip and isinstance(event, QHelpEvent):
            point = self.point_near(QPointF(event.pos()))
            if point is None:
                QToolTip.hideText()
            else:
                text = _("{date}: {percent}").format(
                    date=format_date(point.recorded_on), percent=percent_text(point.progress)
                )
                QToolTip.showText(event.globalPos(), f"{text}\n{point.note}".strip(), self)
            return True
        return super().event(event)
