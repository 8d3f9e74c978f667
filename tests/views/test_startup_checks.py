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
