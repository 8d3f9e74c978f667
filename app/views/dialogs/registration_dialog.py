"""Registering a person in an activity (found in the directory or created on the spot), or
changing a registration: the organisation they come for, their role and the status."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from app.errors import ValidationError
from app.i18n import N_, _
from app.services.registrations import RegistrationRow
from app.services.registry import Services
from app.services.vocabulary import REGISTRATION_ROLES, REGISTRATION_STATUSES
from app.views.widgets.choices import ChoiceBox, choice_label
from app.views.widgets.form_dialog import FormDialog
from app.views.widgets.organisation_picker import OrganisationPicker
from app.views.widgets.person_picker import PersonPicker

log = logging.getLogger(__name__)

LABELS: dict[str, str] = {
    "person": N_("&Person:"),
    "organisation_id": N_("&Organisation they come for:"),
    "role": N_("&Role:"),
    "status": N_("S&tatus:"),
    "heard_from": N_("How they &heard of it:"),
}
AUTOMATIC = ""  # the status box's first choice when adding: registered, or waiting list if full


class RegistrationDialog(FormDialog):
    """Add a person to an activity (``registration`` ``None``) or change their registration.

    After ``exec()`` returns accepted, ``saved_id`` is the registration's id, ``registration``
    the row saved (when adding) and ``promoted_person_id`` the person who got a freed place from
    the waiting list (when a change freed one), else ``None``.
    """

    def __init__(
        self,
        services: Services,
        activity_id: str,
        registration: RegistrationRow | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.services = services
        self.activity_id = activity_id
        self.original = registration
        self.registration: RegistrationRow | None = None
        self.promoted_person_id: str | None = None
        self.activity_title = services.activities.get(activity_id).title
        self._all_organisations = services.organisations.choices()
        self._build()
        if registration is None:
            self._load_new()
        else:
            self._load(registration)
        self.finish()
        self.resize(720, 600 if registration is None else 360)

    def widget(self, key: str):  # type: ignore[no-untyped-def]
        return self.fields.widgets[key]

    def _build(self) -> None:
        form = self.section()
        if self.original is None:
            self.picker = PersonPicker(self.services)
            self.picker.picked.connect(self._on_picker_picked)
            self.fields.add(form, "person", self.picker, above=True)
        else:
            name = QLabel()
            name.setTextFormat(Qt.TextFormat.PlainText)
            name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
            name.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.fields.add(form, "person", name)
        organisation = OrganisationPicker()
        organisation.entered.connect(self.accept)
        self.fields.add(form, "organisation_id", organisation)
        self.fields.add(form, "role", ChoiceBox(REGISTRATION_ROLES))
        status = QComboBox()
        if self.original is None:
            status.addItem("", AUTOMATIC)
        for code in REGISTRATION_STATUSES:
            status.addItem("", code)
        self.fields.add(form, "status", status)
        self.fields.add(form, "heard_from", QLineEdit())

    def _load_new(self) -> None:
        notes = {
            r.person_id: choice_label(REGISTRATION_STATUSES, r.status)
            for r in self.services.registrations.list(self.activity_id)
        }
        self.picker.set_notes(notes)
        self._set_organisations(None, None)

    def _load(self, row: RegistrationRow) -> None:
        self.widget("person").setText(row.full_name)
        self._set_organisations(row.person_id, row.organisation_id)
        self.widget("role").choose(row.role)
        status = self.widget("status")
        status.setCurrentIndex(max(0, status.findData(row.status)))
        self.widget("heard_from").setText(row.heard_from)

    def _set_organisations(self, person_id: str | None, chosen: str | None) -> None:
        """The person's own organisations first, then all the others."""
        mine: list[tuple[str, str]] = []
        if person_id:
            memberships = self.services.people.get(person_id).memberships
            mine = [
                (m.organisation_id, m.organisation_name) for m in memberships if m.organisation_id
            ]
        own_ids = {organisation_id for organisation_id, _name in mine}
        others = [pair for pair in self._all_organisations if pair[0] not in own_ids]
        picker: OrganisationPicker = self.widget("organisation_id")
        picker.set_choices(mine + others)
        if mine and others:
            picker.insertSeparator(len(mine))
        wanted = chosen if chosen is not None else (mine[0][0] if mine else None)
        if wanted:
            picker.setCurrentIndex(max(-1, picker.findData(wanted)))

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        if self.original is None:
            title = _("Add a person to “{activity}”")
        else:
            title = _("Registration in “{activity}”")
        self.setWindowTitle(title.format(activity=self.activity_title))
        self.sections[0].setTitle(_("Registration"))
        self.fields.set_texts({key: _(text) for key, text in LABELS.items()})
        status = self.widget("status")
        for row in range(status.count()):
            code = status.itemData(row)
            status.setItemText(
                row,
                _("Automatic: registered, or waiting list when full")
                if code == AUTOMATIC
                else choice_label(REGISTRATION_STATUSES, code),
            )

    def _on_picker_picked(self, person_id: str) -> None:
        self.fields.clear("person")
        self._set_organisations(person_id, None)
        self.widget("organisation_id").setFocus(Qt.FocusReason.OtherFocusReason)

    def _organisation_id(self) -> str | None:
        organisation_id, name = self.widget("organisation_id").chosen()
        if name and organisation_id is None:
            raise ValidationError(
                _(
                    "“{name}” is not in the directory. Choose an organisation from the list, or "
                    "leave it empty and add the organisation in the directory first."
                ).format(name=name),
                field="organisation_id",
            )
        return organisation_id

    def save(self) -> str:
        if self.original is None and self.picker.chosen_id is None:
            raise ValidationError(
                _("Find the person in the directory and press Enter, or create them."),
                field="person",
            )
        organisation_id = self._organisation_id()
        role = self.widget("role").currentData()
        status = self.widget("status").currentData()
        heard_from = self.widget("heard_from").text()
        if self.original is not None:
            self.promoted_person_id = self.services.registrations.update(
                self.original.id,
                organisation_id=organisation_id,
                role=role,
                status=status,
                heard_from=heard_from,
            )
            return self.original.id
        self.registration = self.services.registrations.register(
            self.activity_id,
            self.picker.chosen_id,
            organisation_id=organisation_id,
            role=role,
            status=status or None,
            heard_from=heard_from,
        )
        return self.registration.id
