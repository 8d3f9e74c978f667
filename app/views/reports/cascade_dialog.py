"""The form of a cascade: who passed the content on and in which organisation, what they passed
on (learned at which activity, which good practice), when, how and to how many people."""

from __future__ import annotations

import logging
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QSizePolicy, QSpinBox, QWidget

from app.errors import ValidationError
from app.i18n import N_, _, format_date
from app.services.cascade_values import MAX_REACHED, validate_cascade
from app.services.cascades import CascadeChoices, CascadeData, CascadeRow
from app.services.catalogue_values import CatalogueFilters
from app.services.network_vocabulary import CASCADE_FORMATS
from app.services.registry import Services
from app.services.text import fold
from app.views.reports.link_field import Choice, LinkField
from app.views.widgets.choices import ChoiceBox
from app.views.widgets.form_dialog import FormDialog
from app.views.widgets.form_fields import text_box
from app.views.widgets.organisation_picker import OrganisationPicker
from app.views.widgets.person_picker import PersonPicker

log = logging.getLogger(__name__)

NOTES_COLUMN = 3  # the person picker's "in this activity": nothing to say here
FOUND = 30
LABELS: dict[str, str] = {
    "person_id": N_("&Who passed it on (required):"),
    "organisation_id": N_("In which or&ganisation:"),
    "activity_id": N_("Learned at which acti&vity:"),
    "practice_id": N_("Which good &practice:"),
    "held_on": N_("&Date:"),
    "how": N_("&How:"),
    "people_reached": N_("People &reached:"),
    "notes": N_("&Notes:"),
}
SECTION_TITLES = (N_("Who"), N_("What was passed on"), N_("When and how"))


def today() -> date:
    return date.today()


