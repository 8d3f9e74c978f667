"""Reading a spreadsheet (CSV or XLSX) into rows of text, the way staff really have them.

CSV files may come from a Spanish Excel (semicolons, Windows-1252), as "CSV UTF-8" (with a BOM),
as Excel's "Unicode text" (UTF-16, tabs), or separated by commas or tabs: the encoding is tried
in that order and the delimiter is sniffed. Line numbers are the rows as Excel shows them (the
first row is 1). The header is the first of the first rows that names a name column ("Nombre",
"Full name"...), so a title row above it does no harm. Whole-file problems raise
:class:`ImportRejected` with a plain message; nothing is read half-way.
"""

from __future__ import annotations

import csv
import io
import logging
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from xml.etree.ElementTree import ParseError

from app.errors import ImportRejected
from app.i18n import _, format_number
from app.services.importing.headers import guess_mapping, has_name

log = logging.getLogger(__name__)

MAX_BYTES = 50 * 1024 * 1024
MAX_ROWS = 200_000
MAX_UNZIPPED_BYTES = 500 * 1024 * 1024  # an .xlsx is a zip: refuse a "zip bomb"
HEADER_SEARCH_ROWS = 10
DELIMITERS = (";", ",", "\t", "|")
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
_SNIFF_LINES = 30
_FOREIGN_SIGNATURES = {
    b"%PDF": "PDF",
    b"\xd0\xcf\x11\xe0": "Excel 97-2003 (.xls)",
    b"\x89PNG": "PNG",
    b"\xff\xd8\xff": "JPEG",
    b"SQLite format 3": "SQLite",
    b"{\\rtf": "RTF",
}
_CONTROL_BYTES = bytes(set(range(32)) - {9, 10, 12, 13})
# What the zip and XML libraries raise for a damaged workbook, opening it or reading its rows:
# broken XML, a missing or corrupted part, a cell reference or value that makes no sense.
_DAMAGED_WORKBOOK = (
    zipfile.BadZipFile,
    zlib.error,
    ParseError,
    LookupError,
    EOFError,
    OSError,
    ValueError,
)


@dataclass(frozen=True, slots=True)
class Table:
    """A spreadsheet's header and rows as text. ``rows`` are ``(line number, cells)``."""

    headers: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]
    encoding: str  # "xlsx" for a workbook
    delimiter: str  # "" for a workbook
    header_line: int = 1


def read_table(path: str | Path) -> Table:
    """Read the first sheet of ``path``; raises :class:`ImportRejected` for whole-file problems."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ImportRejected(_too_large())
        data = path.read_bytes()
    except OSError as error:
        raise ImportRejected(
            _("The file {name} cannot be opened ({reason}). Nothing was imported.").format(
                name=path.name, reason=error.strerror or error
            )
        ) from error
    if not data.strip(b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n;,"):
        raise ImportRejected(_empty(path))
    if data.startswith(b"PK\x03\x04"):
        records, encoding, delimiter = _workbook_records(path), "xlsx", ""
    elif path.suffix.lower() in WORKBOOK_SUFFIXES:
        raise _not_a_spreadsheet(path, _("a damaged Excel file"))
    else:
        _refuse_foreign(path, data)
        text, encoding = _decode(path, data)
        delimiter = sniff_delimiter(text)
        records = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        table = _table(path, records, encoding, delimiter)
    finally:
        close = getattr(records, "close", None)  # the workbook, even when a row limit stops us
        if close is not None:
            close()
    log.info("read %d rows (%s, delimiter %r)", len(table.rows), encoding, delimiter)
    return table


def _too_large() -> str:
    return _(
        "The file is too large to import (more than {megabytes} MB or {rows} rows). Split it "
        "into smaller files and import them one after another. Nothing was imported."
    ).format(megabytes=MAX_BYTES // (1024 * 1024), rows=format_number(MAX_ROWS))


def _empty(path: Path) -> str:
    return _("The file {name} is empty: there is nothing to import.").format(name=path.name)


def _not_a_spreadsheet(path: Path, kind: str) -> ImportRejected:
    return ImportRejected(
        _(
            "The file {name} is not a spreadsheet that Tejido can read ({kind}). Open it in "
            "Excel or LibreOffice and save it as .xlsx or as CSV. Nothing was imported."
        ).format(name=path.name, kind=kind)
    )


def _refuse_foreign(path: Path, data: bytes) -> None:
    """Refuse files that are something else (a PDF renamed .csv, an image, binary junk)."""
    for signature, kind in _FOREIGN_SIGNATURES.items():
        if data.startswith(signature):
            raise _not_a_spreadsheet(path, kind)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return  # UTF-16 text, which has NUL bytes
    head = data[:8192]
    controls = sum(head.count(b) for b in _CONTROL_BYTES)
    if b"\x00" in head or controls > len(head) // 100:
        raise _not_a_spreadsheet(path, _("binary data"))


def _decode(path: Path, data: bytes) -> tuple[str, str]:
    """The text and its encoding: UTF-16 with a BOM, UTF-8 (BOM or not), else Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ("utf-16",)
    elif data.startswith(b"\xef\xbb\xbf"):
        candidates = ("utf-8-sig",)
    else:
        candidates = ("utf-8", "cp1252")
    for encoding in candidates:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise ImportRejected(
        _(
            "The characters of {name} cannot be read: the file is neither UTF-8 nor Windows-1252 "
            "text (it may be damaged). Open it in Excel or LibreOffice and save it as "
            "“CSV UTF-8” or as .xlsx, then import it again. Nothing was imported."
        ).format(name=path.name)
    )


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first lines into the most consistent number of columns."""
    lines = [line for line in text.splitlines()[:_SNIFF_LINES] if line.strip()]
    sample = "\n".join(lines)
    best, best_score = DELIMITERS[0], (0, 0, 0)
    for rank, delimiter in enumerate(DELIMITERS):
        widths = [len(r) for r in csv.reader(io.StringIO(sample), delimiter=delimiter) if r]
        if not widths or max(widths) < 2:
            continue
        common = max(set(widths), key=widths.count)
        score = (widths.count(common), common, -rank)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _cell_text(value: object) -> str:
    """An Excel cell as the text a person would read in it (1985.0 -> "1985", dates ISO)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)


