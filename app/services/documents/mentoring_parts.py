"""Pieces the two mentoring documents share: the title block, the two parties side by side, the
facts grid (dates, frequency, status, areas), section headings and free text with its line
breaks and bullets, and the labels of the mentoring codes in the document's language."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Table

from app.i18n import DocumentWords
from app.services.documents import drawing
from app.services.documents.blocks import title_band
from app.services.documents.drawing import INK, paragraph
from app.services.documents.fonts import SANS, SANS_BOLD
from app.services.documents.mentoring_content import MentoringContent
from app.services.documents.page_furniture import INK_SOFT, RULE, document_styles
from app.services.mentoring_vocabulary import (
    CLOSURE_REASONS,
    FREQUENCIES,
    MENTORING_AREAS,
    RELATIONSHIP_STATUSES,
    SESSION_MODES,
)

log = logging.getLogger(__name__)

Styles = dict[str, ParagraphStyle]
FACTS_PER_ROW = 3
TALL = 150 * mm  # content taller than this may have to break inside a row (pages hold ~235 mm)


def mentoring_styles(colour_hex: str) -> Styles:
    """The documents' styles, plus the parties' names and the figures of the summary."""
    styles = document_styles(colour_hex)
    colour = drawing.colour(colour_hex)
    more = {
        "party": ("party", SANS_BOLD, 12.5, 16, INK),
        "figure": ("figure", SANS_BOLD, 17, 21, colour),
        "cell_bold": ("cell_bold", SANS_BOLD, 9, 11.5, INK),
        "cell_small": ("cell_small", SANS, 8.5, 11, INK),
        "cell_soft": ("cell_soft", SANS, 8, 10.5, INK_SOFT),
    }
    for key, (name, font, size, leading, ink) in more.items():
        styles[key] = ParagraphStyle(
            name, fontName=font, fontSize=size, leading=leading, textColor=ink
        )
    return styles


def label(words: DocumentWords, vocabulary: dict[str, str], code: str) -> str:
    """The label of a mentoring code in the document's language (the code when unknown)."""
    return words._(vocabulary[code]) if code in vocabulary else code


def areas_text(words: DocumentWords, areas: Sequence[str]) -> str:
    return ", ".join(label(words, MENTORING_AREAS, code) for code in areas)


def mode_label(words: DocumentWords, mode: str) -> str:
    return label(words, SESSION_MODES, mode)


def running_title(content: MentoringContent) -> str:
    """What later pages carry under the document's name, so a loose page can be put back."""
    return f"{content.mentee} · {content.mentor}"


def title_block(
    content: MentoringContent, words: DocumentWords, styles: Styles, title: str, width: float
) -> Table:
    """ "SOCIAL MENTORING", the document's title and the pair's dates, on a light band."""
    cells: list[Flowable] = [
        paragraph(words._("Social mentoring").upper(), styles["kind"]),
        paragraph(title, styles["title"]),
    ]
    span = dates_text(content.start_date, content.planned_end, words)
    if span:
        cells.append(paragraph(span, styles["fact"]))
    return title_band(cells, content.letterhead.colour, width)


def dates_text(start: date | None, end: date | None, words: DocumentWords) -> str:
    """ "3 March – 30 November 2025", "From 3 March 2025", or empty when neither is known."""
    if start and end and start < end:
        from babel.dates import format_interval

        return format_interval(start, end, "yMMMMd", locale=words.language)
    if start:
        return words._("From {date}").format(date=words.date(start))
    if end:
        return words._("Until {date}").format(date=words.date(end))
    return ""


