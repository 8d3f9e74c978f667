"""Bring the database to the program's schema before the window opens.

- A database written by a newer Tejido is refused and left byte-for-byte untouched.
- Before any migration of an existing database, a verified backup is made.
- Migrations run with foreign keys off, inside one transaction (Alembic batch mode on SQLite).
- When the schema is already current, Alembic is not even imported (start-up time).
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from app.backup_files import SQLITE_HEADER, recover_hot_journal
from app.errors import DatabaseError, NewerDatabaseError

log = logging.getLogger(__name__)

# Every revision this program knows, oldest first; the last one is the schema it writes.
# A test checks that this list equals Alembic's history.
KNOWN_REVISIONS: tuple[str, ...] = (
    "0001_foundation",
    "0002_activities",
    "0003_certificates",
    "0004_mentoring",
    "0005_catalogue",
    "0006_network",
    "0007_sync",
)
SCHEMA_HEAD = KNOWN_REVISIONS[-1]


def database_revision(db_path: Path, *, recover: bool = True) -> str | None:
    """The schema revision stamped in ``db_path``; ``None`` for a new or empty database.

    Read-only. With ``recover`` (the live database: the default) a write that a crash left
    unfinished is rolled back first (:func:`app.backup_files.recover_hot_journal`); pass
    ``recover=False`` for a backup that is only looked at, which must never be changed.
    """
    from app.i18n import _

    if not db_path.exists() or db_path.stat().st_size == 0:
        return None
    with db_path.open("rb") as fp:
        if fp.read(16) != SQLITE_HEADER:
            raise DatabaseError(
                _(
                    "The file {path} is not a Tejido database (it may be damaged). It was left "
                    "as it is. Restore a backup, or start with another data folder."
                ).format(path=db_path)
            )
    if recover:
        recover_hot_journal(db_path)
    try:
        con = sqlite3.connect(f"file:{db_path.as_posix()}?mode=ro", uri=True)
        try:
            has_table = con.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
            ).fetchone()
            if not has_table:
                tables = con.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
                if tables:
                    raise DatabaseError(
                        _(
                            "The file {path} is an SQLite database but not one of Tejido's. "
                            "It was left as it is."
                        ).format(path=db_path)
                    )
                return None
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            con.close()
    except sqlite3.DatabaseError as error:
        raise DatabaseError(
            _(
                "The database {path} cannot be read ({reason}). It was left as it is. "
                "Restore a backup from the Backups window or with 'tejido restore'."
            ).format(path=db_path, reason=error)
        ) from error
    return row[0] if row else None


def check_not_newer(revision: str | None) -> None:
    from app.i18n import _

    if revision is not None and revision not in KNOWN_REVISIONS:
        raise NewerDatabaseError(
            _(
                "This data was saved by a newer version of Tejido. This version cannot open it "
                "safely, so it was left untouched. Install the newest Tejido to open it."
            )
        )


def migrate(db_path: Path, backups_dir: Path) -> bool:
    """Upgrade ``db_path`` to :data:`SCHEMA_HEAD`; returns whether a migration ran."""
    revision = database_revision(db_path)
    check_not_newer(revision)
    if revision == SCHEMA_HEAD:
        return False
    if revision is not None:
        from app.backup_files import make_backup_file

        make_backup_file(db_path, backups_dir, "before-upgrade")
    run_alembic_upgrade(db_path)
    log.info("database migrated from %s to %s", revision, SCHEMA_HEAD)
    return True


def alembic_config():  # type: ignore[no-untyped-def]
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent / "models" / "migrations"))
    return config


def run_alembic_upgrade(db_path: Path, target: str = "head") -> None:
    from alembic import command

    from app.db import make_engine

    engine = make_engine(db_path, foreign_keys=False)
    try:
        with engine.begin() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, target)
    finally:
        engine.dispose()
