"""Spanish tax ids (CIF, NIF, NIE), e-mails and years, checked against a reference written here.

The reference functions below follow the published rules (Orden EHA/451/2008 for the CIF, the
Ministry of the Interior's table for the DNI letter) and are written independently of
app/services/validation.py, so a mistake in the module does not hide in its own expectations.
"""

from __future__ import annotations

import random
from datetime import date

import pytest

from app.errors import ValidationError
from app.services.validation import (
    check_email,
    check_tax_id,
    check_year,
    is_valid_spanish_tax_id,
    normalise_tax_id,
)

DNI_TABLE = "TRWAGMYFPDXBNJZSQVHLCKE"
CIF_LETTER_CONTROL = dict(enumerate("JABCDEFGHI"))  # control number 0 is J, 1 is A, ... 9 is I
CIF_ONLY_LETTER = set("PQRSNW")  # public bodies, foreign entities, ...: control is a letter
CIF_ONLY_DIGIT = set("ABEH")  # companies, community of owners: control is a digit
CIF_FIRST = set("ABCDEFGHJNPQRSUVW")


def reference_dni(number: int) -> str:
    """The DNI with its check letter: 12345678 -> 12345678Z."""
    return f"{number:08d}{DNI_TABLE[number % 23]}"


def reference_nie(prefix: str, number: int) -> str:
    """The NIE with its check letter: X, Y, Z count as 0, 1, 2 in front of the 7 digits."""
    value = int(f"{'XYZ'.index(prefix)}{number:07d}")
    return f"{prefix}{number:07d}{DNI_TABLE[value % 23]}"


def reference_cif_control(body: str) -> int:
    """The CIF control number of the 7 digits ``body``."""
    total = 0
    for position, char in enumerate(body, start=1):
        digit = int(char)
        if position % 2 == 1:  # positions 1, 3, 5, 7: double, add both digits of the product
            doubled = digit * 2
            total += doubled // 10 + doubled % 10
        else:
            total += digit
    return (10 - total % 10) % 10


def reference_cif_controls(first: str, body: str) -> set[str]:
    """Every control character a CIF starting with ``first`` and ``body`` may end in."""
    number = reference_cif_control(body)
    if first in CIF_ONLY_LETTER:
        return {CIF_LETTER_CONTROL[number]}
    if first in CIF_ONLY_DIGIT:
        return {str(number)}
    return {CIF_LETTER_CONTROL[number], str(number)}


def reference_cif(first: str, body: str, letter: bool = False) -> str:
    """A valid CIF; ``letter`` picks the letter control where both are allowed."""
    number = reference_cif_control(body)
    if first in CIF_ONLY_LETTER or (letter and first not in CIF_ONLY_DIGIT):
        return f"{first}{body}{CIF_LETTER_CONTROL[number]}"
    return f"{first}{body}{number}"


def test_the_reference_agrees_with_published_examples() -> None:
    # Examples printed on the tax agency's and police's pages, before trusting the reference.
    assert reference_dni(12345678) == "12345678Z"
    assert reference_nie("X", 1234567) == "X1234567L"
    assert reference_cif("B", "1234567") == "B12345674"


@pytest.mark.parametrize("value", ["12345678Z", "X1234567L", "B12345674", "00000000T"])
def test_known_valid_ids_are_accepted(value: str) -> None:
    assert is_valid_spanish_tax_id(value)


@pytest.mark.parametrize(
    ("typed", "normalised"),
    [
        ("12345678z", "12345678Z"),
        ("12.345.678-Z", "12345678Z"),
        (" x-1234567-l ", "X1234567L"),
        ("b 1234567 4", "B12345674"),
        ("B/12345674", "B12345674"),
    ],
)
def test_lowercase_dashes_dots_and_spaces_are_normalised(typed: str, normalised: str) -> None:
    assert normalise_tax_id(typed) == normalised
    assert is_valid_spanish_tax_id(typed)
    assert check_tax_id(typed, "España") == normalised


