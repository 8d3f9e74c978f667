"""The sign-in sheet of one session: the paper evidence funders ask for (A4 portrait).

Every page carries the letterhead and "Page X of Y"; the first shows the activity, the date, the
times and the place; the table (No. / Name / Organisation / Signature) lists the registered
people in name order, then blank rows for walk-ins, its header repeated on every page; the last
page ends with the count of attendees and the facilitator's signature. Only the embedded fonts
of :mod:`fonts` are used, so names print in any script.
"""

from __future__ import annotations

import logging
from datetime import time
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from app.i18n import DocumentWords, document_words
from app.services.documents import drawing
from app.services.documents.content import SignInSheetContent
from app.services.documents.drawing import paragraph
from app.services.documents.fonts import SANS, register_fonts
from app.services.documents.page_furniture import (
    RULE,
    PageFurniture,
    document_styles,
    kind_label,
)

log = logging.getLogger(__name__)

ROW_HEIGHT = 10 * mm  # room to sign by hand
COLUMNS = (11 * mm, 52 * mm, 45 * mm)  # No., Name, Organisation; the signature takes the rest
PADDING = 2.2 * mm
KEEP_WITH_CLOSING = 3  # rows that go to the next page with the closing rather than leave it alone


def render_sign_in_sheet(content: SignInSheetContent, path: Path) -> int:
    """Draw the sign-in sheet to ``path`` (written atomically); returns the number of pages."""
    register_fonts()
    words = document_words(content.language)
    day = words.date(content.session_date)
    heading = words._("Sign-in sheet")
    page = PageFurniture(content.letterhead, heading, f"{content.activity_title} · {day}", words)
    styles = document_styles(content.letterhead.colour)
    doc = page.document_template(title=f"{heading}: {content.activity_title} ({day})")
    story = [
        paragraph(kind_label(words, content.activity_kind), styles["kind"]),
        paragraph(content.activity_title, styles["title"]),
        _facts(content, words, styles, day),
        Spacer(1, 5 * mm),
        paragraph(
            words._(
                "Please sign next to your name. If your name is not on the list, "
                "write it with your organisation on an empty row and sign."
            ),
            styles["note"],
        ),
        Spacer(1, 3 * mm),
        _people_table(content, words, styles, doc.width),
    ]
    pages = page.build(doc, story, path)
    log.info("sign-in sheet drawn: %d rows, %d pages", len(content.people), pages)
    return pages


def _facts(
    content: SignInSheetContent,
    words: DocumentWords,
    styles: dict[str, ParagraphStyle],
    day: str,
) -> Table:
    """Date, times and place, side by side under the title."""
    facts = [(words._("Date"), day)]
    times = _times(content.start_time, content.end_time, words)
    if times:
        facts.append((words._("Time"), times))
    if content.place:
        facts.append((words._("Place"), content.place))
    cells = [
        [paragraph(label.upper(), styles["label"]) for label, _value in facts],
        [paragraph(value, styles["fact"]) for _label, value in facts],
    ]
    widths = {1: [174 * mm], 2: [56 * mm, 118 * mm], 3: [56 * mm, 48 * mm, 70 * mm]}[len(facts)]
    table = Table(cells, colWidths=widths, hAlign="LEFT")
    table.setStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), SANS),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4 * mm),
            ("TOPPADDING", (0, 0), (-1, -1), 0.6 * mm),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0.6 * mm),
            ("BOTTOMPADDING", (0, -1), (-1, -1), 3 * mm),
            ("LINEBELOW", (0, -1), (-1, -1), 0.6, RULE),
        ]
    )
    return table


def _times(start: time | None, end: time | None, words: DocumentWords) -> str:
    """ "10:00 – 12:30" in the document's language (empty when the times are not known)."""
    from babel.dates import format_time

    shown = [format_time(t, format="short", locale=words.language) for t in (start, end) if t]
    return " – ".join(shown)


