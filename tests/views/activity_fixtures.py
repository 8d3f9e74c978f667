"""An activity with sessions, people, registrations, marks and evaluations, built through the
services, for the tests of the activity panel and its pages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta

from app.services.activities import ActivityData, SessionData
from app.services.organisations import OrganisationData
from app.services.people import MembershipData, PersonData
from app.services.registry import Services


@dataclass(frozen=True)
class Built:
    activity_id: str
    session_ids: tuple[str, ...]
    people: dict[str, str]  # short name -> person id
    registrations: dict[str, str]  # short name -> registration id
    organisations: dict[str, str]


NAMES = {
    "ana": ("Ana Pérez", "Fundación Luz"),
    "bea": ("Beatriz Núñez", "Asociación Río"),
    "carlos": ("Carlos Gil", "Fundación Luz"),
    "dani": ("Daniel Ortega", "Asociación Río"),
    "fe": ("Fernanda Díaz", "Asociación Río"),
}


def build_activity(services: Services, today: date | None = None) -> Built:
    """A training capsule of 4 two-hour sessions (3 past, 1 to come), capacity 3, rule 75 % and
    6 h. Ana completed, Bea at risk, Carlos not completed, Fernanda facilitates (completed), Dani
    waits. Ana and Bea evaluated it."""
    today = today or date.today()
    organisations = {
        name: services.organisations.save(OrganisationData(name=name)).id
        for name in ("Fundación Luz", "Asociación Río")
    }
    people = {
        short: services.people.save(
            PersonData(
                full_name=full,
                memberships=(MembershipData(organisations[organisation], role="staff"),),
            )
        ).id
        for short, (full, organisation) in NAMES.items()
    }
    sessions = tuple(
        SessionData(today + timedelta(days=days), time(10, 0), time(12, 0), place="Sala 1")
        for days in (-21, -14, -7, 7)
    )
    activity = services.activities.save(
        ActivityData(
            title="Gestión del voluntariado",
            kind="capsule",
            status="open",
            capacity=3,
            venue="Centro cívico Norte",
            min_attendance_percent=75,
            min_minutes=360,
            sessions=sessions,
        )
    )
    registrations = {}
    for short in ("ana", "bea", "carlos", "fe", "dani"):
        role = "facilitator" if short == "fe" else "attendee"
        row = services.registrations.register(activity.id, people[short], role=role)
        registrations[short] = row.id
    session_ids = tuple(x.id for x in activity.sessions)
    marks = {
        "ana": ("present", "present", "present"),
        "bea": ("present", "late", "absent"),
        "carlos": ("excused", "excused", "absent"),
        "fe": ("present", "present", "present"),
    }
    for short, row in marks.items():
        for session_id, mark in zip(session_ids, row, strict=False):
            services.attendance.mark(session_id, people[short], mark)
    services.registrations.save_evaluation(
        registrations["ana"],
        satisfaction=5,
        usefulness=4,
        comment="Muy útil",
        wanted_topics="Captación de fondos",
    )
    services.registrations.save_evaluation(registrations["bea"], satisfaction=4, usefulness=None)
    return Built(activity.id, session_ids, people, registrations, organisations)
