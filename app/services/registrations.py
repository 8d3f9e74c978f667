"""Who takes part in an activity: registration, the waiting list, and each person's evaluation.

One registration per person and activity (a deterministic id, so two laptops agree): registering
someone again brings back or updates their registration. When an activity has a capacity, new
attendees beyond it go to the waiting list, and a cancellation gives its place to the first one
waiting.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db import Database
from app.errors import NotFoundError, ValidationError
from app.i18n import _
from app.models import Activity, Membership, Organisation, Person, Registration, natural_id, utcnow
from app.services.vocabulary import REGISTRATION_ROLES, REGISTRATION_STATUSES

log = logging.getLogger(__name__)

HOLDING_PLACE = ("invited", "registered")


@dataclass(frozen=True, slots=True)
class RegistrationRow:
    """One person registered in an activity."""

    id: str
    person_id: str
    full_name: str
    gender: str
    organisation_id: str | None
    organisation_name: str
    role: str
    status: str
    registered_at: datetime
    heard_from: str = ""
    satisfaction: int | None = None
    usefulness: int | None = None
    evaluation_comment: str = ""
    wanted_topics: str = ""


@dataclass(frozen=True, slots=True)
class EvaluationSummary:
    """The evaluations of one activity: how many answered, the averages, the topics asked."""

    responses: int
    satisfaction_average: float | None
    usefulness_average: float | None
    wanted_topics: tuple[str, ...]
    comments: tuple[str, ...]


def registration_rows(s: Session, activity_id: str) -> list[RegistrationRow]:
    """Inside an open session: the live registrations of an activity, by name."""
    statement = (
        select(
            Registration.id,
            Person.id,
            Person.full_name,
            Person.gender,
            Registration.organisation_id,
            func.coalesce(Organisation.name, ""),
            Registration.role,
            Registration.status,
            Registration.registered_at,
            Registration.heard_from,
            Registration.satisfaction,
            Registration.usefulness,
            Registration.evaluation_comment,
            Registration.wanted_topics,
        )
        .join(Person, Person.id == Registration.person_id)
        .outerjoin(Organisation, Organisation.id == Registration.organisation_id)
        .where(Registration.activity_id == activity_id, Registration.deleted_at.is_(None))
        .order_by(Person.name_key, Person.id)
    )
    return [RegistrationRow(*row) for row in s.execute(statement)]


def register_in_session(
    s: Session,
    activity_id: str,
    person_id: str,
    *,
    organisation_id: str | None = None,
    role: str | None = None,
    status: str | None = None,
    heard_from: str = "",
) -> Registration:
    """Inside an open session: register (or register again) a person; returns the row.

    ``role`` ``None`` keeps the role of a person registered before (attendee for a new one), so
    marking a facilitator through an import does not turn them into an attendee. ``status``
    ``None`` means registered, or the waiting list when the activity is full. Without an
    organisation, the person's first organisation is taken. Someone registered again after a
    cancellation or removal joins the end of the waiting list, not their old place in it.
    """
    row = s.scalar(
        select(Registration).where(
            Registration.activity_id == activity_id, Registration.person_id == person_id
        )
    )
    if role is None:
        role = row.role if row is not None and row.deleted_at is None else "attendee"
    if role not in REGISTRATION_ROLES:
        raise ValidationError(_("Choose the role of the person in the activity."), field="role")
    if status is not None and status not in REGISTRATION_STATUSES:
        raise ValidationError(_("Choose the status of the registration."), field="status")
    activity = s.get(Activity, activity_id)
    if activity is None or activity.deleted_at is not None:
        raise NotFoundError(_("This activity no longer exists."))
    person = s.get(Person, person_id)
    if person is None or person.merged_into_id is not None:
        raise NotFoundError(_("This person no longer exists (perhaps merged with another)."))
    live = row is not None and row.deleted_at is None
    # A place already held is kept, except by someone who becomes an attendee only now.
    becomes_attendee = role == "attendee" and live and row.role != "attendee"
    holding = live and row.status in HOLDING_PLACE and not becomes_attendee
    if status is None:
        status = "registered" if holding or _has_room(s, activity, role) else "waiting_list"
    if row is None:
        row = Registration(
            id=natural_id("registration", activity_id, person_id),
            activity_id=activity_id,
            person_id=person_id,
            registered_at=utcnow(),
        )
        s.add(row)
    elif not live or row.status == "cancelled":
        row.registered_at = utcnow()
    row.deleted_at = None
    row.role, row.status = role, status
    row.organisation_id = (
        organisation_id or row.organisation_id or _first_organisation(s, person_id)
    )
    if heard_from:
        row.heard_from = heard_from.strip()
    s.flush()
    return row


def _takes_place(role: str, status: str) -> bool:
    return role == "attendee" and status in HOLDING_PLACE


def _has_room(s: Session, activity: Activity, role: str) -> bool:
    if activity.capacity is None or role != "attendee":
        return True
    taken = s.scalar(
        select(func.count(Registration.id)).where(
            Registration.activity_id == activity.id,
            Registration.deleted_at.is_(None),
            Registration.role == "attendee",
            Registration.status.in_(HOLDING_PLACE),
        )
    )
    return (taken or 0) < activity.capacity


def _first_organisation(s: Session, person_id: str) -> str | None:
    return s.scalar(
        select(Membership.organisation_id)
        .where(Membership.person_id == person_id, Membership.deleted_at.is_(None))
        .order_by(Membership.created_at)
        .limit(1)
    )


def fill_free_places(s: Session, activity: Activity) -> list[str]:
    """Inside an open session: move people from the waiting list into the places free (after
    the capacity was raised or removed); returns the person ids promoted, first come first."""
    promoted = []
    while (person_id := _promote_waiting(s, activity)) is not None:
        promoted.append(person_id)
        s.flush()
    return promoted


def _promote_waiting(s: Session, activity: Activity, freed_by: str = "") -> str | None:
    """Give a freed place to the first attendee on the waiting list; returns their person id.

    ``freed_by`` (a registration id) is passed over: someone just moved to the waiting list
    does not get their own place back.
    """
    if not _has_room(s, activity, "attendee"):
        return None
    first = s.scalar(
        select(Registration)
        .where(
            Registration.activity_id == activity.id,
            Registration.deleted_at.is_(None),
            Registration.status == "waiting_list",
            Registration.id != freed_by,
        )
        .order_by(Registration.registered_at, Registration.id)
        .limit(1)
    )
    if first is None:
        return None
    first.status = "registered"
    return first.person_id


def _check_score(value: int | None, field: str) -> int | None:
    if value is not None and not 1 <= value <= 5:
        raise ValidationError(_("Scores go from 1 to 5, or are left empty."), field=field)
    return value


class RegistrationService:
    """Registrations of people in activities, and their evaluations."""

    def __init__(self, db: Database):
        self.db = db

    def list(self, activity_id: str) -> list[RegistrationRow]:
        """Everyone registered in the activity (cancelled too), by name."""
        with self.db.session() as s:
            return registration_rows(s, activity_id)

    def register(
        self,
        activity_id: str,
        person_id: str,
        *,
        organisation_id: str | None = None,
        role: str | None = None,
        status: str | None = None,
        heard_from: str = "",
    ) -> RegistrationRow:
        """Register a person (again); see :func:`register_in_session`. Returns the row."""
        with self.db.session() as s:
            row = register_in_session(
                s,
                activity_id,
                person_id,
                organisation_id=organisation_id,
                role=role,
                status=status,
                heard_from=heard_from,
            )
            log.info("registration saved: %s (%s)", row.id, row.status)
            return _row(s, row)

    def update(
        self,
        registration_id: str,
        *,
        organisation_id: str | None,
        role: str,
        status: str,
        heard_from: str = "",
    ) -> str | None:
        """Change a registration. Returns the person id promoted from the waiting list when
        this change freed a place, else ``None``."""
        if role not in REGISTRATION_ROLES:
            raise ValidationError(_("Choose the role of the person in the activity."), field="role")
        if status not in REGISTRATION_STATUSES:
            raise ValidationError(_("Choose the status of the registration."), field="status")
        with self.db.session() as s:
            row = _load(s, registration_id)
            # A place is freed when an attendee stops holding one: cancelled, put on the waiting
            # list, or turned into a facilitator (who does not take an attendee's place).
            freed = _takes_place(row.role, row.status) and not _takes_place(role, status)
            row.organisation_id, row.role, row.status = organisation_id, role, status
            row.heard_from = heard_from.strip()
            s.flush()
            if not freed:
                return None
            return _promote_waiting(s, s.get(Activity, row.activity_id), freed_by=row.id)

    def remove(self, registration_id: str) -> str | None:
        """Take a registration out (to the trash; attendance is kept). Returns the person id
        promoted from the waiting list, if any."""
        with self.db.session() as s:
            row = _load(s, registration_id)
            row.deleted_at = utcnow()
            s.flush()
            return _promote_waiting(s, s.get(Activity, row.activity_id))

    def save_evaluation(
        self,
        registration_id: str,
        *,
        satisfaction: int | None,
        usefulness: int | None = None,
        comment: str = "",
        wanted_topics: str = "",
    ) -> None:
        """Record (or clear) a person's evaluation of the activity."""
        with self.db.session() as s:
            row = _load(s, registration_id)
            row.satisfaction = _check_score(satisfaction, "satisfaction")
            row.usefulness = _check_score(usefulness, "usefulness")
            row.evaluation_comment = comment.strip()
            row.wanted_topics = wanted_topics.strip()

    def evaluation_summary(self, activity_id: str) -> EvaluationSummary:
        """The averages of the scores given, and the topics and comments written."""
        with self.db.session() as s:
            rows = registration_rows(s, activity_id)
        scored = [r for r in rows if r.satisfaction is not None or r.usefulness is not None]
        satisfaction = [r.satisfaction for r in rows if r.satisfaction is not None]
        usefulness = [r.usefulness for r in rows if r.usefulness is not None]
        return EvaluationSummary(
            responses=len(scored),
            satisfaction_average=sum(satisfaction) / len(satisfaction) if satisfaction else None,
            usefulness_average=sum(usefulness) / len(usefulness) if usefulness else None,
            wanted_topics=tuple(r.wanted_topics for r in rows if r.wanted_topics),
            comments=tuple(r.evaluation_comment for r in rows if r.evaluation_comment),
        )


def _load(s: Session, registration_id: str) -> Registration:
    row = s.get(Registration, registration_id)
    if row is None or row.deleted_at is not None:
        raise NotFoundError(_("This registration no longer exists."))
    return row


def _row(s: Session, registration: Registration) -> RegistrationRow:
    return next(
        r for r in registration_rows(s, registration.activity_id) if r.id == registration.id
    )
