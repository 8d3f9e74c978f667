"""The Backups window: see the backups, make one now, restore one, save a copy, extra copy folder.

Every piece of work on the database file (back up, restore, save a copy) runs through
:func:`app.views.workers.run_job` without a cancel button: each is all-or-nothing, and a restore
must not be stopped half-way. The window itself only reads the list of files and the settings.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from app.services.backups import BackupInfo, RestoreResult
from app.services.registry import Services
from app.views.backups_table_model import BackupsTableModel
from app.views.dialogs.backup_copy_folder import CopyFolderBox
from app.views.dialogs.restore_words import (
    confirm_restore,
    restored_report,
    words_for_backup,
    words_for_file,
)
from app.views.errors import show_error
from app.views.widgets.paragraph import paragraph
from app.views.widgets.translatable import Retranslatable
from app.views.workers import Job, run_job

log = logging.getLogger(__name__)


class BackupsDialog(Retranslatable, QDialog):
    """The backups of this data folder, newest first, and what can be done with them.

    ``restored`` holds the result of a restore made here (the caller then reads everything
    again); ``job`` is the background work running or last run.
    """

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.backups = services.backups
        self.backups_folder = services.folder.backups
        self.restored: RestoreResult | None = None
        self.job: Job | None = None
        self.busy = False
        self.intro = paragraph(selectable=True)
        self.model = BackupsTableModel(self)
        self.table = self._table()
        self.backup_now_button = self._button(self._on_backup_now_clicked)
        self.restore_button = self._button(self._on_restore_clicked)
        self.restore_file_button = self._button(self._on_restore_file_clicked)
        self.save_copy_button = self._button(self._on_save_copy_clicked)
        self.show_folder_button = self._button(self._on_show_folder_clicked)
        self.copy_box = CopyFolderBox(self.backups)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)  # Esc closes too
        self._lay_out()
        self.resize(760, 540)
        self.retranslate_ui()
        self.refresh()

    def _table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setCornerButtonEnabled(False)
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        table.selectionModel().selectionChanged.connect(self._update_buttons)
        return table

    def _button(self, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton()
        button.setAutoDefault(False)  # Enter in the list must not start a backup or a restore
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def _lay_out(self) -> None:
        actions = QHBoxLayout()
        for button in (self.backup_now_button, self.restore_button, self.restore_file_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.save_copy_button)
        actions.addWidget(self.show_folder_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        layout.addWidget(self.copy_box)
        layout.addWidget(self.buttons)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Backups"))
        self.intro.setText(
            _(
                "Tejido backs up your data automatically once a day, and before every upgrade, "
                "import, merge of duplicates and restore. It keeps one backup a day for a week, "
                "one a week for a month and one a month for a year. Backups hold personal data: "
                "keep any copy you take out of this computer somewhere safe."
            )
        )
        names = (
            (self.backup_now_button, _("Back up &now"), _("Make a backup of your data now")),
            (self.restore_button, _("&Restore…"), _("Restore the selected backup")),
            (self.restore_file_button, _("Restore from a &file…"), _("Restore a backup file")),
            (self.save_copy_button, _("&Save a copy…"), _("Save a copy of your data to a file")),
            (self.show_folder_button, _("Show &folder"), _("Open the backups folder")),
        )
        for button, text, accessible in names:
            button.setText(text)
            button.setAccessibleName(accessible)
        self.restore_file_button.setToolTip(_("A backup kept elsewhere, such as on a USB stick"))
        self.intro.setAccessibleName(_("About backups"))
        self.table.setAccessibleName(_("Backups, newest first"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName(_("Close"))
        self.model.retranslate()
        self.copy_box.retranslate_ui()

    # -- what is shown ------------------------------------------------------------------------

    def refresh(self, select: Path | None = None) -> None:
        """Read the list of backups again and select ``select`` (or else the newest)."""
        self.model.set_rows(self.backups.list())
        row = self.model.row_of(select) if select is not None else None
        if row is None and self.model.rowCount():
            row = 0
        if row is not None:
            self.table.selectRow(row)
        self._update_buttons()

    def selected_backup(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.backup(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        for widget in (self.backup_now_button, self.restore_file_button, self.save_copy_button):
            widget.setEnabled(not self.busy)
        for widget in (self.copy_box, close):
            widget.setEnabled(not self.busy)
        self.restore_button.setEnabled(not self.busy and self.selected_backup() is not None)

    def reject(self) -> None:
        """Close, unless work is running (the main window must not read half-restored data)."""
        if not self.busy:
            super().reject()

    def _tell(self, title: str, *paragraphs: str, warn: bool = False) -> None:
        (QMessageBox.warning if warn else QMessageBox.information)(
            self, title, "\n\n".join(paragraphs)
        )

    # -- background work ----------------------------------------------------------------------

    def _start(self, label: str, work: Callable[[], Any], done: Callable[[Any], None]) -> None:
        """Run ``work`` in the background; ``done`` (or the error) is handled on the GUI thread.

        :func:`run_job` calls back on the GUI thread, so the handlers may touch widgets.
        """
        self.busy = True
        self._update_buttons()
        self.job = run_job(
            self,
            label,
            lambda _progress, _cancelled: work(),
            lambda result: self._on_job_finished(done, result),
            lambda error: self._on_job_finished(self._on_failed, error),
            cancellable=False,
        )

    def _on_job_finished(self, handler: Callable[[Any], None], value: Any) -> None:
        self.busy = False
        self._update_buttons()
        handler(value)

    def _on_failed(self, error: BaseException) -> None:
        self.refresh()  # a restore may have made its safety backup before the problem
        show_error(self, error)

    # -- back up, save a copy, show the folder --------------------------------------------------

    def _on_backup_now_clicked(self) -> None:
        self._start(_("Backing up your data…"), self.backups.make_now, self._on_backup_made)

    def _on_backup_made(self, made: BackupInfo) -> None:
        self.refresh(select=made.path)
        done = _("The backup was made: {path}").format(path=made.path)
        if made.copy_problem:
            self._tell(_("Back up now"), done, made.copy_problem, warn=True)
        elif made.copy_path is not None:
            also = _("A copy is also in {path}").format(path=made.copy_path)
            self._tell(_("Back up now"), done, also)
        else:
            self._tell(_("Back up now"), done)

    def _on_save_copy_clicked(self) -> None:
        suggested = Path.home() / f"tejido-{date.today():%Y-%m-%d}.db"
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            _("Save a copy of your data"),
            str(suggested),
            _("Tejido backups (*.db)"),
            options=QFileDialog.Option.DontConfirmOverwrite,  # the service never overwrites
        )
        if chosen:
            target = Path(chosen) if Path(chosen).suffix else Path(chosen).with_suffix(".db")
            self._start(
                _("Saving a copy of your data…"),
                lambda: self.backups.save_copy(target),
                self._on_copy_saved,
            )

    def _on_copy_saved(self, saved: BackupInfo) -> None:
        self._tell(
            _("Save a copy"),
            _("A copy of your data was saved in {path}").format(path=saved.path),
            _(
                "It holds personal data: keep it somewhere safe. To use it, choose “Restore "
                "from a file…”."
            ),
        )

    def _on_show_folder_clicked(self) -> None:
        folder = self.backups_folder
        if not folder.is_dir():
            self._tell(
                _("Backups"), _("No backup has been made yet, so there is no backups folder yet.")
            )
        elif not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            log.warning("the backups folder could not be opened in the file manager")
            self._tell(
                _("Backups"),
                _(
                    "The folder could not be opened here. Open {folder} from your file manager."
                ).format(folder=folder),
            )

    # -- restore ------------------------------------------------------------------------------

    def _on_restore_clicked(self) -> None:
        chosen = self.selected_backup()
        if chosen is None:
            return
        words = words_for_backup(chosen.made_at)
        if confirm_restore(self, words):
            self._restore(chosen.path, words.done)

    def _on_restore_file_clicked(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self,
            _("Restore from a file"),
            str(Path.home()),
            _("Tejido backups (*.db)") + ";;" + _("All files (*)"),
        )
        if not chosen:
            return
        words = words_for_file(Path(chosen))
        if confirm_restore(self, words):
            self._restore(Path(chosen), words.done)

    def _restore(self, path: Path, done: str) -> None:
        log.info("restore started from the Backups window")
        self._start(
            _("Restoring the backup… Please wait and do not close Tejido."),
            lambda: self.backups.restore(path),
            lambda result: self._on_restored(result, done),
        )

    def _on_restored(self, result: RestoreResult, done: str) -> None:
        self.restored = result
        self.refresh(select=result.safety.path if result.safety else None)
        self._tell(_("Restore a backup"), *restored_report(result, done))
