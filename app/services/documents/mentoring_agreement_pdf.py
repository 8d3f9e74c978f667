"""The mentoring agreement: what a mentor and a mentee agree to work on, printed for both to sign.

A4 portrait, in the document's language: a title block, the two parties with their
organisations, the dates, frequency and areas, then Goals (the agreed text and the numbered goal
list with starting point, target and date), Commitments and Confidentiality, and two signature
boxes with the names and a date line. A section with nothing written gets ruled lines to fill in
by hand; an empty confidentiality clause gets the standard one.
"""

from __future__ import annotations

import logging
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer, Table

from app.i18n import DocumentWords, document_words
from app.services.documents import drawing
from app.services.documents.blocks import text_flowables
from app.services.documents.drawing import paragraph
from app.services.documents.fonts import SANS, register_fonts
from app.services.documents.mentoring_content import MentoringContent, MentoringGoalLine
from app.services.documents.mentoring_parts import (
    Styles,
    detail,
    heading,
    mentoring_styles,
    pair_facts,
    parties,
    running_title,
    title_block,
    too_tall,
)
from app.services.documents.page_furniture import RULE, PageFurniture

log = logging.getLogger(__name__)

BLANK_LINES = 4  # ruled lines for a section to be written by hand


def render_agreement(content: MentoringContent, path: Path) -> int:
    """Draw the agreement to ``path`` (written atomically); returns the number of pages."""
    register_fonts()
    words = document_words(content.language)
    heading_text = words._("Mentoring agreement")
    page = PageFurniture(content.letterhead, heading_text, running_title(content), words)
    styles = mentoring_styles(content.letterhead.colour)
    doc = page.document_template(title=f"{heading_text}: {running_title(content)}")
    width = doc.width
    story: list[Flowable] = [
        title_block(content, words, styles, heading_text, width),
        Spacer(1, 6 * mm),
        parties(content, words, styles, width),
        Spacer(1, 5 * mm),
        *pair_facts(content, words, styles, width, full=False),
        Spacer(1, 5 * mm),
        paragraph(
            words._(
                "This agreement records what the mentor and the mentee will work on together, "
                "how often they will meet and on what terms."
            ),
            styles["note"],
        ),
        Spacer(1, 4 * mm),
    ]
    for title, flowables in _sections(content, words, styles, width):
        story += [CondPageBreak(35 * mm), heading(title, styles), *flowables, Spacer(1, 4 * mm)]
    story.append(_signatures(content, words, styles, width))
    pages = page.build(doc, story, path)
    log.info("mentoring agreement drawn: %d goals, %d pages", len(content.goals), pages)
    return pages


def _sections(
    content: MentoringContent, words: DocumentWords, styles: Styles, width: float
) -> list[tuple[str, list[Flowable]]]:
    """Goals, Commitments and Confidentiality, each with what was written or room to write."""
    goals: list[Flowable] = text_flowables(content.agreement_goals, styles)
    if content.goals:
        goals.append(_goal_list(content.goals, words, styles, width))
    commitments = text_flowables(content.agreement_commitments, styles)
    confidentiality = text_flowables(content.agreement_confidentiality, styles) or [
        paragraph(_standard_confidentiality(words), styles["body"])
    ]
    return [
        (words._("Goals"), goals or [_blank_lines(width)]),
        (words._("Commitments"), commitments or [_blank_lines(width)]),
        (words._("Confidentiality"), confidentiality),
    ]


def _standard_confidentiality(words: DocumentWords) -> str:
    return words._(
        "The mentor and the mentee keep confidential what the other shares in the sessions, "
        "and do not pass it on without the other's consent. The programme keeps a record of "
        "the dates and the topics of the sessions; notes marked as confidential are never "
        "printed, exported or reported."
    )


def _goal_list(
    goals: tuple[MentoringGoalLine, ...], words: DocumentWords, styles: Styles, width: float
) -> Table:
    """The goals numbered, each with its starting point, target and date when given."""
    rows, split = [], 0
    for number, goal in enumerate(goals, start=1):
        cell: list[Flowable] = [paragraph(goal.description, styles["strong"])]
        details = (
            (words._("Starting point:"), goal.baseline),
            (words._("Target:"), goal.target),
            (words._("By:"), words.date(goal.due_date)),
        )
        cell += [detail(name, value, styles) for name, value in details if value]
        rows.append([paragraph(words.number(number) + ".", styles["strong"]), cell])
        split = split or int(too_tall(cell, width - 8 * mm))
    table = Table(rows, colWidths=[8 * mm, width - 8 * mm], hAlign="LEFT", splitInRow=split)
    table.setStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), SANS),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 2 * mm),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2 * mm),
            ("LINEBELOW", (0, 0), (-1, -2), 0.4, RULE),
        ]
    )
    return table


def _blank_lines(width: float) -> Table:
    """Ruled lines to write the section by hand."""
    table = Table([[""]] * BLANK_LINES, colWidths=[width], rowHeights=[8 * mm] * BLANK_LINES)
    table.setStyle([("LINEBELOW", (0, 0), (-1, -1), 0.5, drawing.LIGHT_GREY)])
    return table


def _signatures(
    content: MentoringContent, words: DocumentWords, styles: Styles, width: float
) -> Flowable:
    """A box for each side, side by side, after a sentence on what signing means."""
    gap, padding = 8 * mm, 4 * mm
    column = (width - gap) / 2
    inner = column - 2 * padding
    mentor = _signature_box(
        words._("Mentor"), content.mentor, content.mentor_organisation, words, styles, inner
    )
    mentee = _signature_box(
        words._("Mentee"), content.mentee, content.mentee_organisation, words, styles, inner
    )
    boxes = Table([[mentor, "", mentee]], colWidths=[column, gap, column])
    boxes.setStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            *(("BOX", (c, 0), (c, 0), 0.8, drawing.GREY) for c in (0, 2)),
            ("LEFTPADDING", (0, 0), (-1, -1), padding),
            ("RIGHTPADDING", (0, 0), (-1, -1), padding),
            ("TOPPADDING", (0, 0), (-1, -1), 3 * mm),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3 * mm),
        ]
    )
    intro = paragraph(
        words._(
            "By signing, both agree to work towards these goals and to keep these commitments. "
            "Each side keeps a signed copy."
        ),
        styles["note"],
    )
    return KeepTogether(
        [Spacer(1, 4 * mm), heading(words._("Signatures"), styles), intro, Spacer(1, 4 * mm), boxes]
    )


def _signature_box(
    role: str, name: str, organisation: str, words: DocumentWords, styles: Styles, width: float
) -> Table:
    """Role, name and organisation, room to sign above a line, and a line for the date."""
    rows = [
        [paragraph(role.upper(), styles["label"])],
        [paragraph(name, styles["strong"])],
        [paragraph(organisation, styles["small"]) if organisation else ""],
        [""],
        [paragraph(words._("Signature"), styles["label"])],
        [""],
        [paragraph(words._("Date"), styles["label"])],
    ]
    table = Table(
        rows, colWidths=[width], rowHeights=[None, None, None, 18 * mm, None, 9 * mm, None]
    )
    table.setStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), SANS),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0.6 * mm),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0.6 * mm),
            *(("LINEBELOW", (0, r), (0, r), 0.6, drawing.GREY) for r in (3, 5)),
        ]
    )
    return table
