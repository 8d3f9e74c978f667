"""Writing a catalogue bundle: a selection of practices, with their attachments, as one file.

The same practices give the same bytes (entries sorted, fixed timestamps, stable JSON), so a
bundle exported twice is identical and importing it twice changes nothing. The file is written
to a temporary name beside the target and renamed only when complete. Every export is recorded
as a :class:`app.models.Bundle` row (direction "export") for the reports.
"""

from __future__ import annotations

import base64
import logging
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.db import Database
from app.errors import Cancelled, ValidationError
from app.i18n import _
from app.models import (
    AttachmentBlob,
    Bundle,
    Practice,
    PracticeArea,
    PracticeAttachment,
    utcnow,
)
from app.services import text
from app.services.bundles.export_files import BlobEntry, small_files
from app.services.bundles.format import (
    DESCRIPTOR_NAME,
    LIMITS,
    README_NAME,
    RECORDS_NAME,
    RECORDS_SCHEMA,
    TABLE_NAME,
    build_record,
)
from app.services.bundles.schema_check import first_problem
from app.services.bundles.writing import rename, write_temporary
from app.services.catalogue import own_identity
from app.services.signing import ensure_key

log = logging.getLogger(__name__)

_RECORD_SCHEMA: dict = RECORDS_SCHEMA["properties"]["records"]["items"]  # type: ignore[index]
_CHUNK = 500


@dataclass(frozen=True, slots=True)
class ExportResult:
    """What a bundle export wrote: the file, how many practices (withdrawn ones included) and
    attachment files it holds, how many of the practices are withdrawn, and the file's sha256."""

    path: Path
    practices: int
    attachments: int
    withdrawn: int
    sha256: str


