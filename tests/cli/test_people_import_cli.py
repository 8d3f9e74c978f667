"""``tejido people import FILE`` as used at a terminal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import main
from app.services.context import DataFolder
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


def test_dry_run_writes_nothing(
    capsys: pytest.CaptureFixture[str], data_dir: Path, spreadsheet: Path
) -> None:
    code, out, _err = run(
        capsys, "people", "import", str(spreadsheet), "--dry-run", "--json", "--data-dir",
        str(data_dir),
    )  # fmt: skip
    assert code == 0
    summary = json.loads(out)
    assert (summary["dry_run"], summary["created"]) == (True, 1)
    assert people_count(data_dir) == 0


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
