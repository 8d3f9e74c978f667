"""Editing the catalogue's taxonomy of areas (used by :class:`CatalogueService`)."""

from __future__ import annotations

import logging

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app.errors import NotFoundError, ValidationError
from app.i18n import _
from app.models import Practice, PracticeArea, natural_id, utcnow
from app.services import text
from app.services.catalogue_search import rebuild_index
from app.services.catalogue_values import AreaData

log = logging.getLogger(__name__)


def save_area(s: Session, data: AreaData) -> AreaData:
    """Add an area, or rename or move one; two live areas never share a name."""
    name = text.clean(data.name)
    if not name:
        raise ValidationError(_("Give the area a name."), field="name")
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
        area = s.get(PracticeArea, natural_id("practice-area", key))
        if area is None:
            area = PracticeArea(id=natural_id("practice-area", key), name_key=key)
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
    if renamed and data.id is not None:
        rebuild_index(s)  # the area's name is searchable
    log.info("practice area saved: %s", area.id)
    return AreaData(area.name, area.id, area.position)


def delete_area(s: Session, area_id: str) -> int:
    """Take an area out of the taxonomy; its practices keep no area. Returns how many."""
    area = s.get(PracticeArea, area_id)
    if area is None or area.deleted_at is not None:
        raise NotFoundError(_("That area is no longer in the list."))
    moved = s.execute(
        update(Practice).where(Practice.area_id == area_id).values(area_id=None)
    ).rowcount
    area.deleted_at = utcnow()
    s.flush()
    rebuild_index(s)
    return moved or 0
