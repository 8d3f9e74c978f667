"""The values of demands: what a list, a form and the counts by topic hold, the checks of what a
person typed into a demand's form, and the activity prefilled from demands. No database here:
:mod:`app.services.demands` reads the rows and hands them to these functions."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, NamedTuple

from app.errors import ValidationError
from app.i18n import _
from app.services import text, validation
from app.services.activities import ActivityData
from app.services.vocabulary import DEMAND_SOURCES

# Several topics written in one evaluation answer are split on new lines and semicolons.
_TOPIC_SEPARATORS = re.compile(r"[\n;]+")


@dataclass(frozen=True, slots=True)
class DemandRow:
    """One line of the demands list; ``activities`` counts the live activities answering it."""

    id: str
    topic: str
    area: str
    organisation_id: str | None
    organisation_name: str
    declared_on: date | None
    source: str
    activities: int
    deleted_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class TopicCount:
    """One topic with how many organisations and demands asked for it and how many answered."""

    topic: str
    topic_key: str
    organisations: int
    demands: int
    answered: int
    latest: date | None


@dataclass(frozen=True, slots=True)
class DemandData:
    """Everything a demand's form shows and saves. ``id`` is ``None`` for a new demand; an
    organisation known only by ``organisation_name`` is created (or found) when saved."""

    topic: str
    id: str | None = None
    area: str = ""
    description: str = ""
    organisation_id: str | None = None
    organisation_name: str = ""
    declared_on: date | None = None
    source: str = "meeting"
    deleted_at: datetime | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class WantedTopic:
    """A topic an attendee wrote in an activity's evaluation; ``recorded`` when the same
    organisation already has a live demand of that topic."""

    registration_id: str
    activity_id: str
    activity_title: str
    topic: str
    organisation_id: str | None
    organisation_name: str
    activity_date: date | None
    recorded: bool


class AnsweringActivity(NamedTuple):
    """An activity that answers a demand."""

    id: str
    title: str
    first_date: date | None


def choice_label(topic: str, organisation_name: str | None) -> str:
    """ "Topic — Organisation", or the topic alone for a demand of no organisation."""
    if not organisation_name:
        return topic
    return _("{topic} — {organisation}").format(topic=topic, organisation=organisation_name)


def validate_demand(data: DemandData) -> dict[str, object]:
    """The columns to store for a ``DemandData`` (but its organisation); raises
    :class:`ValidationError` naming the field at fault."""
    topic = text.clean(validation.check_required(data.topic, "topic", _("The topic")))
    if data.source not in DEMAND_SOURCES:
        raise ValidationError(_("Choose where the demand came from."), field="source")
    if data.declared_on is not None and data.declared_on > date.today():
        raise ValidationError(
            _("The date it was declared cannot be in the future."), field="declared_on"
        )
    return {
        "topic": topic,
        "topic_key": text.fold(topic),
        "area": text.clean(data.area),
        "description": (data.description or "").strip(),
        "declared_on": data.declared_on,
        "source": data.source,
    }


def best_spelling(spellings: Counter[tuple[str, str]], key: str) -> str:
    """The most used spelling of a folded topic (the first seen on a tie)."""
    return max((n, -i, topic) for i, ((k, topic), n) in enumerate(spellings.items()) if k == key)[2]


def topic_count(key: str, group: Sequence[Any]) -> TopicCount:
    """The counts of one topic from its demands' ``(topic, key, organisation_id, declared_on,
    answered)`` rows."""
    spellings = Counter((key, row[0]) for row in group)
    dates = [row[3] for row in group if row[3] is not None]
    return TopicCount(
        topic=best_spelling(spellings, key),
        topic_key=key,
        organisations=len({row[2] for row in group if row[2]}),
        demands=len(group),
        answered=sum(1 for row in group if row[4]),
        latest=max(dates) if dates else None,
    )


def split_topics(written: str) -> list[str]:
    """The topics of one evaluation answer, one a line or separated by semicolons."""
    return [t for t in (text.clean(part) for part in _TOPIC_SEPARATORS.split(written)) if t]


def demand_data(demand: Any, organisation_name: str) -> DemandData:
    """The data of a ``Demand`` row, with its organisation's name."""
    return DemandData(
        id=demand.id,
        topic=demand.topic,
        area=demand.area,
        description=demand.description,
        organisation_id=demand.organisation_id,
        organisation_name=organisation_name,
        declared_on=demand.declared_on,
        source=demand.source,
        deleted_at=demand.deleted_at,
        created_at=demand.created_at,
        updated_at=demand.updated_at,
    )


def activity_prefill(rows: Sequence[Any]) -> ActivityData:
    """An unsaved training capsule answering the demands of ``rows`` (``(topic, topic_key,
    area, organisation_name, id)``, oldest first): titled after their topics, filed under their
    areas, its description naming the organisations that asked."""
    spellings = Counter((row[1], row[0]) for row in rows)
    topics = dict.fromkeys(best_spelling(spellings, row[1]) for row in rows)
    names = list(dict.fromkeys(row[3] for row in rows if row[3]))
    description = ""
    if names:
        description = _("Asked for by: {organisations}.").format(organisations=", ".join(names))
    return ActivityData(
        title=", ".join(topics)[:300],
        kind="capsule",
        areas=tuple(dict.fromkeys(row[2] for row in rows if row[2])),
        description=description,
        demand_ids=tuple(sorted(row[4] for row in rows)),
    )


def wanted_from_rows(
    rows: Sequence[Any], recorded: set[tuple[str, str | None]]
) -> list[WantedTopic]:
    """One :class:`WantedTopic` a topic written in the evaluations of ``rows``
    (``(registration_id, activity_id, title, wanted_topics, organisation_id, organisation_name,
    date)``); those not yet recorded as demands of their organisation first."""
    wanted = []
    for row in rows:
        for topic in split_topics(row[3]):
            known = (text.fold(topic), row[4]) in recorded
            wanted.append(WantedTopic(*row[:3], topic, row[4], row[5], row[6], known))
    return sorted(wanted, key=lambda w: w.recorded)  # a stable sort keeps the activities' order
