"""Activities: saving with sessions, validation, the list's filters and pages, the trash, and
finding an activity or a session from the command line's words."""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from datetime import date, time

import pytest
from sqlalchemy import func, select

from app.errors import NotFoundError, ValidationError
from app.models import Activity, ActivitySession, Attendance, natural_id
from app.services.activities import ActivityData, SessionData
from app.services.people import PersonData
from app.services.registry import Services


def session(day: str, start: str | None = "10:00", end: str | None = "12:00") -> SessionData:
    return SessionData(
        date=date.fromisoformat(day),
        start_time=time.fromisoformat(start) if start else None,
        end_time=time.fromisoformat(end) if end else None,
    )


def activity(services: Services, title: str, *days: str, **values: object) -> ActivityData:
    data = ActivityData(title=title, sessions=tuple(session(d) for d in days), **values)  # type: ignore[arg-type]
    return services.activities.save(data)


def person(services: Services, full_name: str) -> str:
    saved = services.people.save(PersonData(full_name=full_name))
    assert saved.id is not None
    return saved.id


def table_counts(services: Services) -> tuple[int, int]:
    with services.db.session() as s:
        return (
            s.scalar(select(func.count(Activity.id))) or 0,
            s.scalar(select(func.count(ActivitySession.id))) or 0,
        )


# Saving with sessions


def test_sessions_are_kept_by_date_and_give_the_first_and_last_dates(services: Services) -> None:
    saved = activity(services, "Gender in projects", "2025-03-20", "2025-03-06", "2025-03-13")

    assert [x.date.isoformat() for x in saved.sessions] == [
        "2025-03-06",
        "2025-03-13",
        "2025-03-20",
    ]
    assert all(x.id for x in saved.sessions)
    assert saved.sessions[0].minutes == 120
    row = services.activities.list()[0]
    assert (row.first_date, row.last_date, row.sessions) == (
        date(2025, 3, 6),
        date(2025, 3, 20),
        3,
    )


def test_first_and_last_dates_follow_sessions_moved_added_and_removed(services: Services) -> None:
    saved = activity(services, "Volunteering", "2025-03-06", "2025-03-13")
    first, second = saved.sessions
    moved = replace(first, date=date(2025, 2, 27))
    saved = services.activities.save(
        replace(saved, sessions=(second, moved, session("2025-04-03")))
    )
    row = services.activities.find(saved.id or "")
    assert (row.first_date, row.last_date) == (date(2025, 2, 27), date(2025, 4, 3))
    assert saved.sessions[0].id == first.id  # moved, not replaced

    saved = services.activities.save(replace(saved, sessions=(saved.sessions[1],)))
    row = services.activities.find(saved.id or "")
    assert (row.first_date, row.last_date, row.sessions) == (date(2025, 3, 13),) * 2 + (1,)

    saved = services.activities.save(replace(saved, sessions=()))
    row = services.activities.find(saved.id or "")
    assert (row.first_date, row.last_date, row.sessions) == (None, None, 0)
    assert services.activities.years() == []


def test_a_session_taken_out_goes_to_the_trash_with_its_attendance(services: Services) -> None:
    saved = activity(services, "Fundraising", "2025-05-05", "2025-05-12")
    ana = person(services, "Ana")
    gone = saved.sessions[0]
    services.attendance.mark(gone.id or "", ana, "present")

    services.activities.save(replace(saved, sessions=saved.sessions[1:]))

    assert [x.id for x in services.activities.get(saved.id or "").sessions] == [
        saved.sessions[1].id
    ]
    with services.db.session() as s:
        trashed = s.get(ActivitySession, gone.id)
        mark = s.get(Attendance, natural_id("attendance", gone.id or "", ana))
        assert trashed is not None and trashed.deleted_at is not None
        assert mark is not None and mark.deleted_at is None and mark.status == "present"
    with pytest.raises(NotFoundError):
        services.attendance.roster(gone.id or "")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": "   "}, "title"),
        ({"kind": "party"}, "kind"),
        ({"status": "finished"}, "status"),
        ({"capacity": 0}, "capacity"),
        ({"min_attendance_percent": 101}, "min_attendance_percent"),
        ({"min_attendance_percent": 0}, "min_attendance_percent"),
        ({"min_minutes": 0}, "min_minutes"),
        ({"themes": ("astrology",)}, "themes"),
        ({"sessions": (session("2025-01-01", "12:00", "10:00"),)}, "sessions"),
        ({"sessions": (session("2025-01-01", "10:00", "10:00"),)}, "sessions"),
    ],
)
def test_a_bad_value_is_refused_naming_its_field_and_nothing_is_written(
    services: Services, change: dict[str, object], field: str
) -> None:
    good = ActivityData(title="Leadership", sessions=(session("2025-01-01"),))
    with pytest.raises(ValidationError) as raised:
        services.activities.save(replace(good, **change))  # type: ignore[arg-type]
    assert raised.value.field == field
    assert str(raised.value)
    assert table_counts(services) == (0, 0)


