"""The catalogue's taxonomy of areas: seeding it, finding an area by name, and editing it
(used by :class:`app.services.catalogue.CatalogueService` and by the bundles).

An area's id is derived from its folded name, so two laptops that add "Vivienda" agree; a
renamed area keeps its id, so a later area taking the old name gets a random id instead.
"""

from __future__ import annotations

import logging
import uuid

from sqlalchemy import func, select, update
from sqlalchemy import text as sql
from sqlalchemy.orm import Session

from app.errors import NotFoundError, ValidationError
from app.i18n import _
from app.models import Practice, PracticeArea, natural_id, utcnow
from app.services import text
from app.services.catalogue_search import reindex_practices
from app.services.catalogue_values import AreaData
from app.services.vocabulary import AREAS_OF_ACTION

log = logging.getLogger(__name__)

MAX_NAME = 200


def ensure_areas(s: Session) -> None:
    """Seed the taxonomy with the program's areas of action when it has never had any."""
    if s.scalar(select(func.count()).select_from(PracticeArea)):
        return
    for position, label in enumerate(AREAS_OF_ACTION, start=1):
        name = _(label)
        s.add(
            PracticeArea(
                id=area_id_for(s, text.fold(name)),
                name=name,
                name_key=text.fold(name),
                position=position,
            )
        )
    s.flush()


def area_id_for(s: Session, key: str) -> str:
    """The id of a new area whose folded name is ``key``: the same on every laptop, unless an
    area renamed since already holds that id (then a random one)."""
    natural = natural_id("practice-area", key)
    taken = s.get(PracticeArea, natural)
    return natural if taken is None or taken.name_key == key else str(uuid.uuid4())


def find_or_create_area(s: Session, name: str) -> PracticeArea:
    """The area called ``name`` (accents and case aside; a live one rather than one taken out
    of the list), made at the end of the list if new."""
    ensure_areas(s)
    key = text.fold(name)
    area = s.scalar(
        select(PracticeArea)
        .where(PracticeArea.name_key == key)
        .order_by(PracticeArea.deleted_at.is_not(None), PracticeArea.position)
        .limit(1)
    )
    if area is None:
        last = s.scalar(select(func.max(PracticeArea.position))) or 0
        area = PracticeArea(
            id=area_id_for(s, key),
            name=text.clean(name),
            name_key=key,
            position=last + 1,
        )
        s.add(area)
        s.flush()
    elif area.deleted_at is not None:
        area.deleted_at = None
    return area


def save_area(s: Session, data: AreaData) -> AreaData:
    """Add an area, or rename or move one; two live areas never share a name. The program's
    areas are seeded first, so a first area added is not the only one ever."""
    ensure_areas(s)
    name = text.clean(data.name)
    if not name:
        raise ValidationError(_("Give the area a name."), field="name")
    if len(name) > MAX_NAME:
        raise ValidationError(
            _("The name is too long: at most {count} characters.").format(count=MAX_NAME),
            field="name",
        )
    key = text.fold(name)
    clash = s.scalar(
        select(PracticeArea).where(PracticeArea.name_key == key, PracticeArea.deleted_at.is_(None))
    )
    if clash is not None and clash.id != data.id:
        raise ValidationError(
            _("There is already an area called “{name}”.").format(name=clash.name), field="name"
        )
    if data.id is None:
        position = data.position or (s.scalar(select(func.max(PracticeArea.position))) or 0) + 1
        area_id = area_id_for(s, key)
        area = s.get(PracticeArea, area_id)
        if area is None:
            area = PracticeArea(id=area_id, name_key=key)
            s.add(area)
        area.deleted_at = None
    else:
        area = s.get(PracticeArea, data.id)
        if area is None:
            raise NotFoundError(_("That area is no longer in the list."))
        position = data.position or area.position
    renamed = area.name != name
    area.name, area.name_key, area.position = name, key, position
    s.flush()
    if renamed and data.id is not None:  # the area's name is searchable
        reindex_practices(s, "p.area_id = :area_id", {"area_id": area.id})
    log.info("practice area saved: %s", area.id)
    return AreaData(area.name, area.id, area.position)


def delete_area(s: Session, area_id: str) -> int:
    """Take an area out of the taxonomy; its practices keep no area. Returns how many."""
    area = s.get(PracticeArea, area_id)
    if area is None or area.deleted_at is not None:
        raise NotFoundError(_("That area is no longer in the list."))
    # The area's name was in its practices' indexed text: index those (and only those) again.
    found = s.execute(sql("SELECT rowid FROM practices WHERE area_id = :a"), {"a": area_id})
    rowids = list(found.scalars())
    moved = s.execute(
        update(Practice).where(Practice.area_id == area_id).values(area_id=None)
    ).rowcount
    area.deleted_at = utcnow()
    s.flush()
    for start in range(0, len(rowids), 500):
        chunk = rowids[start : start + 500]
        marks = ", ".join(f":r{i}" for i in range(len(chunk)))
        reindex_practices(s, f"p.rowid IN ({marks})", {f"r{i}": r for i, r in enumerate(chunk)})
    log.info("practice area removed: %s (%d practices left with no area)", area_id, moved or 0)
    return moved or 0
