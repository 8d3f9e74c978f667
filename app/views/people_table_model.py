"""The people list of the directory: a paged model over :class:`PeopleService`."""

from __future__ import annotations

import logging

from app.i18n import _, format_date
from app.services.people import PeopleService, PersonRow
from app.services.vocabulary import GENDERS
from app.views.widgets.choices import choice_label
from app.views.widgets.paged_table_model import Column, PagedTableModel

log = logging.getLogger(__name__)


def gender_label(code: str) -> str:
    """The translated label of a gender code (the code itself if it is unknown)."""
    return choice_label(GENDERS, code)


PEOPLE_COLUMNS: tuple[Column, ...] = (
    Column(lambda: _("Name"), lambda r: r.full_name, "name", width=28),
    Column(lambda: _("Gender"), lambda r: gender_label(r.gender), "gender"),
    Column(lambda: _("Birth year"), lambda r: r.birth_year, "birth_year", numeric=True, width=9),
    Column(lambda: _("E-mail"), lambda r: r.email, "email", width=28),
    Column(lambda: _("Phone"), lambda r: r.phone, "phone"),
    Column(lambda: _("Organisations"), lambda r: r.organisations, width=30),
    Column(lambda: _("Last changed"), lambda r: format_date(r.updated_at), "updated_at"),
)


class PeopleTableModel(PagedTableModel):
    """People matching the search (or in the trash), 200 at a time, sorted in SQL."""

    def __init__(self, people: PeopleService, parent=None):  # type: ignore[no-untyped-def]
        super().__init__(PEOPLE_COLUMNS, people.list, people.count, parent)

    def record(self, row: int) -> PersonRow:
        return super().record(row)
