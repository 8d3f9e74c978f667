"""The Overview page of a mentoring pair: who, what areas, when, how often, its status, its
totals and the agreement, with the doors to change the pair and print its documents."""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _, format_date, format_number, ngettext
from app.services.mentoring_values import RelationshipDetail
from app.services.mentoring_vocabulary import (
    CLOSURE_REASONS,
    FREQUENCIES,
    MENTORING_AREAS,
    RELATIONSHIP_STATUSES,
)
from app.services.registry import Services
from app.views.mentoring.goals_page import goals_summary
from app.views.widgets.choices import choice_label
from app.views.widgets.paragraph import paragraph
from app.views.widgets.time_edit import duration_text
from app.views.widgets.translatable import Retranslatable
from app.views.workers import Job

log = logging.getLogger(__name__)

FACTS = ("mentor", "mentee", "areas", "dates", "frequency", "status", "sessions", "goals")
TEXTS = (
    "final_assessment",
    "agreement_goals",
    "agreement_commitments",
    "agreement_confidentiality",
    "notes",
)


def person_text(name: str, organisation: str) -> str:
    """ "Luis Gil (Fundación Luz)", or the name alone."""
    if not organisation:
        return name
    return _("{name} ({organisation})").format(name=name, organisation=organisation)


def relationship_dates_text(detail: RelationshipDetail) -> str:
    """When the pair started and is planned to end (or closed)."""
    data = detail.data
    start, end = format_date(data.start_date), format_date(data.planned_end)
    if data.status == "closed" and data.closed_on:
        closed = format_date(data.closed_on)
        if start:
            return _("From {start}; closed on {closed}").format(start=start, closed=closed)
        return _("Closed on {closed}").format(closed=closed)
    if start and end:
        return _("From {start}; planned end {end}").format(start=start, end=end)
    if start:
        return _("From {start}; no planned end").format(start=start)
    if end:
        return _("Not started yet; planned end {end}").format(end=end)
    return _("Not started yet")


def status_text(detail: RelationshipDetail) -> str:
    data = detail.data
    label = choice_label(RELATIONSHIP_STATUSES, data.status)
    if data.status == "closed" and data.closure_reason:
        label = _("{status}: {reason}").format(
            status=label, reason=choice_label(CLOSURE_REASONS, data.closure_reason)
        )
    if data.deleted_at is not None:
        label = _("{status} (in the trash)").format(status=label)
    return label


def sessions_text(detail: RelationshipDetail) -> str:
    """ "7 sessions, 10 h 30 min in all; last on 2 May 2026"."""
    if not detail.sessions:
        return _("No sessions yet")
    text = ngettext(
        "{count} session, {duration} in all", "{count} sessions, {duration} in all", detail.sessions
    ).format(count=format_number(detail.sessions), duration=duration_text(detail.minutes))
    if detail.last_session_on:
        text = _("{sessions}; last on {date}").format(
            sessions=text, date=format_date(detail.last_session_on)
        )
    return text


def fact_values(detail: RelationshipDetail) -> dict[str, str]:
    """The text of each fact of the overview."""
    data = detail.data
    return {
        "mentor": person_text(detail.mentor_name, detail.mentor_organisation),
        "mentee": person_text(detail.mentee_name, detail.mentee_organisation),
        "areas": ", ".join(choice_label(MENTORING_AREAS, a) for a in data.areas),
        "dates": relationship_dates_text(detail),
        "frequency": choice_label(FREQUENCIES, data.frequency),
        "status": status_text(detail),
        "sessions": sessions_text(detail),
        "goals": goals_summary(list(detail.goals)) if detail.goals else _("No goals yet"),
    }


