"""The Attachments page of a practice: its files (title, kind, size) and Open…, which writes the
chosen file to the data folder's cache and opens it with the system's viewer. Nothing is ever
opened without being asked."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from app.i18n import _
from app.services.catalogue_values import AttachmentData
from app.services.catalogue_vocabulary import ATTACHMENT_TYPES
from app.services.registry import Services
from app.views.backups_table_model import size_label
from app.views.printing import open_in_viewer
from app.views.widgets.paragraph import paragraph
from app.views.widgets.record_table import RecordTable
from app.views.widgets.translatable import Retranslatable
from app.views.workers import Job, run_job

log = logging.getLogger(__name__)


def kind_label(attachment: AttachmentData) -> str:
    """ "PDF", "PNG", "DOCX": the kind of file by its extension."""
    return ATTACHMENT_TYPES.get(attachment.media_type, "").upper() or attachment.media_type


def attachment_title(attachment: AttachmentData) -> str:
    return attachment.title or attachment.original_name or _("(untitled)")


def cache_folder(services: Services) -> Path:
    """Where attachments are written to be opened (inside the data folder, emptied at will)."""
    return services.folder.root / "cache" / "attachments"


class AttachmentsPage(Retranslatable, QWidget):
    """A practice's files, in their order. Open… (or a double click) writes the file to
    :func:`cache_folder` in the background and hands it to the system's viewer."""

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.attachments: tuple[AttachmentData, ...] = ()
        self.job: Job | None = None
        self.table = RecordTable(3)
        self.table.setMaximumHeight(16777215)
        self.empty = paragraph()
        self.open_button = QPushButton()
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.open_button.clicked.connect(self.open_selected)
        self.table.doubleClicked.connect(self.open_selected)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.table.setHorizontalHeaderLabels([_("Title"), _("Kind"), _("Size")])
        self.table.setAccessibleName(_("Attachments"))
        self.empty.setText(_("This practice has no attachments. Add them with Edit…."))
        self.open_button.setText(_("&Open…"))
        self.open_button.setToolTip(_("Open the selected file with the program your system uses"))
        self._fill()

    def set_attachments(self, attachments: tuple[AttachmentData, ...]) -> None:
        """Show ``attachments`` (a practice's, in their order)."""
        self.attachments = attachments
        self._fill()

    def _fill(self) -> None:
        rows = [(attachment_title(a), kind_label(a), size_label(a.size)) for a in self.attachments]
        self.table.set_texts(rows)
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(0, max(self.table.columnWidth(0), 160))
        self.empty.setVisible(not rows)
        self.table.setVisible(bool(rows))
        if rows:
            self.table.selectRow(0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.open_button.setEnabled(self.table.selected_row() is not None)
        self.open_button.setVisible(bool(self.attachments))

    def open_selected(self) -> None:
        """Write the selected file to the cache (once) and open it with the system's viewer."""
        row = self.table.selected_row()
        if row is None or row >= len(self.attachments):
            return
        attachment = self.attachments[row]
        db, folder = self.services.db, cache_folder(self.services)

        def work(_progress, _cancelled) -> Path:  # type: ignore[no-untyped-def]
            from app.services.attachments import cached_file

            return cached_file(db, folder, attachment)

        def done(path: Path) -> None:
            open_in_viewer(path, self)

        log.info("opening an attachment %s", attachment.sha256[:12])
        self.job = run_job(self, _("Opening the file…"), work, done, cancellable=False)
