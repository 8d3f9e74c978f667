"""What the practice sheet and the booklet of practices show, as plain data.

Codes (themes, status, the text fields) stay codes here; the renderers print their labels in the
document's language. Area names are the taxonomy's own words and print as they are.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from app.i18n import N_
from app.services.documents.content import Letterhead

# The heading of each text field, in the order a sheet prints them.
SECTION_HEADINGS: dict[str, str] = {
    "summary": N_("Summary"),
    "context": N_("Context and problem"),
    "objectives": N_("Objectives"),
    "description": N_("What was done"),
    "resources": N_("Resources used"),
    "results": N_("Results"),
    "evidence": N_("Evidence of the results"),
    "lessons": N_("Difficulties and lessons learned"),
    "sustainability": N_("Sustainability"),
    "transferability": N_("How others can adopt it"),
    "gender_perspective": N_("Gender perspective"),
    "accessibility": N_("Accessibility"),
    "contact": N_("Contact"),
}


@dataclass(frozen=True, slots=True)
class AttachmentLine:
    """An attached file as a sheet lists it (its bytes are not printed)."""

    title: str
    file_name: str
    media_type: str
    size: int


@dataclass(frozen=True, slots=True)
class PracticeSheetEntry:
    """One practice as printed: its facts, its texts (field code and text, only those with
    something to say, in the order of :data:`SECTION_HEADINGS`), links and attachments."""

    id: str
    title: str
    area: str = ""
    themes: tuple[str, ...] = ()  # CROSS_CUTTING_THEMES codes
    organisation_name: str = ""
    territory: str = ""
    target_group: str = ""
    year: int | None = None
    status: str = "draft"  # PRACTICE_STATUSES code
    reviewer: str = ""
    reviewed_on: date | None = None
    licence: str = ""
    sections: tuple[tuple[str, str], ...] = ()
    links: tuple[str, ...] = ()
    attachments: tuple[AttachmentLine, ...] = ()
    own: bool = True
    origin_name: str = ""
    revision: int = 1
    edited_locally: bool = False
    withdrawn: bool = False


@dataclass(frozen=True, slots=True)
class PracticeSheetContent:
    """The sheet of one practice."""

    language: str
    practice: PracticeSheetEntry
    printed_on: date
    letterhead: Letterhead = field(default_factory=lambda: Letterhead(""))


@dataclass(frozen=True, slots=True)
class BookletGroup:
    """The practices of one area, in title order (``area`` empty: practices with no area)."""

    area: str
    practices: tuple[PracticeSheetEntry, ...]


@dataclass(frozen=True, slots=True)
class BookletContent:
    """A booklet: practices grouped by area, in the taxonomy's order, after a table of
    contents. ``areas`` names the areas that were asked for (empty: the whole catalogue)."""

    language: str
    groups: tuple[BookletGroup, ...]
    printed_on: date
    areas: tuple[str, ...] = ()
    letterhead: Letterhead = field(default_factory=lambda: Letterhead(""))

    @property
    def count(self) -> int:
        """How many practices the booklet holds."""
        return sum(len(group.practices) for group in self.groups)
