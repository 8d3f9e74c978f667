"""``tejido export-data --out FILE.json``: everything, in the documented JSON format."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.common import open_services
from app.errors import ValidationError
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
    out = args.out.expanduser().absolute()
    if out.exists():
        raise ValidationError(
            _("{path} already exists; it was left as it is. Choose another name.").format(path=out)
        )
    if out.resolve().is_relative_to(data_dir.resolve()):
        raise ValidationError(
            _(
                "Write the export outside the data folder {folder}, so it cannot harm the data."
            ).format(folder=data_dir)
        )
    with open_services(data_dir, write=False) as services:
        counts = export_all(services.db, out)
    summary = ", ".join(f"{name}: {count}" for name, count in counts.items())
    print(_("All data exported to {path} ({summary}).").format(path=out, summary=summary))
    return 0
