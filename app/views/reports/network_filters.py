"""The choices above the network map: the period, the area of action, and how many meetings at
activities make a link worth drawing."""

from __future__ import annotations

import logging
import re

from PySide6.QtCore import Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSpinBox, QWidget

from app.i18n import _, format_number, ngettext
from app.services.network_map import AreaChoice
from app.services.reports.period import Period
from app.views.reports.period_picker import PeriodPicker
from app.views.widgets.translatable import Retranslatable

log = logging.getLogger(__name__)


class MeetingsSpin(QSpinBox):
    """A number of activities, shown as "at least 3 activities" in the current language."""

    def textFromValue(self, value: int) -> str:  # noqa: N802 (Qt's name)
        return ngettext("at least {count} activity", "at least {count} activities", value).format(
            count=format_number(value)
        )

    def valueFromText(self, text: str) -> int:  # noqa: N802 (Qt's name)
        digits = re.search(r"\d+", text)
        return int(digits.group()) if digits else self.minimum()

    def validate(self, text: str, position: int) -> tuple[QValidator.State, str, int]:
        """Any text holding a number will do (the words around it are the spin's own)."""
        found = re.search(r"\d", text) is not None
        state = QValidator.State.Acceptable if found else QValidator.State.Intermediate
        return state, text, position


class NetworkFilters(Retranslatable, QWidget):
    """The period (a year by default), the area of action (all by default) and the meetings
    spin. ``changed`` says the map must be worked out again (period or area);
    ``meetings_changed`` only thins out the links drawn. :meth:`choose_meetings` sets the
    meetings without emitting, until someone turns the spin themselves."""

    changed = Signal()
    meetings_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.meetings_chosen = False  # set once someone changes the spin
        self.period = PeriodPicker()
        self.area_label, self.area = QLabel(), QComboBox()
        self.area.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.area.setMinimumContentsLength(16)
        self.area.addItem("", "")
        self.area_label.setBuddy(self.area)
        self.meetings_label, self.meetings = QLabel(), MeetingsSpin()
        self.meetings.setRange(1, 1)
        self.meetings_label.setBuddy(self.meetings)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.period)
        layout.addSpacing(12)
        for widget in (self.area_label, self.area):
            layout.addWidget(widget)
        layout.addSpacing(12)
        for widget in (self.meetings_label, self.meetings):
            layout.addWidget(widget)
        self.period.changed.connect(self.changed)
        self.area.currentIndexChanged.connect(lambda _index: self.changed.emit())
        self.meetings.valueChanged.connect(self._on_meetings_value_changed)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.area_label.setText(_("&Area of action:"))
        self.area.setItemText(0, _("All areas"))
        self.area.setAccessibleName(_("Area of action"))
        self.area.setToolTip(
            _(
                "Draw only the links made in the activities, mentoring pairs and projects of "
                "this area"
            )
        )
        self.meetings_label.setText(_("Meetings &drawn:"))
        self.meetings.setAccessibleName(_("Fewest activities attended together for a link"))
        self.meetings.setToolTip(
            _(
                "Two organisations whose people only met at activities are linked on the map "
                "when they met at least this many times. Raise it to thin out a crowded map; "
                "mentoring pairs and shared projects are always drawn."
            )
        )
        widest = self.meetings.textFromValue(88)
        self.meetings.setMinimumWidth(self.fontMetrics().horizontalAdvance(widest) + 36)
        # the number said again in the new language
        self.meetings.lineEdit().setText(self.meetings.textFromValue(self.meetings.value()))

    # -- what is chosen -------------------------------------------------------------------------

    def chosen_period(self) -> Period:
        """The period chosen (raises ValidationError when its dates are the wrong way round)."""
        return self.period.period()

    def chosen_area(self) -> str:
        """The area of action chosen, or "" for all."""
        return str(self.area.currentData() or "")

    def set_areas(self, areas: tuple[AreaChoice, ...]) -> None:
        """The areas to choose from (labelled and sorted by the service), keeping the one
        chosen; without emitting ``changed``."""
        chosen = self.chosen_area()
        self.area.blockSignals(True)
        while self.area.count() > 1:
            self.area.removeItem(1)
        for choice in areas:
            self.area.addItem(choice.label, choice.value)
        self.area.setCurrentIndex(max(0, self.area.findData(chosen)))
        self.area.blockSignals(False)

    def set_most_meetings(self, most: int) -> None:
        """The spin's top: the most activities two organisations of the map attended together."""
        self.meetings.blockSignals(True)
        self.meetings.setMaximum(max(1, most))
        self.meetings.blockSignals(False)

    def choose_meetings(self, count: int) -> None:
        """Set the spin (for a map drawn thinned out on its own) without emitting."""
        self.meetings.blockSignals(True)
        self.meetings.setValue(count)
        self.meetings.blockSignals(False)

    def _on_meetings_value_changed(self, value: int) -> None:
        self.meetings_chosen = True
        self.meetings_changed.emit(value)
