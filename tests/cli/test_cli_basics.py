"""The command line: version, demo data, export of all data, errors in plain words."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from app import __version__
from app.cli import main

ROOT = Path(__file__).resolve().parents[2]


def test_version(capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"tejido {__version__}"


def test_python_dash_m_app_is_the_same_program() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "app", "--version"], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0
    assert result.stdout.strip() == f"tejido {__version__}"


def test_demo_fills_an_empty_folder_and_refuses_a_full_one(data_dir: Path, capsys) -> None:
    assert main(["demo", "--data-dir", str(data_dir)]) == 0
    assert "400 people" in capsys.readouterr().out
    assert main(["demo", "--data-dir", str(data_dir)]) == 1
    error = capsys.readouterr().err
    assert error.startswith("tejido: ") and "already holds data" in error
    assert "Traceback" not in error


def test_data_dir_from_the_environment(data_dir: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("TEJIDO_DATA_DIR", str(data_dir))
    assert main(["demo"]) == 0
    assert (data_dir / "tejido.db").exists()


def test_export_data_writes_the_documented_format(data_dir: Path, tmp_path: Path) -> None:
    assert main(["demo", "--data-dir", str(data_dir)]) == 0
    out = tmp_path / "all.json"
    assert main(["export-data", "--data-dir", str(data_dir), "--out", str(out)]) == 0
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["format"] == "tejido-export"
    assert document["version"] == 1
    assert document["organisation"]["name"]
    assert len(document["organisations"]) == 40
    assert len(document["people"]) == 400
    person = document["people"][0]
    for key in ("id", "full_name", "gender", "birth_year", "email", "phone", "organisations"):
        assert key in person
    assert person["gender"] in {"woman", "man", "non_binary", "not_stated"}
    assert person["consent"][0]["purpose"] == "programme"


def test_usage_errors_exit_2(capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["export-data"])
    assert exit_info.value.code == 2


def test_a_cloud_folder_is_refused_in_plain_words(tmp_path: Path, capsys) -> None:
    assert main(["demo", "--data-dir", str(tmp_path / "Dropbox" / "t")]) == 1
    error = capsys.readouterr().err
    assert "Dropbox" in error and "Traceback" not in error


def test_a_second_instance_is_refused(data_dir: Path, capsys) -> None:
    from app.instance_lock import InstanceLock

    with InstanceLock(data_dir):
        assert main(["demo", "--data-dir", str(data_dir)]) == 1
    assert "already open" in capsys.readouterr().err
    assert not (data_dir / "tejido.db").exists()


def test_a_damaged_database_gets_a_plain_message(data_dir: Path, tmp_path: Path, capsys) -> None:
    (data_dir / "tejido.db").write_bytes(b"\x00garbage" * 1000)
    code = main(["export-data", "--data-dir", str(data_dir), "--out", str(tmp_path / "x.json")])
    assert code == 1
    error = capsys.readouterr().err
    assert "not a Tejido database" in error and "Traceback" not in error
    assert (data_dir / "tejido.db").read_bytes() == b"\x00garbage" * 1000


def test_export_data_never_overwrites_and_never_writes_into_the_data_folder(
    data_dir: Path, tmp_path: Path, capsys
) -> None:
    assert main(["demo", "--data-dir", str(data_dir)]) == 0
    existing = tmp_path / "old.json"
    existing.write_text("keep me")
    assert main(["export-data", "--data-dir", str(data_dir), "--out", str(existing)]) == 1
    assert existing.read_text() == "keep me"
    live = data_dir / "tejido.db"
    before = live.read_bytes()
    assert main(["export-data", "--data-dir", str(data_dir), "--out", str(live)]) == 1
    inside = data_dir / "export.json"
    assert main(["export-data", "--data-dir", str(data_dir), "--out", str(inside)]) == 1
    assert live.read_bytes() == before and not inside.exists()
    assert "Traceback" not in capsys.readouterr().err


def test_export_data_of_a_folder_with_no_data_creates_nothing(tmp_path: Path, capsys) -> None:
    missing = tmp_path / "typo"
    out = tmp_path / "x.json"
    assert main(["export-data", "--data-dir", str(missing), "--out", str(out)]) == 1
    assert "no Tejido data" in capsys.readouterr().err
    assert not missing.exists() and not out.exists()


def test_an_unexpected_error_is_one_line_without_traceback(
    data_dir: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    assert main(["demo", "--data-dir", str(data_dir)]) == 0

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("app.cli.data.export_all", broken)
    assert main(["export-data", "--data-dir", str(data_dir), "--out", str(tmp_path / "x")]) == 1
    error = capsys.readouterr().err
    assert "unexpected problem" in error and "Traceback" not in error


def test_settings_of_the_wrong_shape_fall_back_to_defaults(data_dir: Path) -> None:
    from app.settings import load_settings

    (data_dir / "settings.json").write_text('["not", "an", "object"]')
    assert load_settings(data_dir).language is None
    (data_dir / "settings.json").write_text('{"language": 3, "first_run_done": "yes"}')
    settings = load_settings(data_dir)
    assert settings.language is None and settings.first_run_done is False
