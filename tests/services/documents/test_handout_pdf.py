"""The handout as printed: sections with something to say, in its language, read back."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from pypdf import PdfReader

from app.services.documents.content import HandoutContent, Letterhead
from app.services.documents.handout_pdf import render_handout
from tests.pdf_checks import qpdf_check

STANDARD_14 = ("Helvetica", "Times", "Courier", "Symbol", "ZapfDingbats")
SECTIONS = (
    "Summary",
    "Objectives",
    "Key content and reflections",
    "Sessions",
    "Good practices",
    "Resources",
    "Contacts",
)


def handout(**changes: object) -> HandoutContent:
    content = HandoutContent(
        language="en",
        activity_title="Fundraising for small associations",
        activity_kind="capsule",
        first_date=date(2025, 3, 3),
        last_date=date(2025, 3, 10),
        summary="Two sessions on funding.\nWithout losing independence.",
        objectives="- Know the public calls\n- Write a realistic plan",
        key_content="Funding is a relationship.\n\nWhat the group said: start small.",
        sessions=((date(2025, 3, 3), "Map of funding sources"), (date(2025, 3, 10), "Workshop")),
        practices=(("Shared grant calendar", "Three associations share one calendar."),),
        resources="Grant guide 2025: https://example.org/guide",
        contacts=(("Łukasz Wiśniewski", "Fundación Esperanza"), ("Анна Иванова", "Cáritas")),
        letterhead=Letterhead(name="Red de Entidades", colour="#7A3E9D"),
    )
    return replace(content, **changes)


def text_of(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_every_section_with_text_is_printed(tmp_path: Path) -> None:
    path = tmp_path / "handout.pdf"
    pages = render_handout(handout(), path)
    assert pages == len(PdfReader(path).pages)
    text = text_of(path)
    for section in SECTIONS:
        assert section in text
    assert text.index("Summary") < text.index("Objectives") < text.index("Contacts")
    assert "Mar 3 – 10, 2025" in text or "March 3 – 10, 2025" in text
    assert "TRAINING CAPSULE" in text
    assert "Two sessions on funding.\nWithout losing independence." in text  # line break kept
    assert "Know the public calls" in text and "Write a realistic plan" in text
    assert "March 10, 2025" in text and "Workshop" in text
    assert "Shared grant calendar" in text
    assert "Łukasz Wiśniewski" in text and "Анна Иванова" in text and "Cáritas" in text
    assert "Pass it on in your organisation" in text
    assert f"Page 1 of {pages}" in text


def test_sections_with_nothing_to_say_are_left_out(tmp_path: Path) -> None:
    path = tmp_path / "handout.pdf"
    content = handout(
        objectives="  ",
        key_content="",
        sessions=((date(2025, 3, 3), ""), (date(2025, 3, 10), "")),  # dates but nothing covered
        practices=(),
        resources="",
        contacts=(),
    )
    assert render_handout(content, path) == 1
    text = text_of(path)
    assert "Summary" in text and "Page 1 of 1" in text
    for section in SECTIONS[1:]:
        assert section not in text


def test_one_day_activity_shows_its_date(tmp_path: Path) -> None:
    path = tmp_path / "handout.pdf"
    render_handout(handout(last_date=date(2025, 3, 3)), path)
    assert "March 3, 2025" in text_of(path)


def test_printed_in_the_handouts_language(tmp_path: Path) -> None:
    path = tmp_path / "material.pdf"
    render_handout(handout(language="es"), path)
    text = text_of(path)
    assert "3–10 de marzo de 2025" in text
    assert "Sesiones" in text
    assert "CÁPSULA FORMATIVA" in text
    assert "March" not in text


def test_long_content_flows_over_pages_with_embedded_fonts(tmp_path: Path) -> None:
    path = tmp_path / "handout.pdf"
    long = "\n\n".join(f"Paragraph {i}: " + "what we learned together. " * 30 for i in range(30))
    pages = render_handout(handout(key_content=long, summary="Ελληνικά και русский"), path)
    reader = PdfReader(path)
    assert pages == len(reader.pages) >= 3
    text = text_of(path)
    assert "Paragraph 29:" in text and "Ελληνικά και русский" in text
    assert f"Page {pages} of {pages}" in text
    for page in reader.pages:
        for font in page["/Resources"].get_object()["/Font"].values():
            font = font.get_object()
            assert not str(font["/BaseFont"]).lstrip("/").startswith(STANDARD_14)
            assert "/FontFile2" in font["/FontDescriptor"].get_object()
    qpdf_check(path)
