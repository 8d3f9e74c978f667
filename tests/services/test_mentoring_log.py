"""A mentoring pair's session log: newest first, totals, the pair's last-session date after
adding, moving and deleting sessions, what is refused and why, and confidential notes that only
the session's own form reads back."""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import date, timedelta

import pytest

from app.errors import NotFoundError, ValidationError
from app.services.mentoring import session_rows
from app.services.mentoring_values import (
    RelationshipDetail,
    RelationshipRow,
    SessionLogData,
    SessionLogRow,
)
from app.services.registry import Services
from tests.services.mentoring_helpers import (
    SECRET,
    TODAY,
    log_session,
    make_parties,
    pair,
    person,
)


@pytest.fixture
def parties(services: Services) -> dict[str, str]:
    return make_parties(services)


def test_the_log_lists_sessions_newest_first_with_their_totals(
    services: Services, parties: dict[str, str]
) -> None:
    rid = pair(services, parties).data.id or ""
    log_session(services, rid, date(2026, 1, 20), minutes=90, mode="video", mentor_rating=4)
    log_session(services, rid, date(2026, 2, 17), minutes=45, topics="  Budget\nDonors  ")
    log_session(services, rid, date(2025, 12, 16))

    log = services.mentoring.sessions(rid)

    assert [s.date for s in log] == [date(2026, 2, 17), date(2026, 1, 20), date(2025, 12, 16)]
    assert (log[0].minutes, log[0].topics) == (45, "Budget\nDonors")
    assert (log[1].mode, log[1].mentor_rating, log[1].mentee_rating) == ("video", 4, None)
    detail = services.mentoring.get(rid)
    assert (detail.sessions, detail.minutes) == (3, 195)


def test_last_session_date_follows_sessions_added_moved_and_deleted(
    services: Services, parties: dict[str, str]
) -> None:
    rid = pair(services, parties).data.id or ""

    def last() -> tuple[date | None, date | None]:
        return services.mentoring.get(rid).last_session_on, services.mentoring.list()[
            0
        ].last_session_on

    first = log_session(services, rid, date(2026, 1, 20))
    assert last() == (date(2026, 1, 20), date(2026, 1, 20))

    second = log_session(services, rid, date(2026, 2, 17))
    assert last() == (date(2026, 2, 17),) * 2
    log_session(services, rid, date(2026, 1, 5))  # an older session added late
    assert last() == (date(2026, 2, 17),) * 2

    moved = services.mentoring.get_session(second.id)
    services.mentoring.save_session(replace(moved, date=date(2026, 1, 10)), today=TODAY)
    assert last() == (date(2026, 1, 20),) * 2

    services.mentoring.delete_session(first.id)
    assert last() == (date(2026, 1, 10),) * 2
    for row in services.mentoring.sessions(rid):
        services.mentoring.delete_session(row.id)
    assert last() == (None, None)
    assert services.mentoring.get(rid).sessions == 0


def test_a_session_edited_with_another_pair_stays_with_its_own(
    services: Services, parties: dict[str, str]
) -> None:
    own = pair(services, parties).data.id or ""
    other = pair(services, {**parties, "mentee_id": person(services, "Ana Zubiri")}).data.id or ""
    row = log_session(services, own, date(2026, 2, 17))

    edited = services.mentoring.get_session(row.id)
    services.mentoring.save_session(
        replace(edited, relationship_id=other, date=date(2026, 3, 3)), today=TODAY
    )

    assert [s.date for s in services.mentoring.sessions(own)] == [date(2026, 3, 3)]
    assert services.mentoring.get(own).last_session_on == date(2026, 3, 3)
    assert (services.mentoring.sessions(other), services.mentoring.get(other).last_session_on) == (
        [],
        None,
    )


