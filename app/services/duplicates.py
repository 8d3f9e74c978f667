"""Finding the same person or organisation entered twice, and merging them without losing anything.

A merge repoints every row that refers to the merged records (found from the schema's foreign
keys, so tables added later are covered without changing this module), fills the kept record's
empty fields from the others, and leaves the others in place marked ``merged_into_id`` so that
sync and the history can follow them. It is one transaction, after a backup.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Table, UniqueConstraint, and_, exists, func, not_, or_, select, true, update
from sqlalchemy.orm import Session

from app.backup_files import make_backup_file
from app.db import Database
from app.errors import ValidationError
from app.i18n import N_, _
from app.models import Base, Organisation, Person, utcnow
from app.services.context import DataFolder
from app.services.mentor_values import absorb_mentor

log = logging.getLogger(__name__)

REASONS = {
    "name": N_("Same name"),
    "email": N_("Same e-mail"),
    "phone": N_("Same phone"),
    "tax_id": N_("Same tax id"),
}


@dataclass(frozen=True, slots=True)
class DuplicateGroup:
    """Records that look like the same one; ``reason`` is a key of :data:`REASONS`."""

    reason: str
    ids: tuple[str, ...]
    names: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class MergeResult:
    kept_id: str
    merged: int
    references_moved: int


_PERSON_KEYS = {"name": Person.name_key, "email": Person.email, "phone": Person.phone_key}


class DuplicatesService:
    """Detection and merge of duplicate people and organisations."""

    def __init__(self, db: Database, folder: DataFolder):
        self.db = db
        self.folder = folder

    def find_people(self) -> list[DuplicateGroup]:
        """Groups of live people sharing a folded name, an e-mail or a phone number."""
        return self._find(Person, _PERSON_KEYS, Person.full_name)

    def find_organisations(self) -> list[DuplicateGroup]:
        """Groups of live organisations sharing a folded name or a tax id."""
        keys = {"name": Organisation.name_key, "tax_id": Organisation.tax_id}
        return self._find(Organisation, keys, Organisation.name)

    def _find(self, model: type, keys: dict, label) -> list[DuplicateGroup]:  # type: ignore[type-arg]
        live = (model.deleted_at.is_(None), model.merged_into_id.is_(None))
        groups: list[DuplicateGroup] = []
        seen: set[frozenset[str]] = set()
        with self.db.session() as s:
            for reason, column in keys.items():
                shared = (
                    select(column)
                    .where(*live, column != "")
                    .group_by(column)
                    .having(func.count(model.id) > 1)
                )
                rows = s.execute(
                    select(column, model.id, label)
                    .where(*live, column.in_(shared))
                    .order_by(column, model.created_at)
                ).all()
                by_key: dict[str, list[tuple[str, str]]] = {}
                for key, record_id, name in rows:
                    by_key.setdefault(key, []).append((record_id, name))
                for members in by_key.values():
                    ids = frozenset(m[0] for m in members)
                    if ids not in seen:
                        seen.add(ids)
                        groups.append(
                            DuplicateGroup(
                                reason=reason,
                                ids=tuple(m[0] for m in members),
                                names=tuple(m[1] for m in members),
                            )
                        )
        return groups

    def merge_people(self, keep_id: str, other_ids: Sequence[str]) -> MergeResult:
        """Merge ``other_ids`` into ``keep_id``: every attendance, membership, consent follows."""
        return self._merge(Person, keep_id, other_ids)

    def merge_organisations(self, keep_id: str, other_ids: Sequence[str]) -> MergeResult:
        """Merge organisations: their people, and everything else that refers to them, follow."""
        return self._merge(Organisation, keep_id, other_ids)

    def _merge(self, model: type, keep_id: str, other_ids: Sequence[str]) -> MergeResult:
        others = [i for i in dict.fromkeys(other_ids) if i != keep_id]
        if not others:
            raise ValidationError(_("Choose at least two records to merge."))
        make_backup_file(self.folder.database, self.folder.backups, "before-merge")
        moved = 0
        with self.db.session() as s:
            keep = s.get(model, keep_id)
            records = [s.get(model, i) for i in others]
            if (
                keep is None
                or keep.merged_into_id
                or any(r is None or r.merged_into_id for r in records)
            ):
                raise ValidationError(_("One of these records was merged or removed already."))
            for record in records:
                _fill_empty_fields(keep, record)
                if model is Person:
                    # mentors.person_id is unique: one mentor record per person survives.
                    absorb_mentor(s, record.id, keep_id)
                moved += repoint_references(s, model.__table__, record.id, keep_id)
                record.merged_into_id = keep_id
                record.deleted_at = utcnow()
            keep.deleted_at = None
        log.info("merged %d records into %s (%d references)", len(others), keep_id, moved)
        return MergeResult(kept_id=keep_id, merged=len(others), references_moved=moved)


_NOT_COPIED = {"id", "created_at", "updated_at", "deleted_at", "merged_into_id"}


def _fill_empty_fields(keep: object, other: object) -> None:
    for column in keep.__table__.columns:  # type: ignore[attr-defined]
        name = column.key
        if name in _NOT_COPIED:
            continue
        mine, theirs = getattr(keep, name), getattr(other, name)
        if mine in (None, "", [], "not_stated") and theirs not in (None, "", []):
            setattr(keep, name, theirs)


def repoint_references(s: Session, target: Table, old_id: str, new_id: str) -> int:
    """Point every foreign key to ``target`` from ``old_id`` to ``new_id``; returns rows moved.

    Where moving a row would break a unique constraint (both people already belong to the same
    organisation, say), the kept record's row wins and the other stays with the merged record,
    in the trash, so its history is still there.
    """
    moved = 0
    for table in Base.metadata.sorted_tables:
        for fk in table.foreign_keys:
            if fk.column.table is not target or fk.parent.name == "merged_into_id":
                continue
            column = fk.parent
            clash = _unique_clash(table, column.name, new_id)
            if clash is not None and "deleted_at" in table.c:
                _revive_kept_rows(s, table, column.name, old_id, new_id)
                s.execute(
                    update(table)
                    .where(column == old_id, clash)
                    .values(deleted_at=utcnow(), updated_at=utcnow())
                )
            keep_out = not_(clash) if clash is not None else True
            result = s.execute(
                update(table)
                .where(column == old_id, keep_out)
                .values({column.name: new_id, "updated_at": utcnow()})
            )
            moved += result.rowcount or 0
    return moved


def _revive_kept_rows(s: Session, table: Table, column_name: str, old_id: str, new_id: str) -> None:
    """The kept record's row wins a clash, but it leaves the trash when the merged one's was live.

    (The kept person had left an organisation that the other record of the same person is still
    a member of: after the merge the person is a member.)
    """
    s.execute(
        update(table)
        .where(
            table.c[column_name] == new_id,
            table.c.deleted_at.is_not(None),
            _unique_clash(table, column_name, old_id, live_twin=True),
        )
        .values(deleted_at=None, updated_at=utcnow())
    )


def _unique_clash(  # type: ignore[no-untyped-def]
    table: Table, column_name: str, new_id: str, live_twin: bool = False
):
    """A condition true for rows whose move to ``new_id`` would repeat a unique key.

    With ``live_twin``, only when the row already holding ``new_id`` is not in the trash.
    """
    clashes = []
    for constraint in table.constraints:
        names = [c.name for c in getattr(constraint, "columns", [])]
        if not isinstance(constraint, UniqueConstraint) or column_name not in names:
            continue
        twin = table.alias()
        others = [n for n in names if n != column_name]
        live = twin.c.deleted_at.is_(None) if live_twin else True
        clashes.append(
            exists().where(
                twin.c[column_name] == new_id,
                and_(true(), *(twin.c[n] == table.c[n] for n in others)),
                live,
            )
        )
    return clashes[0] if len(clashes) == 1 else (or_(*clashes) if clashes else None)
