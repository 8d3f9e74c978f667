"""Is the database sound? Quick and full checks, and a marker that tells an unclean shutdown.

The checks read the file through their own read-only SQLite connection and never migrate or
change it, so they also work on a damaged file, a file of junk or one from a newer Tejido. The
one exception is a write that a crash left unfinished in the live database: SQLite rolls it back
first (as the next normal open would), so a hot journal is not reported as damage.
At start the GUI calls :func:`was_unclean_shutdown` then :func:`mark_running`, runs the full check
after an unclean shutdown (the quick one otherwise), and calls :func:`mark_clean_exit` on exit.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.backup_files import integrity_problem, recover_hot_journal
from app.db import Database
from app.errors import DatabaseError
from app.i18n import _
from app.migrate import KNOWN_REVISIONS, SCHEMA_HEAD, database_revision
from app.models.catalogue import outside_the_models
from app.services.context import DataFolder
from app.settings import write_atomically

log = logging.getLogger(__name__)

MARKER_NAME = "running.marker"


@dataclass(frozen=True, slots=True)
class CheckResult:
    """What a check found. ``problems`` are plain sentences; ``notes`` are not problems.

    ``counts`` (table name, rows) is filled by the full check of a sound database.
    """

    ok: bool
    problems: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    revision: str | None = None
    full: bool = False
    counts: tuple[tuple[str, int], ...] = ()

    @property
    def from_newer_version(self) -> bool:
        """Whether the file was written by a newer Tejido (refused, never "repaired")."""
        return self.revision is not None and self.revision not in KNOWN_REVISIONS

    @property
    def records(self) -> int:
        return sum(count for _table, count in self.counts)


def check_database(path: Path, *, full: bool = False, recover: bool = True) -> CheckResult:
    """Check the database file at ``path`` without changing its data.

    The quick check runs ``PRAGMA quick_check`` and makes sure the schema is one this program
    knows; the full one runs ``integrity_check`` and ``foreign_key_check`` and counts the records.
    With ``recover`` (for the live database) a write a crash left unfinished is rolled back
    first; pass ``recover=False`` to look at a backup, which is then never written to.
    """
    if not path.exists():
        return _failed(_("There is no database at {path}.").format(path=path), full=full)
    if recover:
        recover_hot_journal(path)
    try:
        revision = database_revision(path, recover=False)
    except DatabaseError as error:
        return _failed(str(error), full=full)
    except OSError as error:
        problem = _("The database {path} cannot be read ({reason}).").format(
            path=path, reason=error.strerror or error
        )
        return _failed(problem, full=full)
    if revision is None:
        return _failed(
            _("The file {path} holds no Tejido data (it is empty).").format(path=path), full=full
        )
    if revision not in KNOWN_REVISIONS:
        problem = _(
            "The database was saved by a newer version of Tejido (schema {revision}); this "
            "version cannot check it. Install the newest Tejido."
        ).format(revision=revision)
        return _failed(problem, full=full, revision=revision)
    detail = integrity_problem(path, full=full)
    if detail:
        problem = _("SQLite found damage in the database: {detail}").format(detail=detail)
        return _failed(problem, full=full, revision=revision)
    notes: tuple[str, ...] = ()
    if revision != SCHEMA_HEAD:
        notes = (
            _(
                "The database uses an older layout ({revision}); Tejido will back it up and "
                "upgrade it the next time it opens."
            ).format(revision=revision),
        )
    counts = _count_records(path) if full else ()
    log.info("database check passed (full=%s)", full)
    return CheckResult(ok=True, notes=notes, revision=revision, full=full, counts=counts)


def _failed(problem: str, *, full: bool, revision: str | None = None) -> CheckResult:
    log.info("database check failed (full=%s)", full)
    return CheckResult(ok=False, problems=(problem,), revision=revision, full=full)


def _count_records(path: Path) -> tuple[tuple[str, int], ...]:
    con = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
    try:
        tables = [
            row[0]
            for row in con.execute(
                "SELECT name FROM sqlite_master WHERE type='table' "
                "AND name NOT LIKE 'sqlite_%' AND name != 'alembic_version' ORDER BY name"
            )
            if not outside_the_models(row[0], "table")  # the search index is not records
        ]
        return tuple(
            (table, con.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])
            for table in tables
        )
    finally:
        con.close()


class HealthService:
    """The checks of one open data folder's database, for the GUI's "Check database" action."""

    def __init__(self, db: Database, folder: DataFolder):
        self.db = db
        self.folder = folder

    def quick_check(self) -> CheckResult:
        """``PRAGMA quick_check`` and a known schema: fast enough for every start."""
        return check_database(self.folder.database, full=False)

    def full_check(self) -> CheckResult:
        """``integrity_check``, ``foreign_key_check``, the schema revision and record counts."""
        return check_database(self.folder.database, full=True)


def _marker(folder: DataFolder | Path) -> Path:
    root = folder.root if isinstance(folder, DataFolder) else folder
    return root / MARKER_NAME


def was_unclean_shutdown(folder: DataFolder | Path) -> bool:
    """Whether the last run ended without :func:`mark_clean_exit` (a crash or a power cut)."""
    return _marker(folder).exists()


def mark_running(folder: DataFolder | Path) -> None:
    """Leave the marker that :func:`mark_clean_exit` removes; call it once the window opens."""
    stamp = f"{os.getpid()} {datetime.now().isoformat(timespec='seconds')}\n"
    write_atomically(_marker(folder), stamp.encode())


def mark_clean_exit(folder: DataFolder | Path) -> None:
    """Remove the marker: the program is closing normally."""
    _marker(folder).unlink(missing_ok=True)
