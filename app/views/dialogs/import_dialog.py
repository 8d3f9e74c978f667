"""Importing people (and their organisations) from a spreadsheet, step by step.

Choose the file, say which column goes where, look at what will happen to every row (and what
to do with possible duplicates), import, and read the summary. Reading, previewing and importing
run through :func:`app.views.workers.run_job`; nothing is written before "Import", and a
cancelled or failed import leaves the data exactly as it was.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import Cancelled, ImportRejected
from app.i18n import _
from app.services.importing import ImportPlan, ImportSummary, TableInfo
from app.services.registry import Services
from app.settings import load_settings, update_settings
from app.views.dialogs.import_pages import FilePage, PreviewPage, SummaryPage
from app.views.errors import show_error
from app.views.mapping_widget import MappingWidget
from app.views.widgets.translatable import Retranslatable
from app.views.workers import Job, run_job

log = logging.getLogger(__name__)

FILE, MAPPING, PREVIEW, SUMMARY = range(4)
FOLDER_SETTING = "import_folder"


class ImportDialog(Retranslatable, QDialog):
    """Import people from a CSV or XLSX file: file, columns, preview, import, summary.

    ``exec()`` returns true when the import was made (the caller reads its lists again).
    ``info``, ``plan`` and ``summary`` hold what the service gave at each step; ``job`` is the
    background work running or last run.
    """

    def __init__(
        self, services: Services, parent: QWidget | None = None, path: str | Path | None = None
    ):
        super().__init__(parent)
        self.importing = services.importing
        self.data_dir = services.folder.root
        self.path: Path | None = None
        self.info: TableInfo | None = None
        self.plan: ImportPlan | None = None
        self.summary: ImportSummary | None = None
        self.job: Job | None = None
        self.busy = False
        self._asked_for_file = bool(path)
        self.file_page, self.mapping = FilePage(), MappingWidget()
        self.preview_page, self.summary_page = PreviewPage(), SummaryPage()
        self.pages = QStackedWidget()
        for page in (self.file_page, self.mapping, self.preview_page, self.summary_page):
            self.pages.addWidget(page)
        self.back_button, self.next_button, self.cancel_button = (QPushButton() for _i in range(3))
        self.next_button.setDefault(True)
        self._lay_out()
        self.file_page.choose_button.clicked.connect(lambda: self._on_choose_button_clicked())
        self.mapping.changed.connect(self._update_buttons)
        self.preview_page.policy_changed.connect(self._on_preview_policy_changed)
        self.back_button.clicked.connect(self._on_back_button_clicked)
        self.next_button.clicked.connect(self._on_next_button_clicked)
        self.cancel_button.clicked.connect(self.reject)
        self.resize(900, 600)
        self.retranslate_ui()
        if path:
            self.open_file(Path(path))

    def _lay_out(self) -> None:
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.back_button, self.next_button, self.cancel_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Import people from a spreadsheet"))
        self.back_button.setText(_("&Back"))
        self.back_button.setAccessibleName(_("Back to the previous step"))
        self._update_buttons()

    def _update_buttons(self) -> None:
        page = self.pages.currentIndex()
        self.back_button.setVisible(page in (MAPPING, PREVIEW))
        self.next_button.setVisible(page != SUMMARY)
        if page == PREVIEW:
            self.next_button.setText(_("&Import"))
            self.next_button.setAccessibleName(_("Import the people now"))
        else:
            self.next_button.setText(_("&Next"))
            self.next_button.setAccessibleName(_("Go on to the next step"))
        ready = {
            FILE: self.info is not None,
            MAPPING: self.mapping.has_name(),
            PREVIEW: self.plan is not None and _writes_something(self.plan),
        }
        self.next_button.setEnabled(not self.busy and ready.get(page, False))
        self.back_button.setEnabled(not self.busy)
        self.preview_page.policy_box.setEnabled(not self.busy)
        self.cancel_button.setEnabled(not self.busy)
        closing = page == SUMMARY
        self.cancel_button.setText(_("&Close") if closing else _("Cancel"))
        self.cancel_button.setAccessibleName(
            _("Close this window") if closing else _("Cancel the import; nothing is changed")
        )

    def _go(self, page: int) -> None:
        self.pages.setCurrentIndex(page)
        self._update_buttons()
        self.cancel_button.setDefault(page == SUMMARY)
        first = {
            FILE: self.file_page.choose_button,
            MAPPING: self.mapping.combos[0] if self.mapping.combos else self.next_button,
            PREVIEW: self.preview_page.table,
            SUMMARY: self.cancel_button,
        }
        first[page].setFocus()

    # -- closing ------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if not self._asked_for_file:
            self._asked_for_file = True
            QTimer.singleShot(0, lambda: self._on_choose_button_clicked(first=True))

    def reject(self) -> None:
        """Esc and Cancel: close before the import; after it, close saying data changed."""
        if self.busy:
            return
        if self.summary is not None:
            self.accept()
        else:
            super().reject()

    # -- background work ----------------------------------------------------------------------

    def _start(
        self,
        label: str,
        work: Callable[[Any, Any], Any],
        done: Callable[[Any], None],
        *,
        cancellable: bool = False,
    ) -> None:
        """Run ``work(progress, cancelled)`` in the background; ``done`` runs on the GUI thread."""
        self.busy = True
        self._update_buttons()
        self.job = run_job(
            self,
            label,
            work,
            lambda result: self._on_finished(done, result),
            lambda error: self._on_finished(self._on_failed, error),
            cancellable=cancellable,
        )

    def _on_finished(self, handler: Callable[[Any], None], value: Any) -> None:
        self.busy = False
        handler(value)
        self._update_buttons()

    def _on_failed(self, error: BaseException) -> None:
        if isinstance(error, ImportRejected):
            self.info = self.plan = None
            self.file_page.show_problem(str(error))
            self._go(FILE)
            QMessageBox.warning(self, _("This file cannot be imported"), str(error))
        elif isinstance(error, Cancelled):
            QMessageBox.information(self, _("Import cancelled"), str(error))
        else:
            show_error(self, error)

    # -- step 1: the file ---------------------------------------------------------------------

    def _on_choose_button_clicked(self, first: bool = False) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self,
            _("Choose the spreadsheet to import"),
            self._last_folder(),
            _("Spreadsheets (*.csv *.xlsx *.txt)"),
        )
        if chosen:
            self.open_file(Path(chosen))
        elif first and self.info is None:
            self.reject()  # the person changed their mind before anything was chosen

    def _last_folder(self) -> str:
        folder = load_settings(self.data_dir).extra.get(FOLDER_SETTING)
        return (
            str(folder) if isinstance(folder, str) and Path(folder).is_dir() else str(Path.home())
        )

    def _remember_folder(self, path: Path) -> None:
        extra = dict(load_settings(self.data_dir).extra, **{FOLDER_SETTING: str(path.parent)})
        update_settings(self.data_dir, extra=extra)

    def open_file(self, path: Path) -> None:
        """Read ``path`` in the background and show its columns (or say why it cannot be used)."""
        log.info("import: reading a spreadsheet")
        self.path = path
        self.file_page.show_problem("")
        self._start(
            _("Reading {file}…").format(file=path.name),
            lambda _progress, _cancelled: self.importing.inspect(path),
            self._on_inspected,
        )

    def _on_inspected(self, info: TableInfo) -> None:
        self.info, self.plan = info, None
        self.mapping.set_table(info)
        if self.path is not None:
            self._remember_folder(self.path)
        self._go(MAPPING)

    # -- steps 2 and 3: columns and preview ---------------------------------------------------

    def _on_back_button_clicked(self) -> None:
        self._go(FILE if self.pages.currentIndex() == MAPPING else MAPPING)

    def _on_next_button_clicked(self) -> None:
        page = self.pages.currentIndex()
        if page == FILE:
            self._go(MAPPING)
        elif page == MAPPING:
            self.make_preview()
        elif page == PREVIEW:
            self.start_import()

    def make_preview(self) -> None:
        """Work out in the background what importing would do with the chosen columns."""
        if self.path is None or not self.mapping.has_name():
            return
        path, mapping, policy = self.path, self.mapping.mapping(), self.preview_page.policy()
        self._start(
            _("Checking every row of {file}…").format(file=path.name),
            lambda _progress, _cancelled: self.importing.preview(path, mapping, policy),
            self._on_previewed,
        )

    def _on_previewed(self, plan: ImportPlan) -> None:
        self.plan = plan
        self.preview_page.show_plan(plan)
        self._go(PREVIEW)

    def _on_preview_policy_changed(self, _policy: str) -> None:
        if self.pages.currentIndex() == PREVIEW:
            self.make_preview()

    # -- step 4: import -----------------------------------------------------------------------

    def start_import(self) -> None:
        """Import the previewed plan in the background, with a progress bar and Cancel."""
        plan = self.plan
        if plan is None:
            return
        log.info("import: applying a plan of %d rows", len(plan.outcomes))
        self._start(
            _("Importing people from {file}…").format(file=plan.path.name),
            lambda progress, cancelled: self.importing.apply(
                plan, progress=progress, cancelled=cancelled
            ),
            self._on_imported,
            cancellable=True,
        )

    def _on_imported(self, summary: ImportSummary) -> None:
        self.summary = summary
        self.summary_page.show_summary(summary)
        self._go(SUMMARY)


def _writes_something(plan: ImportPlan) -> bool:
    """Whether importing the plan would create or update anyone (else Import is pointless)."""
    return any(o.action in ("create", "update") for o in plan.outcomes)
