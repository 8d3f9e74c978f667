"""The report for funders as a PDF: the organisation's letterhead, the period, the figures.

A4 portrait, in the report's language: a title block with the period (and, when counts are
hidden, the threshold), four large figures (participants, completed, hours delivered,
organisations reached), then the tables grouped by section: participants by gender, age band
and kind of activity, each beside its column chart; sessions and hours; organisations, by type
(with its chart) and by territory; mentoring; good practices; certificates and cascades. A
closing note says how the figures are counted and when the report was made.

:func:`export_report_pdf` reads what the report shows (our letterhead, the language) through
:mod:`app.services.reports.report_document`, then draws; :func:`render_report` only draws.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer, Table

from app.i18n import N_, DocumentWords, document_words
from app.services.documents import drawing
from app.services.documents.blocks import title_band
from app.services.documents.drawing import paragraph
from app.services.documents.fonts import SANS, register_fonts
from app.services.documents.page_furniture import RULE, PageFurniture
from app.services.documents.report_chart import ColumnChart
from app.services.documents.report_content import ReportContent
from app.services.documents.report_parts import Styles, figure_text, report_styles, table_flowable
from app.services.reports.report_tables import ReportTable, period_text

if TYPE_CHECKING:
    from app.db import Database
    from app.services.reports.values import Report

log = logging.getLogger(__name__)

CHARTED = frozenset(
    {
        "participants.by_gender",
        "participants.by_age_band",
        "participants.by_kind",
        "organisations.by_type",
    }
)
# Tables whose key starts with one of these are grouped under one heading.
SECTIONS = {"participants": N_("Participants"), "organisations": N_("Organisations")}
CHART_WIDTH, GAP, MIN_CHART_HEIGHT = 80 * mm, 8 * mm, 33 * mm
BESIDE = 5  # a chart of more categories goes under its table, the page's width


def export_report_pdf(db: Database, report: Report, path: Path, language: str | None = None) -> int:
    """Write ``report`` (a built report) to ``path`` (PDF, atomically) with our letterhead,
    the period, the indicator tables and the charts of participants by gender, age band and
    kind. The language is ``language``, else the profile's, else the program's. Returns the
    pages written."""
    from app.services.reports.report_document import read_report_content

    pages = render_report(read_report_content(db, report, language), Path(path))
    log.info("report PDF written: %d pages", pages)
    return pages


def render_report(content: ReportContent, path: Path) -> int:
    """Draw the report to ``path`` (written atomically); returns the number of pages."""
    register_fonts()
    words = document_words(content.language)
    heading = words._("Programme report")
    period = period_text(words, content.start, content.end)
    page = PageFurniture(content.letterhead, heading, _short_period(content, words), words)
    styles = report_styles(content.letterhead.colour)
    colour = drawing.colour(content.letterhead.colour)
    doc = page.document_template(title=f"{heading}: {period}")
    story: list[Flowable] = [
        _title_block(content, words, styles, heading, doc.width),
        Spacer(1, 5 * mm),
        _headline(content, words, styles, colour, doc.width),
        Spacer(1, 5 * mm),
    ]
    story += _sections(content, words, styles, colour, doc.width)
    story += [Spacer(1, 4 * mm), _closing(content, words, styles)]
    pages = page.build(doc, story, path)
    log.info("report drawn: %d tables, %d pages", len(content.tables), pages)
    return pages


def _short_period(content: ReportContent, words: DocumentWords) -> str:
    """ "Jan 1 – Dec 31, 2025": the period at the top of the later pages."""
    from babel.dates import format_interval

    return format_interval(content.start, content.end, "yMMMd", locale=words.language)


def _title_block(
    content: ReportContent, words: DocumentWords, styles: Styles, heading: str, width: float
) -> Table:
    """The kind of document, its title, the period, and the threshold of hidden counts."""
    cells: list[Flowable] = [
        paragraph(words._("Indicators for funders").upper(), styles["kind"]),
        paragraph(heading, styles["title"]),
        paragraph(period_text(words, content.start, content.end), styles["fact"]),
    ]
    if content.hidden_below:
        text = words._(
            "Counts under {count} are shown as “hidden”, so that nobody can be identified."
        ).format(count=words.number(content.hidden_below))
        cells += [Spacer(1, 1.5 * mm), paragraph(text, styles["note"])]
    return title_band(cells, content.letterhead.colour, width)


def _headline(
    content: ReportContent,
    words: DocumentWords,
    styles: Styles,
    colour: colors.Color,
    width: float,
) -> Table:
    """The headline figures, large, side by side on a light band."""
    cells = [
        [
            paragraph(figure_text(words, row.values[0], row.keys[0]), styles["figure"]),
            paragraph(row.label, styles["label"]),
        ]
        for row in content.headline
    ]
    count = max(1, len(cells))
    table = Table([cells], colWidths=[width / count] * count)
    table.setStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), SANS),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BACKGROUND", (0, 0), (-1, -1), drawing.tint(colour, 0.93)),
            ("LINEBEFORE", (1, 0), (-1, -1), 0.6, colors.white),
            ("LEFTPADDING", (0, 0), (-1, -1), 4 * mm),
            ("RIGHTPADDING", (0, 0), (-1, -1), 2 * mm),
            ("TOPPADDING", (0, 0), (-1, -1), 3 * mm),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5 * mm),
        ]
    )
    return table


def _sections(
    content: ReportContent,
    words: DocumentWords,
    styles: Styles,
    colour: colors.Color,
    width: float,
) -> list[Flowable]:
    """Each table under its heading; the tables of one section under one heading."""
    story: list[Flowable] = []
    current = ""
    for table in content.tables:
        section = table.key.split(".")[0]
        grouped = section in SECTIONS
        block: list[Flowable] = []
        if not grouped or section != current:
            title = words._(SECTIONS[section]) if grouped else table.title
            block.append(paragraph(title, styles["section"]))
        if grouped and table.key != section:
            block.append(paragraph(table.title, styles["subsection"]))
        current = section
        # Headings stay with the table's start; a chart stays with its whole table.
        kept = len(block) + (99 if table.key in CHARTED else 1)
        block += _table_block(table, words, styles, colour, width)
        story += [CondPageBreak(40 * mm), KeepTogether(block[:kept]), *block[kept:]]
        story.append(Spacer(1, 5 * mm))
    return story


def _table_block(
    table: ReportTable,
    words: DocumentWords,
    styles: Styles,
    colour: colors.Color,
    width: float,
) -> list[Flowable]:
    """The table, beside its chart when it has one; its note under it."""
    flowables: list[Flowable] = []
    bars = [(row.label, row.values) for row in table.rows if not row.total]
    if table.key not in CHARTED:
        flowables.append(table_flowable(table, words, styles, colour, width))
    elif len(bars) > BESIDE:
        chart = ColumnChart(bars, table.headers[1:], colour, words, width, 36 * mm)
        figures = table_flowable(table, words, styles, colour, width)
        flowables += [figures, Spacer(1, 4 * mm), chart]
    else:
        left = width - CHART_WIDTH - GAP
        figures = table_flowable(table, words, styles, colour, left)
        high = max(MIN_CHART_HEIGHT, figures.wrap(left, 1000 * mm)[1])  # as tall as the table
        chart = ColumnChart(bars, table.headers[1:], colour, words, CHART_WIDTH, high)
        flowables.append(_side_by_side(figures, chart, left))
    if table.note:
        flowables += [Spacer(1, 1.5 * mm), paragraph(table.note, styles["note"])]
    return flowables


def _side_by_side(figures: Flowable, chart: Flowable, left: float) -> Table:
    pair = Table([[figures, "", chart]], colWidths=[left, GAP, CHART_WIDTH])
    pair.setStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), SANS),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ]
    )
    return pair


def _closing(content: ReportContent, words: DocumentWords, styles: Styles) -> Table:
    """How the figures are counted, and when the report was made."""
    text = words._(
        "How the figures are counted: each person and each organisation counts once, however "
        "many activities they attended. Records in the trash and records merged into another "
        "never count. Made on {date} with Tejido."
    ).format(date=words.date(content.printed_on))
    box = Table([[paragraph(text, styles["small"])]], colWidths=None)
    box.setStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), SANS),
            ("LINEABOVE", (0, 0), (-1, 0), 0.5, RULE),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5 * mm),
        ]
    )
    return box
