"""The main window: the tabs, the menu (file, sync, language, help), drag and drop of spreadsheets
(imported), PDFs (certificates verified) and catalogue bundles (imported after a dry run)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
)
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QTabWidget

from app import APP_NAME
from app.i18n import LANGUAGES, _, current_language
from app.services.bundles.format import BUNDLE_SUFFIXES
from app.services.export_data import export_all
from app.services.registry import Services
from app.settings import load_settings, update_settings
from app.views.activities_tab import ActivitiesTab
from app.views.catalogue.catalogue_tab import CatalogueTab
from app.views.directory_tab import DirectoryTab
from app.views.errors import show_error
from app.views.language import apply_language
from app.views.mentoring.mentoring_tab import MentoringTab
from app.views.profile_tab import ProfileTab
from app.views.reports.reports_tab import ReportsTab
from app.views.sync.sync_runner import SyncRunner
from app.views.widgets.translatable import Retranslatable
from app.views.workers import run_job

log = logging.getLogger(__name__)

SPREADSHEET_SUFFIXES = {".csv", ".xlsx", ".txt"}
DROPPED_SUFFIXES = SPREADSHEET_SUFFIXES | {".pdf"} | set(BUNDLE_SUFFIXES)


class MainWindow(Retranslatable, QMainWindow):
    """Tejido's window over one data folder. Emits ``closed`` when it closes."""

    closed = Signal()

    def __init__(self, services: Services, switch_folder: Callable[[Path], None] | None = None):
        super().__init__()
        self.services = services
        self._switch_folder = switch_folder
        self._leaving = False  # unsaved changes already settled: closing asks nothing more
        self.background_threads: list = []
        self.setAcceptDrops(True)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.profile_tab = ProfileTab(services)
        self.directory_tab = DirectoryTab(services)
        self.activities_tab = ActivitiesTab(services)
        self.mentoring_tab = MentoringTab(services)
        self.catalogue_tab = CatalogueTab(services)
        self.reports_tab = ReportsTab(services)
        self.tabs.addTab(self.profile_tab, "")
        self.tabs.addTab(self.directory_tab, "")
        self.tabs.addTab(self.activities_tab, "")
        self.tabs.addTab(self.mentoring_tab, "")
        self.tabs.addTab(self.catalogue_tab, "")
        self.tabs.addTab(self.reports_tab, "")
        self.setCentralWidget(self.tabs)
        self.profile_tab.saved.connect(self._update_title)
        self.reports_tab.changed.connect(self.directory_tab.refresh)
        self._build_menu()
        self.retranslate_ui()
        self._restore_state()

    # -- menu -------------------------------------------------------------------------------

    def _build_menu(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.import_action = self._action(self.file_menu, self._on_import_people, "Ctrl+I")
        self.export_list_action = self._action(self.file_menu, self._on_export_list, "Ctrl+E")
        self.export_all_action = self._action(self.file_menu, self._on_export_all)
        self.file_menu.addSeparator()
        self.export_bundle_action = self._action(self.file_menu, self._on_export_bundle)
        self.import_bundle_action = self._action(self.file_menu, lambda: self.import_bundle())
        self.file_menu.addSeparator()
        self.verify_action = self._action(self.file_menu, lambda: self.verify_certificate())
        self.file_menu.addSeparator()
        self.backups_action = self._action(self.file_menu, self._on_backups, "Ctrl+B")
        self.file_menu.addSeparator()
        self.quit_action = self._action(self.file_menu, self.close, QKeySequence.StandardKey.Quit)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.sync = SyncRunner(self)  # the Sync menu, the conflicts badge, automatic passes
        bar.addMenu(self.sync.menu)
        self.language_menu = bar.addMenu("")
        group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code, name in LANGUAGES.items():
            action = QAction(name, self, checkable=True)
            action.setData(code)
            action.triggered.connect(lambda _checked=False, c=code: self._on_language(c))
            group.addAction(action)
            self.language_menu.addAction(action)
            self.language_actions[code] = action
        self.help_menu = bar.addMenu("")
        self.about_action = self._action(self.help_menu, self._on_about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)

    def _action(self, menu, slot, shortcut=None) -> QAction:  # type: ignore[no-untyped-def]
        action = QAction(self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def retranslate_ui(self) -> None:
        self.tabs.setTabText(0, _("Our organisation"))
        self.tabs.setTabText(1, _("Directory"))
        self.tabs.setTabText(2, _("Activities"))
        self.tabs.setTabText(3, _("Mentoring"))
        self.tabs.setTabText(4, _("Catalogue"))
        self.tabs.setTabText(5, _("Reports"))
        self.file_menu.setTitle(_("&File"))
        self.import_action.setText(_("&Import people from a spreadsheet…"))
        self.export_list_action.setText(_("&Export this list…"))
        self.export_all_action.setText(_("Export &all data (JSON)…"))
        self.export_bundle_action.setText(_("Export a &catalogue bundle…"))
        self.import_bundle_action.setText(_("Import a catalo&gue bundle…"))
        self.verify_action.setText(_("&Verify a certificate…"))
        self.backups_action.setText(_("&Backups…"))
        self.quit_action.setText(_("&Quit"))
        self.language_menu.setTitle(_("&Language"))
        self.help_menu.setTitle(_("&Help"))
        self.about_action.setText(_("&About Tejido"))
        self.language_actions[current_language()].setChecked(True)
        self._update_title()

    def _update_title(self) -> None:
        name = self.services.profile.get().name
        title = f"{name} — {APP_NAME}" if name else APP_NAME
        if load_settings(self.services.folder.root).extra.get("demo"):
            title += " " + _("(example data)")
        self.setWindowTitle(title)

    # -- start and close --------------------------------------------------------------------

    def after_show(self) -> None:
        """Work that follows the first paint: the first-run assistant, the daily backup."""
        from app.views.startup import after_first_paint

        after_first_paint(self)
        self.sync.start()

    def _restore_state(self) -> None:
        state = QSettings()
        geometry = state.value("window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1100, 720)
        if self.width() < 800 or self.height() < 560:
            self.resize(max(self.width(), 1100), max(self.height(), 720))
        self.tabs.setCurrentIndex(int(state.value("window/tab", 1)))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        if not self._leaving and not self.may_leave():
            event.ignore()
            return
        self.sync.finish()  # a quick pass sends this laptop's changes
        state = QSettings()
        state.setValue("window/geometry", self.saveGeometry())
        state.setValue("window/tab", self.tabs.currentIndex())
        for thread in self.background_threads:
            thread.join(timeout=60)  # a backup in progress finishes before the data closes
        super().closeEvent(event)
        self.closed.emit()

    def may_leave(self) -> bool:
        """Whether this data folder can be left without losing what was typed.

        Unsaved changes on "Our organisation" are saved or discarded as the person chooses;
        False when they cancel, or when the save is refused (the problem is then shown by its
        field, on the tab).
        """
        if not self.profile_tab.has_unsaved_changes():
            return True
        self.tabs.setCurrentWidget(self.profile_tab)
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(
            self,
            _("Unsaved changes"),
            _(
                "The changes to “Our organisation” are not saved yet. Save them before leaving? "
                "Discard throws them away; Cancel goes back to them."
            ),
            buttons.Save | buttons.Discard | buttons.Cancel,
            buttons.Save,
        )
        if answer == buttons.Save:
            return self.profile_tab.save()
        return answer == buttons.Discard

    # -- actions ----------------------------------------------------------------------------

    def _on_language(self, code: str) -> None:
        apply_language(code)
        update_settings(self.services.folder.root, language=code)

    def _on_import_people(self, path: Path | None = None) -> None:
        from app.views.dialogs.import_dialog import ImportDialog

        dialog = ImportDialog(self.services, self, path=path)
        if dialog.exec():
            self.directory_tab.refresh()

    def _on_export_list(self) -> None:
        current = self.tabs.currentWidget()
        tabs = (self.activities_tab, self.mentoring_tab, self.catalogue_tab, self.reports_tab)
        if current in tabs:
            current.export_current_list()  # type: ignore[attr-defined]
            return
        self.tabs.setCurrentWidget(self.directory_tab)
        self.directory_tab.export_current_list()

    def _on_export_all(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Export all data"), "tejido-export.json", _("JSON files (*.json)")
        )
        if not path:
            return
        target = Path(path)

        def done(counts: dict[str, int]) -> None:
            QMessageBox.information(
                self,
                _("Export all data"),
                _("All data was exported to {path}.").format(path=target),
            )

        run_job(
            self,
            _("Exporting all data…"),
            lambda progress, _cancelled: export_all(self.services.db, target, progress),
            done,
            cancellable=False,
        )

    def _on_export_bundle(self) -> None:
        from app.views.catalogue.bundle_export_dialog import BundleExportDialog

        on_catalogue = self.tabs.currentWidget() is self.catalogue_tab
        selected = self.catalogue_tab.selected_practice_ids() if on_catalogue else []
        BundleExportDialog(self.services, self, practice_ids=selected or None).exec()

    def import_bundle(self, path: Path | None = None) -> None:
        """Open the import of a catalogue bundle (of the file at ``path``, if given); the
        catalogue is read again when something was imported."""
        from app.views.catalogue.bundle_import_dialog import BundleImportDialog

        if BundleImportDialog(self.services, path, self).exec():
            self.catalogue_tab.refresh()
            self.tabs.setCurrentWidget(self.catalogue_tab)

    def _on_backups(self) -> None:
        from app.views.dialogs.backups_dialog import BackupsDialog

        dialog = BackupsDialog(self.services, self)
        dialog.exec()
        if dialog.restored is not None:  # otherwise the forms keep what is being typed
            self.refresh_all()

    def _on_about(self) -> None:
        from app.views.dialogs.about_dialog import AboutDialog

        AboutDialog(self.services, self).exec()

    def verify_certificate(self, path: Path | None = None) -> None:
        """Open the verification of a certificate (of the PDF at ``path``, if given)."""
        from app.views.dialogs.verify_dialog import VerifyDialog

        VerifyDialog(self.services, self, path=path).exec()

    def refresh_all(self) -> None:
        """Read everything again (after a restore or an import)."""
        self.profile_tab.refresh()
        self.directory_tab.refresh()
        self.activities_tab.refresh()
        self.mentoring_tab.refresh()
        self.catalogue_tab.refresh()
        self.reports_tab.refresh()
        self._update_title()

    def switch_folder(self, path: Path) -> None:
        """Close this data folder and open ``path``, unless unsaved changes keep the person here."""
        if self._switch_folder is None or not self.may_leave():
            return
        self._leaving = True
        try:
            self._switch_folder(path)
        finally:
            self._leaving = False

    # -- drag and drop ----------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt's name)
        if _dropped_file(event, DROPPED_SUFFIXES) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt's name)
        pdf = _dropped_file(event, {".pdf"})
        if pdf is not None:
            event.acceptProposedAction()
            self.verify_certificate(pdf)
            return
        bundle = _dropped_file(event, set(BUNDLE_SUFFIXES))
        if bundle is not None:
            event.acceptProposedAction()
            self.import_bundle(bundle)
            return
        path = _dropped_file(event, SPREADSHEET_SUFFIXES)
        if path is not None:
            event.acceptProposedAction()
            try:
                on_activities = self.tabs.currentWidget() is self.activities_tab
                if not (on_activities and self.activities_tab.import_attendance(path)):
                    self._on_import_people(path)
            except Exception as error:  # noqa: BLE001 - shown to the person, not swallowed
                show_error(self, error)


def _dropped_file(event: QDragEnterEvent | QDropEvent, suffixes: set[str]) -> Path | None:
    urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
    if len(urls) == 1 and urls[0].isLocalFile():
        path = Path(urls[0].toLocalFile())
        if path.suffix.lower() in suffixes:
            return path
    return None