class RelationshipOverviewPage(Retranslatable, QWidget):
    """One pair at a glance: mentor and mentee with their organisations, areas, dates,
    frequency, status (with the closure reason), sessions and goals so far, and the agreement's
    goals, commitments and confidentiality. Edit asks for the pair's form (``edit_requested``);
    the agreement and the summary are saved as PDFs."""

    edit_requested = Signal(str)

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.detail: RelationshipDetail | None = None
        self.job: Job | None = None
        self.edit_button, self.agreement_button = QPushButton(), QPushButton()
        self.summary_button = QPushButton()
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_button)
        buttons.addStretch(1)
        buttons.addWidget(self.agreement_button)
        buttons.addWidget(self.summary_button)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self._build_body())
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        self.edit_button.clicked.connect(self._on_edit_button_clicked)
        self.agreement_button.clicked.connect(self.save_agreement)
        self.summary_button.clicked.connect(self.save_summary)
        self.retranslate_ui()
        self.set_detail(None)

    def _build_body(self) -> QWidget:
        self.labels: dict[str, QLabel] = {}
        self.values: dict[str, QLabel] = {}
        self.facts = QFormLayout()
        self.facts.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.texts = QFormLayout()
        self.texts.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        for form, keys in ((self.facts, FACTS), (self.texts, TEXTS)):
            for key in keys:
                label, value = QLabel(), paragraph(selectable=True)
                if form is self.texts:  # headings over running text
                    font = label.font()
                    font.setBold(True)
                    label.setFont(font)
                form.addRow(label, value)
                self.labels[key], self.values[key] = label, value
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addLayout(self.facts)
        layout.addLayout(self.texts)
        layout.addStretch(1)
        return body

    def retranslate_ui(self) -> None:
        self.edit_button.setText(_("Edit pai&r…"))
        self.edit_button.setToolTip(_("Change the pair: people, areas, dates, status, agreement"))
        self.agreement_button.setText(_("Print agree&ment…"))
        self.agreement_button.setToolTip(
            _("Save the agreement as a PDF for both sides to sign, then open or print it")
        )
        self.summary_button.setText(_("Summar&y PDF…"))
        self.summary_button.setToolTip(
            _("Save a summary of the pair: goals, progress and sessions (never confidential notes)")
        )
        labels = {
            "mentor": _("Mentor:"),
            "mentee": _("Mentee:"),
            "areas": _("Areas:"),
            "dates": _("Dates:"),
            "frequency": _("Frequency:"),
            "status": _("Status:"),
            "sessions": _("Sessions:"),
            "goals": _("Goals:"),
            "final_assessment": _("Final assessment:"),
            "agreement_goals": _("Goals in the agreement:"),
            "agreement_commitments": _("Commitments:"),
            "agreement_confidentiality": _("Confidentiality:"),
            "notes": _("Notes:"),
        }
        for key, text in labels.items():
            self.labels[key].setText(text)
            self.values[key].setAccessibleName(text.rstrip(":"))
        self._fill()

    def set_detail(self, detail: RelationshipDetail | None) -> None:
        """Show ``detail`` (or nothing)."""
        self.detail = detail
        live = detail is not None and detail.data.deleted_at is None
        self.edit_button.setEnabled(live)
        self.agreement_button.setEnabled(live)
        self.summary_button.setEnabled(live)  # a pair in the trash is not printed
        self._fill()

    def _fill(self) -> None:
        detail = self.detail
        if detail is None:
            for value in self.values.values():
                value.clear()
            return
        values = fact_values(detail)
        values.update({key: getattr(detail.data, key) for key in TEXTS})
        if detail.data.status != "closed":
            values["final_assessment"] = ""
        for key, text in values.items():
            self.values[key].setText(text)
            form = self.facts if key in FACTS else self.texts
            form.setRowVisible(self.values[key], bool(text))

    # -- actions --------------------------------------------------------------------------------

    def _on_edit_button_clicked(self) -> None:
        if self.detail is not None and self.detail.data.id and self.edit_button.isEnabled():
            self.edit_requested.emit(self.detail.data.id)

    def save_agreement(self) -> None:
        """Save the agreement for both sides to sign as a PDF (then open or print it)."""
        if self.detail is None:
            return
        from app.views.mentoring.relationship_documents import save_agreement

        self.job = save_agreement(self, self.services, self.detail)

    def save_summary(self) -> None:
        """Save the pair's summary as a PDF (without confidential notes)."""
        if self.detail is None:
            return
        from app.views.mentoring.relationship_documents import save_summary

        self.job = save_summary(self, self.services, self.detail)
