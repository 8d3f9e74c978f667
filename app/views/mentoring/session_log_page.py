"""The Sessions page of a mentoring pair: the log of its sessions, newest first, what the chosen
session covered, and the doors to add, change or delete a session."""

from __future__ import annotations

import html
import logging
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.errors import TejidoError
from app.i18n import _, format_date, format_number, ngettext
from app.services.mentoring_values import SessionLogData, SessionLogRow
from app.services.registry import Services
from app.views.errors import show_error
from app.views.mentoring.session_log_model import SessionLogModel, confidential_hint
from app.views.widgets.paragraph import paragraph
from app.views.widgets.sorted_rows import RowsTable
from app.views.widgets.time_edit import duration_text
from app.views.widgets.translatable import Retranslatable

log = logging.getLogger(__name__)


def log_summary(rows: list[SessionLogRow]) -> str:
    """ "7 sessions, 10 h 30 min in all · last on 2 May 2026 · 2 with confidential notes"."""
    if not rows:
        return _("No sessions logged yet. Add one after each meeting of the pair.")
    parts = [
        ngettext(
            "{count} session, {duration} in all",
            "{count} sessions, {duration} in all",
            len(rows),
        ).format(
            count=format_number(len(rows)),
            duration=duration_text(sum(r.minutes for r in rows)),
        ),
        _("last on {date}").format(date=format_date(max(r.date for r in rows))),
    ]
    private = sum(1 for r in rows if r.has_confidential_notes)
    if private:
        parts.append(
            ngettext(
                "{count} with confidential notes", "{count} with confidential notes", private
            ).format(count=format_number(private))
        )
    return " · ".join(parts)


def session_html(row: SessionLogRow) -> str:
    """What the session covered, headed by its parts (the confidential notes are not here)."""
    parts = []
    for title, text in (
        (_("Topics"), row.topics),
        (_("Summary"), row.summary),
        (_("Agreements"), row.agreements),
        (_("Next steps"), row.next_steps),
    ):
        if text:
            body = html.escape(text).replace("\n", "<br>")
            parts.append(f"<p><b>{html.escape(title)}</b><br>{body}</p>")
    if row.has_confidential_notes:
        parts.append(f"<p><i>{html.escape(confidential_hint())}</i></p>")
    return "".join(parts) or html.escape(_("Nothing was written about this session."))


class SessionLogPage(Retranslatable, QWidget):
    """The session log of one pair: date, duration, mode, topics and ratings, newest first, with a
    lock by the sessions that have confidential notes. Enter or a double-click opens a session.

    ``changed`` is emitted after a session was added, changed or deleted.
    """

    changed = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.relationship_id: str | None = None
        self._editable = True
        self.model = SessionLogModel(self)
        self.table = RowsTable(self.model)
        self.summary = paragraph()
        self.details = QTextBrowser()
        self.details.setOpenLinks(False)
        self.add_button, self.edit_button = QPushButton(), QPushButton()
        self.delete_button = QPushButton()
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 3)
        layout.addLayout(buttons)
        layout.addWidget(self.details, 2)
        self.add_button.clicked.connect(self.add_session)
        self.edit_button.clicked.connect(self.edit_session)
        self.delete_button.clicked.connect(self.delete_session)
        self.table.row_activated.connect(lambda _row: self.edit_session())
        remove = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        remove.setContext(Qt.ShortcutContext.WidgetShortcut)
        remove.activated.connect(self.delete_session)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.add_button.setText(_("A&dd session…"))
        self.add_button.setToolTip(_("Log a meeting of the pair"))
        self.edit_button.setText(_("&Open session…"))
        self.edit_button.setToolTip(_("Read or change the selected session (Enter)"))
        self.delete_button.setText(_("Delete session"))
        self.delete_button.setToolTip(_("Delete the selected session from the log (Delete)"))
        self.table.setAccessibleName(_("Session log of the pair"))
        self.details.setAccessibleName(_("What the chosen session covered"))
        self.model.retranslate()
        self._update_summary()
        self._show_details()

    # -- what is shown --------------------------------------------------------------------------

    def set_relationship(self, relationship_id: str | None) -> None:
        """Remember the pair to show; :meth:`reload` reads and shows its log."""
        self.relationship_id = relationship_id

    def set_editable(self, editable: bool) -> None:
        """Allow logging and changing sessions (not for a pair in the trash)."""
        self._editable = editable
        self._update_buttons()

    def reload(self) -> None:
        """Read the log again (newest first), keeping the chosen session chosen."""
        chosen = self.table.current()
        rid = self.relationship_id
        self.model.set_rows(self.services.mentoring.sessions(rid) if rid else [])
        self.select_session(chosen.id if chosen else None)
        self._update_summary()
        self._update_buttons()

    def select_session(self, session_id: str | None) -> None:
        """Choose the session ``session_id`` (the newest when it is not shown)."""
        row = self.model.row_where(lambda r: r.id == session_id) if session_id else None
        self.table.select(row if row is not None else (0 if self.model.rowCount() else None))
        self._show_details()

    def _update_summary(self) -> None:
        self.summary.setText(log_summary(self.model.rows()) if self.relationship_id else "")

    def _update_buttons(self) -> None:
        chosen = self.table.current() is not None
        self.add_button.setEnabled(self._editable and self.relationship_id is not None)
        self.edit_button.setEnabled(chosen)  # a session of a pair in the trash can be read
        self.delete_button.setEnabled(self._editable and chosen)

    def _on_selection_changed(self) -> None:
        self._show_details()
        self._update_buttons()

    def _show_details(self) -> None:
        row = self.table.current()
        self.details.setHtml(session_html(row) if row is not None else "")
        self.details.setVisible(row is not None)

    # -- actions --------------------------------------------------------------------------------

    def add_session(self) -> None:
        """Open an empty session form: today, with the length and mode of the last session."""
        if self.relationship_id is None or not self.add_button.isEnabled():
            return
        rows = self.services.mentoring.sessions(self.relationship_id)
        last = rows[0] if rows else None
        self._open(
            SessionLogData(
                relationship_id=self.relationship_id,
                date=date.today(),
                minutes=last.minutes if last else 60,
                mode=last.mode if last else "in_person",
            )
        )

    def edit_session(self) -> None:
        """Open the chosen session's form, confidential notes included."""
        row = self.table.current()
        if row is None or not self.edit_button.isEnabled():
            return
        try:
            data = self.services.mentoring.get_session(row.id)
        except TejidoError as error:
            show_error(self, error)
            self.reload()
            return
        self._open(data, read_only=not self._editable)

    def _open(self, data: SessionLogData, read_only: bool = False) -> None:
        from app.views.mentoring.session_log_dialog import SessionLogDialog

        dialog = SessionLogDialog(self.services, data, self)
        if read_only:
            dialog.set_read_only()
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.reload()
        self.select_session(dialog.saved_id)
        self.changed.emit()

    def delete_session(self) -> None:
        """Delete the chosen session (after asking)."""
        row = self.table.current()
        if row is None or not self.delete_button.isEnabled():
            return
        question = _(
            "Delete the session of {date} from the log? Its notes, confidential ones included, "
            "go with it."
        ).format(date=format_date(row.date))
        if QMessageBox.question(self, _("Delete session"), question) != (
            QMessageBox.StandardButton.Yes
        ):
            return
        try:
            self.services.mentoring.delete_session(row.id)
        except TejidoError as error:  # gone already: show the log as it is now
            show_error(self, error)
        else:
            log.info("mentoring session deleted: %s", row.id)
        self.reload()
        self.changed.emit()
