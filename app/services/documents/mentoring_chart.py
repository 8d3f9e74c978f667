"""Small drawings of the mentoring summary: a goal's progress bar and its progress history.

The history is drawn as steps (progress holds until the next recorded change) over the goal's
dates, with light rules at 0, 50 and 100 %, the due date as a dashed line, and the first and
last dates under it. Drawn with the canvas, in the embedded fonts only.
"""

from __future__ import annotations

import logging
from datetime import date

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from app.i18n import DocumentWords
from app.services.documents import drawing
from app.services.documents.drawing import GREY, INK, LIGHT_GREY
from app.services.documents.fonts import SANS, SANS_BOLD, SANS_ITALIC
from app.services.documents.mentoring_content import MentoringGoalLine

log = logging.getLogger(__name__)

LEFT_ROOM = 9 * mm  # the percentages on the left
BOTTOM_ROOM = 4.5 * mm  # the dates underneath
TOP_ROOM = 3 * mm  # the "Due" label


def percent(words: DocumentWords, value: float) -> str:
    """ "60%" in English, "60 %" in Spanish."""
    from babel.numbers import format_percent

    return format_percent(value / 100, locale=words.language)


class ProgressBar(Flowable):
    """A rounded bar filled to ``progress`` %, with the percentage written after it."""

    def __init__(self, progress: int, colour: colors.Color, words: DocumentWords, width: float):
        super().__init__()
        self.progress, self.colour, self.words = max(0, min(100, progress)), colour, words
        self.width, self.height = width, 4.2 * mm

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas, label = self.canv, percent(self.words, self.progress)
        bar = self.width - drawing.text_width(label, SANS_BOLD, 9) - 3 * mm
        y, thickness = 1 * mm, 2.4 * mm
        canvas.setFillColor(drawing.tint(self.colour, 0.82))
        canvas.roundRect(0, y, bar, thickness, thickness / 2, stroke=0, fill=1)
        if self.progress:
            canvas.setFillColor(self.colour)
            filled = max(thickness, bar * self.progress / 100)
            canvas.roundRect(0, y, filled, thickness, thickness / 2, stroke=0, fill=1)
        canvas.setFont(SANS_BOLD, 9)
        canvas.setFillColor(INK)
        canvas.drawRightString(self.width, y + 0.1 * mm, label)


class ProgressChart(Flowable):
    """A goal's recorded progress over time, as steps, with its due date. The last step runs
    on to the due date, but not past ``today`` nor past the day the goal was achieved."""

    def __init__(
        self,
        goal: MentoringGoalLine,
        colour: colors.Color,
        words: DocumentWords,
        width: float,
        today: date,
        height: float = 24 * mm,
    ):
        super().__init__()
        self.history, self.due, self.colour, self.words = goal.history, goal.due_date, colour, words
        self.achieved = goal.achieved_on is not None or goal.progress >= 100
        self.width, self.height, self.today = width, height, today

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        self._rules()
        if any(progress for _day, progress in self.history):
            self._line()
        else:
            canvas.setFont(SANS_ITALIC, 7.5)
            canvas.setFillColor(GREY)
            middle = (self.width + LEFT_ROOM) / 2
            text = self.words._("No progress recorded yet")
            canvas.drawCentredString(middle, self._y(75) - 2.5, text)
        canvas.restoreState()

    def _plot_height(self) -> float:
        return self.height - BOTTOM_ROOM - TOP_ROOM

    def _y(self, progress: float) -> float:
        return BOTTOM_ROOM + self._plot_height() * progress / 100

    def _rules(self) -> None:
        """Light rules at 0, 50 and 100 % with their labels."""
        canvas = self.canv
        canvas.setLineWidth(0.4)
        canvas.setFont(SANS, 6.5)
        for value in (0, 50, 100):
            y = self._y(value)
            canvas.setStrokeColor(LIGHT_GREY if value else GREY)
            canvas.line(LEFT_ROOM, y, self.width, y)
            canvas.setFillColor(GREY)
            canvas.drawRightString(LEFT_ROOM - 1.2 * mm, y - 2.2, percent(self.words, value))

    def _span(self) -> tuple[date, date]:
        dates = [day for day, _progress in self.history]
        if self.due:
            dates.append(self.due)
        first, last = min(dates), max(dates)
        return first, last

    def _x(self, day: date, first: date, last: date) -> float:
        days = max(1, (last - first).days)
        inner = self.width - LEFT_ROOM - 2 * mm
        return LEFT_ROOM + 1 * mm + inner * (day - first).days / days

    def _line(self) -> None:
        """The steps, a dot at every recorded change, the due date and the two end dates."""
        canvas = self.canv
        first, last = self._span()
        points = [(self._x(day, first, last), self._y(value)) for day, value in self.history]
        end = (
            self.history[-1][0]
            if self.achieved
            else max(self.history[-1][0], min(last, self.today))
        )
        end_x = self._x(end, first, last)
        steps = [points[0]]
        for x, y in points[1:]:
            steps += [(x, steps[-1][1]), (x, y)]
        steps.append((end_x, steps[-1][1]))
        area = canvas.beginPath()
        area.moveTo(steps[0][0], self._y(0))
        for x, y in steps:
            area.lineTo(x, y)
        area.lineTo(steps[-1][0], self._y(0))
        area.close()
        canvas.setFillColor(drawing.tint(self.colour, 0.85))
        canvas.drawPath(area, stroke=0, fill=1)
        canvas.setStrokeColor(self.colour)
        canvas.setLineWidth(1.3)
        line = canvas.beginPath()
        line.moveTo(*steps[0])
        for x, y in steps[1:]:
            line.lineTo(x, y)
        canvas.drawPath(line, stroke=1, fill=0)
        canvas.setFillColor(self.colour)
        for x, y in points:
            canvas.circle(x, y, 0.8 * mm, stroke=0, fill=1)
        self._due(first, last)
        self._dates(first, last)

    def _due(self, first: date, last: date) -> None:
        if self.due is None:
            return
        canvas, x = self.canv, self._x(self.due, first, last)
        canvas.setStrokeColor(GREY)
        canvas.setLineWidth(0.6)
        canvas.setDash(2, 2)
        canvas.line(x, self._y(0), x, self._y(100) + 1 * mm)
        canvas.setDash()
        canvas.setFont(SANS, 6.5)
        canvas.setFillColor(GREY)
        label = self.words._("Due")
        if x + drawing.text_width(label, SANS, 6.5) / 2 > self.width:
            canvas.drawRightString(x, self._y(100) + 1.5 * mm, label)
        else:
            canvas.drawCentredString(x, self._y(100) + 1.5 * mm, label)

    def _dates(self, first: date, last: date) -> None:
        """The first and last dates under the chart, as "Mar 2025" (one when they are equal)."""
        from babel.dates import format_skeleton

        canvas = self.canv
        canvas.setFont(SANS, 6.5)
        canvas.setFillColor(GREY)
        y = BOTTOM_ROOM - 3.2 * mm
        start = format_skeleton("yMMMd", first, locale=self.words.language)
        canvas.drawString(self._x(first, first, last) - 1 * mm, y, start)
        if last > first:
            end = format_skeleton("yMMMd", last, locale=self.words.language)
            canvas.drawRightString(self.width, y, end)
