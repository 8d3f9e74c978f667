"""``tejido check``, ``tejido backup`` and ``tejido restore`` as used at a terminal."""

from __future__ import annotations

import argparse
import importlib.util
import os
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from app.backup_files import integrity_problem
from app.errors import TejidoError
from app.i18n import _
from app.instance_lock import InstanceLock
from app.services.people import PersonData
from app.services.registry import Services


def _load_commands_alone():  # type: ignore[no-untyped-def]
    """app/cli/backups.py without the app.cli package (whose other modules may be missing)."""
    path = Path(__file__).resolve().parents[2] / "app" / "cli" / "backups.py"
    spec = importlib.util.spec_from_file_location("tejido_cli_backups_alone", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _own_main(argv: Sequence[str]) -> int:
    """What app.cli.main does for these commands (used while other CLI modules are missing)."""
    commands = _load_commands_alone()
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", default=argparse.SUPPRESS)
    parser = argparse.ArgumentParser(prog="tejido", parents=[common])
    commands.register(parser.add_subparsers(dest="command"), common)
    args = parser.parse_args(list(argv))
    try:
        return int(args.handler(args, Path(args.data_dir).absolute()) or 0)
    except TejidoError as error:
        print(_("tejido: {message}").format(message=error), file=sys.stderr)
        return 1


def _main():  # type: ignore[no-untyped-def]
    try:
        from app.cli import main
    except ImportError:  # app/cli/__init__.py imports command modules still being written
        return _own_main
    return main


@pytest.fixture
def tejido(capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    """Run ``tejido ARGS...``; returns (exit status, stdout, stderr)."""

    def run(*argv: str) -> tuple[int, str, str]:
        code = _main()(list(argv))
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


@pytest.fixture
def folder(services: Services) -> Path:
    """A data folder with one person in it, not held open by anything."""
    services.people.save(PersonData(full_name="Ana Ruiz"))
    services.db.dispose()
    return services.folder.root


def people_in(path: Path) -> set[str]:
    con = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
    try:
        return {row[0] for row in con.execute("SELECT full_name FROM people")}
    finally:
        con.close()


def add_person(path: Path, name: str) -> None:
    con = sqlite3.connect(path)
    con.execute(
        "INSERT INTO people (id, full_name, given_name, family_name, name_key, gender, email, "
        "phone, phone_key, preferred_language, expertise, interests, accessibility_needs, notes, "
        "created_at, updated_at) VALUES (?, ?, '', '', ?, 'not_stated', '', '', '', '', '', '', "
        "'', '', '2026-01-01', '2026-01-01')",
        (name, name, name.lower()),
    )
    con.commit()
    con.close()


def test_check_a_healthy_database(tejido, folder: Path) -> None:
    code, out, err = tejido("check", "--data-dir", str(folder))
    assert code == 0 and err == ""
    assert out.startswith("Healthy") and len(out.strip().splitlines()) == 1
    code, out, _err = tejido("check", "--full", "--data-dir", str(folder))
    assert code == 0 and "full check" in out and "records: 1" in out


def test_check_a_file_of_junk(tejido, data_dir: Path) -> None:
    (data_dir / "tejido.db").write_bytes(os.urandom(10_000))
    code, out, err = tejido("check", "--data-dir", str(data_dir))
    assert code == 1
    assert "not a Tejido database" in out
    assert "No backup was found" in out
    assert len(err.strip().splitlines()) == 1  # one summary line for scripts and logs
    assert "did not pass the check" in err and str(data_dir / "tejido.db") in err


def test_check_and_backup_after_a_crash_in_the_middle_of_a_write(tejido, services) -> None:
    from tests.services.test_health import crash_mid_write, fill, half_done_rows

    fill(services)
    services.db.dispose()
    root, live = services.folder.root, services.folder.database
    crash_mid_write(live)
    code, out, err = tejido("check", "--full", "--data-dir", str(root))
    assert (code, err) == (0, "") and out.startswith("Healthy") and "records: 300" in out
    assert half_done_rows(live) == 0

    crash_mid_write(live)
    code, out, err = tejido("backup", "--data-dir", str(root))
    assert (code, err) == (0, "")
    made = Path(out.strip().splitlines()[0])
    assert integrity_problem(made) is None and half_done_rows(made) == 0


def test_check_a_corrupted_page_names_the_newest_backup(tejido, services: Services) -> None:
    from app.models import Person

    with services.db.session() as s:
        s.add_all(
            Person(full_name=f"P {i}", name_key=f"p {i}", notes="n" * 200) for i in range(1500)
        )
    services.db.dispose()
    root = services.folder.root
    assert tejido("backup", "--data-dir", str(root))[0] == 0
    live = services.folder.database
    data = bytearray(live.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    middle = (len(data) // page // 2) * page
    data[middle : middle + page] = b"\xa5" * page
    live.write_bytes(bytes(data))

    code, out, _err = tejido("check", "--data-dir", str(root))
    assert code == 1
    assert "damage" in out or "not a Tejido database" in out
    assert "tejido restore" in out


def test_check_without_a_database(tejido, tmp_path: Path) -> None:
    code, _out, err = tejido("check", "--data-dir", str(tmp_path / "new"))
    assert code == 1 and "no Tejido database" in err
    assert not (tmp_path / "new").exists()  # checking creates nothing


def test_backup_prints_the_path_of_a_verified_file(tejido, folder: Path) -> None:
    code, out, _err = tejido("backup", "--data-dir", str(folder))
    made = Path(out.strip().splitlines()[0])
    assert code == 0 and made.parent == folder / "backups"
    assert integrity_problem(made) is None and people_in(made) == {"Ana Ruiz"}
    code, out, _err = tejido("backup", "--list", "--data-dir", str(folder))
    assert code == 0 and str(made) in out


def test_backup_out_writes_a_file_and_never_overwrites(
    tejido, folder: Path, tmp_path: Path
) -> None:
    target = tmp_path / "copy.db"
    code, out, _err = tejido("backup", "--out", str(target), "--data-dir", str(folder))
    assert code == 0 and out.strip() == str(target)
    assert people_in(target) == {"Ana Ruiz"}
    before = target.read_bytes()
    code, _out, err = tejido("backup", "--out", str(target), "--data-dir", str(folder))
    assert code == 1 and "already exists" in err and len(err.strip().splitlines()) == 1
    assert target.read_bytes() == before


def test_restore_brings_the_data_back_and_keeps_a_safety_copy(tejido, folder: Path) -> None:
    _code, out, _err = tejido("backup", "--data-dir", str(folder))
    made = out.strip().splitlines()[0]
    live = folder / "tejido.db"
    add_person(live, "Berta Gil")

    code, out, _err = tejido("restore", made, "--data-dir", str(folder))

    assert code == 0 and "Restored" in out
    assert people_in(live) == {"Ana Ruiz"}
    safety = next(line for line in out.splitlines() if "before is kept in" in line)
    safety_path = Path(safety.split(" kept in ")[1].rstrip("."))
    assert people_in(safety_path) == {"Ana Ruiz", "Berta Gil"}


def test_restore_of_junk_is_refused_and_changes_nothing(
    tejido, folder: Path, tmp_path: Path
) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(os.urandom(10_000))
    live = folder / "tejido.db"
    before = live.read_bytes()
    code, _out, err = tejido("restore", str(junk), "--data-dir", str(folder))
    assert code == 1 and "not a Tejido backup" in err
    assert live.read_bytes() == before


def test_restore_of_a_folder_says_to_choose_the_file_inside(tejido, folder: Path) -> None:
    _code, out, _err = tejido("backup", "--data-dir", str(folder))
    backups = Path(out.strip()).parent
    live = folder / "tejido.db"
    before = live.read_bytes()
    code, _out, err = tejido("restore", str(backups), "--data-dir", str(folder))
    assert code == 1 and "is a folder; choose the backup file inside it" in err
    assert "does not exist" not in err
    assert live.read_bytes() == before


def test_restore_while_tejido_is_open_is_refused(tejido, folder: Path) -> None:
    _code, out, _err = tejido("backup", "--data-dir", str(folder))
    live = folder / "tejido.db"
    before = live.read_bytes()
    with InstanceLock(folder):
        code, _out, err = tejido("restore", out.strip(), "--data-dir", str(folder))
    assert code == 1 and "already open" in err
    assert live.read_bytes() == before
