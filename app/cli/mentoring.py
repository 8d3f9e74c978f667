"""``tejido mentoring ...``: the mentoring pairs from the command line.

``list``, ``health``, ``suggest`` and ``totals`` print a table (or JSON with ``--json``);
``agreement`` and ``summary`` write a pair's PDF. Every one only reads: they need an existing,
up-to-date data folder and never create, migrate, lock or back anything up, so they can run
while the window is open. Confidential notes of the sessions are never printed: nothing here
reads them.
"""

from __future__ import annotations

import argparse
import logging
from dataclasses import asdict
from pathlib import Path

from app.cli.activities import parse_date
from app.cli.common import open_services, print_json
from app.cli.mentoring_lookup import find_organisation, find_pair, print_rows
from app.i18n import LANGUAGES, _, ngettext
from app.services import mentoring_documents
from app.services.mentoring_health import DEFAULT_WEEKS
from app.services.mentoring_vocabulary import MENTORING_AREAS, RELATIONSHIP_STATUSES

log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add ``mentoring`` and its actions."""
    mentoring = subparsers.add_parser(
        "mentoring", parents=[common], help=_("see the mentoring pairs, print their documents")
    )
    actions = mentoring.add_subparsers(dest="mentoring_command", metavar=_("ACTION"), required=True)
    _add_reading(actions, common)
    _add_documents(actions, common)


def _add_reading(actions: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """``list``, ``health``, ``suggest`` and ``totals``."""
    listing = actions.add_parser("list", parents=[common], help=_("list the mentoring pairs"))
    listing.add_argument(
        "--status", choices=tuple(RELATIONSHIP_STATUSES), help=_("only pairs with this status")
    )
    listing.add_argument(
        "--area", choices=tuple(MENTORING_AREAS), help=_("only pairs working on this area")
    )
    _json(listing, run_list)

    health = actions.add_parser(
        "health", parents=[common], help=_("the pairs that need attention, and why")
    )
    weeks = _("flag pairs with no session for N weeks (default: {weeks})")
    health.add_argument(
        "--weeks",
        type=int,
        default=DEFAULT_WEEKS,
        metavar="N",
        help=weeks.format(weeks=DEFAULT_WEEKS),
    )
    health.add_argument("--all", action="store_true", help=_("list the healthy pairs too"))
    _json(health, run_health)

    suggest = actions.add_parser(
        "suggest", parents=[common], help=_("mentors who could help an organisation, and why")
    )
    suggest.add_argument(
        "organisation", metavar="ORGANISATION", help=_("the organisation's name or id")
    )
    suggest.add_argument(
        "--limit", type=int, default=10, metavar="N", help=_("at most N mentors (default: 10)")
    )
    _json(suggest, run_suggest)

    totals = actions.add_parser(
        "totals", parents=[common], help=_("pairs, sessions, hours and goals achieved")
    )
    totals.add_argument("--from", dest="start", metavar="DATE", help=_("from DATE (YYYY-MM-DD)"))
    totals.add_argument("--to", dest="end", metavar="DATE", help=_("until DATE (YYYY-MM-DD)"))
    _json(totals, run_totals)


def _add_documents(actions: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """``agreement`` and ``summary``."""
    for name, handler, help_text in (
        ("agreement", run_agreement, _("print a pair's agreement, for both sides to sign")),
        ("summary", run_summary, _("print a pair's summary: goals, progress and sessions")),
    ):
        document = actions.add_parser(name, parents=[common], help=help_text)
        document.add_argument(
            "pair",
            metavar="PAIR",
            help=_("the pair's id, or words of the mentee's and mentor's names"),
        )
        document.add_argument(
            "--out", required=True, metavar="FILE.pdf", type=Path, help=_("the PDF file to write")
        )
        document.add_argument(
            "--language",
            "--lang",
            dest="language",
            choices=tuple(LANGUAGES),
            help=_("the document's language (default: the profile's language)"),
        )
        document.set_defaults(handler=handler)


def _json(parser: argparse.ArgumentParser, handler: object) -> None:
    parser.add_argument("--json", action="store_true", help=_("print it as JSON"))
    parser.set_defaults(handler=handler)


def _status(code: str) -> str:
    return _(RELATIONSHIP_STATUSES.get(code, code))


def run_list(args: argparse.Namespace, data_dir: Path) -> int:
    """Print the live pairs, by mentee, with their status and sessions."""
    with open_services(data_dir, write=False) as services:
        rows = services.mentoring.list(status=args.status or "", area=args.area or "", limit=None)
    if args.json:
        print_json([{k: v for k, v in asdict(row).items() if k != "deleted_at"} for row in rows])
        return 0
    if not rows:
        print(_("There are no mentoring pairs to show."))
        return 0
    headers = [
        _("Mentee"),
        _("Mentor"),
        _("Status"),
        _("Start"),
        _("Last session"),
        _("Sessions"),
        _("Id"),
    ]
    print_rows(
        headers,
        [
            [
                row.mentee_name,
                row.mentor_name,
                _status(row.status),
                _iso(row.start_date),
                _iso(row.last_session_on),
                str(row.sessions),
                row.id,
            ]
            for row in rows
        ],
    )
    print(ngettext("{count} pair.", "{count} pairs.", len(rows)).format(count=len(rows)))
    return 0


def _iso(value: object) -> str:
    return value.isoformat() if value is not None else "-"  # type: ignore[attr-defined]


def run_health(args: argparse.Namespace, data_dir: Path) -> int:
    """Print the pairs that need attention (all pairs not closed with ``--all``), worst first."""
    with open_services(data_dir, write=False) as services:
        rows = services.mentoring_health.check(weeks=args.weeks, include_healthy=args.all)
    if args.json:
        print_json([asdict(row) for row in rows])
        return 0
    if not rows:
        print(
            _("No pair needs attention (no session for {weeks} weeks is the limit).").format(
                weeks=args.weeks
            )
        )
        return 0
    headers = [_("Mentee"), _("Mentor"), _("Status"), _("Last session"), _("Needs attention")]
    cells = [
        [
            row.mentee_name,
            row.mentor_name,
            _status(row.status),
            _iso(row.last_session_on),
            "; ".join(flag.message for flag in row.flags) or _("Nothing"),
        ]
        for row in rows
    ]
    print_rows(headers, cells)
    return 0


def run_suggest(args: argparse.Namespace, data_dir: Path) -> int:
    """Print the mentors who could help the organisation, best first, with their reasons."""
    with open_services(data_dir, write=False) as services:
        organisation_id, name = find_organisation(services, args.organisation)
        suggestions = services.mentoring_suggestions.suggest(organisation_id, limit=args.limit)
    if args.json:
        print_json(
            {
                "organisation_id": organisation_id,
                "organisation_name": name,
                "suggestions": [asdict(x) for x in suggestions],
            }
        )
        return 0
    if not suggestions:
        print(
            _(
                "No mentor to suggest for {organisation}: it has declared no needs yet, or no "
                "available mentor of another organisation matches them."
            ).format(organisation=name)
        )
        return 0
    print(_("Mentors who could help {organisation}, best first:").format(organisation=name))
    for number, suggestion in enumerate(suggestions, start=1):
        who = suggestion.mentor_name
        if suggestion.organisation_name:
            who = f"{who} ({suggestion.organisation_name})"
        print(f"\n{number}. {who}")
        for reason in suggestion.reasons:
            print(f"   - {reason}")
    return 0


def run_totals(args: argparse.Namespace, data_dir: Path) -> int:
    """Print the programme's mentoring totals for the period (everything without one)."""
    start, end = parse_date(args.start, "--from"), parse_date(args.end, "--to")
    with open_services(data_dir, write=False) as services:
        totals = services.mentoring_health.totals(start, end)
    if args.json:
        print_json({"from": start, "to": end, **asdict(totals)})
        return 0
    lines = (
        (_("Pairs active"), str(totals.pairs_active)),
        (_("Pairs started"), str(totals.pairs_started)),
        (_("Pairs closed"), str(totals.pairs_closed)),
        (_("Sessions"), str(totals.sessions)),
        (_("Hours"), f"{round(totals.hours, 1):g}"),
        (_("Goals achieved"), str(totals.goals_achieved)),
    )
    print(_period(start, end))
    print_rows([_("Figure"), _("Total")], lines)
    return 0


