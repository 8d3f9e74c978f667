"""Blocks that several documents share: the title band and text with its paragraphs and bullets."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Table

from app.services.documents import drawing
from app.services.documents.drawing import paragraph
from app.services.documents.fonts import SANS

BULLETS = ("- ", "* ", "• ", "– ")


def title_band(cells: list[Flowable], colour_hex: str, width: float) -> Table:
    """``cells`` (a kind, a title, dates...) on a light band of the organisation's colour with
    a strong rule on its left."""
    colour = drawing.colour(colour_hex)
    block = Table([[cells]], colWidths=[width])
    block.setStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), SANS),
            ("BACKGROUND", (0, 0), (-1, -1), drawing.tint(colour, 0.9)),
            ("LINEBEFORE", (0, 0), (0, -1), 3, colour),
            ("LEFTPADDING", (0, 0), (-1, -1), 6 * mm),
            ("RIGHTPADDING", (0, 0), (-1, -1), 6 * mm),
            ("TOPPADDING", (0, 0), (-1, -1), 5 * mm),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4 * mm),
        ]
    )
    return block


def text_flowables(
    text: str, styles: dict[str, ParagraphStyle], style: str = "body"
) -> list[Flowable]:
    """Paragraphs split at blank lines, line breaks kept, lines starting with "-", "*" or "•"
    as bullets (``styles`` needs ``style`` and "bullet")."""
    flowables: list[Flowable] = []
    lines: list[str] = []

    def flush() -> None:
        if lines:
            flowables.append(paragraph("\n".join(lines), styles[style]))
            lines.clear()

    for line in text.strip().splitlines():
        stripped = line.strip()
        if not stripped:
            flush()
        elif stripped.startswith(BULLETS):
            flush()
            markup = escape(stripped[2:].strip()).replace("\n", "<br/>")
            flowables.append(Paragraph(markup, styles["bullet"], bulletText="•"))
        else:
            lines.append(stripped)
    flush()
    return flowables
