"""All sessions in one .ics file, read back with a real iCalendar parser."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time
from pathlib import Path

import pytest
from icalendar import Calendar
from sqlalchemy import update

from app.errors import ValidationError
from app.models import Activity, ActivitySession
from app.services.activities import ActivityData, SessionData
from app.services.calendar_export import export_calendar
from app.services.profile import ProfileData
from app.services.registry import Services


@pytest.fixture
def programme(services: Services) -> dict[str, str]:
    """A capsule with a timed and an all-day session, a cancelled forum meeting, an activity
    in the trash and a session taken out of its activity. Returns session ids by name."""
    capsule = services.activities.save(
        ActivityData(
            title="Fundraising",
            kind="capsule",
            venue="Centro Cívico Norte",
            online_link="https://meet.example/abc",
            sessions=(
                SessionData(
                    date(2025, 3, 3), time(10), time(12, 30), place="Sala 2", content="Budgets"
                ),
                SessionData(date(2025, 3, 10)),
                SessionData(date(2025, 3, 20), time(9), time(10)),
            ),
        )
    )
    # The third session is taken out of the activity: it goes to the trash.
    services.activities.save(replace(capsule, sessions=capsule.sessions[:2]))
    forum = services.activities.save(
        ActivityData(
            title="Vivienda",
            status="cancelled",
            sessions=(SessionData(date(2025, 4, 1), time(17), time(19)),),
        )
    )
    trashed = services.activities.save(
        ActivityData(title="Old one", sessions=(SessionData(date(2025, 3, 5)),))
    )
    services.activities.delete([trashed.id or ""])
    timed, all_day, _removed = capsule.sessions
    return {"timed": timed.id or "", "all_day": all_day.id or "", "forum": forum.sessions[0].id}


def read(path: Path) -> list:  # type: ignore[type-arg]
    return list(Calendar.from_ical(path.read_bytes()).walk("VEVENT"))


def test_every_live_session_is_one_event(
    services: Services, programme: dict[str, str], tmp_path: Path
) -> None:
    path = tmp_path / "sessions.ics"
    assert export_calendar(services.db, path) == 3
    calendar = Calendar.from_ical(path.read_bytes())
    assert str(calendar["PRODID"]) == "-//Tejido//Tejido//ES"
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["CALSCALE"]) == "GREGORIAN"
    assert str(calendar["X-WR-CALNAME"]) == "Tejido activities"
    events = read(path)
    assert [str(e["UID"]) for e in events] == [
        f"{programme['timed']}@tejido",
        f"{programme['all_day']}@tejido",
        f"{programme['forum']}@tejido",
    ]
    timed, all_day, forum = events
    assert str(timed["SUMMARY"]) == "Training capsule: Fundraising"
    assert timed.decoded("DTSTART") == datetime(2025, 3, 3, 10, 0)  # floating: no time zone
    assert timed.decoded("DTEND") == datetime(2025, 3, 3, 12, 30)
    assert str(timed["LOCATION"]) == "Sala 2"
    assert "Budgets" in str(timed["DESCRIPTION"])
    assert "https://meet.example/abc" in str(timed["DESCRIPTION"])
    assert str(timed["URL"]) == "https://meet.example/abc"
    assert str(timed["STATUS"]) == "CONFIRMED"
    assert all_day.decoded("DTSTART") == date(2025, 3, 10)
    assert not isinstance(all_day.decoded("DTSTART"), datetime)
    assert all_day.decoded("DTEND") == date(2025, 3, 11)
    assert str(all_day["LOCATION"]) == "Centro Cívico Norte"  # the activity's venue
    assert str(forum["SUMMARY"]) == "Forum meeting: Vivienda"
    assert str(forum["STATUS"]) == "CANCELLED"
    assert "URL" not in forum and "LOCATION" not in forum and "DESCRIPTION" not in forum


def test_the_dates_filter_inclusively(
    services: Services, programme: dict[str, str], tmp_path: Path
) -> None:
    path = tmp_path / "march.ics"
    assert export_calendar(services.db, path, date(2025, 3, 4), date(2025, 3, 31)) == 1
    assert [str(e["UID"]) for e in read(path)] == [f"{programme['all_day']}@tejido"]
    assert export_calendar(services.db, path, date(2025, 3, 10), date(2025, 3, 10)) == 1
    assert export_calendar(services.db, path, start=date(2025, 3, 10)) == 2
    assert export_calendar(services.db, path, end=date(2025, 3, 3)) == 1
    assert export_calendar(services.db, path, start=date(2030, 1, 1)) == 0
    assert read(path) == []


def test_the_same_data_gives_the_same_bytes(
    services: Services, programme: dict[str, str], tmp_path: Path
) -> None:
    """DTSTAMP is the last change of the session or its activity, never "now"."""
    stamp = datetime(2024, 1, 2, 3, 4, 5)
    with services.db.session() as s:
        s.execute(update(ActivitySession).values(updated_at=stamp))
        s.execute(update(Activity).values(updated_at=stamp))
    first, second = tmp_path / "one.ics", tmp_path / "two.ics"
    export_calendar(services.db, first)
    export_calendar(services.db, second)
    assert first.read_bytes() == second.read_bytes()
    assert b"DTSTAMP:20240102T030405Z" in first.read_bytes()
    assert read(first)[0].decoded("DTSTAMP").replace(tzinfo=None) == stamp


def test_a_named_organisation_names_the_calendar(
    services: Services, programme: dict[str, str], tmp_path: Path
) -> None:
    services.profile.save(ProfileData(name="Red de Entidades"))
    path = tmp_path / "sessions.ics"
    export_calendar(services.db, path)
    calendar = Calendar.from_ical(path.read_bytes())
    assert str(calendar["X-WR-CALNAME"]) == "Red de Entidades: activities"


def test_bad_requests_are_refused_and_nothing_is_written(
    services: Services, programme: dict[str, str], tmp_path: Path
) -> None:
    with pytest.raises(ValidationError, match=r"\.ics"):
        export_calendar(services.db, tmp_path / "sessions.csv")
    with pytest.raises(ValidationError, match="after the last date"):
        export_calendar(services.db, tmp_path / "s.ics", date(2025, 4, 1), date(2025, 3, 1))
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ValidationError, match="could not be written"):
        export_calendar(services.db, blocker / "sessions.ics")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "file"]