def _people_table(
    content: SignInSheetContent,
    words: DocumentWords,
    styles: dict[str, ParagraphStyle],
    width: float,
) -> Table:
    """The registered people, then empty rows; the header row repeats on every page. The
    closing (count and signature) is the table's last row, kept with the rows before it so it
    never stands alone on a page."""
    widths = [*COLUMNS, width - sum(COLUMNS)]
    rows, heights = _rows(content, words, styles, widths)
    rows.append([_closing(content, words, styles, width), "", "", ""])
    heights.append(None)
    table = Table(rows, colWidths=widths, rowHeights=heights, repeatRows=1)
    colour = drawing.colour(content.letterhead.colour)
    tail = max(1, len(rows) - 1 - KEEP_WITH_CLOSING)
    table.setStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), SANS),
            ("BACKGROUND", (0, 0), (-1, 0), colour),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("ROWBACKGROUNDS", (0, 1), (-1, -2), [colors.white, drawing.tint(colour, 0.93)]),
            ("LINEBELOW", (0, 1), (-1, -3), 0.5, RULE),
            ("LINEBEFORE", (1, 0), (-1, -2), 0.5, RULE),
            ("BOX", (0, 0), (-1, -2), 0.8, drawing.GREY),
            ("LEFTPADDING", (0, 0), (-1, -2), PADDING),
            ("RIGHTPADDING", (0, 0), (-1, -2), PADDING),
            ("SPAN", (0, -1), (-1, -1)),
            ("LEFTPADDING", (0, -1), (-1, -1), 0),
            ("RIGHTPADDING", (0, -1), (-1, -1), 0),
            ("BOTTOMPADDING", (0, -1), (-1, -1), 0),
            ("TOPPADDING", (0, -1), (-1, -1), 6 * mm),
            ("NOSPLIT", (0, tail), (-1, -1)),
        ]
    )
    return table


def _rows(
    content: SignInSheetContent,
    words: DocumentWords,
    styles: dict[str, ParagraphStyle],
    widths: list[float],
) -> tuple[list[list[Flowable | str]], list[float | None]]:
    """The header, one row per person, then the numbered blank rows; with their heights."""
    header: list[Flowable | str] = [
        paragraph(words._("No."), styles["head_number"]),
        paragraph(words._("Name"), styles["head"]),
        paragraph(words._("Organisation"), styles["head"]),
        paragraph(words._("Signature"), styles["head"]),
    ]
    rows, heights = [header], [8 * mm]
    total = len(content.people) + content.blank_rows
    for number in range(1, total + 1):
        person = content.people[number - 1] if number <= len(content.people) else None
        cells: list[Flowable | str] = [
            paragraph(words.number(number), styles["number"]),
            paragraph(person.name, styles["cell"]) if person else "",
            paragraph(person.organisation, styles["small"]) if person else "",
            "",
        ]
        rows.append(cells)
        heights.append(_row_height(cells, widths))
    return rows, heights


def _row_height(cells: list[Flowable | str], widths: list[float]) -> float:
    """At least ROW_HEIGHT; taller when a long name or organisation wraps."""
    needed = ROW_HEIGHT
    for cell, width in zip(cells, widths, strict=True):
        if isinstance(cell, Paragraph):
            needed = max(needed, cell.wrap(width - 2 * PADDING, 1000)[1] + 4 * mm)
    return needed


def _closing(
    content: SignInSheetContent,
    words: DocumentWords,
    styles: dict[str, ParagraphStyle],
    width: float,
) -> list[Flowable]:
    """The registered count, then lines for the attendees counted and the facilitator's name
    and signature."""
    registered = words._("Registered in advance: {count}").format(
        count=words.number(len(content.people))
    )
    labels = [
        words._("Total attendees"),
        words._("Facilitator's name"),
        words._("Facilitator's signature"),
    ]
    gap = 8 * mm
    widths = [36 * mm, gap, 60 * mm, gap, width - 36 * mm - 60 * mm - 2 * gap]
    under = [paragraph(label, styles["label"]) for label in labels]
    lines = Table(
        [["", "", "", "", ""], [under[0], "", under[1], "", under[2]]],
        colWidths=widths,
        rowHeights=[12 * mm, None],
    )
    lines.setStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), SANS),
            *(("LINEBELOW", (column, 0), (column, 0), 0.8, drawing.GREY) for column in (0, 2, 4)),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 1), (-1, 1), 1.2 * mm),
        ]
    )
    return [paragraph(registered, styles["note"]), Spacer(1, 2 * mm), lines]
