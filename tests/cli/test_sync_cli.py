"""``tejido sync`` as used at a terminal: two laptops (two data folders) on one shared folder.

The folder is given once and remembered; ``--json`` prints the documented keys; a file that
would delete many records is held until ``--approve``; problems exit 1 with the data untouched.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from app.cli import main
from app.services.context import DataFolder
from app.services.people import PersonData
from app.services.registry import Services, build_services

PASS_KEYS = {"exported", "ingested", "conflicts", "incomplete", "devices", "review", "new_identity"}

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    def run(data_dir: Path, *argv: str) -> tuple[int, str, str]:
        code = main(["sync", *argv, "--data-dir", str(data_dir)])
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture
def shared(tmp_path: Path) -> Path:
    folder = tmp_path / "OneDrive - Red Tejido"
    folder.mkdir()
    return folder


def laptop(tmp_path: Path, name: str, *people: str) -> Path:
    """A data folder with these people in it."""
    folder = tmp_path / name
    folder.mkdir()
    with using(folder) as services:
        for full_name in people:
            services.people.save(PersonData(full_name=full_name))
    return folder


class using:
    """The services of a data folder for a few lines, closed after."""

    def __init__(self, folder: Path):
        self.services = build_services(DataFolder(folder))

    def __enter__(self) -> Services:
        return self.services

    def __exit__(self, *_exc: object) -> None:
        self.services.db.dispose()


def names(folder: Path) -> list[str]:
    with using(folder) as services:
        return sorted(p.full_name for p in services.people.list(limit=None))


def dump(folder: Path) -> str:
    """Everything the database holds, programme data and sync's own state alike."""
    connection = sqlite3.connect(DataFolder(folder).database)
    try:
        return "\n".join(connection.iterdump())
    finally:
        connection.close()


def sync_json(run: Run, folder: Path, *argv: str) -> dict:
    code, out, err = run(folder, *argv, "--json")
    assert (code, err) == (0, ""), err
    return json.loads(out)


def test_the_folder_is_given_once_and_remembered(run: Run, shared: Path, tmp_path: Path) -> None:
    a = laptop(tmp_path, "a", "Ana García", "Luis Pérez")
    b = laptop(tmp_path, "b")
    first = sync_json(run, a, "--folder", str(shared), "--name", "Portátil de Carmen")
    assert set(first) == PASS_KEYS
    assert first["exported"] > 0 and first["devices"] == 1 and first["review"] == []
    assert (shared / "Tejido-sync" / "FORMAT.json").is_file()

    received = sync_json(run, b, "--folder", str(shared), "--name", "Laptop B")
    assert received["ingested"] >= 1 and received["devices"] == 2
    assert names(b) == ["Ana García", "Luis Pérez"]

    with using(b) as services:  # an edit on B reaches A with no --folder given again
        ana = next(p for p in services.people.list(limit=None) if p.full_name == "Ana García")
        services.people.save(replace(services.people.get(ana.id), full_name="Ana García Ruiz"))
    assert sync_json(run, b)["exported"] > 0
    again = sync_json(run, a)
    assert set(again) == PASS_KEYS and again["ingested"] == 1 and again["conflicts"] == 0
    assert names(a) == ["Ana García Ruiz", "Luis Pérez"]
    with using(a) as services:
        settings = services.sync.settings()
    assert settings.folder == str(shared / "Tejido-sync")
    assert settings.device_name == "Portátil de Carmen"