def _workbook_records(path: Path) -> Iterator[list[str]]:
    """The rows of the workbook's first sheet as text; raises for a file that is not one.

    openpyxl reads a sheet lazily, so a damaged sheet shows only while its rows are read: both
    the opening and the reading turn the libraries' errors into :class:`ImportRejected`.
    """
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with zipfile.ZipFile(path) as archive:
            if sum(i.file_size for i in archive.infolist()) > MAX_UNZIPPED_BYTES:
                raise ImportRejected(_too_large())
            if "xl/workbook.xml" not in archive.namelist():
                raise _not_a_spreadsheet(path, _("a zip archive, not an Excel workbook"))
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, *_DAMAGED_WORKBOOK) as error:
        raise _damaged_workbook(path, error) from error
    try:
        if not workbook.worksheets:
            raise _not_a_spreadsheet(path, _("a workbook with no sheet"))
        sheet = workbook.worksheets[0]
        try:
            sheet.reset_dimensions()  # some programs write a wrong size; read what is really there
            for values in sheet.iter_rows(values_only=True):
                yield [_cell_text(v).strip() for v in values]
        except _DAMAGED_WORKBOOK as error:
            raise _damaged_workbook(path, error) from error
    finally:
        workbook.close()


def _damaged_workbook(path: Path, error: Exception) -> ImportRejected:
    log.info("unreadable workbook: %s", type(error).__name__)
    return _not_a_spreadsheet(path, _("a damaged Excel file"))


def _table(path: Path, records: Iterable[list[str]], encoding: str, delimiter: str) -> Table:
    """Find the header among the first rows and keep the non-blank rows after it."""
    found: list[tuple[int, tuple[str, ...]]] = []
    try:
        for line, record in enumerate(records, start=1):
            if line > MAX_ROWS:
                raise ImportRejected(_too_large())
            cells = tuple(c.strip() for c in record)
            if any(cells):
                found.append((line, cells))
    except csv.Error as error:
        raise _not_a_spreadsheet(path, str(error)) from error
    if not found:
        raise ImportRejected(_empty(path))
    start = _header_index(found[:HEADER_SEARCH_ROWS])
    header_line, header = found[start]
    width = len(header)
    rows = tuple(
        (line, cells + ("",) * (width - len(cells)) if len(cells) < width else cells)
        for line, cells in found[start + 1 :]
    )
    return Table(header, rows, encoding, delimiter, header_line)


def _header_index(first: list[tuple[int, tuple[str, ...]]]) -> int:
    """The header among the first rows: one that names a name column, and preferably more
    than one column (a title row "Listado de participantes" is not the header)."""
    named = [i for i, (_line, cells) in enumerate(first) if has_name(guess_mapping(cells))]
    wide = [i for i in named if sum(1 for c in first[i][1] if c) > 1]
    return (wide or named or [0])[0]
