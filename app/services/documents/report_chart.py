"""The column chart of the report: a breakdown (by gender, age band, kind...) as bars.

One bar per category, or two side by side when the table has two series (participants and
those who completed), with a small legend; the value above each bar; the category's name
under it, wrapped on two lines at most. A hidden count draws no bar: "hidden" is written in
its place, so nobody reads it as zero. Drawn with the canvas, in the embedded fonts only.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from app.i18n import DocumentWords
from app.services.documents import drawing
from app.services.documents.drawing import GREY, INK, LIGHT_GREY
from app.services.documents.fonts import SANS, SANS_BOLD, SANS_ITALIC
from app.services.documents.page_furniture import fit

log = logging.getLogger(__name__)

Bars = Sequence[tuple[str, Sequence[int | float | None]]]
LABEL_SIZE, VALUE_SIZE = 6.8, 7.2
LABEL_ROOM = 2 * (LABEL_SIZE + 1.5) + 2 * mm  # two lines of names under the baseline
VALUE_ROOM = 5 * mm  # the values over the tallest bar
LEGEND_ROOM = 5.5 * mm


class ColumnChart(Flowable):
    """``bars``: (category, values of each series). ``series`` names the series (a legend is
    drawn when there are two or more)."""

    def __init__(
        self,
        bars: Bars,
        series: Sequence[str],
        colour: colors.Color,
        words: DocumentWords,
        width: float,
        height: float = 46 * mm,
    ):
        super().__init__()
        self.bars, self.series, self.words = list(bars), list(series), words
        self.colours = [colour, drawing.tint(colour, 0.55), drawing.tint(colour, 0.8)]
        self.width, self.height = width, height

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        top = self.height - (LEGEND_ROOM if len(self.series) > 1 else 0)
        if len(self.series) > 1:
            self._legend()
        largest = max((v or 0 for _name, values in self.bars for v in values), default=0)
        self._baseline()
        if largest <= 0:
            canvas.setFont(SANS_ITALIC, 7.5)
            canvas.setFillColor(GREY)
            text = self.words._("Nothing to show in this period")
            canvas.drawCentredString(self.width / 2, LABEL_ROOM + (top - LABEL_ROOM) / 2, text)
        slot = self.width / max(1, len(self.bars))
        for number, (name, values) in enumerate(self.bars):
            self._category(number * slot, slot, name, values, largest, top)
        canvas.restoreState()

    def _baseline(self) -> None:
        canvas = self.canv
        canvas.setStrokeColor(LIGHT_GREY)
        canvas.setLineWidth(0.6)
        canvas.line(0, LABEL_ROOM, self.width, LABEL_ROOM)

    def _category(
        self,
        left: float,
        slot: float,
        name: str,
        values: Sequence[int | float | None],
        largest: float,
        top: float,
    ) -> None:
        """The bars of one category with their values, and the category's name under them."""
        canvas = self.canv
        group = slot * (0.62 if len(values) == 1 else 0.8)
        bar = group / max(1, len(values))
        plot = top - LABEL_ROOM - VALUE_ROOM
        if values and all(value is None for value in values):
            self._hidden(left + slot / 2, group)
            values = ()
        for index, value in enumerate(values):
            x = left + (slot - group) / 2 + index * bar
            centre = x + bar / 2
            if value is None:
                self._hidden(centre, bar)
                continue
            high = plot * value / largest if largest else 0
            if value:
                canvas.setFillColor(self.colours[min(index, len(self.colours) - 1)])
                canvas.rect(x + 0.4, LABEL_ROOM, bar - 0.8, max(high, 0.6), stroke=0, fill=1)
            canvas.setFont(SANS_BOLD, VALUE_SIZE)
            canvas.setFillColor(INK)
            text = fit(self.words.number(value), SANS_BOLD, VALUE_SIZE, bar + 2 * mm)
            canvas.drawCentredString(centre, LABEL_ROOM + high + 1.3 * mm, text)
        canvas.setFont(SANS, LABEL_SIZE)
        canvas.setFillColor(GREY)
        lines = drawing.wrap(name, SANS, LABEL_SIZE, slot - 1.5 * mm)[:2]
        y = LABEL_ROOM - LABEL_SIZE - 1.5 * mm
        for line, _width in lines:
            canvas.drawCentredString(left + slot / 2, y, fit(line, SANS, LABEL_SIZE, slot - 1 * mm))
            y -= LABEL_SIZE + 1.5

    def _hidden(self, centre: float, bar: float) -> None:
        """ "hidden" where the bar would be: across it when it fits, else up along it."""
        canvas, text = self.canv, self.words._("hidden")
        canvas.setFont(SANS_ITALIC, LABEL_SIZE)
        canvas.setFillColor(GREY)
        if drawing.text_width(text, SANS_ITALIC, LABEL_SIZE) <= bar - 0.5 * mm:
            canvas.drawCentredString(centre, LABEL_ROOM + 1.5 * mm, text)
            return
        canvas.saveState()
        canvas.translate(centre + LABEL_SIZE / 3, LABEL_ROOM + 1.2 * mm)
        canvas.rotate(90)
        canvas.drawString(0, 0, text)
        canvas.restoreState()

    def _legend(self) -> None:
        """A square of each series' colour and its name, at the top left."""
        canvas = self.canv
        x, y = 0.0, self.height - 3 * mm
        canvas.setFont(SANS, LABEL_SIZE)
        for index, name in enumerate(self.series):
            canvas.setFillColor(self.colours[min(index, len(self.colours) - 1)])
            canvas.rect(x, y, 2.6 * mm, 2.6 * mm, stroke=0, fill=1)
            canvas.setFillColor(GREY)
            canvas.drawString(x + 3.8 * mm, y + 0.5, name)
            x += 3.8 * mm + drawing.text_width(name, SANS, LABEL_SIZE) + 5 * mm
