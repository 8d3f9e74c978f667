"""Where one open data folder's pieces live: its paths and its database."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.db import Database
from app.paths import DATABASE_NAME


@dataclass(frozen=True, slots=True)
class DataFolder:
    """The files of one data folder."""

    root: Path

    @property
    def database(self) -> Path:
        return self.root / DATABASE_NAME

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def logs(self) -> Path:
        return self.root / "logs"


def open_database(folder: DataFolder) -> Database:
    """Migrate the folder's database to this program's schema and open it."""
    from app.migrate import migrate

    migrate(folder.database, folder.backups)
    return Database(folder.database)
