"""Example social mentoring: mentors with their areas and places, pairs of a mentor and a
mentee of two different organisations (every status, some needing attention) with their goals,
progress history and session log, and the needs and expertise organisations declare, so
suggestions have something to work with.

Drawn from its own seeded stream (ids too), after the people: the same on every fill, and
unchanged when the activities' generator changes. Rows are inserted in bulk.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import bindparam, insert, update
from sqlalchemy.orm import Session

from app.models import (
    GoalProgress,
    Mentor,
    MentoringGoal,
    MentoringRelationship,
    MentoringSession,
    Organisation,
    Person,
    natural_id,
)
from app.services.demo import mentoring_texts as texts
from app.services.demo.mentoring_plans import (
    MentorPlan,
    PairPlan,
    plan_pairs,
    session_dates,
    share_sessions,
)
from app.services.demo.mentoring_rows import goal_rows, relationship_row, session_rows
from app.services.demo.people import RETYPED_EVERY
from app.services.mentoring_vocabulary import MENTORING_AREAS

log = logging.getLogger(__name__)

BATCH = 5000
NewId = Callable[[], str]
Row = dict[str, object]
Pooled = Sequence[tuple[str, str | None, str]]
# Share of the other organisations that declared needs, or expertise they can offer.
NEEDS_SHARE, EXPERTISE_SHARE = 0.45, 0.15


@dataclass(frozen=True, slots=True)
class MentoringCounts:
    """How many rows of each kind the example mentoring holds."""

    mentors: int = 0
    pairs: int = 0
    sessions: int = 0
    goals: int = 0
    progress: int = 0


def fill_mentoring(
    s: Session,
    rng: random.Random,
    new_id: NewId,
    people: Pooled,
    organisations: Sequence[str],
    sizes: dict[str, int],
    reference: date,
) -> MentoringCounts:
    """Insert mentors, pairs with goals, progress and sessions, and organisations' needs and
    expertise. ``people`` are ``(id, first organisation, name)`` as the people step gave them."""
    candidates = [
        (person_id, organisation_id)
        for index, (person_id, organisation_id, _name) in enumerate(people)
        if organisation_id and index % RETYPED_EVERY != RETYPED_EVERY - 1
    ]
    mentors = _choose_mentors(rng, candidates, sizes["mentors"])
    _insert_mentors(s, rng, mentors, reference)
    taken = {m.person_id for m in mentors}
    mentees = [(p, o) for p, o in candidates if p not in taken]
    plans = plan_pairs(rng, new_id, mentors, mentees, sizes["pairs"], reference)
    sessions = share_sessions(plans, sizes["mentoring_sessions"])
    goals, history = _insert_pairs(s, rng, new_id, plans, reference)
    # What each pair works on was asked for by the mentee's organisation; mentors' organisations
    # offer what their mentors do.
    needs: dict[str, list[str]] = {}
    offers: dict[str, list[str]] = {}
    for plan in plans:
        _add(needs, plan.mentee_organisation_id, plan.areas[:1])
    for mentor in mentors:
        _add(offers, mentor.organisation_id, mentor.areas[:1])
    _declare(s, rng, organisations, needs, offers)
    log.info("demo mentoring: %d pairs, %d sessions", len(plans), sessions)
    return MentoringCounts(len(mentors), len(plans), sessions, goals, history)


def _add(areas: dict[str, list[str]], organisation_id: str, more: list[str]) -> None:
    known = areas.setdefault(organisation_id, [])
    known += [area for area in more if area not in known]


def _insert_pairs(
    s: Session, rng: random.Random, new_id: NewId, plans: list[PairPlan], reference: date
) -> tuple[int, int]:
    """Insert the pairs with their goals, progress history and session logs; returns how many
    goals and progress steps."""
    relationships: list[Row] = []
    goals: list[Row] = []
    history: list[Row] = []
    logged: list[Row] = []
    for plan in plans:
        dates = session_dates(rng, plan)
        logged += session_rows(rng, new_id, plan, dates)
        pair_goals, pair_history = goal_rows(rng, new_id, plan, dates, reference)
        goals += pair_goals
        history += pair_history
        relationships.append(relationship_row(rng, plan, pair_goals))
    for model, rows in (
        (MentoringRelationship, relationships),
        (MentoringGoal, goals),
        (GoalProgress, history),
        (MentoringSession, logged),
    ):
        for start in range(0, len(rows), BATCH):
            s.execute(insert(model.__table__), rows[start : start + BATCH])
    return len(goals), len(history)


def _choose_mentors(
    rng: random.Random, candidates: list[tuple[str, str]], count: int
) -> list[MentorPlan]:
    """``count`` mentors, of as many different organisations as there are."""
    order = rng.sample(candidates, k=len(candidates))
    seen: set[str] = set()
    first, rest = [], []
    for candidate in order:
        (rest if candidate[1] in seen else first).append(candidate)
        seen.add(candidate[1])
    chosen = (first + rest)[:count]
    areas = list(MENTORING_AREAS)
    return [
        MentorPlan(
            id=natural_id("mentor", person_id),
            person_id=person_id,
            organisation_id=organisation_id,
            areas=rng.sample(areas, k=rng.choice((1, 2, 2, 3))),
            capacity=rng.choice((1, 2, 2, 3)),
            available=rng.random() < 0.85,
        )
        for person_id, organisation_id in chosen
    ]


def _insert_mentors(
    s: Session, rng: random.Random, mentors: list[MentorPlan], reference: date
) -> None:
    """The mentor records, and a line of expertise on each mentor's person record."""
    since = datetime.combine(reference - timedelta(days=800), time(9, 0))
    rows, people = [], []
    for index, mentor in enumerate(mentors):
        stamp = since + timedelta(hours=index)
        rows.append(
            {
                "id": mentor.id,
                "person_id": mentor.person_id,
                "organisation_id": mentor.organisation_id,
                "areas": list(mentor.areas),
                "expertise": " ".join(rng.choice(texts.OFFERS[a]) for a in mentor.areas[:2]),
                "capacity": mentor.capacity,
                "available": mentor.available,
                "notes": rng.choice(texts.MENTOR_NOTES),
                "created_at": stamp,
                "updated_at": stamp,
            }
        )
        phrase = texts.AREA_PHRASES[mentor.areas[0]]
        people.append(
            {
                "pid": mentor.person_id,
                "text": f"{rng.randint(5, 25)} años de experiencia en {phrase}.",
            }
        )
    s.execute(insert(Mentor.__table__), rows)
    table = Person.__table__
    # updated_at is written back as it was: a Core update would stamp it with the clock.
    s.execute(
        update(table)
        .where(table.c.id == bindparam("pid"), table.c.expertise == "")
        .values(expertise=bindparam("text"), updated_at=table.c.updated_at),
        people,
    )


