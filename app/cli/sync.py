"""``tejido sync``: one full sync pass with the organisation's other laptops.

The first time, ``--folder DIR`` names the shared folder (the same one on every laptop: a
Dropbox, OneDrive, Nextcloud or Syncthing folder, a network share, a USB stick) and ``--name``
this laptop's name (default: the computer's name). After that the folder is remembered and
``tejido sync`` alone sends this laptop's changes and reads the others'. A file that would
delete many records here is held until ``--approve FILEHASH`` applies it; ``--status`` only
says how sync stands. Problems (no folder yet, a folder that cannot be reached) print one plain
line and exit 1 with the data as it was. The design and the folder's format: docs/sync.md.
"""

from __future__ import annotations

import argparse
import logging
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path

from app.cli import sync_report
from app.cli.common import open_services, print_json
from app.errors import ValidationError
from app.i18n import _
from app.services.context import DataFolder
from app.services.sync.exchange import Exchange
from app.services.sync.service import HeldBatch, SyncService, exchange_root

log = logging.getLogger(__name__)

SHORT_HASH = 12  # characters of a held file's hash printed in the command that approves it
MIN_HASH = 6  # the shortest start of a hash --approve accepts


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add ``sync``."""
    parser = subparsers.add_parser(
        "sync",
        parents=[common],
        help=_("sync with the organisation's other laptops through a shared folder"),
    )
    parser.add_argument(
        "--folder",
        type=Path,
        metavar="DIR",
        help=_("the shared folder, the same on every laptop (needed the first time only)"),
    )
    parser.add_argument(
        "--name",
        metavar="NAME",
        help=_("this laptop's name, as the others see it (default: the computer's name)"),
    )
    parser.add_argument(
        "--approve",
        nargs="+",
        action="extend",
        default=[],
        metavar="FILEHASH",
        help=_("apply a held batch of deletions (the file hash the sync printed)"),
    )
    parser.add_argument(
        "--status", action="store_true", help=_("say how sync stands, without syncing")
    )
    parser.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, data_dir: Path) -> int:
    """One pass (set up or move first when ``--folder`` says so), or ``--status``."""
    if args.status:
        if args.folder or args.name or args.approve:
            raise ValidationError(
                _("--status only says how sync stands: give it no --folder, --name or --approve.")
            )
        return _run_status(args, data_dir)
    chosen = _chosen_folder(args.folder)
    if chosen is None and not DataFolder(data_dir).database.exists():
        raise ValidationError(_not_set_up())
    with open_services(data_dir) as services:
        sync = services.sync
        progress = _Progress()
        try:
            set_up = _settle_folder(sync, chosen, args.name, progress)
            approve = _approved(sync.status().held, args.approve)
            result = sync.run_pass(progress, approve)
        finally:
            progress.done()
        held = [b for b in sync.status().held if b.sha256 in result.review]
        settings = sync.settings()
    if args.json:
        print_json(sync_report.pass_json(result, held))
        return 0
    if set_up:
        print(
            _("Sync is set up: this laptop is “{name}”, sharing through {folder}.").format(
                name=settings.device_name, folder=settings.folder
            )
        )
    sync_report.print_pass(result, held, _approve_command(args))
    return 0


def _chosen_folder(folder: Path | None) -> Path | None:
    if folder is None:
        return None
    chosen = folder.expanduser().absolute()
    if not chosen.is_dir():
        raise ValidationError(
            _(
                "The folder {folder} does not exist (or is not connected). Nothing was changed."
            ).format(folder=chosen)
        )
    return chosen


def _not_set_up() -> str:
    return _(
        "Sync is not set up on this laptop yet: give the shared folder once with "
        "--folder DIR (the same folder on every laptop). Nothing was changed."
    )


def _settle_folder(
    sync: SyncService, chosen: Path | None, name: str | None, progress: _Progress
) -> bool:
    """Set up, move to another folder, or rename as asked; True when sync was (re)set up."""
    current = sync.settings()
    if chosen is None:
        if not current.enabled:
            raise ValidationError(_not_set_up())
        reachable = Exchange(Path(current.folder)).exists()
        if name and " ".join(name.split()) != current.device_name and reachable:
            sync.rename_device(name)
        return False
    same = current.enabled and exchange_root(chosen).resolve() == Path(current.folder).resolve()
    if same and not name:
        return False
    device_name = name or current.device_name or platform.node() or _("Laptop")
    sync.set_up(chosen, device_name, progress)
    return not same


def _approved(held: list[HeldBatch], wanted: list[str]) -> set[str]:
    """The held files that ``--approve`` names, by their hash or its start."""
    found: set[str] = set()
    for text in wanted:
        start = text.strip().lower()
        matches = [b.sha256 for b in held if len(start) >= MIN_HASH and b.sha256.startswith(start)]
        if len(matches) != 1:
            raise ValidationError(
                _(
                    "No batch held for review matches {hash} (run tejido sync --status to see "
                    "them). Nothing was changed."
                ).format(hash=text)
            )
        found.add(matches[0])
    return found


def _approve_command(args: argparse.Namespace) -> Callable[[str], str]:
    """The command that approves a held file, with the same --data-dir as this one."""
    data_dir = getattr(args, "data_dir", None)
    start = "tejido sync" + (f' --data-dir "{data_dir}"' if data_dir else "") + " --approve "
    return lambda sha: start + sha[:SHORT_HASH]


def _run_status(args: argparse.Namespace, data_dir: Path) -> int:
    """Say how sync stands; reads only (no pass, no lock, nothing written)."""
    with open_services(data_dir, write=False) as services:
        status = services.sync.status()
    if args.json:
        print_json(sync_report.status_json(status))
    else:
        sync_report.print_status(status, _approve_command(args))
    return 0


class _Progress:
    """A progress line on stderr for a pass that takes a while (on a terminal only)."""

    def __init__(self, after_s: float = 1.0):
        self.started = time.monotonic()
        self.after_s = after_s
        self.shown = ""
        self.live = sys.stderr.isatty()

    def __call__(self, done: int, total: int) -> None:
        if not self.live or time.monotonic() - self.started < self.after_s:
            return
        line = _("Syncing… {percent} %").format(percent=done * 100 // (total or 1))
        if line != self.shown:
            sys.stderr.write("\r" + line)
            sys.stderr.flush()
            self.shown = line

    def done(self) -> None:
        if self.shown:
            sys.stderr.write("\r" + " " * len(self.shown) + "\r")
            sys.stderr.flush()
