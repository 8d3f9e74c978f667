"""The activities list: a paged model over :class:`ActivityService`, with its filters."""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from functools import partial

from app.i18n import _, format_date, format_number
from app.services.activities import ActivityRow, ActivityService
from app.services.vocabulary import ACTIVITY_KINDS, ACTIVITY_STATUSES, AREAS_OF_ACTION
from app.views.widgets.choices import choice_label
from app.views.widgets.paged_table_model import Column, PagedTableModel

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ActivityFilters:
    """What the list is narrowed to besides the search; empty values do not filter."""

    kind: str = ""
    status: str = ""
    year: int | None = None
    area: str = ""


def area_label(area: str) -> str:
    """A common area of action translated; an area typed by someone as it was typed."""
    return _(area) if area in AREAS_OF_ACTION else area


def dates_text(row: ActivityRow) -> str:
    """ "3 Mar 2025 – 28 Apr 2025", one date for a single day, empty with no sessions."""
    if row.first_date is None:
        return ""
    if row.last_date is None or row.last_date == row.first_date:
        return format_date(row.first_date)
    return _("{first} – {last}").format(
        first=format_date(row.first_date), last=format_date(row.last_date)
    )


def places_text(row: ActivityRow) -> str:
    """ "18 / 25" (registered / capacity), or the people registered when there is no limit."""
    if row.capacity is None:
        return format_number(row.registered)
    return _("{registered} / {capacity}").format(
        registered=format_number(row.registered), capacity=format_number(row.capacity)
    )


ACTIVITY_COLUMNS: tuple[Column, ...] = (
    Column(lambda: _("Title"), lambda r: r.title, "title", width=42),
    Column(lambda: _("Dates"), dates_text, "first_date", width=27),
    Column(lambda: _("Kind"), lambda r: choice_label(ACTIVITY_KINDS, r.kind), "kind", width=16),
    Column(
        lambda: _("Status"), lambda r: choice_label(ACTIVITY_STATUSES, r.status), "status", width=18
    ),
    Column(lambda: _("Sessions"), lambda r: r.sessions, numeric=True, width=8),
    Column(lambda: _("Registered / places"), places_text, numeric=True, width=10),
    Column(lambda: _("Areas"), lambda r: ", ".join(area_label(a) for a in r.areas), width=30),
)


class ActivitiesTableModel(PagedTableModel):
    """Activities matching the search and the filters (or in the trash), sorted in SQL."""

    def __init__(self, activities: ActivityService, parent=None):  # type: ignore[no-untyped-def]
        self.activities = activities
        self.filters = ActivityFilters()
        super().__init__(ACTIVITY_COLUMNS, activities.list, activities.count, parent)

    def set_filters(self, filters: ActivityFilters, *, reload: bool = True) -> None:
        """Narrow the list to ``filters`` and read its first page again (unless ``reload`` is
        false: the caller reloads)."""
        self.filters = filters
        # Bound here, so an export started now keeps these filters whatever changes later.
        self._fetch = partial(self.activities.list, **asdict(filters))
        self._count = partial(self.activities.count, **asdict(filters))
        if reload:
            self.reload()

    def record(self, row: int) -> ActivityRow:
        return super().record(row)
