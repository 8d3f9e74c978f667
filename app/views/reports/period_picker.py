"""Choosing the period of a report: a year, a quarter of a year, or any two dates."""

from __future__ import annotations

import logging
from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QSpinBox, QWidget

from app.i18n import N_, _
from app.services.reports.period import Period
from app.views.widgets.translatable import Retranslatable

log = logging.getLogger(__name__)

YEAR, QUARTER, DATES = "year", "quarter", "dates"
KINDS: dict[str, str] = {
    YEAR: N_("A year"),
    QUARTER: N_("A quarter"),
    DATES: N_("Any dates"),
}
QUARTERS: tuple[str, ...] = (
    N_("1st quarter (January–March)"),
    N_("2nd quarter (April–June)"),
    N_("3rd quarter (July–September)"),
    N_("4th quarter (October–December)"),
)
FIRST_YEAR, LAST_YEAR = 2000, 2100


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def _date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class PeriodPicker(Retranslatable, QWidget):
    """A year (the default: this year), a quarter of a year, or any dates from one day to
    another (both included). Emits ``changed`` whenever the period shown changes;
    :meth:`period` gives it."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, today: date | None = None):
        super().__init__(parent)
        today = today or date.today()
        self._build(today)
        self._connect()
        self.retranslate_ui()
        self._show_fields()

    def _build(self, today: date) -> None:
        self.label = QLabel()
        self.kind = QComboBox()
        for code in KINDS:
            self.kind.addItem("", code)
        self.label.setBuddy(self.kind)
        self.year = QSpinBox()
        self.year.setRange(FIRST_YEAR, LAST_YEAR)
        self.year.setValue(today.year)
        self.year.setGroupSeparatorShown(False)
        self.quarter = QComboBox()
        for number in range(1, 5):
            self.quarter.addItem("", number)
        self.quarter.setCurrentIndex((today.month - 1) // 3)
        self.start, self.end = QDateEdit(calendarPopup=True), QDateEdit(calendarPopup=True)
        for edit in (self.start, self.end):
            edit.setDisplayFormat("dd/MM/yyyy")  # as the other forms show dates
        self.start.setDate(_qdate(date(today.year, 1, 1)))
        self.end.setDate(_qdate(today))
        self.end.setMinimumDate(self.start.date())
        self.until = QLabel("–")  # between the two dates; each says which it is to screen readers
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.label, self.kind, self.year, self.quarter, self.start, self.until):
            layout.addWidget(widget)
        layout.addWidget(self.end)

    def _connect(self) -> None:
        self.kind.currentIndexChanged.connect(self._on_kind_current_index_changed)
        self.year.valueChanged.connect(lambda _value: self.changed.emit())
        self.quarter.currentIndexChanged.connect(lambda _index: self.changed.emit())
        self.start.dateChanged.connect(self._on_start_date_changed)
        self.end.dateChanged.connect(lambda _value: self.changed.emit())

    def retranslate_ui(self) -> None:
        self.label.setText(_("&Period:"))
        for row, code in enumerate(KINDS):
            self.kind.setItemText(row, _(KINDS[code]))
        for row, words in enumerate(QUARTERS):
            self.quarter.setItemText(row, _(words))
        self.kind.setAccessibleName(_("Kind of period"))
        self.year.setAccessibleName(_("Year"))
        self.quarter.setAccessibleName(_("Quarter"))
        self.start.setAccessibleName(_("First day of the period"))
        self.end.setAccessibleName(_("Last day of the period"))

    # -- the period -----------------------------------------------------------------------------

    def kind_code(self) -> str:
        """``"year"``, ``"quarter"`` or ``"dates"``."""
        return str(self.kind.currentData())

    def period(self) -> Period:
        """The period shown, first and last days included."""
        kind = self.kind_code()
        if kind == YEAR:
            return Period.year(self.year.value())
        if kind == QUARTER:
            return Period.quarter(self.year.value(), int(self.quarter.currentData()))
        return Period(_date(self.start.date()), _date(self.end.date()))

    def choose_year(self, year: int) -> None:
        """Show the whole of ``year``."""
        self.year.setValue(year)
        self.kind.setCurrentIndex(list(KINDS).index(YEAR))

    def choose_quarter(self, year: int, quarter: int) -> None:
        """Show quarter ``quarter`` (1 to 4) of ``year``."""
        self.year.setValue(year)
        self.quarter.setCurrentIndex(quarter - 1)
        self.kind.setCurrentIndex(list(KINDS).index(QUARTER))

    def choose_dates(self, start: date, end: date) -> None:
        """Show the days from ``start`` to ``end``, both included."""
        self.start.setDate(_qdate(start))
        self.end.setDate(_qdate(end))
        self.kind.setCurrentIndex(list(KINDS).index(DATES))

    # -- slots ----------------------------------------------------------------------------------

    def _show_fields(self) -> None:
        kind = self.kind_code()
        self.year.setVisible(kind in (YEAR, QUARTER))
        self.quarter.setVisible(kind == QUARTER)
        for widget in (self.start, self.until, self.end):
            widget.setVisible(kind == DATES)

    def _on_kind_current_index_changed(self, _index: int) -> None:
        self._show_fields()
        self.changed.emit()

    def _on_start_date_changed(self, value: QDate) -> None:
        # The last day never comes before the first: it moves along when needed.
        self.end.setMinimumDate(value)
        self.changed.emit()
