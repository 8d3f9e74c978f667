"""One spreadsheet row read as a person: cell values understood the way staff type them.

Gender ("Mujer", "M", "F", "varón", "No binario"...), consent ("sí", "x", "1"...), role ("socia",
"voluntario", "presidenta"...) and language ("castellano", "en"...) are read leniently; a value
that is not understood never rejects the row: it is left out and reported as a warning. What would
store a wrong fact (a year out of range, an e-mail that is not one, no name) rejects the row.
A date's two-digit year is read as the most recent past year ("03/04/85" is 1985, "03/04/05" is
2005); a bare two-digit year ("85") is refused with a request for four digits.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from types import MappingProxyType
from typing import Any

from app.errors import ValidationError
from app.i18n import N_, _
from app.services.importing.headers import FIELDS, JOINED_FIELDS
from app.services.people import PersonData, validate_person
from app.services.text import clean, fold
from app.services.vocabulary import LANGUAGE_NAMES

log = logging.getLogger(__name__)

_WORD = re.compile(r"[^a-z0-9 ]")
_CONTENT = re.compile(r"[^\W_]")
_TICKS = ("✓", "✔", "☑")
# Cells are compared as keys with no case, accents, spaces or punctuation ("No binario" ->
# "nobinario"). Following Spanish usage, "M" is "mujer" and "H"/"V" are "hombre"/"varón".
_GENDERS = {
    "woman": "mujer m f femenino fem woman female w",
    "man": "hombre h v varon masculino masc man male",
    "non_binary": "nobinario nobinaria nobinarie nb x nonbinary",
    "not_stated": "prefieronodecirlo nsnc nc ns noconsta nocontesta prefernottosay",
}
_ROLES = {
    "member": "socio socia miembro member asociado asociada participante usuario usuaria",
    "volunteer": "voluntario voluntaria voluntariado volunteer",
    "staff": "personal tecnico tecnica trabajador trabajadora empleado empleada staff "
    "coordinador coordinadora educador educadora profesional contratado contratada",
    "board_member": "junta presidente presidenta vicepresidente vicepresidenta secretario "
    "secretaria tesorero tesorera vocal board patrono patrona",
}
_LANGUAGES = {
    "es": "es espanol castellano spanish",
    "en": "en ingles english",
    "ca": "ca catalan catala valenciano valencia",
    "eu": "eu euskera vasco euskara basque",
    "gl": "gl gallego galego galician",
    "fr": "fr frances francais french",
    "pt": "pt portugues portuguese",
    "ar": "ar arabe arabic",
    "ro": "ro rumano romanian",
}
_YES = {"si", "s", "yes", "y", "x", "1", "true", "verdadero", "ok", "acepta", "autoriza"}
_NO = {"no", "n", "0", "false", "falso"}


def _vocabulary(table: dict[str, str]) -> dict[str, str]:
    """``{key: code}`` from ``{code: "key key ..."}``."""
    return {word: code for code, words in table.items() for word in words.split()}


_GENDER_KEYS = _vocabulary(_GENDERS)
_ROLE_WORDS = _vocabulary(_ROLES)
# Only the languages a person's form offers; the others read as "not understood".
_LANGUAGE_KEYS = {k: c for k, c in _vocabulary(_LANGUAGES).items() if c in LANGUAGE_NAMES}


def words(text: str) -> list[str]:
    """Folded words without punctuation: ``"  Sí, acepto. "`` -> ``["si", "acepto"]``."""
    return _WORD.sub(" ", fold(text)).split()


def is_blank(cell: str) -> bool:
    """A cell with no letter or digit ("", "-", "--", "/") says nothing; a tick mark does."""
    return _CONTENT.search(cell) is None and not cell.strip().startswith(_TICKS)


@lru_cache(maxsize=256)
def read_gender(text: str) -> str | None:
    """The gender code for a cell, ``"not_stated"`` for an empty one, ``None`` if not understood."""
    key = "".join(words(text))
    return _GENDER_KEYS.get(key) if key else "not_stated"


@lru_cache(maxsize=256)
def read_role(text: str) -> str | None:
    """The membership role for a cell ("Presidenta" -> board member), ``None`` if not understood."""
    for word in words(text):
        if word in _ROLE_WORDS:
            return _ROLE_WORDS[word]
    return None


@lru_cache(maxsize=256)
def read_language(text: str) -> str | None:
    """The language code for a cell ("Castellano" -> ``"es"``), ``None`` if not understood."""
    return _LANGUAGE_KEYS.get("".join(words(text)))


@lru_cache(maxsize=256)
def read_yes(text: str) -> bool | None:
    """``True`` for sí/yes/x/1, ``False`` for no/0 or empty, ``None`` if not understood."""
    if text.strip().startswith(_TICKS):
        return True
    found = words(text)
    if not found or found[0] in _NO:
        return False
    if found[0] in _YES:
        return True
    return None


# Day/month/year (Spanish order; only the year is kept, so month/day/year works too) or ISO.
_DATE = re.compile(r"^\d{1,2}[/.\-]\d{1,2}[/.\-](\d{4}|\d{2})\b|^(\d{4})[/.\-]\d{1,2}[/.\-]\d{1,2}")
_TWO_DIGITS = re.compile(r"^\d{2}(\.0+)?$")


def full_year(two_digits: str, today: date | None = None) -> str:
    """A date's two-digit year as a birth year: ``"85"`` -> ``"1985"``, ``"03"`` -> ``"2003"``.

    A year after this year's two digits is of the last century (no one was born in the future).
    """
    year = int(two_digits)
    current = (today or date.today()).year
    century = current // 100 * 100 - (100 if year > current % 100 else 0)
    return str(century + year)


def read_year(text: str, today: date | None = None) -> str:
    """The year of a year or a date cell ("1985", "1985.0", "03/04/1985", "03/04/85",
    "1985-04-03"). A two-digit year is read only in a date; a bare "85" is left as it is."""
    value = text.strip()
    match = _DATE.match(value)
    if match and match.group(1) and len(match.group(1)) == 2:
        return full_year(match.group(1), today)
    if match:
        return match.group(2) or match.group(1)
    return value


def two_digit_year(text: str) -> bool:
    """Whether a year cell holds a bare two-digit year ("85"), which could be 1885 or 1985."""
    return _TWO_DIGITS.match(text.strip()) is not None


@dataclass(frozen=True, slots=True)
class ParsedRow:
    """A row that can be imported: the person's columns as stored, and what comes with them."""

    line: int
    columns: Mapping[str, object]
    organisation: str = ""
    organisation_key: str = ""  # the name folded, as organisations are matched
    role: str = ""  # empty when the file gave none ("member" is used for a new membership)
    consent: bool = False
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RejectedRow:
    """A row that cannot be imported, with the reason in plain words."""

    line: int
    reason: str
    name: str = ""


