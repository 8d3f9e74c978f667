"""Fields of the mentoring pair's form: the two people with the organisations they act for, and
a date that may be left unset."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import NotFoundError, ValidationError
from app.i18n import _
from app.services.mentoring_values import RelationshipData
from app.services.registry import Services
from app.views.widgets.form_fields import FormFields
from app.views.widgets.organisation_picker import OrganisationPicker
from app.views.widgets.person_picker import PersonPicker
from app.views.widgets.translatable import Retranslatable

log = logging.getLogger(__name__)

SIDES = ("mentor", "mentee")
# The lowest date of the field stands for "not set" (a date field cannot be empty).
NOT_SET = QDate(1900, 1, 1)


class OptionalDate(Retranslatable, QWidget):
    """A date field that may be left unset ("Not set"), with a button that unsets it.

    When unset, its calendar opens on this month rather than on the year 1900.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.edit = QDateEdit(calendarPopup=True)
        self.edit.setDisplayFormat("dd/MM/yyyy")  # as the sessions editor shows dates
        self.edit.setMinimumDate(NOT_SET)
        self.edit.setDate(NOT_SET)
        self.edit.calendarWidget().installEventFilter(self)
        self.clear_button = QToolButton()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.clear_button)
        self.setFocusProxy(self.edit)
        self.edit.dateChanged.connect(lambda _date: self._on_date_changed())
        self.clear_button.clicked.connect(lambda: self.set_value(None))
        self.retranslate_ui()
        self._on_date_changed()

    def retranslate_ui(self) -> None:
        self.edit.setSpecialValueText(_("Not set"))
        self.clear_button.setText(_("Clear"))
        self.clear_button.setToolTip(_("Leave this date unset"))
        self.clear_button.setAccessibleName(_("Clear the date"))

    def setAccessibleName(self, name: str) -> None:  # noqa: N802 (Qt's name)
        """Name the date field itself, which is what a screen reader lands on."""
        super().setAccessibleName(name)
        self.edit.setAccessibleName(name)

    def value(self) -> date | None:
        chosen = self.edit.date()
        return None if chosen == NOT_SET else chosen.toPython()

    def set_value(self, value: date | None) -> None:
        self.edit.setDate(QDate(value) if value else NOT_SET)

    def _on_date_changed(self) -> None:
        self.clear_button.setEnabled(self.edit.date() != NOT_SET)
        self.changed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Show and self.edit.date() == NOT_SET:
            today = QDate.currentDate()
            self.edit.calendarWidget().setCurrentPage(today.year(), today.month())
        return super().eventFilter(watched, event)


def own_organisations(
    services: Services, person_id: str, names: dict[str, str], *, as_mentor: bool
) -> list[tuple[str, str]]:
    """``(id, name)`` of the organisations the person acts for, the likeliest first: for a mentor,
    the organisation of their mentor record (if they have one), then those of their memberships
    in the directory. ``names`` are the organisations that can be chosen."""
    try:
        person = services.people.get(person_id)
    except NotFoundError:
        return []
    found = [(m.organisation_id, m.organisation_name) for m in person.memberships]
    if as_mentor:
        mentor = services.mentors.for_person(person_id)
        if mentor is not None and mentor.organisation_id in names:
            found.insert(0, (mentor.organisation_id, names[mentor.organisation_id]))
    unique: dict[str, str] = {}
    for organisation_id, name in found:
        if organisation_id:
            unique.setdefault(organisation_id, name)
    return list(unique.items())


def show_check(fields: FormFields, key: str, check: Callable[[], object]) -> bool:
    """Run ``check``: show its problem under its field (``key`` if it names none), or clear
    ``key``'s problem. Returns whether all was right."""
    try:
        check()
    except ValidationError as error:
        fields.show_error(error.field or key, str(error))
        return False
    fields.clear(key)
    return True


