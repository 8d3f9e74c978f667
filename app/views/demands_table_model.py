"""The tables of the Demands page: the demands list (paged over :class:`DemandService`), the
topics with their counts, the topics attendees asked for, and the activities answering a demand.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import partial
from typing import Any

from app.i18n import _, format_date, format_number, ngettext
from app.services.demands import (
    AnsweringActivity,
    DemandRow,
    DemandService,
    TopicCount,
    WantedTopic,
)
from app.services.vocabulary import DEMAND_SOURCES
from app.views.activities_table_model import area_label
from app.views.widgets.choices import choice_label
from app.views.widgets.paged_table_model import Column, PagedTableModel
from app.views.widgets.rows_table_model import RowsTableModel, TextColumn

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class DemandFilters:
    """What the demands list is narrowed to besides the search; empty values do not filter.
    ``answered`` is ``None`` for all, ``True`` for answered, ``False`` for not answered yet."""

    area: str = ""
    answered: bool | None = None


DEMAND_COLUMNS: tuple[Column, ...] = (
    Column(lambda: _("Topic"), lambda r: r.topic, "topic", width=34),
    Column(lambda: _("Organisation"), lambda r: r.organisation_name, "organisation", width=28),
    Column(lambda: _("Area"), lambda r: area_label(r.area), "area", width=22),
    Column(lambda: _("Declared on"), lambda r: format_date(r.declared_on), "declared_on"),
    Column(
        lambda: _("Source"), lambda r: choice_label(DEMAND_SOURCES, r.source), "source", width=18
    ),
    Column(lambda: _("Activities"), lambda r: r.activities, numeric=True, width=8),
)


class DemandsTableModel(PagedTableModel):
    """Demands matching the search and the filters (or in the trash), sorted in SQL."""

    def __init__(self, demands: DemandService, parent=None):  # type: ignore[no-untyped-def]
        self.demands = demands
        self.filters = DemandFilters()
        super().__init__(DEMAND_COLUMNS, demands.list, demands.count, parent)

    def set_filters(self, filters: DemandFilters) -> None:
        """Narrow the list to ``filters`` and read its first page again."""
        self.filters = filters
        # Bound here, so an export started now keeps these filters whatever changes later.
        values = {"area": filters.area, "answered": filters.answered}
        self._fetch = partial(self.demands.list, **values)
        self._count = partial(self.demands.count, **values)
        self.reload()

    def record(self, row: int) -> DemandRow:
        return super().record(row)


class TopicsTableModel(RowsTableModel[TopicCount]):
    """The topics asked for, most asked first, with how many organisations asked and how many
    of their demands an activity answered. ``UserRole`` holds the topic."""

    def __init__(self, parent=None):  # type: ignore[no-untyped-def]
        super().__init__(
            (
                TextColumn(lambda: _("Topic"), lambda t: t.topic),
                TextColumn(
                    lambda: _("Organisations"), lambda t: format_number(t.organisations), True
                ),
                TextColumn(lambda: _("Demands"), lambda t: format_number(t.demands), True),
                TextColumn(lambda: _("Answered"), lambda t: format_number(t.answered), True),
                TextColumn(
                    lambda: _("Not answered"),
                    lambda t: format_number(t.demands - t.answered),
                    True,
                ),
                TextColumn(lambda: _("Latest"), lambda t: format_date(t.latest)),
            ),
            parent,
        )

    def tool_tip(self, row: TopicCount) -> str | None:
        return ngettext(
            "{answered} of {demands} demand has an activity answering it.",
            "{answered} of {demands} demands have an activity answering them.",
            row.demands,
        ).format(answered=format_number(row.answered), demands=format_number(row.demands))

    def user_data(self, row: TopicCount) -> Any:
        return row.topic


class WantedTopicsTableModel(RowsTableModel[WantedTopic]):
    """Topics attendees wrote in their evaluations, those not yet recorded as demands first."""

    def __init__(self, parent=None):  # type: ignore[no-untyped-def]
        super().__init__(
            (
                TextColumn(lambda: _("Topic"), lambda w: w.topic),
                TextColumn(lambda: _("Organisation"), lambda w: w.organisation_name),
                TextColumn(lambda: _("Activity"), lambda w: w.activity_title),
                TextColumn(lambda: _("Date"), lambda w: format_date(w.activity_date)),
                TextColumn(lambda: _("Recorded"), lambda w: _("Yes") if w.recorded else ""),
            ),
            parent,
        )

    def tool_tip(self, row: WantedTopic) -> str | None:
        if row.recorded:
            return _("Already recorded as a demand of this organisation.")
        return _("Select it and choose Record as demand to count it with the demands.")


class AnsweringActivitiesModel(RowsTableModel[AnsweringActivity]):
    """The activities answering one demand. ``UserRole`` holds the activity's id."""

    def __init__(self, parent=None):  # type: ignore[no-untyped-def]
        super().__init__(
            (
                TextColumn(lambda: _("Activity"), lambda a: a.title),
                TextColumn(lambda: _("First session"), lambda a: format_date(a.first_date)),
            ),
            parent,
        )

    def user_data(self, row: AnsweringActivity) -> Any:
        return row.id
