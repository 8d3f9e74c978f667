"""Suggestions for new mentoring pairs: the organisations that declared needs, and for one of
them the mentors who could help, ranked, each with the reasons in plain words.

The ranking, strongest first:

- an area the organisation asks for (read from its ``needs`` text and its demands) that the
  mentor offers in their areas weighs most; one their expertise only speaks of weighs less;
- significant words the needs share with the mentor's expertise, the person's expertise and
  the mentor organisation's expertise add some;
- more free places add a little; a mentor already paired with that organisation ranks lower.

A mentor of the same organisation, unavailable, full, or in the trash is never suggested, nor
one without any evidence of a match.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.db import Database
from app.errors import NotFoundError
from app.i18n import _
from app.models import Demand, MentoringRelationship, Organisation
from app.services import text
from app.services.mentoring_matching import NeedSource, detect_areas
from app.services.mentoring_suggestion_ranking import Suggestion, rank_mentors
from app.services.mentoring_vocabulary import HOLDING_CAPACITY

log = logging.getLogger(__name__)

__all__ = ["MentoringSuggestionService", "NeedRow", "Suggestion"]

R = MentoringRelationship


@dataclass(frozen=True, slots=True)
class NeedRow:
    """An organisation that declared needs: the areas read in them, the texts themselves (its
    needs, then its demands' topics) and how many pairs support it now."""

    organisation_id: str
    organisation_name: str
    areas: tuple[str, ...]
    need_texts: tuple[str, ...]
    pairs_now: int


class MentoringSuggestionService:
    """Matches organisations' declared needs with mentors' expertise and free places."""

    def __init__(self, db: Database):
        self.db = db

    def needs(self, query: str = "") -> list[NeedRow]:
        """The live organisations with a needs text or live demands, by name; ``query`` words
        must all appear in the organisation's name."""
        conditions = [Organisation.deleted_at.is_(None), Organisation.merged_into_id.is_(None)]
        for word in text.fold(query).split():
            conditions.append(Organisation.name_key.like(text.like_pattern(word), escape="\\"))
        with self.db.session() as s:
            organisations = s.execute(
                select(Organisation.id, Organisation.name)
                .where(
                    *conditions, or_(Organisation.needs != "", Organisation.id.in_(_demanding()))
                )
                .order_by(Organisation.name_key, Organisation.id)
            ).all()
            ids = [row[0] for row in organisations]
            sources = _need_sources(s, ids)
            pairs = _pairs_now(s, ids)
        rows = []
        for organisation_id, name in organisations:
            found = sources.get(organisation_id, [])
            areas = detect_areas("\n".join(source.text for source in found))
            texts = tuple(source.quote for source in found)
            rows.append(NeedRow(organisation_id, name, areas, texts, pairs.get(organisation_id, 0)))
        return rows

    def suggest(self, organisation_id: str, limit: int = 10) -> list[Suggestion]:
        """The mentors who could help ``organisation_id``, best first, with their reasons."""
        with self.db.session() as s:
            organisation = s.get(Organisation, organisation_id)
            if organisation is None or organisation.merged_into_id:
                raise NotFoundError(_("That organisation is no longer in the directory."))
            sources = _need_sources(s, [organisation_id]).get(organisation_id, [])
            if not sources:
                return []
            suggestions = rank_mentors(s, organisation_id, organisation.name, sources)
        log.info("mentoring suggestions for %s: %d", organisation_id, len(suggestions))
        return suggestions[:limit]


def _demanding():  # type: ignore[no-untyped-def]
    return select(Demand.organisation_id).where(
        Demand.deleted_at.is_(None), Demand.organisation_id.is_not(None)
    )


def _need_sources(s: Session, organisation_ids: list[str]) -> dict[str, list[NeedSource]]:
    """Each organisation's declared needs: its demands (newest first), then its needs text."""
    if not organisation_ids:
        return {}
    found: dict[str, list[NeedSource]] = {}
    demands = s.execute(
        select(
            Demand.organisation_id,
            Demand.topic,
            Demand.area,
            Demand.description,
            Demand.declared_on,
        )
        .where(Demand.organisation_id.in_(organisation_ids), Demand.deleted_at.is_(None))
        .order_by(Demand.declared_on.desc().nulls_last(), Demand.topic_key)
    )
    for organisation_id, topic, area, description, declared_on in demands:
        body = "\n".join(part for part in (topic, area, description) if part)
        found.setdefault(organisation_id, []).append(NeedSource("demand", topic, body, declared_on))
    needs = s.execute(
        select(Organisation.id, Organisation.needs).where(
            Organisation.id.in_(organisation_ids), Organisation.needs != ""
        )
    )
    for organisation_id, needs_text in needs:
        found.setdefault(organisation_id, []).append(NeedSource("needs", needs_text, needs_text))
    return found


def _pairs_now(s: Session, organisation_ids: list[str]) -> dict[str, int]:
    """How many live pairs that hold a place support each organisation as mentee."""
    rows = s.execute(
        select(R.mentee_organisation_id, func.count(R.id))
        .where(
            R.mentee_organisation_id.in_(organisation_ids),
            R.deleted_at.is_(None),
            R.status.in_(HOLDING_CAPACITY),
        )
        .group_by(R.mentee_organisation_id)
    )
    return dict(rows.all())
