"""Where Tejido keeps its data and finds its resources, and which folders it refuses.

The live database must never sit in a folder that a cloud client replicates: SQLite, Anki and
calibre all warn that this corrupts databases. Sync exchanges change files instead (see sync.md).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path, PurePath

from app.errors import DataFolderError

ENV_DATA_DIR = "TEJIDO_DATA_DIR"
DATABASE_NAME = "tejido.db"

# Folder names that cloud clients create (case-insensitive, matched on whole path components).
_CLOUD_MARKERS = {
    "onedrive": "OneDrive",
    "dropbox": "Dropbox",
    "google drive": "Google Drive",
    "googledrive": "Google Drive",
    "my drive": "Google Drive",
    "mi unidad": "Google Drive",
    "icloud drive": "iCloud",
    "icloud": "iCloud",
    "mobile documents": "iCloud",
    "com~apple~clouddocs": "iCloud",
    "cloudstorage": "a cloud storage service",  # translated where shown
    "nextcloud": "Nextcloud",
    "owncloud": "ownCloud",
    "pcloud drive": "pCloud",
}
# Environment variables that Windows' OneDrive client sets to the folders it replicates.
_CLOUD_ENV_VARS = ("OneDrive", "OneDriveConsumer", "OneDriveCommercial")


def resource_path(*parts: str) -> Path:
    """A path inside the shipped resources (the source tree, or PyInstaller's bundle)."""
    base = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parent.parent))
    return base.joinpath(*parts)


def default_data_dir() -> Path:
    """The user's local (not roaming) data folder for Tejido."""
    from platformdirs import user_data_path

    return user_data_path("Tejido", appauthor=False, roaming=False)


def default_log_dir() -> Path:
    from platformdirs import user_log_path

    return user_log_path("Tejido", appauthor=False)


def resolve_data_dir(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """The data folder: ``--data-dir``, else ``TEJIDO_DATA_DIR``, else the platform default."""
    chosen = cli_value or os.environ.get(ENV_DATA_DIR)
    path = Path(chosen).expanduser() if chosen else default_data_dir()
    return path.absolute()


def cloud_service_for(path: PurePath, environ: dict[str, str] | None = None) -> str | None:
    """The name of the cloud service or network share that replicates ``path``, or ``None``."""
    environ = dict(os.environ) if environ is None else environ
    text = str(path)
    if text.startswith("\\\\") or text.startswith("//"):
        return "a network share"  # translated where shown
    for var in _CLOUD_ENV_VARS:
        root = environ.get(var)
        if root and _is_within(text, root):
            return "OneDrive"
    for part in path.parts:
        name = part.strip().lower()
        if name in _CLOUD_MARKERS:
            return _CLOUD_MARKERS[name]
        if name.startswith("onedrive -") or name.startswith("onedrive-"):
            return "OneDrive"
        if name.startswith("dropbox (") or name.startswith("googledrive-"):
            return "Dropbox" if name.startswith("dropbox") else "Google Drive"
    return None


def _is_within(path: str, root: str) -> bool:
    norm = os.path.normcase(os.path.normpath(path))
    base = os.path.normcase(os.path.normpath(root))
    return norm == base or norm.startswith(base.rstrip("\\/") + os.sep)


def check_data_dir(path: Path) -> None:
    """Refuse a cloud-synced folder; create the folder and prove it is writable.

    Raises :class:`DataFolderError` with an explanation a coordinator can act on.
    """
    from app.i18n import N_, _

    # The generic names are translated here; brand names stay as they are.
    N_("a network share"), N_("a cloud storage service")
    # A link or junction into a cloud folder counts as that folder.
    service = cloud_service_for(path) or cloud_service_for(path.resolve())
    if service:
        raise DataFolderError(
            _(
                "The data folder {path} is inside {service}. Tejido keeps its database only in a "
                "local folder, because cloud copying can corrupt it. Choose a local folder."
            ).format(path=path, service=_(service))
        )
    try:
        path.mkdir(parents=True, exist_ok=True)
        probe = path / ".tejido-write-test"
        probe.write_bytes(b"ok")
        probe.unlink()
    except OSError as error:
        raise DataFolderError(
            _(
                "Tejido cannot write in the data folder {path} ({reason}). Nothing was changed. "
                "Check that the folder exists and that you may write in it, or choose another "
                "one with --data-dir."
            ).format(path=path, reason=error.strerror or error)
        ) from error
