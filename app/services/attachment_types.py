"""Recognising a file's kind from its first bytes (and, for ZIP-based office files and plain
text, a look inside or at the name)."""

from __future__ import annotations

import io
import logging
import lzma
import zipfile
import zlib

from app.services.catalogue_vocabulary import ATTACHMENT_TYPES

log = logging.getLogger(__name__)

OFFICE_ZIP = {
    "word/": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xl/": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ppt/": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
OLE = {
    ".doc": "application/msword",
    ".xls": "application/vnd.ms-excel",
    ".ppt": "application/vnd.ms-powerpoint",
}


def sniff_media_type(data: bytes, suffix: str = "") -> str:
    """The media type ``data`` really is, or "" when it is none Tejido accepts."""
    head = data[:16]
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if head.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return "image/webp"
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return OLE.get(suffix.lower(), "")
    return _text_kind(data, suffix)


def _zip_kind(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()[:200]
            if "mimetype" in names:
                with archive.open("mimetype") as entry:
                    kind = entry.read(100).decode("ascii", "replace").strip()
                return kind if kind in ATTACHMENT_TYPES and ".opendocument." in kind else ""
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError, EOFError, ValueError) as error:
        return _refused(error)
    except (zlib.error, lzma.LZMAError) as error:  # a damaged compressed "mimetype"
        return _refused(error)
    for prefix, kind in OFFICE_ZIP.items():
        if any(name.startswith(prefix) for name in names):
            return kind
    return ""


def _refused(error: Exception) -> str:
    log.info("a ZIP-like file could not be read: %s", type(error).__name__)
    return ""


def _text_kind(data: bytes, suffix: str) -> str:
    sample = data[:4096]
    if b"\x00" in sample:
        return ""
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < len(sample) - 4:  # not just a character cut at the sample's end
            return ""
    return "text/csv" if suffix.lower() == ".csv" else "text/plain"
