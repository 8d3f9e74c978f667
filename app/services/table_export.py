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
        cell = WriteOnlyCell(sheet, value=_as_text(title))
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    count = 0
    for row in rows:
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=_as_text(value) if isinstance(value, str) else value)
            if isinstance(value, str):
                cell.data_type = "s"  # always a string, never a formula
            cells.append(cell)
        sheet.append(cells)
        count += 1
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue(), count


def _as_text(value: str) -> str:
    # openpyxl treats a string starting with "=" as a formula; the data_type "s" stops that, and
    # the apostrophe keeps the cell inert if someone re-saves it as CSV.
    # Control characters (pasted from other programs) cannot be stored in XLSX: they are dropped.
    return str(neutralise(_ILLEGAL_IN_XLSX.sub("", value)))
