"""What every command shares: opening the data folder safely, printing JSON."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from app.instance_lock import InstanceLock
from app.paths import check_data_dir
from app.services.context import DataFolder
from app.services.registry import Services, build_services


@contextmanager
def open_services(data_dir: Path, *, lock: bool = True) -> Iterator[Services]:
    """Check the folder, take its lock (unless ``lock`` is false), migrate and build services."""
    check_data_dir(data_dir)
    folder = DataFolder(data_dir)
    held = InstanceLock(data_dir).acquire() if lock else None
    try:
        services = build_services(folder)
        try:
            yield services
            if lock:  # a command that may have written: make today's backup if it is due
                services.db.optimize()
                services.backups.automatic_if_due()
        finally:
            services.db.dispose()
    finally:
        if held:
            held.release()


def print_json(value: object) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")