def parties(content: MentoringContent, words: DocumentWords, styles: Styles, width: float) -> Table:
    """The mentor and the mentee side by side, each with the organisation they act for."""
    gap = 6 * mm
    column = (width - gap) / 2

    def party(role: str, name: str, organisation: str) -> list[Flowable]:
        cell = [paragraph(role.upper(), styles["label"]), paragraph(name, styles["party"])]
        if organisation:
            cell.append(paragraph(organisation, styles["small"]))
        return cell

    mentor = party(words._("Mentor"), content.mentor, content.mentor_organisation)
    mentee = party(words._("Mentee"), content.mentee, content.mentee_organisation)
    table = Table([[mentor, "", mentee]], colWidths=[column, gap, column])
    colour = drawing.colour(content.letterhead.colour)
    table.setStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), SANS),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            *(("BOX", (c, 0), (c, 0), 0.8, drawing.tint(colour, 0.45)) for c in (0, 2)),
            ("LEFTPADDING", (0, 0), (-1, -1), 4.5 * mm),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4.5 * mm),
            ("TOPPADDING", (0, 0), (-1, -1), 3 * mm),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5 * mm),
        ]
    )
    return table


def facts(pairs: Sequence[tuple[str, str]], styles: Styles, width: float) -> Table:
    """Small capital labels over their values, up to three to a row, with a rule under them."""
    shown = [(name, value) for name, value in pairs if value]
    rows: list[list[Flowable | str]] = []
    for start in range(0, len(shown), FACTS_PER_ROW):
        chunk = shown[start : start + FACTS_PER_ROW]
        padding = [""] * (FACTS_PER_ROW - len(chunk))
        rows.append([paragraph(name.upper(), styles["label"]) for name, _v in chunk] + padding)
        rows.append([paragraph(value, styles["fact"]) for _n, value in chunk] + padding)
    table = Table(rows or [[""]], colWidths=[width / FACTS_PER_ROW] * FACTS_PER_ROW)
    table.setStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), SANS),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4 * mm),
            ("TOPPADDING", (0, 0), (-1, -1), 0.6 * mm),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0.6 * mm),
            *(("BOTTOMPADDING", (0, r), (-1, r), 2.5 * mm) for r in range(1, len(rows), 2)),
            ("LINEBELOW", (0, -1), (-1, -1), 0.6, RULE),
        ]
    )
    return table


def one_fact(name: str, value: str, styles: Styles, width: float) -> Table:
    """A label over a value that may need the whole width (the areas)."""
    table = Table(
        [[paragraph(name.upper(), styles["label"])], [paragraph(value, styles["cell"])]],
        colWidths=[width],
    )
    table.setStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), SANS),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0.6 * mm),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0.6 * mm),
            ("BOTTOMPADDING", (0, -1), (-1, -1), 2.5 * mm),
            ("LINEBELOW", (0, -1), (-1, -1), 0.6, RULE),
        ]
    )
    return table


def pair_facts(
    content: MentoringContent, words: DocumentWords, styles: Styles, width: float, *, full: bool
) -> list[Flowable]:
    """Start, planned end, frequency (and, in the summary, status, closing and last session),
    then the areas."""
    pairs = [
        (words._("Start"), words.date(content.start_date)),
        (words._("Planned end"), words.date(content.planned_end)),
        (words._("Frequency"), label(words, FREQUENCIES, content.frequency)),
    ]
    if full:
        pairs.append((words._("Status"), label(words, RELATIONSHIP_STATUSES, content.status)))
        if content.status == "closed":
            pairs.append((words._("Closed on"), words.date(content.closed_on)))
            reason = label(words, CLOSURE_REASONS, content.closure_reason)
            pairs.append((words._("Closure reason"), reason))
    flowables: list[Flowable] = [facts(pairs, styles, width)]
    if content.areas:
        flowables.append(
            one_fact(words._("Areas"), areas_text(words, content.areas), styles, width)
        )
    return flowables


def heading(title: str, styles: Styles) -> Paragraph:
    return paragraph(title, styles["section"])


def detail(name: str, value: str, styles: Styles, style: str = "small") -> Paragraph:
    """ "Target: 3 applications a year": the label in bold, the value's line breaks kept."""
    text = escape(value.strip()).replace("\n", "<br/>")
    return Paragraph(f"<b>{escape(name)}</b> {text}", styles[style])


def too_tall(flowables: Sequence[Flowable], width: float) -> bool:
    """Whether a table cell holding ``flowables`` would be so tall that its row must be
    allowed to break across pages (rows are otherwise kept whole)."""
    return sum(f.wrap(width, 10_000)[1] for f in flowables) > TALL
