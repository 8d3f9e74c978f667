"""Taking attendance: the roster of a session, marks, walk-ins, and the history of all marks.

The roster is everyone registered in the activity (not cancelled) plus anyone already marked at
the session, read in one query. A mark is one row per person and session (a deterministic id, so
two laptops marking the same person agree); marking again changes it, and clearing it sends it
to the trash. A walk-in is created, registered and marked present in one transaction.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, time

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session

from app.db import Database
from app.errors import NotFoundError, ValidationError
from app.i18n import _
from app.models import (
    Activity,
    ActivitySession,
    Attendance,
    Organisation,
    Person,
    Registration,
    natural_id,
    utcnow,
)
from app.services import text
from app.services.activity_values import session_minutes
from app.services.attendance_history import HistoryQueries
from app.services.people import PersonData, validate_person
from app.services.person_links import ConsentData, MembershipData, save_consents, save_memberships
from app.services.records import save_values
from app.services.registrations import register_in_session
from app.services.vocabulary import ATTENDANCE_MARKS, ATTENDED_MARKS

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class SessionInfo:
    """The session a roster is for."""

    id: str
    activity_id: str
    activity_title: str
    date: date
    start_time: time | None
    end_time: time | None
    place: str
    minutes: int


@dataclass(frozen=True, slots=True)
class RosterRow:
    """One person on the roster, with their mark at this session (``None``: not marked yet)."""

    person_id: str
    full_name: str
    name_key: str
    gender: str
    organisation_name: str
    role: str
    registration_status: str
    mark: str | None = None
    minutes: int | None = None
    remarks: str = ""


@dataclass(frozen=True, slots=True)
class Roster:
    session: SessionInfo
    rows: tuple[RosterRow, ...]


@dataclass(frozen=True, slots=True)
class WalkIn:
    """A person who came without registering, as typed at the door."""

    full_name: str
    organisation_name: str = ""
    gender: str = "not_stated"
    consent: bool = False
    email: str = ""
    phone: str = ""


@dataclass(frozen=True, slots=True)
class SessionCount:
    """Attendance at one session: how many came, of how many expected."""

    present: int
    expected: int


def session_info(s: Session, session_id: str) -> SessionInfo:
    """Inside an open session: what the roster shows about the session ``session_id``."""
    row = s.execute(
        select(ActivitySession, Activity.title)
        .join(Activity, Activity.id == ActivitySession.activity_id)
        .where(ActivitySession.id == session_id)
    ).first()
    if row is None or row[0].deleted_at is not None:
        raise NotFoundError(_("This session no longer exists."))
    x = row[0]
    return SessionInfo(
        x.id,
        x.activity_id,
        row[1],
        x.date,
        x.start_time,
        x.end_time,
        x.place,
        session_minutes(x.start_time, x.end_time),
    )


def roster_rows(s: Session, info: SessionInfo) -> list[RosterRow]:
    """Inside an open session: the roster's people, by name."""
    mark = and_(
        Attendance.session_id == info.id,
        Attendance.person_id == Person.id,
        Attendance.deleted_at.is_(None),
    )
    registered = and_(
        Registration.activity_id == info.activity_id,
        Registration.person_id == Person.id,
        Registration.deleted_at.is_(None),
    )
    statement = (
        select(
            Person.id,
            Person.full_name,
            Person.name_key,
            Person.gender,
            func.coalesce(Organisation.name, ""),
            func.coalesce(Registration.role, "attendee"),
            func.coalesce(Registration.status, ""),
            Attendance.status,
            Attendance.minutes,
            func.coalesce(Attendance.remarks, ""),
        )
        .select_from(Person)
        .outerjoin(Registration, registered)
        .outerjoin(Attendance, mark)
        .outerjoin(Organisation, Organisation.id == Registration.organisation_id)
        .where(
            or_(
                and_(Registration.id.is_not(None), Registration.status != "cancelled"),
                Attendance.id.is_not(None),
            ),
            Person.id.in_(_roster_people(info)),
        )
        .order_by(Person.name_key, Person.id)
    )
    return [RosterRow(*row) for row in s.execute(statement)]


def _roster_people(info: SessionInfo):  # type: ignore[no-untyped-def]
    registered = select(Registration.person_id).where(
        Registration.activity_id == info.activity_id, Registration.deleted_at.is_(None)
    )
    marked = select(Attendance.person_id).where(
        Attendance.session_id == info.id, Attendance.deleted_at.is_(None)
    )
    return registered.union(marked)


