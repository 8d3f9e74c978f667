"""Importing the attendance at an activity's session from a spreadsheet, step by step.

Choose the file (unless given), choose the session (hidden when the file has a date column),
say which column goes where, look at what will happen to every row, import in the background
with a progress bar and Cancel, and read the summary. It is the people import's dialog
(:class:`app.views.dialogs.import_dialog.ImportDialog`) with the attendance service, pages and
columns; nothing is written before "Import", and a cancelled or failed import leaves the data
exactly as it was.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from app.i18n import _, format_date
from app.services.activity_values import SessionData
from app.services.importing.attendance_import import AttendanceImportService
from app.services.importing.attendance_values import ATTENDANCE_FIELDS
from app.services.importing.headers import FIELDS
from app.services.registry import Services
from app.views.dialogs.attendance_import_pages import (
    AttendanceFilePage,
    AttendancePreviewPage,
    AttendanceSummaryPage,
)
from app.views.dialogs.import_dialog import FILE, MAPPING, PREVIEW, ImportDialog
from app.views.mapping_widget import MappingWidget, column_title
from app.views.widgets.paragraph import paragraph

log = logging.getLogger(__name__)

# Fields that only one column may fill (the mark's remarks may come from several).
_SINGLE = ("mark", "minutes", "session_date")


class AttendanceMappingWidget(MappingWidget):
    """The people import's columns, with the attendance fields added to every column's choice."""

    def _add_column(self, index: int, field: str) -> None:
        super()._add_column(index, field)
        combo = self.combos[-1]
        for code in ATTENDANCE_FIELDS:
            combo.addItem("", code)
        if field in ATTENDANCE_FIELDS:
            combo.setCurrentIndex(combo.findData(field))

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        for combo in self.combos:
            for item, code in enumerate(ATTENDANCE_FIELDS, start=1 + len(FIELDS)):
                combo.setItemText(item, _(ATTENDANCE_FIELDS[code]))

    def by_date(self) -> bool:
        """Whether a column gives each row's session date."""
        return "session_date" in self.mapping().values()

    def problem(self) -> str:
        """What is wrong with the choice, in plain words ("" when it can be used)."""
        if self.info is not None and self.has_name():
            chosen = sorted(self.mapping().items())
            for field in _SINGLE:
                columns = [index for index, f in chosen if f == field]
                if len(columns) > 1:
                    return _(
                        "“{field}” is chosen for more than one column; only the column {column} "
                        "will be used."
                    ).format(
                        field=_(ATTENDANCE_FIELDS[field]),
                        column=column_title(self.info.headers, columns[0]),
                    )
        return super().problem()


def session_label(session: SessionData) -> str:
    """ "12 Mar 2025, 10:00–12:00, Centro cívico" for the session combo."""
    parts = [format_date(session.date)]
    if session.start_time and session.end_time:
        parts.append(f"{session.start_time:%H:%M}–{session.end_time:%H:%M}")
    if session.place:
        parts.append(session.place)
    return ", ".join(parts)


def likely_session(sessions: tuple[SessionData, ...], today: date | None = None) -> int:
    """The session a sign-in list is most likely for: today's, else the last one held."""
    today = today or date.today()
    held = [i for i, x in enumerate(sessions) if x.date <= today]
    return held[-1] if held else 0


