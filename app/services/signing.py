"""Signing certificates with our organisation's Ed25519 key, and verifying them offline.

A certificate carries a compact signed payload (printed as a QR code and as text)::

    TJ1.<base64url(canonical JSON)>.<base64url(Ed25519 signature of those JSON bytes)>

The JSON has sorted keys, no spaces and UTF-8 text: "c" code, "k" kind ("a" attendance, "c"
completion), "n" the person's name, "t" the activity's title, "m" minutes, "f"/"l" the first
and last date, "i" the date of issue, "o" the issuing organisation, "p" the fingerprint of the
signing key (the first 16 hex digits of the SHA-256 of the raw public key). Anyone with Tejido
verifies it with no server: the fingerprint finds the key among ours (old, trashed keys too, so
old certificates stay valid) and the other organisations' keys we know (from their bundles).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import logging
import re
from dataclasses import dataclass
from datetime import date, datetime

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import ValidationError
from app.i18n import _, format_date
from app.models import Certificate, KnownIssuer, OrganisationProfile, SigningKey, the_profile

log = logging.getLogger(__name__)

PREFIX = "TJ1"
MAX_PAYLOAD_CHARS = 4096
KIND_LETTERS = {"attendance": "a", "completion": "c"}
KINDS_BY_LETTER = {letter: kind for kind, letter in KIND_LETTERS.items()}
_PART = re.compile(r"[A-Za-z0-9_-]+")
_TEXT_FIELDS = ("c", "k", "n", "t", "i", "o", "p")

VALID, REPLACED = "valid", "replaced"
TAMPERED, UNKNOWN_ISSUER, REVOKED, MALFORMED = "tampered", "unknown_issuer", "revoked", "malformed"


@dataclass(frozen=True, slots=True)
class Verification:
    """What verifying a certificate found. ``valid`` says whether to trust it; ``reason`` is
    one of VALID, REPLACED (valid, but a corrected one exists), TAMPERED, UNKNOWN_ISSUER,
    REVOKED, MALFORMED; ``message`` says it in plain words. The other fields are what the
    certificate claims (empty when it could not be read)."""

    valid: bool
    reason: str
    message: str
    code: str = ""
    kind: str = ""
    person_name: str = ""
    activity_title: str = ""
    minutes: int = 0
    first_date: date | None = None
    last_date: date | None = None
    issued_on: date | None = None
    issuer: str = ""
    fingerprint: str = ""
    revoked_at: datetime | None = None
    revoke_reason: str = ""
    replaced: bool = False


def fingerprint(public_key: bytes) -> str:
    """The short name of a public key: the first 16 hex digits of its SHA-256."""
    return hashlib.sha256(public_key).hexdigest()[:16]


def ensure_key(s: Session) -> SigningKey:
    """Inside a session: the newest live signing key, or a new one made and stored now.

    The profile's public key is set to it (the profile row is created if there is none)."""
    key = s.scalar(
        select(SigningKey)
        .where(SigningKey.deleted_at.is_(None))
        .order_by(SigningKey.created_at.desc(), SigningKey.id)
        .limit(1)
    )
    if key is None:
        private = Ed25519PrivateKey.generate()
        public = private.public_key().public_bytes_raw()
        key = SigningKey(
            public_key=public,
            private_key=private.private_bytes_raw(),
            fingerprint=fingerprint(public),
        )
        s.add(key)
        s.flush()
        log.info("signing key %s generated", key.fingerprint)
    profile = s.scalar(the_profile())
    if profile is None:
        profile = OrganisationProfile()
        s.add(profile)
    if profile.public_key != key.public_key:
        profile.public_key = key.public_key
    return key


def _b64encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _b64decode(part: str) -> bytes:
    if not _PART.fullmatch(part):
        raise ValueError("not base64url")
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


def canonical_json(fields: dict[str, object]) -> bytes:
    """The exact bytes that are signed."""
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def sign_payload(private_key: bytes, fields: dict[str, object]) -> str:
    """The payload text for ``fields``, signed with the raw Ed25519 ``private_key``."""
    data = canonical_json(fields)
    signature = Ed25519PrivateKey.from_private_bytes(private_key).sign(data)
    return f"{PREFIX}.{_b64encode(data)}.{_b64encode(signature)}"


def _not_a_payload() -> ValidationError:
    return ValidationError(
        _(
            "This is not a Tejido certificate code, or it was copied incompletely. Copy the "
            "whole text under the QR code (it starts with TJ1.), or verify the PDF itself."
        )
    )


