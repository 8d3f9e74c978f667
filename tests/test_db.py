"""Connection settings and real transactions."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from app.db import Database, journal_mode_for, make_engine, wal_is_safe


@pytest.mark.parametrize(
    ("version", "safe"),
    [
        ((3, 40, 1), False),
        ((3, 44, 5), False),
        ((3, 44, 6), True),
        ((3, 45, 0), False),
        ((3, 50, 6), False),
        ((3, 50, 7), True),
        ((3, 51, 2), False),
        ((3, 51, 3), True),
        ((3, 52, 0), True),
    ],
)
def test_wal_only_on_sqlite_versions_with_the_fix(version, safe) -> None:
    assert wal_is_safe(version) is safe
    assert journal_mode_for(version) == ("WAL" if safe else "DELETE")


def test_every_connection_gets_the_safety_pragmas(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "t.db")
    with engine.connect() as c:
        assert c.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert c.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert c.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000
        assert c.exec_driver_sql("PRAGMA trusted_schema").scalar() == 0
    engine.dispose()


def test_ddl_rolls_back_with_the_transaction(tmp_path: Path) -> None:
    db = Database(tmp_path / "t.db")
    with pytest.raises(RuntimeError), db.session() as s:
        s.execute(text("CREATE TABLE t (x INTEGER)"))
        s.execute(text("INSERT INTO t VALUES (1)"))
        raise RuntimeError("boom")
    with db.session() as s:
        assert s.execute(text("SELECT name FROM sqlite_master WHERE name='t'")).first() is None
    db.dispose()


def test_a_full_disk_gives_a_plain_message_and_loses_nothing(services) -> None:
    from sqlalchemy import event

    from app.errors import DatabaseError
    from app.services.people import PersonData

    services.people.save(PersonData(full_name="Ana Pérez"))
    engine = services.db.engine
    with engine.connect() as c:
        pages = c.exec_driver_sql("PRAGMA page_count").scalar()

    def no_room_left(dbapi_connection, _record) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count={pages}")

    event.listen(engine, "connect", no_room_left)
    engine.dispose()
    with pytest.raises(DatabaseError, match="disk is full"):
        services.people.save(PersonData(full_name="X", notes="y" * 200_000))
    event.remove(engine, "connect", no_room_left)
    engine.dispose()
    assert [p.full_name for p in services.people.list()] == ["Ana Pérez"]
