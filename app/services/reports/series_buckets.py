"""How the dashboard cuts a period across time: by month when it touches up to 13 months, by
quarter up to 8 quarters (two years), by year beyond, so a chart never has more steps than can be
labelled; every step of the period is listed, empty ones included, so the time axis stays even.

Each bucket has a key that SQL can compute from an ISO date (``2026-03``, ``2026-Q1``,
``2026``), a label for tool tips and names for the axis, from the longest to the narrowest, in
the current language.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from app.i18n import _, current_language, format_date

log = logging.getLogger(__name__)

MONTH, QUARTER, YEAR = "month", "quarter", "year"
MAX_MONTHS = 13  # by month when the period touches up to this many months
MAX_QUARTERS = 8  # by quarter up to this many quarters, by year beyond


@dataclass(frozen=True, slots=True)
class Bucket:
    """One step of the time axis: its key (as SQL computes it), its first and last day, a
    label for tool tips ("March 2026", "Q1 2026", "2026") and its names on an axis, longest
    first ("Mar ’26" when the period crosses years, "Mar", "M"; "Q1 2026", "Q1"; "2026", "’26")
    for the chart to take the longest that fits."""

    key: str
    start: date
    end: date
    label: str
    names: tuple[str, ...]


def step_for(start: date, end: date) -> str:
    """The step of the time axis for the period from ``start`` to ``end``."""
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    if months <= MAX_MONTHS:
        return MONTH
    quarters = (end.year - start.year) * 4 + (end.month - 1) // 3 - (start.month - 1) // 3 + 1
    return QUARTER if quarters <= MAX_QUARTERS else YEAR


def buckets(start: date, end: date, step: str) -> tuple[Bucket, ...]:
    """Every bucket of ``step`` that meets the period, in order, clipped to the period."""
    found: list[Bucket] = []
    one_year = start.year == end.year
    cursor = _first_of(start, step)
    while cursor <= end:
        following = _next(cursor, step)
        last = date.fromordinal(following.toordinal() - 1)
        found.append(
            Bucket(
                key=_key(cursor, step),
                start=max(cursor, start),
                end=min(last, end),
                label=_label(cursor, step),
                names=_names(cursor, step, one_year),
            )
        )
        cursor = following
    return tuple(found)


def bucket_key(column: str, step: str) -> str:
    """The SQL expression of the bucket key of an ISO date column (as :func:`buckets` keys)."""
    if step == MONTH:
        return f"substr({column}, 1, 7)"
    if step == YEAR:
        return f"substr({column}, 1, 4)"
    quarter = f"((CAST(substr({column}, 6, 2) AS INTEGER) + 2) / 3)"
    return f"(substr({column}, 1, 4) || '-Q' || {quarter})"


def _skeleton(day: date, skeleton: str) -> str:
    """``day`` in the current language's own pattern for ``skeleton`` (Babel)."""
    from babel.dates import format_skeleton

    return format_skeleton(skeleton, day, locale=current_language())


def _first_of(day: date, step: str) -> date:
    if step == MONTH:
        return day.replace(day=1)
    if step == QUARTER:
        return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    return date(day.year, 1, 1)


def _next(day: date, step: str) -> date:
    months = {MONTH: 1, QUARTER: 3, YEAR: 12}[step]
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _key(day: date, step: str) -> str:
    if step == MONTH:
        return f"{day.year:04d}-{day.month:02d}"
    if step == QUARTER:
        return f"{day.year:04d}-Q{(day.month + 2) // 3}"
    return f"{day.year:04d}"


def _label(day: date, step: str) -> str:
    if step == MONTH:
        return _skeleton(day, "yMMMM")  # "March 2025", "marzo de 2025"
    if step == QUARTER:
        return _("Q{quarter} {year}").format(quarter=(day.month + 2) // 3, year=day.year)
    return str(day.year)


def _names(day: date, step: str, one_year: bool) -> tuple[str, ...]:
    if step == MONTH:
        month, initial = format_date(day, "LLL"), format_date(day, "LLLLL")
        return (month, initial) if one_year else (_skeleton(day, "yyMMM"), month, initial)
    if step == QUARTER:
        quarter = (day.month + 2) // 3
        return (
            _("Q{quarter} {year}").format(quarter=quarter, year=day.year),
            _("Q{quarter}").format(quarter=quarter),
        )
    return (str(day.year), f"’{day.year % 100:02d}")
