"""``tejido export-data --out FILE.json``: everything, in the documented JSON format."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.common import open_services
from app.i18n import _
from app.services.export_data import export_all


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "export-data",
        parents=[common],
        help=_("export all data to one JSON file (see docs/export-format.md)"),
    )
    parser.add_argument("--out", required=True, metavar="FILE.json", type=Path)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, data_dir: Path) -> int:
    with open_services(data_dir, lock=False) as services:
        counts = export_all(services.db, args.out)
    summary = ", ".join(f"{name}: {count}" for name, count in counts.items())
    print(_("All data exported to {path} ({summary}).").format(path=args.out, summary=summary))
    return 0
