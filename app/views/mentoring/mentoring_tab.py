"""The Mentoring tab: pairs of professionals from different organisations, what needs
attention, suggestions for new pairs, and the mentors who offer their time.

Its pages are built the first time the tab is shown, so start-up does not pay for them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QSplitter, QTabWidget, QVBoxLayout, QWidget

from app.i18n import _
from app.services.registry import Services
from app.views.widgets.translatable import Retranslatable

PAIRS, ATTENTION, SUGGESTIONS, MENTORS = range(4)


class MentoringTab(Retranslatable, QWidget):
    """Mentoring pairs (list and the chosen pair's goals and sessions), the pairs that need
    attention, suggested pairs and the mentors.

    Opening a pair from the attention list or proposing a suggested pair brings the pairs page
    forward on that pair; any change refreshes the pages that show it.
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
        from app.views.mentoring.health_view import HealthView
        from app.views.mentoring.mentors_view import MentorsView
        from app.views.mentoring.relationship_list import RelationshipListView
        from app.views.mentoring.relationship_panel import RelationshipPanel
        from app.views.mentoring.suggestions_view import SuggestionsView

        self.pairs = RelationshipListView(self.services)
        self.panel = RelationshipPanel(self.services)
        self.health = HealthView(self.services)
        self.suggestions = SuggestionsView(self.services)
        self.mentors = MentorsView(self.services)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.pairs)
        self.splitter.addWidget(self.panel)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.views = QTabWidget()
        self.views.setDocumentMode(True)
        for page in (self.splitter, self.health, self.suggestions, self.mentors):
            self.views.addTab(page, "")
        self._layout.addWidget(self.views)
        self._connect()
        self.retranslate_ui()

    def _connect(self) -> None:
        self.pairs.relationship_selected.connect(self.panel.show_relationship)
        self.panel.edit_requested.connect(self._on_edit_requested)
        self.panel.changed.connect(self._on_changed)
        self.health.open_relationship.connect(self.open_relationship)
        self.suggestions.propose_requested.connect(self._on_propose_requested)
        self.mentors.changed.connect(self.suggestions.refresh)
        self.views.currentChanged.connect(self._on_page_changed)

    def retranslate_ui(self) -> None:
        if self.views is None:
            return
        self.views.setTabText(PAIRS, _("&Pairs"))
        self.views.setTabText(ATTENTION, _("Needs &attention"))
        self.views.setTabText(SUGGESTIONS, _("Su&ggested pairs"))
        self.views.setTabText(MENTORS, _("M&entors"))
        self.views.setAccessibleName(_("Mentoring"))

    def refresh(self) -> None:
        """Read everything again (after an import, a restore of a backup or a sync)."""
        if self.views is None:
            return
        self.pairs.refresh()
        self.health.refresh()
        self.suggestions.refresh()
        self.mentors.refresh()

    def export_current_list(self) -> None:
        """Export the list on show to a spreadsheet (never with confidential notes)."""
        self.ensure_built()
        page = self.views.currentWidget() if self.views else None
        if page is self.health:
            self.health.export_list()
        elif page is self.mentors:
            self.mentors.export_list()
        else:
            self.pairs.export_list()

    def open_relationship(self, relationship_id: str) -> None:
        """Bring the pairs page forward with ``relationship_id`` chosen."""
        self.ensure_built()
        self.views.setCurrentIndex(PAIRS)
        if self.pairs.select_relationship(relationship_id):
            self.panel.show_relationship(relationship_id)

    def _on_edit_requested(self, relationship_id: str) -> None:
        if self.pairs.edit_relationship(relationship_id):
            self.panel.show_relationship(relationship_id)
            self._on_changed()

    def _on_changed(self) -> None:
        self.pairs.refresh()
        self.health.refresh()
        self.mentors.refresh()

    def _on_propose_requested(self, prefill: object) -> None:
        new_id = self.pairs.new_relationship(prefill)  # type: ignore[arg-type]
        if new_id:
            self.open_relationship(new_id)
            self.health.refresh()
            self.suggestions.refresh()
            self.mentors.refresh()

    def _on_page_changed(self, index: int) -> None:
        if index == ATTENTION:
            self.health.refresh()