class AttendanceImportDialog(ImportDialog):
    """Import the attendance at one of the activity's sessions from a CSV or XLSX file.

    ``exec()`` returns true when something was imported. ``session_id`` preselects the session;
    ``path`` skips choosing the file.
    """

    def __init__(
        self,
        services: Services,
        activity_id: str,
        parent: QWidget | None = None,
        session_id: str | None = None,
        path: str | Path | None = None,
    ):
        self.session_combo: QComboBox | None = None
        super().__init__(services, parent)
        self.importing = AttendanceImportService(services.db, services.folder)  # type: ignore[assignment]
        self.activity_id = activity_id
        self.sessions = services.activities.get(activity_id).sessions
        self._asked_for_file = bool(path)
        self._build_pages()
        ids = [x.id for x in self.sessions]
        chosen = ids.index(session_id) if session_id in ids else likely_session(self.sessions)
        self.session_combo.setCurrentIndex(chosen if self.sessions else -1)
        self.retranslate_ui()
        if path:
            self.open_file(Path(path))

    def _build_pages(self) -> None:
        """Put the attendance pages where the people import's are."""
        self.session_combo, self.session_label = QComboBox(), QLabel()
        self.session_label.setBuddy(self.session_combo)
        self.session_note = paragraph()
        for session in self.sessions:
            self.session_combo.addItem(session_label(session), session.id)
        self.session_combo.currentIndexChanged.connect(lambda _index: self._update_buttons())
        self.mapping = AttendanceMappingWidget()
        columns = QWidget()
        layout = QVBoxLayout(columns)
        layout.setContentsMargins(0, 0, 0, 0)
        self.session_form = QFormLayout()
        self.session_form.addRow(self.session_label, self.session_combo)
        layout.addLayout(self.session_form)
        layout.addWidget(self.session_note)
        layout.addWidget(self.mapping, 1)
        self.file_page, self.preview_page = AttendanceFilePage(), AttendancePreviewPage()
        self.summary_page = AttendanceSummaryPage()
        for index, page in enumerate(
            (self.file_page, columns, self.preview_page, self.summary_page)
        ):
            old = self.pages.widget(index)
            self.pages.removeWidget(old)
            old.deleteLater()
            self.pages.insertWidget(index, page)
        self.pages.setCurrentIndex(FILE)
        self.file_page.choose_button.clicked.connect(lambda: self._on_choose_button_clicked())
        self.mapping.changed.connect(self._update_buttons)
        self.preview_page.policy_changed.connect(self._on_preview_policy_changed)

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.setWindowTitle(_("Import attendance from a spreadsheet"))
        if self.session_combo is None:
            return
        self.session_label.setText(_("&Session:"))
        self.session_combo.setAccessibleName(_("The session the attendance is for"))
        self.session_note.setAccessibleName(_("About the session"))
        self._update_buttons()

    def _update_buttons(self) -> None:
        super()._update_buttons()
        if self.session_combo is None:
            return
        by_date = self.mapping.by_date()
        self.session_form.setRowVisible(0, not by_date and bool(self.sessions))
        if by_date:
            note = _("Each row goes to the activity's session on the date of its row.")
        elif not self.sessions:
            note = _("This activity has no sessions yet. Add one first, or use a date column.")
        else:
            note = ""
        self.session_note.setText(note)
        self.session_note.setVisible(bool(note))
        page = self.pages.currentIndex()
        if page == MAPPING:
            ready = self.mapping.has_name() and (by_date or self.chosen_session() is not None)
            self.next_button.setEnabled(not self.busy and ready)
        elif page == PREVIEW:
            self.next_button.setAccessibleName(_("Import the attendance now"))
        self.session_combo.setEnabled(not self.busy)

    def _go(self, page: int) -> None:
        super()._go(page)
        if page == MAPPING and self.session_combo is not None and self.session_combo.isVisible():
            self.session_combo.setFocus()

    def chosen_session(self) -> str | None:
        """The id of the session chosen in the combo (``None`` when there is none)."""
        if self.session_combo is None or self.session_combo.currentIndex() < 0:
            return None
        return self.session_combo.currentData()

    def make_preview(self) -> None:
        """Work out in the background what importing would do with the chosen columns."""
        if self.path is None or not self.mapping.has_name():
            return
        path, mapping, policy = self.path, self.mapping.mapping(), self.preview_page.policy()
        session_id = None if self.mapping.by_date() else self.chosen_session()
        self._start(
            _("Checking every row of {file}…").format(file=path.name),
            lambda _progress, _cancelled: self.importing.preview(
                path, self.activity_id, session_id, mapping, policy
            ),
            self._on_previewed,
        )

    def start_import(self) -> None:
        """Import the previewed plan in the background, with a progress bar and Cancel."""
        plan = self.plan
        if plan is None:
            return
        log.info("attendance import: applying a plan of %d rows", len(plan.outcomes))
        apply = self.importing.apply
        self._start(
            _("Importing the attendance from {file}…").format(file=plan.path.name),
            lambda progress, cancelled: apply(plan, progress=progress, cancelled=cancelled),
            self._on_imported,
            cancellable=True,
        )
