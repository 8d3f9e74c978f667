"""The data folder: chosen from --data-dir / TEJIDO_DATA_DIR; cloud folders refused."""

from __future__ import annotations

from pathlib import Path, PurePosixPath, PureWindowsPath

import pytest

from app.errors import DataFolderError
from app.paths import check_data_dir, cloud_service_for, resolve_data_dir


@pytest.mark.parametrize(
    ("path", "service"),
    [
        (PureWindowsPath(r"C:\Users\ana\OneDrive\Documents\Tejido"), "OneDrive"),
        (PureWindowsPath(r"C:\Users\ana\OneDrive - Asociación\Tejido"), "OneDrive"),
        (PurePosixPath("/Users/ana/Dropbox/Tejido"), "Dropbox"),
        (
            PurePosixPath("/Users/ana/Library/CloudStorage/GoogleDrive-ana@x.org/My Drive"),
            "a cloud storage service",
        ),
        (PureWindowsPath(r"G:\My Drive\Tejido"), "Google Drive"),
        (PurePosixPath("/Users/ana/Library/Mobile Documents/com~apple~CloudDocs/T"), "iCloud"),
        (PureWindowsPath(r"\\server\share\Tejido"), "a network share"),
        (PurePosixPath("/home/ana/.local/share/Tejido"), None),
        (PureWindowsPath(r"C:\Users\ana\AppData\Local\Tejido"), None),
    ],
)
def test_cloud_folders_are_recognised(path, service) -> None:
    assert cloud_service_for(path, environ={}) == service


def test_onedrive_environment_variable_catches_a_moved_documents_folder() -> None:
    environ = {"OneDrive": "/home/ana/Work Docs"}
    assert cloud_service_for(PurePosixPath("/home/ana/Work Docs/Tejido"), environ) == "OneDrive"
    assert cloud_service_for(PurePosixPath("/home/ana/Other/Tejido"), environ) is None


def test_data_dir_from_argument_then_environment(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TEJIDO_DATA_DIR", str(tmp_path / "env"))
    assert resolve_data_dir(tmp_path / "arg") == tmp_path / "arg"
    assert resolve_data_dir() == tmp_path / "env"
    monkeypatch.delenv("TEJIDO_DATA_DIR")
    assert resolve_data_dir().name == "Tejido"


def test_a_cloud_folder_is_refused_with_an_explanation(tmp_path: Path) -> None:
    with pytest.raises(DataFolderError, match="Dropbox.*local folder"):
        check_data_dir(tmp_path / "Dropbox" / "Tejido")
    assert not (tmp_path / "Dropbox").exists()


def test_a_folder_that_cannot_be_written_is_refused(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(DataFolderError, match="cannot write"):
        check_data_dir(blocker / "data")
