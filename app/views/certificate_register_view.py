"""The certificate register: every certificate issued, searched as you type, and what can be done
with one — open or print it again, re-issue a corrected one, revoke it."""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import TejidoError
from app.i18n import _, format_number, ngettext
from app.services.certificates import RegisterRow
from app.services.registry import Services
from app.views.certificate_register_model import ROW_ROLE, CertificateRegisterModel
from app.views.errors import show_error
from app.views.printing import open_in_viewer, print_pdf, show_pdf_saved
from app.views.widgets.list_export import export_model
from app.views.widgets.paged_table_view import PagedTableView
from app.views.widgets.record_list import SEARCH_DELAY_MS
from app.views.widgets.saved_file import ask_save_path
from app.views.widgets.translatable import Retranslatable
from app.views.workers import Job, run_job

log = logging.getLogger(__name__)


def temporary_pdf(code: str) -> Path:
    """Where a certificate is written to be opened or printed (a temporary folder of Tejido's)."""
    folder = Path(tempfile.gettempdir()) / "tejido-certificates"
    folder.mkdir(parents=True, exist_ok=True)
    safe = "".join(c for c in code if c.isalnum() or c == "-") or "certificate"
    return folder / f"{safe}.pdf"


class CertificateRegisterView(Retranslatable, QWidget):
    """Every certificate issued, newest first: status (valid, replaced, revoked, in words and with
    a symbol), kind, person, activity, hours, code, when and by whom.

    Typing searches by person, activity or code. Enter or a double-click opens the certificate
    in the PDF viewer; Ctrl+P prints it."""

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.job: Job | None = None
        self.model = CertificateRegisterModel(services.certificates, self)
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._on_search_timer_timeout)
        self._build()
        self._connect()
        self.retranslate_ui()

    def _build(self) -> None:
        self.search_label, self.search = QLabel(), QLineEdit(clearButtonEnabled=True)
        self.search_label.setBuddy(self.search)
        self.table = PagedTableView(self.model)
        self.table.setSelectionMode(PagedTableView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(False)  # one order: newest first
        self.table.horizontalHeader().setSortIndicatorShown(False)
        self.open_button, self.print_button = QPushButton(), QPushButton()
        self.reissue_button, self.revoke_button = QPushButton(), QPushButton()
        self.export_button = QPushButton()
        top = QHBoxLayout()
        top.addWidget(self.search_label)
        top.addWidget(self.search, 1)
        top.addWidget(self.export_button)
        actions = QHBoxLayout()
        for button in (self.open_button, self.print_button, self.reissue_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.revoke_button)
        self.status = QLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        layout.addWidget(self.status)

    def _connect(self) -> None:
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.search.returnPressed.connect(self._on_search_return_pressed)
        self.open_button.clicked.connect(self.open_selected)
        self.print_button.clicked.connect(self.print_selected)
        self.reissue_button.clicked.connect(self.reissue_selected)
        self.revoke_button.clicked.connect(self.revoke_selected)
        self.export_button.clicked.connect(self.export_list)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.table.selectionModel().selectionChanged.connect(self._update)
        self.model.modelReset.connect(self._update)
        for key, owner, slot in (
            (QKeySequence.StandardKey.Find, self, self.focus_search),
            (QKeySequence.StandardKey.Print, self, self.print_selected),
            (QKeySequence(Qt.Key.Key_Return), self.table, self.open_selected),
            (QKeySequence(Qt.Key.Key_Enter), self.table, self.open_selected),
        ):
            shortcut = QShortcut(key, owner)
            shortcut.setContext(
                Qt.ShortcutContext.WidgetShortcut
                if owner is self.table
                else Qt.ShortcutContext.WidgetWithChildrenShortcut
            )
            shortcut.activated.connect(slot)

    def retranslate_ui(self) -> None:
        self.search_label.setText(_("&Search:"))
        self.search.setPlaceholderText(_("Type part of a person's name, an activity or a code"))
        self.search.setAccessibleName(_("Search the certificate register"))
        self.table.setAccessibleName(_("Certificate register"))
        self.open_button.setText(_("&Open"))
        self.open_button.setToolTip(_("Open the certificate in the PDF viewer (Enter)"))
        self.print_button.setText(_("&Print…"))
        self.print_button.setToolTip(_("Print the certificate (Ctrl+P)"))
        self.reissue_button.setText(_("Re-issue &corrected…"))
        self.reissue_button.setToolTip(
            _("A new certificate with the name corrected, or in another language or design")
        )
        self.revoke_button.setText(_("Re&voke…"))
        self.revoke_button.setToolTip(_("Make the certificate no longer valid, saying why"))
        self.export_button.setText(_("E&xport list…"))
        self.export_button.setToolTip(_("Save this list, as searched, to a spreadsheet"))
        self.status.setAccessibleName(_("Number of certificates"))
        self.model.retranslate()
        self._update()

    # -- state ----------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the register again, keeping the search and the selected certificate."""
        selected = self.selected()
        self.model.reload()
        if selected is not None:
            self.table.select_id(selected.id)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def selected(self) -> RegisterRow | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(ROW_ROLE) if rows else None

    def _update(self) -> None:
        row = self.selected()
        for button in (self.open_button, self.print_button):
            button.setEnabled(row is not None)
        self.reissue_button.setEnabled(row is not None and row.status == "valid")
        self.revoke_button.setEnabled(row is not None and row.status != "revoked")
        total = self.model.total()
        text = ngettext("{count} certificate", "{count} certificates", total)
        self.status.setText(text.format(count=format_number(total)))

    # -- slots and actions ------------------------------------------------------------------------

    def _on_search_timer_timeout(self) -> None:
        self.model.reload(query=self.search.text())

    def _on_search_return_pressed(self) -> None:
        if self._search_timer.isActive():
            self._search_timer.stop()
            self._on_search_timer_timeout()
        if self.model.rowCount():
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
            self.table.selectRow(0)

    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        self.table.selectRow(index.row())
        self.open_selected()

    def open_selected(self) -> None:
        """Write the selected certificate to a temporary PDF and open it in the PDF viewer."""
        self._with_pdf(lambda path: open_in_viewer(path, self))

    def print_selected(self) -> None:
        """Write the selected certificate to a temporary PDF and print it."""
        self._with_pdf(lambda path: print_pdf(self, path))

    def _with_pdf(self, then) -> None:  # type: ignore[no-untyped-def]
        row = self.selected()
        if row is None:
            return
        certificates, path = self.services.certificates, temporary_pdf(row.code)

        def work(_progress, _cancelled) -> Path:  # type: ignore[no-untyped-def]
            from app.services.documents.certificate_pdf import certificate_pdf_bytes

            path.write_bytes(certificate_pdf_bytes(certificates.content_of(row.id)))
            return path

        self.job = run_job(self, _("Preparing the certificate…"), work, then, cancellable=False)

    def reissue_selected(self) -> None:
        """Re-issue the selected certificate corrected, then save the new one as a PDF."""
        row = self.selected()
        if row is None or row.status != "valid":
            return
        from app.views.dialogs.certificate_fix_dialogs import ReissueDialog

        dialog = ReissueDialog(self.services, row, self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.content is None:
            return
        self.refresh()
        self.save_content(dialog.content)

    def save_content(self, content) -> None:  # type: ignore[no-untyped-def]
        """Ask where to save one certificate, write it, and offer to open or print it."""
        from app.services.documents.certificate_files import safe_file_name
        from app.services.documents.certificate_pdf import certificate_pdf_bytes

        stem = safe_file_name(f"{content.person_name} - {content.activity_title}")
        caption = _("Save the corrected certificate")
        path = ask_save_path(self, caption, stem, _("PDF file (*.pdf)"), (".pdf",))
        if path is None:
            return
        try:
            path.write_bytes(certificate_pdf_bytes(content))
        except OSError as error:
            log.warning("a certificate could not be saved: %s", type(error).__name__)
            message = _(
                "Tejido could not save {path} ({problem}). The corrected certificate is in the "
                "register: select it and press Open or Print to try again."
            ).format(path=path, problem=error.strerror or error)
            show_error(self, TejidoError(message))
            return
        message = _("The corrected certificate {code} was saved in {path}.").format(
            code=content.code, path=path
        )
        show_pdf_saved(self, caption, message, path)

    def revoke_selected(self) -> None:
        """Revoke the selected certificate (one question, with the reason)."""
        row = self.selected()
        if row is None or row.status == "revoked":
            return
        from app.views.dialogs.certificate_fix_dialogs import RevokeDialog

        if RevokeDialog(self.services, row, self).exec() == QDialog.DialogCode.Accepted:
            self.refresh()

    def export_list(self) -> None:
        """Save the register, as searched, to a spreadsheet."""
        self.job = export_model(self, self.model, _("certificates"))
