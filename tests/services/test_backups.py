"""Backups: make, list, restore, retention, refusals that change nothing, the extra copy folder."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from app.backup_files import backups_to_delete, integrity_problem
from app.errors import BackupError, NewerDatabaseError, ValidationError
from app.services.backups import BackupService
from app.services.people import PersonData
from app.services.registry import Services


def names(services: Services) -> set[str]:
    return {row.full_name for row in services.people.list()}


def people_in_file(path: Path) -> set[str]:
    con = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
    try:
        return {row[0] for row in con.execute("SELECT full_name FROM people")}
    finally:
        con.close()


@pytest.fixture
def backups(services: Services) -> BackupService:
    return BackupService(services.db, services.folder)


def test_make_list_restore_round_trip(services: Services, backups: BackupService) -> None:
    services.people.save(PersonData(full_name="Ana Ruiz"))
    made = backups.make_now()
    assert made.reason == "manual" and made.size > 0
    assert [b.path for b in backups.list()] == [made.path]
    assert integrity_problem(made.path) is None

    services.people.save(PersonData(full_name="Berta Gil"))
    result = backups.restore(made.path)

    assert names(services) == {"Ana Ruiz"}  # the same services keep working after the restore
    assert result.safety is not None and result.safety.reason == "before-restore"
    assert people_in_file(result.safety.path) == {"Ana Ruiz", "Berta Gil"}
    assert [b.path for b in backups.list()] == [result.safety.path, made.path]


def test_list_is_newest_first(backups: BackupService) -> None:
    first = backups.make_now()
    second = backups.make_now("before-import")
    assert [b.path for b in backups.list()] == [second.path, first.path]
    assert backups.list()[0].reason == "before-import"


@dataclass(frozen=True)
class Fake:
    made_at: datetime
    reason: str = "automatic"


NOW = datetime(2026, 5, 20, 12, 0)


def test_retention_keeps_one_per_day_in_the_last_week() -> None:
    today = [Fake(NOW - timedelta(minutes=m)) for m in (1, 2, 3)]
    older_same_day = Fake(NOW - timedelta(days=2, hours=1))
    newer_same_day = Fake(NOW - timedelta(days=2))
    doomed = backups_to_delete([*today, older_same_day, newer_same_day], NOW)
    assert doomed == [older_same_day]


def test_retention_always_keeps_the_newest_three() -> None:
    ancient = [Fake(NOW - timedelta(days=800 + d), "before-upgrade") for d in range(5)]
    doomed = backups_to_delete(ancient, NOW)
    assert doomed == ancient[3:]
    same_day = [Fake(NOW - timedelta(minutes=m), "before-import") for m in range(5)]
    assert backups_to_delete(same_day, NOW) == same_day[3:]


def test_retention_over_a_year_and_a_half_of_daily_backups() -> None:
    start = datetime(2025, 1, 1, 9, 0)
    kept: list[Fake] = []
    for day in range(540):
        now = start + timedelta(days=day)
        kept.append(Fake(now))
        if day % 40 == 0:
            kept.append(Fake(now + timedelta(minutes=5), "before-upgrade"))
        doomed = backups_to_delete(kept, now)
        kept = [b for b in kept if b not in doomed]
    ages = sorted((now - b.made_at).days for b in kept)
    assert ages[:7] == list(range(7))  # one a day for a week
    assert max(ages) < 365 and max(ages) > 320  # one a month for a year, nothing older
    recent_month = [a for a in ages if 7 <= a < 31]
    assert 3 <= len(recent_month) <= 5  # about one a week for the month
    gaps = [b - a for a, b in zip(ages, ages[1:], strict=False)]
    assert max(gaps) <= 40
    assert len(kept) <= 7 + 5 + 13


def fake_backup_file(folder: Path, made_at: datetime, reason: str = "automatic") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"tejido-{made_at:%Y%m%d-%H%M%S}-{reason}.db"
    path.write_bytes(b"not checked by pruning")
    return path


def test_automatic_backup_once_a_day_and_old_ones_pruned(
    services: Services, backups: BackupService
) -> None:
    now = datetime.now()
    two_years = fake_backup_file(services.folder.backups, now - timedelta(days=730))
    yesterday = fake_backup_file(services.folder.backups, now - timedelta(days=1))
    last_week = fake_backup_file(services.folder.backups, now - timedelta(days=3))
    older_same_week = fake_backup_file(services.folder.backups, now - timedelta(days=3, hours=2))

    made = backups.automatic_if_due()
    assert made is not None and made.reason == "automatic"
    assert backups.automatic_if_due() is None  # one a day
    left = {b.path for b in backups.list()}
    assert left == {made.path, yesterday, last_week}
    assert not two_years.exists() and not older_same_week.exists()


def test_automatic_backup_needs_a_database(tmp_path: Path, services: Services) -> None:
    from app.services.context import DataFolder

    empty = BackupService(services.db, DataFolder(tmp_path / "nothing"))
    assert empty.automatic_if_due() is None


def live_bytes(services: Services) -> bytes:
    return services.folder.database.read_bytes()


def future_backup(services: Services, tmp_path: Path) -> Path:
    path = tmp_path / "future.db"
    sqlite3.connect(path).close()
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
    con.execute("INSERT INTO alembic_version VALUES ('9999_from_the_future')")
    con.commit()
    con.close()
    return path


def junk_file(tmp_path: Path) -> Path:
    path = tmp_path / "junk.db"
    path.write_bytes(os.urandom(20_000))
    return path


def foreign_database(tmp_path: Path) -> Path:
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE recipes (name TEXT)")
    con.commit()
    con.close()
    return path


@pytest.mark.parametrize(
    ("make_file", "error"),
    [
        (lambda s, t: junk_file(t), BackupError),
        (lambda s, t: foreign_database(t), BackupError),
        (lambda s, t: t / "missing.db", BackupError),
        (future_backup, NewerDatabaseError),
    ],
    ids=["junk", "not-tejido", "missing", "newer"],
)
def test_restore_refuses_and_changes_nothing(
    services: Services, backups: BackupService, tmp_path: Path, make_file, error
) -> None:
    services.people.save(PersonData(full_name="Ana Ruiz"))
    before = live_bytes(services)
    bad = make_file(services, tmp_path)
    with pytest.raises(error, match="not changed"):
        backups.restore(bad)
    assert live_bytes(services) == before
    assert backups.list() == []  # not even a safety backup
    assert names(services) == {"Ana Ruiz"}


def corrupt_middle_page(path: Path) -> None:
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    middle = (len(data) // page // 2) * page
    data[middle : middle + page] = b"\xa5" * page
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", ["junk", "page"])
def test_restore_over_a_damaged_database(
    services: Services, backups: BackupService, damage: str
) -> None:
    from app.models import Person

    with services.db.session() as s:
        s.add_all(
            Person(full_name=f"Person {i}", name_key=f"person {i}", notes="n" * 200)
            for i in range(300)
        )
    made = backups.make_now()
    services.db.dispose()
    live = services.folder.database
    if damage == "junk":
        live.write_bytes(os.urandom(live.stat().st_size))
    else:
        corrupt_middle_page(live)
    assert integrity_problem(live) is not None

    result = backups.restore(made.path)

    assert integrity_problem(live) is None
    assert services.people.count() == 300
    assert result.safety is not None and result.safety.reason == "damaged"
    assert result.safety.path.exists()
    assert result.safety.path not in {b.path for b in backups.list()}


def test_backup_into_read_only_folder_is_a_clear_error(
    services: Services, backups: BackupService
) -> None:
    folder = services.folder.backups
    folder.mkdir()
    folder.chmod(0o500)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("running with rights that ignore folder permissions (root)")
        with pytest.raises(BackupError, match="could not be written"):
            backups.make_now()
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


def test_backup_where_the_backups_folder_cannot_be(
    services: Services, backups: BackupService
) -> None:
    services.folder.backups.write_bytes(b"a file where the folder should be")
    with pytest.raises(BackupError, match="backups folder"):
        backups.make_now()


def test_save_copy_writes_a_sound_file_and_never_overwrites(
    services: Services, backups: BackupService, tmp_path: Path
) -> None:
    services.people.save(PersonData(full_name="Ana Ruiz"))
    target = tmp_path / "for-the-auditor.db"
    backups.save_copy(target)
    assert people_in_file(target) == {"Ana Ruiz"}
    before = target.read_bytes()
    with pytest.raises(BackupError, match="already exists"):
        backups.save_copy(target)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_extra_copy_folder_gets_every_backup(
    services: Services, backups: BackupService, tmp_path: Path
) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    backups.set_copy_folder(stick)
    assert backups.copy_folder() == stick
    made = backups.make_now()
    assert made.copy_problem is None
    assert made.copy_path == stick / made.path.name
    assert made.copy_path.read_bytes() == made.path.read_bytes()
    assert sorted(p.name for p in stick.iterdir()) == [made.path.name]


def test_missing_extra_copy_folder_is_a_warning(
    services: Services, backups: BackupService, tmp_path: Path
) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    backups.set_copy_folder(stick)
    stick.rmdir()  # the USB stick was unplugged
    made = backups.make_now()
    assert made.path.exists() and made.copy_path is None
    assert made.copy_problem and str(stick) in made.copy_problem
    assert not stick.exists()  # never created on the internal disk


def test_extra_copy_folder_must_exist_and_can_be_cleared(
    backups: BackupService, tmp_path: Path
) -> None:
    with pytest.raises(ValidationError):
        backups.set_copy_folder(tmp_path / "nowhere")
    with pytest.raises(ValidationError):
        backups.set_copy_folder(backups.folder.backups.parent)
    stick = tmp_path / "stick"
    stick.mkdir()
    backups.set_copy_folder(stick)
    backups.set_copy_folder(None)
    assert backups.copy_folder() is None


def test_round_trip_with_the_write_ahead_log(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Newer SQLite runtimes use WAL: backups must still be single files, restores complete."""
    import app.db
    from app.services.context import DataFolder
    from app.services.registry import build_services

    monkeypatch.setattr(app.db, "journal_mode_for", lambda version: "WAL")
    services = build_services(DataFolder(data_dir))
    try:
        backups = BackupService(services.db, services.folder)
        services.people.save(PersonData(full_name="Ana Ruiz"))
        made = backups.make_now()
        assert made.path.read_bytes()[18:20] == b"\x01\x01"  # rollback journal: one file
        services.people.save(PersonData(full_name="Berta Gil"))
        backups.restore(made.path)
        assert names(services) == {"Ana Ruiz"}
        services.people.save(PersonData(full_name="Carla Paz"))
        assert names(services) == {"Ana Ruiz", "Carla Paz"}
    finally:
        services.db.dispose()
    assert sorted(p.name for p in data_dir.iterdir()) == ["backups", "tejido.db"]
    assert all(p.suffix == ".db" for p in services.folder.backups.iterdir())
