"""The SQL behind the network map (:mod:`app.services.network_map`): who attended what with
whom, the mentoring pairs and the projects of a period, as plain tuples.

Every query runs inside the caller's session. Activities and projects are filtered by area with
SQLite's ``json_each`` over their ``areas`` list and the ``fold`` function every connection has.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, Select, and_, exists, func, or_, select, true
from sqlalchemy.orm import Session, aliased

from app.i18n import _
from app.models import (
    Activity,
    ActivitySession,
    Attendance,
    CollaborativeProject,
    MentoringRelationship,
    Organisation,
    Person,
    ProjectOrganisation,
    Registration,
)
from app.services.mentoring_totals import RAN
from app.services.mentoring_vocabulary import MENTORING_AREAS
from app.services.text import fold
from app.services.vocabulary import AREAS_OF_ACTION, ATTENDED_MARKS

log = logging.getLogger(__name__)

R = MentoringRelationship
P = CollaborativeProject


@dataclass(frozen=True, slots=True)
class LinkFacts:
    """The groups that link organisations: the organisations at each activity, each pair's
    (mentor organisation, mentee organisation), the organisations of each project; and how
    many people of each organisation took part."""

    activities: list[tuple[str, ...]]
    pairs: list[tuple[str, str]]
    projects: list[tuple[str, ...]]
    people: dict[str, int]  # organisation id -> how many of its people attended or were paired


def _live(model) -> ColumnElement[bool]:  # type: ignore[no-untyped-def]
    conditions = [model.deleted_at.is_(None)]
    if hasattr(model, "merged_into_id"):
        conditions.append(model.merged_into_id.is_(None))
    return and_(*conditions)


def _has_area(column, keys: set[str]) -> ColumnElement[bool]:  # type: ignore[no-untyped-def]
    """The JSON list in ``column`` holds one of ``keys`` (compared folded)."""
    each = func.json_each(column).table_valued("value")
    return exists(select(1).select_from(each).where(func.fold(each.c.value).in_(sorted(keys))))


def area_keys(area: str) -> set[str]:
    """The folded area names ``area`` stands for: itself, and the common area of action it is
    the translation of (those are stored by their English source text)."""
    key = fold(area)
    return {key} | {fold(source) for source in AREAS_OF_ACTION if fold(_(source)) == key}


def mentoring_codes(area: str) -> set[str]:
    """The mentoring area codes ``area`` names (by code, English or translated label)."""
    key = fold(area)
    return {
        code
        for code, label in MENTORING_AREAS.items()
        if key in (fold(code), fold(label), fold(_(label)))
    }


def _gone(model) -> Select:  # type: ignore[no-untyped-def]
    """The ids of ``model`` rows in the trash or merged into another (a short list)."""
    return select(model.id).where(
        or_(model.deleted_at.is_not(None), model.merged_into_id.is_not(None))
    )


def _attended(start: date | None, end: date | None, area: str) -> Select:
    """(activity, organisation, person) for every registration whose person attended a session
    of the activity in the period (one row per registration, so each person once per activity).

    It reads from the registrations of the activities with a session in the period and checks
    each for an attended mark, which reads fewer rows than going from every mark.
    """
    S, A, Reg = ActivitySession, Attendance, Registration
    in_period = [S.deleted_at.is_(None)]
    if start:
        in_period.append(S.date >= start)
    if end:
        in_period.append(S.date <= end)
    marked = (
        select(1)
        .select_from(S)
        .join(A, and_(A.session_id == S.id, A.person_id == Reg.person_id))
        .where(
            S.activity_id == Reg.activity_id,
            *in_period,
            A.deleted_at.is_(None),
            A.status.in_(sorted(ATTENDED_MARKS)),
        )
        .exists()
    )
    query = (
        select(Reg.activity_id, Reg.organisation_id, Reg.person_id)
        .join(Activity, and_(Activity.id == Reg.activity_id, _live(Activity)))
        .where(
            Reg.deleted_at.is_(None),
            Reg.organisation_id.is_not(None),
            Reg.activity_id.in_(select(S.activity_id).where(*in_period)),
            Reg.organisation_id.not_in(_gone(Organisation)),
            Reg.person_id.not_in(_gone(Person)),
            marked,
        )
    )
    if area.strip():
        query = query.where(_has_area(Activity.areas, area_keys(area)))
    return query


def _pairs(start: date | None, end: date | None, area: str) -> list[ColumnElement[bool]]:
    """The conditions of a pair that ran in the period (with the area, if any)."""
    conditions = [R.deleted_at.is_(None), R.status.in_(RAN)]
    if end:
        conditions.append(or_(R.start_date.is_(None), R.start_date <= end))
    if start:
        conditions.append(or_(R.closed_on.is_(None), R.closed_on >= start))
    if area.strip():
        conditions.append(_has_area(R.areas, mentoring_codes(area)))
    return conditions


def read_links(s: Session, start: date | None, end: date | None, area: str) -> LinkFacts:
    """The groups of organisations that met, were paired or share a project in the period, and
    the people of each organisation who took part."""
    people: dict[str, set[str]] = {}
    activities: dict[str, set[str]] = {}
    for activity, org, person in s.execute(_attended(start, end, area)):
        activities.setdefault(activity, set()).add(org)
        people.setdefault(org, set()).add(person)
    pairs = []
    for mentor_org, mentor, mentee_org, mentee in s.execute(_pair_query(start, end, area)):
        for org, person in ((mentor_org, mentor), (mentee_org, mentee)):
            if org and person:
                people.setdefault(org, set()).add(person)
        if mentor_org and mentee_org and mentor_org != mentee_org:
            pairs.append((mentor_org, mentee_org))
    return LinkFacts(
        activities=[tuple(sorted(group)) for group in activities.values()],
        pairs=pairs,
        projects=_projects(s, start, end, area),
        people={org: len(members) for org, members in people.items()},
    )


def _pair_query(start: date | None, end: date | None, area: str) -> Select:
    """Each pair of the period: (mentor organisation, mentor, mentee organisation, mentee), an
    organisation or person left out (None) when in the trash or merged."""
    sides = []
    for org_column, person_column, name in (
        (R.mentor_organisation_id, R.mentor_id, "mentor"),
        (R.mentee_organisation_id, R.mentee_id, "mentee"),
    ):
        org = aliased(Organisation, name=f"{name}_org")
        person = aliased(Person, name=name)
        sides.append((org, and_(org.id == org_column, _live(org))))
        sides.append((person, and_(person.id == person_column, _live(person))))
    query = select(*(alias.id for alias, _on in sides)).select_from(R)
    for alias, on in sides:
        query = query.outerjoin(alias, on)
    return query.where(*_pairs(start, end, area))


def _projects(s: Session, start: date | None, end: date | None, area: str) -> list[tuple[str, ...]]:
    """The organisations of each live project overlapping the period."""
    PO = ProjectOrganisation
    query = (
        select(PO.project_id, PO.organisation_id)
        .join(P, and_(P.id == PO.project_id, P.deleted_at.is_(None)))
        .join(Organisation, and_(Organisation.id == PO.organisation_id, _live(Organisation)))
        .where(PO.deleted_at.is_(None))
        .distinct()
        .order_by(PO.project_id, PO.organisation_id)
    )
    if end:
        query = query.where(or_(P.start_date.is_(None), P.start_date <= end))
    if start:
        query = query.where(or_(P.end_date.is_(None), P.end_date >= start))
    if area.strip():
        query = query.where(_has_area(P.areas, area_keys(area)))
    projects: dict[str, list[str]] = {}
    for project, org in s.execute(query):
        projects.setdefault(project, []).append(org)
    return [tuple(group) for group in projects.values()]


def organisations(s: Session, ids: list[str]) -> dict[str, tuple[str, str, str]]:
    """Organisation id -> (name, kind, folded name) for ``ids``."""
    found: dict[str, tuple[str, str, str]] = {}
    for chunk in range(0, len(ids), 500):
        rows = s.execute(
            select(
                Organisation.id, Organisation.name, Organisation.kind, Organisation.name_key
            ).where(Organisation.id.in_(ids[chunk : chunk + 500]))
        )
        found.update({org: (name, kind, key) for org, name, kind, key in rows})
    return found


@dataclass(frozen=True, slots=True)
class AreaChoice:
    """An area the map can be filtered by: ``value`` to pass, ``label`` to show."""

    value: str
    label: str


def areas(s: Session) -> tuple[AreaChoice, ...]:
    """The areas of live activities and projects and the mentoring areas of live pairs, each
    once (folded), shown translated, in alphabetical order of the label."""
    found: dict[str, AreaChoice] = {}
    for model in (Activity, P):
        each = func.json_each(model.areas).table_valued("value")
        rows = s.scalars(
            select(each.c.value)
            .select_from(model)
            .join(each, true())
            .where(_live(model))
            .distinct()
        )
        for name in rows:
            if isinstance(name, str) and name.strip():
                label = _(name) if name in AREAS_OF_ACTION else name.strip()
                found.setdefault(fold(name), AreaChoice(name, label))
    each = func.json_each(R.areas).table_valued("value")
    codes = s.scalars(
        select(each.c.value)
        .select_from(R)
        .join(each, true())
        .where(R.deleted_at.is_(None))
        .distinct()
    )
    for code in codes:
        if code in MENTORING_AREAS:
            found.setdefault(fold(code), AreaChoice(code, _(MENTORING_AREAS[code])))
    return tuple(sorted(found.values(), key=lambda choice: (fold(choice.label), choice.value)))
