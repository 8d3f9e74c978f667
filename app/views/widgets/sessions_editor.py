"""The sessions of an activity: a small table, and the selected session's fields under it."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _, format_date, ngettext
from app.services.activity_values import SessionData
from app.views.widgets.form_fields import WARNING_SIGN, problem_style, text_box
from app.views.widgets.record_table import RecordTable
from app.views.widgets.time_edit import TimeEdit, duration_text, time_text
from app.views.widgets.translatable import Retranslatable

log = logging.getLogger(__name__)

COLUMN_WIDTHS = (13, 7, 7, 10, 18)  # in characters; the content column takes the rest


def ends_before_start(session: SessionData) -> bool:
    start, end = session.start_time, session.end_time
    return start is not None and end is not None and end <= start


class SessionsEditor(Retranslatable, QWidget):
    """Add, change and remove an activity's sessions; existing sessions keep their ids.

    Add proposes the next session a week after the last one, at the same times and place (the
    first one today, at ``default_place``). A time left at "--:--" is not known. ``changed`` is
    emitted on every change made by hand.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._sessions: list[SessionData] = []
        self.default_place = ""
        self.table = RecordTable(len(COLUMN_WIDTHS) + 1)
        self.table.setMaximumHeight(220)
        self.add_button, self.remove_button = QPushButton(), QPushButton()
        self.summary = QLabel()
        self.date_edit = QDateEdit(calendarPopup=True)
        self.date_edit.setDisplayFormat("dd/MM/yyyy")
        self.start_edit, self.end_edit = TimeEdit(), TimeEdit()
        self.place_edit = QLineEdit()
        self.content_edit = text_box(2)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.labels = {key: QLabel() for key in ("date", "start", "end", "place", "content")}
        self._lay_out()
        self._connect()
        self.setFocusProxy(self.table)
        self.retranslate_ui()
        self._show_selected()

    def _lay_out(self) -> None:
        header = self.table.horizontalHeader()
        character = self.fontMetrics().averageCharWidth()
        for column, width in enumerate(COLUMN_WIDTHS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(column, character * width + 12)
        header.setStretchLastSection(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(self.summary)
        grid = QGridLayout()
        fields = (self.date_edit, self.start_edit, self.end_edit)
        for column, (key, field) in enumerate(zip(("date", "start", "end"), fields, strict=True)):
            grid.addWidget(self.labels[key], 0, column * 2)
            grid.addWidget(field, 0, column * 2 + 1)
        grid.addWidget(self.labels["place"], 1, 0)
        grid.addWidget(self.place_edit, 1, 1, 1, 6)
        grid.addWidget(self.labels["content"], 2, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.content_edit, 2, 1, 1, 6)
        grid.setColumnStretch(6, 1)
        for key, field in zip(
            self.labels, (*fields, self.place_edit, self.content_edit), strict=True
        ):
            self.labels[key].setBuddy(field)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addLayout(grid)
        layout.addWidget(self.problem)

    def _connect(self) -> None:
        self.add_button.clicked.connect(self.add_session)
        self.remove_button.clicked.connect(self.remove_session)
        self.table.itemSelectionChanged.connect(self._show_selected)
        self.date_edit.dateChanged.connect(lambda _value: self._on_field_changed())
        self.start_edit.textChanged.connect(lambda _value: self._on_field_changed())
        self.end_edit.textChanged.connect(lambda _value: self._on_field_changed())
        self.place_edit.textChanged.connect(lambda _value: self._on_field_changed())
        self.content_edit.textChanged.connect(self._on_field_changed)
        keys = (
            (QKeySequence(QKeySequence.StandardKey.Delete), self.remove_session),
            (QKeySequence(Qt.Key.Key_Insert), self.add_session),
        )
        for key, slot in keys:
            shortcut = QShortcut(key, self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)

    def retranslate_ui(self) -> None:
        self.table.setHorizontalHeaderLabels(
            [_("Date"), _("Start"), _("End"), _("Duration"), _("Place"), _("Content covered")]
        )
        self.table.setAccessibleName(_("Sessions"))
        self.table.setToolTip(_("Insert adds a session, Delete removes the selected one"))
        self.add_button.setText(_("&Add session"))
        self.add_button.setToolTip(_("A week after the last one, same times and place (Insert)"))
        self.remove_button.setText(_("Re&move session"))
        self.remove_button.setToolTip(_("Take the selected session out (Delete)"))
        texts = {
            "date": (_("&Date:"), _("Session date")),
            "start": (_("Sta&rt:"), _("Session start time")),
            "end": (_("&End:"), _("Session end time")),
            "place": (_("&Place:"), _("Session place")),
            "content": (_("C&ontent covered:"), _("Content covered in the session")),
        }
        for key, (label, name) in texts.items():
            self.labels[key].setText(label)
            self.labels[key].buddy().setAccessibleName(name)
        for edit in (self.start_edit, self.end_edit):
            edit.setToolTip(
                _("Type the time, for example 9:30 or 930; leave it empty if not known")
            )
        self._fill()

    # -- data -----------------------------------------------------------------------------------

    def values(self) -> tuple[SessionData, ...]:
        """The sessions in the order shown; those that were loaded keep their ids."""
        return tuple(self._sessions)

    def set_values(self, sessions: Sequence[SessionData]) -> None:
        """Show ``sessions`` (the first one selected, if any)."""
        self._sessions = list(sessions)
        self._fill()
        if self._sessions:
            self.table.selectRow(0)

    def selected_row(self) -> int | None:
        return self.table.selected_row()

    # -- actions --------------------------------------------------------------------------------

    def add_session(self) -> None:
        """Add the next session and select it, with the focus on its date."""
        if self._sessions:
            last = max(self._sessions, key=lambda x: x.starts_at)
            new = SessionData(
                date=last.date + timedelta(days=7),
                start_time=last.start_time,
                end_time=last.end_time,
                place=last.place,
            )
        else:
            new = SessionData(date=date.today(), place=self.default_place)
        self._sessions.append(new)
        self._fill()
        self.table.selectRow(len(self._sessions) - 1)
        self.date_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.changed.emit()

    def remove_session(self) -> None:
        """Take the selected session out; the next one (or the one before) is selected."""
        row = self.selected_row()
        if row is None:
            return
        del self._sessions[row]
        self._fill()
        if self._sessions:
            self.table.selectRow(min(row, len(self._sessions) - 1))
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        self.changed.emit()

    def focus_problem(self) -> bool:
        """Select the first session that ends before it starts, with the focus on its end."""
        for row, session in enumerate(self._sessions):
            if ends_before_start(session):
                self.table.selectRow(row)
                self.end_edit.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
        return False

    # -- display --------------------------------------------------------------------------------

    def _cells(self, session: SessionData) -> tuple[str, ...]:
        first_line = session.content.strip().splitlines()[0] if session.content.strip() else ""
        return (
            format_date(session.date),
            time_text(session.start_time),
            time_text(session.end_time),
            duration_text(session.minutes),
            session.place,
            first_line,
        )

    def _fill(self) -> None:
        selected = self.selected_row()
        self.table.blockSignals(True)
        self.table.set_texts([self._cells(x) for x in self._sessions])
        if selected is not None and selected < len(self._sessions):
            self.table.selectRow(selected)
        else:
            self.table.clearSelection()
        self.table.blockSignals(False)
        self._show_selected()

    def _update_summary(self) -> None:
        count = len(self._sessions)
        minutes = sum(x.minutes for x in self._sessions)
        if not count:
            text = _("No sessions yet.")
        elif minutes:
            text = ngettext(
                "{count} session, {duration} in all", "{count} sessions, {duration} in all", count
            ).format(count=count, duration=duration_text(minutes))
        else:
            text = ngettext("{count} session", "{count} sessions", count).format(count=count)
        self.summary.setText(text)

    def _show_selected(self) -> None:
        """Put the selected session in the fields (or empty and disable them)."""
        row = self.selected_row()
        session = self._sessions[row] if row is not None else None
        editors = (self.date_edit, self.start_edit, self.end_edit)
        for widget in (*editors, self.place_edit, self.content_edit):
            widget.blockSignals(True)
            widget.setEnabled(session is not None)
        self.remove_button.setEnabled(session is not None)
        self.date_edit.setDate(_qdate(session.date if session else date.today()))
        self.start_edit.set_time(session.start_time if session else None)
        self.end_edit.set_time(session.end_time if session else None)
        self.place_edit.setText(session.place if session else "")
        self.content_edit.setPlainText(session.content if session else "")
        for widget in (*editors, self.place_edit, self.content_edit):
            widget.blockSignals(False)
        self._update_problem(session)
        self._update_summary()

    def _update_problem(self, session: SessionData | None) -> None:
        if session is not None and ends_before_start(session):
            self.problem.setStyleSheet(problem_style(self.problem))
            self.problem.setText(
                f"{WARNING_SIGN} " + _("This session ends before it starts. Check its times.")
            )
            self.problem.show()
        else:
            self.problem.hide()

    def _on_field_changed(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        session = replace(
            self._sessions[row],
            date=self.date_edit.date().toPython(),
            start_time=self.start_edit.time(),
            end_time=self.end_edit.time(),
            place=self.place_edit.text(),
            content=self.content_edit.toPlainText(),
        )
        self._sessions[row] = session
        for column, text in enumerate(self._cells(session)):
            self.table.item(row, column).setText(text)
        self._update_problem(session)
        self._update_summary()
        self.changed.emit()


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)
