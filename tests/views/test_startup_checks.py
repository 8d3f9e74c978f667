"""Opening a data folder at start: a damaged database is never opened; a good backup is offered."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from app.services.context import DataFolder
from app.services.health import mark_running, was_unclean_shutdown
from app.services.people import PersonData
from app.services.registry import build_services
from app.views.startup_checks import open_checked


def _damage(path: Path) -> None:
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 4096] = b"\xde\xad\xbe\xef" * 1024
    path.write_bytes(bytes(data))


def _folder_with_a_backup(data_dir: Path) -> DataFolder:
    services = build_services(DataFolder(data_dir))
    for number in range(300):
        services.people.save(PersonData(full_name=f"Persona {number}"))
    services.backups.make_now()
    services.db.dispose()
    return services.folder


def test_a_sound_folder_opens_and_is_marked_running(data_dir: Path) -> None:
    folder = _folder_with_a_backup(data_dir)
    services = open_checked(folder)
    assert services is not None and services.people.count() == 300
    assert was_unclean_shutdown(folder)  # the marker stays until a clean exit
    services.db.dispose()


def test_a_damaged_database_is_restored_from_the_newest_good_backup(
    data_dir: Path, monkeypatch
) -> None:
    folder = _folder_with_a_backup(data_dir)
    _damage(folder.database)
    asked = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda *a, **k: asked.append(a) or QMessageBox.StandardButton.Yes
    )
    services = open_checked(folder)
    assert asked, "the person was asked before anything was restored"
    assert services is not None and services.people.count() == 300
    assert list(folder.backups.glob("damaged-*")), "the damaged file is kept aside"
    services.db.dispose()


def test_declining_the_restore_leaves_the_damaged_file_alone(data_dir: Path, monkeypatch) -> None:
    folder = _folder_with_a_backup(data_dir)
    _damage(folder.database)
    before = folder.database.read_bytes()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    assert open_checked(folder) is None
    assert folder.database.read_bytes() == before


def test_an_unclean_shutdown_runs_the_full_check(data_dir: Path, monkeypatch) -> None:
    folder = _folder_with_a_backup(data_dir)
    mark_running(folder)
    seen = []
    import app.views.startup_checks as checks

    real = checks.check_database
    monkeypatch.setattr(
        checks,
        "check_database",
        lambda path, full=False: seen.append(full) or real(path, full=full),
    )
    services = open_checked(folder)
    assert seen == [True]
    services.db.dispose()


def _never_ask(*_args, **_kwargs):  # type: ignore[no-untyped-def]
    raise AssertionError("the person was asked about a restore")


def test_a_crash_in_the_middle_of_a_write_opens_without_asking(data_dir: Path, monkeypatch) -> None:
    from tests.services.test_health import crash_mid_write, half_done_rows

    folder = _folder_with_a_backup(data_dir)
    mark_running(folder)  # the crash left the marker: the full check runs
    crash_mid_write(folder.database)
    monkeypatch.setattr(QMessageBox, "question", _never_ask)
    monkeypatch.setattr(QMessageBox, "critical", _never_ask)

    services = open_checked(folder)

    assert services is not None and services.people.count() == 300
    services.db.dispose()
    assert half_done_rows(folder.database) == 0
    assert not list(folder.backups.glob("damaged-*"))
    assert len(list(folder.backups.glob("tejido-*.db"))) == 1  # no restore, no older data


def test_a_problem_that_is_not_damage_is_shown_as_it_is(data_dir: Path, monkeypatch) -> None:
    import app.views.startup_checks as checks
    from app.errors import BackupError

    folder = _folder_with_a_backup(data_dir)
    before = folder.database.read_bytes()
    problem = "The backups folder cannot be created (disk full)."

    def failing_build(_folder):  # type: ignore[no-untyped-def]
        raise BackupError(problem)

    shown = []
    monkeypatch.setattr(checks, "build_services", failing_build)
    monkeypatch.setattr(QMessageBox, "question", _never_ask)
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: shown.append(a[2]))

    assert open_checked(folder) is None
    assert shown == [problem]
    assert folder.database.read_bytes() == before
    assert not list(folder.backups.glob("damaged-*"))


def test_a_database_error_when_opening_offers_the_backup(data_dir: Path, monkeypatch) -> None:
    import app.views.startup_checks as checks
    from app.errors import DatabaseError

    folder = _folder_with_a_backup(data_dir)
    calls = []
    real = checks.build_services

    def failing_once(built_folder):  # type: ignore[no-untyped-def]
        calls.append(built_folder)
        if len(calls) == 1:
            raise DatabaseError("The database cannot be read (disk I/O error).")
        return real(built_folder)

    asked = []
    monkeypatch.setattr(checks, "build_services", failing_once)
    monkeypatch.setattr(
        QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.No
    )
    assert open_checked(folder) is None
    assert len(asked) == 1 and "disk I/O error" in asked[0]
