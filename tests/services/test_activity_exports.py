"""The roster and attendance of an activity in a spreadsheet: marks, completion, formula-safe."""

from __future__ import annotations

import csv
import io
from datetime import date, time, timedelta
from pathlib import Path

import openpyxl
import pytest

from app.errors import NotFoundError, ValidationError
from app.i18n import set_language
from app.services.activities import ActivityData, SessionData
from app.services.activity_exports import export_attendance
from app.services.people import PersonData
from app.services.person_links import MembershipData
from app.services.registry import Services

DANGEROUS = '=HYPERLINK("http://evil.example","click")'
FUTURE = date.today() + timedelta(days=365)
HEADERS = [
    "Name",
    "Organisation",
    "Role",
    "Registration status",
    "Mar 3, 2020 10:00",
    "Mar 3, 2020 16:00",
    None,  # the future session: its date, in the current language
    "Sessions attended",
    "% attendance",
    "Hours",
    "Completion",
    "Satisfaction",
]


def person(services: Services, name: str, organisation: str = "") -> str:
    memberships = (MembershipData(None, organisation, "staff"),) if organisation else ()
    return services.people.save(PersonData(full_name=name, memberships=memberships)).id or ""


@pytest.fixture
def activity(services: Services) -> str:
    """Three sessions (two on one day, one next year), a 50 % rule, four people."""
    saved = services.activities.save(
        ActivityData(
            title="Fundraising",
            kind="capsule",
            min_attendance_percent=50,
            sessions=(
                SessionData(date(2020, 3, 3), time(10), time(12)),
                SessionData(date(2020, 3, 3), time(16), time(18)),
                SessionData(FUTURE, time(10), time(12)),
            ),
        )
    )
    first, second, _future = (x.id or "" for x in saved.sessions)
    activity_id = saved.id or ""
    ana = person(services, "Ana Ruiz", "Asociación Peñascal")
    evil = person(services, DANGEROUS)
    carlos = person(services, "Carlos Gil")
    dora = person(services, "Dora Sanz")
    for person_id in (ana, evil, carlos):
        services.registrations.register(activity_id, person_id)
    services.registrations.register(activity_id, dora, status="cancelled", role="expert")
    services.attendance.mark(first, ana, "present")
    services.attendance.mark(second, ana, "late", minutes=45)
    services.attendance.mark(first, evil, "absent")
    services.attendance.mark(first, carlos, "present")
    ana_registration = next(
        r for r in services.registrations.list(activity_id) if r.person_id == ana
    )
    services.registrations.save_evaluation(ana_registration.id, satisfaction=5)
    return activity_id


def by_name(rows: list[list[object]]) -> dict[object, list[object]]:
    return {row[0]: row for row in rows[1:]}


def test_xlsx_has_one_row_per_person_with_marks_and_completion(
    services: Services, activity: str, tmp_path: Path
) -> None:
    path = tmp_path / "attendance.xlsx"
    assert export_attendance(services.db, activity, path) == 4
    sheet = openpyxl.load_workbook(path).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert [h for i, h in enumerate(rows[0]) if i != 6] == [h for h in HEADERS if h]
    assert str(FUTURE.year) in rows[0][6]
    people = by_name(rows)
    assert people["Ana Ruiz"] == [
        "Ana Ruiz",
        "Asociación Peñascal",
        "Attendee",
        "Registered",
        "Present",
        "Late (45 min)",
        None,
        2,
        66.7,
        2.75,
        "Completed",
        5,
    ]
    assert people["Carlos Gil"][4:11] == ["Present", None, None, 1, 33.3, 2, "At risk"]
    assert people[DANGEROUS][4:11] == ["Absent", None, None, 0, 0, 0, "Not completed"]
    # A cancelled registration is listed with its status, and not judged by the rule.
    assert people["Dora Sanz"][2:4] == ["Expert", "Cancelled"]
    assert people["Dora Sanz"][4:] == [None] * 8


def test_a_name_that_looks_like_a_formula_stays_text(
    services: Services, activity: str, tmp_path: Path
) -> None:
    xlsx = tmp_path / "attendance.xlsx"
    export_attendance(services.db, activity, xlsx)
    cells = [row[0] for row in openpyxl.load_workbook(xlsx).active.iter_rows(min_row=2)]
    evil = next(c for c in cells if c.value == DANGEROUS)
    assert evil.data_type == "s"  # text, not a formula (openpyxl reads a formula as "f")
    csv_path = tmp_path / "attendance.csv"
    export_attendance(services.db, activity, csv_path)
    names = [row[0] for row in read_csv(csv_path)[1:]]
    assert "'" + DANGEROUS in names and DANGEROUS not in names


def read_csv(path: Path, delimiter: str = ",") -> list[list[str]]:
    text = path.read_bytes().decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def test_csv_writes_numbers_as_the_language_does(
    services: Services, activity: str, tmp_path: Path
) -> None:
    path = tmp_path / "attendance.csv"
    assert export_attendance(services.db, activity, path) == 4
    people = by_name(read_csv(path))  # type: ignore[arg-type]
    assert people["Ana Ruiz"][4:] == [
        "Present",
        "Late (45 min)",
        "",
        "2",
        "66.7",
        "2.75",
        "Completed",
        "5",
    ]
    set_language("es")
    export_attendance(services.db, activity, path)
    rows = read_csv(path, ";")
    ana = next(row for row in rows if row[0] == "Ana Ruiz")
    assert ana[8:10] == ["66,7", "2,75"]
    assert rows[0][4].startswith("3 mar 2020")


def test_an_activity_without_sessions_or_people_gives_the_headers_only(
    services: Services, tmp_path: Path
) -> None:
    empty = services.activities.save(ActivityData(title="Nothing yet")).id or ""
    path = tmp_path / "empty.csv"
    assert export_attendance(services.db, empty, path) == 0
    rows = read_csv(path)
    assert rows == [[h for h in HEADERS if h and "2020" not in h]]


def test_two_sessions_on_one_day_without_times_get_numbered(
    services: Services, tmp_path: Path
) -> None:
    day = date(2021, 5, 4)
    saved = services.activities.save(
        ActivityData(title="Twice", sessions=(SessionData(day), SessionData(day)))
    )
    path = tmp_path / "twice.csv"
    export_attendance(services.db, saved.id or "", path)
    assert read_csv(path)[0][4:6] == ["May 4, 2021 (1)", "May 4, 2021 (2)"]


def test_bad_requests_are_refused_in_plain_words(
    services: Services, activity: str, tmp_path: Path
) -> None:
    with pytest.raises(ValidationError, match=r"\.xlsx or \.csv"):
        export_attendance(services.db, activity, tmp_path / "attendance.pdf")
    with pytest.raises(NotFoundError):
        export_attendance(services.db, "no-such-activity", tmp_path / "attendance.xlsx")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(ValidationError, match="could not be written"):
        export_attendance(services.db, activity, blocker / "attendance.xlsx")
    assert not (tmp_path / "attendance.pdf").exists()
