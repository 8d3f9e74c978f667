"""The tables of the "Suggested pairs" page: organisations with declared needs, and the
mentors suggested for one of them, best first."""

from __future__ import annotations

import logging
from typing import Any

from app.i18n import _, format_number
from app.services.mentoring_suggestions import NeedRow, Suggestion
from app.views.mentoring.mentors_table_model import areas_text
from app.views.widgets.sorted_rows import SortColumn, SortedRowsModel

log = logging.getLogger(__name__)


def places_text(suggestion: Suggestion) -> str:
    """ "2 of 3" places free."""
    return _("{free} of {capacity}").format(
        free=format_number(suggestion.free_places), capacity=format_number(suggestion.capacity)
    )


class NeedsTableModel(SortedRowsModel[NeedRow]):
    """Organisations that declared needs, with the mentoring areas read in them and their
    pairs now. ``UserRole`` holds the organisation's id; the tool tip, what they asked for."""

    def __init__(self, parent=None):  # type: ignore[no-untyped-def]
        super().__init__(
            (
                SortColumn(lambda: _("Organisation"), lambda n: n.organisation_name, width=26),
                SortColumn(
                    lambda: _("Areas of their needs"), lambda n: areas_text(n.areas), width=26
                ),
                SortColumn(
                    lambda: _("Pairs now"),
                    lambda n: format_number(n.pairs_now),
                    True,
                    key=lambda n: n.pairs_now,
                    width=8,
                ),
            ),
            parent,
        )

    def tool_tip(self, row: NeedRow) -> str | None:
        return "\n".join(row.need_texts) or None

    def user_data(self, row: NeedRow) -> Any:
        return row.organisation_id


class SuggestionsTableModel(SortedRowsModel[Suggestion]):
    """Mentors suggested for one organisation, best match first (the service's order) until a
    header is clicked. ``UserRole`` holds the mentor's id; the tool tip gives the reasons."""

    def __init__(self, parent=None):  # type: ignore[no-untyped-def]
        super().__init__(
            (
                SortColumn(
                    lambda: _("Rank"),
                    lambda s: format_number(self.rank_of(s)),
                    True,
                    key=lambda s: self.rank_of(s),
                    width=5,
                ),
                SortColumn(lambda: _("Mentor"), lambda s: s.mentor_name, width=22),
                SortColumn(
                    lambda: _("Their organisation"), lambda s: s.organisation_name, width=24
                ),
                SortColumn(
                    lambda: _("Areas that match"), lambda s: areas_text(s.matched_areas), width=24
                ),
                SortColumn(
                    lambda: _("Places free"),
                    places_text,
                    True,
                    key=lambda s: s.free_places,
                    width=8,
                ),
            ),
            parent,
        )
        self._ranks: dict[str, int] = {}

    def set_rows(self, rows) -> None:  # type: ignore[no-untyped-def]
        """Show ``rows`` (best first, as the service ranked them)."""
        self._ranks = {row.mentor_id: number for number, row in enumerate(rows, start=1)}
        super().set_rows(rows)

    def rank_of(self, suggestion: Suggestion) -> int:
        """1 for the best match, 2 for the next..."""
        return self._ranks.get(suggestion.mentor_id, 0)

    def tool_tip(self, row: Suggestion) -> str | None:
        return "\n".join(row.reasons) or None

    def user_data(self, row: Suggestion) -> Any:
        return row.mentor_id
