"""The three certificate designs, on A4 landscape, all inside 15 mm printable margins.

- **classic**: serif, centred, a fine double border in the organisation's colour.
- **modern**: a panel in the organisation's colour on the left with the logo, the organisation's
  name and the QR code; sans-serif, left-aligned text on the right.
- **minimal**: white space, sans-serif, left-aligned, one hairline in the organisation's colour.

A design draws in two passes: ``static`` (what the certificates of one batch share: frame, logo,
organisation, heading, date of issue, signature, address) once per PDF into a Form XObject, and
``variable`` (the person's name, the body, the QR code and its code) on every page.
"""

from __future__ import annotations

from dataclasses import replace

from reportlab.lib.colors import white
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from app.services.documents.certificate_parts import (
    Box,
    anchor,
    draw_body,
    draw_line,
    draw_name,
    draw_payload,
    draw_qr_block,
    draw_signature,
    issued_line,
    small_print,
    verify_line,
)
from app.services.documents.content import CertificateContent
from app.services.documents.drawing import (
    GREY,
    colour,
    draw_image_in_box,
    fitted_size,
    image,
    paragraph,
    style,
    tint,
)
from app.services.documents.fonts import (
    SANS,
    SANS_BOLD,
    SANS_ITALIC,
    SERIF,
    SERIF_BOLD,
    SERIF_ITALIC,
)

PAGE = landscape(A4)
WIDTH, HEIGHT = PAGE


def _fitted_line(canvas: Canvas, text: str, font: str, size: float, box: Box, align: str) -> None:
    """One line of small text, smaller if it would overflow the box's width."""
    if text:
        fitted = fitted_size(text, font, size, box.width)
        draw_line(canvas, text, font, fitted, anchor(box, align), box.y, align)


class Design:
    """A certificate design: ``static`` draws what the certificates of a batch share (once per
    PDF, into a form), ``variable`` what is each person's own (on every page)."""

    FONTS = (SANS, SANS_BOLD, SANS_ITALIC)  # regular, bold, italic

    def static(self, canvas: Canvas, content: CertificateContent) -> None:
        """Frame, logo, organisation, heading, date of issue, signature, address."""
        raise NotImplementedError

    def variable(self, canvas: Canvas, content: CertificateContent) -> None:
        """The person's name, the body, the QR code and its code, the payload."""
        raise NotImplementedError

    def _signed(
        self, canvas: Canvas, content: CertificateContent, boxes: tuple[Box, Box, Box], align: str
    ) -> None:
        """The date of issue, the signature and the address, in their boxes."""
        regular, bold, italic = self.FONTS
        issued, signature, address = boxes
        canvas.setFillColor(GREY)
        _fitted_line(canvas, issued_line(content), italic, 10, issued, align)
        draw_signature(canvas, content.letterhead, (bold, regular), signature, align)
        canvas.setFillColor(GREY)
        _fitted_line(canvas, small_print(content.letterhead), regular, 7.5, address, align)


