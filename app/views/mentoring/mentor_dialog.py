"""Adding or editing a mentor: the person of the directory who offers their time, the
organisation they mentor for, the areas they can help with, their expertise and how many pairs
they can hold at once."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLabel, QListView, QSpinBox, QWidget

from app.errors import TejidoError, ValidationError
from app.i18n import N_, _
from app.services.mentor_values import MAX_CAPACITY
from app.services.mentoring_vocabulary import MENTORING_AREAS
from app.services.mentors import MentorData
from app.services.registry import Services
from app.views.widgets.codes_checklist import CodesChecklist
from app.views.widgets.form_dialog import FormDialog
from app.views.widgets.form_fields import text_box
from app.views.widgets.organisation_picker import OrganisationPicker
from app.views.widgets.paragraph import paragraph
from app.views.widgets.person_picker import PersonPicker

log = logging.getLogger(__name__)

NOTES_COLUMN = 3  # the person picker's remarks column ("In this activity")
LABELS: dict[str, str] = {
    "person_id": N_("&Person:"),
    "organisation_id": N_("&Organisation they mentor for:"),
    "areas": N_("&Areas they can mentor in:"),
    "expertise": N_("E&xpertise:"),
    "capacity": N_("&Pairs at once:"),
    "available": N_("A&vailable for new pairs:"),
    "notes": N_("&Notes:"),
}


class MentorDialog(FormDialog):
    """The form of one mentor. ``data`` ``None`` (or without an id) adds a mentor, chosen with
    the person picker; picking someone who already is a mentor opens their record instead. An
    existing mentor keeps their person. After ``exec()`` returns accepted, ``saved_id`` is the
    mentor's id."""

    def __init__(
        self, services: Services, data: MentorData | None = None, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.services = services
        self.mentor = data
        self.person_name = ""
        self._all_organisations = services.organisations.choices()
        self._build()
        if data is not None and data.person_id:
            self._load(data)
            if self.picker is not None:  # a new mentor offered for a given person
                self.picker.blockSignals(True)
                self.picker.choose(data.person_id, self.person_name)
                self.picker.blockSignals(False)
        else:
            self._fill(data or MentorData(person_id=""))
            self._set_organisations(None, None)
        self.finish()
        self.resize(680, 720 if self.is_new() else 560)

    def is_new(self) -> bool:
        return self.mentor is None or self.mentor.id is None

    def widget(self, key: str):  # type: ignore[no-untyped-def]
        return self.fields.widgets[key]

    def _build(self) -> None:
        add = self.fields.add
        form = self.section()
        if self.is_new():
            self.picker: PersonPicker | None = PersonPicker(self.services)
            self.picker.picked.connect(self._on_picker_picked)
            self.picker.table.setColumnHidden(NOTES_COLUMN, True)  # it speaks of activities
            add(form, "person_id", self.picker, above=True)
        else:
            self.picker = None
            name = QLabel()
            name.setTextFormat(Qt.TextFormat.PlainText)
            name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
            add(form, "person_id", name)
        self.already = paragraph()
        self.already.hide()
        form.addRow(self.already)
        organisation = OrganisationPicker()
        organisation.entered.connect(lambda: self.focusNextChild())
        add(form, "organisation_id", organisation)
        offer = self.section()
        add(
            offer, "areas", _in_columns(CodesChecklist(MENTORING_AREAS, translate=True)), above=True
        )
        add(offer, "expertise", text_box(4), above=True)
        capacity = QSpinBox()
        capacity.setRange(1, MAX_CAPACITY)
        capacity.setMaximumWidth(capacity.fontMetrics().horizontalAdvance("0") * 6 + 40)
        add(offer, "capacity", capacity)
        add(offer, "available", QCheckBox())
        add(offer, "notes", text_box(3), above=True)
        self.body_layout.addStretch(1)

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        if self.is_new():
            self.setWindowTitle(_("New mentor"))
        else:
            self.setWindowTitle(_("Mentor: {name}").format(name=self.person_name))
        self.sections[0].setTitle(_("Mentor"))
        self.sections[1].setTitle(_("What they offer"))
        self.fields.set_texts({key: _(label) for key, label in LABELS.items()})
        self.widget("organisation_id").lineEdit().setPlaceholderText(
            _("Type part of the name; empty if they mentor on their own")
        )
        self.widget("areas").retranslate_ui()
        self.widget("expertise").setPlaceholderText(
            _("What they know well and can pass on, in a few words")
        )
        self.widget("capacity").setToolTip(
            _("How many mentees they can accompany at the same time")
        )
        self.widget("available").setToolTip(
            _("Untick while they cannot take new pairs; their current pairs go on")
        )
        self._say_already()

    # -- data -----------------------------------------------------------------------------------

    def _load(self, data: MentorData) -> None:
        self.mentor = data
        self.person_name = self._name_of(data.person_id)
        if self.picker is None:
            self.widget("person_id").setText(self.person_name)
        self._set_organisations(data.person_id, data.organisation_id)
        self._fill(data)

    def _fill(self, data: MentorData) -> None:
        """Show what ``data`` offers (areas, expertise, places, availability, notes)."""
        self.widget("areas").set_checked(data.areas)
        self.widget("expertise").setPlainText(data.expertise)
        self.widget("capacity").setValue(max(1, data.capacity))
        self.widget("available").setChecked(data.available)
        self.widget("notes").setPlainText(data.notes)

    def _name_of(self, person_id: str) -> str:
        try:
            return self.services.people.get(person_id).full_name
        except TejidoError:  # removed since the list was read: the form still opens
            return ""

    def _set_organisations(self, person_id: str | None, chosen: str | None) -> None:
        """The person's own organisations first, then all the others; their first one chosen
        unless ``chosen`` says otherwise."""
        mine: list[tuple[str, str]] = []
        if person_id:
            memberships = self.services.people.get(person_id).memberships
            mine = [
                (m.organisation_id, m.organisation_name) for m in memberships if m.organisation_id
            ]
        own = {organisation_id for organisation_id, _name in mine}
        others = [pair for pair in self._all_organisations if pair[0] not in own]
        picker: OrganisationPicker = self.widget("organisation_id")
        picker.set_choices(mine + others)
        if mine and others:
            picker.insertSeparator(len(mine))
        wanted = chosen if chosen is not None else (mine[0][0] if mine else None)
        if wanted:
            picker.setCurrentIndex(max(-1, picker.findData(wanted)))

    def _say_already(self) -> None:
        existing = self.picker is not None and self.mentor is not None and self.mentor.id
        self.already.setVisible(bool(existing))
        if existing:
            self.already.setText(
                _("{name} is already a mentor: this is their record, saving changes it.").format(
                    name=self.person_name
                )
            )

    def _on_picker_picked(self, person_id: str) -> None:
        self.fields.clear("person_id")
        existing = self.services.mentors.for_person(person_id)
        if existing is not None:
            self._load(existing)
        else:
            if self.mentor is not None and self.mentor.id:  # another mentor's record was shown
                self._fill(MentorData(person_id=""))
            self.mentor = None
            self.person_name = self.picker.chosen_name if self.picker else ""
            self._set_organisations(person_id, None)
        self._say_already()
        self.widget("organisation_id").setFocus(Qt.FocusReason.OtherFocusReason)

    def _person_id(self) -> str:
        if self.picker is None:
            assert self.mentor is not None
            return self.mentor.person_id
        if self.picker.chosen_id is None:
            raise ValidationError(
                _("Find the person in the directory and press Enter, or create them."),
                field="person_id",
            )
        return self.picker.chosen_id

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

    def mentor_data(self) -> MentorData:
        """What the form holds now (raises ValidationError without a person)."""
        return MentorData(
            person_id=self._person_id(),
            id=self.mentor.id if self.mentor is not None else None,
            organisation_id=self._organisation_id(),
            areas=self.widget("areas").checked(),
            expertise=self.widget("expertise").toPlainText(),
            capacity=self.widget("capacity").value(),
            available=self.widget("available").isChecked(),
            notes=self.widget("notes").toPlainText(),
        )

    def save(self) -> str:
        saved = self.services.mentors.save(self.mentor_data())
        return saved.id


def _in_columns(checklist: CodesChecklist, columns: int = 3) -> CodesChecklist:
    """Lay the areas out in columns (top to bottom, then the next column), so the whole form
    fits on a small laptop screen: the list is as tall as one column, plus half a row."""
    rows = -(-checklist.count() // columns)
    checklist.setFlow(QListView.Flow.TopToBottom)
    checklist.setWrapping(True)
    checklist.setResizeMode(QListView.ResizeMode.Adjust)
    checklist.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    row = checklist.sizeHintForRow(0)
    checklist.setFixedHeight(row * rows + row // 2 + 2 * checklist.frameWidth())
    return checklist
