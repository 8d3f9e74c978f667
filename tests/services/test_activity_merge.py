"""Merging two records of the same person who both took part in the same activity.

The merge repoints foreign keys generically (app/services/duplicates.py); registrations and marks
are unique per activity/session and person, so the kept person's row wins a clash and the other
one goes to the trash, still there, never lost.
"""

from __future__ import annotations

from datetime import date, time

from sqlalchemy import select

from app.models import Attendance, Registration
from app.services.activities import ActivityData, SessionData
from app.services.completion import COMPLETED
from app.services.people import PersonData
from app.services.registry import Services


def setup(services: Services) -> tuple[ActivityData, str, str]:
    activity = services.activities.save(
        ActivityData(
            title="Social innovation",
            min_attendance_percent=100,
            sessions=(
                SessionData(date(2025, 3, 6), time(10), time(12)),
                SessionData(date(2025, 3, 13), time(10), time(12)),
            ),
        )
    )
    keep = services.people.save(PersonData(full_name="Ana Núñez", email="ana@example.org"))
    other = services.people.save(PersonData(full_name="Ana Nunez", phone="600 11 22 33"))
    assert activity.id and keep.id and other.id
    return activity, keep.id, other.id


def rows(services: Services, model: type) -> list[tuple[str, str, bool]]:
    """``(person_id, status, live)`` of every row of ``model``, the trash included."""
    with services.db.session() as s:
        found = s.scalars(select(model)).all()
        return sorted((r.person_id, r.status, r.deleted_at is None) for r in found)


def test_both_registered_and_marked_leaves_one_of_each_and_trashes_the_rest(
    services: Services,
) -> None:
    activity, keep, other = setup(services)
    first, second = (x.id or "" for x in activity.sessions)
    services.registrations.register(activity.id or "", keep)
    services.registrations.register(activity.id or "", other, role="volunteer")
    services.attendance.mark(first, keep, "present")
    services.attendance.mark(first, other, "late", minutes=60)
    services.attendance.mark(second, other, "present")  # only the other record was marked here

    services.duplicates.merge_people(keep, [other])

    live_registrations = [r for r in rows(services, Registration) if r[2]]
    assert live_registrations == [(keep, "registered", True)]
    assert (other, "registered", False) in rows(services, Registration)  # in the trash, kept
    assert [r.person_id for r in services.registrations.list(activity.id or "")] == [keep]

    marks = rows(services, Attendance)
    assert sorted(m for m in marks if m[2]) == [(keep, "present", True), (keep, "present", True)]
    assert (other, "late", False) in marks  # the clashing mark is in the trash, not lost
    for session_id in (first, second):
        roster = services.attendance.roster(session_id).rows
        assert [(r.person_id, r.mark) for r in roster] == [(keep, "present")]
    assert services.attendance.history_count() == 2
    assert services.attendance.history_count(person_id=other) == 0

    result = services.completion.for_activity(activity.id or "", today=date(2025, 12, 31))
    assert [(p.person_id, p.sessions_attended, p.state) for p in result.people] == [
        (keep, 2, COMPLETED)
    ]

    services.attendance.mark(second, keep, "left_early", minutes=90)  # still markable after
    roster = services.attendance.roster(second).rows
    assert [(r.person_id, r.mark, r.minutes) for r in roster] == [(keep, "left_early", 90)]


def test_the_kept_person_removed_but_the_other_registered_stays_registered(
    services: Services,
) -> None:
    activity, keep, other = setup(services)
    removed = services.registrations.register(activity.id or "", keep)
    services.registrations.remove(removed.id)
    services.registrations.register(activity.id or "", other)

    services.duplicates.merge_people(keep, [other])

    assert [(r.person_id, r.status) for r in services.registrations.list(activity.id or "")] == [
        (keep, "registered")
    ]
    assert [
        r.person_id for r in services.attendance.roster(activity.sessions[0].id or "").rows
    ] == [keep]


def test_only_the_other_registered_moves_over_whole(services: Services) -> None:
    activity, keep, other = setup(services)
    services.registrations.register(activity.id or "", other)
    services.attendance.mark(activity.sessions[0].id or "", other, "present")
    services.attendance.mark(activity.sessions[1].id or "", other, "excused")

    services.duplicates.merge_people(keep, [other])

    assert rows(services, Registration) == [(keep, "registered", True)]
    assert sorted(rows(services, Attendance)) == [(keep, "excused", True), (keep, "present", True)]
    [ana] = services.completion.for_activity(activity.id or "", today=date(2025, 12, 31)).people
    assert (ana.full_name, ana.sessions_attended, ana.sessions_excused) == ("Ana Núñez", 1, 1)
