"""The period of a report: two dates, both included (a year, a quarter, or any dates)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from app.errors import ValidationError
from app.i18n import _, format_date

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Period:
    """From ``start`` to ``end``, both days included."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValidationError(
                _("The period ends before it starts. Check the two dates."), field="end"
            )

    @classmethod
    def year(cls, year: int) -> Period:
        """The calendar year ``year``."""
        return cls(date(year, 1, 1), date(year, 12, 31))

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        """Quarter ``quarter`` (1 to 4) of ``year``."""
        if quarter not in (1, 2, 3, 4):
            raise ValidationError(_("Choose a quarter from 1 to 4."), field="quarter")
        first = 3 * (quarter - 1) + 1
        last_month = first + 2
        end = date(year + 1, 1, 1) if last_month == 12 else date(year, last_month + 1, 1)
        return cls(date(year, first, 1), date.fromordinal(end.toordinal() - 1))

    def is_year(self) -> bool:
        return (self.start.month, self.start.day, self.end.month, self.end.day) == (
            1,
            1,
            12,
            31,
        ) and (self.start.year == self.end.year)

    def quarter_number(self) -> int | None:
        """The quarter this period is exactly, or None."""
        for number in (1, 2, 3, 4):
            if self == Period.quarter(self.start.year, number):
                return number
        return None

    def label(self) -> str:
        """The period in words for titles: "2025", "Q2 2025", or "1 Jan 2025 – 15 Mar 2025"."""
        if self.is_year():
            return str(self.start.year)
        number = self.quarter_number()
        if number is not None:
            return _("Q{quarter} {year}").format(quarter=number, year=self.start.year)
        return _("{start} – {end}").format(start=format_date(self.start), end=format_date(self.end))

    def contains(self, day: date | None) -> bool:
        return day is not None and self.start <= day <= self.end
