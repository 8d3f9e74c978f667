"""``tejido people import FILE``: import people and their organisations from a spreadsheet.

The file is read and checked first; the import itself is one transaction, after a backup.
``--dry-run`` says what would happen and writes nothing at all: it only reads an existing,
up-to-date data folder (no folder or database is created, no lock, no backup). Rows that cannot
be read are reported with their line number as Excel shows it (the header is line 1); the exit
status is 0 whenever the import ran, and 1 with one line on stderr when the whole file (or,
in a dry run, a missing or out-of-date data folder) is refused.
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from app.cli.common import open_services, print_json
from app.i18n import _
from app.services.importing import POLICIES, DuplicateMatch, ImportService, ImportSummary

log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add ``people`` and its sub-command ``import``."""
    people = subparsers.add_parser(
        "people", parents=[common], help=_("work with the people of the directory")
    )
    actions = people.add_subparsers(dest="people_command", metavar=_("ACTION"), required=True)
    importing = actions.add_parser(
        "import",
        parents=[common],
        help=_("import people and their organisations from a CSV or XLSX file"),
    )
    importing.add_argument("file", metavar="FILE", type=Path, help=_("the .csv or .xlsx file"))
    importing.add_argument(
        "--dry-run", action="store_true", help=_("say what would happen and write nothing")
    )
    importing.add_argument("--json", action="store_true", help=_("print the summary as JSON"))
    importing.add_argument(
        "--duplicates",
        choices=POLICIES,
        default="skip",
        help=_(
            "what to do with a row whose name or phone matches someone already there: skip it, "
            "create a new person anyway, or update that person by filling in only what is "
            "missing (default: skip)"
        ),
    )
    importing.set_defaults(handler=run_import)


def run_import(args: argparse.Namespace, data_dir: Path) -> int:
    """Preview the file, then import it unless ``--dry-run``; print the summary."""
    with open_services(data_dir, write=not args.dry_run) as services:
        importer = ImportService(services.db, services.folder)
        plan = importer.preview(args.file, policy=args.duplicates)
        summary = plan.summary() if args.dry_run else importer.apply(plan)
    if args.json:
        print_json(summary.as_dict())
    else:
        print_summary(summary)
    return 0


def print_summary(summary: ImportSummary) -> None:
    """A short summary for people, then the rows that were left out and why."""
    if summary.dry_run:
        print(_("Dry run of {file}: nothing was saved.").format(file=summary.file_name))
    else:
        print(_("Imported {file}.").format(file=summary.file_name))
    print(_("People created: {count}").format(count=summary.created))
    print(_("People updated: {count}").format(count=summary.updated))
    print(_("Organisations created: {count}").format(count=summary.organisations_created))
    for name in summary.organisations_restored:
        if summary.dry_run:
            print(_("Organisation {name} will be brought back from the trash.").format(name=name))
        else:
            print(_("Organisation {name} brought back from the trash.").format(name=name))
    print(_("Possible duplicates: {count}").format(count=len(summary.duplicates)))
    print(_("Rows rejected: {count}").format(count=len(summary.rejected)))
    if summary.backup:
        print(_("Backup made before the import: {path}").format(path=summary.backup))
    for duplicate in summary.duplicates:
        print("  " + _duplicate_line(duplicate))
    for rejected in summary.rejected:
        print("  " + _("Line {line}: {reason}").format(line=rejected.line, reason=rejected.reason))
    for warning in summary.warnings:
        print("  " + _("Line {line}: {reason}").format(line=warning.line, reason=warning.message))


def _duplicate_line(duplicate: DuplicateMatch) -> str:
    """One whole sentence per case, so that each translates as a sentence."""
    in_directory = {
        "skip": _("Line {line}: {name} looks like {matched}, already in the directory; skipped."),
        "create": _(
            "Line {line}: {name} looks like {matched}, already in the directory; created as a "
            "new person anyway."
        ),
        "update": _(
            "Line {line}: {name} looks like {matched}, already in the directory; treated as "
            "that person, only what was missing was filled in."
        ),
    }
    in_file = {
        "skip": _("Line {line}: {name} looks like {matched} on line {other}; skipped."),
        "create": _(
            "Line {line}: {name} looks like {matched} on line {other}; created as a new person "
            "anyway."
        ),
        "update": _(
            "Line {line}: {name} looks like {matched} on line {other}; added to that person."
        ),
    }
    templates = in_directory if duplicate.matched_line is None else in_file
    return templates[duplicate.action].format(
        line=duplicate.line,
        name=duplicate.name,
        matched=duplicate.matched_name,
        other=duplicate.matched_line,
    )
