"""One good practice as printed, shared by the practice sheet and the booklet: the title band,
the facts (organisation, territory, year, target group, review, licence, themes), where it came
from, each text field under its heading, the links and the attachments listed by name."""

from __future__ import annotations

import logging
from xml.sax.saxutils import escape, quoteattr

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer, Table

from app.i18n import DocumentWords
from app.services.catalogue_vocabulary import ATTACHMENT_TYPES, PRACTICE_STATUSES
from app.services.documents import drawing
from app.services.documents.blocks import text_flowables, title_band
from app.services.documents.drawing import INK, paragraph
from app.services.documents.fonts import SANS, SANS_BOLD
from app.services.documents.mentoring_parts import facts, one_fact
from app.services.documents.page_furniture import INK_SOFT, RULE, document_styles
from app.services.documents.practice_content import (
    SECTION_HEADINGS,
    AttachmentLine,
    PracticeSheetEntry,
)
from app.services.vocabulary import CROSS_CUTTING_THEMES

log = logging.getLogger(__name__)

Styles = dict[str, ParagraphStyle]
FRAME_PADDING = 6  # points: ReportLab's frames keep this from the text width on each side
HEADING_ROOM = 22 * mm  # a heading starts a new page unless a few lines fit under it


def practice_styles(colour_hex: str) -> Styles:
    """The documents' styles, plus the area headings and the table of contents of booklets."""
    styles = document_styles(colour_hex)
    colour = drawing.colour(colour_hex)
    more = {
        "area": ("area", SANS_BOLD, 22, 27, colour),
        "area_count": ("area_count", SANS, 10, 13, INK_SOFT),
        "toc_area": ("toc_area", SANS_BOLD, 11, 14, colour),
        "toc_entry": ("toc_entry", SANS, 9.5, 12.5, INK),
        "toc_page": ("toc_page", SANS, 9.5, 12.5, INK),
        "link": ("link", SANS, 9, 12, colour),
        "file": ("file", SANS_BOLD, 9.5, 12.5, INK),
        "file_name": ("file_name", SANS, 8.5, 11, INK_SOFT),
        "notice": ("notice", SANS_BOLD, 9.5, 12.5, INK),
    }
    for key, (name, font, size, leading, ink) in more.items():
        styles[key] = ParagraphStyle(
            name, fontName=font, fontSize=size, leading=leading, textColor=ink
        )
    styles["lead"] = ParagraphStyle(
        "lead", parent=styles["body"], fontSize=12, leading=17.5, spaceAfter=2.5 * mm
    )
    styles["toc_area_page"] = ParagraphStyle(
        "toc_area_page", parent=styles["toc_area"], alignment=TA_RIGHT
    )
    styles["toc_page"].alignment = TA_RIGHT
    return styles


def kind_text(entry: PracticeSheetEntry, words: DocumentWords) -> str:
    """ "GOOD PRACTICE · EMPLOYMENT": what the title band says above the title."""
    kind = words._("Good practice").upper()
    return f"{kind} · {entry.area.upper()}" if entry.area else kind


def practice_flowables(
    entry: PracticeSheetEntry, words: DocumentWords, styles: Styles, colour: str, width: float
) -> list[Flowable]:
    """Everything one practice prints, from its title band to its attachments. ``width`` is
    the page's text width: the band spans it, the rest keeps to the frame's padding."""
    inner = width - 2 * FRAME_PADDING
    band = [paragraph(kind_text(entry, words), styles["kind"])]
    band.append(paragraph(entry.title, styles["title"]))
    if entry.organisation_name:
        band.append(paragraph(entry.organisation_name, styles["fact"]))
    story: list[Flowable] = [title_band(band, colour, width), Spacer(1, 5 * mm)]
    story += notices(entry, words, styles, colour, inner)
    summary = dict(entry.sections).get("summary", "")
    story += text_flowables(summary, styles, "lead") if summary.strip() else []
    story += [Spacer(1, 2 * mm), *practice_facts(entry, words, styles, inner), Spacer(1, 6 * mm)]
    for title, flowables in sections(entry, words, styles, inner):
        story += [CondPageBreak(HEADING_ROOM), heading(title, styles), *flowables]
        story.append(Spacer(1, 4 * mm))
    return story


def heading(title: str, styles: Styles) -> Paragraph:
    """A section's heading."""
    return paragraph(title, styles["section"])


def notices(
    entry: PracticeSheetEntry, words: DocumentWords, styles: Styles, colour: str, width: float
) -> list[Flowable]:
    """Withdrawn by its origin (in a box), and where an imported practice came from."""
    shown: list[Flowable] = []
    if entry.withdrawn:
        text = words._(
            "{origin} has withdrawn this practice: it is kept here for the record, but its "
            "origin no longer shares it."
        ).format(origin=entry.origin_name or words._("Its origin"))
        box = Table([[paragraph(text, styles["notice"])]], colWidths=[width])
        box.setStyle(_box_style(drawing.colour("#B3261E")))
        shown += [box, Spacer(1, 4 * mm)]
    if not entry.own and entry.origin_name:
        text = words._("Shared by {origin}, revision {revision}.").format(
            origin=entry.origin_name, revision=words.number(entry.revision)
        )
        if entry.edited_locally:
            text += " " + words._("Edited here since it came in.")
        shown += [paragraph(text, styles["note"]), Spacer(1, 3 * mm)]
    return shown


