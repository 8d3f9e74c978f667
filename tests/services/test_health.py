"""Database checks on sound, damaged and crashed files, and the unclean-shutdown marker."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.backup_files import recover_hot_journal
from app.migrate import SCHEMA_HEAD
from app.services.health import (
    HealthService,
    check_database,
    mark_clean_exit,
    mark_running,
    was_unclean_shutdown,
)
from app.services.people import PersonData
from app.services.registry import Services


def fill(services: Services, how_many: int = 300) -> None:
    from app.models import Person

    with services.db.session() as s:
        s.add_all(
            Person(full_name=f"Person {i}", name_key=f"person {i}", notes="n" * 200)
            for i in range(how_many)
        )


def corrupt_middle_page(path: Path) -> None:
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    middle = (len(data) // page // 2) * page
    data[middle : middle + page] = b"\xa5" * page
    path.write_bytes(bytes(data))


def test_quick_and_full_check_of_a_sound_database(services: Services) -> None:
    services.people.save(PersonData(full_name="Ana Ruiz"))
    health = HealthService(services.db, services.folder)
    quick = health.quick_check()
    assert quick.ok and quick.problems == () and quick.revision == SCHEMA_HEAD
    full = health.full_check()
    assert full.ok and full.full
    assert dict(full.counts)["people"] == 1
    assert "alembic_version" not in dict(full.counts)


def test_a_file_of_junk_is_reported(data_dir: Path) -> None:
    path = data_dir / "tejido.db"
    path.write_bytes(os.urandom(8192))
    for full in (False, True):
        result = check_database(path, full=full)
        assert not result.ok
        assert "not a Tejido database" in result.problems[0]


def test_a_corrupted_page_is_found_without_changing_the_file(services: Services) -> None:
    fill(services)
    services.db.dispose()
    path = services.folder.database
    corrupt_middle_page(path)
    damaged = path.read_bytes()
    for full in (False, True):
        result = check_database(path, full=full)
        assert not result.ok and result.problems
    assert path.read_bytes() == damaged


def test_a_truncated_database_is_reported(services: Services) -> None:
    fill(services)
    services.db.dispose()
    path = services.folder.database
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    assert not check_database(path).ok


def test_a_database_from_a_newer_version_is_reported(services: Services) -> None:
    services.db.dispose()
    con = sqlite3.connect(services.folder.database)
    con.execute("UPDATE alembic_version SET version_num = '9999_future'")
    con.commit()
    con.close()
    result = check_database(services.folder.database, full=True)
    assert not result.ok and "newer version" in result.problems[0]


def test_a_missing_or_empty_file_is_reported(data_dir: Path) -> None:
    path = data_dir / "tejido.db"
    assert not check_database(path).ok
    path.write_bytes(b"")
    assert not check_database(path).ok


def test_unclean_shutdown_marker(data_dir: Path) -> None:
    assert not was_unclean_shutdown(data_dir)
    mark_running(data_dir)
    assert was_unclean_shutdown(data_dir)  # what the next start sees after a crash
    mark_clean_exit(data_dir)
    assert not was_unclean_shutdown(data_dir)
    mark_clean_exit(data_dir)  # closing twice is harmless


# A write transaction big enough to spill into the database file before it commits; the process
# then kills itself (SIGKILL) in the middle, as a crash or a power cut would.
_CRASHING_WRITER = """
import os, signal, sqlite3, sys
con = sqlite3.connect(sys.argv[1], isolation_level=None)
con.execute("PRAGMA journal_mode=DELETE")
con.execute("PRAGMA cache_size=5")
con.execute("BEGIN")
con.execute("UPDATE people SET notes = ?", ("half-done " * 100,))
os.kill(os.getpid(), signal.SIGKILL)
"""


def crash_mid_write(path: Path) -> None:
    """Leave ``path`` as a crash in the middle of a write does: changed pages and a hot journal.

    The database must hold enough people (see :func:`fill`) for the write to reach the file.
    """
    if not hasattr(signal, "SIGKILL"):
        pytest.skip("needs SIGKILL")
    done = subprocess.run([sys.executable, "-c", _CRASHING_WRITER, str(path)], check=False)
    assert done.returncode == -signal.SIGKILL
    journal = path.with_name(path.name + "-journal")
    assert journal.stat().st_size > 0, "the crash left a hot journal"
    assert b"half-done" in path.read_bytes(), "the half-done write reached the database file"
    read_only = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
    try:
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            read_only.execute("SELECT count(*) FROM people").fetchone()
    finally:
        read_only.close()


def half_done_rows(path: Path) -> int:
    con = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
    try:
        return con.execute("SELECT count(*) FROM people WHERE notes LIKE 'half-done%'").fetchone()[
            0
        ]
    finally:
        con.close()


def test_a_crash_in_the_middle_of_a_write_is_not_damage(services: Services) -> None:
    fill(services)
    services.db.dispose()
    path = services.folder.database
    crash_mid_write(path)

    for full in (True, False):
        result = check_database(path, full=full)
        assert result.ok, result.problems
    assert not path.with_name(path.name + "-journal").exists()
    assert half_done_rows(path) == 0
    assert dict(check_database(path, full=True).counts)["people"] == 300


def test_a_backup_with_a_hot_journal_is_only_looked_at(services: Services, tmp_path: Path) -> None:
    """A backup is never written to, even to roll back: it is reported, not changed."""
    fill(services)
    services.db.dispose()
    live = services.folder.database
    crash_mid_write(live)
    backup = tmp_path / "copied-from-a-crashed-laptop.db"
    shutil.copyfile(live, backup)
    shutil.copyfile(live.with_name("tejido.db-journal"), tmp_path / f"{backup.name}-journal")
    before = (backup.read_bytes(), (tmp_path / f"{backup.name}-journal").read_bytes())

    assert not check_database(backup, recover=False).ok
    assert recover_hot_journal(tmp_path / "not-a-database.db") is False
    assert (backup.read_bytes(), (tmp_path / f"{backup.name}-journal").read_bytes()) == before


def test_a_file_of_junk_with_a_journal_is_never_written_to(data_dir: Path) -> None:
    path = data_dir / "tejido.db"
    junk = os.urandom(8192)
    path.write_bytes(junk)
    journal = data_dir / "tejido.db-journal"
    journal.write_bytes(os.urandom(4096))
    assert recover_hot_journal(path) is False
    assert not check_database(path, full=True).ok
    assert path.read_bytes() == junk and journal.stat().st_size == 4096
