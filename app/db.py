"""The database engine: connection settings, real transactions, and the unit-of-work scope.

Every connection gets ``foreign_keys=ON``, ``synchronous=FULL``, a busy timeout and
``trusted_schema=OFF``. Python's ``sqlite3`` module is told not to manage transactions itself and
SQLAlchemy emits ``BEGIN``, so DDL and savepoints really roll back (SQLAlchemy's documented recipe).

The journal mode is chosen from the SQLite the program runs on: WAL had a corruption bug with
several connections before 3.51.3 (fixed too in 3.44.6 and 3.50.7), so older runtimes use the
rollback journal, which is what a single-user desktop program needs anyway.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DatabaseError as SQLAlchemyDatabaseError
from sqlalchemy.orm import Session, sessionmaker

from app.errors import DatabaseError
from app.i18n import N_, _

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5000


def wal_is_safe(version: tuple[int, int, int]) -> bool:
    """Whether this SQLite version carries the fix for the WAL multi-connection corruption bug."""
    if version >= (3, 51, 3):
        return True
    return (3, 44, 6) <= version < (3, 45, 0) or (3, 50, 7) <= version < (3, 51, 0)


def journal_mode_for(version: tuple[int, int, int]) -> str:
    return "WAL" if wal_is_safe(version) else "DELETE"


def runtime_sqlite_version() -> tuple[int, int, int]:
    major, minor, patch = (int(p) for p in sqlite3.sqlite_version.split(".")[:3])
    return major, minor, patch


def add_sql_functions(connection: sqlite3.Connection) -> None:
    """The Python functions Tejido's SQL uses, on one SQLite connection."""
    from app.services.sync.clock import add_known, saw
    from app.services.text import fold

    # fold(text): accents and case removed, as Python does it (SQLite's lower() is ASCII-only).
    connection.create_function("fold", 1, fold, deterministic=True)
    # sync's knowledge vectors (app/services/sync/clock.py), used in its merge queries.
    connection.create_function("sync_saw", 2, saw, deterministic=True)
    connection.create_function("sync_add_known", 2, add_known, deterministic=True)


def make_engine(
    db_path: Path, *, foreign_keys: bool = True, read_only: bool = False, immediate: bool = False
) -> Engine:
    """An engine on ``db_path`` with Tejido's connection settings on every connection."""
    if read_only:
        url = f"sqlite:///file:{db_path.as_posix()}?mode=ro&uri=true"
    else:
        url = f"sqlite:///{db_path.as_posix()}"
    engine = create_engine(
        url,
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000},
        # Error messages and logs must not carry names or notes: SQL parameters stay out.
        hide_parameters=True,
    )
    journal = journal_mode_for(runtime_sqlite_version())

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN itself (see "begin")
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA trusted_schema=OFF")
        if not read_only:
            cursor.execute(f"PRAGMA journal_mode={journal}")
            cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()
        add_sql_functions(dbapi_connection)

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:  # type: ignore[no-untyped-def]
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


# SQLite's words for problems of the disk or the file, and what to tell the person.
_STORAGE_PROBLEMS = {
    "database or disk is full": N_(
        "The disk is full, so the change was not saved. Nothing was lost: free some space "
        "(empty the recycle bin, remove large files) and try again."
    ),
    "readonly database": N_(
        "The data folder is read-only, so the change was not saved. Nothing was lost: check "
        "that you may write in {path}."
    ),
    "database is locked": N_(
        "The database is busy with another program, so the change was not saved. Nothing was "
        "lost: close other programs that may use the data folder and try again."
    ),
    "malformed": N_(
        "The database file is damaged, so the change was not saved. Run 'tejido check --full' "
        "and restore the newest good backup from the Backups window or with 'tejido restore'."
    ),
    "file is not a database": N_(
        "The database file is damaged, so the change was not saved. Run 'tejido check --full' "
        "and restore the newest good backup from the Backups window or with 'tejido restore'."
    ),
    "disk i/o error": N_(
        "The disk could not be read or written, so the change was not saved. Nothing was "
        "lost: if the data is on a USB stick, check it is plugged in; then try again."
    ),
}


def storage_error(error: SQLAlchemyDatabaseError, path: Path | None = None) -> Exception:
    """A plain-words :class:`DatabaseError` for a disk or file problem; other errors as they are."""
    text = str(error.orig).lower()
    for marker, message in _STORAGE_PROBLEMS.items():
        if marker in text:
            return DatabaseError(_(message).format(path=path or ""))
    return error


class Database:
    """The open database of one data folder. Services receive it and open one session per call."""

    def __init__(self, db_path: Path):
        self.path = db_path
        self.engine = make_engine(db_path)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        # Run inside each unit of work just before it commits (sync records the changes).
        self.commit_hooks: list[Callable[[Session], None]] = []

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work: commits when the block ends normally, rolls back on any error."""
        session = self._sessions()
        try:
            yield session
            for hook in self.commit_hooks:
                hook(session)
            session.commit()
        except SQLAlchemyDatabaseError as error:
            session.rollback()
            raise storage_error(error, self.path.parent) from error
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def optimize(self) -> None:
        """Let SQLite refresh its query-planner statistics where useful (cheap; on close)."""
        with self.engine.begin() as connection:
            connection.exec_driver_sql("PRAGMA optimize")

    def analyze(self) -> None:
        """Gather the query planner's statistics now (after filling tables in bulk)."""
        with self.engine.begin() as connection:
            connection.exec_driver_sql("ANALYZE")

    def dispose(self) -> None:
        """Close every pooled connection (before the file is replaced by a restore)."""
        self.engine.dispose()
