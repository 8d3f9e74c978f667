"""The Activities tab: forum meetings and training capsules with their sessions and people,
the demands of organisations, and the history of attendance.

Its pages are built the first time the tab is shown, so opening Tejido on the directory costs
nothing for them.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QSplitter, QTabWidget, QVBoxLayout, QWidget

from app.i18n import _
from app.services.registry import Services
from app.views.widgets.translatable import Retranslatable


class ActivitiesTab(Retranslatable, QWidget):
    """Activities (list and the chosen one's details), demands, the attendance history and the
    certificate register.

    A demand turned into an activity opens the new activity's form; saving an activity, taking
    attendance or importing it refreshes what shows it.
    """

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.views: QTabWidget | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        self.ensure_built()
        super().showEvent(event)

    def ensure_built(self) -> None:
        """Build the pages (once)."""
        if self.views is not None:
            return
        from app.views.activity_list import ActivityListView
        from app.views.activity_panel import ActivityPanel
        from app.views.attendance_history_view import AttendanceHistoryView
        from app.views.certificate_register_view import CertificateRegisterView
        from app.views.demands_view import DemandsView

        self.activity_list = ActivityListView(self.services)
        self.panel = ActivityPanel(self.services)
        self.demands = DemandsView(self.services)
        self.history = AttendanceHistoryView(self.services)
        self.certificates = CertificateRegisterView(self.services)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.activity_list)
        self.splitter.addWidget(self.panel)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.views = QTabWidget()
        self.views.setDocumentMode(True)
        self.views.addTab(self.splitter, "")
        self.views.addTab(self.demands, "")
        self.views.addTab(self.history, "")
        self.views.addTab(self.certificates, "")
        self._layout.addWidget(self.views)
        self.activity_list.activity_selected.connect(self.panel.show_activity)
        self.panel.edit_requested.connect(self._on_panel_edit_requested)
        self.panel.changed.connect(self._on_panel_changed)
        self.demands.create_activity_requested.connect(self._on_create_activity_requested)
        self.views.currentChanged.connect(self._on_views_current_changed)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        if self.views is None:
            return
        self.views.setTabText(0, _("&Activities"))
        self.views.setTabText(1, _("De&mands"))
        self.views.setTabText(2, _("Attendance &history"))
        self.views.setTabText(3, _("Ce&rtificates"))
        self.views.setAccessibleName(_("Activities"))

    def refresh(self) -> None:
        """Read everything again (after an import, a restore of a backup or a sync)."""
        if self.views is None:
            return
        self.activity_list.refresh()
        self.demands.refresh()
        self.history.refresh()
        self.certificates.refresh()

    def export_current_list(self) -> None:
        """Export the list on show (activities or the history) to a spreadsheet."""
        self.ensure_built()
        page = self.views.currentWidget() if self.views else None
        if page is self.history:
            self.history.export_list()
        elif page is self.certificates:
            self.certificates.export_list()
        elif page is self.demands:
            self.demands.export_list()
        else:
            self.activity_list.export_list()

    def import_attendance(self, path: Path) -> bool:
        """Import ``path`` as attendance of the activity on show; False when none is chosen."""
        activity_id = self.panel.activity_id() if self.views is not None else None
        if not activity_id:
            return False
        from app.views.dialogs.attendance_import_dialog import AttendanceImportDialog

        if AttendanceImportDialog(self.services, activity_id, self, path=path).exec():
            self.panel.show_activity(activity_id)
            self.activity_list.refresh()
            self.history.refresh()
        return True

    def _on_panel_edit_requested(self, activity_id: str) -> None:
        if self.activity_list.edit_activity(activity_id):
            self.panel.show_activity(activity_id)

    def _on_panel_changed(self) -> None:
        self.activity_list.refresh()

    def _on_create_activity_requested(self, prefill: object) -> None:
        self.views.setCurrentIndex(0)
        activity_id = self.activity_list.new_activity(prefill)
        if activity_id:
            self.demands.refresh()

    def _on_views_current_changed(self, index: int) -> None:
        page = self.views.widget(index) if self.views else None
        if page is self.history:
            self.history.refresh()
        elif page is self.demands:
            self.demands.refresh()
        elif page is self.certificates:
            self.certificates.refresh()
