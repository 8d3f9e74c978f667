"""The sheet of one good practice: everything the catalogue knows of it, to hand out or file.

A4 portrait, in the sheet's language: the letterhead, a title band (area, title, organisation),
where an imported practice came from (and a box when its origin withdrew it), the facts
(territory, year, review status and reviewer, licence, target group, themes), then each text
field with something to say under its heading, the links, and the attachments by name, kind
and size. Text keeps its line breaks; lines starting with "-", "*" or "•" print as bullets.
"""

from __future__ import annotations

import logging
from pathlib import Path

from app.i18n import document_words
from app.services.documents.fonts import register_fonts
from app.services.documents.page_furniture import PageFurniture
from app.services.documents.practice_content import PracticeSheetContent
from app.services.documents.practice_parts import practice_flowables, practice_styles

log = logging.getLogger(__name__)


def render_practice_sheet(content: PracticeSheetContent, path: Path) -> int:
    """Draw the practice's sheet to ``path`` (written atomically); returns the number of pages."""
    register_fonts()
    words = document_words(content.language)
    heading = words._("Good practice")
    practice = content.practice
    page = PageFurniture(content.letterhead, heading, practice.title, words)
    styles = practice_styles(content.letterhead.colour)
    doc = page.document_template(title=f"{heading}: {practice.title}")
    story = practice_flowables(practice, words, styles, content.letterhead.colour, doc.width)
    pages = page.build(doc, story, path)
    log.info("practice sheet drawn: %d pages", pages)
    return pages
