"""The sign-in sheet as printed: read back from the PDF (text, fonts, pages), checked by qpdf."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date, time
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from app.errors import ValidationError
from app.services.documents.content import Letterhead, SignInPerson, SignInSheetContent
from app.services.documents.sign_in_pdf import render_sign_in_sheet
from tests.pdf_checks import qpdf_check

NAMES = ("Łukasz Wiśniewski", "Анна Иванова", "Νίκος Παπαδόπουλος", "José María Núñez")
STANDARD_14 = ("Helvetica", "Times", "Courier", "Symbol", "ZapfDingbats")


def png(width: int = 120, height: int = 60) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (46, 107, 94)).save(buffer, "PNG")
    return buffer.getvalue()


def sheet(people: tuple[SignInPerson, ...] = (), **changes: object) -> SignInSheetContent:
    content = SignInSheetContent(
        language="en",
        activity_title="Fundraising for small associations",
        activity_kind="capsule",
        session_date=date(2025, 3, 3),
        start_time=time(10),
        end_time=time(12, 30),
        place="Sala 2, Centro Cívico",
        people=people or tuple(SignInPerson(n, "Cáritas & Co") for n in NAMES),
        blank_rows=10,
        letterhead=Letterhead(name="Red de Entidades", address="Calle Mayor 1, 47001 Valladolid"),
    )
    return replace(content, **changes)


def page_texts(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def fonts(path: Path) -> list[dict]:
    """Every font the pages use, as PDF dictionaries."""
    found = []
    for page in PdfReader(path).pages:
        for font in page["/Resources"].get_object().get("/Font", {}).values():
            found.append(font.get_object())
    return found


def assert_fonts_embedded(path: Path) -> None:
    used = fonts(path)
    assert used
    for font in used:
        assert not str(font["/BaseFont"]).lstrip("/").startswith(STANDARD_14), font["/BaseFont"]
        descriptor = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, font["/BaseFont"]


def test_registered_names_in_any_script_print_as_text(tmp_path: Path) -> None:
    path = tmp_path / "sheet.pdf"
    assert render_sign_in_sheet(sheet(), path) == 1
    (text,) = page_texts(path)
    for name in NAMES:
        assert name in text
    for words in ("Sign-in sheet", "TRAINING CAPSULE", "Fundraising for small associations"):
        assert words.lower() in text.lower()
    assert "March 3, 2025" in text
    assert "10:00" in text and "12:30" in text
    assert "Sala 2, Centro Cívico" in text
    assert "Cáritas & Co" in text  # markup characters print as they are
    assert "Page 1 of 1" in text
    assert "Registered in advance: 4" in text
    assert "Facilitator's signature" in text
    assert_fonts_embedded(path)
    qpdf_check(path)


def test_people_keep_their_order_then_numbered_blank_rows(tmp_path: Path) -> None:
    path = tmp_path / "sheet.pdf"
    people = (SignInPerson("Zoe Abad", "B"), SignInPerson("Ana Ruiz", "A"))
    render_sign_in_sheet(sheet(people, blank_rows=3), path)
    (text,) = page_texts(path)
    assert text.index("Zoe Abad") < text.index("Ana Ruiz")  # the order given is kept
    numbers = [line.strip() for line in text.splitlines() if line.strip().isdigit()]
    assert numbers == ["1", "2", "3", "4", "5"]


def test_a_long_list_spans_pages_with_the_header_on_each(tmp_path: Path) -> None:
    path = tmp_path / "sheet.pdf"
    people = tuple(SignInPerson(f"{NAMES[i % 4]} {i:02d}", "Cáritas") for i in range(60))
    pages = render_sign_in_sheet(sheet(people), path)
    texts = page_texts(path)
    assert pages == len(texts) >= 3
    for number, text in enumerate(texts, start=1):
        assert "Name" in text and "Organisation" in text and "Signature" in text
        assert f"Page {number} of {pages}" in text
        assert "Red de Entidades" in text
    joined = "\n".join(texts)
    for i in range(60):
        assert f"{NAMES[i % 4]} {i:02d}" in joined
    assert "70" in texts[-1].split()  # 60 people and 10 blank rows, numbered on
    assert "Facilitator's signature" in texts[-1]
    assert "Facilitator's signature" not in texts[0]
    assert "Fundraising for small associations" in texts[1]  # loose pages say what they are
    assert_fonts_embedded(path)
    qpdf_check(path)


def test_rows_are_tall_enough_to_sign(tmp_path: Path) -> None:
    """About 20 rows of at least 11 mm fit an A4 page under the header, not more."""
    path = tmp_path / "sheet.pdf"
    people = tuple(SignInPerson(f"Person {i:03d}") for i in range(100))
    render_sign_in_sheet(sheet(people, blank_rows=0), path)
    second = page_texts(path)[1]
    rows = [x for x in (f"Person {i:03d}" for i in range(100)) if x in second]
    assert 15 <= len(rows) <= 22


def test_printed_in_the_sheets_language_not_the_programs(tmp_path: Path) -> None:
    path = tmp_path / "hoja.pdf"
    render_sign_in_sheet(sheet(language="es"), path)
    (text,) = page_texts(path)
    assert "3 de marzo de 2025" in text
    assert "Nombre" in text and "Organización" in text
    assert "CÁPSULA FORMATIVA" in text
    assert "March" not in text


def test_logo_is_drawn_and_an_unreadable_one_left_out(tmp_path: Path) -> None:
    with_logo, broken = tmp_path / "logo.pdf", tmp_path / "broken.pdf"
    render_sign_in_sheet(sheet(letterhead=Letterhead(name="Red", logo=png())), with_logo)
    render_sign_in_sheet(sheet(letterhead=Letterhead(name="Red", logo=b"not an image")), broken)
    images = PdfReader(with_logo).pages[0]["/Resources"].get_object().get("/XObject", {})
    assert len(images) == 1
    assert "/XObject" not in PdfReader(broken).pages[0]["/Resources"].get_object()
    assert "Red" in page_texts(broken)[0]


def test_an_empty_list_still_gives_a_sheet_of_blank_rows(tmp_path: Path) -> None:
    path = tmp_path / "sheet.pdf"
    content = replace(sheet(), people=(), blank_rows=25, start_time=None, end_time=None, place="")
    assert render_sign_in_sheet(content, path) >= 1
    text = "\n".join(page_texts(path))
    assert "Registered in advance: 0" in text
    assert "25" in text.split()
    assert "Place" not in text and "Time" not in text


def test_a_file_that_cannot_be_written_leaves_the_old_one(tmp_path: Path) -> None:
    folder = tmp_path / "taken.pdf"
    folder.mkdir()  # a folder where the file should go: the rename fails
    with pytest.raises(ValidationError, match="could not be written"):
        render_sign_in_sheet(sheet(), folder)
    assert folder.is_dir() and list(folder.iterdir()) == []
    assert [p.name for p in tmp_path.iterdir()] == ["taken.pdf"]  # no temporary file left
    with pytest.raises(ValidationError, match=r"\.pdf"):
        render_sign_in_sheet(sheet(), tmp_path / "sheet.txt")
