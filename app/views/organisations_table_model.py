"""The organisations list of the directory: a paged model over :class:`OrganisationService`."""

from __future__ import annotations

import logging

from app.i18n import _, format_date
from app.services.organisations import OrganisationRow, OrganisationService
from app.services.vocabulary import ORGANISATION_KINDS
from app.views.widgets.choices import choice_label
from app.views.widgets.paged_table_model import Column, PagedTableModel

log = logging.getLogger(__name__)


def kind_label(code: str) -> str:
    """The translated label of an organisation kind (the code itself if it is unknown)."""
    return choice_label(ORGANISATION_KINDS, code)


ORGANISATION_COLUMNS: tuple[Column, ...] = (
    Column(lambda: _("Name"), lambda r: r.name, "name", width=34),
    Column(lambda: _("Kind"), lambda r: kind_label(r.kind), "kind"),
    Column(lambda: _("Municipality"), lambda r: r.municipality, "municipality"),
    Column(lambda: _("Tax id"), lambda r: r.tax_id, "tax_id"),
    Column(lambda: _("E-mail"), lambda r: r.email, "email", width=26),
    Column(lambda: _("Phone"), lambda r: r.phone),
    Column(lambda: _("People"), lambda r: r.people_count, numeric=True, width=7),
    Column(lambda: _("Last changed"), lambda r: format_date(r.updated_at), "updated_at"),
)


class OrganisationsTableModel(PagedTableModel):
    """Organisations matching the search (or in the trash), 200 at a time, sorted in SQL."""

    def __init__(self, organisations: OrganisationService, parent=None):  # type: ignore[no-untyped-def]
        super().__init__(ORGANISATION_COLUMNS, organisations.list, organisations.count, parent)

    def record(self, row: int) -> OrganisationRow:
        return super().record(row)
