"""Example activities: forum meetings and training capsules with their sessions, registrations,
attendance, evaluations, and the demands of organisations that they answer.

Dates are spread over the two years before :data:`REFERENCE_DATE` and the two months after it,
so the output is the same on every run. Statuses follow the dates (past: closed, a few
cancelled; running: open; future: open or planned). Sessions before the reference date have
their marks; those on it or after have none, so running capsules show people "at risk". Rows are
built as dicts and inserted in batches (no ORM object per row).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import insert
from sqlalchemy.orm import Session

from app.models import Activity, ActivityDemand, ActivitySession, Attendance, Registration
from app.services import text
from app.services.demo import topics
from app.services.demo.attendance import PeoplePool, people_of_activity
from app.services.demo.demands import demand_links, fill_demands

REFERENCE_DATE = date(2026, 11, 28)
BATCH = 5000
# Capsules have 2, 3 or 4 sessions, most often 4.
CAPSULE_SESSIONS = ((2, 3, 4), (1, 2, 5))
Progress = Callable[[int], None]
NewId = Callable[[], str]


@dataclass(frozen=True, slots=True)
class ActivityCounts:
    """How many rows of each kind the example activities hold."""

    activities: int = 0
    sessions: int = 0
    registrations: int = 0
    attendance: int = 0
    evaluations: int = 0
    demands: int = 0


@dataclass(frozen=True, slots=True)
class Plan:
    """When an activity happens and what it is, before its rows are written."""

    kind: str
    topic: int
    dates: tuple[date, ...]
    start: time
    minutes: int
    cancelled: bool
    capacity: int | None
    venue: str  # empty: online


class Batches:
    """Rows waiting to be inserted, written in foreign-key order once there are enough."""

    ORDER = (Activity, ActivitySession, ActivityDemand, Registration, Attendance)

    def __init__(self, s: Session):
        self.s = s
        self.rows: dict[type, list[dict[str, object]]] = {model: [] for model in self.ORDER}
        self.written: dict[type, int] = dict.fromkeys(self.ORDER, 0)

    def add(self, model: type, rows: list[dict[str, object]]) -> None:
        self.rows[model].extend(rows)

    def flush(self, force: bool = False) -> None:
        if not force and sum(len(rows) for rows in self.rows.values()) < BATCH:
            return
        for model, rows in self.rows.items():
            if rows:
                self.s.execute(insert(model.__table__), rows)  # type: ignore[attr-defined]
                self.written[model] += len(rows)
                self.rows[model] = []


def fill_activities(
    s: Session,
    rng: random.Random,
    new_id: NewId,
    pool: PeoplePool,
    organisations: Sequence[str],
    sizes: dict[str, int],
    progress: Progress,
    reference: date = REFERENCE_DATE,
) -> ActivityCounts:
    """Insert the example demands and activities; ``progress(n)`` when n more activities are
    done (every 2 % of them)."""
    demands, demand_count = fill_demands(s, rng, new_id, organisations, reference)
    plans = _plans(rng, sizes, reference)
    batches = Batches(s)
    evaluations, linked, reported, editions = 0, set[str](), 0, dict[str, int]()
    for number, plan in enumerate(plans, start=1):
        activity_id = new_id()
        sessions = _session_rows(rng, new_id, activity_id, plan)
        title = _title(rng, plan, editions)
        batches.add(Activity, [_activity_row(rng, activity_id, plan, title, reference)])
        batches.add(ActivitySession, sessions)
        batches.add(ActivityDemand, demand_links(rng, activity_id, plan, demands, linked))
        registrations, attendance = people_of_activity(
            rng, pool, activity_id, plan, sessions, reference
        )
        evaluations += sum(1 for r in registrations if r["satisfaction"] is not None)
        batches.add(Registration, registrations)
        batches.add(Attendance, attendance)
        batches.flush()
        if number - reported >= len(plans) / 50 or number == len(plans):
            progress(number - reported)
            reported = number
    batches.flush(force=True)
    written = batches.written
    return ActivityCounts(
        activities=written[Activity],
        sessions=written[ActivitySession],
        registrations=written[Registration],
        attendance=written[Attendance],
        evaluations=evaluations,
        demands=demand_count,
    )


# -- planning -------------------------------------------------------------------------------------


def _plans(rng: random.Random, sizes: dict[str, int], reference: date) -> list[Plan]:
    count = sizes["activities"]
    running, future = max(2, count * 4 // 100), max(3, count * 8 // 100)
    moments = ["running"] * running + ["future"] * future
    moments += ["past"] * (count - len(moments))
    rng.shuffle(moments)
    weights = (sizes["forum_percent"], 100 - sizes["forum_percent"] - 5, 5)
    plans = []
    for moment in moments:
        kind = (
            "capsule"
            if moment == "running"
            else rng.choices(("forum", "capsule", "other"), weights)[0]
        )
        plans.append(_plan(rng, kind, moment, reference))
    return plans


def _plan(rng: random.Random, kind: str, moment: str, reference: date) -> Plan:
    sessions, start, minutes = _shape(rng, kind, moment)
    first = _first_date(rng, moment, 7 * (sessions - 1), reference)
    dates = tuple(first + timedelta(days=7 * n) for n in range(sessions))
    cancelled = rng.random() < (0.04 if moment == "past" else 0.02)
    if kind == "capsule":
        capacity = rng.choice((15, 20, 20, 25, 30, None))
    else:
        capacity = rng.choice((40, 50, None)) if kind == "forum" else None
    topic = min(len(topics.TOPICS) - 1, int(rng.paretovariate(1.2)) - 1)
    topic = rng.randrange(len(topics.TOPICS)) if rng.random() < 0.5 else topic
    venue = ""
    if rng.random() > 0.2:
        place = rng.choice(("Valencia", "Alzira", "Gandia", "Castellón de la Plana", "Elche"))
        venue = rng.choice(topics.VENUES).format(place=place)
    return Plan(kind, topic, dates, start, minutes, cancelled, capacity, venue)


def _shape(rng: random.Random, kind: str, moment: str) -> tuple[int, time, int]:
    """How many weekly sessions, their start and their minutes: a forum meeting is one session
    of about two hours; a capsule two to four of two to three hours."""
    if kind == "capsule":
        sessions = rng.choices(*CAPSULE_SESSIONS)[0]
        if moment == "running":  # at least one session held and one to come
            sessions = max(3, sessions)
        start = rng.choice((time(9, 30), time(10, 0), time(16, 0), time(17, 0)))
        return sessions, start, rng.choice((120, 150, 180))
    if kind == "forum":
        start = rng.choice((time(10, 0), time(17, 0), time(18, 0)))
        return 1, start, rng.choice((120, 120, 120, 90, 150))
    return 1, time(10, 0), rng.choice((180, 240))


def _first_date(rng: random.Random, moment: str, span: int, reference: date) -> date:
    """Past: within the two years before; running: some sessions held, some to come; future:
    all sessions within the eight weeks after."""
    if moment == "past":
        return _weekday(reference - timedelta(days=rng.randint(span + 3, 730)), -1)
    if moment == "running":
        return _weekday(reference - timedelta(days=rng.randint(1, span - 1)), -1)
    return _weekday(reference + timedelta(days=rng.randint(1, 56 - span)), 1)


def _weekday(day: date, direction: int) -> date:
    """The nearest weekday in ``direction`` (activities are not held at weekends)."""
    while day.weekday() >= 5:
        day += timedelta(days=direction)
    return day


def status_of(plan: Plan, reference: date) -> str:
    """The status that fits the dates: closed when over, open when running or soon, else planned."""
    if plan.cancelled:
        return "cancelled"
    if plan.dates[-1] < reference:
        return "closed"
    if plan.dates[0] <= reference + timedelta(days=30):
        return "open"
    return "planned"


# -- rows -----------------------------------------------------------------------------------------


def _title(rng: random.Random, plan: Plan, editions: dict[str, int]) -> str:
    """A title after the topic; a title used before gets its edition number."""
    phrase = topics.TOPICS[plan.topic][1]
    patterns = {"forum": topics.FORUM_TITLES, "capsule": topics.CAPSULE_TITLES}
    pattern = rng.choice(patterns.get(plan.kind, topics.OTHER_TITLES))
    title = pattern.format(phrase=phrase, Phrase=phrase[0].upper() + phrase[1:])
    editions[title] = editions.get(title, 0) + 1
    return title if editions[title] == 1 else f"{title} ({editions[title]}.ª edición)"


def _rule(rng: random.Random, plan: Plan) -> tuple[int | None, int | None]:
    """Capsules: 75 % of the sessions, or 75 % of the hours, or both; others: none."""
    if plan.kind != "capsule":
        return None, None
    rule = rng.choices(("percent", "both", "minutes"), (70, 20, 10))[0]
    total = plan.minutes * len(plan.dates)
    percent = 75 if rule != "minutes" else None
    minutes = (total * 3 // 4) // 30 * 30 if rule != "percent" else None
    return percent, minutes


def _activity_row(
    rng: random.Random, activity_id: str, plan: Plan, title: str, reference: date
) -> dict[str, object]:
    _topic, phrase, areas, themes = topics.TOPICS[plan.topic]
    percent, minutes = _rule(rng, plan)
    created = min(
        datetime.combine(plan.dates[0] - timedelta(days=30), time(10, 0)),
        datetime.combine(reference, time(9, 0)),
    )
    online = f"https://meet.example.org/tejido-{activity_id[:8]}" if not plan.venue else ""
    return {
        "id": activity_id,
        "kind": plan.kind,
        "title": title,
        "title_key": text.fold(title),
        "description": rng.choice(topics.DESCRIPTIONS),
        "objectives": f"Que las entidades participantes refuercen su trabajo en {phrase}.",
        "areas": sorted(areas),
        "themes": sorted(themes),
        "capacity": plan.capacity,
        "language": rng.choices(("es", "ca", "eu", "gl", "en"), (85, 6, 3, 3, 3))[0],
        "venue": plan.venue,
        "online_link": online,
        "status": status_of(plan, reference),
        "min_attendance_percent": percent,
        "min_minutes": minutes,
        "key_content": rng.choice(topics.KEY_CONTENTS),
        "notes": "",
        "first_date": plan.dates[0],
        "last_date": plan.dates[-1],
        "created_at": created,
        "updated_at": created,
    }


def _session_rows(
    rng: random.Random, new_id: NewId, activity_id: str, plan: Plan
) -> list[dict[str, object]]:
    start = datetime.combine(plan.dates[0], plan.start)
    end = (start + timedelta(minutes=plan.minutes)).time()
    rows = []
    for number, day in enumerate(plan.dates):
        if plan.kind == "capsule":
            content = topics.SESSION_CONTENTS[min(number, len(topics.SESSION_CONTENTS) - 1)]
        else:
            content = topics.FORUM_CONTENT
        stamp = datetime.combine(plan.dates[0] - timedelta(days=30), time(10, 0))
        rows.append(
            {
                "id": new_id(),
                "activity_id": activity_id,
                "date": day,
                "start_time": plan.start,
                "end_time": end,
                "place": plan.venue,
                "content": content,
                "notes": "",
                "created_at": stamp,
                "updated_at": stamp,
            }
        )
    return rows
