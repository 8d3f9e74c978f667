"""Times of day typed on the keyboard, and lengths of time said in words."""

from __future__ import annotations

import logging
import re
from datetime import time

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QLineEdit, QWidget

from app.i18n import _

log = logging.getLogger(__name__)

# "10:30", "10.30", "10h30", "1030", "930", "9": an hour, then maybe minutes.
TIME_PATTERN = r"([01]?\d|2[0-3])(?:[:.hH]?([0-5]?\d?))?"


def duration_text(minutes: int) -> str:
    """``90`` -> "1 h 30 min"; empty when the length is not known."""
    if minutes <= 0:
        return ""
    hours, rest = divmod(minutes, 60)
    if not rest:
        return _("{hours} h").format(hours=hours)
    if not hours:
        return _("{minutes} min").format(minutes=rest)
    return _("{hours} h {minutes} min").format(hours=hours, minutes=rest)


def time_text(value: time | None) -> str:
    return value.strftime("%H:%M") if value is not None else ""


def parse_time(value: str) -> time | None:
    """The time in "10:30", "10.30", "1030", "930" or "9"; ``None`` when empty or unreadable."""
    match = re.fullmatch(TIME_PATTERN, value.strip())
    if match is None:
        return None
    return time(int(match[1]), int(match[2] or 0))


class TimeEdit(QLineEdit):
    """A time typed on the keyboard ("930" is 09:30), or left empty when it is not known.

    Only what can become a time is accepted; the text is tidied to HH:MM on leaving the field.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        pattern = QRegularExpression(f"^(?:{TIME_PATTERN})?$")
        self.setValidator(QRegularExpressionValidator(pattern, self))
        self.setMaxLength(5)
        self.setPlaceholderText("--:--")
        self.setMaximumWidth(self.fontMetrics().horizontalAdvance("00:00") * 2 + 16)
        self.editingFinished.connect(lambda: self.set_time(self.time()))

    def time(self) -> time | None:
        return parse_time(self.text())

    def set_time(self, value: time | None) -> None:
        if self.text() != time_text(value):
            self.setText(time_text(value))