def test_a_refused_change_leaves_the_saved_activity_as_it_was(services: Services) -> None:
    saved = activity(services, "Leadership", "2025-01-01", capacity=10)
    bad_session = session("2025-02-01", "18:00", "17:00")
    with pytest.raises(ValidationError):
        services.activities.save(
            replace(saved, capacity=20, sessions=(*saved.sessions, bad_session))
        )
    again = services.activities.get(saved.id or "")
    assert again.capacity == 10 and len(again.sessions) == 1


def test_title_and_areas_are_tidied(services: Services) -> None:
    saved = activity(
        services, "  Social   innovation ", areas=("Health", " Health ", "Culture"), capacity=5
    )
    assert saved.title == "Social innovation"
    assert saved.areas == ("Culture", "Health")


# The list: filters, search, sort, pages, counts


def test_the_list_filters_by_kind_status_and_year(services: Services) -> None:
    forum = activity(services, "Forum A", "2024-11-10", "2025-01-20", status="open")
    capsule = activity(services, "Capsule B", "2025-06-01", kind="capsule")
    old = activity(services, "Forum C", "2023-05-01", status="closed")

    def ids(**filters: object) -> set[str | None]:
        return {r.id for r in services.activities.list(**filters)}  # type: ignore[arg-type]

    assert ids(kind="capsule") == {capsule.id}
    assert ids(kind="forum") == {forum.id, old.id}
    assert ids(status="open") == {forum.id}
    assert ids(year=2024) == {forum.id}  # spans two years: shown in both
    assert ids(year=2025) == {forum.id, capsule.id}
    assert ids(year=2023) == {old.id}
    assert ids(year=2022) == set()
    assert ids(kind="forum", year=2025, status="open") == {forum.id}
    assert services.activities.count(year=2025) == 2
    assert services.activities.years() == [2025, 2024, 2023]


def test_the_area_filter_matches_whole_areas_with_accents(services: Services) -> None:
    migration = activity(
        services, "Acogida", areas=("Migración y diversidad cultural", "Salud mental")
    )
    health = activity(services, "Cuidados", areas=("Salud",))

    def ids(area: str) -> set[str | None]:
        return {r.id for r in services.activities.list(area=area)}

    assert ids("Migración y diversidad cultural") == {migration.id}
    assert ids("Salud") == {health.id}  # not "Salud mental"
    assert ids("Salud mental") == {migration.id}
    assert ids("Migracion y diversidad cultural") == set()
    decomposed = unicodedata.normalize("NFD", "Migración y diversidad cultural ")  # a Mac's
    assert ids(decomposed) == {migration.id}
    assert services.activities.count(area="Migración y diversidad cultural") == 1
    row = services.activities.list(area="Salud")[0]
    assert row.areas == ("Salud",)


def test_an_area_with_like_wildcards_matches_only_itself(services: Services) -> None:
    odd = activity(services, "Odd", areas=("50% women_only",))
    activity(services, "Other", areas=("50 women only",))
    assert [r.id for r in services.activities.list(area="50% women_only")] == [odd.id]


def test_search_ignores_accents_case_and_word_order(services: Services) -> None:
    jose = activity(services, "Taller de Gestión económica")
    activity(services, "Gestión de voluntariado")
    found = services.activities.list("ECONOMICA gestion")
    assert [r.id for r in found] == [jose.id]
    assert services.activities.count("gestión") == 2
    assert services.activities.list("100%") == []


def test_pages_neither_overlap_nor_skip_whatever_the_sort(services: Services) -> None:
    for n in range(7):
        # Several activities share a date and a status, so the tie-break decides the order.
        activity(services, f"Activity {n % 3}", f"2025-0{1 + n % 2}-01", status="open")
    activity(services, "No sessions yet")
    every = {r.id for r in services.activities.list(limit=None)}
    assert len(every) == 8
    for sort in ("first_date", "title", "kind", "status"):
        for descending in (False, True):
            pages = [
                services.activities.list(sort=sort, descending=descending, offset=o, limit=3)
                for o in (0, 3, 6)
            ]
            ids = [r.id for page in pages for r in page]
            assert len(ids) == len(set(ids)) == 8, (sort, descending)
    by_date = services.activities.list(sort="first_date", descending=False, limit=None)
    assert by_date[-1].title == "No sessions yet"  # undated last either way
    by_date = services.activities.list(sort="first_date", descending=True, limit=None)
    assert by_date[-1].title == "No sessions yet"
    titles = [r.title for r in services.activities.list(sort="title", descending=False)]
    assert titles == sorted(titles, key=str.casefold)


