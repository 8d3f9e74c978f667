"""Certificates as printed: read back from the PDF (names, fonts, pages, payloads), qpdf-checked."""

from __future__ import annotations

import io
import unicodedata
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from pypdf import PdfReader

from app.errors import Cancelled, ValidationError
from app.services.documents.certificate_parts import SMALLEST_NAME, name_lines
from app.services.documents.certificate_pdf import certificate_pdf_bytes, render_certificates
from app.services.documents.content import CERTIFICATE_DESIGNS, CertificateContent, Letterhead
from app.services.documents.drawing import fitted_size
from app.services.documents.fonts import SERIF_BOLD
from app.services.documents.pdf_reading import read_payloads
from tests.pdf_checks import qpdf_check

NAMES = (
    "José María Núñez",
    "François Ç",
    "Łukasz Wiśniewski",
    "Erzsébet Kővári",
    "Анна Иванова",
    "Νίκος Παπαδόπουλος",
)
STANDARD_14 = ("Helvetica", "Times", "Courier", "Symbol", "ZapfDingbats")


def png(width: int, height: int) -> bytes:
    picture = Image.new("RGBA", (width, height), (255, 255, 255, 0))
    ImageDraw.Draw(picture).ellipse((4, 4, width - 4, height - 4), fill=(46, 107, 94, 255))
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    return buffer.getvalue()


LETTERHEAD = Letterhead(
    name="Red de Entidades Sociales",
    logo=png(300, 100),
    colour="#8A3B12",
    address="Calle Mayor 1, 46001 Valencia",
    website="www.red.example",
    signatory_name="Carmen Gil Roca",
    signatory_role="Coordinadora",
    signature_image=png(250, 80),
)


def certificate(name: str = NAMES[0], number: int = 0, **changes: object) -> CertificateContent:
    content = CertificateContent(
        code=f"K7Q{number}-9XHD",
        kind="attendance",
        language="en",
        design="classic",
        person_name=name,
        activity_title="Fundraising for small associations",
        activity_kind="capsule",
        first_date=date(2026, 11, 3),
        last_date=date(2026, 11, 28),
        minutes=720,
        issued_on=date(2026, 11, 30),
        heading="Certificate of attendance",
        body="attended the training capsule “Fundraising for small associations”, 12 hours.",
        payload=f"TJ1.eyJjIjoiSzdRMi05WEhEIn0{number}.c2lnbmF0dXJl_-{number}",
        letterhead=LETTERHEAD,
    )
    return replace(content, **changes)


def every_design() -> list[CertificateContent]:
    return [
        certificate(name, number, design=design)
        for design in CERTIFICATE_DESIGNS
        for number, name in enumerate(NAMES)
    ]


