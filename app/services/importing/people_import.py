"""Importing people (and their organisations) from a spreadsheet: preview, then apply.

``preview()`` reads the file, maps its columns, reads every row and says what would happen to
it, writing nothing. ``apply()`` backs the database up, then classifies the rows again against
the database as it is now and writes them in ONE transaction: an error, a crash or a cancel
leaves the database exactly as it was. Rows that cannot be read are skipped and reported with
their line number (as Excel shows it) and the reason.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from app.backup_files import make_backup_file
from app.db import Database
from app.errors import ImportRejected, ValidationError
from app.i18n import _
from app.services.context import DataFolder
from app.services.importing.checks import (
    organisations_to_restore,
    trashed_organisations,
    with_consent_warnings,
)
from app.services.importing.headers import check_mapping, guess_mapping, has_name
from app.services.importing.matching import (
    CREATE,
    POLICIES,
    REJECT,
    SKIP,
    UPDATE,
    KeyIndex,
    RowOutcome,
    classify,
    count,
    organisation_keys,
)
from app.services.importing.reader import Table, read_table
from app.services.importing.summary import ImportSummary, RowWarning
from app.services.importing.values import ParsedRow, RejectedRow, parse_row
from app.services.importing.writing import cancelled_error, write_rows
from app.services.text import clean

log = logging.getLogger(__name__)

PREVIEW_ROWS = 50
SAMPLE_ROWS = 5


@dataclass(frozen=True, slots=True)
class TableInfo:
    """What the mapping dialog shows: the headers, a few rows, and the guessed mapping."""

    file_name: str
    headers: tuple[str, ...]
    sample: tuple[tuple[str, ...], ...]
    mapping: Mapping[int, str]
    row_count: int
    encoding: str
    delimiter: str
    header_line: int


@dataclass(frozen=True, slots=True)
class ImportPlan:
    """What importing a file would do, computed without writing anything."""

    path: Path
    encoding: str
    delimiter: str
    headers: tuple[str, ...]
    mapping: Mapping[int, str]
    policy: str
    rows: tuple[ParsedRow, ...] = field(repr=False)
    rejected: tuple[RejectedRow, ...]
    outcomes: tuple[RowOutcome, ...] = field(repr=False)  # every row, rejected too, by line
    new_organisations: tuple[str, ...]
    restored_organisations: tuple[str, ...] = ()  # in the trash: brought back by the import

    @property
    def preview(self) -> tuple[RowOutcome, ...]:
        """The first rows' outcomes, for the preview table."""
        return self.outcomes[:PREVIEW_ROWS]

    def summary(self) -> ImportSummary:
        """What applying this plan now would do (a dry run)."""
        return summarise(
            self,
            self.outcomes,
            len(self.new_organisations),
            self.restored_organisations,
            dry_run=True,
        )


def summarise(
    plan: ImportPlan,
    outcomes: tuple[RowOutcome, ...],
    organisations_created: int,
    organisations_restored: tuple[str, ...],
    *,
    dry_run: bool,
    backup: Path | None = None,
) -> ImportSummary:
    """The summary of ``outcomes`` (the plan's, or those of the rows as really written)."""
    return ImportSummary(
        file_name=plan.path.name,
        created=count(outcomes, CREATE),
        updated=count(outcomes, UPDATE),
        duplicates=tuple(o.duplicate for o in outcomes if o.duplicate),
        rejected=plan.rejected,
        warnings=tuple(RowWarning(o.line, w) for o in outcomes for w in o.warnings),
        organisations_created=organisations_created,
        dry_run=dry_run,
        backup=backup,
        organisations_restored=organisations_restored,
    )


