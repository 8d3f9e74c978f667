"""Importing attendance from a spreadsheet: a sign-in list typed up after a session, or the
answers of an online form (Google Forms, Microsoft Forms). Preview, then apply.

Files are read as the people import reads them (:mod:`reader`, :mod:`headers`, :mod:`values`);
each row is a person, with an optional mark, minutes, remarks and session date
(:mod:`attendance_values`). Rows go to the chosen session, or, when the file has a date column,
to the activity's session on that date. Who each row is follows :mod:`attendance_matching`.
People not found are created (with their organisation, as the people import does); for a
person already there nothing stored is replaced: only what they are missing is filled in, and
the organisation the row names is added to theirs. Everyone imported is registered in the
activity and marked at the session (``taken_by`` "import: <file name>").

``apply()`` backs the database up, then matches the rows again against the database as it is
now and writes everything in ONE transaction: an error or a cancel leaves the database exactly
as it was. Rows that cannot be read are reported with their line number (as Excel shows it).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlalchemy.orm import Session

from app.backup_files import make_backup_file
from app.db import Database
from app.errors import ImportRejected, NotFoundError, ValidationError
from app.i18n import _
from app.services.context import DataFolder
from app.services.importing.attendance_matching import (
    DUPLICATE_POLICIES,
    AttendanceOutcome,
    AttendanceRow,
    classify,
)
from app.services.importing.attendance_summary import AttendanceImportSummary, summarise
from app.services.importing.attendance_values import (
    AttendanceCells,
    check_attendance_mapping,
    guess_attendance_mapping,
    parse_attendance_row,
)
from app.services.importing.attendance_writing import (
    ActivitySessions,
    load_activity,
    people_to_register,
    register_people,
    route_row,
    write_marks,
)
from app.services.importing.checks import organisations_to_restore, trashed_organisations
from app.services.importing.headers import has_name
from app.services.importing.matching import REJECT, RowOutcome, organisation_keys
from app.services.importing.people_import import ImportService, TableInfo, new_organisations
from app.services.importing.reader import Table, read_table
from app.services.importing.values import RejectedRow
from app.services.importing.writing import Ticker, cancelled_error, write_rows
from app.services.text import clean

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class AttendancePlan:
    """What importing a file would do, computed without writing anything."""

    path: Path
    activity_id: str
    activity_title: str
    session_id: str | None  # the chosen session (rows with no date go there)
    headers: tuple[str, ...]
    mapping: Mapping[int, str]
    duplicates: str  # what to do with possible duplicates: create, skip or match
    rows: tuple[AttendanceRow, ...] = field(repr=False)
    rejected: tuple[RejectedRow, ...]
    outcomes: tuple[AttendanceOutcome, ...] = field(repr=False)  # every row, by line
    new_organisations: tuple[str, ...] = ()
    restored_organisations: tuple[str, ...] = ()
    to_register: int = 0  # people not registered in the activity yet

    @property
    def by_date(self) -> bool:
        """Whether the rows go to the sessions of their dates (the file has a date column)."""
        return "session_date" in self.mapping.values()

    def summary(self) -> AttendanceImportSummary:
        """What applying this plan now would do (a dry run)."""
        return summarise(
            self,
            self.outcomes,
            self.to_register,
            len(self.new_organisations),
            self.restored_organisations,
            dry_run=True,
        )


class AttendanceImportService:
    """Imports the attendance at an activity's sessions from CSV or XLSX files."""

    def __init__(self, db: Database, folder: DataFolder):
        self.db = db
        self.folder = folder

    def inspect(self, path: str | Path) -> TableInfo:
        """Read ``path`` and guess its columns, attendance ones too, for the mapping dialog.

        Raises :class:`ImportRejected` when the file itself cannot be used.
        """
        info = ImportService(self.db, self.folder).inspect(path)
        return replace(info, mapping=guess_attendance_mapping(info.headers))

    def preview(
        self,
        path: str | Path,
        activity_id: str,
        session_id: str | None = None,
        mapping: Mapping[int, str] | None = None,
        duplicates: str = "create",
    ) -> AttendancePlan:
        """What importing ``path`` into the activity would do; writes nothing.

        ``session_id`` is the session the rows go to; it may be ``None`` when the mapping has a
        date column (rows go to the session on their date). ``mapping`` is ``{column index:
        field}`` (guessed when ``None``); ``duplicates`` says what to do with possible
        duplicates: ``"create"`` (default), ``"skip"`` or ``"match"``. Raises
        :class:`ImportRejected` for a file that cannot be imported at all,
        :class:`NotFoundError` for an unknown activity or session.
        """
        _check_policy(duplicates)
        path = Path(path)
        table = read_table(path)
        used = _mapping(path, table, mapping)
        with self.db.session() as s:
            activity = load_activity(s, activity_id)
            _check_session(activity, session_id, used)
            rows, rejected = _read_rows(table, used, activity, session_id)
            outcomes = classify(s, rows, duplicates)
            new, restored = _organisations(s, rows, outcomes)
            to_register = len(people_to_register(s, activity_id, [o.person for o in outcomes]))
        return AttendancePlan(
            path=path,
            activity_id=activity.id,
            activity_title=activity.title,
            session_id=session_id,
            headers=table.headers,
            mapping=used,
            duplicates=duplicates,
            rows=tuple(rows),
            rejected=tuple(rejected),
            outcomes=_with_rejected(outcomes, rejected),
            new_organisations=new,
            restored_organisations=restored,
            to_register=to_register,
        )

    def apply(
        self,
        plan: AttendancePlan,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> AttendanceImportSummary:
        """Import a previewed plan in one transaction, after a backup.

        The rows are matched again against the database as it is now. ``progress(done,
        total)`` and ``cancelled()`` are called from the thread running ``apply``; when
        ``cancelled()`` turns true, everything is rolled back and :class:`Cancelled` raised.
        """
        if cancelled is not None and cancelled():
            raise cancelled_error()
        backup = None
        if plan.rows:
            made = make_backup_file(self.folder.database, self.folder.backups, "before-import")
            backup = made.path
        taken_by = clean(f"import: {plan.path.name}")[:200]
        with self.db.session() as s:
            activity = load_activity(s, plan.activity_id)
            if any(r.session_id not in activity.sessions for r in plan.rows):
                raise ValidationError(_session_gone(activity.title))
            outcomes = classify(s, plan.rows, plan.duplicates)
            people = [o.person for o in outcomes]
            tick = Ticker(len(plan.rows) + 1, progress, cancelled)
            tick(0)
            persons = [r.cells.person for r in plan.rows]
            written = write_rows(s, persons, people, taken_by, None, cancelled)
            tick(1)
            registered = register_people(s, plan.activity_id, plan.rows, people)
            write_marks(s, plan.rows, people, taken_by, tick)
        log.info("attendance import: %d rows, %d rejected", len(plan.rows), len(plan.rejected))
        return summarise(
            plan,
            _with_rejected(outcomes, plan.rejected),
            registered,
            written.organisations_created,
            written.organisations_restored,
            dry_run=False,
            backup=backup,
        )


def _check_policy(duplicates: str) -> None:
    if duplicates not in DUPLICATE_POLICIES:
        raise ValidationError(
            _("Choose what to do with possible duplicates: create, skip or match."),
            field="duplicates",
        )


def _organisations(
    s: Session, rows: Sequence[AttendanceRow], outcomes: Sequence[AttendanceOutcome]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The organisations the rows would create, and those they would bring back from the trash."""
    persons, people = [r.cells.person for r in rows], [o.person for o in outcomes]
    new = new_organisations(persons, people, organisation_keys(s))
    return new, organisations_to_restore(persons, people, trashed_organisations(s))


def _mapping(path: Path, table: Table, mapping: Mapping[int, str] | None) -> dict[int, str]:
    if mapping is None:
        used = guess_attendance_mapping(table.headers)
    else:
        used = check_attendance_mapping(mapping)
    if has_name(used):
        return used
    if mapping is not None:
        raise ValidationError(
            _("Choose the column that holds the names (full name, given or family name)."),
            field="mapping",
        )
    raise ImportRejected(
        _(
            "No column of {name} holds people's names. The row of column titles (row {line} "
            "here) must name them, for example “Nombre y apellidos”, “Correo”, “Asistencia”. "
            "Nothing was imported."
        ).format(name=path.name, line=table.header_line)
    )


def _check_session(activity: ActivitySessions, session_id: str | None, mapping: Mapping) -> None:
    if session_id is not None and session_id not in activity.sessions:
        message = _("That session is not one of the sessions of {title}.")
        raise NotFoundError(message.format(title=activity.title))
    if session_id is None and "session_date" not in mapping.values():
        raise ValidationError(
            _("Choose the session the attendance is for, or a column with its date."),
            field="session",
        )


def _read_rows(
    table: Table, mapping: Mapping[int, str], activity: ActivitySessions, session_id: str | None
) -> tuple[list[AttendanceRow], list[RejectedRow]]:
    rows: list[AttendanceRow] = []
    rejected: list[RejectedRow] = []
    for line, cells in table.rows:
        read = parse_attendance_row(line, cells, mapping)
        if isinstance(read, AttendanceCells):
            read = route_row(read, activity, session_id)
        (rows if isinstance(read, AttendanceRow) else rejected).append(read)  # type: ignore[arg-type]
    return rows, rejected


def _with_rejected(
    outcomes: Sequence[AttendanceOutcome], rejected: Sequence[RejectedRow]
) -> tuple[AttendanceOutcome, ...]:
    refused = [
        AttendanceOutcome(RowOutcome(r.line, r.name, REJECT, reason=r.reason)) for r in rejected
    ]
    return tuple(sorted([*outcomes, *refused], key=lambda o: o.line))


def _session_gone(title: str) -> str:
    return _(
        "A session of {title} was removed after the preview. Nothing was imported: look at the "
        "sessions and import the file again."
    ).format(title=title)
