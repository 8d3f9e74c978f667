"""The practice sheet and the booklet of practices, read back: what is on them, where the table
of contents sends the reader, what is left out, and that a failed or cancelled booklet leaves
no file behind."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from app.errors import Cancelled, NotFoundError, ValidationError
from app.models import Practice
from app.services import practice_documents
from app.services.attachments import store_file
from app.services.catalogue_values import PracticeData
from app.services.profile import ProfileData
from app.services.registry import Services
from tests.pdf_checks import qpdf_check

LONG_LINK = "https://example.org/" + "a-very-long-path-that-cannot-fit-on-one-line-" * 3 + "END"
PARAGRAPH = "Las parejas se reunieron cada dos semanas en el centro cívico del barrio. " * 5


def pages_text(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def squash(text: str) -> str:
    """Text with line breaks and doubled spaces folded, so a wrapped sentence can be found."""
    return " ".join(text.split())


def a_pdf(path: Path) -> Path:
    canvas = Canvas(str(path))
    canvas.drawString(72, 720, "Guía")
    canvas.save()
    return path


def a_png(path: Path) -> Path:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (20, 10), (200, 100, 50)).save(buffer, "PNG")
    path.write_bytes(buffer.getvalue())
    return path


@pytest.fixture
def full(services: Services, tmp_path: Path) -> str:
    """A published practice with every field, two attachments and two links."""
    services.profile.save(ProfileData(name="Red de Entidades", default_language="en"))
    guide = store_file(services.db, a_pdf(tmp_path / "guia-acogida.pdf"), "Welcome guide")
    poster = store_file(services.db, a_png(tmp_path / "cartel.png"), "Campaign poster")
    saved = services.catalogue.save(
        PracticeData(
            title="Peer mentoring for young migrants: Łódź & Αθήνα",
            area="Employment",
            themes=("social_innovation", "equality"),
            organisation_name="Fundación Alimenta",
            territory="Valladolid",
            target_group="Young people aged 18 to 29 looking for work",
            year=2023,
            summary="Young people who found work accompany others for six months.",
            context="Few young migrants reached the employment services.",
            objectives="- Shorten the job search\n- Build support networks",
            description="\n\n".join(f"Step {n}. {PARAGRAPH}" for n in range(1, 16)),
            resources="A part-time coordinator and a room lent by the council.",
            results="27 of 42 young people found a job within six months.",
            evidence="Monthly follow-up records.",
            lessons="Pairs work better when they share a language.",
            sustainability="Funded by the council since 2024.",
            transferability="Start with five pairs.",
            gender_perspective="Same-gender pairs on request.",
            accessibility="Easy-read materials.",
            contact="Ana Ruiz, ana@alimenta.org",
            links=("https://alimenta.org/mentoring", LONG_LINK),
            licence="CC BY 4.0",
            status="published",
            reviewer="Marta Gil",
            reviewed_on=date(2024, 2, 12),
            attachments=(guide, poster),
        ),
        today=date(2025, 1, 1),
    )
    return saved.id or ""


def save(services: Services, title: str, area: str = "", **more: object) -> str:
    data = PracticeData(title=title, area=area, summary=f"About {title}.", **more)  # type: ignore[arg-type]
    return services.catalogue.save(data, today=date(2025, 1, 1)).id or ""


def test_the_sheet_prints_every_field_under_its_heading(
    services: Services, full: str, tmp_path: Path
) -> None:
    out = tmp_path / "sheet.pdf"
    pages = practice_documents.practice_sheet(services.db, full, out)
    texts = pages_text(out)
    assert pages == len(texts) >= 2  # the long description runs over
    qpdf_check(out)
    text = squash("\n".join(texts))
    assert "Peer mentoring for young migrants: Łódź & Αθήνα" in text
    assert "GOOD PRACTICE · EMPLOYMENT" in text and "Fundación Alimenta" in text
    for heading, value in (
        ("Context and problem", "Few young migrants reached the employment services."),
        ("What was done", "Step 15."),
        ("Resources used", "A part-time coordinator"),
        ("Evidence of the results", "Monthly follow-up records."),
        ("Difficulties and lessons learned", "share a language"),
        ("How others can adopt it", "Start with five pairs."),
        ("Gender perspective", "Same-gender pairs"),
        ("Accessibility", "Easy-read materials."),
        ("Contact", "ana@alimenta.org"),
        ("TARGET GROUP", "aged 18 to 29"),  # the facts' labels are in capitals
        ("CROSS-CUTTING THEMES", "Social innovation, Equality"),
    ):
        assert heading in text and value in text, heading
    assert "Young people who found work accompany others" in text  # the summary, as the lead
    assert "• Shorten the job search" in text
    assert "Published, reviewed by Marta Gil on February 12, 2024" in text and "CC BY 4.0" in text
    assert "Welcome guide" in text and "guia-acogida.pdf" in text and "PDF ·" in text
    assert "Campaign poster" in text and "cartel.png" in text and "PNG ·" in text
    assert "https://alimenta.org/mentoring" in text
    assert LONG_LINK[-30:] in text.replace(" ", "")  # wrapped, not cut off
    for page in texts[1:]:  # a loose page says which practice it belongs to
        assert "Peer mentoring for young" in page
    assert (
        PdfReader(out).metadata.title
        == "Good practice: Peer mentoring for young migrants: Łódź & Αθήνα"
    )


def test_the_sheet_leaves_out_what_is_empty_and_speaks_the_language_asked(
    services: Services, tmp_path: Path
) -> None:
    bare = services.catalogue.save(
        PracticeData(title="Banco de tiempo", reviewer="Ana", reviewed_on=date(2024, 3, 5)),
        today=date(2025, 1, 1),
    )
    out = tmp_path / "bare.pdf"
    assert practice_documents.practice_sheet(services.db, bare.id or "", out, language="es") == 1
    text = squash(pages_text(out)[0])
    assert "Banco de tiempo" in text and "5 de marzo de 2024" in text
    for heading in ("Context and problem", "What was done", "Links", "Attachments", "Summary"):
        assert heading not in text


def test_an_imported_practice_says_where_it_came_from_and_that_its_origin_withdrew_it(
    services: Services, full: str, tmp_path: Path
) -> None:
    with services.db.session() as s:
        practice = s.get(Practice, full)
        practice.origin_id, practice.origin_name = (
            "0" * 8 + "-0000-4000-8000-" + "0" * 12,
            "Alimenta",
        )
        practice.revision, practice.edited_locally, practice.withdrawn = 3, True, True
    out = tmp_path / "withdrawn.pdf"
    practice_documents.practice_sheet(services.db, full, out)
    text = squash(pages_text(out)[0])
    assert "Alimenta has withdrawn this practice" in text
    assert "Shared by Alimenta, revision 3. Edited here since it came in." in text


def test_a_sheet_of_a_practice_in_the_trash_or_gone_is_refused(
    services: Services, full: str, tmp_path: Path
) -> None:
    services.catalogue.delete([full])
    with pytest.raises(NotFoundError, match="trash"):
        practice_documents.practice_sheet(services.db, full, tmp_path / "x.pdf")
    with pytest.raises(NotFoundError):
        practice_documents.practice_sheet(services.db, "no-such-id", tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


@pytest.fixture
def catalogue(services: Services, full: str) -> dict[str, str]:
    """Practices in three areas and none, plus a hidden, a withdrawn and a trashed one."""
    ids = {"full": full}
    ids["garden"] = save(services, "School gardens", "Environment")
    ids["bank"] = save(services, "Time bank", "Community participation")
    ids["care"] = save(services, "Care cooperative", "Employment")
    ids["loose"] = save(services, "Digital volunteering")
    ids["hidden"] = save(services, "Hidden practice", "Employment")
    ids["gone"] = save(services, "Trashed practice", "Employment")
    ids["withdrawn"] = save(services, "Withdrawn practice", "Employment")
    services.catalogue.set_hidden([ids["hidden"]], True)
    services.catalogue.delete([ids["gone"]])
    with services.db.session() as s:
        s.get(Practice, ids["withdrawn"]).withdrawn = True
    return ids


def contents(first_page: str) -> list[tuple[str, int]]:
    """The lines of the table of contents: (text, page)."""
    body = first_page.split("Contents", 1)[1]
    return [(m[0].strip(), int(m[1])) for m in re.findall(r"([^\n]+)\n\s*(\d+)\n", body)]


def test_the_booklet_groups_by_area_and_its_contents_point_at_the_right_pages(
    services: Services, catalogue: dict[str, str], tmp_path: Path
) -> None:
    out = tmp_path / "booklet.pdf"
    pages = practice_documents.booklet(services.db, out, today=date(2025, 5, 6))
    texts = pages_text(out)
    assert pages == len(texts)
    qpdf_check(out)
    assert "5 practices · May 6, 2025" in texts[0]
    lines = contents(texts[0])
    # The taxonomy's order (Employment before Environment before Community participation),
    # titles in order within an area, practices with no area last.
    assert [text for text, _page in lines] == [
        "Employment",
        "Care cooperative",
        "Peer mentoring for young migrants: Łódź & Αθήνα",
        "Environment",
        "School gardens",
        "Community participation",
        "Time bank",
        "No area",
        "Digital volunteering",
    ]
    for text, page in lines:
        assert text in texts[page - 1].replace("\n", " "), text  # it starts on that page
    reader = PdfReader(out)
    outline = [
        (item.title, reader.get_destination_page_number(item) + 1) for item in _flat(reader.outline)
    ]
    assert outline == lines  # the PDF's bookmarks say the same
    everything = "\n".join(texts)
    for left_out in ("Hidden practice", "Trashed practice", "Withdrawn practice"):
        assert left_out not in everything


def _flat(outline: list) -> list:  # type: ignore[type-arg]
    items = []
    for item in outline:
        items += _flat(item) if isinstance(item, list) else [item]
    return items


def test_a_booklet_of_a_selection_or_of_some_areas(
    services: Services, catalogue: dict[str, str], tmp_path: Path
) -> None:
    out = tmp_path / "chosen.pdf"
    chosen = [catalogue[k] for k in ("bank", "hidden", "gone", "withdrawn")]
    practice_documents.booklet(services.db, out, practice_ids=chosen)
    titles = [text for text, _page in contents(pages_text(out)[0])]
    # asked for by id: hidden and withdrawn ones too, never the trash
    assert titles == [
        "Employment",
        "Hidden practice",
        "Withdrawn practice",
        "Community participation",
        "Time bank",
    ]
    practice_documents.booklet(services.db, out, areas=("environment", "COMMUNITY participation"))
    titles = [text for text, _page in contents(pages_text(out)[0])]
    assert titles == ["Environment", "School gardens", "Community participation", "Time bank"]
    assert "Good practices: Environment, Community participation" in squash(pages_text(out)[0])


def test_a_booklet_with_nothing_in_it_or_an_unknown_area_is_refused(
    services: Services, catalogue: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "none.pdf"
    with pytest.raises(NotFoundError, match="no area called “Nowhere”"):
        practice_documents.booklet(services.db, out, areas=("Nowhere",))
    with pytest.raises(ValidationError, match="no practices to print"):
        practice_documents.booklet(services.db, out, areas=("Housing",))
    monkeypatch.setattr(practice_documents, "MAX_BOOKLET_PRACTICES", 3)
    with pytest.raises(ValidationError, match="at most 3 practices, and 5 were chosen"):
        practice_documents.booklet(services.db, out)
    assert not out.exists()


def test_a_cancelled_or_failed_booklet_leaves_the_file_as_it_was(
    services: Services, catalogue: dict[str, str], tmp_path: Path
) -> None:
    out = tmp_path / "booklet.pdf"
    out.write_bytes(b"the booklet of last year")
    with pytest.raises(Cancelled):
        practice_documents.booklet(services.db, out, cancelled=lambda: True)
    with pytest.raises(ValidationError, match=".pdf"):
        practice_documents.booklet(services.db, tmp_path / "booklet.txt")
    assert out.read_bytes() == b"the booklet of last year"
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == ["booklet.pdf", "cartel.png", "data", "guia-acogida.pdf"]
