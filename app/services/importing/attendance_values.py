"""One row of an attendance spreadsheet: the person (read as the people import reads them), and
the mark, the minutes, the remarks and the date of the session.

The columns of a person are guessed and read by :mod:`headers` and :mod:`values`; this module
adds the attendance columns. A sign-in list or an online form has a row for each person who
came, so an empty or missing mark is "present". Marks are read in Spanish or English ("sí",
"x", "tarde", "se fue antes", "justificada", "ausente"...); a mark, a number of minutes or a
date that cannot be understood rejects the row, because guessing would store a wrong fact.
Dates are read day first, as in Spain; "3/5/2024" may also be the 5th of March of an English
form, so both readings are kept and the one that is a session of the activity is taken.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from app.errors import ValidationError
from app.i18n import N_, _
from app.services.importing.headers import (
    FIELDS,
    JOINED_FIELDS,
    check_mapping,
    guess_mapping,
    header_key,
)
from app.services.importing.values import ParsedRow, RejectedRow, is_blank, parse_row, words
from app.services.text import clean, fold

log = logging.getLogger(__name__)

# The attendance columns, after the person's columns in the mapping dialog.
ATTENDANCE_FIELDS: dict[str, str] = {
    "mark": N_("Attendance mark"),
    "minutes": N_("Minutes attended"),
    "remarks": N_("Remarks on the attendance"),
    "session_date": N_("Date of the session"),
}
IMPORT_FIELDS: dict[str, str] = {**FIELDS, **ATTENDANCE_FIELDS}
MAX_MINUTES = 24 * 60

# Header keys (see :func:`headers.header_key`): whole headers, or how longer ones begin.
_HEADER_WORDS: dict[str, str] = {
    "mark": "asistencia asiste asistio acude presencia presente attendance attended present "
    "mark status estado",
    "minutes": "minutos minutes duracion duration tiempo",
    "remarks": "observaciones observacion comentarios comentario notas nota incidencias "
    "remarks comments notes",
    "session_date": "fecha dia date sessiondate fechadelasesion fechasesion",
    # Online forms: Google's Spanish "Dirección de correo electrónico" starts like an address.
    "email": "direcciondecorreoelectronico direcciondecorreo",
}
_HEADER_FIELDS = {w: field for field, ws in _HEADER_WORDS.items() for w in ws.split()}
# When a form's own time stamp ("Marca temporal", "Hora de inicio") is the date, say so by hand.
_NOT_A_SESSION_DATE = ("marcatemporal", "timestamp", "hora", "time", "start", "fin", "end")
# A people column that an attendance sheet means otherwise: "Observaciones" are the mark's.
_TAKEN_OVER = {"notes"}

# Marks as folded keys ("Se fue antes" -> "sefueantes"); a tick mark is "present".
_MARK_WORDS = {
    "present": "presente present si s yes y x 1 p asiste asistio vino ok true verdadero atiempo "
    "puntual ontime",
    "late": "tarde late retraso conretraso llegotarde llegatarde r",
    "left_early": "sefueantes semarchoantes salioantes seva leftearly early",
    "excused": "justificada justificado faltajustificada ausenciajustificada excusada excusado "
    "excused justified j",
    "absent": "ausente absent no n 0 a falta noasiste noasistio novino false falso",
}
_MARKS = {w: mark for mark, ws in _MARK_WORDS.items() for w in ws.split()}
_TICKS = ("✓", "✔", "☑")

_UNIT_MINUTES = r"(?:m|min|mins|minuto|minutos|minute|minutes|')"
_UNIT_HOURS = r"(?:h|hr|hrs|hora|horas|hour|hours)"
_MINUTES = re.compile(rf"(\d+)\s*{_UNIT_MINUTES}?")
_CLOCK = re.compile(r"(\d{1,2}):(\d{2})(?::00)?")
_HOURS = re.compile(rf"(\d+)\s*{_UNIT_HOURS}\s*(?:(\d+)\s*{_UNIT_MINUTES}?)?")
_DECIMAL_HOURS = re.compile(rf"(\d+)[.,](\d+)\s*{_UNIT_HOURS}")
_ISO_DATE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T].*)?")
_DATE = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})(?:[ T,].*)?")


@dataclass(frozen=True, slots=True)
class AttendanceCells:
    """A row that can be imported: the person, and what the row says about the attendance.

    ``dates`` are the ways the date cell can be read (day first), empty when there is none.
    """

    person: ParsedRow
    mark: str
    minutes: int | None
    remarks: str
    dates: tuple[date, ...] = ()


def guess_attendance_field(header: str) -> str | None:
    """The attendance field (or online-form e-mail) a header names, or ``None``."""
    key = header_key(header)
    if not key or key.startswith(_NOT_A_SESSION_DATE):
        return None
    if key in _HEADER_FIELDS:
        return _HEADER_FIELDS[key]
    starts = [w for w in _HEADER_FIELDS if len(w) >= 4 and key.startswith(w)]
    return _HEADER_FIELDS[max(starts, key=len)] if starts else None


def guess_attendance_mapping(headers: Sequence[str]) -> dict[int, str]:
    """``{column index: field}``: the people import's guess, plus the attendance columns.

    An attendance field takes a column the people guess left alone (or gave to the person's
    notes), and each attendance field takes only its first column.
    """
    mapping = guess_mapping(headers)
    for index, header in enumerate(headers):
        field = guess_attendance_field(header)
        if field is None or field in mapping.values():
            continue
        if index not in mapping or mapping[index] in _TAKEN_OVER:
            mapping[index] = field
    return dict(sorted(mapping.items()))


def check_attendance_mapping(mapping: Mapping[int, str]) -> dict[int, str]:
    """The mapping with unknown fields dropped and single-column fields kept once."""
    checked = check_mapping({i: f for i, f in mapping.items() if f not in ATTENDANCE_FIELDS})
    for index in sorted(mapping):
        field = mapping[index]
        if field in ATTENDANCE_FIELDS and (field == "remarks" or field not in checked.values()):
            checked[int(index)] = field
    return dict(sorted(checked.items()))


def read_mark(text: str) -> str | None:
    """The mark a cell gives ("Sí" -> present, "Se fue antes" -> left early), ``"present"``
    for an empty cell, ``None`` when it is not understood."""
    if text.strip().startswith(_TICKS):
        return "present"
    found = words(text)
    if not found:
        return "present"
    whole = _MARKS.get("".join(found))
    if whole is None and len(found[0]) > 1:  # "Sí, asistió", "Tarde (10 min)"
        return _MARKS.get(found[0])
    return whole


def read_minutes(text: str) -> int | None:
    """Minutes from "90", "90 min", "1:30", "1 h 30", "1,5 h"; ``None`` for an empty cell.

    Raises :class:`ValidationError` for anything else, or more than a day.
    """
    value = fold(text).rstrip(".")
    if not value:
        return None
    minutes = _minutes(value)
    if minutes is None or minutes > MAX_MINUTES:
        raise ValidationError(
            _("Minutes “{value}” not understood: write them as 90 or 1:30.").format(
                value=text.strip()
            ),
            field="minutes",
        )
    return minutes


def _minutes(value: str) -> int | None:
    if match := _MINUTES.fullmatch(value):
        return int(match.group(1))
    if match := _CLOCK.fullmatch(value):
        return int(match.group(1)) * 60 + int(match.group(2))
    if match := _HOURS.fullmatch(value):
        return int(match.group(1)) * 60 + int(match.group(2) or 0)
    if match := _DECIMAL_HOURS.fullmatch(value):
        return round(float(f"{match.group(1)}.{match.group(2)}") * 60)
    return None


def read_dates(text: str) -> tuple[date, ...]:
    """The dates a cell may mean: ``()`` when empty, day/month first, then month/day.

    Raises :class:`ValidationError` when the cell is not a date.
    """
    value = text.strip()
    if not value:
        return ()
    found: list[date] = []
    if match := _ISO_DATE.fullmatch(value):
        _add_date(found, match.group(1), match.group(2), match.group(3))
    elif match := _DATE.fullmatch(value):
        year = match.group(3) if len(match.group(3)) == 4 else f"20{match.group(3)}"
        _add_date(found, year, match.group(2), match.group(1))
        _add_date(found, year, match.group(1), match.group(2))
    if not found:
        raise ValidationError(
            _("Date “{value}” not understood: write it as 15/03/2025.").format(value=value),
            field="session_date",
        )
    return tuple(found)


def _add_date(found: list[date], year: str, month: str, day: str) -> None:
    try:
        when = date(int(year), int(month), int(day))
    except ValueError:
        return
    if when not in found:
        found.append(when)


def _cell(cells: Sequence[str], mapping: Mapping[int, str], field: str) -> str:
    for index, mapped in mapping.items():
        if mapped == field and index < len(cells) and not is_blank(cells[index]):
            return cells[index].strip()
    return ""


def parse_attendance_row(
    line: int, cells: Sequence[str], mapping: Mapping[int, str]
) -> AttendanceCells | RejectedRow:
    """Read one row with ``mapping`` (see :func:`check_attendance_mapping`)."""
    person = parse_row(line, cells, {i: f for i, f in mapping.items() if f in FIELDS})
    if isinstance(person, RejectedRow):
        return person
    name = str(person.columns["full_name"])
    mark_cell = _cell(cells, mapping, "mark")
    mark = read_mark(mark_cell)
    if mark is None:
        reason = _(
            "Attendance “{value}” not understood: write present, late, left early, excused or "
            "absent (or sí, tarde, se fue antes, justificada, ausente)."
        ).format(value=mark_cell)
        return RejectedRow(line, reason, name)
    try:
        minutes = read_minutes(_cell(cells, mapping, "minutes"))
        dates = read_dates(_cell(cells, mapping, "session_date"))
    except ValidationError as error:
        return RejectedRow(line, str(error), name)
    remarks = JOINED_FIELDS["notes"].join(
        clean(cells[i]) for i, f in sorted(mapping.items()) if f == "remarks" and i < len(cells)
    )
    return AttendanceCells(person, mark, minutes, remarks.strip(), dates)
