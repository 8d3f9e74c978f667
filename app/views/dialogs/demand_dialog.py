"""Adding or editing a demand: the topic an organisation asked for, where and when it asked."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QLineEdit, QWidget

from app.i18n import N_, _
from app.services import text, validation
from app.services.demands import DemandData
from app.services.registry import Services
from app.services.vocabulary import AREAS_OF_ACTION, DEMAND_SOURCES
from app.views.widgets.choices import ChoiceBox
from app.views.widgets.form_dialog import FormDialog
from app.views.widgets.form_fields import text_box
from app.views.widgets.organisation_picker import OrganisationPicker
from app.views.widgets.translatable import Retranslatable

log = logging.getLogger(__name__)

# The lowest date of the date field stands for "not known" (a date field cannot be empty).
NOT_KNOWN = QDate(1900, 1, 1)
LABELS: dict[str, str] = {
    "topic": N_("&Topic (required):"),
    "area": N_("&Area:"),
    "organisation": N_("&Organisation:"),
    "declared_on": N_("&Declared on:"),
    "source": N_("&Source:"),
    "description": N_("Descr&iption:"),
}


class AreaBox(Retranslatable, QComboBox):
    """The common areas of action (shown translated, stored by their English source text), the
    areas already in use, or any area typed."""

    def __init__(self, areas_in_use: Sequence[str] = (), parent: QWidget | None = None):
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for area in AREAS_OF_ACTION:
            self.addItem("", area)
        for area in areas_in_use:
            if area not in AREAS_OF_ACTION:
                self.addItem(area, area)
        self.retranslate_ui()
        self.set_area("")

    def retranslate_ui(self) -> None:
        typed = self.currentText() if self.currentIndex() < 0 else None
        for row, area in enumerate(AREAS_OF_ACTION):
            self.setItemText(row, _(area))
        if typed is not None:
            self.setEditText(typed)

    def set_area(self, area: str) -> None:
        row = self.findData(area) if area else -1
        self.setCurrentIndex(row)
        if row < 0:
            self.setEditText(area)

    def area(self) -> str:
        """The area chosen (its stored form) or typed."""
        typed = text.clean(self.currentText())
        for row in range(self.count()):
            if text.fold(self.itemText(row)) == text.fold(typed):
                return str(self.itemData(row))
        return typed


class DemandDialog(FormDialog):
    """The form of one demand; ``data`` without an id (or ``None``) makes a new one, prefilled
    with what ``data`` holds. After ``exec()`` returns accepted, ``saved_id`` is its id."""

    def __init__(
        self, services: Services, data: DemandData | None = None, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.services = services
        self.demand = data or DemandData(topic="", declared_on=date.today())
        self._build()
        self._load(self.demand)
        self.fields.watch(
            "topic",
            lambda: validation.check_required(self.widget("topic").text(), "topic", _("The topic")),
        )
        self.resize(560, 420)
        self.finish()

    def widget(self, key: str):  # type: ignore[no-untyped-def]
        return self.fields.widgets[key]

    def _build(self) -> None:
        add = self.fields.add
        form = self.section()
        add(form, "topic", QLineEdit())
        add(form, "area", AreaBox(self.services.demands.areas()))
        choices = self.services.organisations.choices()
        chosen = self.demand.organisation_id
        if chosen and chosen not in dict(choices):  # in the trash: keep it, do not restore it
            choices = [(chosen, self.demand.organisation_name), *choices]
        self.picker = OrganisationPicker(choices)
        self.picker.entered.connect(lambda: self.focusNextChild())
        add(form, "organisation", self.picker)
        declared = QDateEdit()
        declared.setCalendarPopup(True)
        declared.setDisplayFormat("dd/MM/yyyy")  # as the sessions editor shows dates
        declared.setMinimumDate(NOT_KNOWN)
        add(form, "declared_on", declared)
        add(form, "source", ChoiceBox(DEMAND_SOURCES))
        add(form, "description", text_box(5))
        self.body_layout.addStretch(1)

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        topic = self.demand.topic if self.demand.id else ""
        self.setWindowTitle(_("Demand: {topic}").format(topic=topic) if topic else _("New demand"))
        self.sections[0].setTitle(_("Demand"))
        self.fields.set_texts({key: _(label) for key, label in LABELS.items()})
        self.widget("topic").setPlaceholderText(_("What the organisation asked for"))
        self.widget("area").retranslate_ui()
        self.widget("area").lineEdit().setPlaceholderText(_("Choose an area or type another"))
        self.picker.lineEdit().setPlaceholderText(
            _("Type part of the name, or a new name; empty if no organisation")
        )
        self.widget("declared_on").setSpecialValueText(_("Not known"))
        self.widget("source").retranslate_ui()

    # -- data -----------------------------------------------------------------------------------

    def _load(self, data: DemandData) -> None:
        self.widget("topic").setText(data.topic)
        self.widget("area").set_area(data.area)
        if data.organisation_id:
            self.picker.setCurrentIndex(self.picker.findData(data.organisation_id))
        elif data.organisation_name:
            self.picker.setEditText(data.organisation_name)
        declared = data.declared_on
        self.widget("declared_on").setDate(QDate(declared) if declared else NOT_KNOWN)
        self.widget("source").choose(data.source)
        self.widget("description").setPlainText(data.description)

    def demand_data(self) -> DemandData:
        """What the form holds now (not validated)."""
        organisation_id, organisation_name = self.picker.chosen()
        declared = self.widget("declared_on").date()
        return DemandData(
            id=self.demand.id,
            topic=self.widget("topic").text(),
            area=self.widget("area").area(),
            description=self.widget("description").toPlainText(),
            organisation_id=organisation_id,
            organisation_name=organisation_name,
            declared_on=None if declared == NOT_KNOWN else declared.toPython(),
            source=self.widget("source").currentData(),
        )

    def save(self) -> str:
        saved = self.services.demands.save(self.demand_data())
        return saved.id or ""
