"""The report as an XLSX workbook, read back with openpyxl: the figures of the report, one sheet
per table, hidden counts in words, and no formula anywhere."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.errors import ValidationError
from app.services.registry import Services
from app.services.reports.period import Period
from app.services.reports.report_xlsx import export_report_xlsx
from app.services.reports.values import Report
from tests.services.report_export_helpers import FORMULA_TERRITORY, PERIOD, add_programme

SHEETS = [
    "Summary",
    "By gender",
    "By age band",
    "By activity kind",
    "Hours",
    "Organisations",
    "Organisations by type",
    "Organisations by territory",
    "Mentoring",
    "Good practices",
    "Certificates, cascades",
]
HEADER_ROW = 4  # title, period, blank, then the header row


def built(services: Services, suppress_below: int = 0) -> Report:
    add_programme(services)
    return services.reports.build(Period(*PERIOD), suppress_below)


def table(path: Path, sheet: str) -> dict[str, tuple[object, ...]]:
    """The rows of a sheet's table by their label (the header row under "")."""
    workbook = load_workbook(path)
    rows = list(workbook[sheet].iter_rows(values_only=True))
    start = HEADER_ROW - 1 + (1 if rows[2][0] else 0)  # a note pushes the table down a row
    header, *body = rows[start:]
    found = {"": tuple(header[1:])}
    for label, *values in body:
        if label is not None:
            found[str(label)] = tuple(values)
    return found


def test_every_table_is_a_sheet_holding_the_reports_figures(
    services: Services, tmp_path: Path
) -> None:
    path = tmp_path / "report.xlsx"
    assert export_report_xlsx(built(services), path) == len(SHEETS)
    workbook = load_workbook(path)
    assert workbook.sheetnames == SHEETS
    assert workbook["By gender"]["A1"].value == "Participants by gender"
    assert workbook["By gender"]["A2"].value == "From January 1, 2025 to December 31, 2025"
    gender = table(path, "By gender")
    assert gender[""] == ("Participants", "Completed")
    assert gender["Woman"][0] == 6 and gender["Man"][0] == 2 and gender["Non-binary"][0] == 1
    assert gender["Total"][0] == 9  # each person once
    assert table(path, "By activity kind")["Training capsule"] == (2,)
    assert table(path, "By activity kind")["Forum meeting"] == (9,)
    assert table(path, "By age band")["18–29"] == (2,)
    assert table(path, "Organisations")["Organisations reached"] == (3,)
    territories = table(path, "Organisations by territory")
    assert territories["Valladolid"] == (1,) and territories["Territory not recorded"] == (1,)
    summary = table(path, "Summary")
    assert summary["Unique participants"] == (9,)
    assert summary["Sessions held"] == (3,)
    assert summary["Hours delivered"] == (6.0,) and summary["Person-hours received"] == (40.0,)
    assert summary["Counts hidden below"] == ("none hidden",)
    assert workbook["Summary"].freeze_panes == "A5"


def test_hours_are_numbers_with_one_decimal(services: Services, tmp_path: Path) -> None:
    path = tmp_path / "report.xlsx"
    export_report_xlsx(built(services), path)
    sheet = load_workbook(path)["Hours"]
    cells = {row[0].value: row[1] for row in sheet.iter_rows(min_row=HEADER_ROW + 1)}
    assert cells["Hours delivered"].value == 6.0
    assert cells["Hours delivered"].number_format == "0.0"
    assert cells["Sessions held"].value == 3
    assert cells["Sessions held"].number_format == "General"


def test_hidden_counts_say_so_in_words(services: Services, tmp_path: Path) -> None:
    path = tmp_path / "report.xlsx"
    export_report_xlsx(built(services, suppress_below=3), path)
    gender = table(path, "By gender")
    assert gender["Woman"] == (6, 6)
    assert gender["Man"][0] == "hidden (fewer than 3)"
    assert gender["Non-binary"][0] == "hidden (fewer than 3)"
    assert gender["Prefers not to say"] == (0, 0)  # zero identifies nobody
    assert table(path, "Hours")["Hours delivered"] == (6.0,)  # hours are never hidden
    assert table(path, "Summary")["Counts hidden below"] == (3,)


def test_a_territory_written_like_a_formula_stays_text(services: Services, tmp_path: Path) -> None:
    path = tmp_path / "report.xlsx"
    export_report_xlsx(built(services), path)
    sheet = load_workbook(path)["Organisations by territory"]
    [cell] = [row[0] for row in sheet.iter_rows() if row[0].value == FORMULA_TERRITORY]
    assert cell.data_type == "s"
    with zipfile.ZipFile(path) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert sheets and not any(b"<f>" in archive.read(name) for name in sheets)


def test_a_file_that_cannot_be_written_is_refused_and_nothing_is_changed(
    services: Services, tmp_path: Path
) -> None:
    report = built(services)
    with pytest.raises(ValidationError, match=r"\.xlsx"):
        export_report_xlsx(report, tmp_path / "report.csv")
    blocked = tmp_path / "report.xlsx"
    blocked.mkdir()  # a folder where the file should go: the file cannot replace it
    (blocked / "keep.txt").write_text("kept")
    with pytest.raises(ValidationError, match="could not be written"):
        export_report_xlsx(report, blocked)
    assert (blocked / "keep.txt").read_text() == "kept"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "report.xlsx"]  # no leftovers
