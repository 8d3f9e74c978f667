"""What the flowing documents (sign-in sheets, handouts) share around their content: the
letterhead band at the top of every page, the footer with the organisation and "Page X of Y",
the paragraph styles, and writing the PDF atomically.

Only the embedded fonts of :mod:`fonts` are used (the document starts in one of them, so the
standard Helvetica is never declared).
"""

from __future__ import annotations

import io
import logging
from collections.abc import Sequence
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, SimpleDocTemplate

from app.errors import ValidationError
from app.i18n import DocumentWords, _
from app.services.documents import drawing
from app.services.documents.content import Letterhead
from app.services.documents.drawing import GREY, INK
from app.services.documents.fonts import SANS, SANS_BOLD, SANS_ITALIC, SERIF, SERIF_ITALIC
from app.services.vocabulary import ACTIVITY_KINDS
from app.settings import write_atomically

log = logging.getLogger(__name__)

EDGE = 15 * mm  # nothing is printed closer to the paper's edge than this
INSET = EDGE + 3 * mm  # the left and right margins of the text
INK_SOFT = colors.HexColor("#46505A")
RULE = colors.HexColor("#C5CBD2")


def kind_label(words: DocumentWords, kind: str) -> str:
    """ "TRAINING CAPSULE": the activity's kind in the document's language, in capitals."""
    return words._(ACTIVITY_KINDS.get(kind, ACTIVITY_KINDS["other"])).upper()


def _style(name: str, font: str, size: float, leading: float, **more: object) -> ParagraphStyle:
    return ParagraphStyle(
        name, fontName=font, fontSize=size, leading=leading, bulletFontName=SANS, **more
    )


def document_styles(colour_hex: str) -> dict[str, ParagraphStyle]:
    """The paragraph styles of the documents, in the embedded fonts: the title block and the
    table (sans serif), then the reading text of handouts (serif)."""
    colour = drawing.colour(colour_hex)
    white, right = colors.white, TA_RIGHT
    return {
        "kind": _style("kind", SANS_BOLD, 8.5, 11, textColor=colour, spaceAfter=1.5 * mm),
        "title": _style("title", SANS_BOLD, 19, 23.5, textColor=INK, spaceAfter=3 * mm),
        "label": _style("label", SANS, 7, 9, textColor=GREY),
        "fact": _style("fact", SANS_BOLD, 10.5, 13.5, textColor=INK),
        "note": _style("note", SANS_ITALIC, 8.5, 11, textColor=INK_SOFT),
        "head": _style("head", SANS_BOLD, 8.5, 10.5, textColor=white),
        "head_number": _style(
            "head_number", SANS_BOLD, 8.5, 10.5, textColor=white, alignment=right
        ),
        "number": _style("number", SANS, 8.5, 10.5, textColor=GREY, alignment=right),
        "cell": _style("cell", SANS, 10, 12.5, textColor=INK),
        "small": _style("small", SANS, 8.5, 10.5, textColor=INK_SOFT),
        **_reading_styles(colour),
    }


def _reading_styles(colour: colors.Color) -> dict[str, ParagraphStyle]:
    return {
        "section": _style(
            "section",
            SANS_BOLD,
            12.5,
            16,
            textColor=colour,
            spaceBefore=1 * mm,
            spaceAfter=2.5 * mm,
        ),
        "body": _style("body", SERIF, 10.5, 15.5, textColor=INK, spaceAfter=2.5 * mm),
        "bullet": _style(
            "bullet",
            SERIF,
            10.5,
            15,
            textColor=INK,
            leftIndent=5 * mm,
            bulletIndent=1 * mm,
            spaceAfter=1.2 * mm,
        ),
        "strong": _style("strong", SANS_BOLD, 10, 14, textColor=INK),
        "closing": _style("closing", SERIF_ITALIC, 10.5, 15, textColor=INK),
    }


