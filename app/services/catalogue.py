"""The good-practice catalogue: practices, their areas, their attachments and the search.

Every method is one unit of work and returns frozen dataclasses. Practices written here have
our organisation as origin: saving a published one whose content changed raises its revision
(that is what other catalogues compare). A practice that came in a bundle keeps its origin and
revision; editing it here marks it ``edited_locally``, so a newer revision from its origin is a
conflict to settle rather than a silent overwrite. The search index is kept in step here.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import Database
from app.errors import NotFoundError
from app.i18n import _
from app.models import (
    OrganisationProfile,
    Practice,
    PracticeArea,
    PracticeAttachment,
    the_profile,
    utcnow,
)
from app.services import text
from app.services.catalogue_areas import area_id_for, ensure_areas, find_or_create_area
from app.services.catalogue_search import (
    area_counts,
    index_practice,
    search_count,
    search_rows,
)
from app.services.catalogue_values import (
    AreaCount,
    AreaData,
    AttachmentData,
    CatalogueFilters,
    PracticeData,
    PracticeRow,
    content_hash,
    validate_practice,
)

log = logging.getLogger(__name__)

# Kept importable from here: the bundles and the demo use them inside their sessions.
__all__ = [
    "CatalogueService",
    "area_id_for",
    "attachment_rows",
    "ensure_areas",
    "find_or_create_area",
    "load_practice",
    "own_id",
    "own_identity",
    "read_practice",
    "save_attachments",
    "settle_revision",
]

_READ_FIELDS = [
    f
    for f in PracticeData.__slots__  # type: ignore[attr-defined]
    if f not in ("area", "themes", "links", "attachments", "own")
]


class CatalogueService:
    """Good practices: search, read, save, trash, hide; the areas of the taxonomy."""

    def __init__(self, db: Database):
        self.db = db

    # -- search --------------------------------------------------------------------------
    def search(
        self,
        query: str = "",
        filters: CatalogueFilters = CatalogueFilters(),  # noqa: B008 (frozen, shared safely)
        *,
        offset: int = 0,
        limit: int = 50,
    ) -> list[PracticeRow]:
        """A page of practices matching every typed word (as a prefix, accents and case aside),
        ranked by relevance (else by title), with the matching snippet."""
        with self.db.session() as s:
            return search_rows(s, query, filters, own_id(s), offset, limit)

    def count(self, query: str = "", filters: CatalogueFilters = CatalogueFilters()) -> int:  # noqa: B008
        """How many practices :meth:`search` would give without paging."""
        with self.db.session() as s:
            return search_count(s, query, filters)

    def area_counts(
        self,
        query: str = "",
        filters: CatalogueFilters = CatalogueFilters(),  # noqa: B008
    ) -> list[AreaCount]:
        """Every area with how many practices match (the side panel)."""
        with self.db.session() as s:
            ensure_areas(s)
            return area_counts(s, query, filters)

    def years(self) -> list[int]:
        """The years practices speak of, newest first (for the year filter)."""
        with self.db.session() as s:
            rows = s.scalars(select(Practice.year).where(Practice.year.is_not(None)).distinct())
            return sorted(rows, reverse=True)

    def organisation_names(self) -> list[str]:
        """The organisations practices come from, by name (for the organisation filter)."""
        with self.db.session() as s:
            rows = s.scalars(
                select(Practice.organisation_name)
                .where(Practice.organisation_name != "")
                .distinct()
            )
            return sorted(rows, key=text.fold)

    # -- one practice --------------------------------------------------------------------
    def get(self, practice_id: str) -> PracticeData:
        """The whole practice with its attachments."""
        with self.db.session() as s:
            return read_practice(s, practice_id)

    def save(self, data: PracticeData, today: date | None = None) -> PracticeData:
        """Validate and save a practice with its attachments (whose bytes were stored with
        :func:`app.services.attachments.store_file`); returns what was saved."""
        values = validate_practice(data, (today or date.today()).year)
        with self.db.session() as s:
            ours, our_name = own_identity(s)
            area = find_or_create_area(s, data.area) if text.clean(data.area) else None
            values["area_id"] = area.id if area else None
            if data.id is None:
                practice = Practice(origin_id=ours, origin_name=our_name, revision=1, **values)
                s.add(practice)
                s.flush()
            else:
                practice = load_practice(s, data.id)
                for key, value in values.items():
                    setattr(practice, key, value)
            save_attachments(s, practice.id, data.attachments)
            s.flush()
            settle_revision(s, practice, ours, area.name if area else "")
            index_practice(s, practice, area.name if area else "")
            log.info("practice saved: %s (revision %d)", practice.id, practice.revision)
            return read_practice(s, practice.id)

    def delete(self, ids: Iterable[str]) -> int:
        """Move practices to the trash."""
        return self._set(ids, deleted_at=utcnow())

    def restore(self, ids: Iterable[str]) -> int:
        """Bring practices back from the trash."""
        return self._set(ids, deleted_at=None)

    def set_hidden(self, ids: Iterable[str], hidden: bool) -> int:
        """Hide practices from the catalogue here (or show them again); a local choice that a
        later bundle asks about instead of undoing silently."""
        return self._set(ids, hidden=hidden)

    def _set(self, ids: Iterable[str], **values: object) -> int:
        ids = list(ids)
        with self.db.session() as s:
            rows = list(s.scalars(select(Practice).where(Practice.id.in_(ids))))
            for practice in rows:
                for key, value in values.items():
                    setattr(practice, key, value)
            return len(rows)

    # -- areas ---------------------------------------------------------------------------
    def areas(self) -> list[AreaData]:
        """The taxonomy in its order (the program's areas of action the first time)."""
        with self.db.session() as s:
            ensure_areas(s)
            rows = s.scalars(
                select(PracticeArea)
                .where(PracticeArea.deleted_at.is_(None))
                .order_by(PracticeArea.position, PracticeArea.name_key)
            )
            return [AreaData(a.name, a.id, a.position) for a in rows]

    def save_area(self, data: AreaData) -> AreaData:
        """Add an area or rename one (its practices follow it); names are unique."""
        from app.services.catalogue_areas import save_area

        with self.db.session() as s:
            return save_area(s, data)

    def delete_area(self, area_id: str) -> int:
        """Remove an area from the taxonomy; its practices are left with no area (returns how
        many)."""
        from app.services.catalogue_areas import delete_area

        with self.db.session() as s:
            return delete_area(s, area_id)


def own_identity(s: Session) -> tuple[str, str]:
    """Our organisation's permanent id (its profile's) and name, the origin of practices written
    here. The profile row is made (empty) if the program has none yet."""
    profile = s.scalar(the_profile())
    if profile is None:
        profile = OrganisationProfile()
        s.add(profile)
        s.flush()
    return profile.id, profile.name


def own_id(s: Session) -> str:
    """Our organisation's permanent id, or "" while there is no profile (and so no practice
    written here); unlike :func:`own_identity` it never writes."""
    return s.scalar(the_profile(OrganisationProfile.id)) or ""


def load_practice(s: Session, practice_id: str) -> Practice:
    practice = s.get(Practice, practice_id)
    if practice is None:
        raise NotFoundError(_("That practice is no longer in the catalogue."))
    return practice


def attachment_rows(s: Session, practice_id: str) -> list[PracticeAttachment]:
    return list(
        s.scalars(
            select(PracticeAttachment)
            .where(
                PracticeAttachment.practice_id == practice_id,
                PracticeAttachment.deleted_at.is_(None),
            )
            .order_by(PracticeAttachment.position, PracticeAttachment.id)
        )
    )


def save_attachments(s: Session, practice_id: str, wanted: tuple[AttachmentData, ...]) -> None:
    """Make the practice's live attachments exactly ``wanted``, in that order (rows no longer
    wanted go to the trash; the stored bytes stay, other practices may share them)."""
    from app.services.attachments import require_blob

    current = {a.id: a for a in attachment_rows(s, practice_id)}
    kept: set[str] = set()
    for position, item in enumerate(wanted, start=1):
        blob = require_blob(s, item.sha256)
        row = current.get(item.id) if item.id else None
        if row is None or row.id in kept:
            row = PracticeAttachment(practice_id=practice_id)
            s.add(row)
        # The stored bytes say what the file is and how large, whatever the caller passed.
        row.sha256, row.size = blob.sha256, blob.size
        row.media_type, row.position = item.media_type, position
        row.title, row.original_name = text.clean(item.title), text.clean(item.original_name)
        if row.id:
            kept.add(row.id)
    now = utcnow()
    for row_id, row in current.items():
        if row_id not in kept:
            row.deleted_at = now


def settle_revision(s: Session, practice: Practice, own_id: str, area_name: str) -> None:
    """After a change: our own published practice whose content differs from what was last
    published gets the next revision (its first publication does not); an imported one changed
    here is marked edited locally."""
    hashes = [a.sha256 for a in attachment_rows(s, practice.id)]
    fields = {c: getattr(practice, c) for c in practice.__table__.columns.keys()}  # noqa: SIM118
    fields["area"] = area_name
    new_hash = content_hash(fields, hashes)
    if new_hash == practice.content_hash:
        return
    if practice.origin_id != own_id:
        practice.edited_locally = bool(practice.content_hash)
    elif practice.status == "published":
        if practice.published_hash and practice.published_hash != new_hash:
            practice.revision += 1
        practice.published_hash = new_hash
    practice.content_hash = new_hash


def read_practice(s: Session, practice_id: str) -> PracticeData:
    """Inside an open session: the practice as :class:`PracticeData`."""
    practice = load_practice(s, practice_id)
    area = s.get(PracticeArea, practice.area_id) if practice.area_id else None
    attachments = tuple(
        AttachmentData(a.sha256, a.media_type, a.size, a.title, a.original_name, a.id)
        for a in attachment_rows(s, practice_id)
    )
    return PracticeData(
        **{f: getattr(practice, f) for f in _READ_FIELDS},
        area=area.name if area else "",
        themes=tuple(practice.themes or ()),
        links=tuple(practice.links or ()),
        attachments=attachments,
        own=practice.origin_id == own_id(s),
    )
