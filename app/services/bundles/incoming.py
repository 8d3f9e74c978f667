"""A bundle's record read as what this catalogue would store: the practice's columns checked
the way the form checks them, its area under the local spelling, its attachments, and the
content hash computed exactly as :func:`app.services.catalogue.settle_revision` computes it, so
"same content" means the same thing for a practice written here and one that came by file.

Also the publisher's public key, checked before it is trusted to verify certificates.
"""

from __future__ import annotations

import base64
import binascii
import logging
from dataclasses import dataclass
from datetime import date
from typing import Any

from app.errors import ValidationError
from app.i18n import _
from app.services import text
from app.services.catalogue_values import (
    LINE_FIELDS,
    TEXT_FIELDS,
    AttachmentData,
    PracticeData,
    content_hash,
    validate_practice,
)
from app.services.catalogue_vocabulary import ATTACHMENT_TYPES
from app.services.signing import fingerprint
from app.services.vocabulary import CROSS_CUTTING_THEMES

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Incoming:
    """One record of a bundle, checked: ``values`` are the practice's columns (as
    :func:`validate_practice` gives them, without ``organisation_id``), ``area`` the area's name
    as it is (or will be) spelled here, ``content_hash`` the hash of this content here."""

    id: str
    origin_id: str
    origin_name: str
    revision: int
    derived_from: str | None
    withdrawn: bool
    values: dict[str, Any]
    area: str
    attachments: tuple[AttachmentData, ...]
    content_hash: str
    record: dict[str, Any]

    @property
    def title(self) -> str:
        return str(self.values["title"])


@dataclass(frozen=True, slots=True)
class PublisherKey:
    """The publisher's Ed25519 public key and its fingerprint (checked against each other)."""

    name: str
    public_key: bytes
    fingerprint: str


def record_title(record: dict[str, Any]) -> str:
    """The title a record gives, for reports (even when the record is refused)."""
    fields = record.get("fields")
    title = fields.get("title") if isinstance(fields, dict) else None
    return text.clean(title if isinstance(title, str) else "")[:300]


def read_record(record: dict[str, Any], area_names: dict[str, str], this_year: int) -> Incoming:
    """The record as :class:`Incoming`; a :class:`ValidationError` says what is wrong with it.

    ``area_names`` maps folded area names to their spelling here. Theme codes this program
    does not know (from a newer Tejido) are left out rather than refusing the practice."""
    fields = record.get("fields") or {}
    data = _practice_data(fields)
    values = validate_practice(data, this_year)
    values.pop("organisation_id", None)
    area = local_area(data.area, area_names)
    attachments = tuple(_attachment(item) for item in record.get("attachments") or ())
    hashed = dict(values, area=area)
    origin = record.get("origin") or {}
    return Incoming(
        id=str(record["id"]),
        origin_id=str(origin.get("id") or ""),
        origin_name=text.clean(origin.get("name") or "")[:300],
        revision=int(record.get("revision") or 1),
        derived_from=record.get("derived_from") or None,
        withdrawn=bool(record.get("withdrawn")),
        values=values,
        area=area,
        attachments=attachments,
        content_hash=content_hash(hashed, [a.sha256 for a in attachments]),
        record=record,
    )


def local_area(name: str, area_names: dict[str, str]) -> str:
    """The area's name as spelled here (accents and case aside), or as given when new."""
    name = text.clean(name)
    return area_names.get(text.fold(name), name) if name else ""


def still_spelled(inc: Incoming, area_names: dict[str, str]) -> bool:
    """Whether the record's area is still spelled here as when it was read."""
    fields = inc.record.get("fields") or {}
    return local_area(_string(fields.get("area")), area_names) == inc.area


def _practice_data(fields: dict[str, Any]) -> PracticeData:
    themes = tuple(t for t in fields.get("themes") or () if t in CROSS_CUTTING_THEMES)
    reviewed = fields.get("reviewed_on")
    try:
        reviewed_on = date.fromisoformat(reviewed) if isinstance(reviewed, str) else None
    except ValueError as error:
        raise ValidationError(_("Its review date is not a date.")) from error
    year = fields.get("year")
    strings = {name: _string(fields.get(name)) for name in (*LINE_FIELDS, *TEXT_FIELDS, "reviewer")}
    return PracticeData(
        title=_string(fields.get("title")),
        area=_string(fields.get("area")),
        themes=themes,
        year=year if isinstance(year, int) and not isinstance(year, bool) else None,
        links=tuple(_string(link) for link in fields.get("links") or ()),
        status=_string(fields.get("status")) or "published",
        reviewed_on=reviewed_on,
        **strings,
    )


def _string(value: object) -> str:
    return value if isinstance(value, str) else ""


def _attachment(item: dict[str, Any]) -> AttachmentData:
    media_type = str(item.get("media_type") or "")
    if media_type not in ATTACHMENT_TYPES:
        raise ValidationError(_("One of its attachments is not a kind of file Tejido accepts."))
    return AttachmentData(
        sha256=str(item["sha256"]).lower(),
        media_type=media_type,
        size=int(item.get("size") or 0),
        title=text.clean(_string(item.get("title")))[:300],
        original_name=text.clean(_string(item.get("original_name")))[:300],
    )


def publisher_key(publisher: dict[str, Any]) -> PublisherKey | None:
    """The publisher's key when the bundle carries a well-formed one whose fingerprint matches;
    ``None`` otherwise (a bundle with no usable key still imports; its key is not trusted)."""
    encoded = publisher.get("public_key")
    if not isinstance(encoded, str) or not encoded:
        return None
    key = _decode(encoded)
    if key is None or len(key) != 32:
        log.warning("bundle publisher key is not a 32-byte key; not trusted")
        return None
    stated = publisher.get("fingerprint")
    if stated and str(stated).lower() != fingerprint(key):
        log.warning("bundle publisher key does not match its fingerprint; not trusted")
        return None
    name = text.clean(_string(publisher.get("name")))[:300]
    return PublisherKey(name, key, fingerprint(key))


def _decode(encoded: str) -> bytes | None:
    padded = encoded + "=" * (-len(encoded) % 4)
    for decode in (base64.b64decode, base64.urlsafe_b64decode):
        try:
            return decode(padded, validate=True) if decode is base64.b64decode else decode(padded)
        except (binascii.Error, ValueError):
            continue
    return None
