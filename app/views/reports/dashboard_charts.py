"""The dashboard's charts, built with Qt Charts: bars with a line over time (two value axes whose
grid lines agree) and horizontal bars for categories, largest first.

Colours have at least 4.5:1 contrast against the chart's background in light and dark palettes,
and never carry the meaning alone: bars and lines differ in shape, every bar of a ranking is
labelled with its count, and the axes are titled in their series' colour. Pointing at a bar or a
point shows its figures in a tool tip; each chart's accessible description gives all its
figures in words.
"""

from __future__ import annotations

import html
import logging
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QHorizontalBarSeries,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QLocale, QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QFont, QPen
from PySide6.QtWidgets import QApplication

from app.i18n import current_language
from app.views.reports.dashboard_axis import Drawn, axis_labels, show_tip

log = logging.getLogger(__name__)

# Okabe-Ito-like hues, darkened for a light background and lightened for a dark one.
LIGHT = ("#0B5FA5", "#C2410C", "#1B7F5A", "#6A3D9A", "#5F5F5F", "#A6266E")
DARK = ("#6CB4F0", "#F4945C", "#4CC38A", "#C6A0E8", "#BDBDBD", "#F07AB5")
TICKS = 5  # intervals on a value axis
WRAP = 18  # characters on a line of a category's name

Describe = Callable[[int], str]


def is_dark() -> bool:
    return QApplication.palette().base().color().lightness() < 128


def colour(index: int) -> QColor:
    """The ``index``-th colour of the charts for the current palette."""
    hues = DARK if is_dark() else LIGHT
    return QColor(hues[index % len(hues)])


def nice_top(value: float) -> int:
    """The top of a value axis with :data:`TICKS` whole steps of 1, 2 or 5 times a power of
    ten that holds ``value`` (5 for an empty chart)."""
    step_wanted = max(value, 1) / TICKS
    power = 10 ** math.floor(math.log10(step_wanted)) if step_wanted >= 1 else 1
    for factor in (1, 2, 5, 10):
        if factor * power >= step_wanted:
            return int(factor * power * TICKS)
    return int(10 * power * TICKS)  # pragma: no cover - factor 10 always holds


def new_chart(title: str) -> QChart:
    """An empty chart in the palette's colours, with a bold title and the local number format."""
    chart = QChart()
    palette = QApplication.palette()
    text = palette.text().color()
    chart.setBackgroundBrush(palette.base())
    chart.setBackgroundRoundness(0)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    font = QFont(QApplication.font())
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.1)
    chart.setTitleFont(font)
    chart.setTitleBrush(text)
    chart.setTitle(chart_title(title))
    chart.legend().setLabelColor(text)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart.setLocalizeNumbers(True)
    chart.setLocale(QLocale(current_language()))
    return chart


def chart_title(title: str, note: str = "") -> str:
    """A chart's title as Qt Charts draws it (HTML), with ``note`` under it in plain weight."""
    if not note:
        return html.escape(title)
    return f"{html.escape(title)}<br><span style='font-weight:normal'>{html.escape(note)}</span>"


def value_axis(title: str, top: float, tint: QColor | None = None, grid: bool = True) -> QValueAxis:
    """A value axis from 0 to a round top, in whole steps, titled (in ``tint`` when given, so it
    is clear which series it measures)."""
    palette = QApplication.palette()
    axis = QValueAxis()
    axis.setRange(0, nice_top(top))
    axis.setTickCount(TICKS + 1)
    axis.setLabelFormat("%.0f")  # "%d" is not drawn when numbers are localised
    axis.setTitleText(title)
    axis.setTitleBrush(tint or palette.text().color())
    axis.setLabelsColor(palette.text().color())
    axis.setGridLineVisible(grid)
    axis.setGridLineColor(palette.mid().color())
    axis.setLinePenColor(palette.mid().color())
    return axis


def category_axis(labels: Sequence[str]) -> QBarCategoryAxis:
    """An axis of named steps or categories; ``labels`` as :func:`axis_labels` makes them."""
    palette = QApplication.palette()
    axis = QBarCategoryAxis()
    axis.append(list(labels))
    axis.setLabelsColor(palette.text().color())
    axis.setGridLineVisible(False)
    axis.setLinePenColor(palette.mid().color())
    return axis


