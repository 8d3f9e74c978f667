"""Attendance: the roster, marks, walk-ins, and the history of every mark."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, time

import pytest
from sqlalchemy import event, func, select
from sqlalchemy import text as sql_text

from app.errors import NotFoundError, ValidationError
from app.models import (
    Activity,
    ActivitySession,
    Attendance,
    Base,
    Consent,
    Membership,
    Organisation,
    Person,
    Registration,
    natural_id,
)
from app.services.activities import ActivityData, SessionData
from app.services.attendance import WalkIn
from app.services.organisations import OrganisationData
from app.services.people import PersonData
from app.services.registry import Services


def new_activity(
    services: Services, title: str = "Forum on equality", *days: str, capacity: int | None = None
) -> ActivityData:
    sessions = tuple(
        SessionData(date.fromisoformat(d), time(10), time(12)) for d in days or ("2025-03-06",)
    )
    return services.activities.save(ActivityData(title=title, capacity=capacity, sessions=sessions))


def person(services: Services, full_name: str, gender: str = "not_stated") -> str:
    saved = services.people.save(PersonData(full_name=full_name, gender=gender))
    assert saved.id is not None
    return saved.id


def snapshot(services: Services) -> dict[str, int]:
    with services.db.session() as s:
        return {
            t.name: s.scalar(select(func.count()).select_from(t)) or 0
            for t in Base.metadata.sorted_tables
        }


# The roster


def test_the_roster_is_everyone_registered_and_anyone_marked(services: Services) -> None:
    activity = new_activity(services, capacity=1)
    session = activity.sessions[0].id or ""
    ana, bea, carla, dora = (person(services, n) for n in ("Ana", "Bea", "Carla", "Dora"))
    services.registrations.register(activity.id or "", ana)
    services.registrations.register(activity.id or "", bea)  # waiting list: still expected
    cancelled = services.registrations.register(activity.id or "", carla, status="registered")
    services.registrations.update(
        cancelled.id, organisation_id=None, role="attendee", status="cancelled"
    )
    services.attendance.mark(session, dora, "present")  # came without registering

    roster = services.attendance.roster(session)
    assert roster.session.activity_title == "Forum on equality"
    assert roster.session.minutes == 120
    assert [(r.full_name, r.registration_status, r.mark) for r in roster.rows] == [
        ("Ana", "registered", None),
        ("Bea", "waiting_list", None),
        ("Dora", "", "present"),
    ]


def test_a_cancelled_person_who_came_anyway_is_on_the_roster(services: Services) -> None:
    activity = new_activity(services)
    session = activity.sessions[0].id or ""
    ana = person(services, "Ana")
    row = services.registrations.register(activity.id or "", ana)
    services.registrations.update(row.id, organisation_id=None, role="attendee", status="cancelled")
    services.attendance.mark(session, ana, "late", minutes=30)
    [only] = services.attendance.roster(session).rows
    assert (only.full_name, only.registration_status, only.mark, only.minutes) == (
        "Ana",
        "cancelled",
        "late",
        30,
    )


def test_the_roster_of_one_session_does_not_show_marks_of_another(services: Services) -> None:
    activity = new_activity(services, "Forum", "2025-03-06", "2025-03-13")
    first, second = (x.id or "" for x in activity.sessions)
    ana = person(services, "Ana")
    services.registrations.register(activity.id or "", ana)
    services.attendance.mark(first, ana, "absent")
    assert services.attendance.roster(second).rows[0].mark is None
    assert services.attendance.roster(first).rows[0].mark == "absent"


def test_a_missing_session_has_no_roster(services: Services) -> None:
    with pytest.raises(NotFoundError):
        services.attendance.roster("no-such-session")


# Marks


def test_mark_mark_again_and_clear(services: Services) -> None:
    activity = new_activity(services)
    session = activity.sessions[0].id or ""
    ana = person(services, "Ana")
    services.registrations.register(activity.id or "", ana)

    services.attendance.mark(session, ana, "late", minutes=90, remarks=" Bus strike ", taken_by="M")
    row = services.attendance.roster(session).rows[0]
    assert (row.mark, row.minutes, row.remarks) == ("late", 90, "Bus strike")

    services.attendance.mark(session, ana, "present")  # remarks None: kept
    row = services.attendance.roster(session).rows[0]
    assert (row.mark, row.minutes, row.remarks) == ("present", None, "Bus strike")

    services.attendance.mark(session, ana, "present", remarks="")
    assert services.attendance.roster(session).rows[0].remarks == ""

    services.attendance.clear(session, ana)
    row = services.attendance.roster(session).rows[0]
    assert (row.mark, row.minutes) == (None, None)
    services.attendance.clear(session, ana)  # clearing twice is harmless

    services.attendance.mark(session, ana, "excused")  # back from the trash, same row
    with services.db.session() as s:
        rows = s.scalars(select(Attendance)).all()
    assert [(r.id, r.status, r.deleted_at) for r in rows] == [
        (natural_id("attendance", session, ana), "excused", None)
    ]


def test_clearing_the_mark_of_someone_unregistered_takes_them_off_the_roster(
    services: Services,
) -> None:
    session = new_activity(services).sessions[0].id or ""
    ana = person(services, "Ana")
    services.attendance.mark(session, ana, "present")
    services.attendance.clear(session, ana)
    assert services.attendance.roster(session).rows == ()


@pytest.mark.parametrize(
    ("mark", "minutes", "field"), [("asleep", None, "mark"), ("late", -5, "minutes")]
)
def test_a_bad_mark_or_negative_minutes_are_refused(
    services: Services, mark: str, minutes: int | None, field: str
) -> None:
    session = new_activity(services).sessions[0].id or ""
    ana = person(services, "Ana")
    with pytest.raises(ValidationError) as raised:
        services.attendance.mark(session, ana, mark, minutes=minutes)
    assert raised.value.field == field
    assert snapshot(services)["attendance"] == 0


def test_marking_at_a_removed_session_or_a_merged_person_is_refused(services: Services) -> None:
    activity = new_activity(services, "Forum", "2025-03-06", "2025-03-13")
    first, second = activity.sessions
    ana, ana2 = person(services, "Ana"), person(services, "Ana B")
    services.activities.save(replace(activity, sessions=(second,)))
    with pytest.raises(NotFoundError, match="session"):
        services.attendance.mark(first.id or "", ana, "present")
    with pytest.raises(NotFoundError, match="session"):
        services.attendance.mark("no-such-session", ana, "present")
    services.duplicates.merge_people(ana, [ana2])
    with pytest.raises(NotFoundError, match="person"):
        services.attendance.mark(second.id or "", ana2, "present")
    with pytest.raises(NotFoundError, match="person"):
        services.attendance.mark(second.id or "", "no-such-person", "present")
    assert snapshot(services)["attendance"] == 0


# Walk-ins


def test_a_walk_in_is_created_registered_and_marked_present(services: Services) -> None:
    activity = new_activity(services, capacity=1)
    session = activity.sessions[0].id or ""
    services.registrations.register(activity.id or "", person(services, "Ana"))  # now full
    existing = services.organisations.save(OrganisationData(name="Asociación Alba"))

    row = services.attendance.add_walk_in(
        session,
        WalkIn(
            "  Lucía   Pérez ",
            organisation_name="asociacion alba",
            gender="woman",
            consent=True,
            email="LUCIA@example.org",
        ),
        taken_by="Marta",
    )
    assert (row.full_name, row.gender, row.mark, row.registration_status) == (
        "Lucía Pérez",
        "woman",
        "present",
        "registered",  # came: registered even though the activity was full
    )
    assert row.organisation_name == "Asociación Alba"  # found by name, not created again
    saved = services.people.get(row.person_id)
    assert saved.email == "lucia@example.org"
    assert [m.organisation_id for m in saved.memberships] == [existing.id]
    assert [(c.purpose, c.collected_by) for c in saved.consents] == [("programme", "Marta")]
    assert [r.full_name for r in services.registrations.list(activity.id or "")] == [
        "Ana",
        "Lucía Pérez",
    ]
    assert [r.full_name for r in services.attendance.roster(session).rows] == [
        "Ana",
        "Lucía Pérez",
    ]


def test_a_walk_in_from_a_new_organisation_creates_it(services: Services) -> None:
    session = new_activity(services).sessions[0].id or ""
    row = services.attendance.add_walk_in(session, WalkIn("Iker", organisation_name="Kalea Taldea"))
    assert row.organisation_name == "Kalea Taldea"
    assert [o.name for o in services.organisations.list()] == ["Kalea Taldea"]
    assert services.people.get(row.person_id).consents == ()  # consent not ticked


def test_a_walk_in_without_an_organisation(services: Services) -> None:
    session = new_activity(services).sessions[0].id or ""
    row = services.attendance.add_walk_in(session, WalkIn("Iker"))
    assert (row.organisation_name, row.mark) == ("", "present")
    assert snapshot(services)["organisations"] == 0


@pytest.mark.parametrize(
    "walk_in",
    [
        WalkIn("   ", organisation_name="New association", consent=True),
        WalkIn("Iker", organisation_name="New association", gender="robot", consent=True),
        WalkIn("Iker", organisation_name="New association", email="not an e-mail", consent=True),
    ],
)
def test_a_refused_walk_in_changes_nothing(services: Services, walk_in: WalkIn) -> None:
    session = new_activity(services).sessions[0].id or ""
    before = snapshot(services)
    with pytest.raises(ValidationError):
        services.attendance.add_walk_in(session, walk_in)
    assert snapshot(services) == before


def test_a_walk_in_at_a_missing_session_changes_nothing(services: Services) -> None:
    new_activity(services)
    before = snapshot(services)
    with pytest.raises(NotFoundError):
        services.attendance.add_walk_in("no-such-session", WalkIn("Iker", "New association"))
    assert snapshot(services) == before
    with services.db.session() as s:
        assert s.scalar(select(func.count(Organisation.id))) == 0
        assert s.scalar(select(func.count(Membership.id))) == 0
        assert s.scalar(select(func.count(Consent.id))) == 0


# History


def history_setup(services: Services) -> tuple[ActivityData, ActivityData, dict[str, str]]:
    forum = new_activity(services, "Foro de Género", "2025-03-06", "2025-03-13")
    capsule = new_activity(services, "Cápsula digital", "2025-04-01")
    people = {n: person(services, n) for n in ("Ana Núñez", "Bea Ruiz", "Carla Gil")}
    for session in forum.sessions:
        for person_id in people.values():
            services.attendance.mark(session.id or "", person_id, "present")
    services.attendance.mark(capsule.sessions[0].id or "", people["Ana Núñez"], "late", minutes=20)
    return forum, capsule, people


def test_the_history_lists_every_mark_newest_session_first(services: Services) -> None:
    forum, capsule, people = history_setup(services)
    rows = services.attendance.history()
    assert services.attendance.history_count() == len(rows) == 7
    assert [r.date.isoformat() for r in rows] == ["2025-04-01"] + ["2025-03-13"] * 3 + [
        "2025-03-06"
    ] * 3
    assert (rows[0].activity_title, rows[0].full_name, rows[0].mark, rows[0].minutes) == (
        "Cápsula digital",
        "Ana Núñez",
        "late",
        20,
    )
    assert [r.full_name for r in rows[1:4]] == ["Ana Núñez", "Bea Ruiz", "Carla Gil"]


def test_the_history_searches_names_and_titles_ignoring_accents_and_case(
    services: Services,
) -> None:
    forum, capsule, people = history_setup(services)
    assert services.attendance.history_count("NUNEZ") == 3
    assert services.attendance.history_count("capsula") == 1
    assert services.attendance.history_count("género ana") == 2
    assert {r.full_name for r in services.attendance.history("genero ana")} == {"Ana Núñez"}
    assert services.attendance.history_count("nobody") == 0
    assert services.attendance.history_count(activity_id=capsule.id) == 1
    assert services.attendance.history_count(person_id=people["Bea Ruiz"]) == 2
    assert (
        services.attendance.history_count(
            "ana", activity_id=forum.id, person_id=people["Ana Núñez"]
        )
        == 2
    )


def test_history_pages_neither_overlap_nor_skip(services: Services) -> None:
    history_setup(services)
    every = [r.id for r in services.attendance.history(limit=None)]
    paged = [r.id for o in range(0, 8, 2) for r in services.attendance.history(offset=o, limit=2)]
    assert paged == every and len(set(every)) == 7


def test_cleared_marks_and_trashed_sessions_or_activities_leave_the_history(
    services: Services,
) -> None:
    forum, capsule, people = history_setup(services)
    services.attendance.clear(forum.sessions[0].id or "", people["Bea Ruiz"])
    assert services.attendance.history_count() == 6

    services.activities.save(replace(forum, sessions=forum.sessions[1:]))
    assert services.attendance.history_count() == 4
    assert services.attendance.history_count(activity_id=forum.id) == 3

    services.activities.delete([capsule.id or ""])
    assert services.attendance.history_count() == 3
    assert "Cápsula digital" not in {r.activity_title for r in services.attendance.history()}
    services.activities.restore([capsule.id or ""])
    assert services.attendance.history_count() == 4


# Query plans (a sanity check of the indexes, not a timing)


def fill(services: Services, activities: int = 3, sessions: int = 10, people: int = 150) -> None:
    """A few thousand marks, written straight into the tables (the services would take long)."""
    now = datetime(2025, 1, 1)
    ids = [f"p{n:05}" for n in range(people)]
    with services.db.session() as s:
        s.add_all(Person(id=i, full_name=f"Person {i}", name_key=f"person {i}") for i in ids)
        s.add_all(
            Activity(id=f"a{a}", title=f"Activity {a}", title_key=f"activity {a}")
            for a in range(activities)
        )
        s.flush()  # no ORM relationships: parents first, by hand
        s.add_all(
            ActivitySession(id=f"a{a}s{k:02}", activity_id=f"a{a}", date=date(2024, a + 1, k + 1))
            for a in range(activities)
            for k in range(sessions)
        )
        s.add_all(
            Registration(
                id=natural_id("registration", f"a{a}", i),
                activity_id=f"a{a}",
                person_id=i,
                registered_at=now,
            )
            for a in range(activities)
            for i in ids
        )
        s.flush()
        s.add_all(
            Attendance(
                id=natural_id("attendance", f"a{a}s{k:02}", i),
                session_id=f"a{a}s{k:02}",
                person_id=i,
                status="present",
                taken_at=now,
            )
            for a in range(activities)
            for k in range(sessions)
            for i in ids
        )


def plans(services: Services, call: Callable[[], object]) -> list[list[str]]:
    """The query plans of the statements ``call`` runs that read the attendance table."""
    captured: list[tuple[str, object]] = []

    def capture(_conn, _cursor, statement, parameters, _context, _many) -> None:  # type: ignore[no-untyped-def]
        if "attendance" in statement:
            captured.append((statement, parameters))

    event.listen(services.db.engine, "before_cursor_execute", capture)
    try:
        call()
    finally:
        event.remove(services.db.engine, "before_cursor_execute", capture)
    with services.db.session() as s:
        connection = s.connection()
        return [
            [row[3] for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", params)]
            for sql, params in captured
        ]


@pytest.mark.parametrize("analysed", [False, True])
def test_roster_and_history_read_attendance_through_indexes(
    services: Services, analysed: bool
) -> None:
    fill(services)
    if analysed:
        with services.db.session() as s:
            s.execute(sql_text("ANALYZE"))
    calls = {
        "roster": lambda: services.attendance.roster("a1s03"),
        "history": lambda: services.attendance.history(limit=50),
        "history, second page": lambda: services.attendance.history(offset=50, limit=50),
        "history of an activity": lambda: services.attendance.history(activity_id="a2"),
        "history of a person": lambda: services.attendance.history(person_id="p00007"),
    }
    for name, call in calls.items():
        [plan] = plans(services, call)
        print(f"{name} ({'analysed' if analysed else 'no statistics'}):", *plan, sep="\n  ")
        reads = [line for line in plan if re.search(r"\battendance\b", line)]
        assert reads and all(line.startswith("SEARCH attendance USING") for line in reads), plan
        if name.startswith("history"):  # no sort of every mark before the first page
            assert "USE TEMP B-TREE FOR ORDER BY" not in plan or name.endswith("person"), plan
    assert len(services.attendance.roster("a1s03").rows) == 150
    first = services.attendance.history(limit=3)
    assert [r.date for r in first] == [date(2024, 3, 10)] * 3
