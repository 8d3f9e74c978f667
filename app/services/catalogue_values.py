"""What the catalogue services take and give: frozen dataclasses, validation, and the content
hash that tells whether two copies of a practice say the same thing."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime

from app.errors import ValidationError
from app.i18n import _
from app.services import text
from app.services.catalogue_vocabulary import PRACTICE_STATUSES
from app.services.vocabulary import CROSS_CUTTING_THEMES

# The text fields of a practice, in the order forms, sheets and bundles show them.
TEXT_FIELDS: tuple[str, ...] = (
    "summary",
    "context",
    "objectives",
    "description",
    "resources",
    "results",
    "evidence",
    "lessons",
    "sustainability",
    "transferability",
    "gender_perspective",
    "accessibility",
    "contact",
)
# The short fields (one line each).
LINE_FIELDS: tuple[str, ...] = ("organisation_name", "territory", "target_group", "licence")
# Everything a bundle carries of a practice besides ids and revision; the content hash covers it.
EXCHANGED_FIELDS: tuple[str, ...] = (
    "title",
    "area",
    "themes",
    "year",
    "links",
    "status",
    "reviewer",
    "reviewed_on",
    *LINE_FIELDS,
    *TEXT_FIELDS,
)
MAX_TITLE = 300
MAX_TEXT = 20_000


@dataclass(frozen=True, slots=True)
class AttachmentData:
    """A file attached to a practice; its bytes are stored once by ``sha256``."""

    sha256: str
    media_type: str
    size: int
    title: str = ""
    original_name: str = ""
    id: str | None = None


@dataclass(frozen=True, slots=True)
class PracticeData:
    """Everything a practice's form shows and saves. ``id`` is ``None`` for a new practice;
    ``area`` is the area's name (the taxonomy is matched by name, accents and case aside)."""

    title: str
    id: str | None = None
    area: str = ""
    themes: tuple[str, ...] = ()
    organisation_id: str | None = None
    organisation_name: str = ""
    territory: str = ""
    target_group: str = ""
    year: int | None = None
    summary: str = ""
    context: str = ""
    objectives: str = ""
    description: str = ""
    resources: str = ""
    results: str = ""
    evidence: str = ""
    lessons: str = ""
    sustainability: str = ""
    transferability: str = ""
    gender_perspective: str = ""
    accessibility: str = ""
    contact: str = ""
    links: tuple[str, ...] = ()
    licence: str = ""
    status: str = "draft"
    reviewer: str = ""
    reviewed_on: date | None = None
    attachments: tuple[AttachmentData, ...] = ()
    # Read only (kept by the services): where it came from and its local state.
    origin_id: str = ""
    origin_name: str = ""
    revision: int = 1
    derived_from: str | None = None
    own: bool = True
    edited_locally: bool = False
    hidden: bool = False
    withdrawn: bool = False
    deleted_at: datetime | None = None
    updated_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class PracticeRow:
    """One line of the catalogue list; ``snippet`` shows the words that matched, between
    ``[`` and ``]``, when there was a search."""

    id: str
    title: str
    area: str
    organisation_name: str
    year: int | None
    status: str
    snippet: str
    own: bool
    origin_name: str
    hidden: bool
    withdrawn: bool
    edited_locally: bool
    deleted_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class AreaData:
    """One area of the catalogue's taxonomy."""

    name: str
    id: str | None = None
    position: int = 0


@dataclass(frozen=True, slots=True)
class AreaCount:
    """An area with how many practices match the filters in it (``id`` None: no area)."""

    id: str | None
    name: str
    count: int


@dataclass(frozen=True, slots=True)
class CatalogueFilters:
    """The filters beside the search: area (an id, or "" for all), theme code, organisation
    name, year, review status; hidden practices and the trash are shown only when asked."""

    area_id: str = ""
    theme: str = ""
    organisation: str = ""
    year: int | None = None
    status: str = ""
    include_hidden: bool = False
    trash: bool = False


def _text(value: str, label: str, limit: int = MAX_TEXT) -> str:
    value = text.clean_block(value)
    if len(value) > limit:
        raise ValidationError(
            _("{field} is too long: at most {count} characters.").format(field=label, count=limit)
        )
    return value


def validate_practice(data: PracticeData, this_year: int) -> dict[str, object]:
    """The columns to store for ``data`` (``area`` resolved by the caller), or a
    ValidationError saying what to fix."""
    title = text.clean(data.title)
    if not title:
        raise ValidationError(_("Give the practice a title."), field="title")
    if len(title) > MAX_TITLE:
        raise ValidationError(_("The title is too long: at most 300 characters."), field="title")
    if data.status not in PRACTICE_STATUSES:
        raise ValidationError(_("Choose draft, reviewed or published."), field="status")
    unknown = [t for t in data.themes if t not in CROSS_CUTTING_THEMES]
    if unknown:
        raise ValidationError(_("“{value}” is not a known theme.").format(value=unknown[0]))
    if data.year is not None and not 1950 <= data.year <= this_year + 1:
        raise ValidationError(
            _("The year {year} looks wrong. Check it.").format(year=data.year), field="year"
        )
    values: dict[str, object] = {
        "title": title,
        "title_key": text.fold(title),
        "themes": list(dict.fromkeys(data.themes)),
        "organisation_id": data.organisation_id or None,
        "year": data.year,
        "links": [link for link in (text.clean(x) for x in data.links) if link],
        "status": data.status,
        "reviewer": text.clean(data.reviewer),
        "reviewed_on": data.reviewed_on,
    }
    for field in LINE_FIELDS:
        values[field] = text.clean(getattr(data, field))[:300]
    for field in TEXT_FIELDS:
        values[field] = _text(getattr(data, field), field)
    return values


def content_hash(fields: dict[str, object], attachment_hashes: list[str]) -> str:
    """The sha256 of a practice's exchanged content: its fields (``EXCHANGED_FIELDS``, the area
    by name) and its attachments' hashes in order. Equal hashes: the same practice content."""
    payload = {name: _plain(fields.get(name)) for name in EXCHANGED_FIELDS}
    payload["attachments"] = list(attachment_hashes)
    encoded = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


def _plain(value: object) -> object:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value
