"""The Mentoring tab: pairs of professionals from different organisations, what needs
attention, suggestions for new pairs, and the mentors who offer their time.

Its pages are built the first time the tab is shown, so start-up does not pay for them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QSplitter, QTabWidget, QVBoxLayout, QWidget

from app.i18n import _
from app.services.registry import Services
from app.views.widgets.translatable import Retranslatable

if TYPE_CHECKING:
    from app.views.mentoring.health_view import HealthView
    from app.views.mentoring.mentors_view import MentorsView
    from app.views.mentoring.suggestions_view import SuggestionsView

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
        """Build the pairs page (once); the other pages are built when first shown."""
        if self.views is not None:
            return
        from app.views.mentoring.relationship_list import RelationshipListView
        from app.views.mentoring.relationship_panel import RelationshipPanel

        self.pairs = RelationshipListView(self.services)
        self.panel = RelationshipPanel(self.services)
        self.health: HealthView | None = None
        self.suggestions: SuggestionsView | None = None
        self.mentors: MentorsView | None = None
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.pairs)
        self.splitter.addWidget(self.panel)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.views = QTabWidget()
        self.views.setDocumentMode(True)
        self.views.addTab(self.splitter, "")
        self._holders = {index: _holder() for index in (ATTENTION, SUGGESTIONS, MENTORS)}
        for index in (ATTENTION, SUGGESTIONS, MENTORS):
            self.views.addTab(self._holders[index], "")
        self._layout.addWidget(self.views)
        self.pairs.relationship_selected.connect(self.panel.show_relationship)
        self.panel.edit_requested.connect(self._on_edit_requested)
        self.panel.changed.connect(self._on_changed)
        self.views.currentChanged.connect(self._on_page_changed)
        self.retranslate_ui()

    def page(self, index: int) -> QWidget:
        """The page at ``index`` of the tab's own tabs, built now if it was not yet."""
        self.ensure_built()
        if index == PAIRS:
            return self.splitter
        built = {ATTENTION: self.health, SUGGESTIONS: self.suggestions, MENTORS: self.mentors}
        if built[index] is None:
            self._build_page(index)
        return self._holders[index].layout().itemAt(0).widget()

    def _build_page(self, index: int) -> None:
        from app.views.mentoring.health_view import HealthView
        from app.views.mentoring.mentors_view import MentorsView
        from app.views.mentoring.suggestions_view import SuggestionsView

        if index == ATTENTION:
            self.health = page = HealthView(self.services)
            page.open_relationship.connect(self.open_relationship)
        elif index == SUGGESTIONS:
            self.suggestions = page = SuggestionsView(self.services)
            page.propose_requested.connect(self._on_propose_requested)
        else:
            self.mentors = page = MentorsView(self.services)
            page.changed.connect(lambda: self._refresh_built(SUGGESTIONS))
        self._holders[index].layout().addWidget(page)

    def _refresh_built(self, *indexes: int) -> None:
        """Refresh the pages among ``indexes`` that were built (the others read when shown)."""
        pages = {PAIRS: self.pairs, ATTENTION: self.health, SUGGESTIONS: self.suggestions}
        pages[MENTORS] = self.mentors
        for index in indexes:
            if pages[index] is not None:
                pages[index].refresh()

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
        self._refresh_built(PAIRS, ATTENTION, SUGGESTIONS, MENTORS)

    def export_current_list(self) -> None:
        """Export the list on show to a spreadsheet (never with confidential notes)."""
        self.ensure_built()
        index = self.views.currentIndex()
        if index in (ATTENTION, MENTORS):
            self.page(index).export_list()  # type: ignore[attr-defined]
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
        self._refresh_built(PAIRS, ATTENTION, MENTORS)

    def _on_propose_requested(self, prefill: object) -> None:
        new_id = self.pairs.new_relationship(prefill)  # type: ignore[arg-type]
        if new_id:
            self.open_relationship(new_id)
            self._refresh_built(ATTENTION, SUGGESTIONS, MENTORS)

    def _on_page_changed(self, index: int) -> None:
        if index == PAIRS:
            return
        fresh = {ATTENTION: self.health, SUGGESTIONS: self.suggestions, MENTORS: self.mentors}
        page = self.page(index)
        if index == ATTENTION and fresh[index] is not None:
            page.refresh()  # type: ignore[attr-defined]  (the days go by: check again)


def _holder() -> QWidget:
    """An empty page whose view is built the first time it is shown."""
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    return holder
