"""The pieces every certificate design draws: the name, the body, the signature, the QR block.

Each takes the box to draw in, so a design is only a matter of geometry and fonts. Text is drawn
with our embedded fonts only (see :mod:`fonts`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from reportlab import rl_config
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.pdfgen.canvas import Canvas

from app.i18n import DocumentWords, document_words
from app.services.documents.content import CertificateContent, Letterhead
from app.services.documents.drawing import (
    GREY,
    INK,
    LIGHT_GREY,
    balanced_wrap,
    draw_image_in_box,
    draw_lines,
    fitted_size,
    image,
    text_width,
    wrap,
)
from app.services.documents.qr import draw_qr

PAYLOAD_MARK = "TEJIDO-CERT:"  # before the payload in each page's invisible text
KEYWORDS = "tejido-certificate"  # in the metadata: the /Subject holds the payloads
SMALLEST_NAME = 18.0  # points: below this a long name goes onto two lines instead
SMALLEST_BODY = 9.0
_PLAIN_ASCII = re.compile(r"[A-Za-z0-9._:-]+")


@dataclass(frozen=True, slots=True)
class Box:
    """A rectangle on the page, in points from the bottom left corner."""

    x: float
    y: float
    width: float
    height: float

    @property
    def top(self) -> float:
        """The top edge."""
        return self.y + self.height

    @property
    def centre(self) -> float:
        """The middle, across."""
        return self.x + self.width / 2


@lru_cache(maxsize=16)
def words_for(language: str) -> DocumentWords:
    """The document words of a language, loaded once per language."""
    return document_words(language)


def draw_line(
    canvas: Canvas, text: str, font: str, size: float, x: float, y: float, align: str
) -> None:
    """One line of text anchored "left", "centre" or "right" at ``x`` (widths from a cache)."""
    canvas.setFont(font, size)
    if align != "left":
        width = text_width(text, font, size)
        x -= width / 2 if align == "centre" else width
    canvas.drawString(x, y, text)


def anchor(box: Box, align: str) -> float:
    """The x where text aligned "left", "centre" or "right" in ``box`` is anchored."""
    return {"left": box.x, "right": box.x + box.width}.get(align, box.centre)


def draw_name(canvas: Canvas, name: str, font: str, size: float, box: Box, align: str) -> float:
    """The person's name, exactly as written, as big as fits: it shrinks to the box's width and,
    when that would make it smaller than :data:`SMALLEST_NAME`, goes onto two (or more) lines
    of even length. Never cut. ``box.top`` is the top of the first line; returns the baseline
    of the last line."""
    lines = name_lines(name, font, size, box.width)
    fitted = min(fitted_size(line, font, size, box.width) for line in lines)
    leading = fitted * 1.2
    baseline = box.top - fitted * 0.8
    canvas.setFillColor(INK)
    for line in lines:
        draw_line(canvas, line, font, fitted, anchor(box, align), baseline, align)
        baseline -= leading
    return baseline + leading


def name_lines(name: str, font: str, size: float, width: float) -> list[str]:
    """The name on one line, or split at spaces into the fewest lines of even length that
    keep it at least :data:`SMALLEST_NAME` big (a name without spaces stays one line)."""
    if fitted_size(name, font, size, width) >= SMALLEST_NAME or " " not in name.strip():
        return [name]
    lines = [name]
    for count in range(2, 5):
        lines = _balanced_lines(name, font, count)
        if min(fitted_size(line, font, size, width) for line in lines) >= SMALLEST_NAME:
            break
    return lines


def _balanced_lines(text: str, font: str, count: int) -> list[str]:
    """``text`` wrapped at spaces into at most ``count`` lines, the longest as short as can be."""
    low, high = 0.0, text_width(text, font, 10)
    for _step in range(24):
        middle = (low + high) / 2
        if len(simpleSplit(text, font, 10, middle)) <= count:
            high = middle
        else:
            low = middle
    return simpleSplit(text, font, 10, high)


def issued_line(content: CertificateContent) -> str:
    """ "Issued on 28 November 2026", unless the body already gives the date."""
    day = _long_date(content.language, content.issued_on)
    if not day or day in content.body:
        return ""
    return words_for(content.language)._("Issued on {date}").format(date=day)


@lru_cache(maxsize=64)
def _long_date(language: str, day: date) -> str:
    return words_for(language).date(day)


def draw_body(
    canvas: Canvas,
    content: CertificateContent,
    font: str,
    size: float,
    box: Box,
    centred: bool,
) -> float:
    """The filled-in paragraph from ``box.top`` down (lines of even length when centred),
    smaller when a long wording would not fit the box. Returns the last baseline."""
    fill = balanced_wrap if centred else wrap
    while True:
        lines = fill(content.body, font, size, box.width)
        leading = size * 1.4
        too_wide = max(width for _text, width in lines) > box.width
        if (leading * len(lines) <= box.height and not too_wide) or size <= SMALLEST_BODY:
            break
        size -= 0.5
    canvas.setFillColor(INK)
    canvas.setFont(font, size)
    align = "centre" if centred else "left"
    return draw_lines(canvas, lines, box.x, box.top + leading - size, box.width, leading, align)


def draw_signature(
    canvas: Canvas, letterhead: Letterhead, fonts: tuple[str, str], box: Box, align: str
) -> None:
    """The signature image over a hairline, the signatory's name and role under it. ``box`` is
    the whole block; nothing is drawn when there is neither a signatory nor a signature."""
    bold, regular = fonts
    signature = image(letterhead.signature_image)
    if signature is None and not letterhead.signatory_name:
        return
    line_y = box.y + 9 * mm
    line_width = min(box.width, 62 * mm)
    line_left = {"left": box.x, "right": box.x + box.width - line_width}.get(
        align, box.centre - line_width / 2
    )
    if signature is not None:
        picture = Box(line_left, line_y + 1 * mm, line_width, box.top - line_y - 1 * mm)
        draw_image_in_box(
            canvas, signature, picture.x, picture.y, picture.width, picture.height, align
        )
    canvas.setStrokeColor(LIGHT_GREY)
    canvas.setLineWidth(0.6)
    canvas.line(line_left, line_y, line_left + line_width, line_y)
    x = anchor(Box(line_left, box.y, line_width, box.height), align)
    canvas.setFillColor(INK)
    draw_line(canvas, letterhead.signatory_name, bold, 9.5, x, line_y - 4.5 * mm, align)
    canvas.setFillColor(GREY)
    draw_line(canvas, letterhead.signatory_role, regular, 8.5, x, line_y - 8.5 * mm, align)


def draw_qr_block(
    canvas: Canvas, content: CertificateContent, font: str, box: Box, align: str
) -> None:
    """The QR code at the top of ``box`` (as wide as the box) and the short code under it."""
    size = box.width
    draw_qr(canvas, content.payload, box.x, box.top - size, size)
    canvas.setFillColor(INK)
    draw_line(canvas, content.code, font, 9, anchor(box, align), box.top - size - 2.5 * mm, align)


def verify_line(content: CertificateContent) -> str:
    """ "Verify with Tejido: K7Q2-9XHD", in the certificate's language."""
    words = words_for(content.language)
    return words._("Verify with Tejido: {code}").format(code=content.code)


