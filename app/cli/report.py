"""``tejido report``: the indicators of a period for funders, as JSON, XLSX or PDF.

``tejido report --from DATE --to DATE --format json|xlsx|pdf --out FILE [--suppress-below N]``

The format defaults to the --out file's ending (JSON when there is none); JSON without --out
is printed. The command only reads: it needs an existing, up-to-date data folder and never
creates, migrates, locks or backs anything up, so it can run while the window is open. Every
file is written atomically. The JSON keys are documented in docs/report-format.md.
"""

from __future__ import annotations

import argparse
import json
import logging
from pathlib import Path

from app.cli.activities import parse_date
from app.cli.common import open_services, print_json
from app.errors import ValidationError
from app.i18n import LANGUAGES, _, ngettext
from app.services.reports.period import Period
from app.services.reports.values import report_json
from app.settings import write_atomically

log = logging.getLogger(__name__)

FORMATS = ("json", "xlsx", "pdf")


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add ``report``."""
    report = subparsers.add_parser(
        "report",
        parents=[common],
        help=_("the indicators of a period for funders, as JSON, XLSX or PDF"),
    )
    report.add_argument(
        "--from", dest="start", required=True, metavar="DATE", help=_("from DATE (YYYY-MM-DD)")
    )
    report.add_argument(
        "--to", dest="end", required=True, metavar="DATE", help=_("until DATE (YYYY-MM-DD)")
    )
    report.add_argument(
        "--format",
        choices=FORMATS,
        help=_("json, xlsx or pdf (default: the ending of the --out file, else json)"),
    )
    report.add_argument(
        "--out", type=Path, metavar="FILE", help=_("the file to write (JSON: printed without it)")
    )
    report.add_argument(
        "--suppress-below",
        type=int,
        default=0,
        metavar="N",
        help=_("hide counts of people or organisations from 1 to N-1 (default: 0, hide nothing)"),
    )
    report.add_argument(
        "--language",
        "--lang",
        dest="language",
        choices=tuple(LANGUAGES),
        help=_("the PDF's language (default: the profile's language)"),
    )
    report.set_defaults(handler=run_report)


def report_format(chosen: str | None, out: Path | None) -> str:
    """The format asked for, else the one of the file's ending, else JSON; XLSX and PDF need
    a file, and the file's ending must match."""
    suffix = out.suffix.lower().lstrip(".") if out is not None else ""
    fmt = chosen or (suffix if suffix in FORMATS else "json")
    if fmt != "json" and out is None:
        raise ValidationError(
            _("Say where to write the {format} file with --out FILE.").format(format=fmt.upper())
        )
    if out is not None and suffix != fmt:
        raise ValidationError(
            _("The --out file must end in .{format} for the {format} format.").format(format=fmt)
        )
    return fmt


def run_report(args: argparse.Namespace, data_dir: Path) -> int:
    """Build the report of the period and write it in the format asked for; say what was
    written."""
    start, end = parse_date(args.start, "--from"), parse_date(args.end, "--to")
    if start is None or end is None:  # argparse requires both; kept for the type checker
        raise ValidationError(_("Give both --from and --to."))
    fmt = report_format(args.format, args.out)
    period, count = Period(start, end), 0
    with open_services(data_dir, write=False) as services:
        report = services.reports.build(period, args.suppress_below)
        if fmt == "pdf":
            from app.services.documents.report_pdf import export_report_pdf

            count = export_report_pdf(services.db, report, args.out, language=args.language)
    if fmt == "json":
        _write_json(report_json(report), args.out)
        if args.out is None:
            return 0
        message = _("Wrote the report from {start} to {end} to {path}.")
    elif fmt == "xlsx":
        from app.services.reports.report_xlsx import export_report_xlsx

        count = export_report_xlsx(report, args.out)
        message = ngettext(
            "Wrote the report from {start} to {end} to {path} ({count} sheet).",
            "Wrote the report from {start} to {end} to {path} ({count} sheets).",
            count,
        )
    else:
        message = ngettext(
            "Wrote the report from {start} to {end} to {path} ({count} page).",
            "Wrote the report from {start} to {end} to {path} ({count} pages).",
            count,
        )
    print(message.format(start=start, end=end, path=args.out, count=count))
    return 0


def _write_json(data: dict, out: Path | None) -> None:
    """Print the JSON, or write it to ``out`` atomically."""
    if out is None:
        print_json(data)
        return
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    try:
        write_atomically(out, text.encode("utf-8"))
    except OSError as error:
        raise ValidationError(
            _("The file {path} could not be written ({reason}).").format(
                path=out, reason=error.strerror or error
            )
        ) from error
