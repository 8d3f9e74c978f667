"""Writing a list as it is shown (headers and cells) to an XLSX or CSV file, formula-safe.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return would be run as a
formula by a spreadsheet program (OWASP "CSV injection"): it is written as text instead, with a
leading apostrophe in CSV and as a string cell in XLSX.
"""

from __future__ import annotations

import csv
import io
import logging
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from app.errors import ValidationError
from app.i18n import _, current_language
from app.settings import write_atomically

log = logging.getLogger(__name__)

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
Cell = str | int | float | None
# The control characters XML 1.0 (so XLSX) cannot hold; the same set as openpyxl's.
_ILLEGAL_IN_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def neutralise(value: Cell) -> Cell:
    """``value`` as a safe cell: text that could start a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def export_table(path: Path, headers: Sequence[str], rows: Iterable[Sequence[Cell]]) -> int:
    """Write ``rows`` under ``headers`` to ``path`` (.xlsx or .csv); returns the row count."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        data, count = _xlsx_bytes(headers, rows)
    elif suffix == ".csv":
        data, count = _csv_bytes(headers, rows)
    else:
        raise ValidationError(_("Choose a file name ending in .xlsx or .csv."))
    try:
        write_atomically(path, data)
    except OSError as error:
        raise ValidationError(
            _("The file {path} could not be written ({reason}).").format(
                path=path, reason=error.strerror or error
            )
        ) from error
    log.info("exported %d rows to a %s file", count, suffix)
    return count


def _csv_bytes(headers: Sequence[str], rows: Iterable[Sequence[Cell]]) -> tuple[bytes, int]:
    # Spanish Excel opens semicolon-separated UTF-8 files with a BOM correctly; English, commas.
    delimiter = ";" if current_language() == "es" else ","
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in headers])
    count = 0
    for row in rows:
        writer.writerow(["" if c is None else neutralise(c) for c in row])
        count += 1
    return ("\ufeff" + buffer.getvalue()).encode("utf-8"), count


def _xlsx_bytes(headers: Sequence[str], rows: Iterable[Sequence[Cell]]) -> tuple[bytes, int]:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    bold = Font(bold=True)
    header_cells = []
    for title in headers:
        cell = _text_cell(sheet, title)
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    count = 0
    for row in rows:
        cells = []
        for value in row:
            cells.append(
                _text_cell(sheet, value) if isinstance(value, str) else WriteOnlyCell(sheet, value)
            )
        sheet.append(cells)
        count += 1
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue(), count


def _text_cell(sheet, value: str):  # type: ignore[no-untyped-def]
    """A cell that holds ``value`` as text, never as a formula, shown exactly as written.

    The string type keeps openpyxl from writing a formula; Excel's "quote prefix" keeps the
    cell text when someone edits it, without putting an apostrophe into the value (a phone
    number "+34 …" stays "+34 …"). Control characters cannot be stored in XLSX: dropped.
    """
    from openpyxl.cell import WriteOnlyCell

    text = _ILLEGAL_IN_XLSX.sub("", value)
    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"
    if text.startswith(FORMULA_STARTS):
        cell.quotePrefix = True
    return cell
