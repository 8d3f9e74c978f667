"""What the printed documents show, as plain data: the renderers draw exactly this."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time

CERTIFICATE_KINDS = ("attendance", "completion")
CERTIFICATE_DESIGNS = ("classic", "modern", "minimal")


@dataclass(frozen=True, slots=True)
class Letterhead:
    """Our organisation as documents show it (from the profile)."""

    name: str
    logo: bytes | None = None  # PNG or JPEG
    colour: str = "#2E6B5E"
    address: str = ""
    website: str = ""
    email: str = ""
    tax_id: str = ""
    signatory_name: str = ""
    signatory_role: str = ""
    signature_image: bytes | None = None


@dataclass(frozen=True, slots=True)
class CertificateContent:
    """One certificate, with its wording already filled in (in ``language``)."""

    code: str  # short, printed, unique (e.g. "K7Q2-9XHD")
    kind: str  # attendance | completion
    language: str
    design: str
    person_name: str  # exactly as written, any script
    activity_title: str
    activity_kind: str  # forum | capsule | other
    first_date: date | None
    last_date: date | None
    minutes: int  # hours attended (or of the activity), in minutes
    issued_on: date
    heading: str  # e.g. "Certificate of attendance"
    body: str  # the paragraph, already filled in with name, activity, dates, hours
    payload: str  # the signed text the QR code carries
    letterhead: Letterhead = field(default_factory=lambda: Letterhead(""))


@dataclass(frozen=True, slots=True)
class SignInPerson:
    name: str
    organisation: str = ""


@dataclass(frozen=True, slots=True)
class SignInSheetContent:
    """A sign-in sheet of one session: the registered people, then blank rows for walk-ins."""

    language: str
    activity_title: str
    activity_kind: str
    session_date: date
    start_time: time | None
    end_time: time | None
    place: str
    people: tuple[SignInPerson, ...]
    blank_rows: int = 10
    letterhead: Letterhead = field(default_factory=lambda: Letterhead(""))


@dataclass(frozen=True, slots=True)
class HandoutContent:
    """The support material attendees take back to their organisation."""

    language: str
    activity_title: str
    activity_kind: str
    first_date: date | None
    last_date: date | None
    summary: str  # description
    objectives: str
    key_content: str  # key content and reflections
    sessions: tuple[tuple[date, str], ...]  # date and what was covered
    practices: tuple[tuple[str, str], ...] = ()  # linked good practices: title, summary
    resources: str = ""
    contacts: tuple[tuple[str, str], ...] = ()  # facilitators/experts: name, organisation
    letterhead: Letterhead = field(default_factory=lambda: Letterhead(""))
