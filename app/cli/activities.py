"""``tejido activities list`` and ``tejido calendar export``: reading the programme of activities.

Both only read: they need an existing, up-to-date data folder and never create, migrate, lock
or back anything up, so they can run while the window is open. ``activities list --json``
prints a JSON array (dates and times as ISO strings, ``null`` when missing); without it, a
plain table in the chosen language.
"""

from __future__ import annotations

import argparse
import logging
from collections.abc import Sequence
from datetime import date, time
from pathlib import Path

from app.cli.common import open_services, print_json
from app.errors import ValidationError
from app.i18n import _, ngettext
from app.services.activities import ActivityRow
from app.services.calendar_export import CalendarSession, calendar_sessions, export_calendar
from app.services.vocabulary import ACTIVITY_KINDS, ACTIVITY_STATUSES

log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add ``activities list`` and ``calendar export``."""
    activities = subparsers.add_parser(
        "activities", parents=[common], help=_("see the forum meetings and training capsules")
    )
    actions = activities.add_subparsers(
        dest="activities_command", metavar=_("ACTION"), required=True
    )
    listing = actions.add_parser(
        "list", parents=[common], help=_("list the activities with their sessions")
    )
    listing.add_argument("--json", action="store_true", help=_("print the list as JSON"))
    listing.set_defaults(handler=run_list)

    calendar = subparsers.add_parser(
        "calendar", parents=[common], help=_("the calendar of the activities' sessions")
    )
    calendar_actions = calendar.add_subparsers(
        dest="calendar_command", metavar=_("ACTION"), required=True
    )
    exporting = calendar_actions.add_parser(
        "export",
        parents=[common],
        help=_("write the sessions to an .ics file for Outlook, Google or Apple Calendar"),
    )
    exporting.add_argument(
        "--out", required=True, metavar="FILE.ics", type=Path, help=_("the .ics file to write")
    )
    exporting.add_argument(
        "--from",
        dest="start",
        metavar="DATE",
        help=_("only sessions on or after DATE (YYYY-MM-DD)"),
    )
    exporting.add_argument(
        "--to", dest="end", metavar="DATE", help=_("only sessions on or before DATE (YYYY-MM-DD)")
    )
    exporting.set_defaults(handler=run_calendar)


def run_list(args: argparse.Namespace, data_dir: Path) -> int:
    """Print every activity (not in the trash), by first date, with its sessions."""
    with open_services(data_dir, write=False) as services:
        rows = services.activities.list(sort="first_date", descending=False, limit=None)
        sessions = calendar_sessions(services.db)
    by_activity: dict[str, list[CalendarSession]] = {}
    for session in sessions:
        by_activity.setdefault(session.activity_id, []).append(session)
    if args.json:
        print_json([activity_json(row, by_activity.get(row.id, [])) for row in rows])
    else:
        print_table(rows)
    return 0


def activity_json(row: ActivityRow, sessions: Sequence[CalendarSession]) -> dict[str, object]:
    """One activity as printed by ``activities list --json``."""
    return {
        "id": row.id,
        "kind": row.kind,
        "title": row.title,
        "status": row.status,
        "first_date": _iso(row.first_date),
        "last_date": _iso(row.last_date),
        "capacity": row.capacity,
        "areas": list(row.areas),
        "registered": row.registered,
        "sessions": [
            {
                "id": x.id,
                "date": x.date.isoformat(),
                "start": _iso(x.start_time),
                "end": _iso(x.end_time),
                "place": x.place,
            }
            for x in sessions
        ],
    }


def _iso(value: date | time | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, time):
        return value.isoformat(timespec="minutes")
    return value.isoformat()


def print_table(rows: Sequence[ActivityRow]) -> None:
    """The activities as aligned columns, then how many there are."""
    if not rows:
        print(_("There are no activities yet."))
        return
    headers = [
        _("First date"),
        _("Last date"),
        _("Kind"),
        _("Status"),
        _("Sessions"),
        _("Registered"),
        _("Title"),
        _("Id"),
    ]
    lines = [headers] + [_table_cells(row) for row in rows]
    widths = [max(len(line[i]) for line in lines) for i in range(len(headers) - 1)]
    for line in lines:
        cells = [cell.ljust(width) for cell, width in zip(line, widths, strict=False)]
        print("  ".join([*cells, line[-1]]).rstrip())
    print(ngettext("{count} activity.", "{count} activities.", len(rows)).format(count=len(rows)))


def _table_cells(row: ActivityRow) -> list[str]:
    registered = str(row.registered)
    if row.capacity is not None:
        registered = _("{registered} of {capacity}").format(
            registered=row.registered, capacity=row.capacity
        )
    return [
        _iso(row.first_date) or "-",
        _iso(row.last_date) or "-",
        _(ACTIVITY_KINDS.get(row.kind, row.kind)),
        _(ACTIVITY_STATUSES.get(row.status, row.status)),
        str(row.sessions),
        registered,
        row.title,
        row.id,
    ]


def run_calendar(args: argparse.Namespace, data_dir: Path) -> int:
    """Write the sessions between the dates to the .ics file; say how many."""
    start = parse_date(args.start, "--from")
    end = parse_date(args.end, "--to")
    out = args.out.expanduser().absolute()
    with open_services(data_dir, write=False) as services:
        count = export_calendar(services.db, out, start, end)
    print(
        ngettext(
            "{count} session was written to {path}.",
            "{count} sessions were written to {path}.",
            count,
        ).format(count=count, path=out)
    )
    return 0


def parse_date(value: str | None, option: str) -> date | None:
    """A date written YYYY-MM-DD, or ``None``; raises :class:`ValidationError` otherwise."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise ValidationError(
            _("{option} {value}: write the date as YYYY-MM-DD, for example 2025-03-31.").format(
                option=option, value=value
            )
        ) from None
