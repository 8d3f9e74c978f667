"""The files a practice carries: add some (or drop them here), give them titles, put them in
order, remove them, open one with the system's viewer."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import Cancelled, ValidationError
from app.i18n import _, ngettext
from app.services.attachments import cached_file, store_file
from app.services.catalogue_values import AttachmentData
from app.services.catalogue_vocabulary import ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES
from app.services.registry import Services
from app.views.backups_table_model import size_label
from app.views.catalogue.attachments_page import cache_folder, kind_label
from app.views.printing import open_in_viewer
from app.views.widgets.form_fields import WARNING_SIGN, problem_style
from app.views.widgets.paragraph import paragraph
from app.views.widgets.translatable import Retranslatable
from app.views.workers import Job, run_job

log = logging.getLogger(__name__)

# Files adding up to more than this are read and stored in the background, with a progress bar.
BACKGROUND_BYTES = 4 * 1024 * 1024
TITLE, FILE, KIND, SIZE = range(4)
Stored = tuple[list[AttachmentData], list[str]]


def store_files(
    services: Services,
    paths: Sequence[Path],
    progress: Callable[[int, int], None] = lambda _done, _total: None,
    cancelled: Callable[[], bool] = lambda: False,
) -> Stored:
    """Store each file; returns what to attach and, in plain words, each file refused."""
    stored: list[AttachmentData] = []
    problems: list[str] = []
    for done, path in enumerate(paths):
        if cancelled():
            raise Cancelled(_("Adding the files was cancelled; none of them was attached."))
        progress(done, len(paths))
        try:
            stored.append(store_file(services.db, path))
        except ValidationError as error:
            problems.append(str(error))
    progress(len(paths), len(paths))
    return stored, problems


def _size_of(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # store_file says what is wrong with it


def _attachments_table() -> QTableWidget:
    """One row a file; only the title can be edited (double-click or F2)."""
    table = QTableWidget(0, 4)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(
        QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
    )
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
    table.setColumnWidth(FILE, 200)
    table.setMinimumHeight(160)
    return table


class AttachmentsEditor(Retranslatable, QWidget):
    """A table of the attachments, the title editable, and the buttons beside it.

    Adding stores the file's bytes at once (once per content: the same file twice is attached
    once); large files are stored in the background. A file of a kind a practice cannot carry,
    or too large, is refused with the reason under the table. ``changed`` is emitted on every
    change made by hand.
    """

    changed = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.items: list[AttachmentData] = []
        self.table = _attachments_table()
        self.job: Job | None = None
        self.message = paragraph()
        self.message.hide()
        self.help = paragraph()
        self.add_button, self.open_button = QPushButton(), QPushButton()
        self.up_button, self.down_button = QPushButton(), QPushButton()
        self.remove_button = QPushButton()
        self._lay_out()
        self._connect()
        self.setAcceptDrops(True)
        self.setFocusProxy(self.table)
        self.retranslate_ui()

    def _lay_out(self) -> None:
        buttons = QVBoxLayout()
        for button in (self.add_button, self.open_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.table, 1)
        row.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.help)

    def _connect(self) -> None:
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.open_button.clicked.connect(self._on_open_button_clicked)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemChanged.connect(self._on_table_item_changed)
        self.table.itemDoubleClicked.connect(self._on_table_item_double_clicked)

    def retranslate_ui(self) -> None:
        self.add_button.setText(_("Add &files…"))
        self.add_button.setToolTip(_("Choose files to attach; you can also drop them here"))
        self.open_button.setText(_("O&pen"))
        self.open_button.setToolTip(_("Open the chosen file with this computer's viewer"))
        self.up_button.setText(_("Move &up"))
        self.down_button.setText(_("Move dow&n"))
        self.remove_button.setText(_("Re&move"))
        self.remove_button.setToolTip(_("Take the chosen file off this practice"))
        self.table.setHorizontalHeaderLabels([_("Title"), _("File"), _("Kind"), _("Size")])
        self.table.setAccessibleName(_("Attachments"))
        self.help.setText(
            _(
                "PDFs, images (PNG, JPEG, GIF, WebP), text and office documents, at most {mb} MB "
                "each. Double-click a title to change it. The files are kept inside Tejido's "
                "data, so backups and bundles carry them."
            ).format(mb=MAX_ATTACHMENT_BYTES // (1024 * 1024))
        )
        self._fill()

    # -- data -----------------------------------------------------------------------------------

    def set_attachments(self, items: Sequence[AttachmentData]) -> None:
        self.items = list(items)
        self._show_message("")
        self._fill()

    def attachments(self) -> tuple[AttachmentData, ...]:
        """The attachments in their order, with the titles as typed."""
        return tuple(self.items)

    def add_files(self, paths: Sequence[Path]) -> None:
        """Store and attach ``paths`` (in the background when they are large)."""
        paths = [Path(p) for p in paths if Path(p).is_file()]
        if not paths:
            return
        if sum(_size_of(p) for p in paths) <= BACKGROUND_BYTES:
            self._added(store_files(self.services, paths))
            return
        label = ngettext("Attaching {count} file…", "Attaching {count} files…", len(paths))
        self.job = run_job(
            self,
            label.format(count=len(paths)),
            lambda progress, cancelled: store_files(self.services, paths, progress, cancelled),
            self._added,
        )

    def _added(self, result: Stored) -> None:
        stored, problems = result
        known = {item.sha256 for item in self.items}
        for item in stored:
            if item.sha256 in known:
                problems.append(_("{name} is already attached.").format(name=item.original_name))
                continue
            known.add(item.sha256)
            self.items.append(item)
        log.info("attachments added: %d, refused: %d", len(stored), len(problems))
        self._fill()
        self._show_message("\n".join(problems))
        if stored:
            self.table.selectRow(len(self.items) - 1)
            self.changed.emit()

    # -- display --------------------------------------------------------------------------------

    def _fill(self) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.items))
        for row, item in enumerate(self.items):
            texts = (item.title, item.original_name, kind_label(item), size_label(item.size))
            for column, text in enumerate(texts):
                cell = QTableWidgetItem(text)
                if column != TITLE:
                    cell.setFlags(cell.flags() & ~Qt.ItemFlag.ItemIsEditable)
                if column == SIZE:
                    cell.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, cell)
        self.table.blockSignals(False)
        self._update_buttons()

    def _show_message(self, text: str) -> None:
        self.message.setStyleSheet(problem_style(self.message))
        self.message.setText(f"{WARNING_SIGN} {text}" if text else "")
        self.message.setVisible(bool(text))

    def _selected(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def _update_buttons(self) -> None:
        row = self._selected()
        for button in (self.open_button, self.remove_button):
            button.setEnabled(row is not None)
        self.up_button.setEnabled(row is not None and row > 0)
        self.down_button.setEnabled(row is not None and row < len(self.items) - 1)

    # -- slots ----------------------------------------------------------------------------------

    def _on_add_button_clicked(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(
            self,
            _("Attach files"),
            "",
            _("Documents and images ({patterns});;All files (*)").format(
                patterns=" ".join(f"*.{ext}" for ext in sorted(set(ATTACHMENT_TYPES.values())))
            ),
        )
        self.add_files([Path(name) for name in names])

    def _on_open_button_clicked(self) -> None:
        """Write the chosen file out (once, in the background) and open it with the viewer."""
        row = self._selected()
        if row is None:
            return
        attachment, db = self.items[row], self.services.db
        folder = cache_folder(self.services)
        log.info("opening an attachment %s", attachment.sha256[:12])
        self.job = run_job(
            self,
            _("Opening the file…"),
            lambda _progress, _cancelled: cached_file(db, folder, attachment),
            lambda path: open_in_viewer(path, self),
            cancellable=False,
        )

    def _on_table_item_double_clicked(self, cell: QTableWidgetItem) -> None:
        if cell.column() != TITLE:
            self._on_open_button_clicked()

    def _on_table_item_changed(self, cell: QTableWidgetItem) -> None:
        if cell.column() == TITLE and cell.row() < len(self.items):
            self.items[cell.row()] = replace(self.items[cell.row()], title=cell.text().strip())
            self.changed.emit()

    def _move(self, step: int) -> None:
        row = self._selected()
        if row is None or not 0 <= row + step < len(self.items):
            return
        self.items[row], self.items[row + step] = self.items[row + step], self.items[row]
        self._fill()
        self.table.selectRow(row + step)
        self.changed.emit()

    def _on_remove_button_clicked(self) -> None:
        row = self._selected()
        if row is None:
            return
        del self.items[row]
        self._fill()
        if self.items:
            self.table.selectRow(min(row, len(self.items) - 1))
        self._show_message("")
        self.changed.emit()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt's name)
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt's name)
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        event.acceptProposedAction()
        self.add_files(paths)
