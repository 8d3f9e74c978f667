"""Field values as canonical JSON text, exactly as SQLite holds them (bytes in base64)."""

from __future__ import annotations

import base64
import hashlib
import json

from app.services.sync.tables import BLOB_FIELDS


def encode(raw: object) -> str:
    kind = type(raw)
    if kind is str:  # most values: text that JSON writes as it is
        if raw.isprintable() and '"' not in raw and "\\" not in raw:  # type: ignore[attr-defined]
            return f'"{raw}"'
    elif raw is None:
        return "null"
    elif kind is int:
        return str(raw)
    if isinstance(raw, bytes | bytearray | memoryview):
        raw = {"$b64": base64.b64encode(bytes(raw)).decode("ascii")}
    return json.dumps(raw, ensure_ascii=False, separators=(",", ":"))


def encode_field(table: str, field: str, raw: object) -> str:
    """A field's value; attachment bytes become a reference to a file named by their hash."""
    if (table, field) in BLOB_FIELDS and isinstance(raw, bytes | bytearray | memoryview):
        return json.dumps({"$blob": hashlib.sha256(bytes(raw)).hexdigest()})
    return encode(raw)


def blob_hash(value: str) -> str | None:
    """The hash a value refers to, when it is a blob reference."""
    if not value.startswith('{"$blob"'):
        return None
    found = json.loads(value).get("$blob")
    return found if isinstance(found, str) else None


def decode(value: str) -> object:
    if value.startswith('"') and "\\" not in value:  # most values: plain text
        return value[1:-1]
    if value == "null":
        return None
    raw = json.loads(value)
    if isinstance(raw, dict):
        if "$b64" in raw:
            return base64.b64decode(raw["$b64"])
        raise ValueError("a blob reference is read from the exchange folder")
    return raw


def shown(value: str, limit: int = 400) -> str:
    """A value as a person reads it (bytes and files described, not printed)."""
    raw = json.loads(value)
    if raw is None:
        return ""
    if isinstance(raw, dict):
        if "$b64" in raw:
            return f"[{len(base64.b64decode(raw['$b64']))} B]"
        return "[file]"
    text = raw if isinstance(raw, str) else json.dumps(raw, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"
