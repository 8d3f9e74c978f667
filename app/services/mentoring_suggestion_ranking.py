"""Ranking mentors for an organisation's needs, with a sentence of evidence for every point
they earn (used by :mod:`app.services.mentoring_suggestions`, inside its unit of work)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from app.i18n import _, format_date, ngettext
from app.models import Membership, Mentor, MentoringRelationship, Organisation, Person
from app.services.mentoring_matching import (
    NeedSource,
    detect_areas,
    evidence,
    excerpt,
    need_words,
    shared_words,
)
from app.services.mentoring_vocabulary import HOLDING_CAPACITY, MENTORING_AREAS
from app.services.mentors import active_pairs_of
from app.services.text import fold

log = logging.getLogger(__name__)

AREA_OFFERED = 10.0  # an area asked for that the mentor lists among theirs
AREA_IN_EXPERTISE = 4.0  # an area asked for that only their expertise texts speak of
SHARED_WORD = 1.5
MOST_SHARED_WORDS = 5
FREE_PLACE = 0.5
MOST_FREE_PLACES = 4
ALREADY_PAIRED = -6.0

R = MentoringRelationship
MentorOrg = aliased(Organisation, name="mentor_org")


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A mentor who could help the organisation, with the evidence in ``reasons``."""

    mentor_id: str
    person_id: str
    mentor_name: str
    organisation_id: str | None
    organisation_name: str
    matched_areas: tuple[str, ...]
    free_places: int
    capacity: int
    score: float
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Candidate:
    mentor_id: str
    person_id: str
    name: str
    organisation_id: str | None
    organisation_name: str
    areas: tuple[str, ...]
    offer_text: str
    capacity: int
    free_places: int


def _candidates(s: Session, organisation_id: str) -> list[_Candidate]:
    """Available mentors with a free place, from another organisation than ``organisation_id``."""
    members = select(Membership.person_id).where(
        Membership.organisation_id == organisation_id, Membership.deleted_at.is_(None)
    )
    rows = s.execute(
        select(
            Mentor.id,
            Mentor.person_id,
            Person.full_name,
            Mentor.organisation_id,
            func.coalesce(MentorOrg.name, ""),
            Mentor.areas,
            Mentor.expertise,
            Person.expertise,
            func.coalesce(MentorOrg.expertise, ""),
            Mentor.capacity,
            active_pairs_of(Mentor.person_id).correlate(Mentor),
        )
        .join(Person, Person.id == Mentor.person_id)
        .outerjoin(MentorOrg, MentorOrg.id == Mentor.organisation_id)
        .where(
            Mentor.deleted_at.is_(None),
            Mentor.available.is_(True),
            Person.deleted_at.is_(None),
            Person.merged_into_id.is_(None),
            Mentor.organisation_id.is_(None) | (Mentor.organisation_id != organisation_id),
            Mentor.person_id.not_in(members),
        )
    )
    found = []
    for row in rows:
        free = row[9] - (row[10] or 0)
        if free > 0:
            offer = "\n".join(part for part in row[6:9] if part)
            found.append(_Candidate(*row[:5], tuple(row[5] or ()), offer, row[9], free))
    return found


def _paired_with(s: Session, organisation_id: str) -> dict[str, int]:
    """Mentor person id -> live pairs holding a place with someone of the organisation."""
    rows = s.execute(
        select(R.mentor_id, func.count(R.id))
        .where(
            R.mentee_organisation_id == organisation_id,
            R.deleted_at.is_(None),
            R.status.in_(HOLDING_CAPACITY),
        )
        .group_by(R.mentor_id)
    )
    return dict(rows.all())


def _asked_for(source: NeedSource, area: str) -> str:
    """The sentence for an area asked for in ``source`` that the mentor lists."""
    label = _(MENTORING_AREAS[area])
    if source.kind == "needs":
        need = excerpt(source.quote, area)
        return _("Declared needs: “{need}”; offers {area}").format(need=need, area=label)
    if source.declared_on is None:
        return _("Asked for “{need}” (demand); offers {area}").format(need=source.quote, area=label)
    return _("Asked for “{need}” (demand, {date}); offers {area}").format(
        need=source.quote, date=format_date(source.declared_on, "long"), area=label
    )


