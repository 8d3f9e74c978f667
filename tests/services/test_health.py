"""Database checks on sound and damaged files, and the unclean-shutdown marker."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

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