class CascadeDialog(FormDialog):
    """The form of one cascade: a new one when ``row`` is ``None``, else the cascade of the
    list's ``row`` (raises :class:`NotFoundError` when it is gone). After ``exec()`` returns
    accepted, ``saved_id`` is its id.

    Once the person is chosen, their organisation is filled in (if none is chosen yet), and the
    activity and practice searches offer first what they attended and what was handed out there.
    """

    def __init__(
        self, services: Services, row: CascadeRow | None = None, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.services = services
        self.row = row
        self.cascade = services.cascades.get(row.id) if row else None
        self.choices = CascadeChoices()
        self._organisations = services.organisations.choices()
        self._build()
        if self.cascade is not None and row is not None:
            self._load(self.cascade, row)
        self.widget("person_id").picked.connect(self._on_person_picked)
        self.widget("organisation_id").entered.connect(self.focusNextChild)
        self.body_layout.addStretch(1)
        self.finish()
        self.resize(680, 640)

    def widget(self, key: str):  # type: ignore[no-untyped-def]
        return self.fields.widgets[key]

    def _build(self) -> None:
        add = self.fields.add
        who, what, how = (self.section() for _title in SECTION_TITLES)
        picker = PersonPicker(self.services)
        picker.table.setColumnHidden(NOTES_COLUMN, True)
        picker.table.setMinimumHeight(120)
        picker.table.hide()  # the matches show while a name is typed; the chosen one is said
        picker.search.textChanged.connect(lambda text: picker.table.setVisible(bool(text.strip())))
        add(who, "person_id", picker, above=True)
        add(who, "organisation_id", OrganisationPicker(self._organisations))
        add(what, "activity_id", LinkField(self._search_activities, *self._activity_texts()))
        add(what, "practice_id", LinkField(self._search_practices, *self._practice_texts()))
        held_on = QDateEdit(calendarPopup=True)
        held_on.setDisplayFormat("dd/MM/yyyy")
        held_on.setMaximumDate(QDate.currentDate())
        held_on.setDate(QDate.currentDate())
        held_on.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        add(how, "held_on", held_on)
        add(how, "how", ChoiceBox(CASCADE_FORMATS))
        reached = QSpinBox()
        reached.setRange(0, MAX_REACHED)
        reached.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        add(how, "people_reached", reached)
        add(how, "notes", text_box(3), above=True)

    @staticmethod
    def _activity_texts():  # type: ignore[no-untyped-def]
        return (
            lambda: _("Choose the activity"),
            lambda: _("Words of its title; the person's own activities come first"),
            lambda: _("No activity chosen"),
        )

    @staticmethod
    def _practice_texts():  # type: ignore[no-untyped-def]
        return (
            lambda: _("Choose the good practice"),
            lambda: _("Words of the title or of what it tells"),
            lambda: _("No practice chosen"),
        )

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.setWindowTitle(_("Edit cascade") if self.row else _("New cascade"))
        for group, title in zip(self.sections, SECTION_TITLES, strict=True):
            group.setTitle(_(title))
        self.fields.set_texts({key: _(text) for key, text in LABELS.items()})
        self.widget("organisation_id").lineEdit().setPlaceholderText(
            _("The organisation where it was passed on (their own, usually)")
        )
        self.widget("people_reached").setToolTip(
            _("How many people it reached; 0 when you do not know")
        )

    # -- searches ---------------------------------------------------------------------------------

    def _search_activities(self, query: str) -> list[Choice]:
        """The person's activities holding every word typed, then the programme's others."""
        found = _matching(self.choices.activities, query)
        if query:
            seen = {record_id for record_id, _text in found}
            for row in self.services.activities.list(query, limit=FOUND):
                if row.id not in seen:
                    label = _("{label} ({date})").format(
                        label=row.title, date=format_date(row.first_date)
                    )
                    found.append((row.id, label if row.first_date else row.title))
        return found[:FOUND]

    def _search_practices(self, query: str) -> list[Choice]:
        """The practices handed out at the person's activities, then the catalogue's others."""
        found = _matching(self.choices.practices, query)
        seen = {record_id for record_id, _text in found}
        for row in self.services.catalogue.search(query, CatalogueFilters(), limit=FOUND):
            if row.id not in seen:
                found.append((row.id, row.title))
        return found[:FOUND]

    def _on_person_picked(self, person_id: str) -> None:
        self.choices = self.services.cascades.choices(person_id)
        picker = self.widget("organisation_id")
        typed = picker.currentText()
        own = list(self.choices.organisations)
        others = [(i, name) for i, name in self._organisations if (i, name) not in own]
        picker.set_choices(own + others)
        if typed.strip():
            picker.setEditText(typed)
        elif own:
            picker.setCurrentIndex(0)
        log.info("cascade form: person %s chosen", person_id)

    # -- data -----------------------------------------------------------------------------------

    def _load(self, data: CascadeData, row: CascadeRow) -> None:
        self.widget("person_id").choose(row.person_id, row.person_name)
        self.choices = self.services.cascades.choices(row.person_id)
        picker = self.widget("organisation_id")
        index = picker.findData(data.organisation_id)
        if data.organisation_id and index >= 0:
            picker.setCurrentIndex(index)
        elif data.organisation_id:
            picker.setEditText(row.organisation_name)
        self.widget("activity_id").set_value(data.activity_id, row.activity_title)
        self.widget("practice_id").set_value(data.practice_id, row.practice_title)
        self.widget("held_on").setDate(QDate(data.held_on))
        self.widget("how").choose(data.how)
        self.widget("people_reached").setValue(data.people_reached)
        self.widget("notes").setPlainText(data.notes)

    def _organisation_id(self) -> str | None:
        """The organisation chosen (``None`` for none); a name not in the directory is refused."""
        organisation_id, name = self.widget("organisation_id").chosen()
        if organisation_id or not name:
            return organisation_id
        if self.row and self.row.organisation_id and fold(name) == fold(self.row.organisation_name):
            return self.row.organisation_id  # unchanged; saving says if it is gone
        raise ValidationError(
            _(
                "“{name}” is not in the directory. Choose an organisation of the directory, "
                "or leave the field empty."
            ).format(name=name),
            field="organisation_id",
        )

    def cascade_data(self) -> CascadeData:
        """What the form holds now."""
        return CascadeData(
            id=self.cascade.id if self.cascade else None,
            person_id=self.widget("person_id").chosen_id or "",
            held_on=self.widget("held_on").date().toPython(),
            organisation_id=self._organisation_id(),
            activity_id=self.widget("activity_id").value(),
            practice_id=self.widget("practice_id").value(),
            people_reached=self.widget("people_reached").value(),
            how=self.widget("how").currentData(),
            notes=self.widget("notes").toPlainText(),
        )

    def save(self) -> str:
        """Record the cascade through the cascades service."""
        data = self.cascade_data()
        validate_cascade(data, today())
        saved = self.services.cascades.save(data, today())
        log.info("cascade saved from the form: %s", saved.id)
        return saved.id


def _matching(choices: tuple[tuple[str, str], ...], query: str) -> list[Choice]:
    """The ``(id, label)`` choices whose label holds every word of ``query``."""
    words = fold(query).split()
    return [(i, label) for i, label in choices if all(w in fold(label) for w in words)]
