"""A small programme for the dashboard's tests, with known answers for 2025 (see
:func:`build_programme`)."""

from __future__ import annotations

from datetime import date, time

from app.models import Person
from app.services.activities import ActivityData, SessionData
from app.services.people import PersonData
from app.services.registry import Services


def _person(services: Services, name: str, gender: str) -> str:
    saved = services.people.save(PersonData(full_name=name, gender=gender))
    assert saved.id is not None
    return saved.id


def _activity(
    services: Services,
    title: str,
    areas: tuple[str, ...],
    *sessions: tuple[str, time | None, time | None],
) -> tuple[str, ...]:
    """The ids of the new activity's sessions."""
    saved = services.activities.save(
        ActivityData(
            title=title,
            areas=areas,
            sessions=tuple(SessionData(date.fromisoformat(d), a, b) for d, a, b in sessions),
        )
    )
    if title == "Trashed":
        services.activities.delete([saved.id or ""])
    return tuple(s.id or "" for s in saved.sessions)


def _mark(services: Services, session_id: str, person_id: str, mark: str, minutes=None) -> None:  # type: ignore[no-untyped-def]
    services.attendance.mark(session_id, person_id, mark, minutes=minutes)


def build_programme(services: Services) -> Services:
    """Forum (Housing, Health): 15 Jan and 5 Mar, 10-12. Capsule (Health): 20 and 27 Mar,
    9-12. Walk (no area): 10 Jun, no times. A trashed activity in February and a session of
    December 2024. Ana (woman), Ben (man), Cris (non-binary), Dani (not stated); Eva is in the
    trash and Hugo was merged into Ana."""
    p = {
        name: _person(services, name, gender)
        for name, gender in (
            ("Ana", "woman"),
            ("Ben", "man"),
            ("Cris", "non_binary"),
            ("Dani", "not_stated"),
            ("Eva", "woman"),
            ("Hugo", "man"),
        )
    }
    two, three = (time(10), time(12)), (time(9), time(12))
    jan, mar = _activity(
        services, "Forum", ("Housing", "Health"), ("2025-01-15", *two), ("2025-03-05", *two)
    )
    mar20, mar27 = _activity(
        services, "Capsule", ("Health",), ("2025-03-20", *three), ("2025-03-27", *three)
    )
    (june,) = _activity(services, "Walk", (), ("2025-06-10", None, None))
    (feb,) = _activity(services, "Trashed", ("Health",), ("2025-02-12", *two))
    (old,) = _activity(services, "Old", ("Health",), ("2024-12-20", *two))
    for session, name, mark, minutes in (
        (jan, "Ana", "present", None),
        (jan, "Ben", "late", None),
        (jan, "Cris", "absent", None),
        (jan, "Eva", "present", None),
        (jan, "Hugo", "present", None),
        (mar, "Ana", "present", None),
        (mar, "Cris", "excused", None),
        (mar20, "Ana", "present", None),
        (mar20, "Ben", "left_early", 90),
        (mar20, "Dani", "present", 500),  # longer than the session: the session counts
        (mar27, "Ben", "present", None),
        (june, "Cris", "present", None),
        (june, "Dani", "present", None),
        (feb, "Ana", "present", None),
        (old, "Ben", "present", None),
    ):
        _mark(services, session, p[name], mark, minutes)
    services.people.delete([p["Eva"]])
    with services.db.session() as s:
        hugo = s.get(Person, p["Hugo"])
        assert hugo is not None
        hugo.merged_into_id = p["Ana"]
    return services
