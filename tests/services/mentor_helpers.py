"""Small builders shared by the mentors, health, totals and suggestions tests (helper H1)."""

from __future__ import annotations

from datetime import date

from app.services.mentoring_values import GoalData, RelationshipData, SessionLogData
from app.services.mentors import MentorData, MentorRow
from app.services.organisations import OrganisationData
from app.services.people import MembershipData, PersonData
from app.services.registry import Services


def organisation(services: Services, name: str, needs: str = "", expertise: str = "") -> str:
    """A new organisation's id."""
    data = OrganisationData(name=name, needs=needs, expertise=expertise)
    return services.organisations.save(data).id


def person(services: Services, name: str, *organisation_ids: str, expertise: str = "") -> str:
    """A new person's id, member of the given organisations."""
    memberships = tuple(MembershipData(organisation_id=o) for o in organisation_ids)
    data = PersonData(full_name=name, memberships=memberships, expertise=expertise)
    return services.people.save(data).id


def mentor(services: Services, person_id: str, **values: object) -> MentorRow:
    """The person saved as a mentor with ``values``."""
    return services.mentors.save(MentorData(person_id=person_id, **values))  # type: ignore[arg-type]


def pair(
    services: Services,
    mentor_id: str,
    mentee_id: str,
    mentor_org: str | None,
    mentee_org: str | None,
    today: date,
    **values: object,
) -> str:
    """A new relationship's id."""
    data = RelationshipData(
        mentor_id=mentor_id,
        mentee_id=mentee_id,
        mentor_organisation_id=mentor_org,
        mentee_organisation_id=mentee_org,
        **values,  # type: ignore[arg-type]
    )
    return services.mentoring.save(data, today=today).data.id  # type: ignore[return-value]


def log_session(services: Services, relationship_id: str, on: date, minutes: int = 60) -> str:
    """A session of the log on ``on``; returns its id."""
    data = SessionLogData(relationship_id=relationship_id, date=on, minutes=minutes)
    return services.mentoring.save_session(data, today=on).id


def goal(
    services: Services,
    relationship_id: str,
    description: str,
    today: date,
    due: date | None = None,
    progress: int = 0,
) -> GoalData:
    """A new goal, its first progress point recorded on ``today``."""
    data = GoalData(
        relationship_id=relationship_id, description=description, due_date=due, progress=progress
    )
    return services.mentoring.save_goal(data, today=today)
