"""A booklet of good practices: a table of contents with page numbers, then the practices
grouped by area, each starting on a new page and printed as its sheet is.

A4 portrait, in the booklet's language. It is laid out twice: the first time finds the page
where each area and practice starts (a table of contents of the same lines takes the same room
whatever its numbers say), the second prints those numbers. The contents' lines link to their
pages, the PDF's bookmarks list the areas and practices, and every page after the first names
the practice on it, so a loose page can be put back.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Paragraph, Spacer, Table
from reportlab.platypus.doctemplate import SimpleDocTemplate

from app.i18n import DocumentWords, document_words
from app.services.documents.blocks import title_band
from app.services.documents.drawing import paragraph
from app.services.documents.fonts import SANS, register_fonts
from app.services.documents.page_furniture import RULE, PageFurniture
from app.services.documents.pdf_files import check_cancelled
from app.services.documents.practice_content import BookletContent, BookletGroup
from app.services.documents.practice_parts import (
    FRAME_PADDING,
    Styles,
    practice_flowables,
    practice_styles,
)

log = logging.getLogger(__name__)

PAGE_COLUMN = 18 * mm  # the page numbers of the contents
CONTENTS_STYLE = [
    ("FONTNAME", (0, 0), (-1, -1), SANS),
    ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
    ("LEFTPADDING", (1, 0), (1, 0), 0),
    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ("TOPPADDING", (0, 0), (-1, -1), 0.9 * mm),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 0.9 * mm),
    ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
]


@dataclass
class Marks:
    """Where things start: the page of each area and practice (by key), and on which pages
    each practice's title runs, in the order they were drawn."""

    pages: dict[str, int] = field(default_factory=dict)
    starts: list[tuple[int, str, str, int]] = field(default_factory=list)  # page, key, title, level


class Mark(Flowable):
    """Takes no room; when drawn, notes the page it is on (and checks for a cancel)."""

    def __init__(
        self, marks: Marks, key: str, title: str, level: int, stop: Callable[[], None]
    ) -> None:
        super().__init__()
        self.marks, self.key, self.title, self.level, self.stop = marks, key, title, level, stop
        self.width = self.height = 0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.stop()
        page = self.canv.getPageNumber()
        self.marks.pages[self.key] = page
        self.marks.starts.append((page, self.key, self.title, self.level))


class BookletFurniture(PageFurniture):
    """The page furniture with, on each page, the title of the practice printed there (known
    from the first layout) and, for the PDF's bookmarks, the areas and practices it starts."""

    def __init__(self, content: BookletContent, heading: str, words: DocumentWords) -> None:
        super().__init__(content.letterhead, heading, "", words)
        self.known = Marks()

    def running_title(self, page: int) -> str:
        """The practice printed on ``page`` ("Contents" on the pages before the first)."""
        titles = [title for at, _k, title, level in self.known.starts if at <= page and level]
        return titles[-1] if titles else self.words._("Contents")

    def band(self, canvas: Canvas, doc: object) -> None:
        """The letterhead band, naming the practice on this page."""
        self.running = self.running_title(canvas.getPageNumber())
        super().band(canvas, doc)

    def footer(self, canvas: Canvas, page: int, total: int) -> None:
        """The footer; and the bookmarks of what starts on this page (the page exists now)."""
        self.running = self.running_title(page)
        super().footer(canvas, page, total)
        for at, key, title, level in self.known.starts:
            if at == page:
                canvas.bookmarkPage(key)
                canvas.addOutlineEntry(title, key, level=level)

    def lay_out(self, doc: SimpleDocTemplate, story: list[Flowable]) -> None:
        """The first layout: pages are drawn and thrown away, only the marks are kept."""
        doc.build(story, onFirstPage=self.band, onLaterPages=self.band, canvasmaker=self._canvas())


def render_booklet(
    content: BookletContent, path: Path, cancelled: Callable[[], bool] | None = None
) -> int:
    """Draw the booklet to ``path`` (written atomically); returns the number of pages."""
    register_fonts()
    words = document_words(content.language)
    heading = words._("Good practices")
    page = BookletFurniture(content, heading, words)
    styles = practice_styles(content.letterhead.colour)

    def stop() -> None:
        check_cancelled(cancelled, words._("The booklet was cancelled; no file was written."))

    first = Marks()
    doc = page.document_template(title=_title(content, words))
    page.lay_out(doc, _story(content, words, styles, doc.width, first, stop, {}))
    for _attempt in range(2):  # a second time only if the contents' numbers moved the pages
        page.known, final = first, Marks()
        doc = page.document_template(title=_title(content, words))
        story = _story(content, words, styles, doc.width, final, stop, first.pages)
        pages = page.build(doc, story, path)
        if final.pages == first.pages:
            break
        log.warning("booklet: the contents moved the pages; laid out again")
        first = final
    log.info("booklet drawn: %d practices, %d pages", content.count, pages)
    return pages


