"""Verify a certificate: from its PDF, or from the text of its QR code pasted in.

Verification happens on this computer: the signature is checked against our own keys and the
keys of the organisations we know. The verdict says VALID or NOT VALID in words and with a
symbol (colour is never the only signal), then what the certificate says, or why it fails.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import TejidoError
from app.i18n import _, format_number, ngettext
from app.services.registry import Services
from app.views.errors import show_error
from app.views.verdict_card import VerdictCard, verdict_heading
from app.views.widgets.paragraph import paragraph
from app.views.widgets.translatable import Retranslatable
from app.views.workers import Job, run_job

log = logging.getLogger(__name__)

FOLDER_KEY = "folders/verify"


class VerifyDialog(Retranslatable, QDialog):
    """Check a certificate: choose its PDF (or drop it here), or paste the text of its QR code.

    A PDF holding several certificates (a merged one) lists them all, each with its verdict.
    """

    def __init__(self, services: Services, parent: QWidget | None = None, path: Path | None = None):
        super().__init__(parent)
        self.services = services
        self.results: list[Any] = []
        self.job: Job | None = None
        self.setAcceptDrops(True)
        self._build()
        self.retranslate_ui()
        self.resize(620, 640)
        if path is not None:
            self.verify_pdf(path)

    def _build(self) -> None:
        self.intro = paragraph()
        self.file_label, self.file_edit = QLabel(), QLineEdit(readOnly=True)
        self.choose_button = QPushButton()
        self.file_label.setBuddy(self.choose_button)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_label)
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(self.choose_button)
        self.text_label, self.text_edit = QLabel(), QPlainTextEdit()
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.text_label.setBuddy(self.text_edit)
        self.verify_button = QPushButton()
        self.verify_button.setEnabled(False)
        self.summary = paragraph()
        self.list = QListWidget()
        self.card = VerdictCard()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(file_row)
        layout.addWidget(self.text_label)
        layout.addWidget(self.text_edit)
        layout.addWidget(self.verify_button, 0, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.card)
        layout.addStretch(0)
        layout.addWidget(self.buttons)
        self.choose_button.clicked.connect(self.choose_pdf)
        self.verify_button.clicked.connect(self.verify_text)
        self.text_edit.textChanged.connect(self._on_text_edit_text_changed)
        self.list.currentRowChanged.connect(self._on_list_current_row_changed)
        self._show_results([])

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Verify a certificate"))
        self.intro.setText(
            _(
                "Choose the PDF of a certificate (or drop it here), or paste the text of its QR "
                "code as a phone's QR reader shows it (it starts with TJ1). Tejido checks the "
                "signature on this computer; no internet is needed."
            )
        )
        self.file_label.setText(_("&PDF file:"))
        self.file_edit.setAccessibleName(_("PDF file being verified"))
        self.file_edit.setPlaceholderText(_("No file chosen"))
        self.choose_button.setText(_("&Choose a PDF…"))
        self.choose_button.setAccessibleName(_("Choose the PDF of a certificate"))
        self.text_label.setText(_("Or paste the &text of the QR code:"))
        self.text_edit.setAccessibleName(_("Text of the QR code"))
        self.text_edit.setPlaceholderText(_("TJ1.…"))
        self.verify_button.setText(_("&Verify this text"))
        self.list.setAccessibleName(_("Certificates in the file"))
        self.card.setAccessibleName(_("Verdict"))
        self._show_results(self.results, keep_row=True)

    # -- checking -----------------------------------------------------------------------------

    def choose_pdf(self) -> None:
        folder = str(QSettings().value(FOLDER_KEY, str(Path.home())))
        name, _chosen = QFileDialog.getOpenFileName(
            self, _("Choose the PDF of a certificate"), folder, _("PDF files (*.pdf)")
        )
        if name:
            QSettings().setValue(FOLDER_KEY, str(Path(name).parent))
            self.verify_pdf(Path(name))

    def verify_pdf(self, path: Path) -> None:
        """Verify every certificate in the PDF at ``path`` (in the background)."""
        self.file_edit.setText(str(path))
        certificates = self.services.certificates

        def work(_progress, _cancelled) -> list:  # type: ignore[no-untyped-def]
            return list(certificates.verify_pdf(path))

        def failed(error: BaseException) -> None:
            self._show_results([])
            show_error(self, error)

        log.info("verifying a PDF")
        self.job = run_job(
            self, _("Reading the certificate…"), work, self._show_results, failed, cancellable=False
        )

    def verify_text(self) -> None:
        """Verify the pasted text of a QR code."""
        text = self.text_edit.toPlainText().strip()
        if not text:
            return
        self.file_edit.clear()
        try:
            result = self.services.certificates.verify_text(text)
        except TejidoError as error:
            show_error(self, error)
            return
        self._show_results([result])

    def _show_results(self, results: list, keep_row: bool = False) -> None:
        row = self.list.currentRow() if keep_row else 0
        self.results = list(results)
        self.list.blockSignals(True)
        self.list.clear()
        for result in self.results:
            item = QListWidgetItem(f"{verdict_heading(result)} — {result.person_name or '?'}")
            self.list.addItem(item)
        self.list.blockSignals(False)
        several = len(self.results) > 1
        self.list.setVisible(several)
        self.summary.setVisible(bool(self.file_edit.text()) and (several or not self.results))
        self.summary.setText(self._summary_text())
        if self.results:
            self.list.setCurrentRow(min(max(row, 0), len(self.results) - 1))
            self.card.show_result(self.results[self.list.currentRow()])
        else:
            self.card.show_result(None)

    def _summary_text(self) -> str:
        if not self.results:
            return _(
                "No Tejido certificate was found in this file. Check that it is the PDF of a "
                "certificate, or paste the text of its QR code."
            )
        valid = sum(1 for x in self.results if x.valid)
        return ngettext(
            "This file holds {count} certificate: {valid} valid.",
            "This file holds {count} certificates: {valid} valid.",
            len(self.results),
        ).format(count=format_number(len(self.results)), valid=format_number(valid))

    def _on_list_current_row_changed(self, row: int) -> None:
        if 0 <= row < len(self.results):
            self.card.show_result(self.results[row])

    def _on_text_edit_text_changed(self) -> None:
        self.verify_button.setEnabled(bool(self.text_edit.toPlainText().strip()))

    # -- drag and drop --------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt's name)
        if dropped_pdf(event) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt's name)
        path = dropped_pdf(event)
        if path is not None:
            event.acceptProposedAction()
            self.verify_pdf(path)


def dropped_pdf(event: QDragEnterEvent | QDropEvent) -> Path | None:
    """The one local PDF file dragged in ``event``, if that is what it carries."""
    urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
    if len(urls) == 1 and urls[0].isLocalFile():
        path = Path(urls[0].toLocalFile())
        if path.suffix.lower() == ".pdf":
            return path
    return None
