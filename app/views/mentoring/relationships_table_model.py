"""The mentoring pairs list: a paged model over :class:`MentoringService`, with its filters."""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from functools import partial

from app.i18n import _, format_date
from app.services.mentoring import MentoringService
from app.services.mentoring_values import RelationshipRow
from app.services.mentoring_vocabulary import MENTORING_AREAS, RELATIONSHIP_STATUSES
from app.views.widgets.choices import choice_label
from app.views.widgets.paged_table_model import Column, PagedTableModel

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class RelationshipFilters:
    """What the list is narrowed to besides the search; empty values do not filter."""

    status: str = ""
    area: str = ""


def areas_text(areas: tuple[str, ...]) -> str:
    """The areas of a pair translated, in the order they were given."""
    return ", ".join(choice_label(MENTORING_AREAS, area) for area in areas)


def _date(value) -> str:  # type: ignore[no-untyped-def]
    return format_date(value) if value else ""


RELATIONSHIP_COLUMNS: tuple[Column, ...] = (
    Column(lambda: _("Mentee"), lambda r: r.mentee_name, "mentee", width=20),
    Column(lambda: _("Mentor"), lambda r: r.mentor_name, "mentor", width=20),
    Column(lambda: _("Status"), lambda r: choice_label(RELATIONSHIP_STATUSES, r.status), "status"),
    Column(
        lambda: _("Last session"), lambda r: _date(r.last_session_on), "last_session_on", width=12
    ),
    Column(lambda: _("Sessions"), lambda r: r.sessions, numeric=True, width=8),
    Column(
        lambda: _("Mentee's organisation"),
        lambda r: r.mentee_organisation,
        "mentee_organisation",
        width=22,
    ),
    Column(lambda: _("Mentor's organisation"), lambda r: r.mentor_organisation, width=22),
    Column(lambda: _("Start"), lambda r: _date(r.start_date), "start_date", width=12),
    Column(lambda: _("Planned end"), lambda r: _date(r.planned_end), "planned_end", width=12),
    Column(lambda: _("Areas"), lambda r: areas_text(r.areas), width=30),
)


class RelationshipsTableModel(PagedTableModel):
    """Mentoring pairs matching the search and the filters (or in the trash), sorted in SQL.

    No column holds anything said in the sessions: the list, and its export, never show notes.
    """

    def __init__(self, mentoring: MentoringService, parent=None):  # type: ignore[no-untyped-def]
        self.mentoring = mentoring
        self.filters = RelationshipFilters()
        super().__init__(RELATIONSHIP_COLUMNS, mentoring.list, mentoring.count, parent)

    def set_filters(self, filters: RelationshipFilters, *, reload: bool = True) -> None:
        """Narrow the list to ``filters`` and read its first page again (unless ``reload`` is
        false: the caller reloads)."""
        self.filters = filters
        # Bound here, so an export started now keeps these filters whatever changes later.
        self._fetch = partial(self.mentoring.list, **asdict(filters))
        self._count = partial(self.mentoring.count, **asdict(filters))
        if reload:
            self.reload()

    def record(self, row: int) -> RelationshipRow:
        return super().record(row)
