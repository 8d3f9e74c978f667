"""Helpers for the catalogue tests: saving practices, and a practice as a bundle would bring it
(another organisation's origin and revision), made the way the import makes it."""

from __future__ import annotations

import uuid
from datetime import date

from app.models import Practice
from app.services import text
from app.services.catalogue import find_or_create_area, own_identity, settle_revision
from app.services.catalogue_search import index_practice
from app.services.catalogue_values import PracticeData
from app.services.registry import Services

TODAY = date(2026, 6, 1)
OTHER_ORIGIN = str(uuid.UUID(int=7, version=4))


def add(services: Services, title: str, **fields: object) -> str:
    """Save a new practice here; returns its id."""
    return services.catalogue.save(PracticeData(title=title, **fields), today=TODAY).id


def imported(services: Services, title: str, area: str = "", revision: int = 2, **fields) -> str:  # type: ignore[no-untyped-def]
    """A practice that came in a bundle from another organisation (origin, revision, content
    hash of what came), indexed for search; returns its id."""
    with services.db.session() as s:
        own_id = own_identity(s)[0]
        area_row = find_or_create_area(s, area) if area else None
        practice = Practice(
            id=str(uuid.uuid4()),
            origin_id=OTHER_ORIGIN,
            origin_name="Red Asociativa del Cantábrico",
            revision=revision,
            title=title,
            title_key=text.fold(title),
            area_id=area_row.id if area_row else None,
            status="published",
            themes=[],
            links=[],
            **fields,
        )
        s.add(practice)
        s.flush()
        settle_revision(s, practice, own_id, area_row.name if area_row else "")
        index_practice(s, practice, area_row.name if area_row else "")
        return practice.id


def titles(rows) -> list[str]:  # type: ignore[no-untyped-def]
    return [row.title for row in rows]