def _title(content: BookletContent, words: DocumentWords) -> str:
    """ "Good practices" or "Good practices: Employment, Education"."""
    if not content.areas:
        return words._("Good practices")
    return words._("Good practices: {areas}").format(areas=", ".join(content.areas))


def _area_name(group: BookletGroup, words: DocumentWords) -> str:
    return group.area or words._("No area")


def _story(
    content: BookletContent,
    words: DocumentWords,
    styles: Styles,
    width: float,
    marks: Marks,
    stop: Callable[[], None],
    numbers: dict[str, int],
) -> list[Flowable]:
    """The front (title and contents), then each area and its practices; ``numbers`` are the
    pages found by the first layout (none yet during it)."""
    colour = content.letterhead.colour
    count = words.ngettext("{count} practice", "{count} practices", content.count).format(
        count=words.number(content.count)
    )
    band = [
        paragraph(words._("Good-practice catalogue").upper(), styles["kind"]),
        paragraph(_title(content, words), styles["title"]),
        paragraph(f"{count} · {words.date(content.printed_on)}", styles["fact"]),
    ]
    story: list[Flowable] = [title_band(band, colour, width), Spacer(1, 8 * mm)]
    story += [paragraph(words._("Contents"), styles["section"]), Spacer(1, 1 * mm)]
    story += _contents(content, words, styles, width - 2 * FRAME_PADDING, numbers)
    for number, group in enumerate(content.groups):
        story += [PageBreak(), Mark(marks, f"area-{number}", _area_name(group, words), 0, stop)]
        story += _area_heading(group, words, styles, width)
        for index, practice in enumerate(group.practices):
            if index:
                story.append(PageBreak())
            story.append(Mark(marks, f"practice-{practice.id}", practice.title, 1, stop))
            story += practice_flowables(practice, words, styles, colour, width)
    return story


def _area_heading(
    group: BookletGroup, words: DocumentWords, styles: Styles, width: float
) -> list[Flowable]:
    """The area's name, large, with how many practices follow, over a rule."""
    count = len(group.practices)
    practices = words.ngettext("{count} practice", "{count} practices", count)
    block = Table(
        [
            [paragraph(_area_name(group, words), styles["area"])],
            [paragraph(practices.format(count=words.number(count)), styles["area_count"])],
        ],
        colWidths=[width],
    )
    block.setStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), SANS),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, 0), 1.5 * mm),
            ("BOTTOMPADDING", (0, -1), (-1, -1), 3 * mm),
            ("LINEBELOW", (0, -1), (-1, -1), 1.2, styles["area"].textColor),
        ]
    )
    return [block, Spacer(1, 6 * mm)]


def _contents(
    content: BookletContent,
    words: DocumentWords,
    styles: Styles,
    width: float,
    numbers: dict[str, int],
) -> list[Flowable]:
    """A line per area and, under it, per practice, each with its page, linked to it. Each line
    is a table of its own, so a page break between lines draws no stray rule; an area's line
    stays with its first practice."""
    lines: list[Flowable] = []
    for number, group in enumerate(content.groups):
        name = _area_name(group, words)
        area = _contents_line(f"area-{number}", name, "toc_area", styles, words, width, numbers)
        area.spaceBefore = 4 * mm if number else 0  # (dropped at the top of a page)
        entries = [
            _contents_line(f"practice-{p.id}", p.title, "toc_entry", styles, words, width, numbers)
            for p in group.practices
        ]
        lines += [KeepTogether([area, *entries[:1]]), *entries[1:]]
    return lines


def _contents_line(
    key: str,
    text: str,
    style: str,
    styles: Styles,
    words: DocumentWords,
    width: float,
    numbers: dict[str, int],
) -> Table:
    """A line of the contents; linked to its page once the page is known (the first layout,
    which has no pages yet, prints "0": a number takes the same room whatever it is)."""
    label, page = escape(text), "0"
    if key in numbers:
        page = words.number(numbers[key])
        label, page = f'<a href="#{key}">{label}</a>', f'<a href="#{key}">{page}</a>'
    number_style = "toc_area_page" if style == "toc_area" else "toc_page"
    cells = [Paragraph(label, styles[style]), Paragraph(page, styles[number_style])]
    line = Table([cells], colWidths=[width - PAGE_COLUMN, PAGE_COLUMN])
    line.setStyle(
        [
            *CONTENTS_STYLE,
            ("LEFTPADDING", (0, 0), (0, 0), 0 if style == "toc_area" else 6 * mm),
        ]
    )
    return line
