"""The catalogue bundle file: its names, its limits, and the JSON Schema of ``records.json``.

A bundle is a ZIP holding exactly these entries (nothing else is accepted on import)::

    datapackage.json            Frictionless Data Package descriptor, with ``tejido:`` properties
    records.json                {"format", "version", "publisher", "records": [...]}
    practices.csv               a read-only spreadsheet view of the records
    README.txt                  what the file is, in Spanish and English
    attachments/<sha256>.<ext>  each attachment, named by the hash of its bytes

A record carries the practice's permanent id, its origin organisation (id and name), the
integer ``revision`` the origin raises when it publishes a change, ``derived_from`` (a fork's
parent), ``withdrawn`` (the origin took it back) and every exchanged field
(:data:`app.services.catalogue_values.EXCHANGED_FIELDS`), with its attachments by hash.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from app.models import Practice, PracticeArea, PracticeAttachment
from app.services.catalogue import attachment_rows, own_identity
from app.services.catalogue_values import (
    EXCHANGED_FIELDS,
    LINE_FIELDS,
    MAX_TEXT,
    MAX_TITLE,
    TEXT_FIELDS,
    content_hash,
)
from app.services.catalogue_vocabulary import (
    ATTACHMENT_TYPES,
    MAX_ATTACHMENT_BYTES,
    PRACTICE_STATUSES,
)

FORMAT = "tejido-catalogue-bundle"
FORMAT_VERSION = 1
# The oldest Tejido that reads this format version (written in the descriptor).
MIN_APP_VERSION = "0.1.0"
BUNDLE_SUFFIXES: tuple[str, ...] = (".tejido", ".zip")

DESCRIPTOR_NAME = "datapackage.json"
RECORDS_NAME = "records.json"
TABLE_NAME = "practices.csv"
README_NAME = "README.txt"
ATTACHMENTS_FOLDER = "attachments/"
# Every entry a bundle may hold besides the attachments.
FIXED_NAMES: tuple[str, ...] = (DESCRIPTOR_NAME, RECORDS_NAME, TABLE_NAME, README_NAME)
# An attachment entry: "attachments/" + 64 lowercase hex digits + "." + a known extension.
ATTACHMENT_NAME = re.compile(
    r"attachments/(?P<sha256>[0-9a-f]{64})\.(?P<ext>"
    + "|".join(sorted(set(ATTACHMENT_TYPES.values())))
    + r")"
)

MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    """What a bundle may not exceed; a file over any of them is refused before it is read.

    ``max_ratio`` (uncompressed / compressed size) applies to entries whose uncompressed size
    is over ``ratio_floor``: small entries of repeated text compress very well and are harmless.
    The descriptor lists every attachment as a resource (about 300 bytes each), hence 2 MB.
    """

    max_entries: int = 5000
    max_descriptor: int = 2 * MB
    max_records: int = 64 * MB
    max_table: int = 64 * MB
    max_readme: int = 64 * 1024
    max_attachment: int = MAX_ATTACHMENT_BYTES
    max_total: int = 1024 * MB
    max_ratio: int = 100
    ratio_floor: int = 1 * MB
    max_json_depth: int = 32


LIMITS = Limits()

UUID_PATTERN = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
# Patterned strings also carry maxLength: Python's "$" matches before a final newline too.
_UUID = {"type": "string", "maxLength": 36, "pattern": UUID_PATTERN}
_NAME = {"type": "string", "maxLength": 300}


def _text(limit: int) -> dict[str, object]:
    return {"type": "string", "maxLength": limit}


def _fields_schema() -> dict[str, object]:
    properties: dict[str, object] = {
        "title": {"type": "string", "minLength": 1, "maxLength": MAX_TITLE},
        "area": _text(200),
        "themes": {
            "type": "array",
            "maxItems": 50,
            "uniqueItems": True,
            "items": {"type": "string", "maxLength": 40, "pattern": "^[a-z][a-z0-9_]{0,39}$"},
        },
        "year": {"type": ["integer", "null"], "minimum": 1000, "maximum": 9999},
        "links": {"type": "array", "maxItems": 100, "items": _text(2000)},
        "status": {"enum": sorted(PRACTICE_STATUSES)},
        "reviewer": _text(200),
        "reviewed_on": {
            "anyOf": [
                {"type": "null"},
                {"type": "string", "maxLength": 10, "pattern": r"^\d{4}-\d{2}-\d{2}$"},
            ]
        },
    }
    properties.update({name: _text(300) for name in LINE_FIELDS})
    properties.update({name: _text(MAX_TEXT) for name in TEXT_FIELDS})
    assert set(properties) == set(EXCHANGED_FIELDS)  # noqa: S101 (a programming error)
    return {
        "type": "object",
        "required": list(EXCHANGED_FIELDS),
        "additionalProperties": False,
        "properties": properties,
    }


_ATTACHMENT_SCHEMA = {
    "type": "object",
    "required": ["sha256", "media_type", "size", "title", "original_name"],
    "additionalProperties": False,
    "properties": {
        "sha256": {"type": "string", "maxLength": 64, "pattern": "^[0-9a-f]{64}$"},
        "media_type": {"enum": sorted(ATTACHMENT_TYPES)},
        "size": {"type": "integer", "minimum": 0, "maximum": LIMITS.max_attachment},
        "title": _NAME,
        "original_name": _NAME,
    },
}

_RECORD_SCHEMA = {
    "type": "object",
    "required": ["id", "origin", "revision", "derived_from", "withdrawn", "fields", "attachments"],
    "additionalProperties": False,
    "properties": {
        "id": _UUID,
        "origin": {
            "type": "object",
            "required": ["id", "name"],
            "additionalProperties": False,
            "properties": {"id": _UUID, "name": _NAME},
        },
        "revision": {"type": "integer", "minimum": 1, "maximum": 1_000_000_000},
        "derived_from": {"anyOf": [{"type": "null"}, _UUID]},
        "withdrawn": {"type": "boolean"},
        "fields": _fields_schema(),
        "attachments": {"type": "array", "maxItems": 100, "items": _ATTACHMENT_SCHEMA},
    },
}

# JSON Schema (draft 2020-12) of records.json. ``version`` is any positive integer here: the
# reader compares it with FORMAT_VERSION first, to say "made by a newer Tejido" in plain words.
RECORDS_SCHEMA: dict[str, object] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://tejido.example/schemas/catalogue-bundle-records-1.json",
    "title": "Tejido catalogue bundle records",
    "type": "object",
    "required": ["format", "version", "publisher", "records"],
    "additionalProperties": False,
    "properties": {
        "format": {"const": FORMAT},
        "version": {"type": "integer", "minimum": 1},
        "publisher": {
            "type": "object",
            "required": ["id", "name", "public_key", "fingerprint"],
            "additionalProperties": False,
            "properties": {
                "id": _UUID,
                "name": _NAME,
                # The raw 32-byte Ed25519 public key, standard base64 (44 characters).
                "public_key": {
                    "type": "string",
                    "maxLength": 44,
                    "pattern": "^[A-Za-z0-9+/]{43}=$",
                },
                "fingerprint": {"type": "string", "maxLength": 16, "pattern": "^[0-9a-f]{16}$"},
            },
        },
        "records": {"type": "array", "maxItems": 100_000, "items": _RECORD_SCHEMA},
    },
}


def attachment_name(sha256: str, media_type: str) -> str:
    """The entry name of an attachment in a bundle."""
    return f"{ATTACHMENTS_FOLDER}{sha256}.{ATTACHMENT_TYPES[media_type]}"


def record_of(s: Session, practice: Practice, *, own_id: str | None = None) -> dict[str, object]:
    """Inside a session: the bundle record of ``practice`` (its live attachments in order).

    A practice withdrawn by its origin is a ``withdrawn`` record, and so is one of our own in
    the trash (we are its origin; ``own_id`` is our organisation's id, looked up if omitted).
    Another organisation's practice in our trash is not withdrawn: only its origin says so."""
    if own_id is None:
        own_id = own_identity(s)[0]
    area = s.get(PracticeArea, practice.area_id) if practice.area_id else None
    attachments = attachment_rows(s, practice.id)
    return build_record(practice, area.name if area else "", attachments, own_id)


def build_record(
    practice: Practice, area_name: str, attachments: list[PracticeAttachment], own_id: str
) -> dict[str, object]:
    """The bundle record of ``practice`` from what :func:`record_of` looks up (for exporting
    many practices with their areas and attachments loaded at once)."""
    trashed_here = practice.deleted_at is not None and practice.origin_id == own_id
    fields: dict[str, object] = {name: getattr(practice, name, None) for name in EXCHANGED_FIELDS}
    fields["area"] = area_name
    fields["themes"] = list(practice.themes or [])
    fields["links"] = list(practice.links or [])
    reviewed_on = practice.reviewed_on
    fields["reviewed_on"] = reviewed_on.isoformat() if reviewed_on else None
    return {
        "id": practice.id,
        "origin": {"id": practice.origin_id, "name": practice.origin_name or ""},
        "revision": practice.revision,
        "derived_from": practice.derived_from,
        "withdrawn": bool(practice.withdrawn or trashed_here),
        "fields": fields,
        "attachments": [
            {
                "sha256": a.sha256,
                "media_type": a.media_type,
                "size": a.size,
                "title": a.title,
                "original_name": a.original_name,
            }
            for a in attachments
        ],
    }


def fields_of_record(record: dict) -> dict[str, object]:
    """The fields of a (schema-valid) record as :class:`PracticeData` keyword values: themes and
    links as tuples, ``reviewed_on`` as a date (``None`` when absent or not a real date).
    :func:`app.services.catalogue_values.content_hash` takes them as they are."""
    fields = dict(record["fields"])
    fields["themes"] = tuple(fields.get("themes") or ())
    fields["links"] = tuple(fields.get("links") or ())
    fields["reviewed_on"] = _day(fields.get("reviewed_on"))
    return {name: fields.get(name) for name in EXCHANGED_FIELDS}


def record_hash(record: dict) -> str:
    """The content hash of a record: equal to a practice's ``content_hash`` when they say the
    same thing (fields and attachments in order)."""
    hashes = [a["sha256"] for a in record.get("attachments", [])]
    return content_hash(fields_of_record(record), hashes)


def _day(value: object) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None
