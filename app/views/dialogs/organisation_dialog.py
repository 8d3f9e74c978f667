"""Adding or editing an organisation of the network: identity, contact, what it does, notes."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from app.i18n import N_, _
from app.services import validation
from app.services.organisations import OrganisationData
from app.services.registry import Services
from app.services.vocabulary import ORGANISATION_KINDS
from app.views.widgets.areas_editor import AreasEditor
from app.views.widgets.form_dialog import FormDialog
from app.views.widgets.form_fields import int_edit, int_value, text_box

log = logging.getLogger(__name__)

IDENTITY_LINES = ("name", "legal_form", "tax_id", "registration_number")
CONTACT_LINES = (
    "address",
    "postal_code",
    "municipality",
    "province",
    "country",
    "phone",
    "email",
    "website",
    "contact_person",
)
COUNTS = ("staff_count", "volunteer_count", "member_count")
TEXT_BOXES = ("target_groups", "needs", "expertise", "notes")
MAX_COUNT = 9_999_999
LABELS: dict[str, str] = {
    "name": N_("&Name (required):"),
    "kind": N_("&Kind:"),
    "legal_form": N_("&Legal form:"),
    "tax_id": N_("&Tax id (CIF/NIF):"),
    "registration_number": N_("&Registration number:"),
    "year_founded": N_("&Year founded:"),
    "address": N_("&Address:"),
    "postal_code": N_("&Postal code:"),
    "municipality": N_("&Municipality:"),
    "province": N_("Pro&vince:"),
    "country": N_("&Country:"),
    "phone": N_("P&hone:"),
    "email": N_("&E-mail:"),
    "website": N_("&Website:"),
    "contact_person": N_("C&ontact person:"),
    "areas_of_action": N_("Areas of action:"),
    "target_groups": N_("Tar&get groups:"),
    "territory": N_("Terr&itory:"),
    "staff_count": N_("Sta&ff:"),
    "volunteer_count": N_("Vol&unteers:"),
    "member_count": N_("Mem&bers:"),
    "needs": N_("Needs &declared:"),
    "expertise": N_("E&xpertise offered:"),
    "notes": N_("Notes:"),
}


class OrganisationDialog(FormDialog):
    """The form of one organisation (a new one when ``organisation_id`` is ``None``).

    After ``exec()`` returns accepted, ``saved_id`` is the saved organisation's id.
    """

    def __init__(
        self, services: Services, organisation_id: str | None = None, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.services = services
        self.organisation = (
            services.organisations.get(organisation_id)
            if organisation_id
            else OrganisationData(name="")
        )
        self._build()
        self._load(self.organisation)
        watch = self.fields.watch
        watch(
            "name",
            lambda: validation.check_required(self.widget("name").text(), "name", _("The name")),
        )
        watch("tax_id", self._check_tax_id)
        watch("email", lambda: validation.check_email(self.widget("email").text()))
        watch(
            "year_founded",
            lambda: validation.check_year(self.widget("year_founded").text(), "year_founded", 1800),
        )
        self.widget("country").textChanged.connect(lambda _text: self.fields.recheck("tax_id"))
        self.finish()

    def widget(self, key: str):  # type: ignore[no-untyped-def]
        return self.fields.widgets[key]

    def _build(self) -> None:
        add = self.fields.add
        identity = self.section()
        add(identity, "name", QLineEdit())
        kind = QComboBox()
        for code in ORGANISATION_KINDS:
            kind.addItem("", code)
        add(identity, "kind", kind)
        for key in IDENTITY_LINES[1:]:
            add(identity, key, QLineEdit())
        add(identity, "year_founded", int_edit(9999))
        contact = self.section()
        for key in CONTACT_LINES:
            add(contact, key, QLineEdit())
        work = self.section()
        self.areas = AreasEditor()
        add(work, "areas_of_action", self.areas, above=True)
        add(work, "target_groups", text_box())
        add(work, "territory", QLineEdit())
        for key in COUNTS:
            add(work, key, int_edit(MAX_COUNT))
        add(work, "needs", text_box())
        add(work, "expertise", text_box())
        notes = self.section()
        add(notes, "notes", text_box(5))

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        name = self.organisation.name
        self.setWindowTitle(
            _("Organisation: {name}").format(name=name) if name else _("New organisation")
        )
        titles = [_("Organisation"), _("Address and contact"), _("What it does"), _("Notes")]
        for group, title in zip(self.sections, titles, strict=True):
            group.setTitle(title)
        self.fields.set_texts({key: _(text) for key, text in LABELS.items()})
        kind = self.widget("kind")
        for row, code in enumerate(ORGANISATION_KINDS):
            kind.setItemText(row, _(ORGANISATION_KINDS[code]))
        self.widget("tax_id").setToolTip(
            _("Spanish CIF, NIF or NIE; ids of other countries are kept as typed.")
        )
        self.widget("country").setPlaceholderText(_("Empty means Spain"))
        self.widget("email").setPlaceholderText(_("name@example.org"))
        for key in COUNTS:
            self.widget(key).setPlaceholderText(_("Leave empty if not known"))

    # -- data ---------------------------------------------------------------------------------

    def _load(self, organisation: OrganisationData) -> None:
        for key in IDENTITY_LINES + CONTACT_LINES + ("territory",):
            self.widget(key).setText(getattr(organisation, key))
        for key in TEXT_BOXES:
            self.widget(key).setPlainText(getattr(organisation, key))
        for key in COUNTS + ("year_founded",):
            value = getattr(organisation, key)
            self.widget(key).setText("" if value is None else str(value))
        kind = self.widget("kind")
        kind.setCurrentIndex(max(0, kind.findData(organisation.kind)))
        self.areas.set_areas(organisation.areas_of_action)

    def organisation_data(self) -> OrganisationData:
        """What the form holds now (not validated)."""
        values: dict[str, object] = {
            key: self.widget(key).text() for key in IDENTITY_LINES + CONTACT_LINES + ("territory",)
        }
        values.update({key: self.widget(key).toPlainText() for key in TEXT_BOXES})
        values.update({key: int_value(self.widget(key)) for key in COUNTS + ("year_founded",)})
        return OrganisationData(
            id=self.organisation.id,
            kind=self.widget("kind").currentData(),
            areas_of_action=self.areas.areas(),
            **values,  # type: ignore[arg-type]
        )

    def _check_tax_id(self) -> None:
        # The service's own check (a Spanish CIF/NIF/NIE unless another country is given).
        validation.check_tax_id(self.widget("tax_id").text(), self.widget("country").text())

    def save(self) -> str:
        saved = self.services.organisations.save(self.organisation_data())
        return saved.id or ""