def parse_payload(text: str) -> tuple[dict[str, object], bytes, bytes]:
    """The fields, the signed bytes and the signature of a payload text.

    Spaces and line breaks are ignored (a code copied across lines). Raises
    :class:`ValidationError` for anything that is not a well-formed payload."""
    if len(text) > MAX_PAYLOAD_CHARS:
        raise _not_a_payload()
    parts = "".join(text.split()).split(".")
    if len(parts) != 3 or parts[0] != PREFIX:
        raise _not_a_payload()
    try:
        signed, signature = _b64decode(parts[1]), _b64decode(parts[2])
        fields = json.loads(signed.decode("utf-8"))
    except (ValueError, binascii.Error, UnicodeDecodeError) as error:
        raise _not_a_payload() from error
    if len(signature) != 64 or not _well_formed(fields):
        raise _not_a_payload()
    return fields, signed, signature


def _well_formed(fields: object) -> bool:
    if not isinstance(fields, dict):
        return False
    if not all(isinstance(fields.get(name), str) for name in _TEXT_FIELDS):
        return False
    minutes = fields.get("m")
    if not isinstance(minutes, int) or isinstance(minutes, bool) or minutes < 0:
        return False
    if fields["k"] not in KINDS_BY_LETTER:
        return False
    try:
        date.fromisoformat(str(fields["i"]))
        for name in ("f", "l"):
            if fields.get(name) is not None:
                date.fromisoformat(str(fields[name]))
    except ValueError:
        return False
    return True


def _day(value: object) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else None


def _issuer_key(s: Session, print_: str) -> tuple[bytes, str, bool] | None:
    """The public key, issuer name and whether it is ours, for a fingerprint we trust."""
    ours = s.scalars(select(SigningKey).where(SigningKey.fingerprint == print_)).first()
    if ours is not None:
        profile_name = s.scalar(the_profile(OrganisationProfile.name)) or ""
        return ours.public_key, profile_name, True
    theirs = s.scalars(
        select(KnownIssuer).where(
            KnownIssuer.fingerprint == print_, KnownIssuer.deleted_at.is_(None)
        )
    ).first()
    if theirs is not None:
        return theirs.public_key, theirs.name, False
    return None


def verify(s: Session, text: str) -> Verification:
    """Inside a session: whether the payload ``text`` is a genuine certificate, and what it says."""
    try:
        fields, signed, signature = parse_payload(text)
    except ValidationError as error:
        return Verification(False, MALFORMED, str(error))
    claims = _claims(fields)
    found = _issuer_key(s, str(fields["p"]))
    if found is None:
        message = _(
            "This certificate was signed by an organisation Tejido does not know (key {key}). "
            "It may be genuine: import a catalogue bundle from that organisation to verify its "
            "certificates, or ask it directly."
        ).format(key=fields["p"])
        return Verification(False, UNKNOWN_ISSUER, message, **claims)
    public_key, issuer, ours = found
    claims["issuer"] = issuer or str(fields["o"])
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, signed)
    except (InvalidSignature, ValueError):
        message = _(
            "This certificate was changed after it was issued: what it says does not match "
            "its signature. Do not accept it; ask {issuer} for a copy."
        ).format(issuer=claims["issuer"])
        return Verification(False, TAMPERED, message, **claims)
    record = _register_entry(s, str(fields["c"])) if ours else None
    return _verdict(claims, record)


def _claims(fields: dict[str, object]) -> dict[str, object]:
    return {
        "code": str(fields["c"]),
        "kind": KINDS_BY_LETTER[str(fields["k"])],
        "person_name": str(fields["n"]),
        "activity_title": str(fields["t"]),
        "minutes": int(fields["m"]),  # type: ignore[call-overload]
        "first_date": _day(fields.get("f")),
        "last_date": _day(fields.get("l")),
        "issued_on": _day(fields["i"]),
        "issuer": str(fields["o"]),
        "fingerprint": str(fields["p"]),
    }


def _register_entry(s: Session, code: str) -> Certificate | None:
    return s.scalars(select(Certificate).where(Certificate.code == code)).first()


def _verdict(claims: dict[str, object], record: Certificate | None) -> Verification:
    """Genuine by its signature; our own register may still say it was revoked or replaced."""
    values = {"issuer": claims["issuer"], "name": claims["person_name"]}
    if record is not None and record.revoked_at is not None:
        message = _(
            "This certificate was genuine but {issuer} revoked it on {date}: it is no longer valid."
        ).format(date=format_date(record.revoked_at), **values)
        return Verification(
            False,
            REVOKED,
            message,
            revoked_at=record.revoked_at,
            revoke_reason=record.revoke_reason,
            replaced=record.replaced_by_id is not None,
            **claims,  # type: ignore[arg-type]
        )
    if record is not None and record.replaced_by_id is not None:
        message = _(
            "This certificate is genuine, issued by {issuer} to {name}, but a corrected one "
            "was issued later: ask for the new one."
        ).format(**values)
        return Verification(True, REPLACED, message, replaced=True, **claims)  # type: ignore[arg-type]
    message = _("This certificate is genuine: issued by {issuer} to {name}.").format(**values)
    return Verification(True, VALID, message, **claims)  # type: ignore[arg-type]