def export_bundle(
    db: Database,
    path: Path,
    *,
    practice_ids: Iterable[str] | None = None,
    areas: Iterable[str] = (),
    published_only: bool = True,
    exported_by: str = "",
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ExportResult:
    """Write a bundle of practices to ``path``.

    Without ``practice_ids``: every practice that is not hidden here, in ``areas`` (names or
    ids; all areas when empty). ``published_only`` keeps published practices only. Our own
    published practices that are now in the trash go as withdrawn records (so other catalogues
    learn it), as do practices their origin withdrew. Raises :class:`ValidationError` when there
    is nothing to export, the bundle would be too large, or the file cannot be written, and
    :class:`Cancelled` when ``cancelled()`` turns true; then nothing is written or recorded.
    ``progress(done, total)`` counts the files written into the bundle."""
    path = Path(path)
    with db.session() as s:
        own_id, own_name = own_identity(s)
        publisher = _publisher(s, own_id, own_name)
        ids = None if practice_ids is None else list(dict.fromkeys(practice_ids))
        practices = _select(s, own_id, ids, list(areas), published_only)
        records = _records(s, practices, own_id)
        _check_records(records)
        blobs = _blobs(s, records)
        files = small_files(publisher, records, blobs)
        _check_limits(files, blobs)
        step = _step(progress, cancelled)
        temporary, digest = write_temporary(path, files, blobs, partial(_blob_data, s), step)
        try:
            # Recorded first, so a file is in place only when its record is about to commit.
            _record_export(s, path, digest, publisher, records, len(blobs), exported_by)
            rename(temporary, path)
        finally:
            temporary.unlink(missing_ok=True)
    withdrawn = sum(1 for r in records if r["withdrawn"])
    log.info("bundle exported: %d practices, %d attachments", len(records), len(blobs))
    return ExportResult(path, len(records), len(blobs), withdrawn, digest)


def _step(
    progress: Callable[[int, int], None] | None, cancelled: Callable[[], bool] | None
) -> Callable[[int, int], None]:
    def step(done: int, total: int) -> None:
        if cancelled is not None and cancelled():
            raise Cancelled(_("The export was cancelled; no file was written."))
        if progress is not None:
            progress(done, total)

    return step


def _record_export(
    s: Session,
    path: Path,
    digest: str,
    publisher: dict,
    records: list[dict],
    attachments: int,
    exported_by: str,
) -> None:
    """The export's row in the bundles register (its practices, for the reports)."""
    withdrawn = sum(1 for r in records if r["withdrawn"])
    s.add(
        Bundle(
            direction="export",
            bundle_id=digest,
            file_name=path.name[:300],
            publisher_id=publisher["id"],
            publisher_name=publisher["name"],
            at=utcnow(),
            by=text.clean(exported_by)[:200],
            practice_ids=[r["id"] for r in records],
            summary={"practices": len(records), "attachments": attachments, "withdrawn": withdrawn},
        )
    )
    s.flush()


def _publisher(s: Session, own_id: str, own_name: str) -> dict[str, str]:
    key = ensure_key(s)
    return {
        "id": own_id,
        "name": own_name,
        "public_key": base64.b64encode(key.public_key).decode("ascii"),
        "fingerprint": key.fingerprint,
    }


def _select(
    s: Session, own_id: str, ids: list[str] | None, areas: list[str], published_only: bool
) -> list[Practice]:
    """The practices to export, by id. Of the trash, only our own published practices (as
    withdrawn); another organisation's practice we trashed is simply left out."""
    query = select(Practice).where(
        or_(
            Practice.deleted_at.is_(None),
            (Practice.origin_id == own_id) & (Practice.status == "published"),
        )
    )
    if published_only:
        query = query.where(Practice.status == "published")
    if areas:
        query = query.where(Practice.area_id.in_(_area_ids(s, areas)))
    if ids is None:
        rows = list(s.scalars(query.where(Practice.hidden.is_(False))))
    else:
        rows = []
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            rows.extend(s.scalars(query.where(Practice.id.in_(chunk))))
    return sorted(rows, key=lambda p: p.id)


def _area_ids(s: Session, areas: list[str]) -> list[str]:
    """The ids of the areas named (by id, or by name with accents and case aside)."""
    known = list(s.scalars(select(PracticeArea)))
    by_id = {a.id: a.id for a in known}
    by_key = {a.name_key: a.id for a in known}
    found = []
    for wanted in areas:
        area_id = by_id.get(wanted) or by_key.get(text.fold(wanted))
        if area_id is None:
            raise ValidationError(
                _("There is no area called “{name}” in the catalogue. Nothing was written.").format(
                    name=wanted
                )
            )
        found.append(area_id)
    return found


def _records(s: Session, practices: list[Practice], own_id: str) -> list[dict]:
    """The bundle records of ``practices``, their areas and attachments loaded at once."""
    area_names = dict(s.execute(select(PracticeArea.id, PracticeArea.name)).all())
    attachments: dict[str, list[PracticeAttachment]] = defaultdict(list)
    ids = [p.id for p in practices]
    for start in range(0, len(ids), _CHUNK):
        query = (
            select(PracticeAttachment)
            .where(
                PracticeAttachment.practice_id.in_(ids[start : start + _CHUNK]),
                PracticeAttachment.deleted_at.is_(None),
            )
            .order_by(PracticeAttachment.position, PracticeAttachment.id)
        )
        for row in s.scalars(query):
            attachments[row.practice_id].append(row)
    return [
        build_record(p, area_names.get(p.area_id, ""), attachments[p.id], own_id) for p in practices
    ]


def _check_records(records: list[dict]) -> None:
    """There must be records, each one our own reader accepts; say which practice is not."""
    if not records:
        raise ValidationError(
            _(
                "There is no practice to export: only published practices go in a bundle. "
                "Publish some (or choose others) and export again. Nothing was written."
            )
        )
    for record in records:
        where = first_problem(record, _RECORD_SCHEMA)
        if where is not None:
            log.warning("practice %s cannot be exported: %s", record["id"], where)
            raise ValidationError(
                _(
                    "The practice “{title}” has a value a bundle cannot carry ({field}). "
                    "Correct it and export again. Nothing was written."
                ).format(title=record["fields"].get("title") or record["id"], field=where or "?")
            )


def _blobs(s: Session, records: list[dict]) -> list[BlobEntry]:
    """The attachment files the records need, once each, sorted by hash."""
    types: dict[str, str] = {}
    for record in records:
        for attachment in record["attachments"]:
            media_type = attachment["media_type"]
            types[attachment["sha256"]] = min(
                media_type, types.get(attachment["sha256"], media_type)
            )
    sizes: dict[str, int] = {}
    hashes = sorted(types)
    for start in range(0, len(hashes), _CHUNK):
        chunk = hashes[start : start + _CHUNK]
        query = select(AttachmentBlob.sha256, AttachmentBlob.size).where(
            AttachmentBlob.sha256.in_(chunk)
        )
        sizes.update({sha: size for sha, size in s.execute(query)})
    return [BlobEntry(sha, types[sha], sizes[sha]) for sha in hashes]


def _blob_data(s: Session, sha256: str) -> bytes:
    return s.execute(
        select(AttachmentBlob.data).where(AttachmentBlob.sha256 == sha256)
    ).scalar_one()


def _check_limits(files: dict[str, bytes], blobs: list[BlobEntry]) -> None:
    """Refuse a bundle that the reader would refuse (too many files, too large)."""
    too_large = (
        len(files) + len(blobs) > LIMITS.max_entries
        or len(files[DESCRIPTOR_NAME]) > LIMITS.max_descriptor
        or len(files[RECORDS_NAME]) > LIMITS.max_records
        or len(files[TABLE_NAME]) > LIMITS.max_table
        or len(files[README_NAME]) > LIMITS.max_readme
        or any(blob.size > LIMITS.max_attachment for blob in blobs)
        or sum(len(d) for d in files.values()) + sum(b.size for b in blobs) > LIMITS.max_total
    )
    if too_large:
        raise ValidationError(
            _(
                "These practices are too many, or their attachments too large, for one bundle. "
                "Export them in parts (for example one area at a time). Nothing was written."
            )
        )
