"""The order of cells given as text in the current language: numbers as numbers ("9" before
"10", "1,449.7" after "980"), dates as dates ("Jan 5, 2026" before "Feb 1, 2026", "5 ene
2026" in Spanish), any other text ignoring accents and case."""

from __future__ import annotations

import functools
import logging
import re
from datetime import date
from typing import Any

from app.i18n import current_language
from app.services.text import fold

log = logging.getLogger(__name__)

NUMBER = re.compile(r"^-?[\d.,\u00a0\u202f ]*\d$")
YEAR = re.compile(r"\b(\d{4})\b")
DAY = re.compile(r"\b(\d{1,2})\b")
WORD = re.compile(r"[^\W\d_]+")


def number_of(text: str) -> float | None:
    """The number written in ``text`` in the current language, or ``None``."""
    cleaned = text.strip()
    if not NUMBER.match(cleaned):
        return None
    from babel.numbers import NumberFormatError, parse_decimal

    try:
        return float(parse_decimal(cleaned, locale=current_language()))
    except NumberFormatError:
        return None


@functools.cache
def _months(language: str) -> dict[str, int]:
    """Month names and abbreviations of ``language``, folded, to their numbers."""
    from babel.dates import get_month_names

    months: dict[str, int] = {}
    for width in ("wide", "abbreviated"):
        for context in ("format", "stand-alone"):
            names = get_month_names(width, context, locale=language)
            for number, name in names.items():
                months[fold(name).strip(".")] = number
    return months


def date_of(text: str) -> date | None:
    """The date written in ``text`` in the current language's medium or long format (a year,
    a day and a month's name), or ``None``."""
    year = YEAR.search(text)
    if year is None:
        return None
    rest = text[: year.start()] + " " + text[year.end() :]
    day = DAY.search(rest)
    months = _months(current_language())
    words = [fold(word) for word in WORD.findall(rest)]
    month = next((months[w] for w in words if w in months), None)
    others = [w for w in words if w not in months]
    # Only a day, a month and a year ("5 de enero de 2026"): not a title that holds a date.
    if day is None or month is None or any(len(w) > 3 for w in others) or len(others) > 2:
        return None
    try:
        return date(int(year.group(1)), month, int(day.group(1)))
    except ValueError:
        return None


def cell_order(text: str) -> tuple[int, Any]:
    """A sort key: numbers first by value, then dates by day, then other text (folded)."""
    number = number_of(text)
    if number is not None:
        return (0, number)
    day = date_of(text)
    if day is not None:
        return (1, day.toordinal())
    return (2, fold(text))
