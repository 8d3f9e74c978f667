"""Adding or editing a mentoring pair: who mentors whom for which organisations, the areas,
dates and rhythm, the status (with the closure when closed) and the agreement both sides sign."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QFormLayout, QHBoxLayout, QSizePolicy, QWidget

from app.errors import ValidationError
from app.i18n import N_, _
from app.services.mentoring_values import RelationshipData
from app.services.mentoring_vocabulary import (
    CLOSURE_REASONS,
    FREQUENCIES,
    MENTORING_AREAS,
    RELATIONSHIP_STATUSES,
)
from app.services.registry import Services
from app.views.mentoring.pair_fields import OptionalDate, PairSides, show_check
from app.views.widgets.choices import ChoiceBox
from app.views.widgets.codes_checklist import CodesChecklist
from app.views.widgets.form_dialog import FormDialog
from app.views.widgets.form_fields import text_box

log = logging.getLogger(__name__)

TEXT_BOXES = (
    "final_assessment",
    "agreement_goals",
    "agreement_commitments",
    "agreement_confidentiality",
    "notes",
)
LABELS: dict[str, str] = {
    "mentor": N_("&Mentor:"),
    "mentor_organisation_id": N_("Mentor's &organisation:"),
    "mentee": N_("Ment&ee:"),
    "mentee_organisation_id": N_("Mentee's orga&nisation:"),
    "areas": N_("&Areas to work on:"),
    "start_date": N_("S&tart date:"),
    "planned_end": N_("&Planned end:"),
    "frequency": N_("Expected &frequency of sessions:"),
    "status": N_("Stat&us:"),
    "closed_on": N_("C&losed on:"),
    "closure_reason": N_("&Reason:"),
    "final_assessment": N_("F&inal assessment:"),
    "agreement_goals": N_("&Goals agreed:"),
    "agreement_commitments": N_("Commitments of eac&h side:"),
    "agreement_confidentiality": N_("Confidentialit&y:"),
    "notes": N_("Notes:"),
}
SECTION_TITLES = (N_("The pair"), N_("Mentoring"), N_("Closure"), N_("Agreement"), N_("Notes"))
CLOSURE = 2  # the section shown only for a closed pair


def default_confidentiality() -> str:
    """The confidentiality clause offered for a new pair (both sides may change it)."""
    return _(
        "Both people keep confidential what is said in the sessions. The programme keeps a "
        "short log of each session; notes marked as confidential are never printed, exported "
        "or shared outside the programme's coordination."
    )


class RelationshipDialog(FormDialog):
    """The form of one mentoring pair: a new one when ``data`` is ``None`` or has no id (a
    prefill, for instance a suggested pair whose mentee is still to be chosen). After ``exec()``
    returns accepted, ``saved_id`` is its id.

    Choosing a person proposes the organisation they act for; the closure fields show only for a
    closed pair. Problems show under their field as soon as they can be seen.
    """

    def __init__(
        self,
        services: Services,
        data: RelationshipData | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.services = services
        self.relationship = data or RelationshipData(
            mentor_id="", mentee_id="", start_date=date.today()
        )
        self.sides = PairSides(services, self.fields)
        self._offered_confidentiality = ""
        self._build()
        self._load(self.relationship)
        self._connect()
        self.finish()
        self._fit_to_screen()

    def widget(self, key: str):  # type: ignore[no-untyped-def]
        return self.fields.widgets[key]

    # -- building -------------------------------------------------------------------------------

    def _build(self) -> None:
        add = self.fields.add
        self.section().addRow(self.sides.build())
        self.areas = CodesChecklist(MENTORING_AREAS, translate=True, rows=7)
        when = QFormLayout()
        for key in ("start_date", "planned_end"):
            add(when, key, OptionalDate())
        add(when, "frequency", ChoiceBox(FREQUENCIES))
        add(when, "status", ChoiceBox(RELATIONSHIP_STATUSES))
        areas = QFormLayout()
        add(areas, "areas", self.areas, above=True)
        columns = QHBoxLayout()
        columns.addLayout(areas, 1)
        columns.addLayout(when, 1)
        self.section().addRow(columns)
        closure = self.section()
        closed_on = QDateEdit(calendarPopup=True)
        closed_on.setDisplayFormat("dd/MM/yyyy")
        reason = ChoiceBox(CLOSURE_REASONS)
        for short in (closed_on, reason):  # a date and a few words: no need for the full width
            short.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        add(closure, "closed_on", closed_on)
        add(closure, "closure_reason", reason)
        add(closure, "final_assessment", text_box(3))
        agreement = self.section()
        for key in ("agreement_goals", "agreement_commitments", "agreement_confidentiality"):
            add(agreement, key, text_box(3), above=True)
        add(self.section(), "notes", text_box(3))

    def _connect(self) -> None:
        self.sides.connect(self.focusNextChild)
        self.widget("status").currentIndexChanged.connect(lambda _i: self._on_status_changed())
        for key in ("start_date", "planned_end"):
            self.widget(key).changed.connect(self._check_dates)
        self.widget("closed_on").dateChanged.connect(lambda _date: self._check_dates())

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self._update_title()
        for group, title in zip(self.sections, SECTION_TITLES, strict=True):
            group.setTitle(_(title))
        self.fields.set_texts({key: _(text) for key, text in LABELS.items()})
        self.sides.retranslate_ui()
        self.widget("agreement_goals").setToolTip(
            _("What the pair agrees to achieve, in their words. Printed on the agreement.")
        )
        self.widget("agreement_commitments").setToolTip(
            _("What each side commits to: time, preparation, keeping appointments…")
        )
        self.widget("frequency").setToolTip(
            _("How often the pair means to meet; the attention list compares it with the log")
        )
        self._follow_language_in_confidentiality()

    def _follow_language_in_confidentiality(self) -> None:
        """Say the offered clause again in the new language, unless someone changed it."""
        box = self.widget("agreement_confidentiality")
        if self._offered_confidentiality and box.toPlainText() == self._offered_confidentiality:
            self._offered_confidentiality = default_confidentiality()
            box.setPlainText(self._offered_confidentiality)

    def _update_title(self) -> None:
        if self.relationship.id:
            title = _("Mentoring pair: {mentee} with {mentor}").format(
                mentee=self.sides.picker("mentee").chosen_name,
                mentor=self.sides.picker("mentor").chosen_name,
            )
        else:
            title = _("New mentoring pair")
        self.setWindowTitle(title)

    def _fit_to_screen(self) -> None:
        """As large as the form wants, within the screen (at any scaling it scrolls)."""
        screen = self.screen().availableGeometry()
        self.resize(min(900, screen.width() - 40), min(820, screen.height() - 60))

    # -- data -----------------------------------------------------------------------------------

    def _load(self, data: RelationshipData) -> None:
        self.sides.load(data)
        self.areas.set_checked(data.areas)
        self.widget("start_date").set_value(data.start_date)
        self.widget("planned_end").set_value(data.planned_end)
        self.widget("frequency").choose(data.frequency)
        self.widget("status").choose(data.status)
        self.widget("closed_on").setDate(QDate(data.closed_on or date.today()))
        self.widget("closure_reason").choose(data.closure_reason or "other")
        for key in TEXT_BOXES:
            self.widget(key).setPlainText(getattr(data, key))
        if not data.id and not data.agreement_confidentiality:
            self._offered_confidentiality = default_confidentiality()
            self.widget("agreement_confidentiality").setPlainText(self._offered_confidentiality)
        self.sections[CLOSURE].setVisible(data.status == "closed")

    def _on_status_changed(self) -> None:
        closed = self.widget("status").currentData() == "closed"
        self.sections[CLOSURE].setVisible(closed)
        if closed and self.relationship.closed_on is None:
            self.widget("closed_on").setDate(QDate.currentDate())
        self._check_dates()

    # -- checks as the form is filled ----------------------------------------------------------

    def _check_dates(self) -> None:
        show_check(self.fields, "planned_end", self._planned_end_check)
        show_check(self.fields, "closed_on", self._closed_on_check)

    def _planned_end_check(self) -> None:
        start, end = self.widget("start_date").value(), self.widget("planned_end").value()
        if start and end and end < start:
            raise ValidationError(
                _("The planned end comes before the start. Check the two dates."),
                field="planned_end",
            )

    def _closed_on_check(self) -> None:
        start = self.widget("start_date").value()
        closed = self.widget("status").currentData() == "closed"
        closed_on = self.widget("closed_on").date().toPython()
        if closed and start and closed_on < start:
            raise ValidationError(
                _("The pair cannot close before it started. Check the dates."), field="closed_on"
            )

    def relationship_data(self) -> RelationshipData:
        """What the form holds now; raises ValidationError for what can be seen to be wrong."""
        for check in (
            self.sides.people_check,
            self.sides.organisations_check,
            self._planned_end_check,
            self._closed_on_check,
        ):
            check()
        closed = self.widget("status").currentData() == "closed"
        return replace(
            self.relationship,
            mentor_id=self.sides.picker("mentor").chosen_id or "",
            mentee_id=self.sides.picker("mentee").chosen_id or "",
            mentor_organisation_id=self.sides.organisation_id("mentor"),
            mentee_organisation_id=self.sides.organisation_id("mentee"),
            areas=self._areas(),
            start_date=self.widget("start_date").value(),
            planned_end=self.widget("planned_end").value(),
            frequency=self.widget("frequency").currentData(),
            status=self.widget("status").currentData(),
            closed_on=self.widget("closed_on").date().toPython() if closed else None,
            closure_reason=self.widget("closure_reason").currentData() if closed else "",
            **{key: self.widget(key).toPlainText() for key in TEXT_BOXES},  # type: ignore[arg-type]
        )

    def _areas(self) -> tuple[str, ...]:
        """The areas ticked, those already saved in their saved order (it may say priority)."""
        ticked = self.areas.checked()
        kept = [area for area in self.relationship.areas if area in ticked]
        return (*kept, *(area for area in ticked if area not in kept))

    def save(self) -> str:
        """Save the pair through the mentoring service."""
        saved = self.services.mentoring.save(self.relationship_data())
        return saved.data.id or ""
