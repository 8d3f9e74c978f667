"""The Catalogue tab: good practices by area of action, searched as you type, each read in full
beside the list with its attachments, adoptions and provenance.

Its parts are built the first time the tab is shown, so start-up does not pay for them.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from app.i18n import _
from app.services.registry import Services
from app.views.widgets.translatable import Retranslatable

log = logging.getLogger(__name__)


class CatalogueTab(Retranslatable, QWidget):
    """Areas of action with their counts (left), the practices matching the search and the
    filters (middle) and the chosen practice in full (right).

    The counts beside the areas follow the search and the other filters; choosing an area
    narrows the list. Saving, hiding, trashing a practice or changing its adoptions or the
    areas refreshes what shows it and emits ``changed()``.
    """

    changed = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.splitter: QSplitter | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        self.ensure_built()
        super().showEvent(event)

    def ensure_built(self) -> None:
        """Build the areas, the list and the panel (once)."""
        if self.splitter is not None:
            return
        from app.views.catalogue.area_panel import AreaPanel
        from app.views.catalogue.practice_list import PracticeListView
        from app.views.catalogue.practice_panel import PracticePanel

        self.areas = AreaPanel()
        self.practices = PracticeListView(self.services)
        self.panel = PracticePanel(self.services)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        for number, (widget, stretch) in enumerate(
            ((self.areas, 0), (self.practices, 3), (self.panel, 2))
        ):
            self.splitter.addWidget(widget)
            self.splitter.setStretchFactor(number, stretch)
        self.splitter.setSizes([210, 640, 430])
        self._layout.addWidget(self.splitter)
        self.areas.area_chosen.connect(self._on_areas_area_chosen)
        self.areas.edit_requested.connect(self.edit_areas)
        self.practices.model.modelReset.connect(self._update_areas)
        self.practices.practice_selected.connect(self.panel.show_practice)
        self.practices.changed.connect(self._on_practices_changed)
        self.panel.edit_requested.connect(self._on_panel_edit_requested)
        self.panel.changed.connect(self.changed)
        self._update_areas()
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        if self.splitter is None:
            return
        self.splitter.setAccessibleName(_("Catalogue of good practices"))

    # -- what the main window asks ----------------------------------------------------------------

    def refresh(self) -> None:
        """Read everything again (after an import, a restore of a backup or a sync)."""
        if self.splitter is None:
            return
        self.practices.refresh()
        self.panel.refresh()

    def export_current_list(self) -> None:
        """Export the list as searched and filtered to a spreadsheet."""
        self.ensure_built()
        self.practices.export_list()

    def focus_search(self) -> None:
        """Put the cursor in the search box (Ctrl+F)."""
        self.ensure_built()
        self.practices.focus_search()

    def new_practice(self) -> str | None:
        """Open the form of a new practice; returns its id once saved."""
        self.ensure_built()
        return self.practices.new_practice()

    def show_practice(self, practice_id: str) -> bool:
        """Select ``practice_id`` and show it, whatever the search hides; ``False`` for one
        removed or in the trash."""
        self.ensure_built()
        return self.practices.select_practice(practice_id)

    def selected_practice_ids(self) -> list[str]:
        """The ids of the practices selected in the list (for a bundle of the selection)."""
        return self.practices.selected_ids() if self.splitter is not None else []

    def edit_areas(self) -> None:
        """Open the editor of the areas of action; the lists follow what it changed."""
        from app.views.catalogue.areas_dialog import AreasDialog

        dialog = AreasDialog(self.services, self)
        dialog.changed.connect(self._update_areas)  # the side panel follows while it is open
        dialog.exec()
        if dialog.modified:
            self.refresh()
            self.changed.emit()

    # -- slots ----------------------------------------------------------------------------------

    def _update_areas(self) -> None:
        """The counts per area for the search and the filters on show (every area)."""
        model = self.practices.model
        every_area = replace(model.current_filters(), area_id="")
        counts = self.services.catalogue.area_counts(model.state.query, every_area)
        self.areas.set_counts(counts, chosen=self.practices.area_key)

    def _on_areas_area_chosen(self, key: str) -> None:
        self.practices.set_area(key, self.areas.chosen_name())

    def _on_practices_changed(self) -> None:
        self.panel.refresh()
        self.changed.emit()

    def _on_panel_edit_requested(self, practice_id: str) -> None:
        if self.practices.edit_practice(practice_id):
            self.panel.show_practice(practice_id)
