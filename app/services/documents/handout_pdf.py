"""The handout of an activity: the support material attendees take back to their organisation.

A4 portrait, in the handout's own language: a title block (kind, title, dates), then Summary,
Objectives, Key content and reflections, Sessions, Good practices, Resources and Contacts — each
left out when it has nothing to say — and a closing line inviting readers to pass it on. Text
keeps its line breaks; lines starting with "-", "*" or "•" print as bullets.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer, Table

from app.i18n import DocumentWords, document_words
from app.services.documents import drawing
from app.services.documents.blocks import text_flowables, title_band
from app.services.documents.content import HandoutContent
from app.services.documents.drawing import paragraph
from app.services.documents.fonts import SANS, register_fonts
from app.services.documents.page_furniture import RULE, PageFurniture, document_styles, kind_label

log = logging.getLogger(__name__)


def render_handout(content: HandoutContent, path: Path) -> int:
    """Draw the handout to ``path`` (written atomically); returns the number of pages."""
    register_fonts()
    words = document_words(content.language)
    heading = words._("Support material")
    page = PageFurniture(content.letterhead, heading, content.activity_title, words)
    styles = document_styles(content.letterhead.colour)
    doc = page.document_template(title=f"{heading}: {content.activity_title}")
    story = [_title_block(content, words, styles, doc.width), Spacer(1, 7 * mm)]
    for title, flowables in _sections(content, words, styles, doc.width):
        story += [CondPageBreak(30 * mm), KeepTogether([_heading(title, styles), flowables[0]])]
        story += flowables[1:]
        story.append(Spacer(1, 5 * mm))
    story.append(_closing(content, words, styles, doc.width))
    pages = page.build(doc, story, path)
    log.info("handout drawn: %d pages", pages)
    return pages


def _title_block(
    content: HandoutContent, words: DocumentWords, styles: dict[str, ParagraphStyle], width: float
) -> Table:
    """Kind, title and dates on a light band of the organisation's colour."""
    cells: list[Flowable] = [
        paragraph(kind_label(words, content.activity_kind), styles["kind"]),
        paragraph(content.activity_title, styles["title"]),
    ]
    dates = _dates(content.first_date, content.last_date, words)
    if dates:
        cells.append(paragraph(dates, styles["fact"]))
    return title_band(cells, content.letterhead.colour, width)


def _dates(first: date | None, last: date | None, words: DocumentWords) -> str:
    """One date, or the span "3–10 March 2025" in the handout's language."""
    if first is None or last is None or first == last:
        return words.date(first or last)
    from babel.dates import format_interval

    return format_interval(first, last, "yMMMMd", locale=words.language)


def _sections(
    content: HandoutContent, words: DocumentWords, styles: dict[str, ParagraphStyle], width: float
) -> Iterator[tuple[str, list[Flowable]]]:
    """The sections that have something to say, each as (heading, flowables)."""
    texts = (
        (words._("Summary"), content.summary),
        (words._("Objectives"), content.objectives),
        (words._("Key content and reflections"), content.key_content),
    )
    for title, text in texts:
        if text.strip():
            yield title, _text(text, styles)
    if any(covered.strip() for _day, covered in content.sessions):
        rows = [(words.date(day), covered) for day, covered in content.sessions]
        yield words._("Sessions"), [_pairs(rows, styles, width, 46 * mm)]
    if content.practices:
        flowables: list[Flowable] = []
        for title, summary in content.practices:
            flowables.append(paragraph(title, styles["strong"]))
            flowables += _text(summary, styles) if summary.strip() else []
        yield words._("Good practices"), flowables
    if content.resources.strip():
        yield words._("Resources"), _text(content.resources, styles)
    if content.contacts:
        yield words._("Contacts"), [_pairs(content.contacts, styles, width, 70 * mm)]


def _heading(title: str, styles: dict[str, ParagraphStyle]) -> Paragraph:
    return paragraph(title, styles["section"])


def _text(text: str, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    return text_flowables(text, styles)


def _pairs(
    rows: tuple[tuple[str, str], ...] | list[tuple[str, str]],
    styles: dict[str, ParagraphStyle],
    width: float,
    first: float,
) -> Table:
    """Two columns: a bold left (a date, a name) and its text (what was covered, where from)."""
    cells = [[paragraph(left, styles["strong"]), _text(right, styles)] for left, right in rows]
    table = Table(cells, colWidths=[first, width - first], hAlign="LEFT")
    table.setStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), SANS),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (0, -1), 4 * mm),
            ("TOPPADDING", (0, 0), (-1, -1), 1.8 * mm),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.8 * mm),
            ("LINEBELOW", (0, 0), (-1, -2), 0.4, RULE),
        ]
    )
    return table


def _closing(
    content: HandoutContent, words: DocumentWords, styles: dict[str, ParagraphStyle], width: float
) -> Table:
    """The invitation to pass the material on, in a light box."""
    text = words._(
        "This material is yours to share. Pass it on in your organisation: to your team, "
        "your volunteers and the people you work with, so that what we learned together "
        "reaches further."
    )
    box = Table([[paragraph(text, styles["closing"])]], colWidths=[width])
    colour = drawing.colour(content.letterhead.colour)
    box.setStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), SANS),
            ("BOX", (0, 0), (-1, -1), 0.8, colour),
            ("BACKGROUND", (0, 0), (-1, -1), drawing.tint(colour, 0.95)),
            ("LEFTPADDING", (0, 0), (-1, -1), 5 * mm),
            ("RIGHTPADDING", (0, 0), (-1, -1), 5 * mm),
            ("TOPPADDING", (0, 0), (-1, -1), 3.5 * mm),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5 * mm),
        ]
    )
    return KeepTogether([Spacer(1, 3 * mm), box])