def small_print(letterhead: Letterhead) -> str:
    """The organisation's address, website and e-mail on one line."""
    parts = (letterhead.address, letterhead.website, letterhead.email)
    return "  ·  ".join(" ".join(part.split()) for part in parts if part and part.strip())


def draw_payload(
    canvas: Canvas, content: CertificateContent, font: str, x: float, y: float
) -> None:
    """The payload as invisible text (render mode 3), so each page of a merged PDF can be
    verified on its own: text extraction finds ``TEJIDO-CERT:<payload>`` on the page. The
    payload is one line of printable text (no line breaks).

    A payload of plain ASCII letters, digits and ``.-_`` (what signing makes) is written
    straight into the page: ReportLab keeps ASCII at its own codes in the first subset of
    every TrueType font ("ASCII readable"), so the bytes are the text, and the per-character
    work of its text object (a tenth of a certificate's time) is skipped. Anything else goes
    through the text object. Were the codes ever different, the pages would simply show no
    payload and :func:`pdf_reading.read_payloads` would fall back on ``/Subject``.
    """
    text = PAYLOAD_MARK + content.payload
    if _PLAIN_ASCII.fullmatch(text) and rl_config.ttfAsciiReadable:
        subset = getFont(font).getSubsetInternalName(0, canvas._doc)
        canvas.addLiteral(f"q BT 3 Tr {subset} 2 Tf 1 0 0 1 {x:.2f} {y:.2f} Tm ({text}) Tj ET Q")
        return
    canvas.saveState()  # the rendering mode outlives the text object: keep it to this one
    writing = canvas.beginText(x, y)
    writing.setTextRenderMode(3)
    writing.setFont(font, 2)
    writing.textLine(text)
    canvas.drawText(writing)
    canvas.restoreState()
