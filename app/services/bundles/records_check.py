"""Checking what a bundle says: its JSON (size, depth, duplicate keys), records.json against
the schema in plain words, the attachments' manifest, and each attachment's real kind."""

from __future__ import annotations

import functools
import itertools
import json
import logging
import zipfile
from dataclasses import dataclass
from pathlib import Path

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError as SchemaError
from jsonschema.exceptions import best_match

from app.i18n import _
from app.services.attachment_types import sniff_media_type
from app.services.bundles.format import RECORDS_NAME, RECORDS_SCHEMA, attachment_name
from app.services.bundles.rejection import BundleRejected, shown
from app.services.bundles.zip_checks import ZIP_ERRORS
from app.services.catalogue_vocabulary import ATTACHMENT_TYPES

log = logging.getLogger(__name__)

# An office document inside an attachment is looked into only when its own ZIP is modest.
_MAX_INNER_ENTRIES = 10_000
_MAX_INNER_MIMETYPE = 200


@dataclass(frozen=True, slots=True)
class Listed:
    """An attachment as records.json lists it (the same for every record that uses it)."""

    sha256: str
    media_type: str
    size: int

    @property
    def extension(self) -> str:
        return ATTACHMENT_TYPES[self.media_type]

    @property
    def name(self) -> str:
        return attachment_name(self.sha256, self.media_type)