@pytest.fixture(scope="module")
def merged(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("certificates") / "all.pdf"
    render_certificates(every_design(), path)
    return path


def fonts_of(resources, found: list) -> None:  # type: ignore[no-untyped-def]
    """Every font in ``resources`` and in the forms it uses."""
    resources = resources.get_object()
    for font in resources.get("/Font", {}).values():
        found.append(font.get_object())
    for xobject in resources.get("/XObject", {}).values():
        xobject = xobject.get_object()
        if xobject.get("/Subtype") == "/Form" and "/Resources" in xobject:
            fonts_of(xobject["/Resources"], found)


def test_every_name_appears_exactly_as_written(merged: Path) -> None:
    pages = PdfReader(merged).pages
    for page, content in zip(pages, every_design(), strict=True):
        text = unicodedata.normalize("NFC", page.extract_text())
        assert unicodedata.normalize("NFC", content.person_name) in text
        assert content.code in text and "Certificate of attendance" in text


def test_one_page_each_and_qpdf_finds_no_fault(merged: Path) -> None:
    assert len(PdfReader(merged).pages) == len(every_design())
    qpdf_check(merged)


def test_every_font_is_embedded_and_none_is_a_standard_one(merged: Path) -> None:
    for page in PdfReader(merged).pages:
        found: list = []
        fonts_of(page["/Resources"], found)
        assert found
        for font in found:
            assert not any(name in font["/BaseFont"] for name in STANDARD_14), font["/BaseFont"]
            descriptor = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, font["/BaseFont"]


def test_each_page_gives_back_its_own_payload(merged: Path) -> None:
    assert read_payloads(merged) == [content.payload for content in every_design()]


def test_a_payload_beyond_plain_ascii_is_written_and_read_back_too(tmp_path: Path) -> None:
    payloads = ["TJ1.ab+/cd==.ef", "TJ1.Núñez(1)\\x.Ω"]
    path = tmp_path / "odd.pdf"
    render_certificates([certificate(payload=payload) for payload in payloads], path)
    assert read_payloads(path) == payloads


@pytest.mark.parametrize("payload", ["TJ1.plain-ascii_payload", "TJ1.not+plain/ascii=é"])
def test_the_invisible_payload_leaves_later_text_visible(tmp_path: Path, payload: str) -> None:
    import pypdfium2
    from reportlab.pdfgen.canvas import Canvas

    from app.services.documents.certificate_parts import draw_payload
    from app.services.documents.fonts import SANS, register_fonts

    register_fonts()
    path = tmp_path / "after.pdf"
    canvas = Canvas(str(path), pagesize=(200, 100), initialFontName=SANS)
    draw_payload(canvas, certificate(payload=payload), SANS, 10, 10)
    canvas.setFont(SANS, 60)
    canvas.drawString(10, 30, "██")
    canvas.save()
    picture = pypdfium2.PdfDocument(path)[0].render().to_pil().convert("L")
    assert picture.getextrema()[0] < 64  # the blocks are drawn, not invisible
    assert read_payloads(path) == [payload]


def test_the_metadata_names_the_certificate_and_carries_the_payload(tmp_path: Path) -> None:
    path = tmp_path / "one.pdf"
    path.write_bytes(certificate_pdf_bytes(certificate("Анна Иванова")))
    metadata = PdfReader(path).metadata
    assert metadata.title == "Certificate of attendance — Анна Иванова"
    assert metadata.author == "Red de Entidades Sociales"
    assert metadata.subject == certificate().payload
    assert "tejido-certificate" in metadata["/Keywords"]
    assert read_payloads(path) == [certificate().payload]


def test_the_subject_is_used_when_the_pages_have_no_payload_text(tmp_path: Path) -> None:
    """A PDF rewritten without the invisible text still gives its payloads from /Subject."""
    from pypdf import PdfWriter

    source = tmp_path / "source.pdf"
    render_certificates([certificate(number=1), certificate(number=2)], source)
    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    metadata = PdfReader(source).metadata
    writer.add_metadata({"/Subject": metadata.subject, "/Keywords": metadata["/Keywords"]})
    rewritten = tmp_path / "rewritten.pdf"
    with rewritten.open("wb") as file:
        writer.write(file)
    assert read_payloads(rewritten) == [certificate(number=n).payload for n in (1, 2)]


def test_the_date_of_issue_is_printed_once(tmp_path: Path) -> None:
    dated = certificate(number=1, body="took part in the capsule. Valencia, November 30, 2026")
    path = tmp_path / "dated.pdf"
    render_certificates([certificate(), dated], path)
    first, second = (page.extract_text() for page in PdfReader(path).pages)
    assert "Issued on November 30, 2026" in first
    assert "Issued on" not in second and "Valencia, November 30, 2026" in second


def test_a_long_name_goes_on_two_lines_and_is_never_cut(tmp_path: Path) -> None:
    name = "Νίκος Παπαδόπουλος-Καραγιαννόπουλος Αλεξανδρόπουλος Χριστοδουλόπουλος Οικονόμου"
    lines = name_lines(name, SERIF_BOLD, 36, 500)
    assert " ".join(lines) == name and len(lines) >= 2
    assert all(fitted_size(line, SERIF_BOLD, 36, 500) >= SMALLEST_NAME for line in lines)
    path = tmp_path / "long.pdf"
    render_certificates([certificate(name, design=d) for d in CERTIFICATE_DESIGNS], path)
    for page in PdfReader(path).pages:
        assert all(word in page.extract_text() for word in name.split())


def test_a_missing_or_unreadable_logo_and_signature_are_left_out(tmp_path: Path) -> None:
    broken = replace(LETTERHEAD, logo=b"not an image", signature_image=b"\x89PNG\r\n\x1a\nbroken")
    plain = replace(LETTERHEAD, logo=None, signature_image=None, signatory_name="")
    contents = [
        certificate(design=design, letterhead=head)
        for design in CERTIFICATE_DESIGNS
        for head in (broken, plain)
    ]
    path = tmp_path / "plain.pdf"
    assert render_certificates(contents, path) == 6
    assert "Carmen Gil Roca" in PdfReader(path).pages[0].extract_text()


def test_an_unknown_design_falls_back_to_the_classic_one(tmp_path: Path) -> None:
    path = tmp_path / "fallback.pdf"
    render_certificates([certificate(design="baroque")], path)
    assert NAMES[0] in PdfReader(path).pages[0].extract_text()


def test_progress_reaches_the_end(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    contents = [certificate(number=n) for n in range(23)]
    render_certificates(contents, tmp_path / "many.pdf", progress=lambda *a: seen.append(a))
    assert seen[-1] == (23, 23)


def test_cancelling_leaves_no_file_and_keeps_an_older_one(tmp_path: Path) -> None:
    path = tmp_path / "certificates.pdf"
    asked = iter([False, False, True])
    with pytest.raises(Cancelled):
        render_certificates(
            [certificate(number=n) for n in range(5)], path, cancelled=lambda: next(asked)
        )
    assert list(tmp_path.iterdir()) == []
    path.write_bytes(b"the certificates made last week")
    with pytest.raises(Cancelled):
        render_certificates([certificate()], path, cancelled=lambda: True)
    assert path.read_bytes() == b"the certificates made last week"
    assert list(tmp_path.iterdir()) == [path]


def test_a_folder_that_cannot_be_written_is_said_plainly(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="could not be written"):
        render_certificates([certificate()], tmp_path / "no such folder" / "c.pdf")


def test_nothing_to_draw_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValidationError):
        render_certificates([], tmp_path / "none.pdf")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "data",
    [b"", b"Name,Hours\nAna,3\n", b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog"],
    ids=["empty", "a spreadsheet", "cut short"],
)
def test_a_file_that_is_not_a_readable_pdf_is_refused_plainly(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "certificate.pdf"
    path.write_bytes(data)
    with pytest.raises(ValidationError, match="certificate.pdf"):
        read_payloads(path)


def test_a_missing_file_is_refused_plainly(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="cannot be opened"):
        read_payloads(tmp_path / "gone.pdf")


def test_a_pdf_without_certificates_gives_no_payload(tmp_path: Path) -> None:
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "letter.pdf"
    canvas = Canvas(str(path))
    canvas.drawString(72, 72, "Dear members,")
    canvas.save()
    assert read_payloads(path) == []