@dataclass(frozen=True, slots=True)
class Measure:
    """One series of a time chart: its name (legend, axis title) and its values."""

    name: str
    values: tuple[float, ...]


def time_chart(
    title: str,
    steps: Sequence[Sequence[str]],
    bars: Measure,
    line: Measure,
    describe: Describe,
) -> Drawn:
    """Bars (left axis) and a line with dots (right axis) over the same steps of time, named by
    the longest of ``steps`` (ways of naming them, longest first) that fits; pointing at a step
    shows ``describe(index)``."""
    chart = new_chart(title)
    bar_colour, line_colour = colour(0), colour(1)
    bar_series, bar_set = _bars(bars, bar_colour)
    bar_series.setBarWidth(0.6)
    line_series = _line(line, line_colour)
    chart.addSeries(bar_series)
    chart.addSeries(line_series)
    choices = tuple(axis_labels(names) for names in steps)
    x_axis = category_axis(choices[0])
    left = value_axis(bars.name, max(bars.values, default=0), bar_colour)
    right = value_axis(line.name, max(line.values, default=0), line_colour, grid=False)
    chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(left, Qt.AlignmentFlag.AlignLeft)
    chart.addAxis(right, Qt.AlignmentFlag.AlignRight)
    for series, y_axis in ((bar_series, left), (line_series, right)):
        series.attachAxis(x_axis)
        series.attachAxis(y_axis)
    bar_set.hovered.connect(lambda on, index: show_tip(describe(index) if on else ""))
    line_series.hovered.connect(
        lambda point, on: show_tip(describe(round(point.x())) if on else "")
    )
    return Drawn(
        chart,
        choices,
        len(bars.values),
        describe,
        lambda index: chart.mapToPosition(QPointF(index, bars.values[index]), bar_series),
    )


def _bars(measure: Measure, tint: QColor) -> tuple[QBarSeries, QBarSet]:
    bar_set = QBarSet(measure.name)
    bar_set.append(list(measure.values))
    bar_set.setColor(tint)
    bar_set.setBorderColor(tint)
    series = QBarSeries()
    series.append(bar_set)
    return series, bar_set


def _line(measure: Measure, tint: QColor) -> QLineSeries:
    """A thick line with a dot on each value, so it reads apart from the bars without colour."""
    series = QLineSeries()
    series.setName(measure.name)
    for index, value in enumerate(measure.values):
        series.append(QPointF(index, value))
    series.setPen(QPen(tint, 2.5))
    series.setPointsVisible(True)
    series.setMarkerSize(7)
    return series


def ranking_chart(
    title: str, name: str, rows: Sequence[tuple[str, int]], describe: Describe, hue: int = 2
) -> Drawn:
    """Horizontal bars, the first row at the top, each with its count at its end (so the value
    axis is left out); pointing at a bar shows ``describe(index)``."""
    chart = new_chart(title)
    chart.legend().setVisible(False)
    bar_set = QBarSet(name)
    bar_set.append([count for _label, count in reversed(rows)])
    bar_set.setColor(colour(hue))
    bar_set.setBorderColor(colour(hue))
    bar_set.setLabelColor(QApplication.palette().text().color())
    series = QHorizontalBarSeries()
    series.append(bar_set)
    series.setBarWidth(0.7)
    series.setLabelsVisible(True)
    series.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd)
    series.setLabelsFormat("@value")
    chart.addSeries(series)
    names = [label for label, _count in reversed(rows)]
    choices = (axis_labels(names, WRAP), axis_labels(names))
    y_axis = category_axis(choices[0])
    # Room at the end of the longest bar for its count.
    x_axis = value_axis(name, 1.15 * max((count for _label, count in rows), default=0))
    x_axis.setVisible(False)
    chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
    chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(y_axis)
    series.attachAxis(x_axis)
    last = len(rows) - 1
    bar_set.hovered.connect(lambda on, index: show_tip(describe(last - index) if on else ""))
    return Drawn(
        chart,
        choices,
        len(rows),
        describe,
        # The top edge of the bar (0.7 wide about its category), where the tip then sits.
        lambda index: chart.mapToPosition(QPointF(rows[index][1], last - index + 0.35), series),
    )
