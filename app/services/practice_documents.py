"""The printed documents of the good-practice catalogue: one practice's sheet, and a booklet of
practices grouped by area with a table of contents.

Each function reads what the document shows in one unit of work, closes the database session,
and only then draws the PDF. The PDF is written atomically: an existing file is left as it was
when anything goes wrong. A document's language is the one asked for, else the profile's
default language when Tejido can print in it, else the program's language.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import Database
from app.errors import NotFoundError, ValidationError
from app.i18n import _
from app.models import OrganisationProfile, Practice, PracticeArea, the_profile
from app.services import text
from app.services.activity_documents import document_language, letterhead
from app.services.catalogue import read_practice
from app.services.catalogue_values import TEXT_FIELDS, PracticeData
from app.services.documents.practice_content import (
    AttachmentLine,
    BookletContent,
    BookletGroup,
    PracticeSheetContent,
    PracticeSheetEntry,
)

log = logging.getLogger(__name__)

MAX_BOOKLET_PRACTICES = 1000  # about 1,500 pages: more is not a booklet anyone prints


def practice_sheet(
    db: Database,
    practice_id: str,
    path: Path,
    language: str | None = None,
    today: date | None = None,
) -> int:
    """Write the sheet of one practice to ``path`` (PDF): its facts, every text field with
    something to say, its links and its attachments by name. Returns the pages written."""
    from app.services.documents.practice_sheet_pdf import render_practice_sheet

    _check_pdf_name(path)
    with db.session() as s:
        content = sheet_content(s, practice_id, language, today)
    pages = render_practice_sheet(content, Path(path))
    log.info("practice sheet of %s written: %d pages", practice_id, pages)
    return pages


def booklet(
    db: Database,
    path: Path,
    practice_ids: Sequence[str] | None = None,
    areas: Iterable[str] = (),
    language: str | None = None,
    today: date | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Write a booklet to ``path`` (PDF): the practices grouped by area in the taxonomy's order
    (by title within an area), after a table of contents with page numbers. ``practice_ids``
    chooses the practices (those in the trash are left out); without it, every practice in the
    catalogue that is neither hidden here nor withdrawn by its origin. ``areas`` (names or ids)
    keeps only the practices of those areas. Returns the pages written."""
    from app.services.documents.practice_booklet_pdf import render_booklet

    _check_pdf_name(path)
    with db.session() as s:
        content = booklet_content(s, practice_ids, areas, language, today)
    pages = render_booklet(content, Path(path), cancelled=cancelled)
    log.info("booklet of %d practices written: %d pages", content.count, pages)
    return pages


def sheet_content(
    s: Session, practice_id: str, language: str | None = None, today: date | None = None
) -> PracticeSheetContent:
    """Inside an open session: what the sheet of a live practice shows."""
    data = read_practice(s, practice_id)
    if data.deleted_at is not None:
        raise NotFoundError(_("That practice is in the trash. Restore it first."))
    return PracticeSheetContent(
        language=document_language(language, _profile_language(s)),
        practice=sheet_entry(data),
        printed_on=today or date.today(),
        letterhead=letterhead(s),
    )


def booklet_content(
    s: Session,
    practice_ids: Sequence[str] | None = None,
    areas: Iterable[str] = (),
    language: str | None = None,
    today: date | None = None,
) -> BookletContent:
    """Inside an open session: what a booklet shows (see :func:`booklet`)."""
    chosen = [_find_area(s, name) for name in areas]
    query = select(Practice.id, Practice.area_id).where(Practice.deleted_at.is_(None))
    if practice_ids is not None:
        query = query.where(Practice.id.in_(list(practice_ids)))
    else:
        query = query.where(Practice.hidden.is_(False), Practice.withdrawn.is_(False))
    if chosen:
        query = query.where(Practice.area_id.in_([area.id for area in chosen]))
    rows = s.execute(query.order_by(Practice.title_key, Practice.id)).all()
    _check_count(len(rows))
    by_area: dict[str | None, list[PracticeSheetEntry]] = {}
    for practice_id, area_id in rows:
        by_area.setdefault(area_id, []).append(sheet_entry(read_practice(s, practice_id)))
    order = s.execute(
        select(PracticeArea.id, PracticeArea.name).order_by(
            PracticeArea.position, PracticeArea.name_key
        )
    ).all()
    groups = [BookletGroup(name, tuple(by_area[id_])) for id_, name in order if id_ in by_area]
    if None in by_area:
        groups.append(BookletGroup("", tuple(by_area[None])))
    return BookletContent(
        language=document_language(language, _profile_language(s)),
        groups=tuple(groups),
        printed_on=today or date.today(),
        areas=tuple(area.name for area in chosen),
        letterhead=letterhead(s),
    )


def sheet_entry(data: PracticeData) -> PracticeSheetEntry:
    """A practice as its sheet prints it: the text fields with something to say, in order."""
    sections = tuple(
        (field, getattr(data, field)) for field in TEXT_FIELDS if getattr(data, field).strip()
    )
    attachments = tuple(
        AttachmentLine(a.title, a.original_name, a.media_type, a.size) for a in data.attachments
    )
    return PracticeSheetEntry(
        id=data.id or "",
        title=data.title,
        area=data.area,
        themes=data.themes,
        organisation_name=data.organisation_name,
        territory=data.territory,
        target_group=data.target_group,
        year=data.year,
        status=data.status,
        reviewer=data.reviewer,
        reviewed_on=data.reviewed_on,
        licence=data.licence,
        sections=sections,
        links=data.links,
        attachments=attachments,
        own=data.own,
        origin_name=data.origin_name,
        revision=data.revision,
        edited_locally=data.edited_locally,
        withdrawn=data.withdrawn,
    )


def _find_area(s: Session, name_or_id: str) -> PracticeArea:
    """The live area with this id, or this name (accents and case aside)."""
    area = s.get(PracticeArea, name_or_id)
    if area is None:
        key = text.fold(name_or_id)
        area = s.scalar(select(PracticeArea).where(PracticeArea.name_key == key))
    if area is None or area.deleted_at is not None:
        raise NotFoundError(
            _("There is no area called “{name}” in the catalogue.").format(name=name_or_id)
        )
    return area


def _check_pdf_name(path: Path) -> None:
    """Refuse a file name that is not a PDF's before any work is done."""
    if Path(path).suffix.lower() != ".pdf":
        raise ValidationError(_("Choose a file name ending in .pdf."))


def _check_count(count: int) -> None:
    if count == 0:
        raise ValidationError(
            _("There are no practices to print: the areas or practices chosen have none.")
        )
    if count > MAX_BOOKLET_PRACTICES:
        raise ValidationError(
            _(
                "A booklet holds at most {most} practices, and {count} were chosen. "
                "Choose some areas or a selection of practices."
            ).format(most=MAX_BOOKLET_PRACTICES, count=count)
        )


def _profile_language(s: Session) -> str:
    language = s.scalar(the_profile(OrganisationProfile.default_language))
    return language or ""
