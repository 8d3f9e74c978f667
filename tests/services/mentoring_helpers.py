"""Shared by the mentoring service tests: people, organisations, a pair and its sessions."""

from __future__ import annotations

from datetime import date

from app.services.mentoring_values import (
    RelationshipData,
    RelationshipDetail,
    SessionLogData,
    SessionLogRow,
)
from app.services.organisations import OrganisationData
from app.services.people import PersonData
from app.services.registry import Services

TODAY = date(2026, 3, 10)
SECRET = "Confides she is thinking of leaving the job"


def person(services: Services, full_name: str) -> str:
    saved = services.people.save(PersonData(full_name=full_name))
    assert saved.id is not None
    return saved.id


def organisation(services: Services, name: str) -> str:
    saved = services.organisations.save(OrganisationData(name=name))
    assert saved.id is not None
    return saved.id


def make_parties(services: Services) -> dict[str, str]:
    """A mentor of one organisation and a mentee of another, as RelationshipData fields."""
    return {
        "mentor_id": person(services, "Lucía Núñez"),
        "mentee_id": person(services, "Pablo Ortega"),
        "mentor_organisation_id": organisation(services, "Fundación Alba"),
        "mentee_organisation_id": organisation(services, "Asociación Río"),
    }


def pair(services: Services, parties: dict[str, str], **values: object) -> RelationshipDetail:
    data = RelationshipData(**{**parties, **values})  # type: ignore[arg-type]
    return services.mentoring.save(data, today=TODAY)


def log_session(
    services: Services, relationship_id: str, day: date | None, **values: object
) -> SessionLogRow:
    data = SessionLogData(relationship_id=relationship_id, date=day, **values)  # type: ignore[arg-type]
    return services.mentoring.save_session(data, today=TODAY)
