"""The summary of a mentoring pair: where it stands and what it did, for the file and for funders.

A4 portrait, in the document's language: a title block, the two parties, the dates, status and
closing, the figures (sessions, hours, goals achieved, average ratings), the final assessment,
each goal with its starting point, target, due date, progress bar and a small chart of its
progress history, then the session log (date, duration, mode, topics, summary, agreements and
next steps, ratings) with its totals. Confidential notes are not in the content, and a closing
line says so.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer, Table

from app.i18n import DocumentWords, document_words
from app.services.documents import drawing
from app.services.documents.blocks import text_flowables
from app.services.documents.drawing import paragraph
from app.services.documents.fonts import SANS, register_fonts
from app.services.documents.mentoring_chart import ProgressBar, ProgressChart
from app.services.documents.mentoring_content import (
    MentoringContent,
)
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
from app.services.documents.mentoring_session_log import session_log
from app.services.documents.page_furniture import RULE, PageFurniture

log = logging.getLogger(__name__)

CHART_WIDTH = 64 * mm
GOAL_STYLE = [
    ("FONTNAME", (0, 0), (-1, -1), SANS),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ("RIGHTPADDING", (0, 0), (0, -1), 6 * mm),
    ("RIGHTPADDING", (1, 0), (1, -1), 0),
    ("TOPPADDING", (0, 0), (-1, -1), 2.5 * mm),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 3 * mm),
]


def render_summary(content: MentoringContent, path: Path) -> int:
    """Draw the summary to ``path`` (written atomically); returns the number of pages."""
    register_fonts()
    words = document_words(content.language)
    heading_text = words._("Mentoring summary")
    page = PageFurniture(content.letterhead, heading_text, running_title(content), words)
    styles = mentoring_styles(content.letterhead.colour)
    colour = drawing.colour(content.letterhead.colour)
    doc = page.document_template(title=f"{heading_text}: {running_title(content)}")
    width = doc.width
    story: list[Flowable] = [
        title_block(content, words, styles, heading_text, width),
        Spacer(1, 6 * mm),
        parties(content, words, styles, width),
        Spacer(1, 5 * mm),
        *pair_facts(content, words, styles, width, full=True),
        Spacer(1, 5 * mm),
        _figures(content, words, styles, colour, width),
        Spacer(1, 2.5 * mm),
        _as_of(content, words, styles),
        Spacer(1, 6 * mm),
    ]
    for title, flowables in _sections(content, words, styles, colour, width):
        story += [CondPageBreak(50 * mm), heading(title, styles), *flowables, Spacer(1, 5 * mm)]
    pages = page.build(doc, story, path)
    log.info("mentoring summary drawn: %d sessions, %d pages", len(content.sessions), pages)
    return pages


def _sections(
    content: MentoringContent,
    words: DocumentWords,
    styles: Styles,
    colour: colors.Color,
    width: float,
) -> list[tuple[str, list[Flowable]]]:
    """Final assessment (when written), Goals and Session log."""
    sections: list[tuple[str, list[Flowable]]] = []
    assessment = text_flowables(content.final_assessment, styles)
    if assessment:
        sections.append((words._("Final assessment"), assessment))
    goals: list[Flowable] = [paragraph(words._("No goals have been set yet."), styles["note"])]
    if content.goals:
        goals = _goals(content, words, styles, colour, width)
    sections.append((words._("Goals"), goals))
    log_flowables: list[Flowable] = [paragraph(words._("No sessions yet."), styles["note"])]
    if content.sessions:
        log_flowables = [
            *session_log(content.sessions, words, styles, colour, width),
            Spacer(1, 2 * mm),
            paragraph(_totals_line(content, words), styles["small"]),
        ]
    sections.append((words._("Session log"), log_flowables))
    return sections


def _hours(words: DocumentWords, minutes: int) -> str:
    return words.number(round(minutes / 60, 1))


def _average(values: Sequence[int | None]) -> float | None:
    given = [v for v in values if v is not None]
    return round(sum(given) / len(given), 1) if given else None


def _figures(
    content: MentoringContent,
    words: DocumentWords,
    styles: Styles,
    colour: colors.Color,
    width: float,
) -> Table:
    """Sessions, hours, goals achieved and each side's average rating, as large figures."""
    mentor = _average([x.mentor_rating for x in content.sessions])
    mentee = _average([x.mentee_rating for x in content.sessions])
    figures = (
        (words.number(len(content.sessions)), words._("Sessions")),
        (_hours(words, content.minutes), words._("Hours")),
        (
            words._("{achieved} of {total}").format(
                achieved=words.number(content.goals_achieved),
                total=words.number(len(content.goals)),
            ),
            words._("Goals achieved"),
        ),
        (words.number(mentor) if mentor is not None else "–", words._("Mentor's rating (1–5)")),
        (words.number(mentee) if mentee is not None else "–", words._("Mentee's rating (1–5)")),
    )
    row = [[paragraph(v, styles["figure"]), paragraph(n, styles["label"])] for v, n in figures]
    table = Table([row], colWidths=[width / len(figures)] * len(figures))
    table.setStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), SANS),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BACKGROUND", (0, 0), (-1, -1), drawing.tint(colour, 0.93)),
            ("LINEBEFORE", (1, 0), (-1, -1), 0.6, colors.white),
            ("LEFTPADDING", (0, 0), (-1, -1), 4 * mm),
            ("RIGHTPADDING", (0, 0), (-1, -1), 2 * mm),
            ("TOPPADDING", (0, 0), (-1, -1), 3 * mm),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3 * mm),
        ]
    )
    return table


def _goals(
    content: MentoringContent,
    words: DocumentWords,
    styles: Styles,
    colour: colors.Color,
    width: float,
) -> list[Flowable]:
    """A row per goal (each its own table, so the page can break between goals): what, from
    where to where, by when, how far (a bar), and a chart of its history."""
    text_width = width - CHART_WIDTH
    tables: list[Flowable] = []
    for number, goal in enumerate(content.goals, start=1):
        title = f"{words.number(number)}. {goal.description}"
        cell: list[Flowable] = [paragraph(title, styles["strong"])]
        details = (
            (words._("Starting point:"), goal.baseline),
            (words._("Target:"), goal.target),
            (words._("Due:"), words.date(goal.due_date)),
            (words._("Achieved on:"), words.date(goal.achieved_on)),
        )
        cell += [detail(name, value, styles) for name, value in details if value]
        cell += [Spacer(1, 1.5 * mm), ProgressBar(goal.progress, colour, words, 60 * mm)]
        chart = ProgressChart(goal, colour, words, CHART_WIDTH, content.printed_on)
        split = int(too_tall(cell, text_width - 6 * mm))
        table = Table([[cell, chart]], colWidths=[text_width, CHART_WIDTH], splitInRow=split)
        table.setStyle(GOAL_STYLE)
        if number < len(content.goals):
            table.setStyle([("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE)])
        tables.append(table)
    return tables


def _totals_line(content: MentoringContent, words: DocumentWords) -> str:
    count = len(content.sessions)
    return words.ngettext(
        "{count} session, {hours} hours in all.",
        "{count} sessions, {hours} hours in all.",
        count,
    ).format(count=words.number(count), hours=_hours(words, content.minutes))


def _as_of(content: MentoringContent, words: DocumentWords, styles: Styles) -> Paragraph:
    """When it was printed, and that confidential notes are never in it."""
    text = words._(
        "As of {date}. The confidential notes of the sessions are never included in this summary."
    ).format(date=words.date(content.printed_on))
    return paragraph(text, styles["note"])
