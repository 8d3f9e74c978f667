"""Text folding: what search and duplicate detection compare, and what is stored and shown."""

from __future__ import annotations

import pytest

from app.services.text import clean, fold, like_pattern, normalise_email, normalise_phone


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        ("  José   MARÍA Núñez ", "jose maria nunez"),
        ("Çağlar Öztürk", "caglar ozturk"),
        ("Straße", "strasse"),  # casefold, not lower: the German sharp s compares as "ss"
        ("Ελένη Παπαδόπουλος", "ελενη παπαδοπουλοσ"),  # casefold: final sigma is sigma
        ("Оксана Шевченко", "оксана шевченко"),
        ("Nuñez\tGarcía\n", "nunez garcia"),
        ("", ""),
        (None, ""),
    ],
)
def test_fold_drops_accents_case_and_extra_spaces_and_keeps_other_scripts(
    typed: str | None, folded: str
) -> None:
    assert fold(typed) == folded


def test_capitals_and_small_letters_fold_alike_in_every_script() -> None:
    assert fold("ΕΛΈΝΗ ΠΑΠΑΔΌΠΟΥΛΟΣ") == fold("Ελένη Παπαδόπουλος")
    assert fold("ОКСАНА ШЕВЧЕНКО") == fold("Оксана Шевченко")
    assert fold("MAŁGORZATA WIŚNIEWSKI") == fold("Małgorzata Wiśniewski")


def test_clean_keeps_case_and_accents_but_trims_and_collapses_spaces() -> None:
    assert clean("  José   María\tNúñez  ") == "José María Núñez"
    # A name typed with a combining accent is stored composed, so it looks and compares the same.
    assert clean("Jose\u0301") == "José"
    assert clean(None) == ""


def test_normalise_email_trims_and_lowers() -> None:
    assert normalise_email("  Ana.Ruiz@Example.ORG ") == "ana.ruiz@example.org"


@pytest.mark.parametrize(
    "typed",
    ["+34 600 11 22 33", "0034 600112233", "600-11-22-33", "600 112 233", "(600) 11.22.33"],
)
def test_normalise_phone_makes_the_ways_of_typing_a_spanish_number_equal(typed: str) -> None:
    assert normalise_phone(typed) == "600112233"


def test_normalise_phone_keeps_foreign_prefixes() -> None:
    assert normalise_phone("+44 20 7946 0958") == "442079460958"
    assert normalise_phone("") == ""


def test_like_pattern_escapes_wildcards_and_folds() -> None:
    assert like_pattern("Núñez") == "%nunez%"
    assert like_pattern("50%_off") == "%50\\%\\_off%"
    assert like_pattern("a\\b") == "%a\\\\b%"