@pytest.mark.parametrize(
    "value",
    [
        "12345678A",  # wrong DNI letter
        "X1234567A",  # wrong NIE letter
        "B12345675",  # wrong CIF control digit
        "B1234567D",  # company CIF ending in a letter
        "1234567Z",  # too short
        "123456789Z",  # too long
        "I12345674",  # no CIF starts with I
        "W1234567",  # no control at all
        "",
    ],
)
def test_wrong_or_malformed_ids_are_refused(value: str) -> None:
    assert not is_valid_spanish_tax_id(value)


def test_cif_control_letter_or_digit_depends_on_the_first_letter() -> None:
    body = "2800000"  # control number 8: the letter is H
    assert reference_cif_control(body) == 8
    assert is_valid_spanish_tax_id(f"P{body}H")
    assert not is_valid_spanish_tax_id(f"P{body}8")  # public bodies take the letter
    assert is_valid_spanish_tax_id(f"A{body}8")
    assert not is_valid_spanish_tax_id(f"A{body}H")  # companies take the digit
    assert is_valid_spanish_tax_id(f"G{body}8") and is_valid_spanish_tax_id(f"G{body}H")


def test_random_ids_agree_with_the_reference() -> None:
    rng = random.Random(451)
    for _ in range(400):
        number = rng.randrange(100_000_000)
        dni = reference_dni(number)
        assert is_valid_spanish_tax_id(dni), dni
        wrong = dni[:-1] + rng.choice([c for c in DNI_TABLE if c != dni[-1]])
        assert not is_valid_spanish_tax_id(wrong), wrong

        nie = reference_nie(rng.choice("XYZ"), rng.randrange(10_000_000))
        assert is_valid_spanish_tax_id(nie), nie

        first = rng.choice(sorted(CIF_FIRST))
        body = f"{rng.randrange(10_000_000):07d}"
        allowed = reference_cif_controls(first, body)
        for control in "0123456789ABCDEFGHIJ":
            cif = f"{first}{body}{control}"
            assert is_valid_spanish_tax_id(cif) == (control in allowed), cif


def test_the_demo_organisation_tax_id_is_valid() -> None:
    # The example profile is shown to every new user; it must survive being saved again.
    assert is_valid_spanish_tax_id(reference_cif("G", "4612345"))
    assert reference_cif("G", "4612345") == "G46123451"


@pytest.mark.parametrize("country", [None, "", "España", "es", "Spain", " ESPAÑA "])
def test_a_wrong_spanish_id_is_refused_naming_the_field(country: str | None) -> None:
    with pytest.raises(ValidationError) as caught:
        check_tax_id("B12345675", country)
    assert caught.value.field == "tax_id"
    assert "B12345675" in str(caught.value)


@pytest.mark.parametrize(
    ("value", "country"), [("FR40303265045", "Francia"), ("DE123456789", "Deutschland")]
)
def test_ids_of_other_countries_are_accepted(value: str, country: str) -> None:
    assert check_tax_id(value, country) == value


def test_an_empty_tax_id_is_allowed() -> None:
    assert check_tax_id("  ", "España") == ""


def test_email_is_trimmed_and_lowered_and_bad_ones_name_the_field() -> None:
    assert check_email("  Ana.Ruiz@Example.ORG ") == "ana.ruiz@example.org"
    assert check_email("") == ""
    for bad in ("ana", "ana@example", "ana@@example.org", "ana ruiz@example.org"):
        with pytest.raises(ValidationError) as caught:
            check_email(bad, field="contact_email")
        assert caught.value.field == "contact_email"


def test_years_between_the_earliest_and_this_year() -> None:
    this_year = date.today().year
    assert check_year(None, "birth_year") is None
    assert check_year("  ", "birth_year") is None
    assert check_year("1975", "birth_year") == 1975
    assert check_year("1975.0", "birth_year") == 1975  # as spreadsheets hand numbers over
    assert check_year(1900, "birth_year") == 1900
    assert check_year(this_year, "birth_year") == this_year
    assert check_year(1800, "year_founded", earliest=1800) == 1800
    for bad in (1899, this_year + 1, "nineteen", "19x5"):
        with pytest.raises(ValidationError) as caught:
            check_year(bad, "birth_year")
        assert caught.value.field == "birth_year"