def test_plain_sentences_and_the_default_name_is_the_computers(
    run: Run, shared: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("platform.node", lambda: "mesa-de-carmen")
    a = laptop(tmp_path, "a", "Ana García")
    code, out, err = run(a, "--folder", str(shared))
    assert (code, err) == (0, "")
    assert "Sync is set up: this laptop is “mesa-de-carmen”" in out
    assert re.search(r"Sent \d+ changes\.", out)
    assert "Nothing new from the other laptops." in out
    assert "1 laptop uses this folder, this one included." in out
    code, out, _err = run(a)
    assert code == 0 and "Nothing new to send." in out and "set up" not in out


def test_a_conflict_is_counted_and_pointed_to(run: Run, shared: Path, tmp_path: Path) -> None:
    a = laptop(tmp_path, "a", "Ana García")
    b = laptop(tmp_path, "b")
    sync_json(run, a, "--folder", str(shared), "--name", "A")
    sync_json(run, b, "--folder", str(shared), "--name", "B")
    for folder, phone in ((a, "611 111 111"), (b, "622 222 222")):
        with using(folder) as services:
            (ana,) = services.people.list(limit=None)
            services.people.save(replace(services.people.get(ana.id), phone=phone))
    sync_json(run, a)
    assert sync_json(run, b)["conflicts"] == 1
    code, out, _err = run(a)
    assert code == 0 and "1 conflict to settle in the Sync menu." in out
    assert "611 111 111" not in out and "622 222 222" not in out


def test_a_large_deletion_is_held_until_approved(run: Run, shared: Path, tmp_path: Path) -> None:
    many = [f"Persona {n:02d}" for n in range(55)]
    a = laptop(tmp_path, "a", *many)
    b = laptop(tmp_path, "b")
    sync_json(run, a, "--folder", str(shared), "--name", "Portátil de Carmen")
    sync_json(run, b, "--folder", str(shared), "--name", "Laptop B")
    assert names(b) == many
    with using(a) as services:
        services.people.delete([p.id for p in services.people.list(limit=None)])
    sync_json(run, a)

    held = sync_json(run, b)
    assert held["ingested"] == 0 and names(b) == many  # nothing deleted yet
    (batch,) = held["review"]
    assert batch["device_name"] == "Portátil de Carmen"
    assert batch["deletions"] == {"people": 55}
    assert re.fullmatch(r"[0-9a-f]{64}", batch["sha256"])

    code, out, _err = run(b)  # asked again at every pass, explained in words
    assert code == 0 and names(b) == many
    assert "A change file from Portátil de Carmen would delete 55 records here" in out
    assert "Person: 55" in out
    command = re.search(r"apply them with: (tejido sync .*)$", out, re.MULTILINE)
    assert command is not None and f"--approve {batch['sha256'][:12]}" in command.group(1)
    assert f'--data-dir "{b}"' in command.group(1)

    approved = sync_json(run, b, "--approve", batch["sha256"][:12])
    assert (approved["ingested"], approved["review"]) == (1, [])
    assert names(b) == []


def test_no_folder_yet_is_a_plain_error_and_creates_nothing(run: Run, tmp_path: Path) -> None:
    nowhere = tmp_path / "never-used"
    code, out, err = run(nowhere)
    assert (code, out) == (1, "")
    assert "Sync is not set up on this laptop yet" in err and "--folder" in err
    assert not nowhere.exists()

    a = laptop(tmp_path, "a", "Ana García")
    before = dump(a)
    code, _out, err = run(a, "--json")
    assert code == 1 and "--folder DIR" in err and "Traceback" not in err
    assert dump(a) == before


def test_a_missing_folder_is_a_plain_error_and_changes_nothing(
    run: Run, shared: Path, tmp_path: Path
) -> None:
    a = laptop(tmp_path, "a", "Ana García")
    before = dump(a)
    code, out, err = run(a, "--folder", str(tmp_path / "E:" / "Tejido"))
    assert (code, out) == (1, "") and "does not exist" in err
    assert dump(a) == before

    sync_json(run, a, "--folder", str(shared), "--name", "A")
    with using(a) as services:
        services.people.save(PersonData(full_name="Luis Pérez"))
    shared.rename(tmp_path / "unplugged")  # the USB stick is not there
    before = dump(a)
    code, out, err = run(a, "--json")
    assert (code, out) == (1, "")
    assert "cannot be reached" in err and "nothing was changed" in err
    assert dump(a) == before
    code, _out, err = run(a, "--approve", "0123456789ab")
    assert code == 1 and dump(a) == before


def test_approving_a_file_that_is_not_held_is_refused(
    run: Run, shared: Path, tmp_path: Path
) -> None:
    a = laptop(tmp_path, "a", "Ana García")
    sync_json(run, a, "--folder", str(shared), "--name", "A")
    before = dump(a)
    code, out, err = run(a, "--approve", "0123456789ab")
    assert (code, out) == (1, "") and "No batch held for review matches 0123456789ab" in err
    assert dump(a) == before


def test_another_folder_moves_sync_there(run: Run, shared: Path, tmp_path: Path) -> None:
    a = laptop(tmp_path, "a", "Ana García")
    sync_json(run, a, "--folder", str(shared), "--name", "A")
    other = tmp_path / "Nextcloud"
    other.mkdir()
    sync_json(run, a, "--folder", str(other))
    with using(a) as services:
        settings = services.sync.settings()
    assert (settings.folder, settings.device_name) == (str(other / "Tejido-sync"), "A")
    assert (other / "Tejido-sync" / "FORMAT.json").is_file()


def test_status_reads_without_syncing(run: Run, shared: Path, tmp_path: Path) -> None:
    a = laptop(tmp_path, "a", "Ana García")
    assert sync_json(run, a, "--status")["enabled"] is False
    sync_json(run, a, "--folder", str(shared), "--name", "Portátil de Carmen")
    with using(a) as services:
        services.people.save(PersonData(full_name="Luis Pérez"))
    status = sync_json(run, a, "--status")
    assert status["enabled"] is True and status["pending"] > 0  # not sent by --status
    assert status["device_name"] == "Portátil de Carmen"
    assert [d["name"] for d in status["laptops"]] == ["Portátil de Carmen"]
    code, out, _err = run(a, "--status")
    assert code == 0 and "This laptop: Portátil de Carmen" in out
    code, _out, err = run(a, "--status", "--folder", str(shared))
    assert code == 1 and "--status" in err


def test_a_copied_data_folder_syncs_as_a_new_laptop_and_loses_nothing(
    run: Run, shared: Path, tmp_path: Path
) -> None:
    import shutil

    a = laptop(tmp_path, "a", "Ana García")
    sync_json(run, a, "--folder", str(shared), "--name", "Portátil de Carmen")
    clone = tmp_path / "clone"
    shutil.copytree(a, clone)  # a cloned disk, or an old backup put back
    with using(a) as services:
        services.people.save(PersonData(full_name="Luis Pérez"))
    assert sync_json(run, a)["new_identity"] is False
    with using(clone) as services:
        services.people.save(PersonData(full_name="Marta Gil"))
    renewed = sync_json(run, clone)
    assert renewed["new_identity"] is True and renewed["devices"] == 2
    assert names(clone) == ["Ana García", "Luis Pérez", "Marta Gil"]
    assert sync_json(run, a)["new_identity"] is False
    assert names(a) == ["Ana García", "Luis Pérez", "Marta Gil"]


def test_a_long_pass_shows_a_progress_line_on_a_terminal_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import io

    from app.cli.sync import _Progress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    for stream, shown in ((Terminal(), True), (io.StringIO(), False)):
        monkeypatch.setattr("sys.stderr", stream)
        progress = _Progress(after_s=0)
        progress(1, 4)
        progress(4, 4)
        progress.done()
        written = stream.getvalue()
        assert ("Syncing… 25 %" in written and "Syncing… 100 %" in written) is shown
        assert written == "" or written.endswith("\r")  # the line is cleared at the end
