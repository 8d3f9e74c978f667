"""The steps of applying a bundle import, each inside the caller's transaction: storing the
attachment files, adding new practices in bulk, replacing a practice with a newer version (the
old one kept in its history), keeping ours in a conflict, and forking a local copy."""

from __future__ import annotations

import dataclasses
import hashlib
import logging
from collections.abc import Callable
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from app.errors import ImportRejected
from app.i18n import _
from app.models import (
    AttachmentBlob,
    Practice,
    PracticeArea,
    PracticeAttachment,
    PracticeVersion,
    new_id,
    utcnow,
)
from app.services import text
from app.services.bundles.format import record_of
from app.services.bundles.incoming import Incoming
from app.services.catalogue import (
    attachment_rows,
    find_or_create_area,
    save_attachments,
    settle_revision,
)

log = logging.getLogger(__name__)
BATCH = 500
# Why an earlier version was kept (PracticeVersion.reason).
REPLACED, KEPT_MINE = "replaced", "kept_mine"


def missing_blobs(s: Session, written: list[Incoming]) -> list[str]:
    """The attachment files the written records need that are not stored here yet."""
    needed = sorted({a.sha256 for inc in written for a in inc.attachments})
    here: set[str] = set()
    for start in range(0, len(needed), BATCH):
        query = select(AttachmentBlob.sha256).where(
            AttachmentBlob.sha256.in_(needed[start : start + BATCH])
        )
        here.update(s.scalars(query))
    return [sha256 for sha256 in needed if sha256 not in here]


def store_blobs(
    s: Session, contents: Any, missing: list[str], tick: Callable[[int], None] | None = None
) -> None:
    """Store these attachment files from the bundle's checked copies. Each is hashed again as
    it is read (it must not have changed since it was checked)."""
    for sha256 in missing:
        data = contents.attachments[sha256].read_bytes()
        if hashlib.sha256(data).hexdigest() != sha256:
            raise ImportRejected(
                _(
                    "The bundle's attachments changed on disk after they were checked. Nothing "
                    "was imported: open the bundle again."
                )
            )
        row = {"sha256": sha256, "size": len(data), "data": data, "created_at": utcnow()}
        s.execute(insert(AttachmentBlob.__table__), [row])
        if tick is not None:
            tick(1)


class Areas:
    """Area ids by name for one import, made when missing (accents and case aside)."""

    def __init__(self, s: Session):
        self.s = s
        self.ids: dict[str, str | None] = {"": None}

    def id_of(self, name: str) -> str | None:
        key = text.fold(name)
        if key not in self.ids:
            self.ids[key] = find_or_create_area(self.s, name).id
        return self.ids[key]


def area_name(s: Session, practice: Practice) -> str:
    """The name of the practice's area ("" when it has none)."""
    area = s.get(PracticeArea, practice.area_id) if practice.area_id else None
    return area.name if area else ""


def _origin_columns(inc: Incoming, area_id: str | None) -> dict[str, object]:
    return {
        "origin_name": inc.origin_name,
        "revision": inc.revision,
        "derived_from": inc.derived_from,
        "area_id": area_id,
        "content_hash": inc.content_hash,
        "edited_locally": False,
        "withdrawn": False,
    }


def create_practices(s: Session, creating: list[Incoming]) -> None:
    """Add the new practices and their attachment rows, in batches."""
    if not creating:
        return
    areas = Areas(s)
    practices, attachments = [], []
    for inc in creating:
        columns = dict(inc.values, **_origin_columns(inc, areas.id_of(inc.area)))
        practices.append(dict(columns, id=inc.id, origin_id=inc.origin_id, hidden=False))
        for position, item in enumerate(inc.attachments, start=1):
            attachments.append(_attachment_row(inc.id, item, position))
    for rows, table in (
        (practices, Practice.__table__),
        (attachments, PracticeAttachment.__table__),
    ):
        for start in range(0, len(rows), BATCH):
            s.execute(insert(table), rows[start : start + BATCH])
    log.info("bundle import: %d practices added", len(practices))


def _attachment_row(practice_id: str, item: Any, position: int) -> dict[str, object]:
    return {
        "practice_id": practice_id,
        "sha256": item.sha256,
        "media_type": item.media_type,
        "title": item.title,
        "original_name": item.original_name,
        "size": item.size,
        "position": position,
    }


def snapshot(s: Session, practice: Practice) -> dict[str, object]:
    """The practice as it is now, as a bundle record (with whether it had been edited here)."""
    record = record_of(s, practice, own_id=practice.origin_id)
    record["withdrawn"] = bool(practice.withdrawn)
    record["edited_locally"] = bool(practice.edited_locally)
    return record


def replace(s: Session, practice: Practice, inc: Incoming) -> None:
    """Give the practice the record's content and revision; the version it had is kept."""
    version = PracticeVersion(
        practice_id=practice.id,
        revision=practice.revision,
        snapshot=snapshot(s, practice),
        reason=REPLACED,
    )
    s.add(version)
    for key, value in dict(inc.values, **_origin_columns(inc, Areas(s).id_of(inc.area))).items():
        setattr(practice, key, value)
    pool: dict[str, list[str]] = {}
    for row in attachment_rows(s, practice.id):
        pool.setdefault(row.sha256, []).append(row.id)
    wanted = tuple(
        dataclasses.replace(item, id=(pool.get(item.sha256) or [None]).pop(0))
        for item in inc.attachments
    )
    save_attachments(s, practice.id, wanted)


def keep_mine(s: Session, practice: Practice, inc: Incoming, own_id: str) -> None:
    """Keep our version in a conflict. Theirs goes to the history, and the practice counts as
    having seen their revision, so the same bundle does not ask again (our own practice moves
    past it, so that our version is the newer one wherever it goes next)."""
    s.add(
        PracticeVersion(
            practice_id=practice.id, revision=inc.revision, snapshot=inc.record, reason=KEPT_MINE
        )
    )
    practice.revision = inc.revision + 1 if practice.origin_id == own_id else inc.revision


def fork(s: Session, practice: Practice, own: tuple[str, str]) -> str:
    """A copy of the practice as it is here, as our own (new id, revision 1, derived from it),
    with the same attachments; returns the copy's id."""
    skip = {"id", "created_at", "updated_at"}
    columns = {
        attr.key: getattr(practice, attr.key)
        for attr in Practice.__mapper__.column_attrs
        if attr.key not in skip
    }
    columns.update(
        id=new_id(),
        origin_id=own[0],
        origin_name=own[1],
        revision=1,
        derived_from=practice.id,
        edited_locally=False,
        withdrawn=False,
        content_hash="",
        themes=list(practice.themes or ()),
        links=list(practice.links or ()),
    )
    copy = Practice(**columns)
    s.add(copy)
    s.flush()
    for row in attachment_rows(s, practice.id):
        s.add(PracticeAttachment(**_attachment_row(copy.id, row, row.position)))
    s.flush()
    settle_revision(s, copy, own[0], area_name(s, copy))
    log.info("practice %s forked as %s", practice.id, copy.id)
    return copy.id
