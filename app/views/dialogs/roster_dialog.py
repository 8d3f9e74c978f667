"""Taking attendance at a session: find a person by typing, mark them with one key, add walk-ins.

The roster is read once (one query) when the dialog opens. Each mark is saved at once (a tiny
write) and only that person's row is redrawn. From the search box or the list: type a few letters
of any part of the name (or of the organisation), Down/Up to choose, Enter marks present and
empties the search for the next person; 1–5 mark present / late / left early / excused / absent,
Delete takes the mark back, Ctrl+N adds a walk-in, Esc empties the search, then closes.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import TejidoError, ValidationError
from app.i18n import _, format_date
from app.services.attendance import RosterRow, WalkIn
from app.services.registry import Services
from app.services.text import fold
from app.services.vocabulary import ATTENDED_MARKS
from app.views.dialogs.roster_parts import (
    CurrentPerson,
    MarkButtons,
    RosterHeading,
    SearchBar,
)
from app.views.dialogs.roster_table import RosterKeys, roster_table
from app.views.errors import show_error
from app.views.roster_model import NAME, PARTIAL_MARKS, REMARKS, RosterFilter, RosterModel
from app.views.widgets.translatable import Retranslatable
from app.views.widgets.walk_in_form import WalkInForm
from app.views.your_name import remember_your_name, your_name

log = logging.getLogger(__name__)


class RosterDialog(Retranslatable, QDialog):
    """The roster of one session, for taking attendance as people arrive (see the module).

    Raises the service's :class:`~app.errors.NotFoundError` when the session is gone. ``changed``
    is emitted after every saved mark, edit or walk-in.
    """

    changed = Signal()

    def __init__(
        self,
        services: Services,
        session_id: str,
        parent: QWidget | None = None,
        *,
        taken_by: str = "",
    ):
        super().__init__(parent)
        self.services, self.session_id = services, session_id
        self.taken_by = taken_by or your_name()
        roster = services.attendance.roster(session_id)
        self.session = roster.session
        self.model = RosterModel(self)
        self.model.set_rows(roster.rows)
        self.model.edit_hook = self.save_row
        self.people = RosterFilter(self.model, self)
        self._organisations_loaded = False
        self._build()
        self._connect()
        self.retranslate_ui()  # nobody chosen yet: Enter in the empty search marks nobody
        self._update_current()
        self._update_counts()
        self.search.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- building -------------------------------------------------------------------------------

    def _build(self) -> None:
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.heading = RosterHeading(self.session)
        self.search_bar = SearchBar()
        self.search, self.walk_in_button = self.search_bar.search, self.search_bar.walk_in_button
        self.walk_in = WalkInForm()
        self.walk_in.hide()
        self.table = roster_table(self.people)
        self.marks, self.current = MarkButtons(), CurrentPerson()
        self.help, self.close_button = QLabel(), QPushButton()
        self.help.setWordWrap(True)
        self.close_button.setAutoDefault(False)
        self.taken_by_label, self.taken_by_edit = QLabel(), QLineEdit(self.taken_by)
        self.taken_by_label.setBuddy(self.taken_by_edit)
        self.taken_by_edit.textEdited.connect(self._on_taken_by_edit_text_edited)
        bottom = QHBoxLayout()
        bottom.addWidget(self.help, 1)
        bottom.addWidget(self.taken_by_label)
        bottom.addWidget(self.taken_by_edit)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        for part in (self.heading, self.search_bar, self.walk_in, self.table, self.marks):
            layout.addWidget(part, 1 if part is self.table else 0)
        layout.addWidget(self.current)
        layout.addLayout(bottom)
        line = self.fontMetrics().height()
        available = self.screen().availableGeometry()
        self.resize(
            min(line * 72, round(available.width() * 0.95)),
            min(line * 46, round(available.height() * 0.9)),
        )

    def _connect(self) -> None:
        self.search.textChanged.connect(self._on_search_text_changed)
        self.keys = RosterKeys(self.search, self.table, self)
        self.keys.marked.connect(self.mark_current)
        self.keys.entered.connect(self._on_enter)
        self.keys.cleared.connect(self.clear_current)
        self.keys.edit_requested.connect(self.edit_remarks)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.marks.marked.connect(self._on_marks_marked)
        self.marks.cleared.connect(self._on_marks_cleared)
        self.walk_in_button.clicked.connect(self.open_walk_in)
        self.close_button.clicked.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.New, self).activated.connect(self.open_walk_in)
        self.walk_in.submitted.connect(self._on_walk_in_submitted)
        self.walk_in.closed.connect(self._on_walk_in_closed)
        self.current.edited.connect(self._on_current_edited)
        self.current.done.connect(self.focus_search)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(
            _("Attendance — {activity}, {date}").format(
                activity=self.session.activity_title, date=format_date(self.session.date)
            )
        )
        self.close_button.setText(_("Close"))
        self.close_button.setToolTip(_("Every mark is already saved (Esc)"))
        self.taken_by_label.setText(_("Taken &by:"))
        self.taken_by_edit.setPlaceholderText(_("Your name"))
        self.taken_by_edit.setAccessibleName(_("Who is taking attendance"))
        self.close_button.setAccessibleName(_("Close the roster"))
        self.table.setAccessibleName(_("People expected at the session"))
        self.help.setText(
            _(
                "Type a few letters, then Enter marks present. Keys 1 to 5 mark, Delete takes "
                "the mark back, Ctrl+N adds a walk-in. Every mark is saved at once."
            )
        )
        self.model.retranslate()
        self._update_hint()

    # -- state ----------------------------------------------------------------------------------

    def current_row(self) -> RosterRow | None:
        """The person chosen in the list (the first match while searching), or ``None``."""
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.row_at(self.people.mapToSource(index).row())

    def select_person(self, person_id: str) -> bool:
        """Choose a person in the list (emptying the search if it hides them)."""
        row = self.model.row_of(person_id)
        if row is None:
            return False
        index = self.people.mapFromSource(self.model.index(row, NAME))
        if not index.isValid():
            self.search.clear()
            index = self.people.mapFromSource(self.model.index(row, NAME))
        self._set_current(index)
        return True

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _select(self, proxy_row: int) -> None:
        if self.people.rowCount() == 0:
            self.table.setCurrentIndex(QModelIndex())
            self._update_current()
            return
        self._set_current(self.people.index(min(proxy_row, self.people.rowCount() - 1), NAME))

    def _set_current(self, index: QModelIndex) -> None:
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)

    def _update_counts(self) -> None:
        self.heading.show_counts(self.model.counts())

    def _update_hint(self) -> None:
        self.search_bar.show_hint(self.people.rowCount(), self.model.rowCount())

    def _update_current(self) -> None:
        row = self.current_row()
        self.marks.show_row(row)
        self.current.show_row(row)

    # -- saving ---------------------------------------------------------------------------------

    def mark_current(self, mark: str) -> bool:
        """Mark the chosen person (minutes of a partial mark are kept for another partial one)."""
        row = self.current_row()
        if row is None:
            return False
        minutes = row.minutes if mark in PARTIAL_MARKS and row.mark in PARTIAL_MARKS else None
        return self.save_row(replace(row, mark=mark, minutes=minutes))

    def clear_current(self) -> bool:
        """Take back the chosen person's mark (and its minutes and remarks)."""
        row = self.current_row()
        if row is None or not row.mark:
            return False
        return self.save_row(replace(row, mark=None, minutes=None, remarks=""))

    def save_row(self, row: RosterRow) -> bool:
        """Save a person's mark, minutes and remarks as ``row`` says, and show them."""
        try:
            if row.mark is None:
                self.services.attendance.clear(self.session_id, row.person_id)
            else:
                self.services.attendance.mark(
                    self.session_id,
                    row.person_id,
                    row.mark,
                    minutes=row.minutes,
                    remarks=row.remarks,
                    taken_by=self.taken_by,
                )
        except TejidoError as error:
            show_error(self, error)
            return False
        self.model.replace(row)
        self._update_counts()
        self._update_current()
        self.changed.emit()
        return True

    def edit_remarks(self) -> None:
        """Write the chosen person's remarks in the list (F2); they must be marked first."""
        index = self.table.currentIndex()
        row = self.current_row()
        if row is None or not row.mark:
            return
        cell = index.siblingAtColumn(REMARKS)
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.table.setCurrentIndex(cell)
        self.table.edit(cell)

    def open_walk_in(self) -> None:
        """Open the walk-in panel; what was searched in vain becomes the name."""
        if not self._organisations_loaded:
            try:
                self.walk_in.set_organisations(self.services.organisations.choices())
            except TejidoError as error:
                show_error(self, error)
            self._organisations_loaded = True
        name = self.search.text().strip() if self.people.rowCount() == 0 else ""
        self.search_bar.hint.hide()
        self.walk_in.start(name)

    # -- slots ----------------------------------------------------------------------------------

    def _on_search_text_changed(self, text: str) -> None:
        self.people.set_query(text)
        if text.strip():
            self._select(0)  # the first match: Enter marks them
        elif self.table.currentIndex().isValid():
            self.table.scrollTo(self.table.currentIndex())
        self._update_hint()

    def _on_current_row_changed(self, *_args: object) -> None:
        self._update_current()

    def _on_marks_marked(self, mark: str) -> None:
        self.mark_current(mark)
        self.focus_search()

    def _on_marks_cleared(self) -> None:
        self.clear_current()
        self.focus_search()

    def _on_enter(self) -> None:
        if self.current_row() is None or not self.mark_current("present"):
            return
        self.search.clear()
        self.search.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_current_edited(self) -> None:
        row = self.current_row()
        if row is None or not row.mark or self.current.row != row:
            return
        minutes, remarks = self.current.values()
        if row.mark not in ATTENDED_MARKS:
            minutes = row.minutes
        changed = replace(row, minutes=minutes, remarks=remarks)
        if changed != row:
            self.save_row(changed)

    def _on_walk_in_submitted(self, walk_in: WalkIn) -> None:
        try:
            existing = self._same_person_in_directory(walk_in)
            if existing == "":
                return
            if existing:
                row = self.services.attendance.add_present(
                    self.session_id, existing, taken_by=self.taken_by
                )
            else:
                row = self.services.attendance.add_walk_in(
                    self.session_id, walk_in, taken_by=self.taken_by
                )
        except ValidationError as error:
            self.walk_in.show_problem(error)
            return
        except TejidoError as error:
            show_error(self, error)
            return
        self.walk_in.hide()
        self._organisations_loaded = False  # a new organisation may have been made
        self.model.insert(row)
        self.search.clear()
        self.select_person(row.person_id)
        self.search.setFocus(Qt.FocusReason.OtherFocusReason)
        self._update_counts()
        self._update_hint()
        self.changed.emit()

    def _same_person_in_directory(self, walk_in: WalkIn) -> str | None:
        """The id of the directory's person with this very name if the coordinator says it is
        them; ``None`` to add a new person; ``""`` to go back to the form."""
        key = fold(walk_in.full_name)
        if not key:
            return None
        on_roster = {r.person_id for r in self.model.rows()}
        found = [
            p
            for p in self.services.people.list(walk_in.full_name, limit=20)
            if fold(p.full_name) == key and p.id not in on_roster
        ]
        if not found:
            return None
        person = found[0]
        where = f" ({person.organisations})" if person.organisations else ""
        answer = QMessageBox.question(
            self,
            _("Already in the directory"),
            _(
                "{name}{where} is already in the directory. Mark this person present, instead "
                "of adding someone new with the same name?"
            ).format(name=person.full_name, where=where),
            QMessageBox.StandardButton.Yes
            | QMessageBox.StandardButton.No
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Yes,
        )
        if answer == QMessageBox.StandardButton.Cancel:
            return ""
        return person.id if answer == QMessageBox.StandardButton.Yes else None

    def _on_taken_by_edit_text_edited(self, text: str) -> None:
        self.taken_by = text.strip()
        remember_your_name(self.taken_by)

    def _on_walk_in_closed(self) -> None:
        self.focus_search()
        self._update_hint()

    # -- keys -----------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        """Esc closes the walk-in panel, else empties the search, else closes the roster."""
        if event.key() == Qt.Key.Key_Escape and not event.modifiers():
            if self.walk_in.isVisible():
                self.walk_in.cancel()
                return
            if self.search.text():
                self.search.clear()
                self.focus_search()
                return
        super().keyPressEvent(event)
