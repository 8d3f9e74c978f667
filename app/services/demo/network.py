"""The example network: collaborative projects between organisations that met at a forum meeting
or a training capsule (organisations whose people came to the same activity), through a
mentoring pair, through the catalogue or another way; and cascades, attendees passing what they
learned at an activity (and a practice handed out there) on in their organisation.

Drawn from its own seeded stream (ids too), after activities, mentoring and the catalogue, and
read from what those steps wrote in a fixed order: the same on every fill. Every project and
cascade passes the forms' validation. Rows are inserted in bulk.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from app.models import (
    Activity,
    ActivityPractice,
    ActivitySession,
    Attendance,
    Cascade,
    CollaborativeProject,
    MentoringRelationship,
    Organisation,
    ProjectOrganisation,
    Registration,
    natural_id,
)
from app.services import text
from app.services.demo import names
from app.services.demo import network_texts as texts
from app.services.vocabulary import AREAS_OF_ACTION, ATTENDED_MARKS

NewId = Callable[[], str]
Row = dict[str, object]
BATCH = 5000
# How projects came about (PROJECT_ORIGINS codes) and how often.
ORIGIN_WEIGHTS = {"forum": 40, "capsule": 25, "mentoring": 20, "catalogue": 8, "other": 7}
HOW_WEIGHTS = {"meeting": 40, "training": 20, "handout": 20, "volunteers": 15, "other": 5}
TRASHED_EVERY = 25  # one project in 25 is in the trash
# A cascade happens days after the activity's last attended session, never after the reference.
CASCADE_DELAY = (3, 120)


@dataclass(frozen=True, slots=True)
class NetworkCounts:
    """How many rows of each kind the example network holds."""

    projects: int = 0
    project_organisations: int = 0
    cascades: int = 0


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a project may have come about: an activity or a mentoring pair, its date, areas
    of action and the organisations that met there."""

    id: str
    on: date
    areas: tuple[str, ...]
    organisations: tuple[str, ...]


def fill_network(
    s: Session,
    rng: random.Random,
    new_id: NewId,
    sizes: dict[str, int],
    reference: date,
) -> NetworkCounts:
    """Insert the example projects (with their organisations) and cascades."""
    projects, members = _projects(s, rng, new_id, sizes["projects"], reference)
    cascades = _cascades(s, rng, new_id, sizes["cascades"], reference)
    for table, rows in (
        (CollaborativeProject.__table__, projects),
        (ProjectOrganisation.__table__, members),
        (Cascade.__table__, cascades),
    ):
        for start in range(0, len(rows), BATCH):
            s.execute(insert(table), rows[start : start + BATCH])
    return NetworkCounts(len(projects), len(members), len(cascades))


def _later(rng: random.Random, day: date, days: tuple[int, int], reference: date) -> date:
    """A day some ``days`` (a range) after ``day``, never after ``reference``."""
    room = (reference - day).days
    return day + timedelta(days=rng.randint(min(days[0], room), min(days[1], room)))


def _activity_origins(s: Session, kind: str, reference: date) -> list[Origin]:
    statement = (
        select(Activity.id, Activity.first_date, Activity.areas, Registration.organisation_id)
        .join(Registration, Registration.activity_id == Activity.id)
        .where(
            Activity.kind == kind,
            Activity.deleted_at.is_(None),
            Activity.status != "cancelled",
            Activity.first_date <= reference,
            Registration.deleted_at.is_(None),
            Registration.organisation_id.is_not(None),
        )
        .distinct()
        .order_by(Activity.id, Registration.organisation_id)
    )
    grouped: dict[str, tuple[date, list[str], list[str]]] = {}
    for activity_id, first, areas, organisation_id in s.execute(statement):
        grouped.setdefault(activity_id, (first, list(areas or ()), []))[2].append(organisation_id)
    return [
        Origin(key, first, tuple(areas), tuple(orgs))
        for key, (first, areas, orgs) in grouped.items()
        if len(orgs) >= 2
    ]


def _mentoring_origins(s: Session, reference: date) -> list[Origin]:
    R = MentoringRelationship
    statement = (
        select(R.id, R.start_date, R.mentee_organisation_id, R.mentor_organisation_id)
        .where(
            R.deleted_at.is_(None),
            R.status.in_(("active", "paused", "closed")),
            R.start_date <= reference,
            R.mentee_organisation_id.is_not(None),
            R.mentor_organisation_id.is_not(None),
        )
        .order_by(R.id)
    )
    return [Origin(row[0], row[1], (), (row[2], row[3])) for row in s.execute(statement)]


def _projects(
    s: Session, rng: random.Random, new_id: NewId, count: int, reference: date
) -> tuple[list[Row], list[Row]]:
    organisations = {
        row[0]: tuple(row[1] or ())
        for row in s.execute(
            select(Organisation.id, Organisation.areas_of_action)
            .where(Organisation.deleted_at.is_(None), Organisation.merged_into_id.is_(None))
            .order_by(Organisation.name_key, Organisation.id)
        )
    }
    origins = {
        "forum": _activity_origins(s, "forum", reference),
        "capsule": _activity_origins(s, "capsule", reference),
        "mentoring": _mentoring_origins(s, reference),
    }
    projects: list[Row] = []
    members: list[Row] = []
    if not organisations:
        return projects, members
    for index in range(count):
        origin = rng.choices(list(ORIGIN_WEIGHTS), weights=list(ORIGIN_WEIGHTS.values()))[0]
        found = rng.choice(origins[origin]) if origins.get(origin) else None
        if found is None:
            origin = "other" if origin in origins else origin
            start = reference - timedelta(days=rng.randint(30, 900))
            chosen = tuple(rng.sample(list(organisations), k=min(len(organisations), 3)))
        else:
            start = _later(rng, found.on, (20, 240), reference)
            chosen = found.organisations
        row = _project_row(rng, new_id, index, origin, found, start, reference)
        areas = found.areas if found and found.areas else organisations.get(chosen[0], ())
        row["areas"] = sorted(areas or rng.sample(AREAS_OF_ACTION, k=1))
        projects.append(row)
        members.extend(_member_rows(rng, row, chosen, organisations))
    return projects, members


