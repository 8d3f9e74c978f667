"""``tejido report`` as used at a terminal: JSON printed or written, XLSX and PDF files, the
threshold of hidden counts, plain errors, and nothing written to the data folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from app.cli import main
from app.services.context import DataFolder
from app.services.registry import build_services
from tests.services.report_export_helpers import add_programme

KEYS = {
    "period",
    "participants",
    "completed",
    "hours",
    "sessions",
    "organisations",
    "mentoring",
    "practices",
    "certificates",
    "cascades",
    "suppressed_below",
}
YEAR = ["--from", "2025-01-01", "--to", "2025-12-31"]


@pytest.fixture
def programme(data_dir: Path) -> Path:
    services = build_services(DataFolder(data_dir))
    try:
        add_programme(services)
    finally:
        services.db.dispose()
    return data_dir


def run(data_dir: Path, *args: str) -> int:
    return main(["--data-dir", str(data_dir), "report", *args])


def folder_state(data_dir: Path) -> dict[str, int]:
    return {str(p.relative_to(data_dir)): p.stat().st_mtime_ns for p in data_dir.rglob("*")}


def test_json_is_printed_with_every_documented_key(
    programme: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = folder_state(programme)
    assert run(programme, *YEAR) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == KEYS
    assert data["period"] == {"from": "2025-01-01", "to": "2025-12-31"}
    assert data["participants"]["total"] == 9
    assert data["participants"]["by_gender"] == {
        "woman": 6,
        "man": 2,
        "non_binary": 1,
        "not_stated": 0,
    }
    assert data["hours"] == {"delivered": 6.0, "person_hours": 40.0}
    assert data["suppressed_below"] == 0
    assert folder_state(programme) == before  # read only: no backup, no migration, no lock


def test_json_to_a_file_with_small_counts_hidden(
    programme: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "report.json"
    assert run(programme, *YEAR, "--suppress-below", "3", "--out", str(out)) == 0
    assert f"to {out}." in capsys.readouterr().out
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["participants"]["by_gender"]["man"] is None
    assert data["participants"]["by_gender"]["woman"] == 6
    assert data["suppressed_below"] == 3
    assert data["organisations"]["by_territory"]['=HYPERLINK("http://example.com","x")'] is None


def test_xlsx_and_pdf_are_written_where_asked(
    programme: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    xlsx, pdf = tmp_path / "report.xlsx", tmp_path / "report.pdf"
    assert run(programme, *YEAR, "--format", "xlsx", "--out", str(xlsx)) == 0
    assert "(11 sheets)" in capsys.readouterr().out
    assert load_workbook(xlsx)["By gender"]["B5"].value == 6
    assert run(programme, *YEAR, "--out", str(pdf), "--language", "en") == 0  # format from .pdf
    said = capsys.readouterr().out
    pages = len(PdfReader(pdf).pages)
    assert f"Wrote the report from 2025-01-01 to 2025-12-31 to {pdf} ({pages} pages)." in said
    assert "Participants by gender" in PdfReader(pdf).pages[0].extract_text()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "2025-12-31", "--to", "2025-01-01"], "ends before it starts"),
        (["--from", "31/12/2025", "--to", "2025-12-31"], "YYYY-MM-DD"),
        ([*YEAR, "--format", "xlsx"], "--out FILE"),
        ([*YEAR, "--format", "xlsx", "--out", "report.pdf"], "must end in .xlsx"),
        ([*YEAR, "--suppress-below", "1000"], "threshold"),
    ],
)
def test_mistakes_get_one_plain_line(
    programme: Path,
    args: list[str],
    message: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(programme, *args) == 1
    captured = capsys.readouterr()
    assert captured.err.startswith("tejido: ") and message in captured.err
    assert "Traceback" not in captured.err and captured.out == ""


def test_a_folder_without_data_is_not_created(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run(empty, *YEAR) == 1
    assert "There is no Tejido data" in capsys.readouterr().err
    assert list(empty.iterdir()) == []
