"""File names safe on Windows and macOS, and the ZIP of one PDF per person."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.errors import Cancelled, ValidationError
from app.services.documents.certificate_files import (
    file_name,
    safe_file_name,
    write_certificate_zip,
)
from tests.services.documents.test_certificate_pdf import NAMES, certificate


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("José María Núñez - Taller 3/4", "José María Núñez - Taller 3-4"),
        ('A "quoted" <title>: why? *', "A 'quoted' -title-- why- -"),
        ("back\\slash|pipe", "back-slash-pipe"),
        ("tab\tnew\nline\x07bell", "tab new linebell"),
        ("Ends with dots...", "Ends with dots"),
        ("  spaced   out  ", "spaced out"),
        (".hidden", "hidden"),
        ("CON", "CON_"),
        ("con.pdf", "con_.pdf"),
        ("Lpt1", "Lpt1_"),
        ("nul .txt", "nul_.txt"),
        ("COM9", "COM9_"),
        ("CONSOLE", "CONSOLE"),
        ("", "untitled"),
        ("...", "untitled"),
        ("\x00\x01", "untitled"),
        ("Jose\u0301", "José"),  # NFC
    ],
)
def test_safe_file_names(text: str, expected: str) -> None:
    assert safe_file_name(text) == expected


def test_long_names_are_shortened_by_characters_and_bytes() -> None:
    assert len(safe_file_name("a" * 500)) == 120
    greek = safe_file_name("Νίκος Παπαδόπουλος " * 20)
    assert len(greek.encode("utf-8")) <= 200 and not greek.endswith(" ")
    assert greek.startswith("Νίκος Παπαδόπουλος Νίκος")


def test_shortening_never_splits_a_letter_from_its_accent() -> None:
    name = safe_file_name("a" * 119 + "ẹ́")  # e with two marks: no single precomposed letter
    assert name == "a" * 119


def test_a_pattern_fills_in_the_fields() -> None:
    content = certificate("Анна Иванова", 4, kind="completion")
    name = file_name("{date} {kind} {code} {name} - {activity}", content)
    expected = "2026-11-28 completion K7Q4-9XHD Анна Иванова - Fundraising for small associations"
    assert name == expected


def test_a_pattern_cannot_make_folders_or_unknown_fields() -> None:
    assert file_name("{activity}/{name}", certificate()) == (
        "Fundraising for small associations-José María Núñez"
    )
    for pattern in ("{surname}", "{name", "{name!r}", "{name:>30}", "{0}"):
        with pytest.raises(ValidationError) as raised:
            file_name(pattern, certificate())
        assert raised.value.field == "pattern"


def test_the_zip_holds_one_pdf_per_person_with_unique_names(tmp_path: Path) -> None:
    people = [*NAMES, "josé maría núñez", NAMES[0]]
    contents = [certificate(name, number) for number, name in enumerate(people)]
    path = tmp_path / "certificates.zip"
    assert write_certificate_zip(contents, path, pattern="{name}") == len(people)
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        assert names[0] == "José María Núñez.pdf"
        assert names[-2:] == ["josé maría núñez (2).pdf", "José María Núñez (3).pdf"]
        assert len({name.casefold() for name in names}) == len(people)
        for name, content in zip(names, contents, strict=True):
            reader = PdfReader(io.BytesIO(archive.read(name)))
            assert len(reader.pages) == 1
            assert content.person_name in reader.pages[0].extract_text()
            assert reader.metadata.subject == content.payload


def test_cancelling_the_zip_leaves_nothing(tmp_path: Path) -> None:
    progress: list[tuple[int, int]] = []
    with pytest.raises(Cancelled):
        write_certificate_zip(
            [certificate(number=n) for n in range(4)],
            tmp_path / "certificates.zip",
            progress=lambda *step: progress.append(step),
            cancelled=lambda: len(progress) == 2,
        )
    assert progress == [(1, 4), (2, 4)]
    assert list(tmp_path.iterdir()) == []


def test_a_bad_pattern_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    with pytest.raises(ValidationError):
        write_certificate_zip([certificate()], tmp_path / "c.zip", pattern="{nombre}")
    with pytest.raises(ValidationError):
        write_certificate_zip([], tmp_path / "c.zip")
    with pytest.raises(ValidationError, match="could not be written"):
        write_certificate_zip([certificate()], tmp_path / "missing" / "c.zip")
    assert list(tmp_path.iterdir()) == []
