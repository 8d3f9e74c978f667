"""Certificates of attendance and completion: issuing, the register, corrections, verification.

Issuing is one transaction: every certificate of a batch is signed and entered in the register,
or none is. Issuing again to someone who has a live certificate of the same kind for the same
activity replaces it (the old one stays in the register, marked replaced). A certificate is
never deleted: it is revoked, and verification then says so on this computer.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db import Database
from app.errors import NotFoundError, ValidationError
from app.i18n import _, document_words
from app.models import Activity, Certificate, CertificateWording, utcnow
from app.services import certificate_issuing as issuing
from app.services import certificate_wording as wordings
from app.services import text
from app.services.certificate_issuing import EligiblePerson, Issue
from app.services.certificate_output import IssuedFiles, write_files
from app.services.certificate_register import (
    CERTIFICATE_STATUSES,
    RegisterRow,
    register_filters,
    register_row,
)
from app.services.documents.content import CERTIFICATE_KINDS, CertificateContent
from app.services.signing import Verification, parse_payload, verify

log = logging.getLogger(__name__)

__all__ = [
    "CERTIFICATE_STATUSES",
    "CertificateService",
    "EligiblePerson",
    "IssuedFiles",
    "RegisterRow",
]

Progress = Callable[[int, int], None] | None
IsCancelled = Callable[[], bool] | None


class CertificateService:
    """Issue certificates, keep their register, correct, revoke and verify them."""

    def __init__(self, db: Database):
        self.db = db

    def eligible(self, activity_id: str, kind: str = "attendance") -> list[EligiblePerson]:
        """Who may receive a certificate of ``kind`` for the activity, by name (attendance:
        attended at least one session; completion: completed by the activity's rule)."""
        if kind not in CERTIFICATE_KINDS:
            raise ValidationError(_("Choose attendance or completion."), field="kind")
        with self.db.session() as s:
            return issuing.eligible_people(s, activity_id, kind)

    def issue(
        self,
        activity_id: str,
        person_ids: Sequence[str],
        *,
        kind: str = "attendance",
        language: str = "es",
        design: str = "classic",
        issued_by: str = "",
    ) -> list[CertificateContent]:
        """Issue, sign and register one certificate per person, all or none (one transaction).

        Raises :class:`ValidationError` naming anyone not eligible; a live certificate of the
        same kind is replaced."""
        with self.db.session() as s:
            return issue_in_session(
                s, activity_id, person_ids, Issue(kind, language, design, "", "", 0), issued_by
            )

    def issue_to_files(
        self,
        activity_id: str,
        person_ids: Sequence[str],
        *,
        out: Path,
        kind: str = "attendance",
        language: str = "es",
        design: str = "classic",
        issued_by: str = "",
        zip: bool = False,
        pattern: str = "{name} - {activity}",
        progress: Progress = None,
        cancelled: IsCancelled = None,
    ) -> IssuedFiles:
        """Issue the certificates and write them: ``zip`` → a ZIP of one PDF per person at
        ``out``; ``out`` a folder (no .pdf ending) → one PDF per person in it; else one merged
        PDF. The register is written only if the files are: a failure or a cancel (raising
        :class:`app.errors.Cancelled`) leaves no certificate issued."""
        with self.db.session() as s:
            contents = issue_in_session(
                s, activity_id, person_ids, Issue(kind, language, design, "", "", 0), issued_by
            )
            files = write_files(contents, out, zip, pattern, progress, cancelled)
        log.info("%d certificates of activity %s written", len(contents), activity_id)
        return files

    def register(
        self,
        query: str = "",
        activity_id: str | None = None,
        offset: int = 0,
        limit: int | None = 200,
    ) -> list[RegisterRow]:
        """Every certificate issued, newest first, with its status."""
        with self.db.session() as s:
            rows = s.scalars(
                select(Certificate)
                .where(*register_filters(query, activity_id))
                .order_by(Certificate.issued_at.desc(), Certificate.code)
                .offset(offset)
                .limit(limit)
            )
            return [register_row(row) for row in rows]

    def register_count(self, query: str = "", activity_id: str | None = None) -> int:
        """How many certificates :meth:`register` lists with the same filters."""
        with self.db.session() as s:
            statement = select(func.count(Certificate.id)).where(
                *register_filters(query, activity_id)
            )
            return s.scalar(statement) or 0

    def reissue(
        self,
        certificate_id: str,
        *,
        person_name: str | None = None,
        language: str | None = None,
        design: str | None = None,
        issued_by: str = "",
    ) -> CertificateContent:
        """A corrected certificate (a name as the person writes it, another language or design):
        a new code and signature, what it certifies unchanged; the old one is marked replaced."""
        with self.db.session() as s:
            old = _live(s, certificate_id)
            name = text.clean(person_name) if person_name is not None else old.person_name
            if not name:
                raise ValidationError(_("Write the person's name."), field="person_name")
            issue = Issue(
                old.kind,
                language or old.language,
                design or old.design,
                old.person_id,
                name,
                old.minutes,
            )
            issuing.check_choices(issue.kind, issue.language, issue.design)
            activity = _activity_of(s, old)
            batch = issuing.issuing(
                s, activity, issue.kind, issue.language, sign=True, issued_by=issued_by
            )
            [code] = issuing.new_codes(s, 1)
            row, content = issuing.write_certificate(s, batch, issue, code)
            s.flush()
            old.replaced_by_id = row.id
        log.info("certificate %s replaced by %s", certificate_id, row.id)
        return content

    def revoke(self, certificate_id: str, reason: str = "") -> None:
        """Revoke a certificate: the register keeps it, verification here says it is void."""
        with self.db.session() as s:
            row = _certificate(s, certificate_id)
            if row.revoked_at is not None:
                raise ValidationError(_("This certificate was already revoked."))
            row.revoked_at = utcnow()
            row.revoke_reason = text.clean(reason)
        log.info("certificate %s revoked", certificate_id)

    def content_of(self, certificate_id: str) -> CertificateContent:
        """The certificate as issued, to print it again: same code, name, activity, dates,
        hours, wording and signed payload (the letterhead as it is now)."""
        with self.db.session() as s:
            row = _certificate(s, certificate_id)
            activity = _activity_of(s, row)
            batch = issuing.issuing(s, activity, row.kind, row.language, sign=False)
            fields, _signed, _signature = parse_payload(row.payload)
            issue = Issue(
                row.kind, row.language, row.design, row.person_id, row.person_name, row.minutes
            )
            issued_on = date.fromisoformat(str(fields["i"]))
            content = issuing.build_content(batch, issue, row.code, issued_on, row.payload)
            return replace(
                content,
                activity_title=row.activity_title,
                first_date=row.first_date,
                last_date=row.last_date,
                heading=row.heading or content.heading,
                body=row.body or content.body,
            )

    def wording(self, kind: str, language: str) -> wordings.Wording:
        """The wording used for ``kind`` in ``language``: the saved one, else the built-in one."""
        issuing.check_choices(kind, language, "classic")
        with self.db.session() as s:
            return wordings.wording_of(s, kind, document_words(language))

    def default_wording(self, kind: str, language: str) -> wordings.Wording:
        """The built-in wording (what "reset" goes back to)."""
        issuing.check_choices(kind, language, "classic")
        return wordings.default_wording(kind, document_words(language))

    def save_wording(self, kind: str, language: str, heading: str, body: str) -> wordings.Wording:
        """Save an edited wording; an empty heading and body go back to the built-in one.
        Unknown fields or unpaired braces raise :class:`ValidationError`."""
        issuing.check_choices(kind, language, "classic")
        heading, body = text.clean(heading), (body or "").strip()
        with self.db.session() as s:
            saved = wordings.saved_wording(s, kind, language)
            if not heading and not body:
                if saved is not None:
                    saved.deleted_at = utcnow()
                return wordings.default_wording(kind, document_words(language))
            wordings.check_wording(heading, body)
            if saved is None:
                saved = CertificateWording(kind=kind, language=language)
                s.add(saved)
            saved.heading, saved.body = heading, body
        return wordings.Wording(kind, language, heading, body, custom=True)

    def verify_text(self, payload: str) -> Verification:
        """Whether a certificate's code text is genuine, and what it says."""
        with self.db.session() as s:
            return verify(s, payload)

    def verify_pdf(self, path: Path) -> list[Verification]:
        """One verification per certificate found in the PDF (one per page)."""
        from app.services.documents.pdf_reading import read_payloads

        payloads = read_payloads(path)
        if not payloads:
            raise ValidationError(
                _(
                    "No Tejido certificate was found in {file}. Check it is the PDF Tejido made "
                    "(not a scan), or type the code under the QR code instead."
                ).format(file=path.name)
            )
        with self.db.session() as s:
            return [verify(s, payload) for payload in payloads]


def issue_in_session(
    s: Session, activity_id: str, person_ids: Sequence[str], choices: Issue, issued_by: str
) -> list[CertificateContent]:
    """Inside a session: :meth:`CertificateService.issue` (``choices`` gives kind, language,
    design)."""
    kind, language = choices.kind, choices.language
    issuing.check_choices(kind, language, choices.design)
    wanted = list(dict.fromkeys(person_ids))
    if not wanted:
        raise ValidationError(_("Choose at least one person."), field="people")
    activity = issuing.live_activity(s, activity_id)
    eligible = {p.person_id: p for p in issuing.eligible_people(s, activity_id, kind)}
    for person_id in wanted:
        if person_id not in eligible:
            raise issuing.not_eligible(s, person_id, kind)
    batch = issuing.issuing(s, activity, kind, language, sign=True, issued_by=issued_by)
    previous = issuing.live_certificates(s, activity_id, kind)
    contents = []
    for person_id, code in zip(wanted, issuing.new_codes(s, len(wanted)), strict=True):
        person = eligible[person_id]
        issue = Issue(kind, language, choices.design, person_id, person.full_name, person.minutes)
        row, content = issuing.write_certificate(s, batch, issue, code)
        if person_id in previous:
            s.flush()  # the new row first: the old one points at it
            previous[person_id].replaced_by_id = row.id
        contents.append(content)
    s.flush()
    return contents


def _certificate(s: Session, certificate_id: str) -> Certificate:
    row = s.get(Certificate, certificate_id)
    if row is None or row.deleted_at is not None:
        raise NotFoundError(_("This certificate is not in the register."))
    return row


def _activity_of(s: Session, row: Certificate) -> Activity:
    activity = s.get(Activity, row.activity_id)
    if activity is None:  # held by a foreign key; only a damaged database gets here
        raise NotFoundError(_("This activity no longer exists."))
    return activity


def _live(s: Session, certificate_id: str) -> Certificate:
    row = _certificate(s, certificate_id)
    if row.revoked_at is not None:
        raise ValidationError(_("This certificate was revoked; issue a new one instead."))
    if row.replaced_by_id is not None:
        raise ValidationError(
            _("This certificate was already replaced by a corrected one; correct that one.")
        )
    return row
