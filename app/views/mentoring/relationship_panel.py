"""The panel beside the mentoring pairs list: the chosen pair in full, with its pages (overview,
goals, sessions)."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QStackedWidget, QTabWidget, QVBoxLayout, QWidget

from app.errors import NotFoundError
from app.i18n import _, format_number
from app.services.mentoring_values import RelationshipDetail
from app.services.registry import Services
from app.views.mentoring.goals_page import GoalsPage
from app.views.mentoring.relationship_overview_page import RelationshipOverviewPage
from app.views.mentoring.session_log_page import SessionLogPage
from app.views.widgets.paragraph import paragraph
from app.views.widgets.translatable import Retranslatable

log = logging.getLogger(__name__)

OVERVIEW, GOALS, SESSIONS = range(3)


def pair_heading(detail: RelationshipDetail) -> str:
    """ "Mentoring of Ana Pérez by Luis Gil", marked when the pair is in the trash."""
    title = _("Mentoring of {mentee} by {mentor}").format(
        mentee=detail.mentee_name, mentor=detail.mentor_name
    )
    if detail.data.deleted_at is not None:
        title = _("{title} (in the trash)").format(title=title)
    return title


class RelationshipPanel(Retranslatable, QWidget):
    """One mentoring pair in full: a heading, and pages for its overview (who, areas, dates,
    status, agreement, totals, documents), its goals (with progress drawn over time) and its
    session log.

    ``show_relationship(None)`` shows a hint instead. ``edit_requested(id)`` asks for the pair's
    form; ``changed()`` says that goals or sessions changed (lists and health may need reading
    again). Pages are read when shown, so moving through the list stays quick.
    """

    edit_requested = Signal(str)
    changed = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.detail: RelationshipDetail | None = None
        self._stale: set[QWidget] = set()
        self.overview = RelationshipOverviewPage(services)
        self.goals = GoalsPage(services)
        self.sessions = SessionLogPage(services)
        self.stack = QStackedWidget()
        self.empty = paragraph()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self._build_content())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.overview.edit_requested.connect(self.edit_requested)
        for page in (self.goals, self.sessions):
            page.changed.connect(self._on_page_changed)
        self.pages.currentChanged.connect(lambda _index: self._refresh_current())
        add = QShortcut(QKeySequence("Ctrl+Shift+N"), self)
        add.activated.connect(self.add_session)
        self.retranslate_ui()
        self.show_relationship(None)

    def _build_content(self) -> QWidget:
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.pages = QTabWidget()
        for page in (self.overview, self.goals, self.sessions):
            self.pages.addTab(page, "")
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(self.title)
        layout.addWidget(self.pages, 1)
        return content

    def retranslate_ui(self) -> None:
        self.empty.setText(
            _(
                "Choose a pair in the list to see its agreement, goals and sessions here. To "
                "add one, use New (Ctrl+N)."
            )
        )
        self.pages.setAccessibleName(_("Pages of the mentoring pair"))
        self.title.setAccessibleName(_("The mentoring pair"))
        self._fill_header()

    # -- what is shown --------------------------------------------------------------------------

    def show_relationship(self, relationship_id: str | None) -> None:
        """Show the pair ``relationship_id`` (read again), or the hint for ``None``."""
        detail = None
        if relationship_id:
            try:
                detail = self.services.mentoring.get(relationship_id)
            except NotFoundError:
                log.info("mentoring relationship %s is gone", relationship_id)
        self.detail = detail
        editable = detail is not None and detail.data.deleted_at is None
        chosen = detail.data.id if detail else None
        self.overview.set_detail(detail)
        for page in (self.goals, self.sessions):
            page.set_relationship(chosen)
            page.set_editable(editable)
        self._stale = {self.goals, self.sessions}
        self.stack.setCurrentIndex(1 if detail else 0)
        self._fill_header()
        if detail is not None:
            self._refresh_current()

    def refresh(self) -> None:
        """Read the pair shown again (after a change made elsewhere)."""
        self.show_relationship(self.relationship_id())

    def relationship_id(self) -> str | None:
        return self.detail.data.id if self.detail else None

    def _refresh_current(self) -> None:
        page = self.pages.currentWidget()
        if page in self._stale and self.detail is not None:
            self._stale.discard(page)
            page.reload()  # type: ignore[attr-defined]

    def _fill_header(self) -> None:
        detail = self.detail
        goals, sessions = (len(detail.goals), detail.sessions) if detail else (0, 0)
        titles = (
            _("Over&view"),
            _("&Goals ({count})").format(count=format_number(goals)),
            _("Sess&ions ({count})").format(count=format_number(sessions)),
        )
        for number, text in enumerate(titles):
            self.pages.setTabText(number, text)
        if detail is not None:
            self.title.setText(pair_heading(detail))

    # -- slots ----------------------------------------------------------------------------------

    def _on_page_changed(self) -> None:
        """Goals or sessions changed: read the pair's totals again and tell the tab."""
        if self.detail is None or self.detail.data.id is None:
            return
        try:
            self.detail = self.services.mentoring.get(self.detail.data.id)
        except NotFoundError:
            self.show_relationship(None)
        else:
            self.overview.set_detail(self.detail)
            self._fill_header()
            current = self.pages.currentWidget()
            self._stale = {page for page in (self.goals, self.sessions) if page is not current}
        self.changed.emit()

    def add_session(self) -> None:
        """Ctrl+Shift+N: show the Sessions page and log a new session of the pair."""
        if self.detail is None or self.detail.data.deleted_at is not None:
            return
        self.pages.setCurrentWidget(self.sessions)
        self.sessions.add_session()
