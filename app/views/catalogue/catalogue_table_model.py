"""The catalogue's list: a paged model over :class:`CatalogueService` with its filters.

The service ranks by relevance when words were typed (else by title), so the columns are not
sorted by a click. Each row keeps the snippet of the text that matched, for the delegate that
draws it under the title (matches in bold).
"""

from __future__ import annotations

import html
import logging
import re
from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication

from app.i18n import _
from app.services.catalogue import CatalogueService
from app.services.catalogue_values import CatalogueFilters, PracticeRow
from app.services.catalogue_vocabulary import PRACTICE_STATUSES
from app.views.widgets.choices import choice_label
from app.views.widgets.paged_table_model import Column, Index, PagedTableModel

log = logging.getLogger(__name__)

SNIPPET_ROLE = Qt.ItemDataRole.UserRole + 1
_MARKED = re.compile(r"\[([^\[\]]*)\]")
LEAD_WORDS = 3


def snippet_html(snippet: str) -> str:
    """The snippet as rich text: the words between ``[`` and ``]`` in bold, the rest escaped;
    at most a few words before the first match, so the match shows in a narrow column."""
    return _MARKED.sub(r"<b>\1</b>", html.escape(lead_in(snippet), quote=False))


def lead_in(snippet: str, words: int = LEAD_WORDS) -> str:
    """The snippet starting at most ``words`` words before its first match ("…" marks a cut)."""
    first = snippet.find("[")
    if first <= 0:
        return snippet
    starts = [match.start() for match in re.finditer(r"\S+", snippet[:first])]
    if len(starts) <= words:
        return snippet
    return "…" + snippet[starts[-words] if words else first :]


def snippet_plain(snippet: str) -> str:
    """The snippet as plain words (for tool tips and screen readers)."""
    return _MARKED.sub(r"\1", snippet)


def origin_text(row: PracticeRow) -> str:
    """Where the practice comes from: ours, or the organisation that published it."""
    if row.own:
        return _("Ours")
    return row.origin_name or _("Another organisation")


def state_text(row: PracticeRow) -> str:
    """What is special about the practice here, in words (colour is never the only signal)."""
    parts = []
    if row.withdrawn:
        parts.append(_("withdrawn by its origin"))
    if row.edited_locally:
        parts.append(_("edited here"))
    if row.hidden:
        parts.append(_("hidden"))
    return ", ".join(parts)


CATALOGUE_COLUMNS: tuple[Column, ...] = (
    Column(lambda: _("Title"), lambda r: r.title, width=40),
    Column(lambda: _("Area"), lambda r: r.area, width=18),
    Column(lambda: _("Organisation"), lambda r: r.organisation_name, width=18),
    Column(lambda: _("Year"), lambda r: r.year, numeric=True, width=6),
    Column(lambda: _("Status"), lambda r: choice_label(PRACTICE_STATUSES, r.status), width=10),
    Column(lambda: _("Origin"), origin_text, width=16),
    Column(lambda: _("Notes"), state_text, width=16),
)


class CatalogueTableModel(PagedTableModel):
    """Good practices matching the search and the filters (or in the trash), ranked in SQL.

    ``set_filters`` binds the filters to the reads, so an export or booklet started now keeps
    them whatever is chosen later.
    """

    def __init__(self, catalogue: CatalogueService, parent=None):  # type: ignore[no-untyped-def]
        self.catalogue = catalogue
        self.filters = CatalogueFilters()
        fetch, count = self._reads(self.filters)
        super().__init__(CATALOGUE_COLUMNS, fetch, count, parent)

    def _reads(self, filters: CatalogueFilters):  # type: ignore[no-untyped-def]
        catalogue = self.catalogue

        def fetch(query: str, *, offset: int = 0, limit: int = 50, trash: bool = False, **_order):  # type: ignore[no-untyped-def]
            return catalogue.search(
                query, replace(filters, trash=trash), offset=offset, limit=limit
            )

        def count(query: str, *, trash: bool = False) -> int:
            return catalogue.count(query, replace(filters, trash=trash))

        return fetch, count

    def set_filters(self, filters: CatalogueFilters, *, reload: bool = True) -> None:
        """Narrow the list to ``filters`` (their ``trash`` is the list's own) and read the first
        page again (unless ``reload`` is false: the caller reloads)."""
        self.filters = replace(filters, trash=False)
        self._fetch, self._count = self._reads(self.filters)
        if reload:
            self.reload()

    def current_filters(self) -> CatalogueFilters:
        """The filters as the service sees them now, the trash included."""
        return replace(self.filters, trash=self.state.trash)

    def searching(self) -> bool:
        """Whether words were typed (rows then carry a snippet of what matched)."""
        return bool(re.search(r"\w", self.state.query))

    def record(self, row: int) -> PracticeRow:
        return super().record(row)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        record: PracticeRow = self._rows[index.row()]
        if role == SNIPPET_ROLE:
            return record.snippet
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0 and record.snippet:
            return f"{record.title}\n{snippet_plain(record.snippet)}"
        if role == Qt.ItemDataRole.FontRole and (record.hidden or record.withdrawn):
            font = QFont(QApplication.font())
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and (record.hidden or record.withdrawn):
            palette = QApplication.palette()
            return palette.brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        return super().data(index, role)
