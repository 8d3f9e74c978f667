"""Adding or editing a person of the directory: identity, contact, organisations, consent."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from app.errors import ValidationError
from app.i18n import N_, _
from app.services import validation
from app.services.people import PersonData
from app.services.registry import Services
from app.services.vocabulary import GENDERS, LANGUAGE_NAMES
from app.views.widgets.consents_editor import ConsentsEditor
from app.views.widgets.form_dialog import FormDialog
from app.views.widgets.form_fields import int_edit, int_value, text_box
from app.views.widgets.memberships_editor import MembershipsEditor

log = logging.getLogger(__name__)

TEXT_BOXES = ("expertise", "interests", "accessibility_needs", "notes")
LINES = ("full_name", "given_name", "family_name", "email", "phone")
LABELS: dict[str, str] = {
    "full_name": N_("Full &name (required):"),
    "given_name": N_("Gi&ven name:"),
    "family_name": N_("&Family name:"),
    "gender": N_("Gen&der:"),
    "birth_year": N_("&Birth year:"),
    "preferred_language": N_("Preferred &language:"),
    "email": N_("&E-mail:"),
    "phone": N_("&Phone:"),
    "memberships": N_("Organisations and roles:"),
    "consents": N_("Consent records:"),
    "expertise": N_("E&xpertise:"),
    "interests": N_("&Interests:"),
    "accessibility_needs": N_("Accessibility needs:"),
    "notes": N_("Notes:"),
}


class PersonDialog(FormDialog):
    """The form of one person (a new one when ``person_id`` is ``None``).

    After ``exec()`` returns accepted, ``saved_id`` is the saved person's id. Organisations typed
    as new names are created when the person is saved.
    """

    def __init__(
        self, services: Services, person_id: str | None = None, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.services = services
        self.person = services.people.get(person_id) if person_id else PersonData(full_name="")
        self._build()
        self._load(self.person)
        self.fields.watch("full_name", self._check_name)
        self.fields.watch("email", lambda: validation.check_email(self.widget("email").text()))
        self.fields.watch(
            "birth_year",
            lambda: validation.check_year(self.widget("birth_year").text(), "birth_year"),
        )
        self.finish()

    def widget(self, key: str):  # type: ignore[no-untyped-def]
        return self.fields.widgets[key]

    def _build(self) -> None:
        add = self.fields.add
        person = self.section()
        for key in ("full_name", "given_name", "family_name"):
            add(person, key, QLineEdit())
        gender = QComboBox()
        for code in GENDERS:
            gender.addItem("", code)
        add(person, "gender", gender)
        add(person, "birth_year", int_edit(9999))
        language = QComboBox()
        language.addItem("", "")
        for code, name in LANGUAGE_NAMES.items():
            language.addItem(name, code)
        add(person, "preferred_language", language)
        contact = self.section()
        add(contact, "email", QLineEdit())
        add(contact, "phone", QLineEdit())
        organisations = self.section()
        self.memberships = MembershipsEditor(self.services.organisations.choices())
        add(organisations, "memberships", self.memberships, above=True)
        consent = self.section()
        self.consents = ConsentsEditor()
        add(consent, "consents", self.consents, above=True)
        more = self.section()
        for key in TEXT_BOXES:
            add(more, key, text_box())

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        name = self.person.full_name
        self.setWindowTitle(_("Person: {name}").format(name=name) if name else _("New person"))
        titles = [_("Person"), _("Contact"), _("Organisations"), _("Consent"), _("More about them")]
        for group, title in zip(self.sections, titles, strict=True):
            group.setTitle(title)
        self.fields.set_texts({key: _(text) for key, text in LABELS.items()})
        gender = self.widget("gender")
        for row, code in enumerate(GENDERS):
            gender.setItemText(row, _(GENDERS[code]))
        self.widget("preferred_language").setItemText(0, _("Not stated"))
        self.widget("birth_year").setPlaceholderText(_("Optional, for example 1985"))
        self.widget("email").setPlaceholderText(_("name@example.org"))

    # -- data ---------------------------------------------------------------------------------

    def _load(self, person: PersonData) -> None:
        for key in LINES:
            self.widget(key).setText(getattr(person, key))
        for key in TEXT_BOXES:
            self.widget(key).setPlainText(getattr(person, key))
        self.widget("birth_year").setText(
            "" if person.birth_year is None else str(person.birth_year)
        )
        gender = self.widget("gender")
        gender.setCurrentIndex(max(0, gender.findData(person.gender or "not_stated")))
        language = self.widget("preferred_language")
        if person.preferred_language and language.findData(person.preferred_language) < 0:
            language.addItem(person.preferred_language, person.preferred_language)
        language.setCurrentIndex(max(0, language.findData(person.preferred_language)))
        self.memberships.set_memberships(person.memberships)
        self.consents.set_consents(person.consents)

    def person_data(self) -> PersonData:
        """What the form holds now (not validated); new organisations are given by name only."""
        values = {key: self.widget(key).text() for key in LINES}
        values.update({key: self.widget(key).toPlainText() for key in TEXT_BOXES})
        return PersonData(
            id=self.person.id,
            gender=self.widget("gender").currentData(),
            birth_year=int_value(self.widget("birth_year")),
            preferred_language=self.widget("preferred_language").currentData() or "",
            memberships=tuple(self.memberships.memberships()),
            consents=tuple(self.consents.consents),
            **values,
        )

    def _check_name(self) -> None:
        if not any(
            self.widget(key).text().strip() for key in ("full_name", "given_name", "family_name")
        ):
            raise ValidationError(_("A person needs a name."), field="full_name")

    def save(self) -> str:
        """Save the person; organisations typed as new names are created with them or not at all."""
        saved = self.services.people.save(self.person_data())
        return saved.id or ""
