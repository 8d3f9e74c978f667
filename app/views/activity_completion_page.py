"""The Completion page of an activity's panel: each person's sessions, hours and standing with
the activity's completion rule (completed, at risk, not completed), filtered by standing."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.i18n import _, format_number
from app.services.completion import (
    AT_RISK,
    COMPLETED,
    NOT_COMPLETED,
    ActivityCompletion,
    PersonCompletion,
)
from app.services.registry import Services
from app.services.vocabulary import REGISTRATION_ROLES
from app.views.widgets.choices import choice_label
from app.views.widgets.paragraph import paragraph
from app.views.widgets.sorted_rows import RowsTable, SortColumn, SortedRowsModel
from app.views.widgets.time_edit import duration_text
from app.views.widgets.translatable import Retranslatable

log = logging.getLogger(__name__)

EVERYONE = ""
STATES = (COMPLETED, AT_RISK, NOT_COMPLETED)
# A sign beside the words, so the state is never told by colour alone.
STATE_SIGNS = {COMPLETED: "✓", AT_RISK: "⚠", NOT_COMPLETED: "✗"}
STATE_TONES = {COMPLETED: "good", AT_RISK: "warning", NOT_COMPLETED: "bad"}


def state_label(state: str) -> str:
    labels = {
        COMPLETED: _("Completed"),
        AT_RISK: _("At risk"),
        NOT_COMPLETED: _("Not completed"),
    }
    return labels.get(state, state)


def state_text(state: str) -> str:
    """ "✓ Completed", "⚠ At risk", "✗ Not completed" (the signs of the roster)."""
    return f"{STATE_SIGNS.get(state, '')} {state_label(state)}".strip()


def hours_text(minutes: int) -> str:
    """Minutes as hours with one decimal in the current language: 270 -> "4.5 h"."""
    return _("{hours} h").format(hours=format_number(round(minutes / 60, 1)))


def percent_text(percent: float | None) -> str:
    return "" if percent is None else _("{percent} %").format(percent=format_number(round(percent)))


def rule_text(min_percent: int | None, min_minutes: int | None) -> str:
    """The completion rule in words: "At least 75 % of the sessions and 6 h"."""
    percent = format_number(min_percent) if min_percent is not None else ""
    if min_percent is not None and min_minutes is not None:
        return _("At least {percent} % of the sessions and {duration}").format(
            percent=percent, duration=duration_text(min_minutes)
        )
    if min_percent is not None:
        return _("At least {percent} % of the sessions").format(percent=percent)
    if min_minutes is not None:
        return _("At least {duration} of attendance").format(duration=duration_text(min_minutes))
    return _("Attending at least one session")


def counts_text(completion: ActivityCompletion) -> str:
    return _("{completed} completed, {at_risk} at risk, {not_completed} not completed").format(
        completed=format_number(completion.count(COMPLETED)),
        at_risk=format_number(completion.count(AT_RISK)),
        not_completed=format_number(completion.count(NOT_COMPLETED)),
    )


COMPLETION_COLUMNS = (
    SortColumn(lambda: _("Name"), lambda p: p.full_name, width=20),
    SortColumn(
        lambda: _("Standing"),
        lambda p: state_text(p.state),
        key=lambda p: STATES.index(p.state) if p.state in STATES else len(STATES),
        tone=lambda p: STATE_TONES.get(p.state),
        width=16,
    ),
    SortColumn(
        lambda: _("Sessions"),
        lambda p: _("{attended} of {total}").format(
            attended=format_number(p.sessions_attended), total=format_number(p.sessions_total)
        ),
        key=lambda p: p.sessions_attended,
        right=True,
        width=8,
    ),
    SortColumn(
        lambda: _("%"),
        lambda p: percent_text(p.percent),
        key=lambda p: p.percent,
        right=True,
        width=6,
    ),
    SortColumn(
        lambda: _("Hours"),
        lambda p: hours_text(p.minutes),
        key=lambda p: p.minutes,
        right=True,
        width=7,
    ),
    SortColumn(
        lambda: _("Excused"),
        lambda p: format_number(p.sessions_excused) if p.sessions_excused else "",
        key=lambda p: p.sessions_excused or None,
        right=True,
        width=7,
    ),
    SortColumn(lambda: _("Organisation"), lambda p: p.organisation_name, width=20),
    SortColumn(lambda: _("Role"), lambda p: choice_label(REGISTRATION_ROLES, p.role), width=11),
)


class ActivityCompletionPage(Retranslatable, QWidget):
    """Who completed the activity by its rule, who can still make it (at risk: below the rule
    with sessions left) and who cannot; shown to everyone or one standing at a time."""

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.activity_id: str | None = None
        self.completion: ActivityCompletion | None = None
        self.model: SortedRowsModel[PersonCompletion] = SortedRowsModel(COMPLETION_COLUMNS, self)
        self.table = RowsTable(self.model)
        self.rule = paragraph()
        self.counts = QLabel()
        self.filter_label = QLabel()
        self.filter = QComboBox()
        for state in (EVERYONE, *STATES):
            self.filter.addItem("", state)
        self.filter_label.setBuddy(self.filter)
        top = QHBoxLayout()
        top.addWidget(self.filter_label)
        top.addWidget(self.filter)
        top.addSpacing(12)
        top.addWidget(self.counts, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.rule)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.filter.currentIndexChanged.connect(lambda _index: self._show_rows())
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.filter_label.setText(_("Sho&w:"))
        self.filter.setAccessibleName(_("Show"))
        for row, text in enumerate(
            (_("Everyone"), _("Completed"), _("At risk"), _("Not completed"))
        ):
            self.filter.setItemText(row, text)
        self.table.setAccessibleName(_("Completion by person"))
        self.counts.setAccessibleName(_("Counts"))
        self.model.retranslate()
        self._update_texts()

    def set_activity(self, activity_id: str | None) -> None:
        """Remember the activity; :meth:`reload` reads its completion and shows it."""
        self.activity_id = activity_id

    def reload(self) -> None:
        self.completion = (
            self.services.completion.for_activity(self.activity_id) if self.activity_id else None
        )
        self._show_rows()

    def set_filter(self, state: str) -> None:
        """Show everyone (``""``) or only those in ``state``."""
        self.filter.setCurrentIndex(max(0, self.filter.findData(state)))

    def _show_rows(self) -> None:
        wanted = self.filter.currentData()
        people = self.completion.people if self.completion else ()
        self.model.set_rows([p for p in people if not wanted or p.state == wanted])
        self._update_texts()

    def _update_texts(self) -> None:
        completion = self.completion
        if completion is None:
            self.rule.clear()
            self.counts.clear()
            return
        rule = rule_text(completion.rule.min_percent, completion.rule.min_minutes)
        if not completion.sessions_total:
            self.rule.setText(
                _(
                    "Rule: {rule}. The activity has no sessions yet, so no one has completed it."
                ).format(rule=rule)
            )
        else:
            self.rule.setText(
                _(
                    "Rule: {rule}. At risk: not there yet, but can still make it in the "
                    "sessions to come."
                ).format(rule=rule)
            )
        self.counts.setText(counts_text(completion))
