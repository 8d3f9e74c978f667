"""``tejido attendance import`` and ``tejido attendance export`` as used at a terminal."""

from __future__ import annotations

import json
from datetime import date, time
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.cli import main
from app.services.activities import ActivityData, SessionData
from app.services.people import PersonData
from app.services.registry import Services

ROWS = (
    "Nombre y apellidos;Correo;Asistencia;Minutos",
    "Ana Martín;ana@example.org;sí;",
    "José Núñez;;tarde;90",
    ";sin-nombre@example.org;sí;",
    "Rosa Vidal;rosa.v@example.org;;",
)


@pytest.fixture
def spreadsheet(tmp_path: Path) -> Path:
    path = tmp_path / "firmas.csv"
    path.write_bytes(("\r\n".join(ROWS) + "\r\n").encode("cp1252"))
    return path


@pytest.fixture
def activity(services: Services) -> ActivityData:
    services.people.save(PersonData(full_name="Ana Martín", email="ana@example.org"))
    services.people.save(PersonData(full_name="Rosa Vidal", email="rosa@example.org"))
    sessions = tuple(
        SessionData(date=date.fromisoformat(d), start_time=time(10), end_time=time(12))
        for d in ("2025-03-05", "2025-03-12")
    )
    return services.activities.save(ActivityData(title="Foro de igualdad", sessions=sessions))


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def marked(services: Services, session_id: str) -> dict[str, str | None]:
    return {r.full_name: r.mark for r in services.attendance.roster(session_id).rows}


def test_import_prints_json_with_counts_duplicates_and_rejected_lines(
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
    spreadsheet: Path,
    services: Services,
    activity: ActivityData,
) -> None:
    code, out, err = run(
        capsys,
        "attendance",
        "import",
        "Foro de igualdad",
        str(spreadsheet),
        "--session",
        "2025-03-12",
        "--json",
        "--data-dir",
        str(data_dir),
    )
    assert (code, err) == (0, "")
    summary = json.loads(out)
    assert summary["activity"] == {"id": activity.id, "title": "Foro de igualdad"}
    assert summary["sessions"] == ["2025-03-12"]
    assert summary["marks"] == {"present": 2, "late": 1} and summary["marked"] == 3
    assert (summary["people_matched"], summary["people_created"], summary["registered"]) == (
        1,
        2,
        3,
    )
    assert [(d["line"], d["name"], d["action"]) for d in summary["possible_duplicates"]] == [
        (5, "Rosa Vidal", "create")
    ]
    assert [r["line"] for r in summary["rejected"]] == [4]
    assert summary["dry_run"] is False and Path(summary["backup"]).exists()
    assert marked(services, activity.sessions[1].id) == {
        "Ana Martín": "present",
        "José Núñez": "late",
        "Rosa Vidal": "present",
    }


def test_a_dry_run_prints_the_summary_and_writes_nothing(
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
    spreadsheet: Path,
    services: Services,
    activity: ActivityData,
) -> None:
    code, out, err = run(
        capsys,
        "attendance",
        "import",
        activity.id,
        str(spreadsheet),
        "--session",
        activity.sessions[0].id,
        "--dry-run",
        "--data-dir",
        str(data_dir),
    )
    assert (code, err) == (0, "")
    assert "Dry run of firmas.csv for Foro de igualdad: nothing was saved." in out
    assert "People created: 2" in out and "Rows rejected: 1" in out
    assert "Line 4: A person needs a name." in out
    assert "Line 5: Rosa Vidal looks like Rosa Vidal, already in the directory" in out
    assert "Find duplicates" in out
    assert services.people.count() == 2
    assert marked(services, activity.sessions[0].id) == {}


def test_unknown_activity_unreadable_file_or_session_exit_1_with_a_clear_line(
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
    tmp_path: Path,
    spreadsheet: Path,
    activity: ActivityData,
) -> None:
    where = ("--data-dir", str(data_dir))
    code, out, err = run(
        capsys, "attendance", "import", "Taller de cocina", str(spreadsheet), *where
    )
    assert (code, out) == (1, "") and "No activity is called “Taller de cocina”" in err
    broken = tmp_path / "lista.xlsx"
    broken.write_bytes(b"%PDF-1.4 not a workbook")
    code, out, err = run(
        capsys, "attendance", "import", "Foro", str(broken), "--session", "2025-03-05", *where
    )
    assert (code, out) == (1, "") and "lista.xlsx" in err
    code, out, err = run(capsys, "attendance", "import", "Foro", str(spreadsheet), *where)
    assert code == 1 and "2025-03-05, 2025-03-12" in err  # which session?


def test_export_writes_the_roster_to_xlsx(
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
    tmp_path: Path,
    spreadsheet: Path,
    activity: ActivityData,
) -> None:
    where = ("--data-dir", str(data_dir))
    run(capsys, "attendance", "import", "Foro", str(spreadsheet), "--session", "2025-03-05", *where)
    out_file = tmp_path / "asistencia.xlsx"
    code, out, err = run(capsys, "attendance", "export", "Foro", "--out", str(out_file), *where)
    assert (code, err) == (0, "") and "3 people were written" in out
    sheet = load_workbook(out_file).active
    names = sorted(row[0] for row in sheet.iter_rows(min_row=2, values_only=True))
    assert names == ["Ana Martín", "José Núñez", "Rosa Vidal"]
    code, out, err = run(capsys, "attendance", "export", "Nada", "--out", str(out_file), *where)
    assert code == 1 and "Nada" in err
