"""Issue certificates for one activity: the kind, the people (all ticked), the language, design
and wording, and the files to write. Issuing runs in the background with progress and Cancel;
a summary then offers to open, show or print what was saved."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import TejidoError
from app.i18n import LANGUAGES, _, current_language, format_number, ngettext
from app.services.registry import Services
from app.views.dialogs.certificate_options import CertificateOptions
from app.views.eligible_people_model import EligiblePeopleModel
from app.views.errors import show_error
from app.views.printing import show_pdf_saved
from app.views.widgets.paragraph import paragraph
from app.views.widgets.saved_file import ask_save_path, file_stem
from app.views.widgets.translatable import Retranslatable
from app.views.workers import Job, run_job

log = logging.getLogger(__name__)


def rule_text(percent: int | None, minutes: int | None) -> str:
    """The activity's completion rule in the program's language."""
    parts = []
    if percent is not None:
        parts.append(_("at least {percent} % of the sessions").format(percent=percent))
    if minutes is not None:
        parts.append(_("at least {hours} h").format(hours=format_number(round(minutes / 60, 1))))
    if not parts:
        return _("attending at least one session (the activity has no rule of its own)")
    return _(" and ").join(parts)


class CertificatesDialog(Retranslatable, QDialog):
    """Certificates of attendance or completion for the people of one activity.

    Ticking decides who gets one now; someone who already has a certificate of this kind gets a
    new one that replaces it in the register. ``issued`` holds the last batch's result."""

    def __init__(self, services: Services, activity_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.services, self.activity_id = services, activity_id
        self.activity = services.activities.get(activity_id)
        self.job: Job | None = None
        self.issued = None
        self.model = EligiblePeopleModel(self)
        language = self.activity.language
        self.options = CertificateOptions(language if language in LANGUAGES else current_language())
        self._build()
        self._connect()
        self.retranslate_ui()
        self.reload()
        self.resize(1000, 620)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _build(self) -> None:
        self.intro = paragraph()
        self.kind_group = QGroupBox()
        self.attendance = QRadioButton(checked=True)
        self.completion = QRadioButton()
        self.kind_help = paragraph()
        kinds = QVBoxLayout(self.kind_group)
        for widget in (self.attendance, self.completion, self.kind_help):
            kinds.addWidget(widget)
        self.people_group = self._build_people()
        left = QVBoxLayout()
        left.addWidget(self.kind_group)
        left.addWidget(self.people_group, 1)
        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        columns.addWidget(self.options, 2)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.issue_button = QPushButton()
        self.issue_button.setDefault(True)
        self.buttons.addButton(self.issue_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(columns, 1)
        layout.addWidget(self.buttons)

    def _build_people(self) -> QGroupBox:
        group = QGroupBox()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.all_button, self.none_button = QPushButton(), QPushButton()
        self.count = paragraph()
        choose = QHBoxLayout()
        for button in (self.all_button, self.none_button):
            choose.addWidget(button)
        choose.addWidget(self.count, 1)
        people = QVBoxLayout(group)
        people.addWidget(self.table, 1)
        people.addLayout(choose)
        return group

    def _connect(self) -> None:
        self.attendance.toggled.connect(lambda _checked: self.reload())
        self.all_button.clicked.connect(lambda: self.model.set_all(True))
        self.none_button.clicked.connect(lambda: self.model.set_all(False))
        self.model.checked_changed.connect(self._update)
        self.options.changed.connect(self._update)
        self.options.wording_requested.connect(self.edit_wording)
        self.issue_button.clicked.connect(self.issue)
        self.buttons.rejected.connect(self.reject)
        space = QShortcut(QKeySequence(Qt.Key.Key_Space), self.table)
        space.setContext(Qt.ShortcutContext.WidgetShortcut)
        space.activated.connect(lambda: self.model.toggle(self.table.currentIndex().row()))

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Certificates — {title}").format(title=self.activity.title))
        self.intro.setText(
            _(
                "Choose the kind of certificate and who receives it. Each certificate is signed "
                "and entered in the register; its QR code lets anyone verify it."
            )
        )
        self.kind_group.setTitle(_("Kind"))
        self.attendance.setText(_("Certificate of &attendance: everyone who came at least once"))
        self.completion.setText(_("Certificate of c&ompletion: those who met the activity's rule"))
        self.kind_help.setText(
            _("Completion rule: {rule}.").format(
                rule=rule_text(self.activity.min_attendance_percent, self.activity.min_minutes)
            )
        )
        self.people_group.setTitle(_("People"))
        self.table.setAccessibleName(_("People who may receive a certificate"))
        self.table.setToolTip(
            _("Tick who receives a certificate now (Space ticks the current row)")
        )
        self.all_button.setText(_("Tick a&ll"))
        self.none_button.setText(_("Tick &none"))
        self.issue_button.setText(_("&Issue certificates…"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        self.model.retranslate()
        self._update()

    # -- state ----------------------------------------------------------------------------------

    def kind(self) -> str:
        return "completion" if self.completion.isChecked() else "attendance"

    def reload(self) -> None:
        """Read who may receive a certificate of the chosen kind (everyone ticked)."""
        try:
            people = self.services.certificates.eligible(self.activity_id, self.kind())
        except TejidoError as error:
            show_error(self, error)
            people = []
        self.model.set_rows(people)
        self.table.resizeColumnsToContents()
        self.options.set_example(people[0].full_name if people else "", self.activity.title)

    def _update(self) -> None:
        total, chosen = self.model.rowCount(), len(self.model.checked_ids())
        if not total:
            text = (
                _("Nobody has completed this activity by its rule yet.")
                if self.kind() == "completion"
                else _("Nobody has attended a session of this activity yet.")
            )
        else:
            text = ngettext(
                "{chosen} of {total} person ticked.", "{chosen} of {total} people ticked.", total
            ).format(chosen=format_number(chosen), total=format_number(total))
            again = self.model.already_issued()
            if again:
                text += " " + ngettext(
                    "{count} of them already has one; the new one replaces it.",
                    "{count} of them already have one; the new ones replace them.",
                    again,
                ).format(count=format_number(again))
        self.count.setText(text)
        self.issue_button.setEnabled(chosen > 0 and not self.options.problem_text())

    # -- actions --------------------------------------------------------------------------------

    def edit_wording(self) -> None:
        from app.views.dialogs.wording_dialog import WordingDialog

        try:
            dialog = WordingDialog(self.services, self.kind(), self.options.language_code(), self)
        except TejidoError as error:
            show_error(self, error)
            return
        dialog.exec()

    def ask_paths(self) -> tuple[Path | None, Path | None] | None:
        """Where the merged PDF and the ZIP go (the ZIP beside the PDF when both); None if not."""
        stem = file_stem(_("certificates"), self.activity.title)
        caption = _("Save the certificates")
        if self.options.merged.isChecked():
            pdf = ask_save_path(self, caption, stem, _("PDF file (*.pdf)"), (".pdf",))
            if pdf is None:
                return None
            return pdf, pdf.with_suffix(".zip") if self.options.zip.isChecked() else None
        archive = ask_save_path(self, caption, stem, _("ZIP archive (*.zip)"), (".zip",))
        return None if archive is None else (None, archive)

    def issue(self) -> None:
        """Ask where to save, then issue and write the certificates in the background."""
        ids = self.model.checked_ids()
        if not ids or self.options.problem_text():
            return
        paths = self.ask_paths()
        if paths is None:
            return
        self.options.remember()
        from app.views.dialogs.certificate_job import issue_work

        work = issue_work(
            self.services.certificates,
            self.activity_id,
            ids,
            paths,
            kind=self.kind(),
            language=self.options.language_code(),
            design=self.options.design_code(),
            issued_by=self.options.issued_by.text().strip(),
            pattern=self.options.pattern.text().strip(),
        )
        log.info("issuing %d certificates of activity %s", len(ids), self.activity_id)
        self.job = run_job(self, _("Issuing the certificates…"), work, self._on_issued)

    def _on_issued(self, result) -> None:  # type: ignore[no-untyped-def]
        from app.views.dialogs.certificate_job import summary

        self.issued = result
        self.reload()
        title, message, path = summary(result)
        show_pdf_saved(self, title, message, path)