def _box_style(edge: object) -> list[tuple]:
    return [
        ("FONTNAME", (0, 0), (-1, -1), SANS),
        ("BOX", (0, 0), (-1, -1), 0.8, edge),
        ("BACKGROUND", (0, 0), (-1, -1), drawing.tint(edge, 0.92)),  # type: ignore[arg-type]
        ("LEFTPADDING", (0, 0), (-1, -1), 4 * mm),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4 * mm),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5 * mm),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3 * mm),
    ]


def practice_facts(
    entry: PracticeSheetEntry, words: DocumentWords, styles: Styles, width: float
) -> list[Flowable]:
    """Territory, year and licence side by side; the review status, the target group and the
    themes each on a line of their own (those not known are left out)."""
    pairs = [
        (words._("Territory"), entry.territory),
        (words._("Year"), str(entry.year) if entry.year else ""),
        (words._("Licence"), entry.licence),
    ]
    shown: list[Flowable] = [facts(pairs, styles, width)] if any(v for _k, v in pairs) else []
    shown.append(one_fact(words._("Status"), review_text(entry, words), styles, width))
    if entry.target_group:
        shown.append(one_fact(words._("Target group"), entry.target_group, styles, width))
    if entry.themes:
        themes = ", ".join(
            words._(CROSS_CUTTING_THEMES[code]) if code in CROSS_CUTTING_THEMES else code
            for code in entry.themes
        )
        shown.append(one_fact(words._("Cross-cutting themes"), themes, styles, width))
    return shown


def review_text(entry: PracticeSheetEntry, words: DocumentWords) -> str:
    """ "Published, reviewed by Marta Gil on 12 February 2024" (as much as is known)."""
    label = PRACTICE_STATUSES.get(entry.status)
    status = words._(label) if label else entry.status
    if entry.reviewer and entry.reviewed_on:
        return words._("{status}, reviewed by {reviewer} on {date}").format(
            status=status, reviewer=entry.reviewer, date=words.date(entry.reviewed_on)
        )
    if entry.reviewer:
        return words._("{status}, reviewed by {reviewer}").format(
            status=status, reviewer=entry.reviewer
        )
    return status


def sections(
    entry: PracticeSheetEntry, words: DocumentWords, styles: Styles, width: float
) -> list[tuple[str, list[Flowable]]]:
    """The text fields with something to say, then the links and the attachments."""
    shown: list[tuple[str, list[Flowable]]] = []
    for code, text in entry.sections:
        if code == "summary":  # printed under the title, as the lead
            continue
        flowables = text_flowables(text, styles)
        if flowables:
            shown.append((words._(SECTION_HEADINGS.get(code, code)), flowables))
    if entry.links:
        shown.append((words._("Links"), [_link(link, styles) for link in entry.links]))
    if entry.attachments:
        shown.append(
            (words._("Attachments"), _attachments(entry.attachments, words, styles, width))
        )
    return shown


def _link(link: str, styles: Styles) -> Paragraph:
    """A link as a bullet, clickable when it is a web or mail address."""
    text = escape(link)
    if link.startswith(("http://", "https://", "mailto:")):
        colour = quoteattr(styles["link"].textColor.hexval().replace("0x", "#"))
        text = f"<a href={quoteattr(link)} color={colour}>{text}</a>"
    return Paragraph(text, styles["bullet"], bulletText="•")


def _attachments(
    lines: tuple[AttachmentLine, ...], words: DocumentWords, styles: Styles, width: float
) -> list[Flowable]:
    """A row per file: its title and file name, its kind and size; and where the files are."""
    rows = []
    for line in lines:
        cell: list[Flowable] = [paragraph(line.title or line.file_name, styles["file"])]
        if line.title and line.file_name and line.file_name != line.title:
            cell.append(paragraph(line.file_name, styles["file_name"]))
        kind = ATTACHMENT_TYPES.get(line.media_type, "").upper()
        size = file_size(words, line.size)
        rows.append([cell, paragraph(f"{kind} · {size}" if kind else size, styles["number"])])
    table = Table(rows, colWidths=[width - 40 * mm, 40 * mm], hAlign="LEFT")
    table.setStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), SANS),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 1.6 * mm),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.8 * mm),
            ("LINEBELOW", (0, 0), (-1, -2), 0.4, RULE),
        ]
    )
    note = words._("The files are kept with the practice in the catalogue.")
    return [table, Spacer(1, 1.5 * mm), paragraph(note, styles["note"])]


def file_size(words: DocumentWords, size: int) -> str:
    """ "850 bytes", "12 KB", "3.4 MB" in the document's language."""
    if size < 1024:
        return words.ngettext("{count} byte", "{count} bytes", size).format(
            count=words.number(size)
        )
    if size < 1024 * 1024:
        return words._("{count} KB").format(count=words.number(round(size / 1024)))
    return words._("{count} MB").format(count=words.number(round(size / 1024 / 1024, 1)))