def _declare(
    s: Session,
    rng: random.Random,
    organisations: Sequence[str],
    needs: dict[str, list[str]],
    offers: dict[str, list[str]],
) -> None:
    """Needs for the mentees' organisations (what their pair works on) and some others, and
    expertise for the mentors' organisations and a few others; only where the text is empty."""
    areas = list(MENTORING_AREAS)
    need_rows, offer_rows = [], []
    for organisation_id in organisations:
        asked = needs.get(organisation_id)
        if asked is None and rng.random() < NEEDS_SHARE:
            asked = rng.sample(areas, k=rng.choice((1, 1, 2)))
        if asked:
            text = " ".join(rng.choice(texts.NEEDS[a]) for a in asked)
            need_rows.append({"oid": organisation_id, "text": text})
        offered = offers.get(organisation_id)
        if offered is None and rng.random() < EXPERTISE_SHARE:
            offered = rng.sample(areas, k=1)
        if offered:
            text = " ".join(rng.choice(texts.OFFERS[a]) for a in offered[:2])
            offer_rows.append({"oid": organisation_id, "text": text})
    table = Organisation.__table__
    for column, rows in (("needs", need_rows), ("expertise", offer_rows)):
        if rows:
            s.execute(
                update(table)
                .where(table.c.id == bindparam("oid"), table.c[column] == "")
                .values({column: bindparam("text"), "updated_at": table.c.updated_at}),
                rows,
            )