def test_the_list_counts_live_sessions_and_people_holding_a_place(services: Services) -> None:
    saved = activity(services, "Quality", "2025-01-01", "2025-01-08", capacity=1)
    ana, luis, eva = (person(services, n) for n in ("Ana", "Luis", "Eva"))
    services.registrations.register(saved.id or "", ana)
    services.registrations.register(saved.id or "", luis)  # waiting list
    cancelled = services.registrations.register(saved.id or "", eva, status="registered")
    services.registrations.update(
        cancelled.id, organisation_id=None, role="attendee", status="cancelled"
    )
    services.activities.save(replace(saved, sessions=saved.sessions[:1]))
    row = services.activities.list()[0]
    assert (row.sessions, row.registered, row.capacity) == (1, 1, 1)


# Trash


def test_trash_and_restore(services: Services) -> None:
    kept = activity(services, "Kept", "2025-01-01")
    gone = activity(services, "Gone", "2025-01-01")
    assert services.activities.delete([gone.id or ""]) == 1
    assert [r.id for r in services.activities.list()] == [kept.id]
    trash = services.activities.list(trash=True)
    assert [r.id for r in trash] == [gone.id] and trash[0].deleted_at is not None
    assert services.activities.count(trash=True) == 1
    with pytest.raises(NotFoundError):
        services.registrations.register(gone.id or "", person(services, "Ana"))

    assert services.activities.restore([gone.id or ""]) == 1
    assert {r.id for r in services.activities.list()} == {kept.id, gone.id}
    assert services.activities.get(gone.id or "").sessions  # came back with its sessions


# find() and find_session() (the command line's ACTIVITY and --session)


def test_find_by_id_whole_title_or_unique_part(services: Services) -> None:
    forum = activity(services, "Foro de igualdad")
    longer = activity(services, "Foro de igualdad 2025")
    activity(services, "Cápsula digital")
    assert services.activities.find(forum.id or "").id == forum.id
    assert services.activities.find(f"  {forum.id} ").id == forum.id
    assert services.activities.find("FORO DE IGUALDAD").id == forum.id  # whole title wins
    assert services.activities.find("2025").id == longer.id
    assert services.activities.find("capsula").title == "Cápsula digital"


def test_find_refuses_an_ambiguous_an_unknown_or_a_trashed_activity(services: Services) -> None:
    one = activity(services, "Foro de igualdad")
    activity(services, "Foro de liderazgo")
    with pytest.raises(ValidationError, match="2 activities"):
        services.activities.find("foro")
    with pytest.raises(NotFoundError):
        services.activities.find("astronomy")
    with pytest.raises(NotFoundError):
        services.activities.find("   ")
    services.activities.delete([one.id or ""])
    with pytest.raises(NotFoundError, match="trash"):
        services.activities.find(one.id or "")
    assert services.activities.find("foro").title == "Foro de liderazgo"  # now unambiguous


def test_find_session_by_id_date_or_the_only_one(services: Services) -> None:
    two = activity(services, "Two", "2025-03-06", "2025-03-13")
    one = activity(services, "One", "2025-03-06")
    first, second = two.sessions
    assert services.activities.find_session(two.id or "", second.id).id == second.id
    assert services.activities.find_session(two.id or "", " 2025-03-06 ").id == first.id
    assert services.activities.find_session(one.id or "", None).id == one.sessions[0].id
    assert services.activities.find_session(one.id or "", "").id == one.sessions[0].id


def test_find_session_explains_what_is_missing(services: Services) -> None:
    two = activity(services, "Two", "2025-03-06", "2025-03-13")
    with pytest.raises(ValidationError) as raised:
        services.activities.find_session(two.id or "", "2025-04-01")
    assert "2025-04-01" in str(raised.value)
    assert "2025-03-06, 2025-03-13" in str(raised.value)
    with pytest.raises(ValidationError, match="2025-03-06, 2025-03-13"):
        services.activities.find_session(two.id or "", None)  # several, none today
    empty = activity(services, "Empty")
    with pytest.raises(ValidationError, match="no sessions"):
        services.activities.find_session(empty.id or "", None)
    with pytest.raises(NotFoundError):
        services.activities.find_session("no-such-id", None)


def test_find_session_on_a_date_with_two_sessions_asks_for_the_id(services: Services) -> None:
    twice = services.activities.save(
        ActivityData(
            title="Morning and evening",
            sessions=(
                session("2025-03-06", "10:00", "12:00"),
                session("2025-03-06", "17:00", "19:00"),
            ),
        )
    )
    with pytest.raises(ValidationError, match="several sessions on 2025-03-06"):
        services.activities.find_session(twice.id or "", "2025-03-06")
    evening = twice.sessions[1]
    assert evening.start_time == time(17, 0)
    assert services.activities.find_session(twice.id or "", evening.id).id == evening.id
