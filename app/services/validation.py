"""Validation of the identifiers and values people type: Spanish tax ids, e-mails, years."""

from __future__ import annotations

import re
from datetime import date

from app.errors import ValidationError
from app.i18n import _

_DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"
_CIF_CONTROL_LETTERS = "JABCDEFGHI"
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def normalise_tax_id(value: str | None) -> str:
    """Upper case without spaces, dots or dashes: ``b-12.345.678`` -> ``B12345678``."""
    return re.sub(r"[\s.\-/]", "", value or "").upper()


def _nif_ok(value: str) -> bool:
    """DNI (8 digits + letter) or NIE (X/Y/Z + 7 digits + letter)."""
    if re.fullmatch(r"[XYZ]\d{7}[A-Z]", value):
        value = str("XYZ".index(value[0])) + value[1:]
    if not re.fullmatch(r"\d{8}[A-Z]", value):
        return False
    return _DNI_LETTERS[int(value[:8]) % 23] == value[8]


def _cif_ok(value: str) -> bool:
    """CIF: organisation letter, 7 digits, and a control digit or letter."""
    if not re.fullmatch(r"[ABCDEFGHJNPQRSUVW]\d{7}[0-9A-J]", value):
        return False
    digits = value[1:8]
    even = sum(int(d) for d in digits[1::2])
    odd = sum(sum(divmod(int(d) * 2, 10)) for d in digits[0::2])
    control = (10 - (even + odd) % 10) % 10
    letter, number = _CIF_CONTROL_LETTERS[control], str(control)
    first, last = value[0], value[-1]
    if first in "PQRSNW":
        return last == letter
    if first in "ABEH":
        return last == number
    return last in (letter, number)


def is_valid_spanish_tax_id(value: str | None) -> bool:
    """Whether ``value`` is a well-formed Spanish CIF, NIF (DNI) or NIE with a correct control."""
    normalised = normalise_tax_id(value)
    return _cif_ok(normalised) or _nif_ok(normalised)


def check_tax_id(value: str | None, country: str | None = None) -> str:
    """The normalised tax id; raises when a Spanish one (or one with no country) is wrong.

    Ids of other countries are kept as typed: Tejido cannot check every country's rules.
    """
    normalised = normalise_tax_id(value)
    if not normalised:
        return ""
    spanish = not country or country.strip().lower() in {"es", "españa", "espana", "spain"}
    if spanish and not is_valid_spanish_tax_id(normalised):
        raise ValidationError(
            _(
                "The tax id {value} is not a valid Spanish CIF, NIF or NIE: check the letters "
                "and the last character."
            ).format(value=value),
            field="tax_id",
        )
    return normalised


def check_email(value: str | None, field: str = "email") -> str:
    text = (value or "").strip()
    if text and not _EMAIL.match(text):
        raise ValidationError(
            _("{value} does not look like an e-mail address (name@example.org).").format(
                value=text
            ),
            field=field,
        )
    return text.lower()


def check_year(value: int | str | None, field: str, earliest: int = 1900) -> int | None:
    """A year between ``earliest`` and this year, or ``None`` when empty."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        year = int(str(value).strip().split(".")[0])
    except ValueError:
        year = -1
    if not earliest <= year <= date.today().year:
        raise ValidationError(
            _("The year must be a number between {first} and {last}.").format(
                first=earliest, last=date.today().year
            ),
            field=field,
        )
    return year


def check_required(value: str | None, field: str, label: str) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError(_("{label} cannot be empty.").format(label=label), field=field)
    return text
