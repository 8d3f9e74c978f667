"""``tejido certificates issue`` and ``tejido certificates verify``.

``issue`` gives a certificate to everyone eligible for an activity (attended at least one
session, or completed it by its rule) and writes them to one merged PDF, a ZIP of one PDF per
person (``--zip`` or a .zip name), or one PDF per person in a folder. It is one transaction:
either every certificate is issued and written, or none. ``verify`` only reads: it checks a
certificate's PDF or the text under its QR code with this data folder's keys and register, and
exits 0 when it is valid and 1 (saying why) when it is not.
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from app.cli.common import open_services, print_json
from app.errors import ValidationError
from app.i18n import LANGUAGES, _, format_date, format_number, ngettext
from app.services.certificate_output import IssuedFiles
from app.services.documents.content import CERTIFICATE_DESIGNS, CERTIFICATE_KINDS
from app.services.signing import Verification

log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add ``certificates`` and its sub-commands ``issue`` and ``verify``."""
    certificates = subparsers.add_parser(
        "certificates", parents=[common], help=_("issue and verify certificates")
    )
    actions = certificates.add_subparsers(
        dest="certificates_command", metavar=_("ACTION"), required=True
    )
    issuing = actions.add_parser(
        "issue",
        parents=[common],
        help=_("issue the certificates of an activity to everyone eligible"),
    )
    issuing.add_argument("activity", metavar="ACTIVITY", help=_("the activity's title or id"))
    issuing.add_argument(
        "--out",
        required=True,
        metavar="FILE.pdf|DIR",
        type=Path,
        help=_("one PDF with every certificate, or a folder for one PDF per person"),
    )
    issuing.add_argument(
        "--zip", action="store_true", help=_("a ZIP of one PDF per person instead")
    )
    issuing.add_argument(
        "--lang",
        choices=tuple(LANGUAGES),
        help=_("the certificates' language (default: the organisation profile's)"),
    )
    issuing.add_argument(
        "--kind",
        choices=CERTIFICATE_KINDS,
        default="attendance",
        help=_("attendance (attended a session) or completion (met the activity's rule)"),
    )
    issuing.add_argument("--design", choices=CERTIFICATE_DESIGNS, default="classic")
    issuing.add_argument(
        "--names",
        metavar="PATTERN",
        default="{name} - {activity}",
        help=_("file names of one PDF per person, from {name} {activity} {date} {code} {kind}"),
    )
    issuing.add_argument(
        "--issued-by", default="", metavar="NAME", help=_("who issues them, for the register")
    )
    issuing.add_argument("--json", action="store_true", help=_("print what was issued as JSON"))
    issuing.set_defaults(handler=run_issue)

    verifying = actions.add_parser(
        "verify",
        parents=[common],
        help=_("check whether a certificate (its PDF, or the text under its QR code) is valid"),
    )
    verifying.add_argument(
        "certificate", metavar="FILE.pdf|TEXT", help=_("the certificate's PDF, or its code text")
    )
    verifying.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    verifying.set_defaults(handler=run_verify)


def run_issue(args: argparse.Namespace, data_dir: Path) -> int:
    """Issue the certificates of one activity to everyone eligible and write them."""
    with open_services(data_dir, write=True) as services:
        activity = services.activities.find(args.activity)
        people = services.certificates.eligible(activity.id, args.kind)
        if not people:
            raise ValidationError(_nobody_message(args.kind))
        issued = services.certificates.issue_to_files(
            activity.id,
            [p.person_id for p in people],
            out=args.out,
            kind=args.kind,
            language=args.lang or services.profile.get().default_language,
            design=args.design,
            issued_by=args.issued_by,
            zip=args.zip,
            pattern=args.names,
        )
    if args.json:
        print_json(
            [
                {"code": c.code, "person": c.person_name, "file": str(path)}
                for c, path in zip(issued.contents, issued.files, strict=True)
            ]
        )
    else:
        print(_issued_message(issued, activity.title))
    return 0


def _nobody_message(kind: str) -> str:
    if kind == "completion":
        return _("Nobody has completed this activity by its rule yet: no certificate was issued.")
    return _("Nobody has attended a session of this activity yet: no certificate was issued.")


def _issued_message(issued: IssuedFiles, title: str) -> str:
    count = len(issued.contents)
    return ngettext(
        "{count} certificate for “{activity}” written to {path}",
        "{count} certificates for “{activity}” written to {path}",
        count,
    ).format(count=count, activity=title, path=issued.path)


def run_verify(args: argparse.Namespace, data_dir: Path) -> int:
    """Verify a PDF (one result per certificate in it) or a code text; 0 only if all valid."""
    given = args.certificate
    with open_services(data_dir, write=False) as services:
        if _is_file(given):
            results = services.certificates.verify_pdf(Path(given))
        elif given.lower().endswith(".pdf"):
            raise ValidationError(_("There is no file {path}.").format(path=given))
        else:
            results = [services.certificates.verify_text(given)]
    if args.json:
        print_json([verification_json(result) for result in results])
    else:
        for number, result in enumerate(results):
            if number:
                print()
            print_verification(result)
    return 0 if all(result.valid for result in results) else 1


def _is_file(given: str) -> bool:
    """Whether ``given`` names a file (a certificate's text is never a file name)."""
    if given.strip().startswith("TJ1."):
        return False
    try:
        return Path(given).is_file()
    except OSError:  # too long or impossible as a file name: it is text
        return False


def verification_json(result: Verification) -> dict[str, object]:
    """A verification as JSON (dates as ISO text, ``null`` when unknown)."""
    return {
        "valid": result.valid,
        "reason": result.reason,
        "message": result.message,
        "code": result.code,
        "kind": result.kind,
        "person": result.person_name,
        "activity": result.activity_title,
        "minutes": result.minutes,
        "first_date": result.first_date.isoformat() if result.first_date else None,
        "last_date": result.last_date.isoformat() if result.last_date else None,
        "issued_on": result.issued_on.isoformat() if result.issued_on else None,
        "issuer": result.issuer,
        "revoked_at": result.revoked_at.isoformat() if result.revoked_at else None,
        "replaced": result.replaced,
    }


def print_verification(result: Verification) -> None:
    """The verdict in one line, then what the certificate says."""
    print(_("VALID") if result.valid else _("NOT VALID"))
    print(result.message)
    if not result.code:
        return
    dates = " – ".join(
        dict.fromkeys(format_date(d) for d in (result.first_date, result.last_date) if d)
    )
    lines = (
        (_("Person:"), result.person_name),
        (_("Activity:"), result.activity_title),
        (_("Hours:"), format_number(round(result.minutes / 60, 2))),
        (_("Dates:"), dates),
        (_("Issued on:"), format_date(result.issued_on)),
        (_("Issued by:"), result.issuer),
        (_("Code:"), result.code),
    )
    for label, value in lines:
        if value:
            print(f"  {label} {value}")
