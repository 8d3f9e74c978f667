"""What every command shares: opening the data folder safely, printing JSON."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from app.errors import DataFolderError
from app.i18n import _
from app.instance_lock import InstanceLock
from app.paths import DATABASE_NAME, check_data_dir
from app.services.context import DataFolder
from app.services.registry import Services, build_services


@contextmanager
def open_services(data_dir: Path, *, write: bool = True) -> Iterator[Services]:
    """The services of ``data_dir`` for one command.

    A command that writes (``write=True``) checks the folder, takes its lock, migrates, and
    after it has run makes today's backup if due. A command that only reads never creates,
    migrates or backs up anything: it needs a database that exists and is current, and takes
    no lock (SQLite lets it read while the window is open).
    """
    if not write:
        with _reading(data_dir) as services:
            yield services
        return
    check_data_dir(data_dir)
    held = InstanceLock(data_dir).acquire()
    try:
        services = build_services(DataFolder(data_dir))
        try:
            yield services
            services.db.optimize()
            services.backups.automatic_if_due()
        finally:
            services.db.dispose()
    finally:
        held.release()


@contextmanager
def _reading(data_dir: Path) -> Iterator[Services]:
    from app.db import Database
    from app.migrate import SCHEMA_HEAD, check_not_newer, database_revision

    folder = DataFolder(data_dir)
    if not folder.database.exists():
        raise DataFolderError(
            _("There is no Tejido data in {path} yet (no {name}). Check the --data-dir.").format(
                path=data_dir, name=DATABASE_NAME
            )
        )
    revision = database_revision(folder.database)
    check_not_newer(revision)
    if revision != SCHEMA_HEAD:
        raise DataFolderError(
            _(
                "The data in {path} was saved by an older Tejido and needs an upgrade first: "
                "open it once with Tejido (it backs the data up before upgrading)."
            ).format(path=data_dir)
        )
    services = build_services(folder, Database(folder.database))
    try:
        yield services
    finally:
        services.db.dispose()


def print_json(value: object) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")
