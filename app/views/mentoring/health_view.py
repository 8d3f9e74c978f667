"""The "Needs attention" page: the mentoring pairs to look at, most in need first, each with
what is wrong in plain words (no session for some weeks, goals overdue, stalled, past their end,
waiting as proposed, paused for long)."""

from __future__ import annotations

import logging
from datetime import date

from PySide6.QtCore import QSettings, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.errors import TejidoError
from app.i18n import _, format_number, ngettext
from app.services.mentoring_health import DEFAULT_WEEKS, MAX_WEEKS
from app.services.registry import Services
from app.views.errors import show_error
from app.views.mentoring.health_table_model import HealthTableModel
from app.views.widgets.list_export import export_model
from app.views.widgets.paragraph import paragraph
from app.views.widgets.sorted_rows import RowsTable
from app.views.widgets.translatable import Retranslatable
from app.views.workers import Job

log = logging.getLogger(__name__)

WEEKS_KEY = "mentoring/health_weeks"
CHECK_DELAY_MS = 300  # wait for the arrows of the weeks box to stop before checking again


def remembered_weeks() -> int:
    """The weeks chosen last time (the service's default the first time)."""
    value = QSettings().value(WEEKS_KEY, DEFAULT_WEEKS)
    try:
        weeks = int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return DEFAULT_WEEKS
    return weeks if 1 <= weeks <= MAX_WEEKS else DEFAULT_WEEKS


class HealthView(Retranslatable, QWidget):
    """Mentoring pairs that need attention, most in need first.

    The weeks box says after how long without a session a pair is flagged (remembered between
    runs); "Show every pair" lists the pairs with nothing to flag too. Enter or a double-click
    on a pair (or "Open pair") emits ``open_relationship`` with its id. ``today`` may be set to
    check as of another day (tests).
    """

    open_relationship = Signal(str)

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.today: date | None = None
        self.export_job: Job | None = None
        self.model = HealthTableModel(self)
        self._timer = QTimer(self, singleShot=True, interval=CHECK_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self._build()
        self._connect()
        self.retranslate_ui()
        self.refresh()

    def _build(self) -> None:
        self.weeks_label = QLabel()
        self.weeks = QSpinBox()
        self.weeks.setRange(1, MAX_WEEKS)
        self.weeks.setValue(remembered_weeks())
        self.weeks_label.setBuddy(self.weeks)
        self.healthy_toggle = QCheckBox()
        self.open_button, self.export_button = QPushButton(), QPushButton()
        top = QHBoxLayout()
        for widget in (self.weeks_label, self.weeks, self.healthy_toggle):
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(self.open_button)
        top.addWidget(self.export_button)
        self.explanation = paragraph()
        self.table = RowsTable(self.model)
        self.status = QLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.explanation)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)

    def _connect(self) -> None:
        self.weeks.valueChanged.connect(self._on_weeks_value_changed)
        self.healthy_toggle.toggled.connect(lambda _checked: self.refresh())
        self.table.row_activated.connect(self._on_table_row_activated)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        self.open_button.clicked.connect(self.open_selected)
        self.export_button.clicked.connect(self.export_list)

    def retranslate_ui(self) -> None:
        self.weeks_label.setText(_("Flag after this many &weeks without a session:"))
        self.weeks.setAccessibleName(_("Weeks without a session before a pair is flagged"))
        self.healthy_toggle.setText(_("Show every &pair"))
        self.healthy_toggle.setToolTip(_("List the pairs with nothing to flag too"))
        self.open_button.setText(_("&Open pair"))
        self.open_button.setToolTip(_("Open the selected pair (Enter or double-click)"))
        self.export_button.setText(_("E&xport list…"))
        self.export_button.setToolTip(_("Save this list to a spreadsheet"))
        self.table.setAccessibleName(_("Pairs that need attention"))
        self.model.retranslate()
        if self.model.rowCount():  # the flags are worded by the check: check again
            self.refresh()
        self._update_texts()

    # -- reading --------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Check the pairs again, keeping the selected one selected."""
        self._timer.stop()
        selected = self.selected_id()
        try:
            rows = self.services.mentoring_health.check(
                weeks=self.weeks.value(),
                today=self.today,
                include_healthy=self.healthy_toggle.isChecked(),
            )
        except TejidoError as error:
            show_error(self, error)
            rows = []
        self.model.set_rows(rows)
        if selected is not None:
            self.table.select(self.model.row_where(lambda r: r.relationship_id == selected))
        self._update_texts()

    def _update_texts(self) -> None:
        rows = self.model.rows()
        flagged = sum(1 for row in rows if row.flags)
        if flagged:
            text = ngettext(
                "{count} pair needs attention", "{count} pairs need attention", flagged
            ).format(count=format_number(flagged))
        else:
            text = _("No pair needs attention.")
        if len(rows) > flagged:
            text += " " + ngettext(
                "({count} pair listed)", "({count} pairs listed)", len(rows)
            ).format(count=format_number(len(rows)))
        self.status.setText(text)
        weeks = self.weeks.value()
        self.explanation.setText(
            ngettext(
                "Most in need first. A pair is flagged when it has had no session for {weeks} "
                "week, has goals past their date, has recorded no progress for {double} weeks, "
                "is past its planned end, or has been proposed or paused for too long.",
                "Most in need first. A pair is flagged when it has had no session for {weeks} "
                "weeks, has goals past their date, has recorded no progress for {double} weeks, "
                "is past its planned end, or has been proposed or paused for too long.",
                weeks,
            ).format(weeks=format_number(weeks), double=format_number(2 * weeks))
        )

    def _update_buttons(self) -> None:
        self.open_button.setEnabled(self.selected_id() is not None)
        self.export_button.setEnabled(self.model.rowCount() > 0)

    # -- actions --------------------------------------------------------------------------------

    def selected_id(self) -> str | None:
        """The id of the selected pair, or ``None``."""
        row = self.table.current()
        return None if row is None else row.relationship_id

    def open_selected(self) -> None:
        """Ask for the selected pair to be opened on the pairs page."""
        relationship_id = self.selected_id()
        if relationship_id is not None:
            self.open_relationship.emit(relationship_id)

    def export_list(self) -> None:
        """Save the pairs listed, as shown, to a spreadsheet."""
        self.export_job = export_model(self, self.model, _("mentoring-attention"))  # type: ignore[arg-type]

    # -- slots ----------------------------------------------------------------------------------

    def _on_weeks_value_changed(self, weeks: int) -> None:
        QSettings().setValue(WEEKS_KEY, weeks)
        self._update_texts()
        self._timer.start()

    def _on_table_row_activated(self, row: int) -> None:
        self.open_relationship.emit(self.model.row_at(row).relationship_id)
