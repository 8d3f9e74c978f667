"""Building bundles for the reading tests with zipfile directly: a valid base (records that
pass the schema, a real publisher key, a PDF and a PNG attachment) and byte-level patches
for the lies a hand-made file can tell."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
import os
import struct
import time
import tracemalloc
import uuid
import warnings
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from app.services.bundles.format import FORMAT, FORMAT_VERSION, LIMITS, MIN_APP_VERSION, Limits
from app.services.bundles.reading import BundleRejected, read_bundle
from app.services.catalogue_values import LINE_FIELDS, TEXT_FIELDS
from app.services.signing import fingerprint

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(range(64))
# Limits small enough to be crossed by a few kilobytes (the valid base's PDF is over 60 bytes).
SMALL = dataclasses.replace(
    LIMITS, max_descriptor=2000, max_records=20_000, max_attachment=60, max_total=50_000
)
MAX_SECONDS = 10.0  # generous: the point is that reading stops, not a benchmark
MAX_PEAK_BYTES = 24 * 1024 * 1024
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def publisher() -> dict:
    key = os.urandom(32)
    return {
        "id": str(uuid.uuid4()),
        "name": "Asociación Vecinal Ejemplo",
        "public_key": base64.b64encode(key).decode("ascii"),
        "fingerprint": fingerprint(key),
    }


def attachment(data: bytes, media_type: str, title: str = "Guía") -> dict:
    return {
        "sha256": sha(data),
        "media_type": media_type,
        "size": len(data),
        "title": title,
        "original_name": title + ".bin",
    }


def record(title: str = "Huertos comunitarios", attachments: tuple[dict, ...] = ()) -> dict:
    fields: dict[str, object] = {name: "" for name in (*LINE_FIELDS, *TEXT_FIELDS)}
    fields.update(
        title=title,
        area="Participación",
        themes=[],
        year=2024,
        links=["https://example.org/huertos"],
        status="published",
        reviewer="",
        reviewed_on=None,
        summary="Vecinas y vecinos cultivan juntos un solar cedido por el ayuntamiento.",
    )
    return {
        "id": str(uuid.uuid4()),
        "origin": {"id": str(uuid.uuid4()), "name": "Asociación Vecinal Ejemplo"},
        "revision": 1,
        "derived_from": None,
        "withdrawn": False,
        "fields": fields,
        "attachments": list(attachments),
    }


@dataclass
class Entry:
    """One entry to write: its name, bytes and how the ZIP describes it."""

    name: str
    data: bytes
    compress_type: int = zipfile.ZIP_DEFLATED
    external_attr: int = 0o100644 << 16
    flag_bits: int = 0


@dataclass
class Bundle:
    """A bundle's parts, to be changed by a test and then written."""

    records: list[dict]
    publisher: dict
    blobs: dict[str, bytes]  # entry name -> bytes
    descriptor: dict = field(default_factory=dict)
    extra: list[Entry] = field(default_factory=list)
    records_bytes: bytes | None = None
    descriptor_bytes: bytes | None = None
    version: int = FORMAT_VERSION
    # Per entry name: Entry attributes to change (compress_type, external_attr, flag_bits).
    options: dict[str, dict] = field(default_factory=dict)
    omit: tuple[str, ...] = ()  # fixed entries to leave out

    def entries(self) -> list[Entry]:
        payload = {
            "format": FORMAT,
            "version": self.version,
            "publisher": self.publisher,
            "records": self.records,
        }
        records = self.records_bytes or json.dumps(payload, ensure_ascii=False).encode()
        descriptor = self.descriptor_bytes or json.dumps(self.descriptor).encode()
        fixed = [
            Entry("datapackage.json", descriptor),
            Entry("records.json", records),
            Entry("practices.csv", b"id,title\r\n"),
            Entry("README.txt", b"Tejido catalogue bundle.\n"),
        ]
        blobs = [Entry(name, data) for name, data in sorted(self.blobs.items())]
        entries = [e for e in fixed if e.name not in self.omit] + blobs + self.extra
        for entry in entries:
            for key, value in self.options.get(entry.name, {}).items():
                setattr(entry, key, value)
        return entries

    def write(self, path: Path) -> Path:
        write_zip(path, self.entries())
        return path


