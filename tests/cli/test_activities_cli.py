"""``tejido activities list`` and ``tejido calendar export`` as used at a terminal."""

from __future__ import annotations

import json
from datetime import date, time
from pathlib import Path

import pytest
from icalendar import Calendar

from app.cli import main
from app.services.activities import ActivityData, SessionData
from app.services.context import DataFolder
from app.services.people import PersonData
from app.services.registry import build_services


@pytest.fixture
def programme(data_dir: Path) -> dict[str, str]:
    """Two activities (one with a timed and an untimed session and one person registered)."""
    services = build_services(DataFolder(data_dir))
    try:
        capsule = services.activities.save(
            ActivityData(
                title="Fundraising",
                kind="capsule",
                capacity=20,
                areas=("Volunteering",),
                sessions=(
                    SessionData(date(2025, 3, 3), time(10), time(12), place="Sala 2"),
                    SessionData(date(2025, 3, 10)),
                ),
            )
        )
        forum = services.activities.save(
            ActivityData(title="Vivienda", sessions=(SessionData(date(2025, 5, 6)),))
        )
        person = services.people.save(PersonData(full_name="Ana Ruiz"))
        services.registrations.register(capsule.id or "", person.id or "")
    finally:
        services.db.dispose()
    return {"capsule": capsule.id or "", "forum": forum.id or ""}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_as_json(
    capsys: pytest.CaptureFixture[str], data_dir: Path, programme: dict[str, str]
) -> None:
    code, out, err = run(capsys, "activities", "list", "--json", "--data-dir", str(data_dir))
    assert (code, err) == (0, "")
    activities = json.loads(out)
    assert [a["id"] for a in activities] == [programme["capsule"], programme["forum"]]
    capsule = activities[0]
    sessions = capsule.pop("sessions")
    assert capsule == {
        "id": programme["capsule"],
        "kind": "capsule",
        "title": "Fundraising",
        "status": "planned",
        "first_date": "2025-03-03",
        "last_date": "2025-03-10",
        "capacity": 20,
        "areas": ["Volunteering"],
        "registered": 1,
    }
    assert [{k: v for k, v in s.items() if k != "id"} for s in sessions] == [
        {"date": "2025-03-03", "start": "10:00", "end": "12:00", "place": "Sala 2"},
        {"date": "2025-03-10", "start": None, "end": None, "place": ""},
    ]
    assert all(s["id"] for s in sessions)
    assert len(activities[1]["sessions"]) == 1


def test_list_as_a_table(
    capsys: pytest.CaptureFixture[str], data_dir: Path, programme: dict[str, str]
) -> None:
    code, out, _err = run(capsys, "activities", "list", "--data-dir", str(data_dir))
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split()[:2] == ["First", "date"]
    assert "Training capsule" in lines[1] and "Fundraising" in lines[1]
    assert "1 of 20" in lines[1] and programme["capsule"] in lines[1]
    assert "Forum meeting" in lines[2] and "Vivienda" in lines[2]
    assert lines[-1] == "2 activities."


def test_list_needs_an_existing_data_folder_and_creates_nothing(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    code, out, err = run(capsys, "activities", "list", "--data-dir", str(data_dir))
    assert (code, out) == (1, "")
    assert err.startswith("tejido: There is no Tejido data") and "Traceback" not in err
    assert list(data_dir.iterdir()) == []


def test_calendar_export_writes_the_sessions_between_the_dates(
    capsys: pytest.CaptureFixture[str], data_dir: Path, programme: dict[str, str], tmp_path: Path
) -> None:
    out_file = tmp_path / "programme.ics"
    code, out, err = run(
        capsys,
        "calendar",
        "export",
        "--out",
        str(out_file),
        "--from",
        "2025-03-04",
        "--to",
        "2025-05-06",
        "--data-dir",
        str(data_dir),
    )
    assert (code, err) == (0, "")
    assert out.strip() == f"2 sessions were written to {out_file}."
    events = list(Calendar.from_ical(out_file.read_bytes()).walk("VEVENT"))
    assert [e.decoded("DTSTART") for e in events] == [date(2025, 3, 10), date(2025, 5, 6)]
    code, out, err = run(
        capsys, "calendar", "export", "--out", str(out_file), "--data-dir", str(data_dir)
    )
    assert (code, out.strip()) == (0, f"3 sessions were written to {out_file}.")


@pytest.mark.parametrize(
    ("option", "value"), [("--from", "03/04/2025"), ("--to", "2025-02-30"), ("--from", "soon")]
)
def test_a_bad_date_exits_1_in_plain_words(
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
    programme: dict[str, str],
    tmp_path: Path,
    option: str,
    value: str,
) -> None:
    out_file = tmp_path / "programme.ics"
    code, out, err = run(
        capsys,
        "calendar",
        "export",
        "--out",
        str(out_file),
        option,
        value,
        "--data-dir",
        str(data_dir),
    )
    assert (code, out) == (1, "")
    assert err.startswith(f"tejido: {option} {value}: write the date as YYYY-MM-DD")
    assert not out_file.exists()


def test_calendar_export_refuses_another_kind_of_file(
    capsys: pytest.CaptureFixture[str], data_dir: Path, programme: dict[str, str], tmp_path: Path
) -> None:
    out_file = tmp_path / "programme.csv"
    code, _out, err = run(
        capsys, "calendar", "export", "--out", str(out_file), "--data-dir", str(data_dir)
    )
    assert code == 1 and ".ics" in err
    assert not out_file.exists()


def test_calendar_export_without_out_is_a_usage_error(data_dir: Path) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["calendar", "export", "--data-dir", str(data_dir)])
    assert exit_info.value.code == 2
