"""The report as an XLSX workbook for funders: a summary sheet, then one sheet per table.

Each sheet starts with the table's title and the period, then the table with its header row
(frozen, so it stays in view). Counts are number cells and hours keep one decimal; a hidden
count says so in words. Text that could start a formula (a territory called "=SUM(...)") is
written as text, never run: the same guarantee as :mod:`app.services.table_export`. The file
is written atomically.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from app.errors import ValidationError
from app.i18n import DocumentWords, _, document_words
from app.services.reports.report_tables import (
    HOURS,
    Figure,
    ReportRow,
    ReportTable,
    hidden_below,
    period_of,
    period_text,
    report_tables,
    summary_rows,
)
from app.services.reports.values import Report, report_json
from app.services.table_export import FORMULA_STARTS
from app.settings import write_atomically

log = logging.getLogger(__name__)

# The characters a sheet name cannot hold, and its longest length (Excel's rules).
_NOT_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")
_SHEET_NAME_LENGTH = 31
_ILLEGAL_IN_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
LABEL_WIDTH, VALUE_WIDTH = 46, 20


def export_report_xlsx(report: Report, path: Path) -> int:
    """Write ``report`` (a built report) to ``path`` (.xlsx) in the program's language, one
    sheet per table; returns the number of sheets. An existing file is replaced only when the
    new one is complete."""
    return write_report_xlsx(report_json(report), Path(path))


def write_report_xlsx(data: Mapping[str, Any], path: Path, language: str | None = None) -> int:
    """Write the report in its JSON shape ``data`` to ``path`` (.xlsx); returns the sheets."""
    if path.suffix.lower() != ".xlsx":
        raise ValidationError(_("Choose a file name ending in .xlsx."))
    words = document_words(language)
    tables = report_tables(data, words)
    content = _workbook_bytes(data, words, tables)
    try:
        write_atomically(path, content)
    except OSError as error:
        raise ValidationError(
            _(
                "The file {path} could not be written ({reason}). If it is open in a "
                "spreadsheet program, close it and try again. Nothing was changed."
            ).format(path=path, reason=error.strerror or error)
        ) from error
    log.info("report written to an XLSX file: %d sheets", len(tables) + 1)
    return len(tables) + 1


def _workbook_bytes(
    data: Mapping[str, Any], words: DocumentWords, tables: Sequence[ReportTable]
) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    start, end = period_of(data)
    below = hidden_below(data)
    names: set[str] = set()
    summary = _summary_table(data, words)
    for table in (summary, *tables):
        sheet = workbook.create_sheet(_sheet_name(table.sheet, names))
        _write_table(sheet, table, words, below, period_text(words, start, end))
        if table is summary:
            _write_period(sheet, words, start, end, below)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _summary_table(data: Mapping[str, Any], words: DocumentWords) -> ReportTable:
    return ReportTable(
        "",
        words._("Report of the programme"),
        words._("Summary"),
        (words._("Figure"), words._("Value")),
        summary_rows(data, words),
    )


def _write_table(
    sheet: Any, table: ReportTable, words: DocumentWords, below: int, period: str
) -> None:
    """Title, period (and the table's note), a blank row, the header row, the rows."""
    from openpyxl.styles import Font, PatternFill

    sheet.freeze_panes = f"A{5 + bool(table.note)}"  # before the first row, in write-only mode
    sheet.column_dimensions["A"].width = LABEL_WIDTH
    for column in "BCD":
        sheet.column_dimensions[column].width = VALUE_WIDTH
    title = _text(sheet, table.title)
    title.font = Font(bold=True, size=14)
    sheet.append([title])
    sheet.append([_text(sheet, period)])
    if table.note:
        sheet.append([_text(sheet, table.note)])
    sheet.append([])
    bold, shade = Font(bold=True), PatternFill("solid", fgColor="DDE6E3")
    header = []
    for name in table.headers:
        cell = _text(sheet, name)
        cell.font, cell.fill = bold, shade
        header.append(cell)
    sheet.append(header)
    for row in table.rows:
        sheet.append(_row_cells(sheet, row, words, below))


def _row_cells(sheet: Any, row: ReportRow, words: DocumentWords, below: int) -> list[Any]:
    from openpyxl.styles import Font

    cells = [_text(sheet, row.label)]
    cells += [
        _figure(sheet, value, key, words, below)
        for value, key in zip(row.values, row.keys, strict=True)
    ]
    if row.total:
        for cell in cells:
            cell.font = Font(bold=True)
    return cells


def _write_period(sheet: Any, words: DocumentWords, start: date, end: date, below: int) -> None:
    """Below the summary: the period's days and the threshold, as plain values."""
    from openpyxl.cell import WriteOnlyCell

    sheet.append([])
    for label, value in ((words._("From"), start), (words._("To"), end)):
        day = WriteOnlyCell(sheet, value)
        day.number_format = "yyyy-mm-dd"
        sheet.append([_text(sheet, label), day])
    label = _text(sheet, words._("Counts hidden below"))
    threshold = WriteOnlyCell(sheet, below) if below else _text(sheet, words._("none hidden"))
    sheet.append([label, threshold])
    made = WriteOnlyCell(sheet, date.today())
    made.number_format = "yyyy-mm-dd"
    sheet.append([_text(sheet, words._("Made on")), made])


def _figure(sheet: Any, value: Figure, key: str, words: DocumentWords, below: int) -> Any:
    """A number cell (hours with one decimal), or words saying the count is hidden."""
    from openpyxl.cell import WriteOnlyCell

    if value is None:
        text = words._("hidden (fewer than {count})").format(count=below)
        return _text(sheet, text)
    cell = WriteOnlyCell(sheet, value)
    if key in HOURS:
        cell.value = round(float(value), 1)
        cell.number_format = "0.0"
    return cell


def _text(sheet: Any, value: str) -> Any:
    """A cell holding ``value`` as text, never as a formula (see table_export._text_cell)."""
    from openpyxl.cell import WriteOnlyCell

    text = _ILLEGAL_IN_XLSX.sub("", value)
    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"
    if text.startswith(FORMULA_STARTS):
        cell.quotePrefix = True
    return cell


def _sheet_name(wanted: str, taken: set[str]) -> str:
    """``wanted`` as a valid sheet name (no []:*?/\\, at most 31 characters), unique."""
    base = _NOT_IN_SHEET_NAMES.sub(" ", wanted).strip(" '")[:_SHEET_NAME_LENGTH] or "Sheet"
    name, number = base, 2
    while name.casefold() in taken:
        suffix = f" ({number})"
        name = base[: _SHEET_NAME_LENGTH - len(suffix)] + suffix
        number += 1
    taken.add(name.casefold())
    return name