class Classic(Design):
    """Serif, centred, a fine double border in the organisation's colour."""

    FONTS = (SERIF, SERIF_BOLD, SERIF_ITALIC)
    MIDDLE = Box(120 * mm, 0, WIDTH - 240 * mm, 0)  # the bottom centre, between signature and QR

    def static(self, canvas: Canvas, content: CertificateContent) -> None:
        """The double border, the logo and organisation at the top, heading, signature."""
        letterhead, ink = content.letterhead, colour(content.letterhead.colour)
        canvas.setStrokeColor(ink)
        canvas.setLineWidth(1.6)
        canvas.rect(15 * mm, 15 * mm, WIDTH - 30 * mm, HEIGHT - 30 * mm)
        canvas.setLineWidth(0.5)
        canvas.rect(18 * mm, 18 * mm, WIDTH - 36 * mm, HEIGHT - 36 * mm)
        logo = image(letterhead.logo)
        if logo is not None:
            draw_image_in_box(canvas, logo, WIDTH / 2 - 35 * mm, HEIGHT - 46 * mm, 70 * mm, 20 * mm)
        canvas.setFillColor(ink)
        canvas.setFont(SERIF, fitted_size(letterhead.name, SERIF, 11, WIDTH - 80 * mm))
        name_y = HEIGHT - (52 if logo is not None else 34) * mm
        canvas.drawCentredString(WIDTH / 2, name_y, letterhead.name, charSpace=0.8)
        top = self._top(content)
        heading = Box(40 * mm, top - 12 * mm, WIDTH - 80 * mm, 0)
        _fitted_line(canvas, content.heading, SERIF, 30, heading, "centre")
        canvas.setStrokeColor(ink)
        canvas.setLineWidth(0.8)
        canvas.line(WIDTH / 2 - 14 * mm, top - 19 * mm, WIDTH / 2 + 14 * mm, top - 19 * mm)
        boxes = (
            replace(self.MIDDLE, y=35 * mm),
            Box(38 * mm, 28 * mm, 78 * mm, 34 * mm),
            Box(70 * mm, 22 * mm, WIDTH - 140 * mm, 0),
        )
        self._signed(canvas, content, boxes, "centre")

    def variable(self, canvas: Canvas, content: CertificateContent) -> None:
        """Name and body centred under the heading; the QR code at the bottom right."""
        top = self._top(content)
        name_box = Box(35 * mm, 0, WIDTH - 70 * mm, top - 26 * mm)
        baseline = draw_name(canvas, content.person_name, SERIF_BOLD, 36, name_box, "centre")
        body = Box(WIDTH / 2 - 105 * mm, 66 * mm, 210 * mm, baseline - 74 * mm)
        draw_body(canvas, content, SERIF, 13, body, centred=True)
        draw_qr_block(
            canvas, content, SERIF_BOLD, Box(WIDTH - 70 * mm, 0, 34 * mm, 66 * mm), "centre"
        )
        canvas.setFillColor(GREY)
        verify = replace(self.MIDDLE, y=28.5 * mm)
        _fitted_line(canvas, verify_line(content), SERIF_ITALIC, 8, verify, "centre")
        draw_payload(canvas, content, SERIF, 70 * mm, 19.5 * mm)

    @staticmethod
    def _top(content: CertificateContent) -> float:
        """Where the heading goes: lower when there is a logo above it."""
        return HEIGHT - (60 if image(content.letterhead.logo) is not None else 44) * mm


class Modern(Design):
    """A colour panel on the left with logo, organisation and QR; sans-serif, left-aligned."""

    PANEL = Box(15 * mm, 15 * mm, 78 * mm, HEIGHT - 30 * mm)
    CARD = Box(23 * mm, 29 * mm, 62 * mm, 68 * mm)  # the white card behind the QR code
    TEXT = Box(108 * mm, 15 * mm, WIDTH - 108 * mm - 25 * mm, HEIGHT - 30 * mm)

    def static(self, canvas: Canvas, content: CertificateContent) -> None:
        """The panel with logo and organisation, the heading, date, signature and address."""
        self._panel(canvas, content)
        text = self.TEXT
        canvas.setFillColor(colour(content.letterhead.colour))
        canvas.setFont(SANS_BOLD, fitted_size(content.heading, SANS_BOLD, 14, text.width))
        canvas.drawString(text.x, text.top - 22 * mm, content.heading, charSpace=0.6)
        boxes = (
            Box(text.x, 67 * mm, text.width, 0),
            Box(text.x, 30 * mm, 72 * mm, 30 * mm),
            Box(text.x, 20 * mm, text.width, 0),
        )
        self._signed(canvas, content, boxes, "left")

    def _panel(self, canvas: Canvas, content: CertificateContent) -> None:
        """The coloured panel: the logo on a white card, the organisation, the QR's card."""
        panel, card = self.PANEL, self.CARD
        canvas.setFillColor(colour(content.letterhead.colour))
        canvas.rect(panel.x, panel.y, panel.width, panel.height, stroke=0, fill=1)
        canvas.setFillColor(white)
        canvas.roundRect(card.x, card.y, card.width, card.height, 2 * mm, stroke=0, fill=1)
        logo = image(content.letterhead.logo)
        name_top = panel.top - 10 * mm
        if logo is not None:
            logo_card = Box(card.x, panel.top - 38 * mm, card.width, 28 * mm)
            canvas.roundRect(*_xywh(logo_card), 2 * mm, stroke=0, fill=1)
            draw_image_in_box(canvas, logo, *_xywh(_inset(logo_card, 4 * mm)))
            name_top = panel.top - 46 * mm
        name = paragraph(content.letterhead.name, style(SANS_BOLD, 12, colour_=white))
        _width, height = name.wrap(card.width, 40 * mm)
        name.drawOn(canvas, card.x, name_top - height)

    def variable(self, canvas: Canvas, content: CertificateContent) -> None:
        """Name, a short rule and the body on the right; the QR code on the panel's card."""
        ink, text, card = colour(content.letterhead.colour), self.TEXT, self.CARD
        name_box = Box(text.x, 0, text.width, text.top - 32 * mm)
        baseline = draw_name(canvas, content.person_name, SANS_BOLD, 34, name_box, "left")
        canvas.setFillColor(ink)
        canvas.rect(text.x, baseline - 9 * mm, 18 * mm, 1.2 * mm, stroke=0, fill=1)
        body = Box(text.x, 76 * mm, text.width - 10 * mm, baseline - 93 * mm)
        draw_body(canvas, content, SANS, 12, body, centred=False)
        qr = Box(card.x + 5 * mm, 0, card.width - 10 * mm, card.top - 4 * mm)
        draw_qr_block(canvas, content, SANS_BOLD, qr, "centre")
        canvas.setFillColor(white)
        verify = Box(card.x, self.PANEL.y + 7 * mm, card.width, 0)
        _fitted_line(canvas, verify_line(content), SANS, 7.5, verify, "centre")
        draw_payload(canvas, content, SANS, text.x, 16 * mm)


