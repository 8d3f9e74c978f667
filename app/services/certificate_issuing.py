"""Issuing certificates inside one open session: who may have one, codes, wording, signing.

The functions here take an open :class:`Session` and never commit: the certificate service calls
them inside one unit of work, so a failure half-way leaves nothing in the register.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import NotFoundError, ValidationError
from app.i18n import LANGUAGES, DocumentWords, _, document_words
from app.models import (
    Activity,
    Certificate,
    OrganisationProfile,
    Person,
    SigningKey,
    new_id,
    the_profile,
    utcnow,
)
from app.services import certificate_wording as wordings
from app.services.completion import COMPLETED, activity_completion
from app.services.documents.content import (
    CERTIFICATE_DESIGNS,
    CERTIFICATE_KINDS,
    CertificateContent,
    Letterhead,
)
from app.services.signing import KIND_LETTERS, ensure_key, sign_payload

log = logging.getLogger(__name__)

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


@dataclass(frozen=True, slots=True)
class EligiblePerson:
    """Someone who may receive a certificate of an activity, with what it would say."""

    person_id: str
    full_name: str
    organisation_name: str
    minutes: int
    sessions_attended: int
    sessions_total: int
    has_certificate: bool  # a live (not revoked, not replaced) certificate of this kind exists


@dataclass(frozen=True, slots=True)
class Issue:
    """What one certificate will say (before its code and signature)."""

    kind: str
    language: str
    design: str
    person_id: str
    person_name: str
    minutes: int


def check_choices(kind: str, language: str, design: str) -> None:
    """:class:`ValidationError` unless kind, language and design are ones Tejido knows."""
    if kind not in CERTIFICATE_KINDS:
        raise ValidationError(_("Choose attendance or completion."), field="kind")
    if language not in LANGUAGES:
        raise ValidationError(
            _("Certificates can be printed in: {languages}.").format(
                languages=", ".join(LANGUAGES)
            ),
            field="language",
        )
    if design not in CERTIFICATE_DESIGNS:
        raise ValidationError(
            _("Choose one of the designs: {designs}.").format(
                designs=", ".join(CERTIFICATE_DESIGNS)
            ),
            field="design",
        )


def live_activity(s: Session, activity_id: str) -> Activity:
    """The activity, unless it does not exist or is in the trash (:class:`NotFoundError`)."""
    activity = s.get(Activity, activity_id)
    if activity is None or activity.deleted_at is not None:
        raise NotFoundError(_("This activity no longer exists, or it is in the trash."))
    return activity


def live_certificates(s: Session, activity_id: str, kind: str) -> dict[str, Certificate]:
    """Person id -> their live certificate of ``kind`` for the activity."""
    rows = s.scalars(
        select(Certificate).where(
            Certificate.activity_id == activity_id,
            Certificate.kind == kind,
            Certificate.deleted_at.is_(None),
            Certificate.revoked_at.is_(None),
            Certificate.replaced_by_id.is_(None),
        )
    )
    return {row.person_id: row for row in rows}


def eligible_people(s: Session, activity_id: str, kind: str) -> list[EligiblePerson]:
    """Attendance: attended at least one session. Completion: completed by the activity's rule."""
    live_activity(s, activity_id)
    completion = activity_completion(s, activity_id, date.today())
    issued = live_certificates(s, activity_id, kind)
    return [
        EligiblePerson(
            p.person_id,
            p.full_name,
            p.organisation_name,
            p.minutes,
            p.sessions_attended,
            p.sessions_total,
            p.person_id in issued,
        )
        for p in completion.people
        if (p.state == COMPLETED if kind == "completion" else p.sessions_attended > 0)
    ]


def not_eligible(s: Session, person_id: str, kind: str) -> ValidationError:
    """The error for someone who may not receive a certificate of ``kind``, naming them."""
    person = s.get(Person, person_id)
    name = person.full_name if person is not None else person_id
    if kind == "completion":
        message = _(
            "{name} has not completed this activity by its rule, so no certificate of "
            "completion can be issued to them."
        )
    else:
        message = _(
            "{name} did not attend any session of this activity, so no certificate of "
            "attendance can be issued to them."
        )
    return ValidationError(message.format(name=name), field="people")


def new_codes(s: Session, count: int) -> list[str]:
    """``count`` new codes like "K7Q2M-9XHDA", unused in the register and among themselves."""
    codes: list[str] = []
    while len(codes) < count:
        wanted = {_random_code() for _i in range(count - len(codes))} - set(codes)
        used = set(s.scalars(select(Certificate.code).where(Certificate.code.in_(wanted))))
        codes.extend(sorted(wanted - used))
    return codes


def _random_code() -> str:
    letters = "".join(secrets.choice(CROCKFORD) for _i in range(10))
    return f"{letters[:5]}-{letters[5:]}"


