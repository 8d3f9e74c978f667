"""The Sessions page of an activity's panel: its sessions with the attendance taken at each, and
the doors to taking attendance, importing it, exporting it and the calendar of sessions."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QMenu, QPushButton, QVBoxLayout, QWidget

from app.errors import TejidoError
from app.i18n import _, format_date, format_number, ngettext
from app.services.activities import ActivityData, SessionData
from app.services.attendance import SessionCount
from app.services.registry import Services
from app.views.errors import show_error
from app.views.widgets.paragraph import paragraph
from app.views.widgets.saved_file import ask_save_path, file_stem, show_saved
from app.views.widgets.sorted_rows import RowsTable, SortColumn, SortedRowsModel
from app.views.widgets.time_edit import duration_text, time_text
from app.views.widgets.translatable import Retranslatable
from app.views.workers import Job, run_job

log = logging.getLogger(__name__)

ROSTER_SETTLE_MS = 800  # marks saved in the roster are shown here once marking pauses


@dataclass(frozen=True, slots=True)
class SessionLine:
    """A session and, once attendance was taken, how many came of those expected."""

    session: SessionData
    present: int | None = None
    expected: int | None = None


def attendance_text(line: SessionLine, today: date | None = None) -> str:
    if line.present is not None:
        return _("{present} of {expected} present").format(
            present=format_number(line.present), expected=format_number(line.expected or 0)
        )
    if line.session.date > (today or date.today()):
        return _("Upcoming")
    return _("Not taken yet")


def times_text(session: SessionData) -> str:
    if session.start_time and session.end_time:
        return _("{start}–{end}").format(
            start=time_text(session.start_time), end=time_text(session.end_time)
        )
    return time_text(session.start_time)


SESSION_COLUMNS = (
    SortColumn(
        lambda: _("Date"),
        lambda r: format_date(r.session.date),
        key=lambda r: r.session.starts_at,
        width=12,
    ),
    SortColumn(lambda: _("Time"), lambda r: times_text(r.session), width=13),
    SortColumn(lambda: _("Attendance"), attendance_text, key=lambda r: r.present, width=20),
    SortColumn(
        lambda: _("Duration"),
        lambda r: duration_text(r.session.minutes),
        key=lambda r: r.session.minutes or None,
        width=7,
    ),
    SortColumn(lambda: _("Place"), lambda r: r.session.place, width=14),
    SortColumn(lambda: _("Content"), lambda r: first_line(r.session.content), width=24),
)


def first_line(text: str) -> str:
    lines = text.strip().splitlines()
    return lines[0] if lines else ""


class ActivitySessionsPage(Retranslatable, QWidget):
    """The sessions of one activity: date, time, length, place and attendance (present of
    expected, once taken). Enter or a double-click takes attendance at the selected session.

    ``changed`` is emitted after attendance was taken or imported.
    """

    changed = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.activity: ActivityData | None = None
        self.roster: QDialog | None = None
        self.job: Job | None = None
        self._editable = True
        self.model: SortedRowsModel[SessionLine] = SortedRowsModel(SESSION_COLUMNS, self)
        self.table = RowsTable(self.model)
        self.summary = paragraph()
        self.take_button, self.import_button = QPushButton(), QPushButton()
        self.export_button = QPushButton()
        self.export_menu = QMenu(self.export_button)
        self.export_action = self.export_menu.addAction("")
        self.calendar_action = self.export_menu.addAction("")
        self.export_menu.addSeparator()
        self.sign_in_action = self.export_menu.addAction("")
        self.handout_action = self.export_menu.addAction("")
        self.export_button.setMenu(self.export_menu)
        self.certificates_button = QPushButton()
        buttons = QHBoxLayout()
        for button in (self.take_button, self.import_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.certificates_button)
        buttons.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self._settle = QTimer(self, singleShot=True, interval=ROSTER_SETTLE_MS)
        self._settle.timeout.connect(self.changed.emit)
        self.take_button.clicked.connect(self.take_attendance)
        self.import_button.clicked.connect(self.import_attendance)
        self.export_action.triggered.connect(self.export_attendance)
        self.calendar_action.triggered.connect(self.export_calendar)
        self.sign_in_action.triggered.connect(self.save_sign_in_sheet)
        self.handout_action.triggered.connect(self.save_handout)
        self.certificates_button.clicked.connect(self.open_certificates)
        self.table.row_activated.connect(lambda _row: self.take_attendance())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.take_button.setText(_("Ta&ke attendance…"))
        self.take_button.setToolTip(_("Open the roster of the selected session (Enter)"))
        self.import_button.setText(_("&Import attendance…"))
        self.import_button.setToolTip(_("Read a sign-in sheet or form answers from a spreadsheet"))
        self.export_button.setText(_("Export"))
        self.export_button.setToolTip(
            _("Save the attendance, the calendar of sessions, a sign-in sheet or the handout")
        )
        self.export_action.setText(_("Attendance of this activity (Excel or CSV)…"))
        self.export_action.setToolTip(_("Save who came to each session to a spreadsheet"))
        self.calendar_action.setText(_("Calendar of all sessions of every activity (.ics)…"))
        self.calendar_action.setToolTip(
            _("Save the sessions of every activity to a file that calendar programs import")
        )
        self.sign_in_action.setText(_("&Sign-in sheet of this session (PDF)…"))
        self.sign_in_action.setToolTip(
            _("The registered people with a column to sign, and blank rows for walk-ins")
        )
        self.handout_action.setText(_("&Handout (PDF)…"))
        self.handout_action.setToolTip(_("The support material attendees take back with them"))
        self.certificates_button.setText(_("Cer&tificates…"))
        self.certificates_button.setToolTip(
            _("Issue certificates of attendance or completion to the people of this activity")
        )
        self.table.setAccessibleName(_("Sessions of the activity"))
        self.model.retranslate()
        self._update_summary()

    # -- what is shown --------------------------------------------------------------------------

    def set_activity(self, activity: ActivityData | None) -> None:
        """Remember the activity to show; :meth:`reload` reads and shows it."""
        self.activity = activity

    def reload(self) -> None:
        """Read the attendance of each session again and show the sessions."""
        selected = self.table.current()
        sessions = self.activity.sessions if self.activity else ()
        counts = self.services.attendance.session_counts(self.activity.id) if self.activity else {}
        self.model.set_rows([self._line(x, counts) for x in sessions])
        wanted = selected.session.id if selected else None
        row = self.model.row_where(lambda r: r.session.id == wanted) if wanted else None
        self.table.select(row if row is not None else self._usual_row())
        self._update_summary()
        self._update_buttons()

    def _line(self, session: SessionData, counts: dict[str, SessionCount]) -> SessionLine:
        count = counts.get(session.id or "")
        if count is None:
            return SessionLine(session)
        return SessionLine(session, count.present, count.expected)

    def _usual_row(self) -> int | None:
        """Today's session, else the next one, else the last one."""
        lines = self.model.rows()
        if not lines:
            return None
        today = date.today()
        upcoming = [n for n, line in enumerate(lines) if line.session.date >= today]
        return min(upcoming, key=lambda n: lines[n].session.date) if upcoming else len(lines) - 1

    def _update_summary(self) -> None:
        sessions = self.activity.sessions if self.activity else ()
        minutes = sum(x.minutes for x in sessions)
        if not sessions:
            text = _("This activity has no sessions yet. Add them with Edit activity.")
        elif minutes:
            text = ngettext(
                "{count} session, {duration} in all.",
                "{count} sessions, {duration} in all.",
                len(sessions),
            ).format(count=format_number(len(sessions)), duration=duration_text(minutes))
        else:
            text = ngettext("{count} session.", "{count} sessions.", len(sessions)).format(
                count=format_number(len(sessions))
            )
        self.summary.setText(text)

    def set_editable(self, editable: bool) -> None:
        """Allow taking and importing attendance (not for an activity in the trash)."""
        self._editable = editable
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self.table.current_row() is not None
        self.take_button.setEnabled(self._editable and chosen)
        self.import_button.setEnabled(self._editable and self.model.rowCount() > 0)
        self.export_action.setEnabled(self.activity is not None)
        self.sign_in_action.setEnabled(chosen)
        self.handout_action.setEnabled(self.activity is not None)
        self.certificates_button.setEnabled(self._editable and self.model.rowCount() > 0)

    # -- actions --------------------------------------------------------------------------------

    def take_attendance(self) -> None:
        """Open the roster of the selected session (it stays open beside the window)."""
        line = self.table.current()
        if line is None or not self.take_button.isEnabled():
            return
        if self.roster is not None:  # one roster at a time: every mark is saved already
            if self.roster.property("session_id") == line.session.id:
                self.roster.raise_()
                self.roster.activateWindow()
                return
            self.roster.close()
        from app.views.dialogs.roster_dialog import RosterDialog

        try:
            dialog = RosterDialog(self.services, line.session.id, self)
        except TejidoError as error:
            show_error(self, error)
            return
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.changed.connect(self._settle.start)
        dialog.finished.connect(self._on_roster_finished)
        dialog.setProperty("session_id", line.session.id)
        self.roster = dialog
        dialog.show()

    def _on_roster_finished(self) -> None:
        self._settle.stop()
        self.roster = None
        self.changed.emit()

    def import_attendance(self) -> None:
        """Import attendance from a spreadsheet into the selected session (or one chosen there)."""
        if self.activity is None or self.activity.id is None:
            return
        from app.views.dialogs.attendance_import_dialog import AttendanceImportDialog

        line = self.table.current()
        session_id = line.session.id if line else None
        try:
            dialog = AttendanceImportDialog(
                self.services, self.activity.id, self, session_id=session_id
            )
        except TejidoError as error:
            show_error(self, error)
            return
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.changed.emit()

    def export_attendance(self) -> None:
        """Save the attendance of every session to an XLSX or CSV file, in the background."""
        if self.activity is None or self.activity.id is None:
            return
        caption = _("Export attendance")
        path = ask_save_path(
            self,
            caption,
            file_stem(_("attendance"), self.activity.title),
            _("Excel workbook (*.xlsx);;CSV file (*.csv)"),
            (".xlsx", ".csv"),
        )
        if path is None:
            return
        activity_id, db = self.activity.id, self.services.db

        def work(_progress, _cancelled) -> int:  # type: ignore[no-untyped-def]
            from app.services.activity_exports import export_attendance

            return export_attendance(db, activity_id, path)

        def done(count: int) -> None:
            message = ngettext(
                "{count} row was saved in {path}.", "{count} rows were saved in {path}.", count
            ).format(count=format_number(count), path=path)
            show_saved(self, caption, message, path)

        log.info("exporting the attendance of activity %s", activity_id)
        self.job = run_job(self, _("Saving the attendance…"), work, done, cancellable=False)

    def export_calendar(self) -> None:
        """Save every session of every activity to an iCalendar (.ics) file, in the background."""
        caption = _("Export the calendar")
        path = ask_save_path(self, caption, _("sessions"), _("iCalendar file (*.ics)"), (".ics",))
        if path is None:
            return
        db = self.services.db

        def work(_progress, _cancelled) -> int:  # type: ignore[no-untyped-def]
            from app.services.calendar_export import export_calendar

            return export_calendar(db, path)

        def done(count: int) -> None:
            message = ngettext(
                "{count} session was saved in {path}. Outlook, Google Calendar and Apple "
                "Calendar can import this file.",
                "{count} sessions were saved in {path}. Outlook, Google Calendar and Apple "
                "Calendar can import this file.",
                count,
            ).format(count=format_number(count), path=path)
            show_saved(self, caption, message, path)

        self.job = run_job(self, _("Saving the calendar…"), work, done, cancellable=False)

    def save_sign_in_sheet(self) -> None:
        """Save the sign-in sheet of the selected session as a PDF (then open or print it)."""
        line = self.table.current()
        if self.activity is None or line is None:
            return
        from app.views.document_actions import save_sign_in_sheet

        self.job = save_sign_in_sheet(self, self.services, self.activity, line.session)

    def save_handout(self) -> None:
        """Save the activity's handout as a PDF, in a language chosen first."""
        if self.activity is None:
            return
        from app.views.document_actions import save_handout

        self.job = save_handout(self, self.services, self.activity)

    def open_certificates(self) -> None:
        """Issue certificates to the people of this activity."""
        if self.activity is None or self.activity.id is None:
            return
        from app.views.dialogs.certificates_dialog import CertificatesDialog

        try:
            dialog = CertificatesDialog(self.services, self.activity.id, self)
        except TejidoError as error:
            show_error(self, error)
            return
        dialog.exec()
