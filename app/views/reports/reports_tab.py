"""The Reports tab: the indicators funders ask for, the dashboard of charts, the network map of
organisations, and the collaborative projects and cascades that feed them.

The tab is built the first time it is shown, and each page the first time it is opened, so
start-up (and a person who never opens a report) does not pay for them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QMessageBox, QTabWidget, QVBoxLayout, QWidget

from app.i18n import _
from app.services.registry import Services
from app.views.widgets.translatable import Retranslatable

log = logging.getLogger(__name__)

REPORT, DASHBOARD, NETWORK, PROJECTS, CASCADES = range(5)
PAGES = (REPORT, DASHBOARD, NETWORK, PROJECTS, CASCADES)


def _report_page(services: Services) -> QWidget:
    from app.views.reports.report_view import ReportView

    return ReportView(services)


def _dashboard_page(services: Services) -> QWidget:
    from app.views.reports.dashboard_view import DashboardView

    return DashboardView(services)


def _network_page(services: Services) -> QWidget:
    from app.views.reports.network_view import NetworkView

    return NetworkView(services)


def _projects_page(services: Services) -> QWidget:
    from app.views.reports.projects_view import ProjectsView

    return ProjectsView(services)


def _cascades_page(services: Services) -> QWidget:
    from app.views.reports.cascades_view import CascadesView

    return CascadesView(services)


# Each page's module is imported only when the page is first opened.
BUILDERS: dict[int, Callable[[Services], QWidget]] = {
    REPORT: _report_page,
    DASHBOARD: _dashboard_page,
    NETWORK: _network_page,
    PROJECTS: _projects_page,
    CASCADES: _cascades_page,
}


class ReportsTab(Retranslatable, QWidget):
    """Reports for funders (a period's indicators, exported to XLSX or PDF), the dashboard,
    the network map, and the lists of collaborative projects and cascades.

    A project or cascade added, changed or trashed (or an organisation changed from the map)
    makes the other built pages read again the next time they are shown, not before: a report
    is only worked out when someone looks at it. ``changed`` is emitted then, so other tabs
    (the directory, where a project may have added an organisation) can read again.
    """

    changed = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.views: QTabWidget | None = None
        self.pages: dict[int, QWidget] = {}
        self._holders: dict[int, QWidget] = {}
        self._stale: set[int] = set()
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        self.ensure_built()
        super().showEvent(event)

    def ensure_built(self) -> None:
        """Build the tab's own tabs (once) and the page on show; the others wait their turn."""
        if self.views is not None:
            return
        self.views = QTabWidget()
        self.views.setDocumentMode(True)
        for index in PAGES:
            self._holders[index] = _holder()
            self.views.addTab(self._holders[index], "")
        self._layout.addWidget(self.views)
        self.retranslate_ui()
        self.page(self.views.currentIndex())
        self.views.currentChanged.connect(self._on_page_changed)
        log.info("reports tab built")

    def page(self, index: int) -> QWidget:
        """The page at ``index`` of the tab's own tabs, built now if it was not yet."""
        self.ensure_built()
        if index not in self.pages:
            page = BUILDERS[index](self.services)
            self.pages[index] = page
            self._holders[index].layout().addWidget(page)
            changed = getattr(page, "changed", None)  # pages where records are edited
            if changed is not None:
                changed.connect(lambda i=index: self._on_data_changed(i))
            log.info("reports page %d built", index)
        return self.pages[index]

    def show_page(self, index: int) -> QWidget:
        """Bring the page at ``index`` forward (building it if needed) and return it."""
        self.ensure_built()
        assert self.views is not None
        self.views.setCurrentIndex(index)
        return self.page(index)

    def retranslate_ui(self) -> None:
        if self.views is None:
            return
        # Letters no page, menu or list button uses (Alt+letter brings the page forward).
        self.views.setTabText(REPORT, _("Rep&ort"))
        self.views.setTabText(DASHBOARD, _("Dash&board"))
        self.views.setTabText(NETWORK, _("Networ&k map"))
        self.views.setTabText(PROJECTS, _("Collaborative pro&jects"))
        self.views.setTabText(CASCADES, _("&Cascades"))
        self.views.setAccessibleName(_("Reports"))

    def refresh(self) -> None:
        """Read everything again (after an import, a restore of a backup or a sync): the page
        on show now, the other built pages when they are next shown."""
        if self.views is None:
            return
        current = self.views.currentIndex()
        self._stale.update(index for index in self.pages if index != current)
        self._refresh_page(current)

    def export_current_list(self) -> None:
        """Export the list on show to a spreadsheet (on the Report page, the report's tables
        to a workbook); a page without a list says where to go."""
        self.ensure_built()
        assert self.views is not None
        page = self.page(self.views.currentIndex())
        export = getattr(page, "export_list", None) or getattr(page, "export_xlsx", None)
        if callable(export):
            export()
            return
        QMessageBox.information(
            self,
            _("Export this list"),
            _(
                "This page has no list to export. Save its charts as a picture here, or export "
                "the figures to a workbook from the Report page."
            ),
        )

    def _refresh_page(self, index: int) -> None:
        self._stale.discard(index)
        page = self.pages.get(index)
        refresh = getattr(page, "refresh", None)
        if callable(refresh):
            refresh()

    def _on_data_changed(self, changed: int) -> None:
        """Records changed on one page: the others read again when they are next shown."""
        self._stale.update(index for index in self.pages if index != changed)
        self.changed.emit()

    def _on_page_changed(self, index: int) -> None:
        if index < 0:
            return
        built = index in self.pages
        self.page(index)
        if built and index in self._stale:
            self._refresh_page(index)


def _holder() -> QWidget:
    """An empty page whose view is built the first time it is shown."""
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    return holder