def profile_row(s: Session) -> OrganisationProfile:
    """The organisation profile; certificates need at least its name."""
    profile = s.scalar(the_profile())
    if profile is None or not profile.name.strip():
        raise ValidationError(
            _(
                "Certificates say who issues them: fill in your organisation's name in the "
                "organisation profile first. Nothing was issued."
            ),
            field="profile",
        )
    return profile


def letterhead(profile: OrganisationProfile) -> Letterhead:
    town = " ".join(part for part in (profile.postal_code, profile.municipality) if part)
    address = ", ".join(part for part in (profile.address, town) if part)
    return Letterhead(
        name=profile.name,
        logo=profile.logo,
        colour=profile.document_colour or "#2E6B5E",
        address=address,
        website=profile.website,
        email=profile.email,
        tax_id=profile.tax_id,
        signatory_name=profile.signatory_name,
        signatory_role=profile.signatory_role,
        signature_image=profile.signature_image,
    )


@dataclass(frozen=True, slots=True)
class Issuing:
    """What every certificate of one batch shares, looked up and worded once (not per person):
    a batch of 500 certificates loads the catalogue of its language once."""

    activity: Activity
    profile: OrganisationProfile
    key: SigningKey | None  # None when only printing again what was issued
    wording: wordings.Wording
    words: DocumentWords
    letterhead: Letterhead
    shared: dict[str, str]  # the fields every certificate of the batch fills in alike
    issued_by: str = ""


def issuing(
    s: Session, activity: Activity, kind: str, language: str, *, sign: bool, issued_by: str = ""
) -> Issuing:
    """Look up the profile, the signing key (when signing) and the wording for a batch."""
    profile = profile_row(s)
    key = ensure_key(s) if sign else None
    words = document_words(language)
    shared = {
        "activity": activity.title,
        "kind": words._(wordings.KIND_IN_SENTENCE.get(activity.kind, "activity")),
        "dates": wordings.format_dates(activity.first_date, activity.last_date, words),
        "organisation": profile.name,
        "rule": wordings.format_rule(activity.min_attendance_percent, activity.min_minutes, words),
    }
    return Issuing(
        activity,
        profile,
        key,
        wordings.wording_of(s, kind, words),
        words,
        letterhead(profile),
        shared,
        issued_by,
    )


def build_content(
    batch: Issuing, issue: Issue, code: str, issued_on: date, payload: str
) -> CertificateContent:
    """The certificate as printed, its wording filled in in the batch's language."""
    activity, words = batch.activity, batch.words
    body = batch.wording.body
    if not batch.wording.custom and not issue.minutes:
        body = words._(wordings.DEFAULT_BODIES_WITHOUT_HOURS[issue.kind])
    values = {
        **batch.shared,
        "name": issue.person_name,
        "hours": wordings.format_hours(issue.minutes, words),
    }
    return CertificateContent(
        code=code,
        kind=issue.kind,
        language=issue.language,
        design=issue.design,
        person_name=issue.person_name,
        activity_title=activity.title,
        activity_kind=activity.kind,
        first_date=activity.first_date,
        last_date=activity.last_date,
        minutes=issue.minutes,
        issued_on=issued_on,
        heading=wordings.fill(batch.wording.heading, values),
        body=wordings.fill(body, values),
        payload=payload,
        letterhead=batch.letterhead,
    )


def write_certificate(
    s: Session, batch: Issuing, issue: Issue, code: str
) -> tuple[Certificate, CertificateContent]:
    """Sign and store one certificate (the caller links the one it replaces, if any)."""
    if batch.key is None:
        raise ValueError("this batch was prepared for printing again, not for signing")
    activity, today = batch.activity, date.today()
    fields = {
        "c": code,
        "k": KIND_LETTERS[issue.kind],
        "n": issue.person_name,
        "t": activity.title,
        "m": issue.minutes,
        "f": activity.first_date.isoformat() if activity.first_date else None,
        "l": activity.last_date.isoformat() if activity.last_date else None,
        "i": today.isoformat(),
        "o": batch.profile.name,
        "p": batch.key.fingerprint,
    }
    payload = sign_payload(batch.key.private_key, fields)
    content = build_content(batch, issue, code, today, payload)
    row = Certificate(
        id=new_id(),
        code=code,
        kind=issue.kind,
        activity_id=activity.id,
        person_id=issue.person_id,
        person_name=issue.person_name,
        activity_title=activity.title,
        minutes=issue.minutes,
        first_date=activity.first_date,
        last_date=activity.last_date,
        language=issue.language,
        design=issue.design,
        issued_at=utcnow(),
        issued_by=batch.issued_by,
        payload=payload,
        heading=content.heading,
        body=content.body,
    )
    s.add(row)
    return row, content
