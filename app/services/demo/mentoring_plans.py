"""Plans of example mentoring pairs before their rows are written: who, which areas, status and
the dates that agree with it, and how many sessions each pair held.

Every status is there, and among the live pairs some that need attention: active pairs with no
session for two to four months, active pairs past their planned end, a pair paused for months,
and proposals waiting for weeks. Sessions are shared out so the total is exactly the scale's.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from app.services.mentoring_vocabulary import FREQUENCY_DAYS, HOLDING_CAPACITY

NewId = Callable[[], str]
STATUS_SHARES = (("closed", 40), ("active", 42), ("paused", 8), ("proposed", 10))
FREQUENCIES = (("weekly", "fortnightly", "monthly", "bimonthly", "as_needed"), (8, 40, 40, 7, 5))
AS_NEEDED_DAYS = 40
CLOSURES = (
    ("goals_achieved", "planned_end", "mentee_left", "mentor_left", "not_a_match", "no_time"),
    (40, 28, 10, 5, 7, 10),
)
# Sessions of a pair are at least this many days apart.
MIN_GAP_DAYS = 4


@dataclass(slots=True)
class MentorPlan:
    """A mentor: their person, organisation, areas and places (``holding``: places taken)."""

    id: str
    person_id: str
    organisation_id: str
    areas: list[str]
    capacity: int
    available: bool
    holding: int = 0


@dataclass(slots=True)
class PairPlan:
    """A pair's people, status and dates; ``first``..``last`` is the span of its sessions."""

    id: str
    mentor: MentorPlan
    mentee_id: str
    mentee_organisation_id: str
    areas: list[str]
    status: str
    kind: str  # normal, lapsed, past_end, paused_long, waiting
    frequency: str
    proposed_on: date
    start: date
    planned_end: date
    closed_on: date | None = None
    closure_reason: str = ""
    paused_on: date | None = None
    first: date | None = None
    last: date | None = None
    sessions: int = 0


