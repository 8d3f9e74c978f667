"""Who takes part in an example activity: registrations (with roles, the waiting list and
cancellations), marks at each past session, and the evaluations of closed activities.

Attendance is skewed as in life: most people come to every session, a few come late or leave
early (with the minutes they were there), some excuse themselves, some drop out.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from app.models import natural_id
from app.services.demo import topics
from app.services.vocabulary import ATTENDED_MARKS

if TYPE_CHECKING:
    from app.services.demo.activities import Plan

Row = dict[str, object]
COORDINATOR = "Carmen Ibáñez Soler"
# Share of people who come to almost everything, to most sessions, or drop out.
RELIABILITY = ((0.95, 0.75, 0.35), (70, 20, 10))


@dataclass(slots=True)
class PeoplePool:
    """The people activities draw from: ``(id, organisation id, full name)``, plus a few who
    facilitate again and again and regulars who register for many activities."""

    people: list[tuple[str, str | None, str]]
    rng: random.Random
    facilitators: list[int] = field(default_factory=list)
    regulars: list[int] = field(default_factory=list)
    reliability: list[float] = field(default_factory=list)

    def __post_init__(self) -> None:
        count = len(self.people)
        indexes = list(range(count))
        self.facilitators = self.rng.sample(indexes, k=max(6, count // 60))
        self.regulars = self.rng.sample(indexes, k=max(20, count // 7))
        self.reliability = self.rng.choices(*RELIABILITY, k=count)

    def attendees(self, count: int, taken: set[int]) -> list[int]:
        """``count`` different people not in ``taken``; a third of them regulars."""
        chosen: list[int] = []
        count = min(count, len(self.people) - len(taken))
        while len(chosen) < count:
            source = self.regulars if self.rng.random() < 0.35 else None
            index = self.rng.choice(source) if source else self.rng.randrange(len(self.people))
            if index not in taken:
                taken.add(index)
                chosen.append(index)
        return chosen


def people_of_activity(
    rng: random.Random,
    pool: PeoplePool,
    activity_id: str,
    plan: Plan,
    sessions: list[Row],
    reference: date,
) -> tuple[list[Row], list[Row]]:
    """The registrations of one activity and the marks at its sessions before ``reference``.

    Everyone holding a place is marked at every session held (facilitators present); those
    who cancelled or are on the waiting list are not. Cancelled activities have no marks.
    """
    staff = rng.sample(pool.facilitators, k=rng.choice((1, 1, 2)))
    registrations = _register(rng, pool, activity_id, plan, staff, reference)
    rows = [row for _index, row in registrations]
    if plan.cancelled:
        return rows, []
    taker = pool.people[staff[0]][2] if rng.random() < 0.7 else COORDINATOR
    marked = [(index, r) for index, r in registrations if r["status"] == "registered"]
    attendance: list[Row] = []
    for session in sessions:
        if session["date"] < reference:  # type: ignore[operator]
            attendance += _marks(rng, pool, session, plan, marked, taker)
    if plan.dates[-1] < reference:
        _evaluate(rng, rows, attendance)
    return rows, attendance


def _register(
    rng: random.Random,
    pool: PeoplePool,
    activity_id: str,
    plan: Plan,
    staff: list[int],
    reference: date,
) -> list[tuple[int, Row]]:
    """Facilitators first, then attendees in the order they registered (before the reference
    date, even for activities still to come)."""
    opened = min(plan.dates[0] - timedelta(days=25), reference - timedelta(days=6))
    stamp = datetime.combine(opened, time(9, 0))
    rows = []
    for number, index in enumerate(staff):
        role = "facilitator" if number == 0 else rng.choice(("expert", "facilitator"))
        rows.append(
            (index, _registration(rng, pool, activity_id, index, role, "registered", stamp))
        )
    wanted = rng.randint(11, 29) if plan.kind != "other" else rng.randint(8, 20)
    attendees = pool.attendees(wanted, set(staff))
    statuses = _statuses(rng, plan, len(attendees), reference)
    for number, (index, status) in enumerate(zip(attendees, statuses, strict=True)):
        when = stamp + timedelta(hours=3 * number + rng.randint(0, 2))
        rows.append((index, _registration(rng, pool, activity_id, index, "attendee", status, when)))
    return rows


def _statuses(rng: random.Random, plan: Plan, count: int, reference: date) -> list[str]:
    """In order of registration: a few cancel, the rest hold a place or wait when it is full."""
    capacity = plan.capacity
    future = plan.dates[0] > reference
    statuses, holding = [], 0
    for _ in range(count):
        if rng.random() < 0.06:
            statuses.append("cancelled")
        elif capacity is not None and holding >= capacity:
            statuses.append("waiting_list")
        else:
            holding += 1
            statuses.append("invited" if future and rng.random() < 0.1 else "registered")
    return statuses


def _registration(
    rng: random.Random,
    pool: PeoplePool,
    activity_id: str,
    index: int,
    role: str,
    status: str,
    stamp: datetime,
) -> Row:
    person_id, organisation_id, _name = pool.people[index]
    return {
        "id": natural_id("registration", activity_id, person_id),
        "activity_id": activity_id,
        "person_id": person_id,
        "organisation_id": organisation_id,
        "role": role,
        "status": status,
        "registered_at": stamp,
        "heard_from": rng.choice(topics.HEARD_FROM) if role == "attendee" else "",
        "satisfaction": None,
        "usefulness": None,
        "evaluation_comment": "",
        "wanted_topics": "",
        "created_at": stamp,
        "updated_at": stamp,
    }


def _marks(
    rng: random.Random,
    pool: PeoplePool,
    session: Row,
    plan: Plan,
    marked: list[tuple[int, Row]],
    taker: str,
) -> list[Row]:
    day: date = session["date"]  # type: ignore[assignment]
    taken_at = datetime.combine(day, plan.start) + timedelta(minutes=plan.minutes + 10)
    if rng.random() < 0.2:  # typed up the next day from the paper sign-in sheet
        taken_at += timedelta(days=1, hours=2)
    rows = []
    for index, registration in marked:
        staff = registration["role"] != "attendee"
        mark, minutes, remarks = ("present", None, "") if staff else _mark(rng, pool, index, plan)
        person_id = registration["person_id"]
        rows.append(
            {
                "id": natural_id("attendance", str(session["id"]), str(person_id)),
                "session_id": session["id"],
                "person_id": person_id,
                "status": mark,
                "minutes": minutes,
                "remarks": remarks,
                "taken_by": taker,
                "taken_at": taken_at,
                "created_at": taken_at,
                "updated_at": taken_at,
            }
        )
    return rows


def _mark(
    rng: random.Random, pool: PeoplePool, index: int, plan: Plan
) -> tuple[str, int | None, str]:
    if rng.random() < pool.reliability[index]:
        mark = rng.choices(("present", "late", "left_early"), (86, 9, 5))[0]
    else:
        mark = rng.choices(("excused", "absent"), (45, 55))[0]
    if mark == "late":
        minutes = plan.minutes - rng.choice((10, 15, 20, 30, 45))
        return mark, minutes, rng.choice(topics.LATE_REMARKS)
    if mark == "left_early":
        minutes = max(30, plan.minutes - rng.choice((15, 30, 45, 60)))
        return mark, minutes, rng.choice(topics.LEFT_EARLY_REMARKS)
    if mark == "excused":
        return mark, None, rng.choice(topics.EXCUSED_REMARKS)
    return mark, None, ""


def _evaluate(rng: random.Random, registrations: list[Row], attendance: list[Row]) -> None:
    """Part of those who attended a closed activity answered its evaluation (scores skewed high)."""
    came = {row["person_id"] for row in attendance if row["status"] in ATTENDED_MARKS}
    for row in registrations:
        if row["role"] != "attendee" or row["person_id"] not in came or rng.random() > 0.45:
            continue
        row["satisfaction"] = rng.choices((1, 2, 3, 4, 5), (1, 3, 10, 36, 50))[0]
        row["usefulness"] = rng.choices((1, 2, 3, 4, 5), (1, 4, 14, 40, 41))[0]
        if rng.random() < 0.35:
            row["evaluation_comment"] = rng.choice(topics.EVALUATION_COMMENTS)
        if rng.random() < 0.25:
            wanted = rng.sample(topics.TOPICS, k=rng.choice((1, 1, 2)))
            row["wanted_topics"] = "; ".join(topic[0] for topic in wanted)
