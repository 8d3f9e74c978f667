"""Organisations, people and mentoring pairs built through the services, for the tests of the
pairs list and the pair's form."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.services.mentoring_values import RelationshipData, SessionLogData
from app.services.organisations import OrganisationData
from app.services.people import MembershipData, PersonData
from app.services.registry import Services

SECRET = "MARCADOR-CONFIDENCIAL-7731"


@dataclass(frozen=True)
class Directory:
    organisations: dict[str, str]  # name -> id
    people: dict[str, str]  # short name -> id


PEOPLE = {
    "ana": ("Ana Pérez", ("Fundación Luz",)),
    "bea": ("Beatriz Núñez", ("Asociación Río",)),
    "carlos": ("Carlos Gil", ("Cooperativa Sur", "Fundación Luz")),
    "dani": ("Daniel Ortega", ("Asociación Río",)),
    "elena": ("Elena Martín", ()),
}


def build_directory(services: Services) -> Directory:
    """Three organisations and five people (Carlos in two organisations, Elena in none)."""
    organisations = {
        name: services.organisations.save(OrganisationData(name=name)).id
        for name in ("Fundación Luz", "Asociación Río", "Cooperativa Sur")
    }
    people = {
        short: services.people.save(
            PersonData(
                full_name=full,
                memberships=tuple(MembershipData(organisations[o], role="staff") for o in orgs),
            )
        ).id
        for short, (full, orgs) in PEOPLE.items()
    }
    return Directory(organisations, people)


def build_pairs(services: Services, directory: Directory) -> dict[str, str]:
    """Three pairs: Ana mentors Bea (active, fundraising, two sessions, one with a confidential
    note), Carlos mentors Dani (closed, quality), Dani mentors Elena (proposed, no dates)."""
    org, person = directory.organisations, directory.people
    pairs = {
        "ana-bea": RelationshipData(
            mentor_id=person["ana"],
            mentee_id=person["bea"],
            mentor_organisation_id=org["Fundación Luz"],
            mentee_organisation_id=org["Asociación Río"],
            areas=("fundraising", "leadership"),
            start_date=date(2025, 2, 1),
            planned_end=date(2025, 12, 31),
            status="active",
        ),
        "carlos-dani": RelationshipData(
            mentor_id=person["carlos"],
            mentee_id=person["dani"],
            mentor_organisation_id=org["Cooperativa Sur"],
            mentee_organisation_id=org["Asociación Río"],
            areas=("quality",),
            start_date=date(2024, 9, 15),
            status="closed",
            closed_on=date(2025, 3, 1),
            closure_reason="goals_achieved",
        ),
        "dani-elena": RelationshipData(
            mentor_id=person["dani"],
            mentee_id=person["elena"],
            mentor_organisation_id=org["Asociación Río"],
        ),
    }
    ids = {key: services.mentoring.save(data).data.id or "" for key, data in pairs.items()}
    for day, notes in ((date(2025, 2, 20), SECRET), (date(2025, 3, 20), "")):
        services.mentoring.save_session(
            SessionLogData(
                relationship_id=ids["ana-bea"],
                date=day,
                topics="Plan de captación",
                confidential_notes=notes,
            ),
            today=date(2025, 4, 1),
        )
    return ids
