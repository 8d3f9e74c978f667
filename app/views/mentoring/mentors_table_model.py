"""The mentors list: a paged model over :class:`MentorService`, with its filters."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from app.i18n import _
from app.services.mentoring_vocabulary import MENTORING_AREAS
from app.services.mentors import MentorRow, MentorService
from app.views.widgets.choices import choice_label
from app.views.widgets.paged_table_model import Column, PagedTableModel

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class MentorFilters:
    """What the list is narrowed to besides the search; empty values do not filter."""

    area: str = ""
    available_only: bool = False


def areas_text(codes: Iterable[str]) -> str:
    """The mentoring areas of ``codes``, translated, in a line ("Leadership, Fundraising")."""
    return ", ".join(choice_label(MENTORING_AREAS, code) for code in codes)


def availability_text(row: MentorRow) -> str:
    """ "Yes", "Full" (every place taken) or "No" (not taking new pairs)."""
    if not row.available:
        return _("No")
    if row.active_pairs >= row.capacity:
        return _("Full")
    return _("Yes")


MENTOR_COLUMNS: tuple[Column, ...] = (
    Column(lambda: _("Name"), lambda r: r.person_name, width=26),
    Column(lambda: _("Organisation"), lambda r: r.organisation_name, width=26),
    Column(lambda: _("Areas"), lambda r: areas_text(r.areas), width=34),
    Column(lambda: _("Pairs at once"), lambda r: r.capacity, numeric=True, width=8),
    Column(lambda: _("Pairs now"), lambda r: r.active_pairs, numeric=True, width=8),
    Column(lambda: _("Available"), availability_text, width=10),
)


class MentorsTableModel(PagedTableModel):
    """Mentors matching the search and the filters (or in the trash), by name (the service
    keeps that order: the columns do not sort)."""

    def __init__(self, mentors: MentorService, parent=None):  # type: ignore[no-untyped-def]
        self.mentors = mentors
        self.filters = MentorFilters()
        super().__init__(
            MENTOR_COLUMNS, self._lister(self.filters), self._counter(self.filters), parent
        )

    def set_filters(self, filters: MentorFilters, *, reload: bool = True) -> None:
        """Narrow the list to ``filters`` and read its first page again (unless ``reload`` is
        false: the caller reloads)."""
        self.filters = filters
        # Bound here, so an export started now keeps these filters whatever changes later.
        self._fetch = self._lister(filters)
        self._count = self._counter(filters)
        if reload:
            self.reload()

    def _lister(self, filters: MentorFilters):  # type: ignore[no-untyped-def]
        mentors = self.mentors

        def fetch(
            query: str = "",
            *,
            sort: str = "name",
            descending: bool = False,
            offset: int = 0,
            limit: int = 200,
            trash: bool = False,
        ) -> Sequence[MentorRow]:
            return mentors.list(
                query,
                area=filters.area,
                available_only=filters.available_only,
                trash=trash,
                offset=offset,
                limit=limit,
            )

        return fetch

    def _counter(self, filters: MentorFilters):  # type: ignore[no-untyped-def]
        mentors = self.mentors

        def count(query: str = "", *, trash: bool = False) -> int:
            return mentors.count(
                query, area=filters.area, available_only=filters.available_only, trash=trash
            )

        return count

    def record(self, row: int) -> MentorRow:
        return super().record(row)

    def record_of(self, mentor_id: str) -> Any:
        """The loaded row of ``mentor_id``, or ``None``."""
        row = self.row_of(mentor_id)
        return None if row is None else self.record(row)
