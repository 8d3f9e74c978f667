"""Migrations: the schema they build equals the models; newer or foreign databases are refused."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from app.db import make_engine
from app.errors import DatabaseError, NewerDatabaseError
from app.migrate import KNOWN_REVISIONS, SCHEMA_HEAD, alembic_config, migrate
from app.models import Base
from app.models.catalogue import outside_the_models


def test_upgrade_from_empty_equals_the_models(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    assert migrate(db, tmp_path / "backups") is True
    engine = make_engine(db)
    with engine.connect() as connection:
        options = {
            "compare_type": True,
            "include_name": lambda name, type_, _parents: not outside_the_models(name, type_),
        }
        context = MigrationContext.configure(connection, opts=options)
        assert compare_metadata(context, Base.metadata) == []
    engine.dispose()


def test_known_revisions_are_alembics_history() -> None:
    script = ScriptDirectory.from_config(alembic_config())
    history = [r.revision for r in reversed(list(script.walk_revisions()))]
    assert tuple(history) == KNOWN_REVISIONS
    assert script.get_current_head() == SCHEMA_HEAD


def test_current_database_is_not_migrated_again(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    migrate(db, tmp_path / "backups")
    assert migrate(db, tmp_path / "backups") is False
    assert not (tmp_path / "backups").exists() or not any((tmp_path / "backups").iterdir())


def test_database_from_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    migrate(db, tmp_path / "backups")
    con = sqlite3.connect(db)
    con.execute("UPDATE alembic_version SET version_num = '9999_future'")
    con.commit()
    con.close()
    before = db.read_bytes()
    with pytest.raises(NewerDatabaseError, match="newer version"):
        migrate(db, tmp_path / "backups")
    assert db.read_bytes() == before


def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    db.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(DatabaseError, match="not a Tejido database"):
        migrate(db, tmp_path / "backups")
    assert db.read_bytes() == b"this is not a database at all" * 100


def test_another_programs_sqlite_database_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE songs (title TEXT)")
    con.commit()
    con.close()
    before = db.read_bytes()
    with pytest.raises(DatabaseError, match="not one of Tejido's"):
        migrate(db, tmp_path / "backups")
    assert db.read_bytes() == before


def test_older_database_is_backed_up_before_migrating(tmp_path: Path, monkeypatch) -> None:
    db = tmp_path / "t.db"
    migrate(db, tmp_path / "backups")
    ran = []
    monkeypatch.setattr("app.migrate.SCHEMA_HEAD", "0002_pretend")
    monkeypatch.setattr("app.migrate.KNOWN_REVISIONS", (*KNOWN_REVISIONS, "0002_pretend"))
    monkeypatch.setattr("app.migrate.run_alembic_upgrade", lambda path: ran.append(path))
    assert migrate(db, tmp_path / "backups") is True
    assert ran == [db]
    backups = list((tmp_path / "backups").glob("tejido-*-before-upgrade.db"))
    assert len(backups) == 1


def test_a_crash_mid_write_is_rolled_back_before_reading_the_revision(tmp_path: Path) -> None:
    from app.migrate import database_revision
    from tests.services.test_health import crash_mid_write, half_done_rows

    db = tmp_path / "t.db"
    migrate(db, tmp_path / "backups")
    con = sqlite3.connect(db)
    con.executemany(
        "INSERT INTO people (id, full_name, given_name, family_name, name_key, gender, email, "
        "phone, phone_key, preferred_language, expertise, interests, accessibility_needs, "
        "notes, created_at, updated_at) VALUES (?, 'P', '', '', 'p', 'not_stated', '', '', '', "
        "'', '', '', '', ?, '2026-01-01', '2026-01-01')",
        [(f"id-{i}", "n" * 300) for i in range(300)],
    )
    con.commit()
    con.close()
    crash_mid_write(db)
    before = db.read_bytes()

    with pytest.raises(DatabaseError, match="cannot be read"):
        database_revision(db, recover=False)  # a backup is only looked at, never rolled back
    assert db.read_bytes() == before

    assert database_revision(db) == SCHEMA_HEAD
    assert migrate(db, tmp_path / "backups") is False
    assert half_done_rows(db) == 0
