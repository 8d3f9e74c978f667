"""Who completed an activity, by its rule, and who is at risk of not completing it.

The rule (see :func:`rule_met`): a minimum % of the activity's sessions attended, and/or a minimum
of minutes; with both, both must be met; with neither, attending one session completes it. An
activity with no sessions is completed by nobody. Present, late and left early count as attended;
an excused absence does not (it is shown apart). Minutes at a session are those recorded for a
partial attendance (never more than the session lasts, when its times are known), else the whole
session. Everyone registered (not cancelled, not waiting) is listed, and anyone marked at a
session, even if their registration was cancelled or taken out; each person once. A person is
*at risk* when they have not met the rule yet but still can by attending every session they have
not been marked at that is yet to come (today's included); otherwise *not completed*.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import Database
from app.errors import NotFoundError
from app.i18n import _
from app.models import Activity, ActivitySession, Attendance, Person
from app.services import text
from app.services.activity_values import session_minutes
from app.services.registrations import registration_rows
from app.services.vocabulary import ATTENDED_MARKS

COMPLETED, AT_RISK, NOT_COMPLETED = "completed", "at_risk", "not_completed"

# Person id -> session id -> (mark, partial minutes).
Marks = dict[str, dict[str, tuple[str, int | None]]]


@dataclass(frozen=True, slots=True)
class CompletionRule:
    min_percent: int | None = None
    min_minutes: int | None = None


@dataclass(frozen=True, slots=True)
class PersonCompletion:
    """One person's attendance of one activity, and where they stand with its rule."""

    person_id: str
    full_name: str
    organisation_name: str
    role: str
    sessions_total: int
    sessions_attended: int
    sessions_excused: int
    sessions_left: int
    minutes: int
    state: str

    @property
    def percent(self) -> float | None:
        if not self.sessions_total:
            return None
        return 100.0 * self.sessions_attended / self.sessions_total


@dataclass(frozen=True, slots=True)
class ActivityCompletion:
    activity_id: str
    rule: CompletionRule
    sessions_total: int
    minutes_total: int
    people: tuple[PersonCompletion, ...]

    def count(self, state: str) -> int:
        return sum(1 for p in self.people if p.state == state)


def rule_met(rule: CompletionRule, attended: int, total: int, minutes: int) -> bool:
    """Whether ``attended`` sessions out of ``total`` and ``minutes`` meet ``rule``."""
    if total == 0 or attended == 0:
        return False
    if rule.min_percent is not None and attended * 100 < rule.min_percent * total:
        return False
    return rule.min_minutes is None or minutes >= rule.min_minutes


def state_of(
    rule: CompletionRule, attended: int, total: int, minutes: int, left: int, left_minutes: int
) -> str:
    """Completed, at risk (can still make it) or not completed."""
    if rule_met(rule, attended, total, minutes):
        return COMPLETED
    if left and rule_met(rule, attended + left, total, minutes + left_minutes):
        return AT_RISK
    return NOT_COMPLETED


@dataclass(frozen=True, slots=True)
class _Tally:
    attended: int = 0
    excused: int = 0
    minutes: int = 0


class CompletionService:
    """Completion of activities by their rules."""

    def __init__(self, db: Database):
        self.db = db

    def for_activity(self, activity_id: str, today: date | None = None) -> ActivityCompletion:
        """Everyone registered (not cancelled) or marked at a session, with their standing."""
        with self.db.session() as s:
            return activity_completion(s, activity_id, today or date.today())


def activity_completion(s: Session, activity_id: str, today: date) -> ActivityCompletion:
    """Inside an open session: see :meth:`CompletionService.for_activity`."""
    activity = s.get(Activity, activity_id)
    if activity is None:
        raise NotFoundError(_("This activity no longer exists."))
    rule = CompletionRule(activity.min_attendance_percent, activity.min_minutes)
    sessions = {
        x.id: (x.date, session_minutes(x.start_time, x.end_time))
        for x in s.scalars(
            select(ActivitySession).where(
                ActivitySession.activity_id == activity_id, ActivitySession.deleted_at.is_(None)
            )
        )
    }
    marks: Marks = {}
    for person_id, session_id, status, minutes in s.execute(
        select(
            Attendance.person_id, Attendance.session_id, Attendance.status, Attendance.minutes
        ).where(Attendance.session_id.in_(sessions), Attendance.deleted_at.is_(None))
    ):
        marks.setdefault(person_id, {})[session_id] = (status, minutes)
    people = []
    for who in _people(s, activity_id, marks):
        mine = marks.get(who.person_id, {})
        tally = _tally(mine, sessions)
        left = [m for sid, (d, m) in sessions.items() if d >= today and sid not in mine]
        state = state_of(rule, tally.attended, len(sessions), tally.minutes, len(left), sum(left))
        people.append(
            PersonCompletion(
                who.person_id,
                who.full_name,
                who.organisation_name,
                who.role,
                len(sessions),
                tally.attended,
                tally.excused,
                len(left),
                tally.minutes,
                state,
            )
        )
    total_minutes = sum(m for _d, m in sessions.values())
    return ActivityCompletion(activity_id, rule, len(sessions), total_minutes, tuple(people))


@dataclass(frozen=True, slots=True)
class _Who:
    person_id: str
    full_name: str
    organisation_name: str
    role: str


def _people(s: Session, activity_id: str, marks: Marks) -> list[_Who]:
    """Those the completion lists, each once and by name: registered (not cancelled nor waiting)
    or marked at a session (even when their registration was taken out)."""
    people: dict[str, _Who] = {}
    for reg in registration_rows(s, activity_id):
        if reg.status in ("cancelled", "waiting_list") and reg.person_id not in marks:
            continue
        people.setdefault(
            reg.person_id, _Who(reg.person_id, reg.full_name, reg.organisation_name, reg.role)
        )
    unregistered = [p for p in marks if p not in people]
    if unregistered:
        for person_id, full_name in s.execute(
            select(Person.id, Person.full_name)
            .where(Person.id.in_(unregistered))
            .order_by(Person.name_key, Person.id)
        ):
            people[person_id] = _Who(person_id, full_name, "", "attendee")
    return sorted(people.values(), key=lambda w: (text.fold(w.full_name), w.person_id))


def _tally(
    mine: dict[str, tuple[str, int | None]], sessions: dict[str, tuple[date, int]]
) -> _Tally:
    attended = excused = minutes = 0
    for session_id, (status, partial) in mine.items():
        if status in ATTENDED_MARKS:
            attended += 1
            length = sessions[session_id][1]
            # A partial time longer than the session (a typing slip) counts as the whole session.
            minutes += length if partial is None or (length and partial > length) else partial
        elif status == "excused":
            excused += 1
    return _Tally(attended, excused, minutes)
