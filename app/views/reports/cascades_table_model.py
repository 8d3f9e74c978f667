"""The cascades list: a paged model over :class:`CascadeService`, narrowed to a period."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date
from typing import Any

from app.i18n import _, format_date
from app.services.cascades import CascadeRow, CascadeService
from app.services.network_vocabulary import CASCADE_FORMATS
from app.views.widgets.choices import choice_label
from app.views.widgets.paged_table_model import Column, PagedTableModel

log = logging.getLogger(__name__)

CASCADE_COLUMNS: tuple[Column, ...] = (
    Column(lambda: _("Date"), lambda r: format_date(r.held_on), width=14),
    Column(lambda: _("Who passed it on"), lambda r: r.person_name, width=24),
    Column(lambda: _("In organisation"), lambda r: r.organisation_name, width=24),
    Column(lambda: _("People reached"), lambda r: r.people_reached, numeric=True, width=8),
    Column(lambda: _("How"), lambda r: choice_label(CASCADE_FORMATS, r.how), width=22),
    Column(lambda: _("Learned at"), lambda r: r.activity_title, width=28),
    Column(lambda: _("Good practice"), lambda r: r.practice_title, width=28),
)


class CascadesTableModel(PagedTableModel):
    """Cascades matching the search, held in the period (either end may be open), the newest
    first (the service keeps that order: the columns do not sort)."""

    def __init__(self, cascades: CascadeService, parent=None):  # type: ignore[no-untyped-def]
        self.cascades = cascades
        self.period: tuple[date | None, date | None] = (None, None)
        super().__init__(
            CASCADE_COLUMNS, self._lister(self.period), self._counter(self.period), parent
        )

    def set_period(self, start: date | None, end: date | None, *, reload: bool = True) -> None:
        """Narrow the list to the cascades held from ``start`` to ``end`` and read it again."""
        self.period = (start, end)
        # Bound here, so an export started now keeps this period whatever changes later.
        self._fetch = self._lister(self.period)
        self._count = self._counter(self.period)
        if reload:
            self.reload()

    def _lister(self, period: tuple[date | None, date | None]):  # type: ignore[no-untyped-def]
        cascades = self.cascades

        def fetch(
            query: str = "",
            *,
            sort: str = "",
            descending: bool = False,
            offset: int = 0,
            limit: int = 200,
            trash: bool = False,
        ) -> Sequence[CascadeRow]:
            return cascades.list(query, *period, offset=offset, limit=limit)

        return fetch

    def _counter(self, period: tuple[date | None, date | None]):  # type: ignore[no-untyped-def]
        cascades = self.cascades

        def count(query: str = "", *, trash: bool = False) -> int:
            return cascades.count(query, *period)

        return count

    def record_of(self, cascade_id: str | None) -> Any:
        """The loaded row of ``cascade_id``, or ``None``."""
        row = self.row_of(cascade_id) if cascade_id else None
        return None if row is None else self.record(row)
