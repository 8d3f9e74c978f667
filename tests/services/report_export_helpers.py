"""A small programme with known figures, for the tests of the report's exports and command.

In 2025: a forum meeting with two sessions (10:00-12:00) attended by six women, two men and
one non-binary person; a training capsule attended by two of the women. Three organisations:
an association in Valladolid (five people), a foundation whose territory is written like a
spreadsheet formula (three people), a cooperative with no territory (one person).
"""

from __future__ import annotations

import io
from datetime import date, time

from PIL import Image

from app.services.activities import ActivityData, SessionData
from app.services.organisations import OrganisationData
from app.services.people import PersonData
from app.services.registry import Services

FORMULA_TERRITORY = '=HYPERLINK("http://example.com","x")'
ORGANISATIONS = (
    ("Asociación Barrio Vivo", "association", "Valladolid"),
    ("Fundación Alimenta", "foundation", FORMULA_TERRITORY),
    ("Cooperativa Tejer", "cooperative", ""),
)
# name, gender, birth year, organisation (index in ORGANISATIONS)
PEOPLE = (
    ("Ana Gómez", "woman", 1990, 0),
    ("Beatriz Ruiz", "woman", 1985, 0),
    ("Carmen Vidal", "woman", 2000, 0),
    ("Dolores Sanz", "woman", 1960, 0),
    ("Elena Martín", "woman", 1975, 0),
    ("Fátima Benali", "woman", None, 1),
    ("Gorka Etxeberria", "man", 1995, 1),
    ("Hugo Peña", "man", 1950, 1),
    ("Iris Lee", "non_binary", 2001, 2),
)
PERIOD = (date(2025, 1, 1), date(2025, 12, 31))


def png(colour: tuple[int, int, int] = (200, 40, 40)) -> bytes:
    """A small logo."""
    buffer = io.BytesIO()
    Image.new("RGB", (120, 60), colour).save(buffer, "PNG")
    return buffer.getvalue()


def add_programme(services: Services) -> None:
    """The programme above, with attendance marked."""
    organisations = [
        services.organisations.save(OrganisationData(name=name, kind=kind, territory=place)).id
        for name, kind, place in ORGANISATIONS
    ]
    forum = _activity(services, "Foro de entidades", "forum", (date(2025, 3, 3), date(2025, 3, 10)))
    capsule = _activity(services, "Captación de fondos", "capsule", (date(2025, 5, 5),))
    for number, (name, gender, born, organisation) in enumerate(PEOPLE):
        person = services.people.save(PersonData(full_name=name, gender=gender, birth_year=born))
        assert person.id is not None
        activities = (forum, capsule) if number < 2 else (forum,)
        for activity in activities:
            services.registrations.register(
                activity.id or "", person.id, organisation_id=organisations[organisation]
            )
            for session in activity.sessions:
                services.attendance.mark(session.id or "", person.id, "present")


def _activity(services: Services, title: str, kind: str, days: tuple[date, ...]) -> ActivityData:
    return services.activities.save(
        ActivityData(
            title=title,
            kind=kind,
            sessions=tuple(SessionData(day, time(10), time(12)) for day in days),
        )
    )
