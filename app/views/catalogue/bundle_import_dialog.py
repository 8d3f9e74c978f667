"""Importing a catalogue bundle: choose the file, read the dry run, decide, import in one go.

Reading the file (every check against a hostile file) and applying the plan run in the
background through :func:`app.views.workers.run_job`. Nothing is written before "Import"; a
refused file shows its reason and changes nothing; closing before the import forgets the file.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, QTimer
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
from app.services.registry import Services
from app.views.catalogue.bundle_import_pages import BundleDonePage, BundleFilePage, BundlePlanPage
from app.views.errors import show_error
from app.views.widgets.translatable import Retranslatable
from app.views.workers import Job, Work, run_job
from app.views.your_name import your_name

log = logging.getLogger(__name__)

FILE, PLAN, DONE = range(3)
FOLDER_KEY = "folders/bundles"


class BundleImportDialog(Retranslatable, QDialog):
    """Import a catalogue bundle: the file, the dry-run report with choices, the result.

    ``exec()`` returns true when the import was made (the caller reads the catalogue again).
    ``plan`` and ``imported`` hold what the service gave; ``job`` is the background work running
    or last run.
    """

    def __init__(self, services: Services, path: Path | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.bundles = services.bundles
        self.path: Path | None = None
        self.plan: Any = None
        self.imported: Any = None
        self.job: Job | None = None
        self.busy = False
        self._asked_for_file = path is not None
        self.file_page, self.plan_page, self.done_page = (
            BundleFilePage(),
            BundlePlanPage(),
            BundleDonePage(),
        )
        self.pages = QStackedWidget()
        for page in (self.file_page, self.plan_page, self.done_page):
            self.pages.addWidget(page)
        self.import_button, self.close_button = QPushButton(), QPushButton()
        self.import_button.setDefault(True)
        self._lay_out()
        self.file_page.choose_button.clicked.connect(lambda: self._on_choose_button_clicked())
        self.plan_page.model.dataChanged.connect(lambda *_args: self._update_buttons())
        self.import_button.clicked.connect(self.start_import)
        self.close_button.clicked.connect(self.reject)
        self.resize(960, 620)
        self.retranslate_ui()
        if path is not None:
            self.open_file(Path(path))

    def _lay_out(self) -> None:
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.import_button, self.close_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Import a catalogue bundle"))
        self.import_button.setText(_("&Import"))
        self.import_button.setAccessibleName(_("Import the practices now, with your choices"))
        self._update_buttons()

    def _update_buttons(self) -> None:
        page = self.pages.currentIndex()
        writes = self.plan is not None and self.plan.writes(self.plan_page.choices())
        self.plan_page.update_nothing(writes)
        self.import_button.setVisible(page == PLAN)
        self.import_button.setEnabled(page == PLAN and writes and not self.busy)
        self.close_button.setEnabled(not self.busy)
        done = page == DONE
        self.close_button.setText(_("&Close") if done else _("Cancel"))
        self.close_button.setAccessibleName(
            _("Close this window") if done else _("Cancel the import; nothing is changed")
        )

    def _go(self, page: int) -> None:
        self.pages.setCurrentIndex(page)
        self._update_buttons()
        self.close_button.setDefault(page == DONE)
        first = {
            FILE: self.file_page.choose_button,
            PLAN: self.plan_page.table,
            DONE: self.close_button,
        }
        first[page].setFocus()

    # -- opening and closing ------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if not self._asked_for_file:
            self._asked_for_file = True
            QTimer.singleShot(0, lambda: self._on_choose_button_clicked(first=True))

    def reject(self) -> None:
        """Esc and Cancel: before the import, forget the file; after it, close as accepted."""
        if self.busy:
            return
        if self.imported is not None:
            self.accept()
            return
        self._discard()
        super().reject()

    def _discard(self) -> None:
        if self.plan is not None:
            self.bundles.discard()
            self.plan = None

    # -- background work ----------------------------------------------------------------------

    def _start(
        self, label: str, work: Work, done: Callable[[Any], None], *, cancellable: bool = False
    ) -> None:
        """Run ``work(progress, cancelled)`` in the background; ``done`` runs on the GUI thread
        with its result."""
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
            self.plan = None
            self.file_page.show_problem(str(error))
            self._go(FILE)
            QMessageBox.warning(self, _("This file cannot be imported"), str(error))
        elif isinstance(error, Cancelled):
            QMessageBox.information(self, _("Import cancelled"), str(error))
        else:
            show_error(self, error)

    # -- step 1: the file and its dry run -----------------------------------------------------

    def _on_choose_button_clicked(self, first: bool = False) -> None:
        folder = str(QSettings().value(FOLDER_KEY, str(Path.home())))
        chosen, _filter = QFileDialog.getOpenFileName(
            self,
            _("Choose the catalogue bundle to import"),
            folder,
            _("Catalogue bundles (*.tejido *.zip)"),
        )
        if chosen:
            self.open_file(Path(chosen))
        elif first and self.plan is None:
            self.reject()  # the person changed their mind before anything was chosen

    def open_file(self, path: Path) -> None:
        """Read and check ``path`` in the background, then show what importing it would do."""
        log.info("bundle import: reading a bundle")
        self._discard()
        self.path = path
        self.file_page.show_problem("")
        QSettings().setValue(FOLDER_KEY, str(path.parent))
        self._start(
            _("Checking {file}…").format(file=path.name),
            lambda _progress, _cancelled: self.bundles.inspect(path),
            self._on_inspected,
        )

    def _on_inspected(self, plan: Any) -> None:
        self.plan = plan
        self.plan_page.show_plan(plan)
        self._go(PLAN)

    # -- step 2: the import -------------------------------------------------------------------

    def start_import(self) -> None:
        """Apply the plan with the choices made, in one transaction, in the background."""
        plan = self.plan
        if plan is None or self.busy:
            return
        choices = self.plan_page.choices()
        log.info("bundle import: applying a plan of %d practices", len(plan.items))
        self._start(
            _("Importing the practices…"),
            lambda progress, cancelled: self.bundles.apply(
                plan, choices, your_name(), progress, cancelled
            ),
            self._on_imported,
            cancellable=True,
        )

    def _on_imported(self, result: Any) -> None:
        self.imported = result
        self.plan = None  # applied: nothing left to discard
        self.done_page.show_result(result)
        self._go(DONE)