def valid_bundle() -> Bundle:
    """Two practices, a PDF and a PNG: everything a reader must accept."""
    pdf, png = attachment(PDF, "application/pdf"), attachment(PNG, "image/png", "Cartel")
    descriptor = {
        "profile": "data-package",
        "name": "tejido-catalogue",
        "resources": [],
        "tejido:format": FORMAT,
        "tejido:version": FORMAT_VERSION,
        "tejido:min_app_version": MIN_APP_VERSION,
        "tejido:exporter": "tests",
    }
    return Bundle(
        records=[record(attachments=(pdf, png)), record("Banco de tiempo", (pdf,))],
        publisher=publisher(),
        blobs={f"attachments/{sha(PDF)}.pdf": PDF, f"attachments/{sha(PNG)}.png": PNG},
        descriptor=descriptor,
    )


def write_zip(path: Path, entries: list[Entry]) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Duplicate name" is what some tests want
        with zipfile.ZipFile(path, "w") as archive:
            for entry in entries:
                info = zipfile.ZipInfo(entry.name, date_time=(1980, 1, 1, 0, 0, 0))
                info.compress_type = entry.compress_type
                info.external_attr = entry.external_attr
                info.flag_bits = entry.flag_bits
                archive.writestr(info, entry.data)


def replace_bytes(path: Path, old: bytes, new: bytes) -> None:
    """Swap ``old`` for ``new`` (same length) everywhere, so offsets stay right."""
    assert len(old) == len(new)
    data = path.read_bytes()
    assert old in data
    path.write_bytes(data.replace(old, new))


def central_header_at(data: bytes, name: str) -> int:
    at = data.index(b"PK\x01\x02")
    while True:
        length = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46 : at + 46 + length] == name.encode():
            return at
        at = data.index(b"PK\x01\x02", at + 4)


def patch_central(path: Path, name: str, offset: int, value: int, width: str = "L") -> None:
    """Overwrite a field of ``name``'s central directory header (8 flags "H", 20 compressed
    size, 24 uncompressed size, 42 local header offset)."""
    data = bytearray(path.read_bytes())
    struct.pack_into("<" + width, data, central_header_at(bytes(data), name) + offset, value)
    path.write_bytes(bytes(data))


def with_extra(path: Path, *entries: Entry) -> None:
    """The valid base with ``entries`` added."""
    bundle = valid_bundle()
    bundle.extra.extend(entries)
    bundle.write(path)


def _tree(root: Path) -> set[Path]:
    return set(root.rglob("*"))


def refuse(
    build: Callable[[Path], None], tmp_path: Path, monkeypatch, limits: Limits = LIMITS
) -> BundleRejected:
    """Build a hostile file deep inside ``tmp_path``, read it from another working folder, and
    return the refusal, once sure it came in bounded time and memory and that nothing was
    written anywhere (the work folder may be created, but is left empty)."""
    inside = tmp_path / "outside" / "inside"
    inside.mkdir(parents=True)
    elsewhere = tmp_path / "cwd"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    path = inside / "hostile.tejido"
    build(path)
    work = inside / "work"
    before = _tree(tmp_path)
    tracemalloc.start()
    try:
        started = time.monotonic()
        with pytest.raises(BundleRejected) as caught:
            read_bundle(path, work, limits)
        elapsed = time.monotonic() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert elapsed < MAX_SECONDS
    assert peak < MAX_PEAK_BYTES
    assert _tree(tmp_path) - before <= {work}
    assert not work.exists() or not any(work.iterdir())
    return caught.value