def _statuses(count: int) -> list[tuple[str, str]]:
    """``(status, kind)`` of ``count`` pairs in the scale's shares, with the kinds that need
    attention spread among them (at least one of each at the small scale)."""
    amounts = {status: count * share // 100 for status, share in STATUS_SHARES}
    amounts["active"] += count - sum(amounts.values())
    chosen = []
    for status, amount in amounts.items():
        for index in range(amount):
            kind = "normal"
            if status == "active" and index % 5 == 1:
                kind = "lapsed"
            elif status == "active" and index % 7 == 3:
                kind = "past_end"
            elif status == "paused" and index % 2 == 0:
                kind = "paused_long"
            elif status == "proposed" and index % 2 == 0:
                kind = "waiting"
            chosen.append((status, kind))
    return chosen


def plan_pairs(
    rng: random.Random,
    new_id: NewId,
    mentors: list[MentorPlan],
    mentees: Sequence[tuple[str, str]],
    count: int,
    reference: date,
) -> list[PairPlan]:
    """``count`` pairs of a mentor and a mentee of another organisation. Live pairs stay within
    their mentor's places; proposals go to mentors who take new pairs."""
    statuses = _statuses(count)
    rng.shuffle(statuses)
    statuses.sort(key=lambda pair: pair[0] not in HOLDING_CAPACITY)  # places first
    free = list(mentees)
    rng.shuffle(free)
    plans = []
    for status, kind in statuses:
        mentor = _mentor(rng, mentors, status)
        mentee_id, organisation_id = _mentee(free, mentor.organisation_id)
        plan = PairPlan(
            id=new_id(),
            mentor=mentor,
            mentee_id=mentee_id,
            mentee_organisation_id=organisation_id,
            areas=rng.sample(mentor.areas, k=min(len(mentor.areas), rng.choice((1, 1, 2)))),
            status=status,
            kind=kind,
            frequency=rng.choices(*FREQUENCIES)[0],
            proposed_on=reference,
            start=reference,
            planned_end=reference,
        )
        _dates(rng, plan, reference)
        plans.append(plan)
    return plans


def _mentor(rng: random.Random, mentors: list[MentorPlan], status: str) -> MentorPlan:
    if status not in HOLDING_CAPACITY:
        return rng.choice(mentors)
    open_to = [
        m for m in mentors if m.holding < m.capacity and (m.available or status != "proposed")
    ] or mentors
    # Mentors who already have a pair are a little likelier to take another: some end up full.
    mentor = rng.choices(open_to, [3 if m.holding else 1 for m in open_to])[0]
    mentor.holding += 1
    return mentor


def _mentee(free: list[tuple[str, str]], mentor_organisation: str) -> tuple[str, str]:
    for index in range(len(free) - 1, -1, -1):
        if free[index][1] != mentor_organisation:
            return free.pop(index)
    raise ValueError("not enough people to be mentees")


def _days(rng: random.Random, low: int, high: int) -> timedelta:
    return timedelta(days=rng.randint(low, high))


def _dates(rng: random.Random, plan: PairPlan, reference: date) -> None:
    """Dates that agree with the status; the session span ends where the status says."""
    ref = reference
    if plan.status == "proposed":
        if plan.kind == "waiting":
            plan.proposed_on = ref - _days(rng, 60, 140)
            plan.start = plan.proposed_on + timedelta(days=14)
        else:
            plan.proposed_on = ref - _days(rng, 3, 21)
            plan.start = ref + _days(rng, 7, 30)
        plan.planned_end = plan.start + _days(rng, 180, 300)
        return
    if plan.status == "closed":
        _closed(rng, plan, ref)
    elif plan.status == "paused":
        plan.start = ref - _days(rng, 150, 420)
        back = _days(rng, 100, 160) if plan.kind == "paused_long" else _days(rng, 20, 60)
        plan.paused_on = max(ref - back, plan.start + timedelta(days=60))
        plan.planned_end = plan.start + _days(rng, 270, 365)
        plan.last = plan.paused_on - _days(rng, 0, 10)
    elif plan.kind == "past_end":
        plan.start = ref - _days(rng, 260, 420)
        plan.planned_end = plan.start + _days(rng, 180, 240)
        plan.last = ref - _days(rng, 3, 30)
    else:
        lapsed = plan.kind == "lapsed"
        plan.start = ref - (_days(rng, 150, 400) if lapsed else _days(rng, 30, 330))
        plan.planned_end = max(plan.start + _days(rng, 270, 365), ref + _days(rng, 20, 120))
        plan.last = ref - (_days(rng, 60, 120) if lapsed else _days(rng, 1, 28))
    plan.proposed_on = plan.start - _days(rng, 10, 30)
    plan.first = plan.start + _days(rng, 5, 14)
    plan.last = max(plan.first, plan.last or plan.first)


def _closed(rng: random.Random, plan: PairPlan, ref: date) -> None:
    plan.closure_reason = reason = rng.choices(*CLOSURES)[0]
    plan.start = ref - _days(rng, 200, 760)
    long = reason in ("goals_achieved", "planned_end")
    plan.closed_on = min(
        plan.start + (_days(rng, 180, 365) if long else _days(rng, 40, 150)),
        ref - timedelta(days=10),
    )
    plan.planned_end = plan.start + _days(rng, 240, 365)
    if reason == "planned_end":
        plan.planned_end = plan.closed_on
    plan.last = plan.closed_on - _days(rng, 0, 14)


def _room(plan: PairPlan) -> int:
    """How many sessions fit in the pair's span, at least :data:`MIN_GAP_DAYS` apart."""
    if plan.first is None or plan.last is None:
        return 0
    return (plan.last - plan.first).days // MIN_GAP_DAYS + 1


def share_sessions(plans: list[PairPlan], target: int) -> int:
    """Give each pair with a span a number of sessions after its frequency and span, scaled so
    the total is ``target`` (or as near as the spans allow); returns the total."""
    natural = []
    for plan in plans:
        if _room(plan):
            interval = FREQUENCY_DAYS[plan.frequency] or AS_NEEDED_DAYS
            natural.append((plan.last - plan.first).days / interval + 1)  # type: ignore[operator]
        else:
            natural.append(0.0)
    scale = target / (sum(natural) or 1)
    for plan, amount in zip(plans, natural, strict=True):
        plan.sessions = min(_room(plan), max(1, int(amount * scale))) if amount else 0
    missing = target - sum(plan.sessions for plan in plans)
    while missing:
        step = 1 if missing > 0 else -1
        changed = False
        for plan in plans:
            if missing and plan.sessions and 1 <= plan.sessions + step <= _room(plan):
                plan.sessions += step
                missing -= step
                changed = True
        if not changed:
            break
    return sum(plan.sessions for plan in plans)


def session_dates(rng: random.Random, plan: PairPlan) -> list[date]:
    """The pair's session dates: evenly spread over its span, a little irregular inside."""
    if not plan.sessions or plan.first is None or plan.last is None:
        return []
    if plan.sessions == 1:
        return [plan.last]
    step = (plan.last - plan.first).days / (plan.sessions - 1)
    jitter = min(3, int(step // 3))
    dates = []
    for k in range(plan.sessions):
        offset = round(k * step)
        if 0 < k < plan.sessions - 1 and jitter:
            offset += rng.randint(-jitter, jitter)
        dates.append(plan.first + timedelta(days=offset))
    return dates
