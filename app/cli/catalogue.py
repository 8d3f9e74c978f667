"""``tejido catalogue ...``: the good-practice catalogue from the command line.

``search`` prints the practices matching some words (ranked, accents and case aside, each word
a prefix) with the words that matched; ``sheet`` writes one practice's sheet as PDF and
``booklet`` a booklet of practices grouped by area. Every one only reads: they need an
existing, up-to-date data folder and never create, migrate, lock or back anything up, so they
can run while the window is open.
"""

from __future__ import annotations

import argparse
import logging
from dataclasses import asdict
from pathlib import Path

from app.cli.common import open_services, print_json
from app.cli.mentoring_lookup import print_rows
from app.errors import NotFoundError, ValidationError
from app.i18n import LANGUAGES, _, ngettext
from app.services import practice_documents, text
from app.services.catalogue_values import AreaData, CatalogueFilters, PracticeRow
from app.services.catalogue_vocabulary import PRACTICE_STATUSES
from app.services.registry import Services

log = logging.getLogger(__name__)

MAX_LIMIT = 1000


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add ``catalogue`` and its actions."""
    catalogue = subparsers.add_parser(
        "catalogue",
        parents=[common],
        help=_("search the good-practice catalogue, print practice sheets and booklets"),
    )
    actions = catalogue.add_subparsers(dest="catalogue_command", metavar=_("ACTION"), required=True)
    _add_search(actions, common)
    _add_documents(actions, common)


def _add_search(actions: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    search = actions.add_parser(
        "search", parents=[common], help=_("find practices by words of any of their fields")
    )
    search.add_argument(
        "text",
        metavar="TEXT",
        nargs="?",
        default="",
        help=_("the words to look for (accents and case aside; the start of a word is enough)"),
    )
    search.add_argument("--area", metavar="AREA", help=_("only practices of this area"))
    search.add_argument(
        "--limit",
        type=int,
        default=20,
        metavar="N",
        help=_("at most N practices (default: 20)"),
    )
    search.add_argument("--json", action="store_true", help=_("print it as JSON"))
    search.set_defaults(handler=run_search)


def _add_documents(actions: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    sheet = actions.add_parser(
        "sheet", parents=[common], help=_("print one practice's sheet as PDF")
    )
    sheet.add_argument(
        "practice", metavar="PRACTICE", help=_("the practice's id, or words of its title")
    )
    _out_and_language(sheet)
    sheet.set_defaults(handler=run_sheet)

    booklet = actions.add_parser(
        "booklet",
        parents=[common],
        help=_("print a booklet of practices grouped by area, with a table of contents"),
    )
    booklet.add_argument(
        "--area",
        dest="areas",
        action="append",
        default=[],
        metavar="AREA",
        help=_("only practices of this area (give it several times for several areas)"),
    )
    _out_and_language(booklet)
    booklet.set_defaults(handler=run_booklet)


def _out_and_language(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--out", required=True, metavar="FILE.pdf", type=Path, help=_("the PDF file to write")
    )
    parser.add_argument(
        "--language",
        "--lang",
        dest="language",
        choices=tuple(LANGUAGES),
        help=_("the document's language (default: the profile's language)"),
    )


def run_search(args: argparse.Namespace, data_dir: Path) -> int:
    """Print the practices matching the words, best first, with the words that matched."""
    if not 1 <= args.limit <= MAX_LIMIT:
        raise ValidationError(
            _("The limit must be between 1 and {most}.").format(most=MAX_LIMIT), field="limit"
        )
    with open_services(data_dir, write=False) as services:
        area = find_area(services, args.area) if args.area else None
        filters = CatalogueFilters(area_id=(area.id or "") if area else "")
        total = services.catalogue.count(args.text, filters)
        rows = services.catalogue.search(args.text, filters, limit=args.limit)
    if args.json:
        print_json({"query": args.text, "total": total, "practices": [_plain(r) for r in rows]})
        return 0
    if not rows:
        print(_("No practice matches. Try fewer words, or the start of a word."))
        return 0
    _print_practices(rows)
    print(_shown_line(len(rows), total))
    return 0


def _plain(row: PracticeRow) -> dict[str, object]:
    plain = {k: v for k, v in asdict(row).items() if k != "deleted_at"}
    plain["snippet"] = _one_line(row.snippet)
    return plain


def _one_line(value: str) -> str:
    return " ".join(value.split())


def _print_practices(rows: list[PracticeRow]) -> None:
    """A table of the practices; under it, what matched in each (when words were given)."""
    headers = [_("Title"), _("Area"), _("Organisation"), _("Year"), _("Status"), _("Id")]
    print_rows(
        headers,
        [
            [
                _short(row.title, 60),
                row.area,
                _short(row.organisation_name, 40),
                str(row.year or ""),
                _status(row.status),
                row.id,
            ]
            for row in rows
        ],
    )
    # What matched, when it is more than the title itself.
    matched = [row for row in rows if row.snippet and _unmarked(row.snippet) != row.title]
    if matched:
        print()
        for row in matched:
            print(f"{_short(row.title, 60)}: {_one_line(row.snippet)}")


def _unmarked(snippet: str) -> str:
    return _one_line(snippet.replace("[", "").replace("]", ""))


def _shown_line(shown: int, total: int) -> str:
    if shown == total:
        return ngettext("{count} practice.", "{count} practices.", total).format(count=total)
    return ngettext(
        "The first {shown} of {total} practice (use --limit to see more).",
        "The first {shown} of {total} practices (use --limit to see more).",
        total,
    ).format(shown=shown, total=total)


def _status(code: str) -> str:
    return _(PRACTICE_STATUSES[code]) if code in PRACTICE_STATUSES else code


def _short(value: str, width: int) -> str:
    return value if len(value) <= width else value[: width - 1].rstrip() + "…"


def find_area(services: Services, wanted: str) -> AreaData:
    """The area of the catalogue with this id, or this name (accents and case aside)."""
    areas = services.catalogue.areas()
    key = text.fold(wanted)
    for area in areas:
        if area.id == wanted or text.fold(area.name) == key:
            return area
    raise NotFoundError(
        _("There is no area called “{name}” in the catalogue. The areas are: {areas}.").format(
            name=wanted, areas=", ".join(area.name for area in areas)
        )
    )


def find_practice(services: Services, wanted: str) -> PracticeRow:
    """The practice with this id, or the one practice whose title the words match (hidden
    ones included; a title equal to the words wins over other matches)."""
    filters = CatalogueFilters(include_hidden=True)
    rows = services.catalogue.search(wanted, filters, limit=50)
    exact = [row for row in rows if row.id == wanted or text.fold(row.title) == text.fold(wanted)]
    if not exact:
        by_id = _by_id(services, wanted)
        if by_id is not None:
            return by_id
    candidates = exact or rows
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        raise NotFoundError(
            _("No practice matches “{words}”. Use `tejido catalogue search` to find it.").format(
                words=wanted
            )
        )
    names = "; ".join(f"{row.title} ({row.id})" for row in candidates[:5])
    raise ValidationError(
        _("Several practices match “{words}”: {names}. Give more words, or the id.").format(
            words=wanted, names=names
        )
    )


def _by_id(services: Services, wanted: str) -> PracticeRow | None:
    """The practice whose id is ``wanted`` (a word search does not look at ids)."""
    try:
        data = services.catalogue.get(wanted)
    except NotFoundError:
        return None
    if data.deleted_at is not None:
        raise NotFoundError(_("That practice is in the trash. Restore it first."))
    return PracticeRow(
        id=data.id or wanted,
        title=data.title,
        area=data.area,
        organisation_name=data.organisation_name,
        year=data.year,
        status=data.status,
        snippet="",
        own=data.own,
        origin_name=data.origin_name,
        hidden=data.hidden,
        withdrawn=data.withdrawn,
        edited_locally=data.edited_locally,
    )


def run_sheet(args: argparse.Namespace, data_dir: Path) -> int:
    """Write one practice's sheet; say what was written."""
    with open_services(data_dir, write=False) as services:
        practice = find_practice(services, args.practice)
        pages = practice_documents.practice_sheet(
            services.db, practice.id, args.out, language=args.language
        )
    print(
        ngettext(
            "Wrote the sheet of “{title}” to {path} ({pages} page).",
            "Wrote the sheet of “{title}” to {path} ({pages} pages).",
            pages,
        ).format(title=practice.title, path=args.out, pages=pages)
    )
    return 0


def run_booklet(args: argparse.Namespace, data_dir: Path) -> int:
    """Write a booklet of the catalogue (or of some areas); say what was written."""
    with open_services(data_dir, write=False) as services:
        pages = practice_documents.booklet(
            services.db, args.out, areas=tuple(args.areas), language=args.language
        )
    print(
        ngettext(
            "Wrote the booklet to {path} ({pages} page).",
            "Wrote the booklet to {path} ({pages} pages).",
            pages,
        ).format(path=args.out, pages=pages)
    )
    return 0