class PageFurniture:
    """The letterhead band on every page and, once the page count is known, the footer with
    the organisation and "Page X of Y". ``running`` names the document on later pages (the
    activity, the date) so a loose page can be put back."""

    def __init__(self, letterhead: Letterhead, document: str, running: str, words: DocumentWords):
        self.letterhead, self.document, self.running, self.words = (
            letterhead,
            document,
            running,
            words,
        )
        self.colour = drawing.colour(letterhead.colour)
        self.logo = drawing.image(letterhead.logo)
        self.total = 0

    def document_template(self, title: str) -> SimpleDocTemplate:
        """An A4 portrait document with room for the band and the footer; build it with
        :meth:`build`."""
        self._buffer = io.BytesIO()
        return SimpleDocTemplate(
            self._buffer,
            pagesize=A4,
            leftMargin=INSET,
            rightMargin=INSET,
            topMargin=EDGE + 21 * mm,
            bottomMargin=EDGE + 10 * mm,
            title=title,
            author=self.letterhead.name,
            subject=self.document,
            creator="Tejido",
            lang=self.words.language,
            initialFontName=SANS,
        )

    def build(self, doc: SimpleDocTemplate, story: Sequence[Flowable], path: Path) -> int:
        """Lay the story out, write it to ``path`` atomically; returns the page count."""
        doc.build(
            list(story), onFirstPage=self.band, onLaterPages=self.band, canvasmaker=self._canvas()
        )
        write_pdf(path, self._buffer.getvalue())
        return self.total

    def band(self, canvas: Canvas, doc: object) -> None:
        """Logo, name, address and contact on the left; the document's name on the right."""
        width, height = canvas._pagesize
        top, left, right = height - EDGE, INSET, width - INSET
        canvas.saveState()
        text_left = left
        if self.logo is not None:
            drawn, _high = drawing.draw_image_in_box(
                canvas, self.logo, left, top - 14 * mm, 40 * mm, 14 * mm, "left"
            )
            text_left = left + drawn + 4 * mm
        canvas.setFont(SANS_BOLD, 8)
        canvas.setFillColor(GREY)
        canvas.drawRightString(right, top - 4 * mm, self.document.upper())
        label = stringWidth(self.document.upper(), SANS_BOLD, 8)
        below = label
        if canvas.getPageNumber() > 1:
            running = fit(self.running, SANS, 8, 75 * mm)
            canvas.setFont(SANS, 8)
            canvas.setFillColor(INK_SOFT)
            canvas.drawRightString(right, top - 8.5 * mm, running)
            below = max(label, stringWidth(running, SANS, 8))
        rooms = (right - label - 6 * mm - text_left, right - below - 6 * mm - text_left)
        self._identity(canvas, text_left, top, rooms)
        canvas.setStrokeColor(self.colour)
        canvas.setLineWidth(1.2)
        canvas.line(left, top - 17 * mm, right, top - 17 * mm)
        canvas.restoreState()

    def _identity(self, canvas: Canvas, x: float, top: float, rooms: tuple[float, float]) -> None:
        """The organisation's name (smaller when long), address and contact, one line each;
        the name beside the document's name, the rest beside the running title."""
        name = self.letterhead.name
        size = max(8.5, drawing.fitted_size(name, SANS_BOLD, 11, rooms[0])) if name else 11
        contact = " · ".join(v for v in (self.letterhead.website, self.letterhead.email) if v)
        lines = [(SANS_BOLD, size, self.colour, name, rooms[0])]
        lines += [(SANS, 7.5, GREY, self.letterhead.address, rooms[1])]
        lines += [(SANS, 7.5, GREY, contact, rooms[1])]
        y = top - 4.5 * mm
        for font, font_size, colour, line, room in lines:
            if line:
                canvas.setFont(font, font_size)
                canvas.setFillColor(colour)
                canvas.drawString(x, y, fit(line, font, font_size, room))
                y -= font_size + 3.5

    def footer(self, canvas: Canvas, page: int, total: int) -> None:
        """A hairline, the organisation (or the document) and "Page X of Y"."""
        width, _height = canvas._pagesize
        left, right, y = INSET, width - INSET, EDGE + 1 * mm
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(left, y + 4 * mm, right, y + 4 * mm)
        canvas.setFont(SANS, 7.5)
        canvas.setFillColor(GREY)
        pages = self.words._("Page {page} of {total}").format(
            page=self.words.number(page), total=self.words.number(total)
        )
        canvas.drawRightString(right, y, pages)
        who = self.letterhead.name or self.running
        room = right - left - stringWidth(pages, SANS, 7.5) - 10 * mm
        canvas.drawString(left, y, fit(who, SANS, 7.5, room))
        canvas.restoreState()

    def _canvas(self) -> type[Canvas]:
        furniture = self

        class NumberedCanvas(Canvas):
            """Holds the pages back until the end, so each footer can say how many there are."""

            def __init__(self, *args: object, **kwargs: object) -> None:
                super().__init__(*args, **kwargs)
                self._held: list[dict[str, object]] = []

            def showPage(self) -> None:  # noqa: N802 - ReportLab's name
                self._held.append(dict(self.__dict__))
                self._startPage()

            def save(self) -> None:
                furniture.total = len(self._held)
                for number, state in enumerate(self._held, start=1):
                    self.__dict__.update(state)
                    furniture.footer(self, number, furniture.total)
                    super().showPage()
                super().save()

        return NumberedCanvas


def fit(value: str, font: str, size: float, width: float) -> str:
    """``value`` on one line, cut with an ellipsis when it is wider than ``width``."""
    if stringWidth(value, font, size) <= width:
        return value
    while value and stringWidth(value + "…", font, size) > width:
        value = value[:-1]
    return value.rstrip() + "…"


def write_pdf(path: Path, data: bytes) -> None:
    """Write the PDF atomically: an existing file is left as it was when this fails."""
    if path.suffix.lower() != ".pdf":
        raise ValidationError(_("Choose a file name ending in .pdf."))
    try:
        write_atomically(path, data)
    except OSError as error:
        raise ValidationError(
            _(
                "The file {path} could not be written ({reason}). If it is open in a PDF "
                "viewer, close it and try again. Nothing was changed."
            ).format(path=path, reason=error.strerror or error)
        ) from error
    log.info("document written: %d bytes", len(data))