def parse_json(data: bytes, name: str, max_depth: int) -> object:
    """The JSON value in ``data`` (UTF-8), refused when invalid, with repeated keys, with
    NaN or Infinity, or nested deeper than ``max_depth``."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise BundleRejected(_("Its {name} is not UTF-8 text.").format(name=shown(name))) from error
    try:
        value = json.loads(text, object_pairs_hook=_unique_keys(name), parse_constant=_no_constant)
    except RecursionError as error:
        raise _too_deep(name, max_depth) from error
    except json.JSONDecodeError as error:
        raise BundleRejected(
            _("Its {name} is not valid JSON (line {line}, column {column}).").format(
                name=shown(name), line=error.lineno, column=error.colno
            )
        ) from error
    except ValueError as error:  # NaN, Infinity, a number with thousands of digits
        raise BundleRejected(
            _("Its {name} holds a number Tejido cannot read.").format(name=shown(name))
        ) from error
    if _deeper_than(value, max_depth):
        raise _too_deep(name, max_depth)
    return value


def _unique_keys(name: str):
    def build(pairs: list[tuple[str, object]]) -> dict[str, object]:
        value = dict(pairs)
        if len(value) != len(pairs):
            seen: set[str] = set()
            key = next(k for k, _v in pairs if k in seen or seen.add(k))
            raise BundleRejected(
                _("Its {name} gives the key “{key}” twice in one place.").format(
                    name=shown(name), key=shown(key[:60])
                )
            )
        return value

    return build


def _no_constant(word: str) -> object:
    raise ValueError(word)


def _too_deep(name: str, limit: int) -> BundleRejected:
    return BundleRejected(
        _("Its {name} is nested more than {limit} levels deep.").format(
            name=shown(name), limit=limit
        )
    )


def _deeper_than(value: object, limit: int) -> bool:
    """Whether lists and objects nest more than ``limit`` levels (walked without recursion)."""
    stack = [(value, 1)] if isinstance(value, dict | list) else []
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            return True
        children = item.values() if isinstance(item, dict) else item
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False


@functools.cache
def _validator() -> Draft202012Validator:
    Draft202012Validator.check_schema(RECORDS_SCHEMA)
    return Draft202012Validator(RECORDS_SCHEMA)


def validate(payload: dict) -> None:
    """records.json against the schema; then every record id once only."""
    error = best_match(itertools.islice(_validator().iter_errors(payload), 100))
    if error is not None:
        raise BundleRejected(
            _("Its {name} does not follow the bundle format: {problem} ({where}).").format(
                name=RECORDS_NAME, problem=_problem(error), where=_where(error)
            )
        )
    seen: set[str] = set()
    for record in payload["records"]:
        if record["id"] in seen:
            raise BundleRejected(
                _("The practice {id} appears twice in it.").format(id=record["id"])
            )
        seen.add(record["id"])


def _problem(error: SchemaError) -> str:
    kind, value, limit = error.validator, error.instance, error.validator_value
    if kind == "required":
        missing = next((k for k in limit if k not in value), "?")
        return _("“{field}” is missing").format(field=missing)
    if kind == "additionalProperties":
        known = set(error.schema.get("properties", {}))
        extra = next((k for k in value if k not in known), "?")
        return _("“{field}” is not a field of the format").format(field=shown(str(extra)[:60]))
    if kind == "maxLength":
        return _("a text is longer than {limit} characters").format(limit=limit)
    if kind == "minLength":
        return _("a text that must be filled in is empty")
    if kind in ("pattern", "enum", "const", "anyOf"):
        return _("“{value}” is not an allowed value").format(value=shown(str(value)[:60]))
    if kind in ("minimum", "maximum"):
        return _("the number {value} is out of range").format(value=shown(str(value)[:30]))
    if kind == "maxItems":
        return _("a list has more than {limit} items").format(limit=limit)
    if kind == "uniqueItems":
        return _("a list repeats an item")
    if kind == "type":
        return _("a value is of the wrong kind")
    return _("a value is not allowed")


def _where(error: SchemaError) -> str:
    path = list(error.absolute_path)
    if len(path) >= 2 and path[0] == "records" and isinstance(path[1], int):
        place = " › ".join(str(part) for part in path[2:])
        if place:
            return _("record {number}, {place}").format(number=path[1] + 1, place=place)
        return _("record {number}").format(number=path[1] + 1)
    return " › ".join(str(part) for part in path) or _("the whole file")


def manifest(records: list[dict]) -> dict[str, Listed]:
    """Every attachment the records list, by sha256; one hash described two ways refuses."""
    listed: dict[str, Listed] = {}
    for record in records:
        for attachment in record["attachments"]:
            item = Listed(attachment["sha256"], attachment["media_type"], attachment["size"])
            known = listed.setdefault(item.sha256, item)
            if known != item:
                raise BundleRejected(
                    _("The attachment {sha} is described in two different ways.").format(
                        sha=item.sha256[:16]
                    )
                )
    return listed


def check_kind(path: Path, listed: Listed) -> None:
    """The file's first bytes must say it is the kind records.json declares."""
    suffix = "." + listed.extension
    with path.open("rb") as handle:
        head = handle.read(8192)
    if head.startswith(b"PK\x03\x04"):
        actual = _office_kind(path, suffix)
    else:
        actual = sniff_media_type(head, suffix)
    if actual == listed.media_type:
        return
    declared = listed.extension.upper()
    if actual in ATTACHMENT_TYPES:
        reason = _(
            "The attachment {name} is not the kind of file it claims to be: it says {declared} "
            "but it is {actual}."
        ).format(name=listed.name, declared=declared, actual=ATTACHMENT_TYPES[actual].upper())
    else:
        reason = _(
            "The attachment {name} is not the kind of file it claims to be: it says {declared} "
            "but it is a kind of file Tejido does not accept."
        ).format(name=listed.name, declared=declared)
    raise BundleRejected(reason)


def _office_kind(path: Path, suffix: str) -> str:
    """An office document (itself a ZIP) looked into only once its own directory is modest,
    so an attachment cannot be a bomb for the check itself."""
    try:
        with zipfile.ZipFile(path) as inner:
            infos = inner.infolist()
            if len(infos) > _MAX_INNER_ENTRIES:
                return ""
            if any(i.filename == "mimetype" and i.file_size > _MAX_INNER_MIMETYPE for i in infos):
                return ""
    except ZIP_ERRORS:
        return ""
    return sniff_media_type(path.read_bytes(), suffix)
