"""Pieces of the PDF report: its paragraph styles, a figure as printed, and a table of figures
(a header row on the organisation's colour, numbers on the right, the total row in bold)."""

from __future__ import annotations

import logging

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Table

from app.i18n import DocumentWords
from app.services.documents import drawing
from app.services.documents.drawing import INK, paragraph
from app.services.documents.fonts import SANS, SANS_BOLD, SANS_ITALIC
from app.services.documents.page_furniture import INK_SOFT, RULE, document_styles
from app.services.reports.report_tables import HOURS, Figure, ReportTable

log = logging.getLogger(__name__)

Styles = dict[str, ParagraphStyle]
VALUE_COLUMN = 27 * mm
PADDING = 2.2 * mm


def report_styles(colour_hex: str) -> Styles:
    """The documents' styles, plus the large figures, sub-headings and the table's cells."""
    styles = document_styles(colour_hex)
    colour = drawing.colour(colour_hex)
    more = {
        "figure": (SANS_BOLD, 19, 23, colour, None),
        "subsection": (SANS_BOLD, 10, 13, INK, None),
        "row": (SANS, 9, 11.5, INK, None),
        "row_total": (SANS_BOLD, 9, 11.5, INK, None),
        "value": (SANS, 9, 11.5, INK, TA_RIGHT),
        "value_total": (SANS_BOLD, 9, 11.5, INK, TA_RIGHT),
        "value_hidden": (SANS_ITALIC, 8.5, 11.5, INK_SOFT, TA_RIGHT),
    }
    for name, (font, size, leading, ink, align) in more.items():
        styles[name] = ParagraphStyle(
            name, fontName=font, fontSize=size, leading=leading, textColor=ink
        )
        if align is not None:
            styles[name].alignment = align
    styles["subsection"].spaceAfter = 2 * mm
    styles["label"].leading = 9.5
    return styles


def figure_text(words: DocumentWords, value: Figure, key: str) -> str:
    """A figure as printed: "1,234", hours with one decimal ("212.5"), or "hidden"."""
    if value is None:
        return words._("hidden")
    if key in HOURS:
        return words.number(round(float(value), 1))
    return words.number(value)


def table_flowable(
    table: ReportTable,
    words: DocumentWords,
    styles: Styles,
    colour: colors.Color,
    width: float,
) -> Table:
    """``table`` drawn ``width`` wide; the header repeats when it breaks across pages."""
    values = len(table.headers) - 1
    head = [paragraph(table.headers[0], styles["head"])]
    head += [paragraph(name, styles["head_number"]) for name in table.headers[1:]]
    rows = [head]
    for row in table.rows:
        ending = "_total" if row.total else ""
        cells = [paragraph(row.label, styles["row" + ending])]
        for value, key in zip(row.values, row.keys, strict=True):
            style = "value_hidden" if value is None else "value" + ending
            cells.append(paragraph(figure_text(words, value, key), styles[style]))
        rows.append(cells)
    column = max(
        [VALUE_COLUMN]
        + [drawing.text_width(h, SANS_BOLD, 8.5) + 2 * PADDING + 1 for h in table.headers[1:]]
    )
    column = min(column, (width - 30 * mm) / max(1, values))
    widths = [width - values * column] + [column] * values
    flowable = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
    flowable.setStyle(_table_style(colour, bool(table.rows) and table.rows[-1].total))
    return flowable


def _table_style(colour: colors.Color, total_row: bool) -> list[tuple[object, ...]]:
    """The header on the organisation's colour, light stripes, a rule over the total row."""
    style: list[tuple[object, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), SANS),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, 0), colour),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, drawing.tint(colour, 0.94)]),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 1.4 * mm),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.6 * mm),
    ]
    if total_row:
        style.append(("LINEABOVE", (0, -1), (-1, -1), 0.9, drawing.GREY))
    return style