def _period(start: object, end: object) -> str:
    if start and end:
        return _("From {start} to {end}:").format(start=start, end=end)
    if start:
        return _("From {start}:").format(start=start)
    if end:
        return _("Until {end}:").format(end=end)
    return _("Since the programme began:")


def run_agreement(args: argparse.Namespace, data_dir: Path) -> int:
    """Write the pair's agreement to the PDF; say what was written."""
    with open_services(data_dir, write=False) as services:
        pair = find_pair(services, args.pair)
        pages = mentoring_documents.agreement_pdf(
            services.db, pair.id, args.out, language=args.language
        )
    message = ngettext(
        "Wrote the mentoring agreement of {mentee} and {mentor} to {path} ({pages} page).",
        "Wrote the mentoring agreement of {mentee} and {mentor} to {path} ({pages} pages).",
        pages,
    )
    print(
        message.format(mentee=pair.mentee_name, mentor=pair.mentor_name, path=args.out, pages=pages)
    )
    return 0


def run_summary(args: argparse.Namespace, data_dir: Path) -> int:
    """Write the pair's summary to the PDF; say what was written."""
    with open_services(data_dir, write=False) as services:
        pair = find_pair(services, args.pair)
        pages = mentoring_documents.summary_pdf(
            services.db, pair.id, args.out, language=args.language
        )
    message = ngettext(
        "Wrote the mentoring summary of {mentee} and {mentor} to {path} ({pages} page).",
        "Wrote the mentoring summary of {mentee} and {mentor} to {path} ({pages} pages).",
        pages,
    )
    print(
        message.format(mentee=pair.mentee_name, mentor=pair.mentor_name, path=args.out, pages=pages)
    )
    return 0
