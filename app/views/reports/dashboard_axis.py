"""How the dashboard shows a chart: the view that holds it, and the labels of its category
axis. Qt Charts draws those labels as HTML, keeps one of equal names, and cuts a label short
when it lacks room (even turned upright), so each chart comes with ways of labelling its axis,
best first, and the view takes the best that fits its size."""

from __future__ import annotations

import html
import logging
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCharts import QBarCategoryAxis, QChart, QChartView
from PySide6.QtCore import QPoint, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QCursor, QFontMetrics, QKeyEvent, QPainter, QTextDocument
from PySide6.QtWidgets import QToolTip, QWidget

log = logging.getLogger(__name__)

BIG = 1_000_000  # a step past either end (Home, End)
STEPS = {
    Qt.Key.Key_Left: -1,
    Qt.Key.Key_Up: -1,
    Qt.Key.Key_Right: 1,
    Qt.Key.Key_Down: 1,
    Qt.Key.Key_Home: -BIG,
    Qt.Key.Key_End: BIG,
}
MIN_CHART = QSize(320, 220)  # two rows and the figures fit a 1100x700 window
ZERO_WIDTH = "\u200b"


def axis_text(label: str, width: int = 0) -> str:
    """A category label as Qt Charts draws it (as HTML: names may hold any sign), broken into
    two lines of about ``width`` characters when it is longer (0: never), the rest cut."""
    if not width or len(label) <= width:
        return html.escape(label)
    lines = textwrap.wrap(label, width) or [label]
    if len(lines) > 2:
        lines = [lines[0], textwrap.shorten(" ".join(lines[1:]), width, placeholder="…")]
    return "<br>".join(html.escape(line) for line in lines)


def axis_labels(labels: Sequence[str], width: int = 0) -> tuple[str, ...]:
    """``labels`` as :func:`axis_text` makes them, each unique: a category axis keeps only one
    of equal names ("J" for January, June and July), so a zero-width space tells them apart."""
    seen: dict[str, int] = {}
    unique = []
    for label in labels:
        text = axis_text(label, width)
        seen[text] = seen.get(text, -1) + 1
        unique.append(text + ZERO_WIDTH * seen[text])
    return tuple(unique)


def plain_label(text: str) -> str:
    """What an axis label reads, read from its HTML as Qt reads it, lines joined by a space."""
    document = QTextDocument()
    document.setHtml(text)
    return " ".join(document.toPlainText().replace(ZERO_WIDTH, "").split())


def show_tip(text: str, where: QPoint | None = None) -> None:
    """Show ``text`` (plain, its lines kept) at ``where`` (on the screen; by default by the
    pointer), or hide the tip when empty."""
    if text:
        rich = "<p style='white-space:pre'>" + html.escape(text) + "</p>"
        QToolTip.showText(QCursor.pos() if where is None else where, rich)
    else:
        QToolTip.hideText()


@dataclass(frozen=True, slots=True)
class Drawn:
    """A chart, the ways of labelling its category axis, best first (see
    :meth:`ChartView.show_chart`), and its figures: ``count`` of them, ``describe(index)`` in
    words and ``anchor(index)`` where the figure is drawn, in the chart's coordinates."""

    chart: QChart
    choices: tuple[tuple[str, ...], ...] = ()
    count: int = 0
    describe: Callable[[int], str] = str
    anchor: Callable[[int], QPointF] = lambda _index: QPointF()


class ChartView(QChartView):
    """A chart in the dashboard: antialiased, never squeezed below a readable size, and
    reachable from the keyboard (so screen readers reach its description): the arrow keys, Home
    and End step through its figures, each shown in a tool tip where it is drawn, as pointing
    at it does. Its category axis shows the best labels that fit: month names, or their
    initials on a narrow chart; long names of areas on two lines, or on one (cut short by Qt)
    when two do not fit."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumSize(MIN_CHART)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # A frame in the highlight colour shows which chart has the keyboard focus.
        self.setStyleSheet(
            "QChartView { border: 2px solid transparent; }"
            " QChartView:focus { border: 2px solid palette(highlight); }"
        )
        self._drawn: Drawn | None = None
        self._choices: tuple[tuple[str, ...], ...] = ()
        self.current = -1  # the figure stepped to with the keyboard

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        # As small as readable: the board grows the charts to fill the page (a larger hint would
        # be taken as the height of the board, which the scroll area then scrolls).
        return MIN_CHART

    def show_chart(self, drawn: Drawn) -> None:
        """Show ``drawn`` instead of the chart shown (which is deleted)."""
        old = self.chart()
        self._drawn, self._choices, self.current = drawn, drawn.choices, -1
        # Connected first: on a view on show, the chart may be laid out within setChart().
        drawn.chart.plotAreaChanged.connect(self._fit_labels)
        self.setChart(drawn.chart)
        if not drawn.chart.plotArea().isEmpty():
            self._fit_labels(drawn.chart.plotArea())
        if old is not None:
            old.deleteLater()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        step = STEPS.get(Qt.Key(event.key()))
        if step is None or self._drawn is None or not self._drawn.count:
            super().keyPressEvent(event)
            return
        self.current = max(0, min(self._drawn.count - 1, self.current + step))
        event.accept()

    def keyReleaseEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        # Shown on release: a tool tip hides itself when a key is pressed or released.
        if Qt.Key(event.key()) in STEPS and self._drawn is not None and self.current >= 0:
            self.show_current()
            event.accept()
            return
        super().keyReleaseEvent(event)

    def show_current(self) -> None:
        """Show the figure stepped to in a tool tip, where it is drawn."""
        if self._drawn is None or not 0 <= self.current < self._drawn.count:
            return
        scene = self.chart().mapToScene(self._drawn.anchor(self.current))
        where = self.viewport().mapToGlobal(self.mapFromScene(scene))
        show_tip(self._drawn.describe(self.current), where)

    def category_axis(self) -> QBarCategoryAxis | None:
        """The chart's category axis (time steps, genders or areas), if it has one."""
        return next((a for a in self.chart().axes() if isinstance(a, QBarCategoryAxis)), None)

    def axis_labels(self) -> list[str]:
        """The labels the category axis shows now, as plain text, in the axis's order."""
        axis = self.category_axis()
        return [] if axis is None else [plain_label(label) for label in axis.categories()]

    def _fit_labels(self, area: QRectF) -> None:
        axis = self.category_axis()
        if axis is None or not self._choices or not self._choices[0]:
            return
        metrics = QFontMetrics(axis.labelsFont())
        across = axis.orientation() == Qt.Orientation.Horizontal
        room = (area.width() if across else area.height()) / len(self._choices[0])

        def fits(labels: tuple[str, ...]) -> bool:
            lines = [label.split("<br>") for label in labels]
            if across:
                widest = max(metrics.horizontalAdvance(plain_label(t)) for ls in lines for t in ls)
                return widest + 8 <= room
            # Qt draws a label as a text document (4 pixels of margin) and pads it by 5 more.
            return max(len(ls) for ls in lines) * metrics.lineSpacing() + 18 <= room

        wanted = next((c for c in self._choices if fits(c)), self._choices[-1])
        if tuple(axis.categories()) != wanted:
            axis.setCategories(list(wanted))
