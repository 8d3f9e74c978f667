"""``tejido people import FILE`` as used at a terminal."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from app.cli import main
from app.services.context import DataFolder
from app.services.organisations import OrganisationData
from app.services.people import PersonData
from app.services.registry import build_services

ROWS = (
    "Nombre;Apellidos;Entidad;Correo;Año de nacimiento",
    "José;Núñez;Asociación Peñascal;jose@example.org;1975",
    ";;Cruz Roja;sin@example.org;",
    "Ana;Ruiz;Cruz Roja;;1850",
    "jose;NUÑEZ;;;",
)


@pytest.fixture
def spreadsheet(tmp_path: Path) -> Path:
    path = tmp_path / "socias.csv"
    path.write_bytes(("\r\n".join(ROWS) + "\r\n").encode("cp1252"))
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def people_count(data_dir: Path) -> int:
    services = build_services(DataFolder(data_dir))
    try:
        return services.people.count()
    finally:
        services.db.dispose()


def test_import_prints_a_summary_and_the_rejected_lines(
    capsys: pytest.CaptureFixture[str], data_dir: Path, spreadsheet: Path
) -> None:
    code, out, err = run(capsys, "people", "import", str(spreadsheet), "--data-dir", str(data_dir))
    assert (code, err) == (0, "")
    assert "People created: 1" in out
    assert "Rows rejected: 2" in out
    assert "Line 3: A person needs a name." in out
    assert "Line 4: Year of birth" in out
    assert "Line 5: jose NUÑEZ looks like José Núñez on line 2; skipped." in out
    assert people_count(data_dir) == 1


def test_json_summary(
    capsys: pytest.CaptureFixture[str], data_dir: Path, spreadsheet: Path
) -> None:
    code, out, _err = run(
        capsys, "--data-dir", str(data_dir), "people", "import", str(spreadsheet), "--json"
    )
    assert code == 0
    summary = json.loads(out)
    assert (summary["created"], summary["updated"], summary["dry_run"]) == (1, 0, False)
    assert summary["organisations_created"] == 1
    assert [r["line"] for r in summary["rejected"]] == [3, 4]
    [duplicate] = summary["duplicates"]
    assert (duplicate["line"], duplicate["matched_name"], duplicate["matched_id"]) == (
        5,
        "José Núñez",
        None,
    )


def files_in(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (names relative to it) with its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_dry_run_writes_nothing(
    capsys: pytest.CaptureFixture[str], data_dir: Path, spreadsheet: Path
) -> None:
    services = build_services(DataFolder(data_dir))
    try:
        services.people.save(PersonData(full_name="Ana Ruiz"))
    finally:
        services.db.dispose()
    # No backup yet today: a command that writes would make one (and apply the retention rule).
    backups = listing(data_dir / "backups")
    database = (data_dir / "tejido.db").read_bytes()
    before = files_in(data_dir)
    code, out, err = run(
        capsys, "people", "import", str(spreadsheet), "--dry-run", "--json", "--data-dir",
        str(data_dir),
    )  # fmt: skip
    assert (code, err) == (0, "")
    summary = json.loads(out)
    assert (summary["dry_run"], summary["created"], summary["backup"]) == (True, 1, None)
    assert (data_dir / "tejido.db").read_bytes() == database
    assert listing(data_dir / "backups") == backups
    assert files_in(data_dir) == before
    assert people_count(data_dir) == 1


def test_dry_run_on_a_folder_with_no_data_creates_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, spreadsheet: Path
) -> None:
    missing = tmp_path / "nowhere" / "tejido"
    code, out, err = run(
        capsys, "people", "import", str(spreadsheet), "--dry-run", "--data-dir", str(missing)
    )
    assert (code, out) == (1, "")
    assert err == (
        f"tejido: There is no Tejido data in {missing} yet (no tejido.db). Check the --data-dir.\n"
    )
    assert not (tmp_path / "nowhere").exists()


def test_dry_run_on_an_empty_folder_creates_no_database(
    capsys: pytest.CaptureFixture[str], data_dir: Path, spreadsheet: Path
) -> None:
    code, _out, err = run(
        capsys, "people", "import", str(spreadsheet), "--dry-run", "--data-dir", str(data_dir)
    )
    assert code == 1 and "There is no Tejido data" in err
    assert list(data_dir.iterdir()) == []


def test_an_organisation_brought_back_from_the_trash_is_told(
    capsys: pytest.CaptureFixture[str], data_dir: Path, spreadsheet: Path
) -> None:
    services = build_services(DataFolder(data_dir))
    try:
        trashed = services.organisations.save(OrganisationData(name="Asociación Peñascal"))
        services.organisations.delete([trashed.id or ""])
    finally:
        services.db.dispose()
    args = ("people", "import", str(spreadsheet), "--data-dir", str(data_dir))
    _code, out, _err = run(capsys, *args, "--dry-run")
    assert "Organisation Asociación Peñascal will be brought back from the trash." in out
    assert "Organisations created: 0" in out
    _code, out, _err = run(capsys, *args)
    assert "Organisation Asociación Peñascal brought back from the trash." in out
    assert "Organisations created: 0" in out


def test_a_damaged_workbook_is_one_line_on_stderr(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    workbook = Workbook()
    workbook.active.append(["Nombre", "Correo"])
    good = tmp_path / "bueno.xlsx"
    workbook.save(good)
    damaged = tmp_path / "socias.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(damaged, "w") as archive:
        for name in source.namelist():
            garbage = name == "xl/worksheets/sheet1.xml"
            archive.writestr(name, b"\x00garbage" if garbage else source.read(name))
    code, out, err = run(capsys, "people", "import", str(damaged), "--data-dir", str(data_dir))
    assert code == 1 and out == ""
    assert err.startswith("tejido: ") and "damaged Excel file" in err and err.count("\n") == 1


def test_the_duplicates_policy_is_chosen_on_the_command_line(
    capsys: pytest.CaptureFixture[str], data_dir: Path, spreadsheet: Path
) -> None:
    code, out, _err = run(
        capsys, "people", "import", str(spreadsheet), "--duplicates", "create", "--json",
        "--data-dir", str(data_dir),
    )  # fmt: skip
    assert code == 0
    assert json.loads(out)["created"] == 2
    assert people_count(data_dir) == 2


def test_a_file_that_is_not_a_spreadsheet_is_one_line_on_stderr(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    pdf = tmp_path / "lista.csv"
    pdf.write_bytes(b"%PDF-1.7\n%%EOF\n")
    code, out, err = run(capsys, "people", "import", str(pdf), "--data-dir", str(data_dir))
    assert code == 1 and out == ""
    assert err.startswith("tejido: ") and "PDF" in err and err.count("\n") == 1


def test_an_unknown_policy_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], data_dir: Path, spreadsheet: Path
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["people", "import", str(spreadsheet), "--duplicates", "merge"])
    assert exited.value.code == 2
