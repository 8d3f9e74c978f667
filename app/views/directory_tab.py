"""The Directory tab: the people and the organisations of the network, each a searchable list."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from app.errors import TejidoError
from app.i18n import _, format_number, ngettext
from app.services.registry import Services
from app.views.dialogs.duplicates_dialog import ORGANISATIONS, PEOPLE, DuplicatesDialog
from app.views.dialogs.organisation_dialog import OrganisationDialog
from app.views.dialogs.person_dialog import PersonDialog
from app.views.errors import show_error
from app.views.organisations_table_model import OrganisationsTableModel
from app.views.people_table_model import PeopleTableModel
from app.views.widgets.record_details import OrganisationDetails, PersonDetails
from app.views.widgets.record_list import RecordListPanel
from app.views.widgets.translatable import Retranslatable

log = logging.getLogger(__name__)


def open_person(services: Services, person_id: str | None, parent: QWidget) -> str | None:
    """Open the person's form; returns the saved id, or ``None`` if cancelled or not found."""
    try:
        dialog = PersonDialog(services, person_id, parent)
    except TejidoError as error:  # removed or merged since the list was read
        show_error(parent, error)
        return None
    return dialog.saved_id if dialog.exec() else None


class PeoplePanel(RecordListPanel):
    """The people list with the selected person's details beside it."""

    history_table = "people"

    def __init__(self, services: Services, parent: QWidget | None = None):
        self.services = services
        super().__init__(PeopleTableModel(services.people), PersonDetails(services), parent)

    def list_name(self) -> str:
        return _("People")

    def search_hint(self) -> str:
        return _("Type part of a name, an e-mail or a phone number")

    def count_text(self, count: int, trash: bool) -> str:
        if trash:
            text = ngettext("{count} person in the trash", "{count} people in the trash", count)
        else:
            text = ngettext("{count} person", "{count} people", count)
        return text.format(count=format_number(count))

    def trash_question(self, count: int) -> str:
        return ngettext(
            "Move {count} person to the trash? You can restore them later from the trash.",
            "Move {count} people to the trash? You can restore them later from the trash.",
            count,
        ).format(count=format_number(count))

    def export_file_stem(self) -> str:
        return _("people")

    def open_editor(self, record_id: str | None) -> str | None:
        return open_person(self.services, record_id, self)

    def find_duplicates(self) -> bool:
        dialog = DuplicatesDialog(self.services, PEOPLE, self)
        dialog.exec()
        return dialog.merged > 0

    def move_to_trash(self, ids: list[str]) -> int:
        return self.services.people.delete(ids)

    def restore(self, ids: list[str]) -> int:
        return self.services.people.restore(ids)


class OrganisationsPanel(RecordListPanel):
    """The organisations list with the selected one's details and people beside it."""

    history_table = "organisations"

    def __init__(self, services: Services, parent: QWidget | None = None):
        self.services = services
        details = OrganisationDetails(services)
        super().__init__(OrganisationsTableModel(services.organisations), details, parent)
        details.person_activated.connect(self._on_details_person_activated)

    def list_name(self) -> str:
        return _("Organisations")

    def search_hint(self) -> str:
        return _("Type part of a name, a municipality, a tax id or an e-mail")

    def count_text(self, count: int, trash: bool) -> str:
        if trash:
            text = ngettext(
                "{count} organisation in the trash", "{count} organisations in the trash", count
            )
        else:
            text = ngettext("{count} organisation", "{count} organisations", count)
        return text.format(count=format_number(count))

    def trash_question(self, count: int) -> str:
        return ngettext(
            "Move {count} organisation to the trash? Its people stay in the directory, and you "
            "can restore it later from the trash.",
            "Move {count} organisations to the trash? Their people stay in the directory, and "
            "you can restore them later from the trash.",
            count,
        ).format(count=format_number(count))

    def export_file_stem(self) -> str:
        return _("organisations")

    def open_editor(self, record_id: str | None) -> str | None:
        try:
            dialog = OrganisationDialog(self.services, record_id, self)
        except TejidoError as error:
            show_error(self, error)
            return None
        return dialog.saved_id if dialog.exec() else None

    def find_duplicates(self) -> bool:
        dialog = DuplicatesDialog(self.services, ORGANISATIONS, self)
        dialog.exec()
        return dialog.merged > 0

    def move_to_trash(self, ids: list[str]) -> int:
        return self.services.organisations.delete(ids)

    def restore(self, ids: list[str]) -> int:
        return self.services.organisations.restore(ids)

    def _on_details_person_activated(self, person_id: str) -> None:
        if open_person(self.services, person_id, self):
            self._after_change()


class DirectoryTab(Retranslatable, QWidget):
    """The directory: people and organisations, searched as you type, sorted by any column,
    paged from the database, with a trash, duplicate merging and export to a spreadsheet.

    A change in one list (a person saved, an organisation merged) refreshes the other, so the
    people counts and organisation names stay true.
    """

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.people = PeoplePanel(services)
        self.organisations = OrganisationsPanel(services)
        self.views = QTabWidget()
        self.views.setDocumentMode(True)
        self.views.addTab(self.people, "")
        self.views.addTab(self.organisations, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.views)
        self.people.changed.connect(self.organisations.refresh)
        self.organisations.changed.connect(self.people.refresh)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.views.setTabText(0, _("&People"))
        self.views.setTabText(1, _("&Organisations"))
        self.views.setAccessibleName(_("Directory"))

    def current_panel(self) -> RecordListPanel:
        panel = self.views.currentWidget()
        assert isinstance(panel, RecordListPanel)
        return panel

    def refresh(self) -> None:
        """Read both lists again (after an import, a restore of a backup or a sync)."""
        self.people.refresh()
        self.organisations.refresh()

    def export_current_list(self) -> None:
        """Export the list on show, as searched, to an XLSX or CSV file chosen by the person."""
        self.current_panel().export_list()
