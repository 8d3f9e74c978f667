"""The pieces of the roster dialog: its heading with the live counts, the search bar, the mark
buttons, and the bar where the chosen person's minutes and remarks are written.

Sizes follow the font (and so the screen's scaling), never fixed pixels; the parts the eye looks
for at the door (counts, search, marks) are larger than the system's text.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.i18n import N_, _, format_date, format_number
from app.services.attendance import RosterRow, SessionInfo
from app.services.vocabulary import ATTENDANCE_MARKS, ATTENDED_MARKS, GENDERS
from app.views.roster_model import (
    MARK_SYMBOLS,
    MAX_MINUTES,
    RosterCounts,
    mark_label,
)
from app.views.widgets.form_fields import int_edit, int_value
from app.views.widgets.time_edit import time_text
from app.views.widgets.translatable import Retranslatable

log = logging.getLogger(__name__)

MARK_BUTTON_TEXTS = {
    "present": N_("&Present"),
    "late": N_("&Late"),
    "left_early": N_("Left &early"),
    "excused": N_("E&xcused"),
    "absent": N_("&Absent"),
}


def scaled(widget: QWidget, factor: float, *, bold: bool = False) -> None:
    """Make a widget's text larger than the system's (which follows the screen scaling)."""
    font = QFont(widget.font())
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(bold)
    widget.setFont(font)


def plain_name(text: str) -> str:
    """A control's accessible name from its label: no ``&``, no trailing colon or ellipsis."""
    return text.replace("&", "").rstrip(":…").strip()


class RosterHeading(Retranslatable, QWidget):
    """The activity, the session's date, time and place, and the live counts."""

    def __init__(self, session: SessionInfo, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.counts = RosterCounts(0, 0, 0, {})
        self.title, self.details = QLabel(), QLabel()
        self.present, self.unmarked, self.genders = QLabel(), QLabel(), QLabel()
        for label in (self.title, self.details):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(True)
        scaled(self.title, 1.5, bold=True)
        scaled(self.present, 1.3, bold=True)
        scaled(self.unmarked, 1.3)
        counts = QHBoxLayout()
        counts.addWidget(self.present)
        counts.addSpacing(self.fontMetrics().horizontalAdvance("MMMM"))
        counts.addWidget(self.unmarked)
        counts.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.details)
        layout.addLayout(counts)
        layout.addWidget(self.genders)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        info = self.session
        self.title.setText(info.activity_title)
        times = "–".join(t for t in (time_text(info.start_time), time_text(info.end_time)) if t)
        self.details.setText(
            " · ".join(x for x in (format_date(info.date, "full"), times, info.place) if x)
        )
        self.show_counts(self.counts)

    def show_counts(self, counts: RosterCounts) -> None:
        self.counts = counts
        self.present.setText(
            _("Present: {present} of {expected} expected").format(
                present=format_number(counts.present), expected=format_number(counts.expected)
            )
        )
        self.unmarked.setText(
            _("Not marked yet: {count}").format(count=format_number(counts.unmarked))
        )
        genders = {code: format_number(counts.by_gender.get(code, 0)) for code in GENDERS}
        self.genders.setText(
            _(
                "Of those present: women {woman} · men {man} · non-binary {non_binary} · "
                "not stated {not_stated}"
            ).format(**genders)
        )


