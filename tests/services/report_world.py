"""A small programme with known answers for the report's indicators (2025).

- Organisations: A (association, territory Bilbao), B (foundation, no territory, municipality
  Getxo), C (cooperative, nothing), T (in the trash).
- People: Ana (woman, 1990 → 30-54), Ben (man, 2010 → under 18), Cris (non-binary, 1970 →
  55+), Dani (not stated, no birth year), Eva (woman, 2000 → 18-29), Fran (trashed), Gus (man,
  only excused), Hugo (merged into Ana, but his marks stayed).
- Forum "Meet-up" on 2025-03-10, 10:00-12:00 (no rule: one session completes): Ana, Ben and
  Cris present, all three on behalf of A; Gus excused; Fran present (trashed); Hugo present.
- Capsule "Skills", 4 sessions of 2 h in April 2025, rule 75 %: Ana 4/4 for B, Eva 2/4 for C,
  Dani 3/4 (one of them 60 minutes only) for T (trashed organisation), Fran 4/4.
- Outside the period or in the trash: a 2024 forum with Ben; a trashed activity with Eva in
  2025; a trashed session of "Skills" with Eva present.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from app.models import Person
from app.services.activities import ActivityData, SessionData
from app.services.organisations import OrganisationData
from app.services.people import PersonData
from app.services.registry import Services


@dataclass(frozen=True, slots=True)
class World:
    orgs: dict[str, str]
    people: dict[str, str]
    forum: ActivityData
    capsule: ActivityData


def _org(services: Services, name: str, **fields: object) -> str:
    saved = services.organisations.save(OrganisationData(name=name, **fields))  # type: ignore[arg-type]
    assert saved.id is not None
    return saved.id


def _person(services: Services, name: str, gender: str, birth_year: int | None) -> str:
    saved = services.people.save(PersonData(full_name=name, gender=gender, birth_year=birth_year))
    assert saved.id is not None
    return saved.id


def activity(
    services: Services, title: str, kind: str, days: tuple[str, ...], percent: int | None = None
) -> ActivityData:
    """An activity whose sessions last two hours (10:00-12:00)."""
    return services.activities.save(
        ActivityData(
            title=title,
            kind=kind,
            min_attendance_percent=percent,
            sessions=tuple(SessionData(date.fromisoformat(d), time(10), time(12)) for d in days),
        )
    )


def attend(
    services: Services,
    act: ActivityData,
    person_id: str,
    org_id: str | None,
    *marks: str | None,
    minutes: dict[int, int] | None = None,
) -> None:
    """Register the person (for ``org_id``) and mark them at the sessions in order."""
    services.registrations.register(act.id or "", person_id, organisation_id=org_id)
    for number, (session, mark) in enumerate(zip(act.sessions, marks, strict=False)):
        if mark is not None:
            partial = (minutes or {}).get(number)
            services.attendance.mark(session.id or "", person_id, mark, minutes=partial)


def build_world(services: Services) -> World:
    orgs = {
        "A": _org(services, "Org A", kind="association", territory="Bilbao"),
        "B": _org(services, "Org B", kind="foundation", municipality="Getxo"),
        "C": _org(services, "Org C", kind="cooperative"),
        "T": _org(services, "Org T", kind="public_body", territory="Trashland"),
    }
    people = {
        "Ana": _person(services, "Ana", "woman", 1990),
        "Ben": _person(services, "Ben", "man", 2010),
        "Cris": _person(services, "Cris", "non_binary", 1970),
        "Dani": _person(services, "Dani", "not_stated", None),
        "Eva": _person(services, "Eva", "woman", 2000),
        "Fran": _person(services, "Fran", "woman", 1980),
        "Gus": _person(services, "Gus", "man", 1985),
        "Hugo": _person(services, "Hugo", "man", 1960),
    }
    p, a = people, orgs
    forum = activity(services, "Meet-up", "forum", ("2025-03-10",))
    for name in ("Ana", "Ben", "Cris", "Fran", "Hugo"):
        attend(services, forum, p[name], a["A"], "present")
    attend(services, forum, p["Gus"], a["A"], "excused")
    days = ("2025-04-01", "2025-04-08", "2025-04-15", "2025-04-22", "2025-04-29")
    capsule = activity(services, "Skills", "capsule", days, percent=75)
    attend(services, capsule, p["Ana"], a["B"], "present", "late", "left_early", "present")
    attend(services, capsule, p["Eva"], a["C"], "present", "absent", "present", "absent", "present")
    attend(
        services,
        capsule,
        p["Dani"],
        a["T"],
        "present",
        "present",
        "absent",
        "present",
        minutes={1: 60},
    )
    attend(services, capsule, p["Fran"], None, "present", "present", "present", "present")
    # The fifth session goes to the trash (Eva was there): four live sessions remain.
    capsule = services.activities.save(
        ActivityData(
            **{
                **{f: getattr(capsule, f) for f in capsule.__slots__},  # type: ignore[attr-defined]
                "sessions": capsule.sessions[:4],
            }
        )
    )
    old = activity(services, "Old forum", "forum", ("2024-11-05",))
    attend(services, old, p["Ben"], a["C"], "present")
    trashed = activity(services, "Trashed", "other", ("2025-06-01",))
    attend(services, trashed, p["Eva"], a["C"], "present")
    services.activities.delete([trashed.id or ""])
    services.people.delete([p["Fran"]])
    services.organisations.delete([a["T"]])
    with services.db.session() as s:
        hugo = s.get(Person, p["Hugo"])
        assert hugo is not None
        hugo.merged_into_id = p["Ana"]
    return World(orgs, people, forum, capsule)