class ImportService:
    """Imports people and their organisations from CSV or XLSX files into one data folder."""

    def __init__(self, db: Database, folder: DataFolder):
        self.db = db
        self.folder = folder

    def inspect(self, path: str | Path) -> TableInfo:
        """Read ``path`` and guess its mapping, for the mapping dialog (even with no name column).

        Raises :class:`ImportRejected` when the file itself cannot be used.
        """
        path = Path(path)
        table = read_table(path)
        return TableInfo(
            file_name=path.name,
            headers=table.headers,
            sample=tuple(cells for _line, cells in table.rows[:SAMPLE_ROWS]),
            mapping=guess_mapping(table.headers),
            row_count=len(table.rows),
            encoding=table.encoding,
            delimiter=table.delimiter,
            header_line=table.header_line,
        )

    def preview(
        self, path: str | Path, mapping: Mapping[int, str] | None = None, policy: str = "skip"
    ) -> ImportPlan:
        """What importing ``path`` would do; writes nothing.

        ``mapping`` is ``{column index: field}`` (guessed from the headers when ``None``);
        ``policy`` says what to do with possible duplicates: ``"skip"``, ``"create"`` or
        ``"update"`` (fill in only what the matched person is missing). Rows giving consent for
        someone who withdrew it carry a warning; organisations only in the trash are listed in
        ``restored_organisations``. Raises :class:`ImportRejected` for a file that cannot be
        imported at all.
        """
        if policy not in POLICIES:
            raise ValidationError(
                _("Choose what to do with possible duplicates: skip, create or update."),
                field="policy",
            )
        path = Path(path)
        table = read_table(path)
        used = guess_mapping(table.headers) if mapping is None else check_mapping(mapping)
        if not has_name(used) and mapping is not None:
            raise ValidationError(
                _("Choose the column that holds the names (full name, given or family name)."),
                field="mapping",
            )
        if not has_name(used):
            raise ImportRejected(_no_name_column(path, table))
        parsed, rejected = _parse(table, used)
        with self.db.session() as s:
            outcomes = classify(parsed, KeyIndex.load(s), policy)
            outcomes = with_consent_warnings(s, parsed, outcomes)
            known = organisation_keys(s)
            trashed = trashed_organisations(s)
        return ImportPlan(
            path=path,
            encoding=table.encoding,
            delimiter=table.delimiter,
            headers=table.headers,
            mapping=dict(used),
            policy=policy,
            rows=tuple(parsed),
            rejected=tuple(rejected),
            outcomes=_with_rejected(outcomes, rejected),
            new_organisations=new_organisations(parsed, outcomes, known),
            restored_organisations=organisations_to_restore(parsed, outcomes, trashed),
        )

    def apply(
        self,
        source: ImportPlan | str | Path,
        mapping: Mapping[int, str] | None = None,
        policy: str = "skip",
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> ImportSummary:
        """Import a previewed plan (or a file, previewed now) in one transaction.

        Backs the database up first. The rows are matched again against the database as it is
        now. ``progress(done, total)`` and ``cancelled()`` are plain callables, called from the
        thread running ``apply``; when ``cancelled()`` turns true, everything is rolled back
        and :class:`app.errors.Cancelled` is raised (as ``views/workers.py`` expects).
        """
        plan = source if isinstance(source, ImportPlan) else self.preview(source, mapping, policy)
        if cancelled is not None and cancelled():
            raise cancelled_error()
        backup = None
        if plan.rows:
            made = make_backup_file(self.folder.database, self.folder.backups, "before-import")
            backup = made.path
        collected_by = clean(f"import: {plan.path.name}")[:200]
        with self.db.session() as s:
            outcomes = classify(plan.rows, KeyIndex.load(s), plan.policy)
            outcomes = with_consent_warnings(s, plan.rows, outcomes)
            done = write_rows(s, plan.rows, outcomes, collected_by, progress, cancelled)
        log.info("import applied: %d rows read, %d rejected", len(plan.rows), len(plan.rejected))
        return summarise(
            plan,
            _with_rejected(outcomes, list(plan.rejected)),
            done.organisations_created,
            done.organisations_restored,
            dry_run=False,
            backup=backup,
        )


def _no_name_column(path: Path, table: Table) -> str:
    return _(
        "No column of {name} holds people's names. The row of column titles (row {line} here) "
        "must name them, for example “Nombre”, “Apellidos”, “Correo”, “Entidad”. Nothing was "
        "imported."
    ).format(name=path.name, line=table.header_line)


def _parse(table: Table, mapping: Mapping[int, str]) -> tuple[list[ParsedRow], list[RejectedRow]]:
    parsed: list[ParsedRow] = []
    rejected: list[RejectedRow] = []
    for line, cells in table.rows:
        row = parse_row(line, cells, mapping)
        (parsed if isinstance(row, ParsedRow) else rejected).append(row)  # type: ignore[arg-type]
    return parsed, rejected


def _with_rejected(
    outcomes: list[RowOutcome], rejected: list[RejectedRow]
) -> tuple[RowOutcome, ...]:
    every = outcomes + [RowOutcome(r.line, r.name, REJECT, reason=r.reason) for r in rejected]
    return tuple(sorted(every, key=lambda o: o.line))


def new_organisations(
    rows: list[ParsedRow], outcomes: list[RowOutcome], known: set[str]
) -> tuple[str, ...]:
    """The organisations the rows name that are not in the directory (first spelling kept)."""
    new: dict[str, str] = {}
    for row, outcome in zip(rows, outcomes, strict=True):
        key = row.organisation_key
        if key and outcome.action != SKIP and key not in known:
            new.setdefault(key, clean(row.organisation))
    return tuple(new.values())
