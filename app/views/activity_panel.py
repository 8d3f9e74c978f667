"""The panel beside the activities list: the chosen activity in full, with its pages (sessions,
people, completion, evaluation)."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import NotFoundError
from app.i18n import _, format_date, format_number, ngettext
from app.services.activities import ActivityData
from app.services.registrations import RegistrationRow
from app.services.registry import Services
from app.services.vocabulary import ACTIVITY_KINDS, ACTIVITY_STATUSES
from app.views.activity_completion_page import ActivityCompletionPage, rule_text
from app.views.activity_evaluation_page import ActivityEvaluationPage
from app.views.activity_people_page import HOLDING_PLACE, ActivityPeoplePage
from app.views.activity_sessions_page import ActivitySessionsPage
from app.views.widgets.choices import choice_label
from app.views.widgets.paragraph import paragraph
from app.views.widgets.translatable import Retranslatable

log = logging.getLogger(__name__)

FACTS = ("kind", "dates", "venue", "rule", "places", "team")


def dates_text(activity: ActivityData) -> str:
    """ "3 Mar 2025 – 28 Apr 2025 · 4 sessions", one date for one day, empty with no sessions."""
    sessions = activity.sessions
    if not sessions:
        return _("No sessions yet")
    first, last = sessions[0].date, sessions[-1].date
    dates = (
        format_date(first)
        if first == last
        else _("{first} – {last}").format(first=format_date(first), last=format_date(last))
    )
    count = ngettext("{count} session", "{count} sessions", len(sessions)).format(
        count=format_number(len(sessions))
    )
    return f"{dates} · {count}"


def places_text(activity: ActivityData, rows: Sequence[RegistrationRow]) -> str:
    """ "18 of 25 places taken · 3 on the waiting list" (attendees hold the places)."""
    taken = sum(1 for r in rows if r.role == "attendee" and r.status in HOLDING_PLACE)
    if activity.capacity is None:
        text = ngettext(
            "{count} attendee registered (no limit)",
            "{count} attendees registered (no limit)",
            taken,
        ).format(count=format_number(taken))
    else:
        text = _("{taken} of {capacity} places taken").format(
            taken=format_number(taken), capacity=format_number(activity.capacity)
        )
    waiting = sum(1 for r in rows if r.status == "waiting_list")
    if waiting:
        text += " · " + ngettext(
            "{count} on the waiting list", "{count} on the waiting list", waiting
        ).format(count=format_number(waiting))
    return text


def team_text(rows: Sequence[RegistrationRow]) -> str:
    """The facilitators and experts by name: "Facilitation: Ana Pérez · Experts: Luis Gil"."""
    parts = []
    for role, label in (("facilitator", _("Facilitation")), ("expert", _("Experts"))):
        names = [r.full_name for r in rows if r.role == role and r.status in HOLDING_PLACE]
        if names:
            parts.append(_("{role}: {names}").format(role=label, names=", ".join(names)))
    return " · ".join(parts)


class ActivityPanel(Retranslatable, QWidget):
    """One activity in full: a header (title, kind, status, dates, venue, completion rule,
    places) with an Edit button, and pages for its sessions, people, completion and evaluation.

    ``show_activity(None)`` shows a hint instead. ``edit_requested(id)`` asks for the activity's
    form; ``changed()`` says that registrations or attendance changed (lists may need reading
    again). Pages are read when shown, so moving through the list stays quick.
    """

    edit_requested = Signal(str)
    changed = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.activity: ActivityData | None = None
        self.registrations: list[RegistrationRow] = []
        self._stale: set[QWidget] = set()
        self.sessions = ActivitySessionsPage(services)
        self.people = ActivityPeoplePage(services)
        self.completion = ActivityCompletionPage(services)
        self.evaluation = ActivityEvaluationPage(services)
        self.stack = QStackedWidget()
        self.empty = paragraph()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self._build_content())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        for page in (self.sessions, self.people, self.evaluation):
            page.changed.connect(self._on_page_changed)
        self.pages.currentChanged.connect(lambda _index: self._refresh_current())
        self.edit_button.clicked.connect(self._on_edit_button_clicked)
        add = QShortcut(QKeySequence("Ctrl+Shift+N"), self)
        add.activated.connect(self.add_person)
        self.retranslate_ui()
        self.show_activity(None)

    def _build_content(self) -> QWidget:
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.edit_button = QPushButton()
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignTop)
        self.facts = QFormLayout()
        self.facts.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.fact_labels: dict[str, QLabel] = {}
        self.fact_values: dict[str, QLabel] = {}
        for key in FACTS:
            label, value = QLabel(), paragraph()
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.facts.addRow(label, value)
            self.fact_labels[key], self.fact_values[key] = label, value
        self.pages = QTabWidget()
        for page in (self.sessions, self.people, self.completion, self.evaluation):
            self.pages.addTab(page, "")
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addLayout(top)
        layout.addLayout(self.facts)
        layout.addWidget(self.pages, 1)
        return content

    def retranslate_ui(self) -> None:
        self.empty.setText(
            _(
                "Choose an activity in the list to see its sessions, people, completion and "
                "evaluation here. To add one, use New (Ctrl+N)."
            )
        )
        self.edit_button.setText(_("Edit activit&y…"))
        self.edit_button.setToolTip(_("Change the activity, its sessions or its completion rule"))
        for number, text in enumerate(
            (_("Sessi&ons"), _("&People"), _("&Completion"), _("E&valuation"))
        ):
            self.pages.setTabText(number, text)
        self.pages.setAccessibleName(_("Pages of the activity"))
        self.title.setAccessibleName(_("Title of the activity"))
        labels = {
            "kind": _("Kind:"),
            "dates": _("Dates:"),
            "venue": _("Venue:"),
            "rule": _("Completion:"),
            "places": _("Places:"),
            "team": _("Team:"),
        }
        for key, text in labels.items():
            self.fact_labels[key].setText(text)
            self.fact_values[key].setAccessibleName(text.rstrip(":"))
        self._fill_header()

    # -- what is shown --------------------------------------------------------------------------

    def show_activity(self, activity_id: str | None) -> None:
        """Show the activity ``activity_id`` (read again), or the hint for ``None``."""
        activity = None
        if activity_id:
            try:
                activity = self.services.activities.get(activity_id)
            except NotFoundError:
                log.info("activity %s is gone", activity_id)
        self.activity = activity
        self.registrations = self.services.registrations.list(activity.id) if activity else []
        editable = activity is not None and activity.deleted_at is None
        self.sessions.set_activity(activity)
        self.people.set_activity(activity, self.registrations)
        self.completion.set_activity(activity.id if activity else None)
        self.evaluation.set_activity(activity, self.registrations)
        for page in (self.sessions, self.people, self.evaluation):
            page.set_editable(editable)
        self.edit_button.setEnabled(editable)
        self._stale = {self.sessions, self.people, self.completion, self.evaluation}
        self.stack.setCurrentIndex(1 if activity else 0)
        self._fill_header()
        if activity is not None:
            self._refresh_current()

    def refresh(self) -> None:
        """Read the activity shown again (after a change made elsewhere)."""
        self.show_activity(self.activity.id if self.activity else None)

    def activity_id(self) -> str | None:
        return self.activity.id if self.activity else None

    def _refresh_current(self) -> None:
        page = self.pages.currentWidget()
        if page in self._stale and self.activity is not None:
            self._stale.discard(page)
            page.reload()  # type: ignore[attr-defined]

    def _fill_header(self) -> None:
        activity = self.activity
        if activity is None:
            return
        title = activity.title
        if activity.deleted_at is not None:
            title = _("{title} (in the trash)").format(title=title)
        self.title.setText(title)
        values = {
            "kind": f"{choice_label(ACTIVITY_KINDS, activity.kind)} · "
            f"{choice_label(ACTIVITY_STATUSES, activity.status)}",
            "dates": dates_text(activity),
            "venue": " · ".join(x for x in (activity.venue, activity.online_link) if x),
            "rule": rule_text(activity.min_attendance_percent, activity.min_minutes),
            "places": places_text(activity, self.registrations),
            "team": team_text(self.registrations),
        }
        for key, value in values.items():
            self.fact_values[key].setText(value)
            self.facts.setRowVisible(self.fact_values[key], bool(value))

    # -- slots ----------------------------------------------------------------------------------

    def _on_page_changed(self) -> None:
        """Registrations or attendance changed: read the header and every page again."""
        current = self.pages.currentWidget()
        self.refresh()
        self.pages.setCurrentWidget(current)
        self.changed.emit()

    def _on_edit_button_clicked(self) -> None:
        if self.activity is not None and self.activity.id is not None:
            self.edit_requested.emit(self.activity.id)

    def add_person(self) -> None:
        """Ctrl+Shift+N: show the People page and add someone to the activity."""
        if self.activity is None or self.activity.deleted_at is not None:
            return
        self.pages.setCurrentWidget(self.people)
        self.people.add_person()
