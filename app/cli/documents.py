"""``tejido sign-in-sheet`` and ``tejido handout``: an activity's printed documents as PDF.

Both only read the data: they need an existing, up-to-date data folder and never create,
migrate, lock or back anything up, so they can run while the window is open. The PDF is
written atomically (an existing file is left as it was when anything goes wrong).
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from app.cli.common import open_services
from app.i18n import LANGUAGES, _, ngettext
from app.services import activity_documents

log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add ``sign-in-sheet`` and ``handout``."""
    sheet = subparsers.add_parser(
        "sign-in-sheet",
        parents=[common],
        help=_("print the sign-in sheet of a session: registered people and rows for walk-ins"),
    )
    _activity_argument(sheet)
    sheet.add_argument(
        "--session",
        metavar="ID_OR_DATE",
        help=_("the session's date (YYYY-MM-DD) or id; not needed when there is only one"),
    )
    _out_and_language(sheet)
    sheet.add_argument(
        "--blank-rows",
        type=int,
        default=10,
        metavar="N",
        help=_("empty rows for people who come without registering (default: 10)"),
    )
    sheet.set_defaults(handler=run_sign_in_sheet)

    handout = subparsers.add_parser(
        "handout",
        parents=[common],
        help=_("print an activity's handout: summary, key content, resources and contacts"),
    )
    _activity_argument(handout)
    _out_and_language(handout)
    handout.set_defaults(handler=run_handout)


def _activity_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "activity", metavar="ACTIVITY", help=_("the activity's title (or part of it) or its id")
    )


def _out_and_language(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--out", required=True, metavar="FILE.pdf", type=Path, help=_("the PDF file to write")
    )
    parser.add_argument(
        "--lang",
        choices=tuple(LANGUAGES),
        help=_("the document's language (default: the activity's language)"),
    )


def run_sign_in_sheet(args: argparse.Namespace, data_dir: Path) -> int:
    """Write the sign-in sheet of one session of the activity; say what was written."""
    with open_services(data_dir, write=False) as services:
        activity = services.activities.find(args.activity)
        session = services.activities.find_session(activity.id, args.session)
        pages = activity_documents.sign_in_sheet(
            services.db,
            activity.id,
            session.id or "",
            args.out,
            language=args.lang,
            blank_rows=args.blank_rows,
        )
    print(
        ngettext(
            "Wrote the sign-in sheet of “{title}” on {date} to {path} ({pages} page).",
            "Wrote the sign-in sheet of “{title}” on {date} to {path} ({pages} pages).",
            pages,
        ).format(title=activity.title, date=session.date.isoformat(), path=args.out, pages=pages)
    )
    return 0


def run_handout(args: argparse.Namespace, data_dir: Path) -> int:
    """Write the handout of the activity; say what was written."""
    with open_services(data_dir, write=False) as services:
        activity = services.activities.find(args.activity)
        pages = activity_documents.handout(services.db, activity.id, args.out, language=args.lang)
    print(
        ngettext(
            "Wrote the handout of “{title}” to {path} ({pages} page).",
            "Wrote the handout of “{title}” to {path} ({pages} pages).",
            pages,
        ).format(title=activity.title, path=args.out, pages=pages)
    )
    return 0
