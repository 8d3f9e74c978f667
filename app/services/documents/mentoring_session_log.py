"""The session log of the mentoring summary: a table of the sessions, oldest first, with the
date, duration and mode, the topics and summary, the agreements and next steps, and both
ratings. Its header repeats on every page.

A row never splits across pages, except a session written at such length that it would not fit
on one page: it gets a table of its own that may break inside the row.
"""

from __future__ import annotations

import logging

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table

from app.i18n import DocumentWords
from app.services.documents import drawing
from app.services.documents.drawing import paragraph
from app.services.documents.fonts import SANS
from app.services.documents.mentoring_content import MentoringSessionLine
from app.services.documents.mentoring_parts import Styles, detail, mode_label, too_tall
from app.services.documents.page_furniture import RULE

log = logging.getLogger(__name__)

COLUMNS = (29 * mm, 62 * mm, 57 * mm)  # date, topics and summary, agreements; then ratings
PADDING = 2 * mm

Row = list[object]


def session_log(
    sessions: tuple[MentoringSessionLine, ...],
    words: DocumentWords,
    styles: Styles,
    colour: colors.Color,
    width: float,
) -> list[Flowable]:
    """The log as one table (or a few, around a session too long for one page)."""
    widths = [*COLUMNS, width - sum(COLUMNS)]
    header: Row = [
        paragraph(words._("Date"), styles["head"]),
        paragraph(words._("Topics and summary"), styles["head"]),
        paragraph(words._("Agreements and next steps"), styles["head"]),
        paragraph(words._("Ratings"), styles["head"]),
    ]
    tables: list[Flowable] = []
    rows: list[Row] = []
    for session in sessions:
        cells = _cells(session, words, styles)
        if not _tall(cells, widths):
            rows.append(cells)
            continue
        if rows:
            tables.append(_table([header, *rows], widths, colour, tall=False))
            rows = []
        tables.append(_table([header, cells], widths, colour, tall=True))
    if rows:
        tables.append(_table([header, *rows], widths, colour, tall=False))
    return tables


def _table(rows: list[Row], widths: list[float], colour: colors.Color, tall: bool) -> Table:
    """The header repeats on each page; a tall session's own table breaks inside its row
    instead (ReportLab cannot do both at once)."""
    table = Table(rows, colWidths=widths, repeatRows=0 if tall else 1, splitInRow=int(tall))
    table.setStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), SANS),
            ("BACKGROUND", (0, 0), (-1, 0), colour),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, drawing.tint(colour, 0.94)]),
            ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
            ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
            ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
            ("TOPPADDING", (0, 0), (-1, -1), 1.8 * mm),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.2 * mm),
        ]
    )
    return table


def _tall(cells: Row, widths: list[float]) -> bool:
    return any(
        too_tall(cell, width - 2 * PADDING)
        for cell, width in zip(cells, widths, strict=True)
        if isinstance(cell, list)
    )


def _cells(session: MentoringSessionLine, words: DocumentWords, styles: Styles) -> Row:
    when = [
        paragraph(words.date(session.date, "medium"), styles["cell_bold"]),
        paragraph(words._("{minutes} min").format(minutes=session.minutes), styles["cell_soft"]),
        paragraph(mode_label(words, session.mode), styles["cell_soft"]),
    ]
    said: list[Flowable] = []
    if session.topics:
        said.append(paragraph(session.topics, styles["cell_bold"]))
    if session.summary:
        said.append(paragraph(session.summary, styles["cell_small"]))
    agreed: list[Flowable] = []
    if session.agreements:
        agreed.append(paragraph(session.agreements, styles["cell_small"]))
    if session.next_steps:
        agreed.append(detail(words._("Next steps:"), session.next_steps, styles, "cell_small"))
    ratings = [
        paragraph(_rating(words._("Mentor: {rating}"), session.mentor_rating), styles["cell_soft"]),
        paragraph(_rating(words._("Mentee: {rating}"), session.mentee_rating), styles["cell_soft"]),
    ]
    return [when, said or "", agreed or "", ratings]


def _rating(template: str, rating: int | None) -> str:
    """ "Mentor: 4/5", or a dash when that side gave no rating."""
    return template.format(rating=f"{rating}/5" if rating is not None else "–")
