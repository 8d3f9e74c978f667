"""Read-only panels beside the directory lists: the selected person or organisation in full."""

from __future__ import annotations

import html
import logging
from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.errors import NotFoundError
from app.i18n import _, format_date, format_number
from app.services.organisations import OrganisationData
from app.services.people import PersonData
from app.services.registry import Services
from app.services.vocabulary import CONSENT_PURPOSES, LANGUAGE_NAMES, MEMBERSHIP_ROLES
from app.views.organisations_table_model import kind_label
from app.views.people_table_model import gender_label
from app.views.widgets.translatable import Retranslatable

log = logging.getLogger(__name__)

PEOPLE_SHOWN = 500


def _html(title: str, rows: Iterable[tuple[str, object]], note: str = "") -> str:
    """A heading and the non-empty ``(label, value)`` rows as an HTML table."""
    lines = [f"<h3>{html.escape(title)}</h3>"]
    if note:
        lines.append(f"<p><i>{html.escape(note)}</i></p>")
    lines.append("<table cellspacing='0' cellpadding='3'>")
    for label, value in rows:
        if value in (None, "", ()):
            continue
        shown = html.escape(str(value)).replace("\n", "<br>")
        lines.append(
            f"<tr><th align='left' valign='top'>{html.escape(label)}</th><td>{shown}</td></tr>"
        )
    lines.append("</table>")
    return "\n".join(lines)


def _label(table: dict[str, str], code: str) -> str:
    return _(table[code]) if code in table else code


class _DetailBrowser(Retranslatable, QWidget):
    """The selected record as read-only text, or a hint when nothing is selected."""

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.record_id: str | None = None
        self.view = QTextBrowser()
        self.view.setOpenLinks(False)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.addWidget(self.view, 1)

    def show_record(self, record_id: str | None) -> None:
        self.record_id = record_id
        self._render()

    def retranslate_ui(self) -> None:
        self._render()

    def _render(self) -> None:
        raise NotImplementedError


class PersonDetails(_DetailBrowser):
    """Everything about the selected person: contact, organisations with roles, consent."""

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(services, parent)
        self.retranslate_ui()

    def _render(self) -> None:
        self.view.setAccessibleName(_("Details of the selected person"))
        person = None
        if self.record_id is not None:
            try:
                person = self.services.people.get(self.record_id)
            except NotFoundError:
                person = None
        if person is None:
            self.view.setPlainText(
                _("Choose a person in the list to see everything about them here.")
            )
            return
        self.view.setHtml(_person_html(person))


def _person_html(p: PersonData) -> str:
    memberships = "\n".join(
        _("{organisation} ({role})").format(
            organisation=m.organisation_name, role=_label(MEMBERSHIP_ROLES, m.role)
        )
        for m in p.memberships
    )
    consents = "\n".join(_consent_line(c.purpose, c.granted_at, c.withdrawn_at) for c in p.consents)
    note = (
        _("In the trash since {date}.").format(date=format_date(p.deleted_at))
        if p.deleted_at
        else ""
    )
    return _html(
        p.full_name,
        [
            (_("Given name"), p.given_name),
            (_("Family name"), p.family_name),
            (_("Gender"), gender_label(p.gender)),
            (_("Birth year"), p.birth_year),
            (_("E-mail"), p.email),
            (_("Phone"), p.phone),
            (
                _("Preferred language"),
                LANGUAGE_NAMES.get(p.preferred_language, p.preferred_language),
            ),
            (_("Organisations"), memberships or _("None")),
            (_("Consent"), consents or _("None recorded")),
            (_("Expertise"), p.expertise),
            (_("Interests"), p.interests),
            (_("Accessibility needs"), p.accessibility_needs),
            (_("Notes"), p.notes),
        ],
        note,
    )


def _consent_line(purpose: str, granted_at, withdrawn_at) -> str:  # type: ignore[no-untyped-def]
    label = _label(CONSENT_PURPOSES, purpose)
    if withdrawn_at:
        return _("{purpose}: given on {given}, withdrawn on {withdrawn}").format(
            purpose=label, given=format_date(granted_at), withdrawn=format_date(withdrawn_at)
        )
    return _("{purpose}: given on {given}").format(purpose=label, given=format_date(granted_at))


class OrganisationDetails(_DetailBrowser):
    """Everything about the selected organisation, and its people (double-click opens one)."""

    person_activated = Signal(str)

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(services, parent)
        self.people_label = QLabel()
        self.people = QListWidget()
        self.people_label.setBuddy(self.people)
        self.people.itemActivated.connect(self._on_people_item_activated)
        self.layout_.addWidget(self.people_label)
        self.layout_.addWidget(self.people, 1)
        self.retranslate_ui()

    def _render(self) -> None:
        self.view.setAccessibleName(_("Details of the selected organisation"))
        self.people.setAccessibleName(_("People of this organisation"))
        organisation = None
        if self.record_id is not None:
            try:
                organisation = self.services.organisations.get(self.record_id)
            except NotFoundError:
                organisation = None
        self.people.clear()
        self.people_label.setVisible(organisation is not None)
        self.people.setVisible(organisation is not None)
        if organisation is None:
            self.view.setPlainText(
                _(
                    "Choose an organisation in the list to see everything about it and its "
                    "people here."
                )
            )
            return
        self.view.setHtml(_organisation_html(organisation))
        self._fill_people(organisation.id or "")

    def _fill_people(self, organisation_id: str) -> None:
        total = self.services.people.count(organisation_id=organisation_id)
        rows = self.services.people.list(organisation_id=organisation_id, limit=PEOPLE_SHOWN)
        for row in rows:
            item = QListWidgetItem(row.full_name)
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            self.people.addItem(item)
        if total > len(rows):
            text = _("People of this organisation (the first {shown} of {total}):").format(
                shown=format_number(len(rows)), total=format_number(total)
            )
        elif total:
            text = _("People of this organisation ({total}), double-click to open:").format(
                total=format_number(total)
            )
        else:
            text = _("No people of this organisation in the directory yet.")
        self.people_label.setText(text)

    def _on_people_item_activated(self, item: QListWidgetItem) -> None:
        self.person_activated.emit(item.data(Qt.ItemDataRole.UserRole))


def _organisation_html(o: OrganisationData) -> str:
    place = ", ".join(
        x
        for x in (o.address, f"{o.postal_code} {o.municipality}".strip(), o.province, o.country)
        if x
    )
    note = (
        _("In the trash since {date}.").format(date=format_date(o.deleted_at))
        if o.deleted_at
        else ""
    )
    return _html(
        o.name,
        [
            (_("Kind"), kind_label(o.kind)),
            (_("Legal form"), o.legal_form),
            (_("Tax id"), o.tax_id),
            (_("Registration number"), o.registration_number),
            (_("Address"), place),
            (_("Phone"), o.phone),
            (_("E-mail"), o.email),
            (_("Website"), o.website),
            (_("Contact person"), o.contact_person),
            (_("Areas of action"), ", ".join(_(a) for a in o.areas_of_action)),
            (_("Target groups"), o.target_groups),
            (_("Territory"), o.territory),
            (_("Staff"), o.staff_count),
            (_("Volunteers"), o.volunteer_count),
            (_("Members"), o.member_count),
            (_("Year founded"), o.year_founded),
            (_("Needs declared"), o.needs),
            (_("Expertise offered"), o.expertise),
            (_("Notes"), o.notes),
        ],
        note,
    )
