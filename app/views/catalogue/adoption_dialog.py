"""Recording that an organisation adopted a good practice: when, how it adapted it, the result."""

from __future__ import annotations

import logging
from dataclasses import replace

from PySide6.QtWidgets import QMessageBox, QSizePolicy, QWidget

from app.errors import NotFoundError, ValidationError
from app.i18n import N_, _
from app.services.adoptions import AdoptionData, validate_adoption
from app.services.organisations import OrganisationData
from app.services.registry import Services
from app.services.text import fold
from app.views.catalogue.practice_form import today
from app.views.mentoring.pair_fields import OptionalDate, show_check
from app.views.widgets.form_dialog import FormDialog
from app.views.widgets.form_fields import text_box
from app.views.widgets.organisation_picker import OrganisationPicker
from app.views.widgets.paragraph import paragraph

log = logging.getLogger(__name__)

TEXT_BOXES = ("adaptation", "result", "notes")
LABELS: dict[str, str] = {
    "organisation_id": N_("&Organisation that adopted it (required):"),
    "adopted_on": N_("A&dopted on:"),
    "adaptation": N_("&How it was adapted:"),
    "result": N_("&Result:"),
    "notes": N_("&Notes:"),
}
SECTION_TITLES = (N_("Who and when"), N_("How it went"))


class AdoptionDialog(FormDialog):
    """The form of one adoption of the practice ``practice_id``: a new one when ``data`` is
    ``None`` or has no id. After ``exec()`` returns accepted, ``saved_id`` is its id.

    The organisation is picked from the directory; a name typed that is not there is added to
    the directory when the person agrees.
    """

    def __init__(
        self,
        services: Services,
        practice_id: str,
        data: AdoptionData | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.services = services
        self.adoption = data or AdoptionData(practice_id=practice_id, organisation_id="")
        self.adoption = replace(self.adoption, practice_id=practice_id)
        self.practice_title = self._practice_title()
        self._build()
        self._load(self.adoption)
        self.widget("adopted_on").changed.connect(
            lambda: show_check(self.fields, "adopted_on", self._date_check)
        )
        self.widget("organisation_id").entered.connect(self.focusNextChild)
        self.body_layout.addStretch(1)
        self.finish()
        self.resize(640, 560)

    def widget(self, key: str):  # type: ignore[no-untyped-def]
        return self.fields.widgets[key]

    def _practice_title(self) -> str:
        try:
            return self.services.catalogue.get(self.adoption.practice_id).title
        except NotFoundError:
            return ""  # saving says that the practice is gone

    def _build(self) -> None:
        add = self.fields.add
        who = self.section()
        self.practice_label = paragraph()
        who.addRow(self.practice_label)
        add(who, "organisation_id", OrganisationPicker(self.services.organisations.choices()))
        when = OptionalDate()
        when.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        add(who, "adopted_on", when)
        how = self.section()
        for key, lines in zip(TEXT_BOXES, (5, 4, 3), strict=True):
            add(how, key, text_box(lines), above=True)

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        if self.adoption.id:
            self.setWindowTitle(_("Edit adoption"))
        else:
            self.setWindowTitle(_("New adoption"))
        for group, title in zip(self.sections, SECTION_TITLES, strict=True):
            group.setTitle(_(title))
        self.fields.set_texts({key: _(text) for key, text in LABELS.items()})
        self.practice_label.setText(
            _("Practice: {title}").format(title=self.practice_title) if self.practice_title else ""
        )
        self.widget("organisation_id").lineEdit().setPlaceholderText(
            _("Type part of the name to find it in the directory")
        )
        self.widget("adaptation").setToolTip(
            _("What the organisation changed to make the practice work for them")
        )
        self.widget("result").setToolTip(_("What came of it: people reached, changes seen…"))

    # -- data -----------------------------------------------------------------------------------

    def _load(self, data: AdoptionData) -> None:
        picker = self.widget("organisation_id")
        index = picker.findData(data.organisation_id)
        if data.organisation_id and index >= 0:
            picker.setCurrentIndex(index)
        elif data.organisation_id:
            picker.setEditText(self._listed_name(data))
        self.widget("adopted_on").set_value(data.adopted_on)
        for key in TEXT_BOXES:
            self.widget(key).setPlainText(getattr(data, key))

    def _listed_name(self, data: AdoptionData) -> str:
        """The name of an organisation no longer in the directory, as the adoption lists it."""
        for row in self.services.adoptions.list(practice_id=data.practice_id):
            if row.id == data.id:
                return row.organisation_name
        return ""

    def _date_check(self) -> None:
        adopted_on = self.widget("adopted_on").value()
        if adopted_on is not None and adopted_on > today():
            raise ValidationError(
                _("The adoption date is in the future. Record an adoption once it happened."),
                field="adopted_on",
            )

    def adoption_data(self, organisation_id: str) -> AdoptionData:
        """What the form holds now, for the organisation ``organisation_id``."""
        return replace(
            self.adoption,
            organisation_id=organisation_id,
            adopted_on=self.widget("adopted_on").value(),
            **{key: self.widget(key).toPlainText() for key in TEXT_BOXES},  # type: ignore[arg-type]
        )

    def _organisation_id(self) -> str:
        """The chosen organisation's id; a new name is added to the directory if the person
        agrees (otherwise a ValidationError asks to choose one)."""
        organisation_id, name = self.widget("organisation_id").chosen()
        if organisation_id:
            return organisation_id
        if not name:
            raise ValidationError(
                _("Choose the organisation that adopted the practice."), field="organisation_id"
            )
        if self.adoption.organisation_id and fold(name) == fold(self._listed_name(self.adoption)):
            return self.adoption.organisation_id  # unchanged; saving says if it is gone
        if not self._ask_to_add(name):
            raise ValidationError(
                _("Choose an organisation of the directory, or agree to add “{name}”.").format(
                    name=name
                ),
                field="organisation_id",
            )
        added = self.services.organisations.save(OrganisationData(name=name))
        log.info("organisation added from the adoption form: %s", added.id)
        return added.id or ""

    def _ask_to_add(self, name: str) -> bool:
        answer = QMessageBox.question(
            self,
            _("Add an organisation"),
            _(
                "“{name}” is not in the directory. Add it to the directory and record its "
                "adoption? You can fill in its details later in the Directory tab."
            ).format(name=name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        return answer == QMessageBox.StandardButton.Yes

    def save(self) -> str:
        """Record the adoption through the adoptions service."""
        self._date_check()
        # What can be seen to be wrong is said before an organisation is added for it.
        validate_adoption(self.adoption_data("not yet chosen"), today())
        saved = self.services.adoptions.save(self.adoption_data(self._organisation_id()))
        return saved.id
