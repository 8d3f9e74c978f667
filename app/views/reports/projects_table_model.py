"""The collaborative projects list: a paged model over :class:`ProjectService`, with its area
filter."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date
from typing import Any

from app.i18n import _, format_date
from app.services.network_vocabulary import PROJECT_ORIGINS
from app.services.projects import ProjectRow, ProjectService
from app.services.vocabulary import AREAS_OF_ACTION
from app.views.widgets.choices import choice_label
from app.views.widgets.paged_table_model import Column, PagedTableModel

log = logging.getLogger(__name__)


def area_label(area: str) -> str:
    """A common area of action translated; one of the organisation's own as typed."""
    return _(area) if area in AREAS_OF_ACTION else area


def dates_text(start: date | None, end: date | None) -> str:
    """ "3 Mar 2025 – 30 Jun 2025", "From 3 Mar 2025", "Until …" or nothing."""
    if start and end:
        return _("{start} – {end}").format(start=format_date(start), end=format_date(end))
    if start:
        return _("From {start}").format(start=format_date(start))
    if end:
        return _("Until {end}").format(end=format_date(end))
    return ""


PROJECT_COLUMNS: tuple[Column, ...] = (
    Column(lambda: _("Title"), lambda r: r.title, width=36),
    Column(lambda: _("Organisations"), lambda r: ", ".join(r.organisations), width=36),
    Column(lambda: _("Dates"), lambda r: dates_text(r.start_date, r.end_date), width=30),
    Column(
        lambda: _("How it came about"),
        lambda r: choice_label(PROJECT_ORIGINS, r.origin),
        width=26,
    ),
)


class ProjectsTableModel(PagedTableModel):
    """Projects matching the search and the area (or in the trash), the newest first (the
    service keeps that order: the columns do not sort)."""

    def __init__(self, projects: ProjectService, parent=None):  # type: ignore[no-untyped-def]
        self.projects = projects
        self.area = ""
        super().__init__(PROJECT_COLUMNS, self._lister(""), self._counter(""), parent)

    def set_area(self, area: str, *, reload: bool = True) -> None:
        """Narrow the list to the projects of ``area`` (all for "") and read it again."""
        self.area = area
        # Bound here, so an export started now keeps this filter whatever changes later.
        self._fetch = self._lister(area)
        self._count = self._counter(area)
        if reload:
            self.reload()

    def _lister(self, area: str):  # type: ignore[no-untyped-def]
        projects = self.projects

        def fetch(
            query: str = "",
            *,
            sort: str = "",
            descending: bool = False,
            offset: int = 0,
            limit: int = 200,
            trash: bool = False,
        ) -> Sequence[ProjectRow]:
            return projects.list(query, offset, limit, area=area, trash=trash)

        return fetch

    def _counter(self, area: str):  # type: ignore[no-untyped-def]
        projects = self.projects

        def count(query: str = "", *, trash: bool = False) -> int:
            return projects.count(query, area=area, trash=trash)

        return count

    def record_of(self, project_id: str | None) -> Any:
        """The loaded row of ``project_id``, or ``None``."""
        row = self.row_of(project_id) if project_id else None
        return None if row is None else self.record(row)
