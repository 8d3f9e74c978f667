"""Writing a bundle's ZIP: entries in sorted order with fixed timestamps and attributes (the
same content gives the same bytes on every system), to a temporary file beside the target that
is fsynced and then renamed into place."""

from __future__ import annotations

import hashlib
import os
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from app.errors import ValidationError
from app.i18n import _
from app.services.bundles.export_files import BlobEntry
from app.services.bundles.format import LIMITS

_FIXED_TIME = (1980, 1, 1, 0, 0, 0)
_LARGE = 1024 * 1024
Step = Callable[[int, int], None] | None
# Kinds of file that are compressed already: stored as they are (deflating them again only
# costs time).
_STORED_TYPES = frozenset(
    {
        "image/png",
        "image/jpeg",
        "image/gif",
        "image/webp",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "application/vnd.oasis.opendocument.text",
        "application/vnd.oasis.opendocument.spreadsheet",
        "application/vnd.oasis.opendocument.presentation",
    }
)


def _entry(name: str, compress: bool) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    info.create_system = 3  # the same bytes on every system
    info.external_attr = 0o100644 << 16  # a plain file, readable by all
    return info


def write_zip(
    stream: BinaryIO,
    files: dict[str, bytes],
    blobs: list[BlobEntry],
    data: Callable[[str], bytes],
    step: Step = None,
    stored: frozenset[str] = frozenset(),
) -> None:
    """Write the bundle to ``stream``: the small ``files`` and the attachments (their bytes
    fetched one at a time with ``data(sha256)``), all in sorted order; the entries named in
    ``stored`` are not compressed. ``step(done, total)`` is called before each entry (it may
    raise to stop)."""
    blob_by_name = {blob.name: blob for blob in blobs}
    names = sorted([*files, *blob_by_name])
    with zipfile.ZipFile(stream, "w") as archive:
        for done, name in enumerate(names):
            if step is not None:
                step(done, len(names))
            blob = blob_by_name.get(name)
            if blob is None:
                content = files[name]
                # Large text compresses nearly as well at level 1, several times faster.
                level = 1 if len(content) > _LARGE else 6
                archive.writestr(_entry(name, name not in stored), content, compresslevel=level)
            else:
                compress = blob.media_type not in _STORED_TYPES and name not in stored
                archive.writestr(_entry(name, compress), data(blob.sha256), compresslevel=6)
        if step is not None:
            step(len(names), len(names))


def write_temporary(
    path: Path,
    files: dict[str, bytes],
    blobs: list[BlobEntry],
    data: Callable[[str], bytes],
    step: Step = None,
) -> tuple[Path, str]:
    """Write the ZIP beside ``path`` under a temporary name, fsynced; the name and sha256."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as error:
        raise not_written(path, error) from error
    temporary = Path(name)
    try:
        with os.fdopen(fd, "w+b") as stream:
            write_zip(stream, files, blobs, data, step)
            packed = _too_packed(stream)
            if packed:  # rare: written again with those entries stored as they are
                stream.seek(0)
                stream.truncate()
                write_zip(stream, files, blobs, data, step, packed)
            stream.flush()
            os.fsync(stream.fileno())
            stream.seek(0)
            digest = hashlib.sha256()
            for chunk in iter(lambda: stream.read(1024 * 1024), b""):
                digest.update(chunk)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise not_written(path, error) from error
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary, digest.hexdigest()


def _too_packed(stream: BinaryIO) -> frozenset[str]:
    """The entries that shrank so much the reader would take them for a "zip bomb"."""
    stream.seek(0)
    with zipfile.ZipFile(stream) as archive:
        return frozenset(
            info.filename
            for info in archive.infolist()
            if info.file_size > LIMITS.ratio_floor
            and info.file_size > LIMITS.max_ratio * max(info.compress_size, 1)
        )


def rename(temporary: Path, path: Path) -> None:
    """Put the finished temporary file in place (atomically, replacing any older file)."""
    try:
        os.replace(temporary, path)
    except OSError as error:
        raise not_written(path, error) from error


def not_written(path: Path, error: OSError) -> ValidationError:
    """The plain-words error for a file that could not be written."""
    return ValidationError(
        _("The file {path} could not be written ({reason}). Nothing was changed.").format(
            path=path, reason=error.strerror or error
        )
    )
