"""``tejido bundle export`` and ``tejido bundle import``: catalogue bundles from the command line.

``export`` writes the published practices (of some areas, or all) to one bundle file.
``import`` reads a bundle (every file is treated as hostile) and says what importing it would
do; without ``--dry-run`` it then imports it in one transaction, after a backup. ``--dry-run``
writes nothing at all: it only reads an existing, up-to-date data folder (no folder or
database is created, no lock, no backup). A file that cannot be imported at all exits 1 with
the reason in plain words on stderr, and the data is left exactly as it was.
"""

from __future__ import annotations

import argparse
import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from app.cli.common import open_services, print_json
from app.errors import ValidationError
from app.i18n import N_, _, ngettext
from app.services.bundles.format import BUNDLE_SUFFIXES

log = logging.getLogger(__name__)

# The headings of the import report, in the order it prints them.
REPORT_HEADINGS: dict[str, str] = {
    "new": N_("New"),
    "updated": N_("Updated"),
    "unchanged": N_("Unchanged"),
    "older": N_("Older (skipped)"),
    "conflicts": N_("Conflicts"),
    "duplicates": N_("Possible duplicates"),
    "identical": N_("Identical to a practice here"),
    "withdrawn": N_("Withdrawn by their origin"),
    "hidden": N_("Hidden here"),
    "rejected": N_("Rejected"),
}
# What was done with a record that asked for a choice, said after its reason.
CHOSEN: dict[str, str] = {
    "mine": N_("You kept yours."),
    "theirs": N_("You took theirs."),
    "both": N_("You kept both."),
    "skip": N_("Skipped."),
    "import": N_("Imported."),
    "keep_hidden": N_("Left hidden."),
    "show": N_("Shown again."),
}
# Outcomes whose every record is listed with its reason (the others are counted).
LISTED = ("conflicts", "duplicates", "identical", "withdrawn", "hidden", "rejected")


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add ``bundle`` and its actions ``export`` and ``import``."""
    bundle = subparsers.add_parser(
        "bundle", parents=[common], help=_("exchange good practices with other organisations")
    )
    actions = bundle.add_subparsers(dest="bundle_command", metavar=_("ACTION"), required=True)
    export = actions.add_parser(
        "export",
        parents=[common],
        help=_("write the published practices (or those of some areas) to a bundle file"),
    )
    export.add_argument(
        "--out", required=True, metavar="FILE", type=Path, help=_("the .tejido file to write")
    )
    export.add_argument(
        "--area",
        dest="areas",
        action="append",
        default=[],
        metavar="AREA",
        help=_("only practices of this area (give it several times for several areas)"),
    )
    export.add_argument("--by", default="", metavar="NAME", help=_("who exports it"))
    export.add_argument("--json", action="store_true", help=_("print what was written as JSON"))
    export.set_defaults(handler=run_export)
    _add_import(actions, common)


def _add_import(actions: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    importing = actions.add_parser(
        "import",
        parents=[common],
        help=_("import a bundle file: see what it would do, then import it"),
    )
    importing.add_argument("file", metavar="FILE", type=Path, help=_("the .tejido or .zip file"))
    importing.add_argument(
        "--dry-run", action="store_true", help=_("say what would happen and write nothing")
    )
    importing.add_argument(
        "--conflicts",
        choices=("mine", "theirs", "both"),
        default="mine",
        help=_(
            "for practices edited here that came with a newer revision: keep mine, take "
            "theirs, or keep both (default: mine)"
        ),
    )
    importing.add_argument(
        "--duplicates",
        choices=("skip", "import"),
        default="skip",
        help=_(
            "for practices that look like one already here (or are identical to it): skip "
            "them or import them anyway (default: skip)"
        ),
    )
    importing.add_argument(
        "--show-hidden",
        action="store_true",
        help=_("show again the practices hidden here that came with a newer revision"),
    )
    importing.add_argument("--by", default="", metavar="NAME", help=_("who imports it"))
    importing.add_argument("--json", action="store_true", help=_("print the report as JSON"))
    importing.set_defaults(handler=run_import)


def run_export(args: argparse.Namespace, data_dir: Path) -> int:
    """Write the bundle; say what is in it."""
    out = _bundle_path(args.out, data_dir)
    with open_services(data_dir) as services:
        result = services.bundles.export(out, areas=tuple(args.areas), exported_by=args.by)
    if args.json:
        print_json(
            {
                "path": str(result.path),
                "practices": result.practices,
                "attachments": result.attachments,
                "withdrawn": result.withdrawn,
                "sha256": result.sha256,
            }
        )
    else:
        _print_export(result)
    return 0


def _bundle_path(out: Path, data_dir: Path) -> Path:
    """The bundle's file, refused when its name is not a bundle's or it is in the data."""
    out = out.expanduser().absolute()
    if out.suffix.lower() not in BUNDLE_SUFFIXES:
        raise ValidationError(_("Choose a file name ending in .tejido (or .zip)."))
    if out.resolve().is_relative_to(data_dir.resolve()):
        raise ValidationError(
            _(
                "Write the bundle outside the data folder {folder}, so it cannot harm the data."
            ).format(folder=data_dir)
        )
    return out


def _print_export(result: Any) -> None:
    count = result.practices
    print(
        ngettext(
            "Wrote {count} practice to {path}.", "Wrote {count} practices to {path}.", count
        ).format(count=count, path=result.path)
    )
    if result.attachments:
        print(
            ngettext(
                "With {count} attached file.", "With {count} attached files.", result.attachments
            ).format(count=result.attachments)
        )
    if result.withdrawn:
        print(
            ngettext(
                "{count} of them is withdrawn: other catalogues will mark it so.",
                "{count} of them are withdrawn: other catalogues will mark them so.",
                result.withdrawn,
            ).format(count=result.withdrawn)
        )


def run_import(args: argparse.Namespace, data_dir: Path) -> int:
    """Inspect the bundle, then import it unless ``--dry-run``; print the report."""
    with open_services(data_dir, write=not args.dry_run) as services:
        plan = services.bundles.inspect(args.file)
        try:
            summary: dict[str, Any] = {
                "file": plan.file_name,
                "sha256": plan.sha256,
                "publisher": plan.publisher_name,
                "dry_run": args.dry_run,
            }
            if args.dry_run:
                report = plan.report()
            else:
                choices = _choices(plan, args)
                result = services.bundles.apply(plan, choices, imported_by=args.by)
                report = result.report or plan.report()
                summary |= _result_counts(result) | {"choices": choices}
        finally:
            services.bundles.discard()
    if args.json:
        print_json({**report, **summary})
    else:
        _print_report(report, summary)
    return 0


def _choices(plan: Any, args: argparse.Namespace) -> dict[str, str]:
    """The choice for every record that asks for one, from the command's options (a record
    that does not allow the option keeps its default)."""
    wanted = {
        "conflict": args.conflicts,
        "anomaly": args.conflicts,
        "duplicate": args.duplicates,
        "identical": args.duplicates,
        "hidden": "show" if args.show_hidden else "keep_hidden",
    }
    choices: dict[str, str] = {}
    for item in plan.asking():
        choice = wanted.get(item.outcome, item.default)
        choices[item.id] = choice if choice in item.choices else item.default
    return choices


def _result_counts(result: Any) -> dict[str, Any]:
    keys = ("added", "updated", "forked", "kept_mine", "withdrawn", "shown", "skipped")
    counts: dict[str, Any] = {key: getattr(result, key) for key in keys}
    counts["attachments_stored"] = result.attachments
    counts["issuer_added"] = result.issuer_added
    counts["changed"] = result.changed
    counts["backup"] = str(result.backup) if result.backup else None
    return {"imported": counts}


def _print_report(report: Mapping[str, list[dict[str, Any]]], summary: Mapping[str, Any]) -> None:
    """Counts per outcome, then the records that need a look, each with its reason."""
    if summary["dry_run"]:
        print(_("Dry run of {file}: nothing was saved.").format(file=summary["file"]))
    else:
        print(_("Imported {file}.").format(file=summary["file"]))
    if summary["publisher"]:
        print(_("Shared by {name}.").format(name=summary["publisher"]))
    for key, heading in REPORT_HEADINGS.items():
        items = report.get(key, [])
        if items or key in ("new", "updated", "unchanged"):
            print(_("{heading}: {count}").format(heading=_(heading), count=len(items)))
    chosen = summary.get("choices", {})
    for key in LISTED:
        for item in report.get(key, []):
            line = _("{title}: {reason}").format(title=item["title"], reason=item["reason"])
            if item["id"] in chosen:
                line += " " + _(CHOSEN.get(chosen[item["id"]], ""))
            print("  " + line.rstrip())
    imported = summary.get("imported")
    if imported:
        _print_done(imported)


def _print_done(imported: Mapping[str, Any]) -> None:
    """What the import did, once the choices were applied."""
    lines = (
        ("added", _("Practices added: {count}")),
        ("updated", _("Practices updated: {count}")),
        ("forked", _("Kept both (yours beside theirs): {count}")),
        ("kept_mine", _("Kept yours: {count}")),
        ("withdrawn", _("Marked as withdrawn: {count}")),
        ("shown", _("Shown again: {count}")),
        ("attachments_stored", _("Attached files stored: {count}")),
    )
    for key, line in lines:
        if imported.get(key):
            print(line.format(count=imported[key]))
    if imported.get("issuer_added"):
        print(_("Certificates of this organisation can now be verified here."))
    if not imported.get("changed"):
        print(_("Nothing needed to change: the catalogue already had all of it."))
    if imported.get("backup"):
        print(_("Backup made before the import: {path}").format(path=imported["backup"]))
