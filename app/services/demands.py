"""Demands: the topics and needs organisations declare, counted by topic, and the activities
that answered them.

A demand's topic is compared folded (``topic_key``: no accents, case or extra spaces), so
"Captación de fondos" and "captacion de FONDOS" are one topic in the counts. A demand is
*answered* when a live link ties it to an activity that is not in the trash. Demands go to the
trash and come back; their links to activities stay as they were.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import ColumnElement, and_, exists, func, or_, select, update
from sqlalchemy.orm import Session

from app.db import Database
from app.errors import NotFoundError, ValidationError
from app.i18n import _
from app.models import Activity, ActivityDemand, Demand, Organisation, Registration, utcnow
from app.services import text
from app.services.activities import ActivityData
from app.services.demand_values import (
    AnsweringActivity,
    DemandData,
    DemandRow,
    TopicCount,
    WantedTopic,
    activity_prefill,
    choice_label,
    demand_data,
    topic_count,
    validate_demand,
    wanted_from_rows,
)
from app.services.organisations import find_or_create_organisation

log = logging.getLogger(__name__)

__all__ = [
    "AnsweringActivity",
    "DemandData",
    "DemandRow",
    "DemandService",
    "TopicCount",
    "WantedTopic",
]

SORT_COLUMNS = {
    "topic": Demand.topic_key,
    "area": Demand.area,
    "organisation": Organisation.name_key,
    "declared_on": Demand.declared_on,
    "source": Demand.source,
}


def _live_link(demand_id):  # type: ignore[no-untyped-def]
    """A live link from ``demand_id`` to an activity not in the trash nor cancelled."""
    return and_(
        ActivityDemand.demand_id == demand_id,
        ActivityDemand.deleted_at.is_(None),
        Activity.id == ActivityDemand.activity_id,
        Activity.deleted_at.is_(None),
        Activity.status != "cancelled",
    )


def _activity_count():  # type: ignore[no-untyped-def]
    return (
        select(func.count(ActivityDemand.id))
        .where(_live_link(Demand.id))
        .correlate(Demand)
        .scalar_subquery()
    )


def _answered():  # type: ignore[no-untyped-def]
    return exists(select(ActivityDemand.id).where(_live_link(Demand.id)).correlate(Demand))


def _filters(
    query: str, area: str, organisation_id: str | None, answered: bool | None, trash: bool
) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [
        Demand.deleted_at.is_not(None) if trash else Demand.deleted_at.is_(None)
    ]
    for word in text.fold(query).split():
        pattern = text.like_pattern(word)
        conditions.append(
            or_(
                Demand.topic_key.like(pattern, escape="\\"),
                Organisation.name_key.like(pattern, escape="\\"),
            )
        )
    if area:
        conditions.append(Demand.area == area)
    if organisation_id:
        conditions.append(Demand.organisation_id == organisation_id)
    if answered is not None:
        conditions.append(_answered() if answered else ~_answered())
    return conditions


def _with_organisation(statement):  # type: ignore[no-untyped-def]
    return statement.outerjoin(Organisation, Organisation.id == Demand.organisation_id)


class DemandService:
    """The demands of organisations, their counts by topic, and the activities answering them."""

    def __init__(self, db: Database):
        self.db = db

    def list(
        self,
        query: str = "",
        *,
        area: str = "",
        organisation_id: str | None = None,
        answered: bool | None = None,
        trash: bool = False,
        sort: str = "topic",
        descending: bool = False,
        offset: int = 0,
        limit: int | None = 200,
    ) -> list[DemandRow]:
        """A page of demands matching the topic or organisation words and the filters."""
        column = SORT_COLUMNS.get(sort, Demand.topic_key)
        ordered = column.desc() if descending else column.asc()
        statement = _with_organisation(
            select(
                Demand.id,
                Demand.topic,
                Demand.area,
                Demand.organisation_id,
                func.coalesce(Organisation.name, ""),
                Demand.declared_on,
                Demand.source,
                _activity_count(),
                Demand.deleted_at,
            )
        )
        statement = (
            statement.where(*_filters(query, area, organisation_id, answered, trash))
            .order_by(ordered.nulls_last(), Demand.topic_key, Demand.id)
            .offset(offset)
            .limit(limit)
        )
        with self.db.session() as s:
            return [DemandRow(*row) for row in s.execute(statement)]

    def count(
        self,
        query: str = "",
        *,
        area: str = "",
        organisation_id: str | None = None,
        answered: bool | None = None,
        trash: bool = False,
    ) -> int:
        """How many demands :meth:`list` would give without paging."""
        statement = _with_organisation(select(func.count(Demand.id))).where(
            *_filters(query, area, organisation_id, answered, trash)
        )
        with self.db.session() as s:
            return s.scalar(statement) or 0

    def topics(self, query: str = "", area: str = "") -> list[TopicCount]:
        """The live demands grouped by folded topic, most asked first (by organisations, then
        demands). Each topic shows its most used spelling."""
        statement = _with_organisation(
            select(
                Demand.topic,
                Demand.topic_key,
                Demand.organisation_id,
                Demand.declared_on,
                _answered(),
            )
        ).where(*_filters(query, area, None, None, False))
        with self.db.session() as s:
            rows = list(s.execute(statement))
        groups: dict[str, list] = {}
        for row in rows:
            groups.setdefault(row[1], []).append(row)
        counts = [topic_count(key, group) for key, group in groups.items()]
        return sorted(counts, key=lambda t: (-t.organisations, -t.demands, t.topic_key))

    def areas(self) -> list[str]:
        """The areas the live demands are filed under (for the area filter), by name."""
        with self.db.session() as s:
            return list(
                s.scalars(
                    select(Demand.area)
                    .where(Demand.deleted_at.is_(None), Demand.area != "")
                    .distinct()
                    .order_by(Demand.area)
                )
            )

    def get(self, demand_id: str) -> DemandData:
        """The whole demand, in the trash or not (raises NotFoundError when it does not exist)."""
        with self.db.session() as s:
            return _read(s, _load(s, demand_id))

    def save(self, data: DemandData) -> DemandData:
        """Validate and save a demand (new when ``data.id`` is ``None``); returns what was saved."""
        values = validate_demand(data)
        with self.db.session() as s:
            values["organisation_id"] = _organisation_id(s, data)
            if data.id is None:
                demand = Demand(**values)
                s.add(demand)
            else:
                demand = _load(s, data.id)
                for key, value in values.items():
                    setattr(demand, key, value)
            s.flush()
            log.info("demand saved: %s", demand.id)
            return _read(s, demand)

    def delete(self, ids: Iterable[str]) -> int:
        """Move demands to the trash (the activities answering them keep their links)."""
        return self._set_deleted(ids, utcnow())

    def restore(self, ids: Iterable[str]) -> int:
        """Bring demands back from the trash."""
        return self._set_deleted(ids, None)

    def _set_deleted(self, ids: Iterable[str], when: datetime | None) -> int:
        ids = list(ids)
        if not ids:
            return 0
        with self.db.session() as s:
            result = s.execute(
                update(Demand)
                .where(Demand.id.in_(ids))
                .values(deleted_at=when, updated_at=utcnow())
            )
            log.info("demands: %d moved %s the trash", result.rowcount, "to" if when else "out of")
            return result.rowcount or 0

    def choices(self) -> list[tuple[str, str]]:
        """``(id, "topic — organisation")`` of every live demand, newest first (for pickers)."""
        statement = _with_organisation(
            select(Demand.id, Demand.topic, Organisation.name)
            .where(Demand.deleted_at.is_(None))
            .order_by(Demand.declared_on.desc().nulls_last(), Demand.created_at.desc(), Demand.id)
        )
        with self.db.session() as s:
            return [(i, choice_label(topic, name)) for i, topic, name in s.execute(statement)]

    def activities_of(self, demand_id: str) -> list[AnsweringActivity]:
        """The activities (not in the trash) that answer the demand, newest first."""
        statement = (
            select(Activity.id, Activity.title, Activity.first_date)
            .where(_live_link(demand_id))
            .order_by(Activity.first_date.desc().nulls_first(), Activity.title_key)
        )
        with self.db.session() as s:
            return [AnsweringActivity(*row) for row in s.execute(statement)]

    def activity_from_demands(self, demand_ids: Iterable[str]) -> ActivityData:
        """A new, unsaved training capsule answering the live demands ``demand_ids``: titled
        after their topic, filed under their areas, its description naming who asked."""
        ids = list(demand_ids)
        statement = _with_organisation(
            select(Demand.topic, Demand.topic_key, Demand.area, Organisation.name, Demand.id)
        ).where(Demand.id.in_(ids), Demand.deleted_at.is_(None))
        with self.db.session() as s:
            rows = list(s.execute(statement.order_by(Demand.declared_on, Demand.created_at)))
        if not rows:
            raise ValidationError(_("Choose one or more demands (not in the trash) first."))
        return activity_prefill(rows)

    def wanted_topics(self) -> list[WantedTopic]:
        """The topics attendees wrote in their evaluations (one a line, or split by ``;``), with
        the activity, the attendee's organisation and whether it is recorded as a demand."""
        statement = (
            select(
                Registration.id,
                Activity.id,
                Activity.title,
                Registration.wanted_topics,
                Registration.organisation_id,
                func.coalesce(Organisation.name, ""),
                func.coalesce(Activity.last_date, Activity.first_date),
            )
            .join(Activity, Activity.id == Registration.activity_id)
            .outerjoin(Organisation, Organisation.id == Registration.organisation_id)
            .where(
                Registration.deleted_at.is_(None),
                Activity.deleted_at.is_(None),
                Registration.wanted_topics != "",
            )
            .order_by(Activity.first_date.desc().nulls_last(), Activity.title_key, Registration.id)
        )
        recorded_query = select(Demand.topic_key, Demand.organisation_id).where(
            Demand.deleted_at.is_(None)
        )
        with self.db.session() as s:
            rows = list(s.execute(statement))
            recorded = {(key, organisation) for key, organisation in s.execute(recorded_query)}
        return wanted_from_rows(rows, recorded)


def _organisation_id(s: Session, data: DemandData) -> str | None:
    """The chosen organisation's id; one typed by name only is found or created."""
    if data.organisation_id:
        organisation = s.get(Organisation, data.organisation_id)
        if organisation is None or organisation.merged_into_id is not None:
            raise ValidationError(
                _("That organisation no longer exists. Choose another one."), field="organisation"
            )
        return organisation.id
    if text.clean(data.organisation_name):
        organisation_id, created = find_or_create_organisation(s, data.organisation_name)
        if created:
            log.info("organisation %s created with a demand", organisation_id)
        return organisation_id
    return None


def _load(s: Session, demand_id: str) -> Demand:
    demand = s.get(Demand, demand_id)
    if demand is None:
        raise NotFoundError(_("This demand no longer exists."))
    return demand


def _read(s: Session, demand: Demand) -> DemandData:
    name = ""
    if demand.organisation_id:
        name = s.scalar(select(Organisation.name).where(Organisation.id == demand.organisation_id))
    return demand_data(demand, name or "")