class SearchBar(Retranslatable, QWidget):
    """The large search box, the walk-in button beside it, and a hint under it when the search
    finds nobody (or nobody is registered yet)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.label, self.search = QLabel(), QLineEdit(clearButtonEnabled=True)
        self.label.setBuddy(self.search)
        self.walk_in_button = QPushButton()
        self.walk_in_button.setAutoDefault(False)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.hide()
        scaled(self.search, 1.4)
        scaled(self.walk_in_button, 1.1)
        self.walk_in_button.setMinimumHeight(round(self.walk_in_button.fontMetrics().height() * 2))
        row = QHBoxLayout()
        row.addWidget(self.label)
        row.addWidget(self.search, 1)
        row.addWidget(self.walk_in_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.hint)
        self._shown = (1, 1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.label.setText(_("&Search:"))
        self.search.setPlaceholderText(_("Type a few letters of the name, then Enter"))
        self.search.setAccessibleName(_("Search the roster"))
        self.walk_in_button.setText(_("&Walk-in…"))
        self.walk_in_button.setToolTip(_("Add someone who came without registering (Ctrl+N)"))
        self.walk_in_button.setAccessibleName(plain_name(self.walk_in_button.text()))
        self.show_hint(*self._shown)

    def show_hint(self, found: int, listed: int) -> None:
        """Offer a walk-in when the search finds nobody, or when the roster is empty."""
        self._shown = (found, listed)
        query = self.search.text().strip()
        if query and not found:
            text = _("Nobody called “{name}” on this roster. Add as walk-in (Ctrl+N).")
            self.hint.setText(text.format(name=query))
        elif not query and not listed:
            self.hint.setText(
                _("Nobody is registered in this activity yet. Add people as walk-ins (Ctrl+N).")
            )
        self.hint.setVisible(bool(query and not found) or (not query and not listed))


class MarkButtons(Retranslatable, QWidget):
    """One large button a mark (with its symbol and its key), and one to take a mark back.

    ``marked`` carries the mark's code; ``cleared`` asks to take the mark back."""

    marked = Signal(str)
    cleared = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.buttons = {code: QPushButton() for code in ATTENDANCE_MARKS}
        self.clear_button = QPushButton()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for code, button in self.buttons.items():
            button.clicked.connect(lambda _checked=False, code=code: self.marked.emit(code))
        self.clear_button.clicked.connect(self.cleared.emit)
        for button in (*self.buttons.values(), self.clear_button):
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.setAutoDefault(False)
            scaled(button, 1.1)
            button.setMinimumHeight(round(button.fontMetrics().height() * 2.4))
            layout.addWidget(button)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        for number, (code, button) in enumerate(self.buttons.items(), start=1):
            button.setText(f"{MARK_SYMBOLS[code]} {_(MARK_BUTTON_TEXTS[code])}  ({number})")
            button.setAccessibleName(_(ATTENDANCE_MARKS[code]))
            button.setToolTip(_("Mark the selected person (key {key})").format(key=number))
        self.clear_button.setText(_("Clear mar&k"))
        self.clear_button.setAccessibleName(plain_name(self.clear_button.text()))
        self.clear_button.setToolTip(_("Take back the mark of the selected person (Delete)"))

    def show_row(self, row: RosterRow | None) -> None:
        for button in self.buttons.values():
            button.setEnabled(row is not None)
        self.clear_button.setEnabled(row is not None and bool(row.mark))


class CurrentPerson(Retranslatable, QWidget):
    """The chosen person's mark, and their minutes and remarks to write (once marked).

    ``edited`` is emitted when a field is left or Enter is pressed in it; ``done`` after Enter."""

    edited = Signal()
    done = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.row: RosterRow | None = None
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.minutes_label, self.minutes = QLabel(), int_edit(MAX_MINUTES)
        self.remarks_label, self.remarks = QLabel(), QLineEdit()
        line = self.fontMetrics().height()
        self.minutes.setMaximumWidth(self.fontMetrics().horizontalAdvance("0") * 8 + line)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 2)
        for label, field, stretch in (
            (self.minutes_label, self.minutes, 0),
            (self.remarks_label, self.remarks, 3),
        ):
            label.setBuddy(field)
            layout.addWidget(label)
            layout.addWidget(field, stretch)
            field.editingFinished.connect(self.edited.emit)
            field.returnPressed.connect(self.done.emit)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.minutes_label.setText(_("&Minutes:"))
        self.minutes.setPlaceholderText(_("all"))
        self.minutes.setToolTip(_("Minutes attended, for a partial attendance; empty: all of it"))
        self.remarks_label.setText(_("&Remarks:"))
        for label in (self.minutes_label, self.remarks_label):
            label.buddy().setAccessibleName(plain_name(label.text()))
        self.show_row(self.row)

    def show_row(self, row: RosterRow | None) -> None:
        """Show a person (``None``: nobody chosen); minutes only for a mark that attended."""
        self.row = row
        self.minutes.setEnabled(row is not None and row.mark in ATTENDED_MARKS)
        self.remarks.setEnabled(row is not None and bool(row.mark))
        self.minutes.setText("" if row is None or row.minutes is None else str(row.minutes))
        self.remarks.setText(row.remarks if row is not None else "")
        self.remarks.setPlaceholderText("" if row and row.mark else _("Mark the person first"))
        if row is None:
            self.label.setText(_("Nobody selected"))
            return
        mark = mark_label(row.mark) or _("not marked yet")
        self.label.setText(_("{name}: {mark}").format(name=row.full_name, mark=mark))

    def values(self) -> tuple[int | None, str]:
        """The minutes (``None``: the whole session) and remarks as typed."""
        return int_value(self.minutes), self.remarks.text().strip()
