"""Example demands: topics organisations asked for (the first topics by many, so the counts
are above one), and the links from activities to the demands of their topic they answered."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import insert
from sqlalchemy.orm import Session

from app.models import Demand, natural_id
from app.services import text
from app.services.demo import topics

if TYPE_CHECKING:
    from app.services.demo.activities import Plan

BATCH = 5000
NewId = Callable[[], str]
DemandsByTopic = dict[int, list[tuple[str, date]]]
SOURCES = (("form", "meeting", "evaluation", "survey"), (40, 35, 15, 10))


def fill_demands(
    s: Session, rng: random.Random, new_id: NewId, organisations: Sequence[str], reference: date
) -> tuple[DemandsByTopic, int]:
    """Insert the topics organisations asked for; returns those an activity may answer, by
    topic, and how many were inserted. The first topics are asked by many."""
    weights = [1 / (n + 2) for n in range(len(topics.TOPICS))]
    rows: list[dict[str, object]] = []
    by_topic: DemandsByTopic = {}
    for organisation_id in organisations:
        if rng.random() < 0.4:
            continue
        asked = rng.choices(range(len(topics.TOPICS)), weights, k=rng.choice((1, 1, 2, 3)))
        for index in sorted(set(asked)):
            row = _demand(rng, new_id(), index, organisation_id, reference)
            rows.append(row)
            if rng.random() < 0.7:  # the others are still waiting for an activity
                declared: date = row["declared_on"]  # type: ignore[assignment]
                by_topic.setdefault(index, []).append((str(row["id"]), declared))
    for start in range(0, len(rows), BATCH):
        s.execute(insert(Demand.__table__), rows[start : start + BATCH])
    return by_topic, len(rows)


def _demand(
    rng: random.Random, demand_id: str, index: int, organisation_id: str, reference: date
) -> dict[str, object]:
    topic, _phrase, areas, _themes = topics.TOPICS[index]
    if rng.random() < 0.1:  # typed by someone else: the folded key still matches
        topic = topic.lower()
    declared = reference - timedelta(days=rng.randint(20, 790))
    stamp = datetime.combine(declared, time(12, 0))
    return {
        "id": demand_id,
        "topic": topic,
        "topic_key": text.fold(topic),
        "area": areas[0],
        "description": rng.choice(topics.DEMAND_DESCRIPTIONS),
        "organisation_id": organisation_id,
        "declared_on": declared,
        "source": rng.choices(*SOURCES)[0],
        "created_at": stamp,
        "updated_at": stamp,
    }


def demand_links(
    rng: random.Random, activity_id: str, plan: Plan, demands: DemandsByTopic, linked: set[str]
) -> list[dict[str, object]]:
    """Most activities answer a few demands of their topic declared before them."""
    if plan.cancelled or rng.random() < 0.3:
        return []
    before = plan.dates[0] - timedelta(days=7)
    candidates = [d for d, declared in demands.get(plan.topic, ()) if declared < before]
    fresh = [d for d in candidates if d not in linked] or candidates
    chosen = fresh[: rng.randint(1, 3)]
    linked.update(chosen)
    stamp = datetime.combine(plan.dates[0] - timedelta(days=30), time(10, 0))
    return [
        {
            "id": natural_id("activity-demand", activity_id, demand_id),
            "activity_id": activity_id,
            "demand_id": demand_id,
            "created_at": stamp,
            "updated_at": stamp,
        }
        for demand_id in chosen
    ]
