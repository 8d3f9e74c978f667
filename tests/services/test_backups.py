"""Backups: make, list, restore, retention, refusals that change nothing, the extra copy folder."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from app.backup_files import integrity_problem
from app.backup_retention import backups_to_delete
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
    same_day = [Fake(NOW - timedelta(minutes=m), "manual") for m in range(5)]
    assert backups_to_delete(same_day, NOW) == same_day[3:]


@pytest.mark.parametrize("reason", ["before-restore", "before-import", "before-merge"])
def test_a_backup_the_person_was_told_about_is_kept_thirty_days(reason: str) -> None:
    newer = [Fake(NOW - timedelta(hours=h)) for h in range(1, 4)]
    told = Fake(NOW - timedelta(days=2, hours=1), reason)
    newer_same_day = Fake(NOW - timedelta(days=2), "manual")
    plain = Fake(NOW - timedelta(days=2, hours=2), "manual")
    backups = [*newer, newer_same_day, told, plain]
    assert backups_to_delete(backups, NOW) == [plain]  # the rule still prunes the rest
    for days in (10, 27):  # still under 30 days old
        later = NOW + timedelta(days=days)
        assert told not in backups_to_delete([*backups, Fake(later)], later)
    a_month_on = NOW + timedelta(days=31)
    assert told in backups_to_delete([*backups, Fake(a_month_on)], a_month_on)


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
    # Two on the same calendar day three days ago (noon and ten), whatever the time now.
    three_days_ago = (now - timedelta(days=3)).replace(hour=12, minute=0, second=0)
    last_week = fake_backup_file(services.folder.backups, three_days_ago)
    older_same_week = fake_backup_file(services.folder.backups, three_days_ago - timedelta(hours=2))

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
        (lambda s, t: s.folder.backups.parent, BackupError),
        (future_backup, NewerDatabaseError),
    ],
    ids=["junk", "not-tejido", "missing", "a-folder", "newer"],
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


def test_damaged_files_kept_in_the_same_second_never_overwrite_each_other(
    services: Services, backups: BackupService, monkeypatch: pytest.MonkeyPatch
) -> None:
    import app.services.backups as module

    class SameSecond(datetime):
        @classmethod
        def now(cls, tz=None):  # type: ignore[no-untyped-def]
            return datetime(2026, 5, 20, 12, 0, 0)

    services.people.save(PersonData(full_name="Ana Ruiz"))
    made = backups.make_now()
    monkeypatch.setattr(module, "datetime", SameSecond)
    live = services.folder.database
    kept = []
    for _attempt in range(2):
        services.db.dispose()
        junk = os.urandom(live.stat().st_size)
        live.write_bytes(junk)
        result = backups.restore(made.path)
        assert result.safety is not None and result.safety.reason == "damaged"
        kept.append((result.safety.path, junk))
    assert [path.name for path, _junk in kept] == [
        "damaged-20260520-120000.db",
        "damaged-20260520-120000-2.db",
    ]
    assert all(path.read_bytes() == junk for path, junk in kept)
    assert not [p for p in services.folder.backups.iterdir() if p.name.endswith(".tmp")]
    assert names(services) == {"Ana Ruiz"}


def test_a_crash_in_the_middle_of_a_write_does_not_stop_a_backup(
    services: Services, backups: BackupService
) -> None:
    from tests.services.test_health import crash_mid_write, fill, half_done_rows

    fill(services)
    services.db.dispose()
    crash_mid_write(services.folder.database)

    made = backups.make_now()

    assert integrity_problem(made.path) is None
    assert half_done_rows(made.path) == 0 and half_done_rows(services.folder.database) == 0
    assert services.people.count() == 300


def test_restore_over_a_database_left_mid_write(services: Services, backups: BackupService) -> None:
    from app.services.health import check_database
    from tests.services.test_health import crash_mid_write, fill, half_done_rows

    fill(services, 10)
    made = backups.make_now()
    fill(services, 290)
    services.db.dispose()
    crash_mid_write(services.folder.database)

    result = backups.restore(made.path)

    assert services.people.count() == 10
    assert result.safety is not None and result.safety.reason == "before-restore"
    assert half_done_rows(result.safety.path) == 0
    assert (
        dict(check_database(result.safety.path, full=True, recover=False).counts)["people"] == 300
    )


def test_a_write_ahead_log_left_by_a_crash_is_played_back(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import app.db
    from app.backup_files import recover_hot_journal
    from app.services.context import DataFolder
    from app.services.registry import build_services

    monkeypatch.setattr(app.db, "journal_mode_for", lambda version: "WAL")
    services = build_services(DataFolder(data_dir))
    services.people.save(PersonData(full_name="Ana Ruiz"))
    live = services.folder.database
    wal = live.with_name("tejido.db-wal")
    assert wal.stat().st_size > 0  # Ana is only in the log yet
    crashed = {p.name: p.read_bytes() for p in data_dir.iterdir() if p.is_file()}
    services.db.dispose()
    for name, data in crashed.items():  # the files as a crash would have left them
        (data_dir / name).write_bytes(data)

    assert recover_hot_journal(live) is True
    assert not wal.exists() or wal.stat().st_size == 0
    assert people_in_file(live) == {"Ana Ruiz"}
    assert "Ana Ruiz" in people_in_file(BackupService(services.db, services.folder).make_now().path)


def test_a_broken_reference_is_named_in_the_check(services: Services) -> None:
    services.people.save(PersonData(full_name="Ana Ruiz"))
    services.db.dispose()
    con = sqlite3.connect(services.folder.database)
    con.execute("UPDATE people SET merged_into_id = 'nobody'")
    con.commit()
    con.close()
    problem = integrity_problem(services.folder.database)
    assert problem == "foreign key check failed in table people"


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
    own = backups.copy_subfolder()
    assert own is not None and own.parent == stick
    made = backups.make_now()
    assert made.copy_problem is None
    assert made.copy_path == own / made.path.name
    assert made.copy_path.read_bytes() == made.path.read_bytes()
    assert [p.name for p in stick.iterdir()] == [own.name]
    assert sorted(p.name for p in own.iterdir()) == [made.path.name]
    # the data folder keeps its subfolder: the same one next time, whoever asks
    assert BackupService(services.db, services.folder).copy_subfolder() == own


def test_data_folders_sharing_a_stick_never_prune_each_other(
    services: Services, backups: BackupService, tmp_path: Path
) -> None:
    from app.services.context import DataFolder
    from app.services.registry import build_services

    stick = tmp_path / "stick"
    stick.mkdir()
    backups.set_copy_folder(stick)
    (tmp_path / "other-laptop").mkdir()
    other = build_services(DataFolder(tmp_path / "other-laptop"))
    try:
        other.backups.set_copy_folder(stick)
        mine, theirs = backups.copy_subfolder(), other.backups.copy_subfolder()
        assert mine is not None and theirs is not None and mine != theirs
        now = datetime.now()
        recent = [now - timedelta(days=d) for d in (1, 2, 4)]  # the newest three always stay
        their_recent = [fake_backup_file(theirs, when) for when in recent]
        their_old = [fake_backup_file(theirs, now - timedelta(days=d)) for d in (400, 500)]
        my_recent = [fake_backup_file(mine, when) for when in recent]
        my_old = fake_backup_file(mine, now - timedelta(days=400))
        not_ours = fake_backup_file(stick, now - timedelta(days=600))  # of the old layout

        made = backups.automatic_if_due()  # makes a backup, copies it, applies the rule

        assert made is not None and made.copy_path == mine / made.path.name
        assert all(p.exists() for p in [*their_recent, *their_old, not_ours])
        assert not my_old.exists() and all(p.exists() for p in my_recent)
        other.backups.prune()
        assert not any(p.exists() for p in their_old)  # their own rule still works on theirs
        assert made.copy_path.exists() and all(p.exists() for p in my_recent)
    finally:
        other.db.dispose()


def test_the_folder_id_is_made_once_and_keeps_other_settings(
    services: Services, backups: BackupService, tmp_path: Path
) -> None:
    from app.settings import load_settings, update_settings

    update_settings(services.folder.root, extra={"import_folder": "/somewhere"})
    stick = tmp_path / "stick"
    stick.mkdir()
    backups.set_copy_folder(stick)
    first = load_settings(services.folder.root).extra
    assert first["import_folder"] == "/somewhere" and first["folder_id"]
    backups.set_copy_folder(None)
    backups.set_copy_folder(stick)
    assert load_settings(services.folder.root).extra == first
    assert backups.copy_subfolder() == stick / f"tejido-backups-{first['folder_id']}"


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
