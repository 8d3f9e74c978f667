"""Signing and verifying certificate payloads: genuine, tampered, unknown issuer, malformed."""

from __future__ import annotations

import base64
import json
from datetime import date

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import func, select

from app.errors import ValidationError
from app.models import KnownIssuer, OrganisationProfile, SigningKey, utcnow
from app.services import signing
from app.services.registry import Services

FIELDS = {
    "c": "K7Q2M-9XHDA",
    "k": "a",
    "n": "Łucja Őry-Núñez",
    "t": "Igualdad de género",
    "m": 750,
    "f": "2025-03-03",
    "l": "2025-03-24",
    "i": "2025-04-01",
    "o": "Asociación Tejido",
}


def our_payload(services: Services, **changes: object) -> str:
    """A payload signed with this data folder's key (made on first use)."""
    with services.db.session() as s:
        key = signing.ensure_key(s)
        return signing.sign_payload(key.private_key, {**FIELDS, "p": key.fingerprint, **changes})


def reencoded(payload: str, **changes: object) -> str:
    """The payload with some fields changed and its original signature kept."""
    prefix, body, signature = payload.split(".")
    fields = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    fields.update(changes)
    data = signing.canonical_json(fields)
    return f"{prefix}.{base64.urlsafe_b64encode(data).rstrip(b'=').decode()}.{signature}"


def check(services: Services, text: str) -> signing.Verification:
    with services.db.session() as s:
        return signing.verify(s, text)


def test_the_key_is_made_once_and_kept_with_the_profile(services: Services) -> None:
    with services.db.session() as s:
        first = signing.ensure_key(s)
        again = signing.ensure_key(s)
        assert first.id == again.id
        assert len(first.public_key) == len(first.private_key) == 32
        assert first.fingerprint == signing.fingerprint(first.public_key)
        assert len(first.fingerprint) == 16
    with services.db.session() as s:
        assert signing.ensure_key(s).id == first.id
        assert s.scalar(select(func.count(SigningKey.id))) == 1
        profile = s.scalar(select(OrganisationProfile))
        assert profile is not None and profile.public_key == first.public_key


def test_a_genuine_payload_verifies_with_what_it_says(services: Services) -> None:
    result = check(services, our_payload(services))
    assert (result.valid, result.reason) == (True, signing.VALID)
    assert result.person_name == "Łucja Őry-Núñez"
    assert (result.kind, result.minutes, result.code) == ("attendance", 750, "K7Q2M-9XHDA")
    assert (result.first_date, result.last_date) == (date(2025, 3, 3), date(2025, 3, 24))
    assert result.issued_on == date(2025, 4, 1)
    assert "Łucja Őry-Núñez" in result.message


def test_the_payload_is_compact_text_and_survives_line_breaks(services: Services) -> None:
    payload = our_payload(services)
    assert payload.startswith("TJ1.") and payload.count(".") == 2
    assert payload.isascii() and " " not in payload
    wrapped = "\n".join(payload[i : i + 40] for i in range(0, len(payload), 40))
    assert check(services, f"  {wrapped}\n").valid


@pytest.mark.parametrize(
    "changes", [{"n": "Lucja Ory-Nunez"}, {"m": 7500}, {"c": "AAAAA-AAAAA"}, {"i": "2026-01-01"}]
)
def test_a_changed_name_hours_code_or_date_is_tampered(
    services: Services, changes: dict[str, object]
) -> None:
    forged = reencoded(our_payload(services), **changes)
    result = check(services, forged)
    assert (result.valid, result.reason) == (False, signing.TAMPERED)
    assert "changed" in result.message


def test_a_payload_signed_by_another_key_is_from_an_unknown_issuer(services: Services) -> None:
    stranger = Ed25519PrivateKey.generate()
    public = stranger.public_key().public_bytes_raw()
    payload = signing.sign_payload(
        stranger.private_bytes_raw(), {**FIELDS, "p": signing.fingerprint(public)}
    )
    result = check(services, payload)
    assert (result.valid, result.reason) == (False, signing.UNKNOWN_ISSUER)
    assert result.person_name == "Łucja Őry-Núñez"  # what it claims is still shown


def test_another_key_pretending_to_be_ours_is_tampered(services: Services) -> None:
    ours = our_payload(services)
    fingerprint = json.loads(base64.urlsafe_b64decode(ours.split(".")[1] + "==").decode())["p"]
    stranger = Ed25519PrivateKey.generate()
    forged = signing.sign_payload(stranger.private_bytes_raw(), {**FIELDS, "p": fingerprint})
    assert check(services, forged).reason == signing.TAMPERED


def test_a_known_issuer_makes_another_organisations_certificate_valid(
    services: Services,
) -> None:
    other = Ed25519PrivateKey.generate()
    public = other.public_key().public_bytes_raw()
    payload = signing.sign_payload(
        other.private_bytes_raw(), {**FIELDS, "p": signing.fingerprint(public)}
    )
    with services.db.session() as s:
        s.add(
            KnownIssuer(
                name="Fundación Red", public_key=public, fingerprint=signing.fingerprint(public)
            )
        )
    result = check(services, payload)
    assert (result.valid, result.issuer) == (True, "Fundación Red")
    with services.db.session() as s:
        s.scalars(select(KnownIssuer)).one().deleted_at = utcnow()
    assert check(services, payload).reason == signing.UNKNOWN_ISSUER


def test_an_old_trashed_key_still_verifies_its_certificates(services: Services) -> None:
    payload = our_payload(services)
    with services.db.session() as s:
        old = signing.ensure_key(s)
        old.deleted_at = utcnow()
    with services.db.session() as s:
        assert signing.ensure_key(s).id != old.id  # a new key signs from now on
    assert check(services, payload).valid


@pytest.mark.parametrize(
    "text",
    [
        "",
        "hello",
        "TJ1.abc",
        "TJ2.e30.AAAA",
        "TJ1.e30." + "A" * 86,  # an empty JSON object
        "TJ1.!!!.AAAA",
        "TJ1." + "A" * 5000 + ".AAAA",
    ],
)
def test_malformed_text_is_refused_in_plain_words(services: Services, text: str) -> None:
    with pytest.raises(ValidationError, match="not a Tejido certificate"):
        signing.parse_payload(text)
    result = check(services, text)
    assert (result.valid, result.reason) == (False, signing.MALFORMED)


def test_wrong_field_types_are_malformed(services: Services) -> None:
    with services.db.session() as s:
        key = signing.ensure_key(s)
        private = key.private_key
    for bad in ({"m": "750"}, {"m": -5}, {"k": "x"}, {"i": "yesterday"}, {"f": "2025-13-01"}):
        payload = signing.sign_payload(private, {**FIELDS, "p": "0" * 16, **bad})
        with pytest.raises(ValidationError):
            signing.parse_payload(payload)