class AttendanceService(HistoryQueries):
    """The roster of a session, marking people, walk-ins, and (from :class:`HistoryQueries`)
    the attendance history."""

    def __init__(self, db: Database):
        self.db = db

    def roster(self, session_id: str) -> Roster:
        """The session and everyone expected at it or marked at it, by name."""
        with self.db.session() as s:
            info = session_info(s, session_id)
            return Roster(info, tuple(roster_rows(s, info)))

    def mark(
        self,
        session_id: str,
        person_id: str,
        mark: str,
        *,
        minutes: int | None = None,
        remarks: str | None = None,
        taken_by: str = "",
    ) -> None:
        """Record a person's mark at a session (present, late, left early, excused, absent).

        ``minutes`` is for partial attendance; ``None`` means the whole session. ``remarks``
        ``None`` keeps what was written before.
        """
        if mark not in ATTENDANCE_MARKS:
            raise ValidationError(_("Choose one of the attendance marks."), field="mark")
        if minutes is not None and minutes < 0:
            raise ValidationError(_("Minutes cannot be negative."), field="minutes")
        with self.db.session() as s:
            session = s.get(ActivitySession, session_id)
            if session is None or session.deleted_at is not None:
                raise NotFoundError(_("This session no longer exists."))
            person = s.get(Person, person_id)
            if person is None or person.merged_into_id is not None:
                raise NotFoundError(
                    _("This person no longer exists (perhaps merged with another).")
                )
            write_mark(s, session_id, person_id, mark, minutes, remarks, taken_by)

    def clear(self, session_id: str, person_id: str) -> None:
        """Take back a person's mark at a session (it goes to the trash)."""
        with self.db.session() as s:
            row = _find_mark(s, session_id, person_id)
            if row is not None and row.deleted_at is None:
                row.deleted_at = utcnow()

    def add_present(self, session_id: str, person_id: str, *, taken_by: str = "") -> RosterRow:
        """Register someone already in the directory and mark them present (a walk-in who was
        found in the directory), in one transaction."""
        with self.db.session() as s:
            info = session_info(s, session_id)
            register_in_session(s, info.activity_id, person_id, status="registered")
            write_mark(s, session_id, person_id, "present", None, "", taken_by)
            return next(r for r in roster_rows(s, info) if r.person_id == person_id)

    def add_walk_in(self, session_id: str, walk_in: WalkIn, *, taken_by: str = "") -> RosterRow:
        """Create the person, register them and mark them present, in one transaction."""
        consents = (ConsentData("programme", utcnow(), collected_by=taken_by),)
        organisation = text.clean(walk_in.organisation_name)
        data = PersonData(
            full_name=walk_in.full_name,
            gender=walk_in.gender,
            email=walk_in.email,
            phone=walk_in.phone,
            memberships=(MembershipData(None, organisation, "staff"),) if organisation else (),
            consents=consents if walk_in.consent else (),
        )
        values = validate_person(data)
        with self.db.session() as s:
            info = session_info(s, session_id)
            person = save_values(s, Person, None, values, "")
            save_memberships(s, person.id, data.memberships)
            save_consents(s, person.id, data.consents)
            s.flush()
            register_in_session(s, info.activity_id, person.id, status="registered")
            write_mark(s, session_id, person.id, "present", None, "", taken_by)
            log.info("walk-in added: %s", person.id)
            row = next(r for r in roster_rows(s, info) if r.person_id == person.id)
            return row

    def session_counts(self, activity_id: str) -> dict[str, SessionCount]:
        """For each session of the activity where attendance was taken: how many came (present,
        late or left early) and how many were expected (holding a place, or marked anyway)."""
        holding = select(Registration.person_id).where(
            Registration.activity_id == activity_id,
            Registration.deleted_at.is_(None),
            Registration.status.in_(("invited", "registered")),
        )
        statement = (
            select(
                Attendance.session_id,
                func.count(Attendance.id),
                func.sum(case((Attendance.status.in_(ATTENDED_MARKS), 1), else_=0)),
                func.sum(
                    case((Attendance.person_id.not_in(holding.scalar_subquery()), 1), else_=0)
                ),
            )
            .join(ActivitySession, ActivitySession.id == Attendance.session_id)
            .where(
                ActivitySession.activity_id == activity_id,
                ActivitySession.deleted_at.is_(None),
                Attendance.deleted_at.is_(None),
            )
            .group_by(Attendance.session_id)
        )
        with self.db.session() as s:
            expected = s.scalar(select(func.count()).select_from(holding.subquery())) or 0
            return {
                sid: SessionCount(int(present or 0), expected + int(extra or 0))
                for sid, _marked, present, extra in s.execute(statement)
            }


def _find_mark(s: Session, session_id: str, person_id: str) -> Attendance | None:
    return s.scalar(
        select(Attendance).where(
            Attendance.session_id == session_id, Attendance.person_id == person_id
        )
    )


def write_mark(
    s: Session,
    session_id: str,
    person_id: str,
    mark: str,
    minutes: int | None,
    remarks: str | None,
    taken_by: str,
) -> Attendance:
    """Inside an open session: create or change one person's mark at one session."""
    row = _find_mark(s, session_id, person_id)
    if row is None:
        row = Attendance(
            id=natural_id("attendance", session_id, person_id),
            session_id=session_id,
            person_id=person_id,
            remarks="",
        )
        s.add(row)
    row.deleted_at = None
    row.status, row.minutes = mark, minutes
    if remarks is not None:
        row.remarks = remarks.strip()
    row.taken_by, row.taken_at = taken_by, utcnow()
    return row
