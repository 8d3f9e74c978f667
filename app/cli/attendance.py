"""``tejido attendance import`` and ``tejido attendance export``: attendance from and to files.

``import ACTIVITY FILE`` reads a sign-in list or an online form's answers and marks everyone at
the session chosen with ``--session`` (an id or a date, YYYY-MM-DD; not needed when the file
has a date column, nor when the activity has one session or one today). People not in the
directory are created; possible duplicates are reported by line so they can be merged later.
The import is one transaction, after a backup; ``--dry-run`` says what would happen and writes
nothing at all (it only reads an existing, up-to-date data folder). The exit status is 0
whenever the import ran (rows rejected are listed with their line), and 1 with one line on
stderr when the activity, the session or the whole file is refused.

``export ACTIVITY --out FILE.xlsx|FILE.csv`` writes the roster and attendance of the activity.
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from app.cli.common import open_services, print_json
from app.i18n import _, format_date, ngettext
from app.services.importing.attendance_import import AttendanceImportService
from app.services.importing.attendance_matching import DUPLICATE_POLICIES
from app.services.importing.attendance_summary import AttendanceImportSummary
from app.services.importing.matching import DuplicateMatch
from app.services.registry import Services
from app.services.vocabulary import ATTENDANCE_MARKS

log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add ``attendance`` and its sub-commands ``import`` and ``export``."""
    attendance = subparsers.add_parser(
        "attendance", parents=[common], help=_("import or export the attendance of an activity")
    )
    actions = attendance.add_subparsers(
        dest="attendance_command", metavar=_("ACTION"), required=True
    )
    importing = actions.add_parser(
        "import",
        parents=[common],
        help=_("mark attendance from a sign-in list or an online form (CSV or XLSX)"),
    )
    importing.add_argument("activity", metavar="ACTIVITY", help=_("the activity's id or title"))
    importing.add_argument("file", metavar="FILE", type=Path, help=_("the .csv or .xlsx file"))
    importing.add_argument(
        "--session",
        metavar="ID_OR_DATE",
        help=_("the session (its id or date, YYYY-MM-DD); not needed when the file has dates"),
    )
    importing.add_argument(
        "--duplicates",
        choices=tuple(DUPLICATE_POLICIES),
        default="create",
        help=_(
            "what to do with a row that only looks like someone already there: create a new "
            "person (default), skip the row, or match it to that person"
        ),
    )
    importing.add_argument(
        "--dry-run", action="store_true", help=_("say what would happen and write nothing")
    )
    importing.add_argument("--json", action="store_true", help=_("print the summary as JSON"))
    importing.set_defaults(handler=run_import)

    exporting = actions.add_parser(
        "export", parents=[common], help=_("write the roster and attendance to XLSX or CSV")
    )
    exporting.add_argument("activity", metavar="ACTIVITY", help=_("the activity's id or title"))
    exporting.add_argument(
        "--out", required=True, metavar="FILE.xlsx|FILE.csv", type=Path, help=_("the file to write")
    )
    exporting.set_defaults(handler=run_export)


def run_import(args: argparse.Namespace, data_dir: Path) -> int:
    """Preview the file, then import it unless ``--dry-run``; print the summary."""
    with open_services(data_dir, write=not args.dry_run) as services:
        importer = AttendanceImportService(services.db, services.folder)
        activity_id = services.activities.find(args.activity).id
        session_id = _session(services, importer, activity_id, args)
        plan = importer.preview(args.file, activity_id, session_id, duplicates=args.duplicates)
        summary = plan.summary() if args.dry_run else importer.apply(plan)
    if args.json:
        print_json(summary.as_dict())
    else:
        print_summary(summary)
    return 0


def _session(
    services: Services,
    importer: AttendanceImportService,
    activity_id: str,
    args: argparse.Namespace,
) -> str | None:
    """The chosen session's id; ``None`` when the file's date column says it row by row."""
    if args.session is None and "session_date" in importer.inspect(args.file).mapping.values():
        return None
    found = services.activities.find_session(activity_id, args.session)
    assert found.id is not None
    return found.id


def run_export(args: argparse.Namespace, data_dir: Path) -> int:
    """Write the activity's roster and attendance to the file; say how many people."""
    from app.services.activity_exports import export_attendance

    out = args.out.expanduser().absolute()
    with open_services(data_dir, write=False) as services:
        activity = services.activities.find(args.activity)
        count = export_attendance(services.db, activity.id, out)
    print(
        ngettext(
            "{count} person was written to {path}.", "{count} people were written to {path}.", count
        ).format(count=count, path=out)
    )
    return 0


def print_summary(summary: AttendanceImportSummary) -> None:
    """A short summary for people, then the possible duplicates, rejected rows and warnings."""
    title, name = summary.activity_title, summary.file_name
    if summary.dry_run:
        heading = _("Dry run of {file} for {activity}: nothing was saved.")
    else:
        heading = _("Imported the attendance of {file} into {activity}.")
    print(heading.format(file=name, activity=title))
    dates = ", ".join(format_date(d) for d in summary.sessions) or "—"
    print(_("Sessions: {dates}").format(dates=dates))
    for mark, count in summary.marks.items():
        print(_("{mark}: {count}").format(mark=_(ATTENDANCE_MARKS[mark]), count=count))
    print(_("People already in the directory: {count}").format(count=summary.people_matched))
    print(_("People created: {count}").format(count=summary.people_created))
    print(_("Registered in the activity: {count}").format(count=summary.registered))
    print(_("Organisations created: {count}").format(count=summary.organisations_created))
    print(_("Possible duplicates: {count}").format(count=len(summary.duplicates)))
    print(_("Rows rejected: {count}").format(count=len(summary.rejected)))
    if summary.backup:
        print(_("Backup made before the import: {path}").format(path=summary.backup))
    for duplicate in summary.duplicates:
        print("  " + duplicate_line(duplicate))
    if summary.duplicates and any(d.action == "create" for d in summary.duplicates):
        print("  " + _("Check them with Find duplicates and merge those that are the same person."))
    for rejected in summary.rejected:
        print("  " + _("Line {line}: {reason}").format(line=rejected.line, reason=rejected.reason))
    for warning in summary.warnings:
        print("  " + _("Line {line}: {reason}").format(line=warning.line, reason=warning.message))


def duplicate_line(duplicate: DuplicateMatch) -> str:
    """One whole sentence per case, so that each translates as a sentence."""
    templates = {
        "create": _(
            "Line {line}: {name} looks like {matched}, already in the directory; created as a "
            "new person."
        ),
        "skip": _("Line {line}: {name} looks like {matched}, already in the directory; skipped."),
        "match": _(
            "Line {line}: {name} looks like {matched}, already in the directory; marked as that "
            "person."
        ),
    }
    return templates[duplicate.action].format(
        line=duplicate.line, name=duplicate.name, matched=duplicate.matched_name
    )