def test_a_deleted_session_is_gone_for_reading_editing_and_deleting(
    services: Services, parties: dict[str, str]
) -> None:
    rid = pair(services, parties).data.id or ""
    row = log_session(services, rid, date(2026, 2, 17))
    services.mentoring.delete_session(row.id)

    with pytest.raises(NotFoundError, match="no longer exists"):
        services.mentoring.get_session(row.id)
    with pytest.raises(NotFoundError):
        services.mentoring.delete_session(row.id)
    with pytest.raises(NotFoundError):
        log_session(services, rid, date(2026, 2, 18), id=row.id)
    with pytest.raises(NotFoundError):
        log_session(services, "no-such-pair", date(2026, 2, 18))


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"day": None}, "date", "Give the date"),
        ({"day": date(1999, 12, 31)}, "date", "looks wrong"),
        ({"day": TODAY + timedelta(days=400)}, "date", "looks wrong"),
        ({"minutes": 0}, "minutes", "from 1 to 1440"),
        ({"minutes": 24 * 60 + 1}, "minutes", "from 1 to 1440"),
        ({"mode": "letter"}, "mode", "“letter” is not a way of meeting"),
        ({"mentor_rating": 6}, "mentor_rating", "The mentor's rating is a score from 1 to 5"),
        ({"mentee_rating": 0}, "mentee_rating", "The mentee's rating is a score from 1 to 5"),
    ],
)
def test_a_session_that_cannot_be_saved_says_what_to_fix(
    services: Services, parties: dict[str, str], change: dict[str, object], field: str, words: str
) -> None:
    rid = pair(services, parties).data.id or ""

    with pytest.raises(ValidationError) as caught:
        log_session(services, rid, **{"day": date(2026, 2, 17), **change})  # type: ignore[arg-type]

    assert words in str(caught.value)
    assert caught.value.field == field
    assert services.mentoring.sessions(rid) == []


def test_a_wrong_date_is_shown_in_the_language_of_the_program(
    services: Services, parties: dict[str, str]
) -> None:
    rid = pair(services, parties).data.id or ""

    with pytest.raises(ValidationError, match="Dec 31, 1999"):
        log_session(services, rid, date(1999, 12, 31))


def test_a_whole_day_and_both_ratings_at_their_limits_are_accepted(
    services: Services, parties: dict[str, str]
) -> None:
    rid = pair(services, parties).data.id or ""

    row = log_session(
        services, rid, TODAY + timedelta(days=30), minutes=24 * 60, mentor_rating=1, mentee_rating=5
    )

    assert (row.minutes, row.mentor_rating, row.mentee_rating) == (1440, 1, 5)


# Confidential notes


def test_confidential_notes_come_back_only_through_the_sessions_own_form(
    services: Services, parties: dict[str, str]
) -> None:
    rid = pair(services, parties).data.id or ""
    saved = log_session(services, rid, date(2026, 2, 17), confidential_notes=f"  {SECRET}  ")
    plain = log_session(services, rid, date(2026, 2, 3), summary="Budget review")

    assert services.mentoring.get_session(saved.id).confidential_notes == SECRET
    assert services.mentoring.get_session(plain.id).confidential_notes == ""
    with services.db.session() as s:
        from_module = session_rows(s, [rid])
    everything_else = [
        saved,
        services.mentoring.sessions(rid),
        from_module,
        services.mentoring.list(),
        services.mentoring.get(rid),
    ]
    assert SECRET not in repr(everything_else)
    assert [s.has_confidential_notes for s in services.mentoring.sessions(rid)] == [True, False]
    assert saved.has_confidential_notes and from_module == services.mentoring.sessions(rid)


def test_rows_for_lists_and_exports_have_no_place_for_confidential_notes() -> None:
    for row_class in (SessionLogRow, RelationshipRow, RelationshipDetail):
        assert not [f.name for f in fields(row_class) if "confidential_notes" == f.name]
    assert "confidential_notes" in {f.name for f in fields(SessionLogData)}


def test_clearing_confidential_notes_clears_the_lock_mark(
    services: Services, parties: dict[str, str]
) -> None:
    rid = pair(services, parties).data.id or ""
    row = log_session(services, rid, date(2026, 2, 17), confidential_notes=SECRET)

    cleared = services.mentoring.save_session(
        replace(services.mentoring.get_session(row.id), confidential_notes="   "), today=TODAY
    )

    assert not cleared.has_confidential_notes
    assert not services.mentoring.sessions(rid)[0].has_confidential_notes
    assert services.mentoring.get_session(row.id).confidential_notes == ""