class Minimal(Design):
    """White space, sans-serif, left-aligned; one hairline in the organisation's colour."""

    LEFT = 32 * mm
    RIGHT = WIDTH - 32 * mm

    def static(self, canvas: Canvas, content: CertificateContent) -> None:
        """Logo and organisation over a hairline, the heading, date, signature and address."""
        letterhead, ink = content.letterhead, colour(content.letterhead.colour)
        width = self.RIGHT - self.LEFT
        logo = image(letterhead.logo)
        canvas.setFillColor(GREY)
        room = width - (65 * mm if logo is not None else 0)
        canvas.setFont(SANS, fitted_size(letterhead.name, SANS, 9.5, room))
        if logo is not None:
            draw_image_in_box(canvas, logo, self.LEFT, HEIGHT - 42 * mm, 55 * mm, 16 * mm, "left")
            canvas.drawRightString(self.RIGHT, HEIGHT - 35.5 * mm, letterhead.name, charSpace=0.3)
        else:
            canvas.drawString(self.LEFT, HEIGHT - 35.5 * mm, letterhead.name, charSpace=0.3)
        canvas.setStrokeColor(tint(ink, 0.2))
        canvas.setLineWidth(0.6)
        canvas.line(self.LEFT, HEIGHT - 50 * mm, self.RIGHT, HEIGHT - 50 * mm)
        canvas.setFillColor(ink)
        canvas.setFont(SANS, fitted_size(content.heading, SANS, 13, width))
        canvas.drawString(self.LEFT, HEIGHT - 68 * mm, content.heading, charSpace=1.2)
        boxes = (
            Box(self.LEFT, 65 * mm, 150 * mm, 0),
            Box(self.LEFT, 30 * mm, 72 * mm, 28 * mm),
            Box(self.LEFT, 20 * mm, 150 * mm, 0),
        )
        self._signed(canvas, content, boxes, "left")

    def variable(self, canvas: Canvas, content: CertificateContent) -> None:
        """Name and body at the left; the QR code at the bottom right."""
        name_box = Box(self.LEFT, 0, self.RIGHT - self.LEFT, HEIGHT - 76 * mm)
        baseline = draw_name(canvas, content.person_name, SANS, 38, name_box, "left")
        body = Box(self.LEFT, 74 * mm, 190 * mm, baseline - 86 * mm)
        draw_body(canvas, content, SANS, 12, body, centred=False)
        qr = Box(self.RIGHT - 34 * mm, 0, 34 * mm, 66 * mm)
        draw_qr_block(canvas, content, SANS_BOLD, qr, "centre")
        canvas.setFillColor(GREY)
        verify = Box(self.RIGHT - 80 * mm, 20 * mm, 80 * mm, 0)
        _fitted_line(canvas, verify_line(content), SANS, 7.5, verify, "right")
        draw_payload(canvas, content, SANS, self.LEFT, 16 * mm)


def _xywh(box: Box) -> tuple[float, float, float, float]:
    return box.x, box.y, box.width, box.height


def _inset(box: Box, margin: float) -> Box:
    return Box(box.x + margin, box.y + margin, box.width - 2 * margin, box.height - 2 * margin)


def static_key(content: CertificateContent) -> tuple[object, ...]:
    """What the static part of a certificate depends on: pages with the same key share it."""
    return (content.design, content.letterhead, content.heading, issued_line(content))


DESIGNS: dict[str, Design] = {"classic": Classic(), "modern": Modern(), "minimal": Minimal()}