def _in_expertise(source: NeedSource, area: str) -> str:
    need = excerpt(source.quote, area) if source.kind == "needs" else source.quote
    return _("Their expertise speaks of {area}, which “{need}” asks for").format(
        area=_(MENTORING_AREAS[area]), need=need
    )


def _quoted(words: tuple[str, ...]) -> str:
    # Translators: one word quoted the way the language quotes (Spanish: «{word}»).
    return ", ".join(_("“{word}”").format(word=word) for word in words)


@dataclass(frozen=True, slots=True)
class _Match:
    listed: tuple[str, ...]  # areas asked for that the mentor lists
    in_text: tuple[str, ...]  # areas asked for that only their expertise texts speak of
    shared: tuple[str, ...]  # words of the needs found in their expertise texts

    def __bool__(self) -> bool:
        return bool(self.listed or self.in_text or self.shared)


def _match(c: _Candidate, asked: tuple[str, ...], words: dict[str, str]) -> _Match:
    offered_in_text = detect_areas(c.offer_text)
    listed = tuple(a for a in asked if a in c.areas)
    in_text = tuple(a for a in asked if a not in c.areas and a in offered_in_text)
    # Words that only repeat an area already matched add nothing new.
    matched = set(listed + in_text)
    shared = [w for w in shared_words(words, c.offer_text) if not matched & set(detect_areas(w))]
    return _Match(listed, in_text, tuple(shared[:MOST_SHARED_WORDS]))


def _reasons(
    c: _Candidate, m: _Match, sources: list[NeedSource], paired: int, org_name: str
) -> tuple[str, ...]:
    """One sentence per piece of evidence, in the order of their weight."""
    reasons = [_asked_for(evidence(sources, a), a) for a in m.listed]  # type: ignore[arg-type]
    reasons += [_in_expertise(evidence(sources, a), a) for a in m.in_text]  # type: ignore[arg-type]
    if m.shared:
        reasons.append(
            _("Their expertise and the needs share {words}").format(words=_quoted(m.shared))
        )
    reasons.append(
        ngettext(
            "{free} of {capacity} place free",
            "{free} of {capacity} places free",
            c.capacity,
        ).format(free=c.free_places, capacity=c.capacity)
    )
    if paired:
        reasons.append(
            ngettext(
                "Already mentors {count} pair at {organisation}, so ranked lower",
                "Already mentors {count} pairs at {organisation}, so ranked lower",
                paired,
            ).format(count=paired, organisation=org_name)
        )
    return tuple(reasons)


def _score(c: _Candidate, m: _Match, paired: int) -> float:
    score = AREA_OFFERED * len(m.listed) + AREA_IN_EXPERTISE * len(m.in_text)
    score += SHARED_WORD * len(m.shared) + FREE_PLACE * min(c.free_places, MOST_FREE_PLACES)
    return round(score + (ALREADY_PAIRED if paired else 0.0), 2)


def rank_mentors(
    s: Session, organisation_id: str, organisation_name: str, sources: list[NeedSource]
) -> list[Suggestion]:
    """Every mentor with evidence of a match for the organisation's needs, best first."""
    asked = detect_areas("\n".join(source.text for source in sources))
    words = need_words(sources)
    paired_with = _paired_with(s, organisation_id)
    suggestions = []
    for c in _candidates(s, organisation_id):
        m = _match(c, asked, words)
        if not m:
            continue
        paired = paired_with.get(c.person_id, 0)
        suggestions.append(
            Suggestion(
                mentor_id=c.mentor_id,
                person_id=c.person_id,
                mentor_name=c.name,
                organisation_id=c.organisation_id,
                organisation_name=c.organisation_name,
                matched_areas=m.listed + m.in_text,
                free_places=c.free_places,
                capacity=c.capacity,
                score=_score(c, m, paired),
                reasons=_reasons(c, m, sources, paired, organisation_name),
            )
        )
    suggestions.sort(key=lambda x: (-x.score, -x.free_places, fold(x.mentor_name), x.mentor_id))
    return suggestions