class PairSides:
    """The mentor and the mentee, each found in the directory, and the organisation each acts
    for, as fields ``mentor``, ``mentor_organisation_id``, ``mentee`` and
    ``mentee_organisation_id`` of a form.

    Choosing a person proposes the organisation they act for (for a mentor, the one of their
    mentor record first); the same person or organisation on both sides is said at once.
    """

    def __init__(self, services: Services, fields: FormFields):
        self.services = services
        self.fields = fields
        self.names = dict(services.organisations.choices())

    def picker(self, side: str) -> PersonPicker:
        return self.fields.widgets[side]  # type: ignore[return-value]

    def organisation(self, side: str) -> OrganisationPicker:
        return self.fields.widgets[f"{side}_organisation_id"]  # type: ignore[return-value]

    def build(self) -> QHBoxLayout:
        """The two sides, side by side."""
        pair = QHBoxLayout()
        for side in SIDES:
            column = QFormLayout()
            picker = PersonPicker(self.services)
            picker.table.hideColumn(3)  # "in this activity": nothing to say here
            self._fit_matches(picker)
            self.fields.add(column, side, picker, above=True)
            self.fields.add(column, f"{side}_organisation_id", OrganisationPicker(), above=True)
            top = QVBoxLayout()  # a side whose matches are hidden keeps its fields together
            top.addLayout(column)
            top.addStretch(1)
            pair.addLayout(top, 1)
        return pair

    @staticmethod
    def _fit_matches(picker: PersonPicker) -> None:
        """Half a form wide, the matches' columns share the width rather than scroll sideways;
        and the matches show only while a name is typed (a chosen person is said under it)."""
        table = picker.table
        table.setMinimumHeight(110)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.hide()
        picker.search.textChanged.connect(lambda text: table.setVisible(bool(text.strip())))

    def connect(self, focus_next: Callable[[], object]) -> None:
        for side in SIDES:
            self.picker(side).picked.connect(
                lambda person_id, s=side: self._on_picked(s, person_id)
            )
            self.organisation(side).currentIndexChanged.connect(
                lambda _i: self.check_organisations()
            )
            self.organisation(side).entered.connect(focus_next)

    def retranslate_ui(self) -> None:
        for side in SIDES:
            self.organisation(side).lineEdit().setPlaceholderText(
                _("The organisation they act for in this pair")
            )

    def load(self, data: RelationshipData) -> None:
        """Show the people and organisations of ``data`` (a prefill may leave a person out)."""
        names = self._people_names(data)
        for side in SIDES:
            person_id = getattr(data, f"{side}_id")
            if person_id and names.get(person_id):
                self.picker(side).choose(person_id, names[person_id])
            self._set_organisations(side, getattr(data, f"{side}_organisation_id"))

    def _people_names(self, data: RelationshipData) -> dict[str, str]:
        """The names of the two people (those of a saved pair even if since trashed)."""
        if data.id:
            try:
                detail = self.services.mentoring.get(data.id)
            except NotFoundError:
                log.info("pair gone while its form opened: %s", data.id)
            else:
                for organisation_id, name in (
                    (data.mentor_organisation_id, detail.mentor_organisation),
                    (data.mentee_organisation_id, detail.mentee_organisation),
                ):
                    if organisation_id:  # kept even when since moved to the trash
                        self.names.setdefault(organisation_id, name)
                return {data.mentor_id: detail.mentor_name, data.mentee_id: detail.mentee_name}
        names: dict[str, str] = {}
        for person_id in (data.mentor_id, data.mentee_id):
            if person_id:
                try:
                    names[person_id] = self.services.people.get(person_id).full_name
                except NotFoundError:
                    log.info("prefilled person not found: %s", person_id)
        return names

    def _own(self, side: str, person_id: str | None) -> list[tuple[str, str]]:
        if not person_id:
            return []
        return own_organisations(self.services, person_id, self.names, as_mentor=side == "mentor")

    def _set_organisations(self, side: str, chosen: str | None) -> None:
        """The person's own organisations first, then all the others; ``chosen`` picked."""
        mine = self._own(side, self.picker(side).chosen_id)
        own_ids = {organisation_id for organisation_id, _name in mine}
        others = [pair for pair in self.names.items() if pair[0] not in own_ids]
        picker = self.organisation(side)
        picker.blockSignals(True)
        picker.set_choices(mine + others)
        if mine and others:
            picker.insertSeparator(len(mine))
        picker.setCurrentIndex(picker.findData(chosen) if chosen else -1)
        picker.blockSignals(False)

    def _on_picked(self, side: str, person_id: str) -> None:
        """Propose the organisation the person acts for, unless the one chosen is theirs."""
        self.fields.clear(side)
        current, _name = self.organisation(side).chosen()
        own_ids = [organisation_id for organisation_id, _name in self._own(side, person_id)]
        self._set_organisations(side, current if current in own_ids or not own_ids else own_ids[0])
        if self.picker("mentor").chosen_id and self.picker("mentee").chosen_id:
            show_check(self.fields, "mentee", self.same_person_check)
        self.check_organisations()
        self.organisation(side).setFocus(Qt.FocusReason.OtherFocusReason)

    def check_organisations(self) -> None:
        show_check(self.fields, "mentee_organisation_id", self.organisations_check)

    # -- checks ---------------------------------------------------------------------------------

    def people_check(self) -> None:
        """Both people chosen, and two different people."""
        for side in SIDES:
            if not self.picker(side).chosen_id:
                message = (
                    _("Find the mentor in the directory and press Enter, or create them.")
                    if side == "mentor"
                    else _("Find the mentee in the directory and press Enter, or create them.")
                )
                raise ValidationError(message, field=side)
        self.same_person_check()

    def same_person_check(self) -> None:
        if self.picker("mentor").chosen_id == self.picker("mentee").chosen_id:
            raise ValidationError(
                _("The mentee is the mentor too. Choose two different people."), field="mentee"
            )

    def organisations_check(self) -> None:
        mentor, _name = self.organisation("mentor").chosen()
        mentee, _name = self.organisation("mentee").chosen()
        if mentor and mentor == mentee:
            raise ValidationError(
                _(
                    "The mentee acts for the same organisation as the mentor. Mentoring here "
                    "pairs professionals of different organisations: choose another one."
                ),
                field="mentee_organisation_id",
            )

    def organisation_id(self, side: str) -> str | None:
        """The organisation chosen for ``side``; a name typed that is not in the directory is
        refused (it is added in the directory, not here)."""
        organisation_id, name = self.organisation(side).chosen()
        if name and organisation_id is None:
            raise ValidationError(
                _(
                    "“{name}” is not in the directory. Choose an organisation from the list, or "
                    "leave it empty and add the organisation in the directory first."
                ).format(name=name),
                field=f"{side}_organisation_id",
            )
        return organisation_id
