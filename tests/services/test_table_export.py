"""Writing a list to CSV or XLSX: readable by spreadsheet programs, and never a formula."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest

from app.errors import ValidationError
from app.i18n import set_language
from app.services.table_export import export_table

HEADERS = ["Name", "Phone", "Year", "Score", "Notes"]
DANGEROUS = ["=1+2", "+34 600 11 22 33", "-2+3", "@SUM(A1:A2)", "\t=cmd", "\r=cmd"]
ROWS = [
    ["Ana Ruiz", "600 11 22 33", 1980, 7.5, None],
    ["Оксана Шевченко", "+380 44 123 4567", -5, 0.0, "Línea 1\nlínea 2"],
    *([f"Person {i}", value, None, None, "ok"] for i, value in enumerate(DANGEROUS)),
]


def read_csv(path: Path, delimiter: str = ",") -> list[list[str]]:
    text = path.read_bytes().decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def test_csv_in_english_uses_commas_and_a_bom(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    assert export_table(path, HEADERS, ROWS) == len(ROWS)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 only with the mark
    assert raw[3:].startswith(b"Name,Phone,Year,Score,Notes\r\n")
    rows = read_csv(path)
    assert rows[0] == HEADERS
    assert rows[1] == ["Ana Ruiz", "600 11 22 33", "1980", "7.5", ""]
    assert rows[2] == ["Оксана Шевченко", "'+380 44 123 4567", "-5", "0.0", "Línea 1\nlínea 2"]
    assert len(rows) == len(ROWS) + 1


def test_csv_in_spanish_uses_semicolons(tmp_path: Path) -> None:
    set_language("es")
    path = tmp_path / "personas.csv"
    export_table(path, ["Nombre", "Año"], [["Ana; Ruiz", 1980]])
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw[3:].decode("utf-8").splitlines()[0] == "Nombre;Año"
    rows = read_csv(path, ";")
    assert rows[1] == ["Ana; Ruiz", "1980"]  # a semicolon inside a cell is quoted


def test_csv_cells_that_could_start_a_formula_begin_with_an_apostrophe(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    export_table(path, ["=HYPERLINK(1)", *HEADERS[1:]], ROWS)
    rows = read_csv(path)
    assert rows[0][0] == "'=HYPERLINK(1)"
    written = [row[1] for row in rows[3:]]
    assert written == ["'" + value for value in DANGEROUS]


def test_xlsx_keeps_numbers_and_writes_formula_like_text_as_text(tmp_path: Path) -> None:
    path = tmp_path / "people.xlsx"
    assert export_table(path, HEADERS, ROWS) == len(ROWS)
    sheet = openpyxl.load_workbook(path).active
    rows = list(sheet.iter_rows())
    assert [cell.value for cell in rows[0]] == HEADERS
    assert [cell.value for cell in rows[1]] == ["Ana Ruiz", "600 11 22 33", 1980, 7.5, None]
    year, score = rows[2][2], rows[2][3]
    assert (year.value, year.data_type) == (-5, "n")  # a negative number stays a number
    assert (score.value, score.data_type) == (0.0, "n")
    assert rows[2][4].value == "Línea 1\nlínea 2"
    for row, typed in zip(rows[3:], DANGEROUS, strict=True):
        cell = row[1]
        assert cell.data_type == "s", typed
        assert cell.quotePrefix, typed  # kept as text when edited in Excel
        # The value is exactly what was written, with no apostrophe in it (a spreadsheet program
        # reads carriage returns back as line feeds).
        assert cell.value.replace("\n", "\r") == typed.replace("\n", "\r")


def test_xlsx_header_that_looks_like_a_formula_is_text(tmp_path: Path) -> None:
    path = tmp_path / "people.xlsx"
    export_table(path, ["=1+1", "Name"], [])
    header = next(openpyxl.load_workbook(path).active.iter_rows())
    assert header[0].data_type == "s" and header[0].value == "=1+1" and header[0].quotePrefix


def test_xlsx_drops_control_characters_it_cannot_store(tmp_path: Path) -> None:
    path = tmp_path / "people.xlsx"
    export_table(path, ["Name", "Notes"], [["Ana\x01 Ruiz", "\x0b=1+2"]])
    row = list(openpyxl.load_workbook(path).active.iter_rows())[1]
    assert [cell.value for cell in row] == ["Ana Ruiz", "=1+2"]
    assert row[1].data_type == "s" and row[1].quotePrefix


@pytest.mark.parametrize("suffix", [".txt", ".ods", ".xls", ""])
def test_an_unknown_file_type_is_refused_and_nothing_written(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"people{suffix}"
    with pytest.raises(ValidationError) as caught:
        export_table(path, HEADERS, ROWS)
    assert ".xlsx" in str(caught.value) and ".csv" in str(caught.value)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["people.csv", "people.xlsx"])
def test_an_unwritable_place_is_a_validation_error(tmp_path: Path, name: str) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(ValidationError) as caught:
        export_table(blocker / name, HEADERS, ROWS)
    assert name in str(caught.value)
    assert blocker.read_text() == "not a folder"


def test_the_suffix_is_case_insensitive_and_an_existing_file_is_replaced(tmp_path: Path) -> None:
    path = tmp_path / "PEOPLE.CSV"
    path.write_text("old content")
    export_table(path, ["Name"], [["Ana"]])
    assert read_csv(path) == [["Name"], ["Ana"]]
    assert [p.name for p in tmp_path.iterdir()] == ["PEOPLE.CSV"]  # no temporary file left