def _cells_by_field(cells: Sequence[str], mapping: Mapping[int, str]) -> dict[str, str]:
    values: dict[str, list[str]] = {}
    for index, field in mapping.items():
        cell = cells[index] if index < len(cells) else ""
        if cell and not is_blank(cell):
            values.setdefault(field, []).append(cell)
    return {f: JOINED_FIELDS.get(f, " ").join(v) for f, v in values.items()}


# The columns read leniently: the reader of each, and the warning when a value is not understood.
_LENIENT: dict[str, tuple[Callable[[str], object], str]] = {
    "gender": (read_gender, N_("Gender “{value}” not understood; recorded as not stated.")),
    "preferred_language": (read_language, N_("Language “{value}” not understood; left empty.")),
    "role": (read_role, N_("Role “{value}” not understood; recorded as member.")),
    "consent": (read_yes, N_("Consent “{value}” not understood; no consent recorded.")),
}


def _understood(values: dict[str, str], warnings: list[str]) -> dict[str, Any]:
    """The codes of the lenient columns (``None`` when absent or not understood)."""
    codes: dict[str, Any] = {}
    for field, (reader, warning) in _LENIENT.items():
        value = values.get(field)
        codes[field] = reader(value) if value else None
        if value and codes[field] is None:
            warnings.append(_(warning).format(value=value))
    return codes


def _check_four_digits(year: str) -> None:
    """A bare two-digit year is refused rather than guessed (85 may be 1985 or a typing slip)."""
    if two_digit_year(year):
        raise ValidationError(
            _("“{value}” has only two digits: write the year with four digits.").format(
                value=year.strip()
            ),
            field="birth_year",
        )


def _reason(error: ValidationError) -> str:
    """The problem, naming the column's field when the message does not ("Year of birth: ...")."""
    if error.field in ("birth_year", "email"):
        return _("{field}: {problem}").format(field=_(FIELDS[error.field]), problem=error)
    return str(error)


def parse_row(
    line: int, cells: Sequence[str], mapping: Mapping[int, str]
) -> ParsedRow | RejectedRow:
    """Read one row with ``mapping``; a row that would store a wrong fact is rejected."""
    values = _cells_by_field(cells, mapping)
    warnings: list[str] = []
    codes = _understood(values, warnings)
    data = PersonData(
        full_name=values.get("full_name", ""),
        given_name=values.get("given_name", ""),
        family_name=values.get("family_name", ""),
        gender=codes["gender"] or "not_stated",
        birth_year=read_year(values.get("birth_year", "")) or None,  # type: ignore[arg-type]
        email=values.get("email", ""),
        phone=values.get("phone", ""),
        preferred_language=codes["preferred_language"] or "",
        expertise=values.get("expertise", ""),
        interests=values.get("interests", ""),
        notes=values.get("notes", ""),
    )
    try:
        _check_four_digits(values.get("birth_year", ""))
        columns = validate_person(data)
    except ValidationError as error:
        return RejectedRow(
            line, _reason(error), clean(data.full_name or f"{data.given_name} {data.family_name}")
        )
    return ParsedRow(
        line=line,
        columns=MappingProxyType(columns),
        organisation=values.get("organisation", ""),
        organisation_key=fold(values.get("organisation", "")),
        role=codes["role"] or "",
        consent=bool(codes["consent"]),
        warnings=tuple(warnings),
    )
