"""Per-data-folder preferences kept in ``settings.json`` (language, first run done, backup copy).

Written atomically (temporary file, fsync, rename) so a crash never leaves half a file.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

log = logging.getLogger(__name__)

SETTINGS_NAME = "settings.json"


@dataclass(frozen=True, slots=True)
class Settings:
    language: str | None = None
    first_run_done: bool = False
    backup_copy_dir: str | None = None
    extra: dict[str, object] = field(default_factory=dict)


def load_settings(data_dir: Path) -> Settings:
    """The saved settings, or the defaults when there are none or the file is unreadable."""
    path = data_dir / SETTINGS_NAME
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    except (OSError, ValueError):
        log.warning("settings file unreadable, using defaults")
        return Settings()
    if not isinstance(raw, dict):
        log.warning("settings file of the wrong shape, using defaults")
        return Settings()
    return Settings(
        language=_text_or_none(raw.get("language")),
        first_run_done=raw.get("first_run_done") is True,
        backup_copy_dir=_text_or_none(raw.get("backup_copy_dir")),
        extra=raw["extra"] if isinstance(raw.get("extra"), dict) else {},
    )


def _text_or_none(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def save_settings(data_dir: Path, settings: Settings) -> None:
    write_atomically(data_dir / SETTINGS_NAME, json.dumps(asdict(settings), indent=2).encode())


def update_settings(data_dir: Path, **changes: object) -> Settings:
    """Load, change the given fields, save and return the settings."""
    settings = replace(load_settings(data_dir), **changes)
    save_settings(data_dir, settings)
    return settings


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, fsynced, renamed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fp:
            fp.write(data)
            fp.flush()
            os.fsync(fp.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