def _project_row(
    rng: random.Random,
    new_id: NewId,
    index: int,
    origin: str,
    found: Origin | None,
    start: date,
    reference: date,
) -> Row:
    title = f"{rng.choice(texts.PROJECT_KINDS)} {rng.choice(texts.PROJECT_SUBJECTS)}"
    if rng.random() < 0.5:
        title = f"{title} en {rng.choice(names.PLACES)[0]}"
    end = start + timedelta(days=rng.randint(120, 720)) if rng.random() < 0.7 else None
    stamp = datetime.combine(start, time(10))
    return {
        "id": new_id(),
        "title": title,
        "title_key": text.fold(title),
        "description": rng.choice(texts.DESCRIPTIONS),
        "start_date": start,
        "end_date": end,
        "outcome": rng.choice(texts.OUTCOMES) if end is not None and end < reference else "",
        "origin": origin,
        "origin_activity_id": found.id if found and origin in ("forum", "capsule") else None,
        "origin_relationship_id": found.id if found and origin == "mentoring" else None,
        "notes": rng.choice(texts.PROJECT_NOTES),
        "created_at": stamp,
        "updated_at": stamp,
        "deleted_at": stamp if index % TRASHED_EVERY == TRASHED_EVERY - 1 else None,
    }


def _member_rows(
    rng: random.Random, project: Row, met: Sequence[str], organisations: dict[str, object]
) -> list[Row]:
    """Two to four organisations: from those that met, and now and then one more."""
    chosen = rng.sample(list(met), k=min(len(met), rng.randint(2, 4)))
    if rng.random() < 0.2:
        extra = rng.choice(list(organisations))
        if extra not in chosen:
            chosen.append(extra)
    rows = []
    for position, organisation_id in enumerate(chosen):
        role = "lead" if position == 0 else rng.choice(("partner", "partner", "supporter"))
        rows.append(
            {
                "id": natural_id("project-organisation", str(project["id"]), organisation_id),
                "project_id": project["id"],
                "organisation_id": organisation_id,
                "role": role,
                "created_at": project["created_at"],
                "updated_at": project["created_at"],
            }
        )
    return rows


def _attended(s: Session, reference: date) -> list[tuple[str, str, date, str | None]]:
    """``(person, activity, last attended day, registration organisation)``, in a fixed order."""
    statement = (
        select(
            Attendance.person_id,
            ActivitySession.activity_id,
            func.max(ActivitySession.date),
            func.max(Registration.organisation_id),
        )
        .join(ActivitySession, ActivitySession.id == Attendance.session_id)
        .join(Activity, Activity.id == ActivitySession.activity_id)
        .outerjoin(
            Registration,
            (Registration.activity_id == Activity.id)
            & (Registration.person_id == Attendance.person_id)
            & Registration.deleted_at.is_(None),
        )
        .where(
            Attendance.status.in_(ATTENDED_MARKS),
            Attendance.deleted_at.is_(None),
            ActivitySession.deleted_at.is_(None),
            ActivitySession.date <= reference - timedelta(days=CASCADE_DELAY[0]),
            Activity.deleted_at.is_(None),
        )
        .group_by(Attendance.person_id, ActivitySession.activity_id)
        .order_by(ActivitySession.activity_id, Attendance.person_id)
    )
    return [tuple(row) for row in s.execute(statement)]  # type: ignore[misc]


def _cascades(
    s: Session, rng: random.Random, new_id: NewId, count: int, reference: date
) -> list[Row]:
    attended = _attended(s, reference)
    if not attended:
        return []
    handed: dict[str, list[str]] = {}
    for activity_id, practice_id in s.execute(
        select(ActivityPractice.activity_id, ActivityPractice.practice_id)
        .where(ActivityPractice.deleted_at.is_(None))
        .order_by(ActivityPractice.activity_id, ActivityPractice.position)
    ):
        handed.setdefault(activity_id, []).append(practice_id)
    picked = rng.sample(attended, k=min(count, len(attended)))
    picked += [rng.choice(attended) for _ in range(count - len(picked))]
    rows = []
    for person_id, activity_id, last, organisation_id in picked:
        held_on = _later(rng, last, CASCADE_DELAY, reference)
        practices = handed.get(activity_id, [])
        big = rng.random() < 0.15
        stamp = datetime.combine(held_on, time(18))
        rows.append(
            {
                "id": new_id(),
                "person_id": person_id,
                "organisation_id": organisation_id,
                "activity_id": activity_id,
                "practice_id": rng.choice(practices) if practices and rng.random() < 0.6 else None,
                "held_on": held_on,
                "people_reached": rng.randint(20, 60) if big else rng.randint(2, 15),
                "how": rng.choices(list(HOW_WEIGHTS), weights=list(HOW_WEIGHTS.values()))[0],
                "notes": rng.choice(texts.CASCADE_NOTES),
                "created_at": stamp,
                "updated_at": stamp,
            }
        )
    return rows
