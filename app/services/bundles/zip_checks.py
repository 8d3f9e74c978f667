"""The first line of defence against a hostile bundle: its ZIP directory, checked before a
single byte of content is unpacked, and every entry then read with its size enforced.

Nothing here extracts to disk by the names the file gives: entries are only *read*, as
streams, and the caller decides where (and under which name of its own) anything is written.
A refused file raises :class:`BundleRejected` whose ``reason`` says why in plain words.
"""

from __future__ import annotations

import itertools
import logging
import re
import stat
import struct
import unicodedata
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from app.i18n import _, format_number
from app.services.bundles.format import (
    ATTACHMENT_NAME,
    DESCRIPTOR_NAME,
    FIXED_NAMES,
    README_NAME,
    RECORDS_NAME,
    TABLE_NAME,
    Limits,
)
from app.services.bundles.rejection import BundleRejected, shown, size_text

log = logging.getLogger(__name__)

CHUNK = 256 * 1024
# Generous room per entry in the ZIP's own table of contents (a name of the allow-list is
# under 100 characters); a bigger table betrays far more entries than the count admits.
DIRECTORY_BYTES_PER_ENTRY = 512
_EOCD = struct.Struct("<4s4H2LH")
_ZIP64_LOCATOR = struct.Struct("<4sLQL")
_ZIP64_EOCD = struct.Struct("<4sQ2H2L4Q")
_DRIVE = re.compile(r"^[A-Za-z]:")
# Errors the zipfile module (and zlib under it) raise on a damaged or crafted file.
ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    OSError,
    ValueError,
    struct.error,
    NotImplementedError,
    RuntimeError,
)


@dataclass(frozen=True, slots=True)
class ZipDirectory:
    """The checked entries of a bundle by name; ``strangers`` are safe-looking names outside
    the allow-list (refused once the format version is known to be ours)."""

    entries: dict[str, zipfile.ZipInfo]
    strangers: tuple[str, ...]


def not_a_zip() -> BundleRejected:
    return BundleRejected(_("It is not a ZIP file, or it is damaged or incomplete."))


def open_archive(path: Path, limits: Limits) -> zipfile.ZipFile:
    """The bundle opened as a ZIP once its size and its table of contents look sane."""
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise BundleRejected(_("It is not a file."))
        if size > limits.max_total + limits.max_entries * 1024:
            raise BundleRejected(
                _("The file is {size}, more than a bundle may hold ({limit}).").format(
                    size=size_text(size), limit=size_text(limits.max_total)
                )
            )
        with path.open("rb") as handle:
            entries, directory_size = _directory_extent(handle, size)
        _check_count(entries, directory_size, limits)
        archive = zipfile.ZipFile(path)
    except BundleRejected:
        raise
    except FileNotFoundError as error:
        raise BundleRejected(_("The file was not found.")) from error
    except PermissionError as error:
        raise BundleRejected(_("Tejido is not allowed to read the file.")) from error
    except ZIP_ERRORS as error:
        log.info("bundle is not a readable zip: %s", type(error).__name__)
        raise not_a_zip() from error
    if len(archive.infolist()) > limits.max_entries:
        archive.close()
        _check_count(len(archive.infolist()), 0, limits)
    return archive


def _check_count(entries: int, directory_size: int, limits: Limits) -> None:
    if entries > limits.max_entries:
        raise BundleRejected(
            _("It holds more files than a bundle may ({count}; at most {limit}).").format(
                count=format_number(entries), limit=format_number(limits.max_entries)
            )
        )
    if directory_size > limits.max_entries * DIRECTORY_BYTES_PER_ENTRY:
        raise BundleRejected(
            _(
                "Its list of contents is longer than a bundle's may be (at most {limit} files)."
            ).format(limit=format_number(limits.max_entries))
        )


def _directory_extent(handle, size: int) -> tuple[int, int]:
    """(entry count, size of the table of contents) from the ZIP's end records, read before
    the zipfile module parses (and keeps in memory) every entry."""
    tail_size = min(size, _EOCD.size + 65535)
    handle.seek(size - tail_size)
    tail = handle.read(tail_size)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < _EOCD.size:
        raise not_a_zip()
    fields = _EOCD.unpack_from(tail, at)
    disk, start_disk, disk_entries, entries, directory_size, offset = fields[1:7]
    if entries == 0xFFFF or directory_size == 0xFFFFFFFF or offset == 0xFFFFFFFF:
        locator_at = size - tail_size + at - _ZIP64_LOCATOR.size
        record_at = locator_at - _ZIP64_EOCD.size
        if record_at < 0:
            raise not_a_zip()
        handle.seek(record_at)
        record = handle.read(_ZIP64_EOCD.size + _ZIP64_LOCATOR.size)
        if record[:4] != b"PK\x06\x06" or record[_ZIP64_EOCD.size :][:4] != b"PK\x06\x07":
            raise not_a_zip()
        fields = _ZIP64_EOCD.unpack_from(record)
        disk, start_disk, disk_entries, entries, directory_size = fields[4:9]
    if disk or start_disk or disk_entries != entries:
        raise BundleRejected(_("It is a ZIP split over several parts."))
    return entries, directory_size


def check_directory(archive: zipfile.ZipFile, limits: Limits) -> ZipDirectory:
    """Every entry's name, kind, encryption, compression and declared sizes, before reading."""
    entries: dict[str, zipfile.ZipInfo] = {}
    strangers: list[str] = []
    seen: set[str] = set()
    total = 0
    for info in archive.infolist():
        name = info.orig_filename
        _check_name(name)
        _check_kind(info)
        key = unicodedata.normalize("NFC", name).casefold()
        if key in seen:
            raise BundleRejected(
                _("The name {name} appears twice in it (perhaps in other capitals).").format(
                    name=shown(name)
                )
            )
        seen.add(key)
        if name not in FIXED_NAMES and not ATTACHMENT_NAME.fullmatch(name):
            strangers.append(name)
        _check_packing(info)
        total += _check_sizes(info, limits)
        if total > limits.max_total:
            raise BundleRejected(
                _("Its contents add up to more than a bundle may hold ({limit}).").format(
                    limit=size_text(limits.max_total)
                )
            )
        entries[name] = info
    _check_overlaps(archive.infolist())
    return ZipDirectory(entries, tuple(strangers))


def _check_name(name: str) -> None:
    where = shown(name)
    if any(not c.isprintable() for c in name):
        raise BundleRejected(
            _("It contains a name with a hidden control character: {name}.").format(name=where)
        )
    parts = re.split(r"[/\\]", unicodedata.normalize("NFKC", name))
    if ".." in parts:
        raise BundleRejected(
            _("It contains a path that leaves its folder: {name}.").format(name=where)
        )
    if name.startswith(("/", "\\")):
        raise BundleRejected(_("It contains an absolute path: {name}.").format(name=where))
    if _DRIVE.match(name):
        raise BundleRejected(
            _("It contains a path with a drive letter: {name}.").format(name=where)
        )
    if "\\" in name:
        raise BundleRejected(_("It contains a path with a backslash: {name}.").format(name=where))


def _check_kind(info: zipfile.ZipInfo) -> None:
    name = shown(info.orig_filename)
    mode = info.external_attr >> 16
    kind = stat.S_IFMT(mode)
    if info.orig_filename.endswith("/") or kind == stat.S_IFDIR or info.external_attr & 0x10:
        raise BundleRejected(
            _("It contains a folder entry ({name}); a bundle holds only files.").format(name=name)
        )
    if kind == stat.S_IFLNK:
        raise BundleRejected(
            _("It contains a link to another file ({name}); links are not allowed.").format(
                name=name
            )
        )
    if kind not in (0, stat.S_IFREG):
        raise BundleRejected(
            _("It contains a special file ({name}); only plain files are allowed.").format(
                name=name
            )
        )


def _check_packing(info: zipfile.ZipInfo) -> None:
    name = shown(info.orig_filename)
    if info.flag_bits & 0x41:  # 0x01 encrypted, 0x40 strong encryption
        raise BundleRejected(_("The file {name} inside it is encrypted.").format(name=name))
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise BundleRejected(
            _("The file {name} inside it is compressed in a way Tejido does not read.").format(
                name=name
            )
        )
    if info.compress_type == zipfile.ZIP_STORED and info.compress_size != info.file_size:
        raise BundleRejected(mismatch(info.orig_filename))


def entry_limit(name: str, limits: Limits) -> int:
    """The most bytes the entry ``name`` may hold."""
    fixed = {
        DESCRIPTOR_NAME: limits.max_descriptor,
        RECORDS_NAME: limits.max_records,
        TABLE_NAME: limits.max_table,
        README_NAME: limits.max_readme,
    }
    return fixed.get(name, limits.max_attachment)


def _check_sizes(info: zipfile.ZipInfo, limits: Limits) -> int:
    limit = entry_limit(info.orig_filename, limits)
    name = shown(info.orig_filename)
    if info.file_size > limit:
        raise BundleRejected(too_large(info.orig_filename, limit))
    if info.file_size > limits.ratio_floor and (
        info.compress_size == 0 or info.file_size / info.compress_size > limits.max_ratio
    ):
        ratio = info.file_size // max(info.compress_size, 1)
        raise BundleRejected(
            _(
                "The file {name} inside it would grow {ratio} times when unpacked, which is how "
                "a “zip bomb” looks."
            ).format(name=name, ratio=format_number(ratio))
        )
    return info.file_size


def _check_overlaps(infos: list[zipfile.ZipInfo]) -> None:
    """Entries must not share bytes: overlapping entries are how the densest bombs are made."""
    spans = []
    for info in infos:
        encoding = "utf-8" if info.flag_bits & 0x800 else "cp437"
        try:
            name_length = len(info.orig_filename.encode(encoding))
        except UnicodeEncodeError:
            name_length = len(info.orig_filename.encode("utf-8"))
        start = info.header_offset
        spans.append((start, start + 30 + name_length + info.compress_size))
    spans.sort()
    for (_start, end), (next_start, _next_end) in itertools.pairwise(spans):
        if end > next_start:
            raise BundleRejected(
                _("Files inside it share the same bytes, which is how a “zip bomb” looks.")
            )


def too_large(name: str, limit: int) -> str:
    return _("The file {name} inside it is larger than a bundle allows ({limit}).").format(
        name=shown(name), limit=size_text(limit)
    )


def mismatch(name: str) -> str:
    return _("The file {name} inside it is damaged or does not match what its header says.").format(
        name=shown(name)
    )


def stream_entry(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, sink: Callable[[bytes], object], limit: int
) -> int:
    """Feed the entry's bytes to ``sink`` chunk by chunk, never more than its declared size
    nor ``limit``; returns how many. Headers lie, so the count is checked as it goes."""
    count = 0
    for chunk in _chunks(archive, info):
        count += len(chunk)
        if count > limit:
            raise BundleRejected(too_large(info.orig_filename, limit))
        if count > info.file_size:
            raise BundleRejected(mismatch(info.orig_filename))
        sink(chunk)
    if count != info.file_size:
        raise BundleRejected(mismatch(info.orig_filename))
    return count


def _chunks(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """The entry's bytes; a damaged or lying entry is refused (the sink's own errors, raised
    in the caller, are not mistaken for the file's)."""
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(CHUNK):
                yield chunk
    except ZIP_ERRORS as error:
        log.info("bundle entry unreadable: %s", type(error).__name__)
        raise BundleRejected(mismatch(info.orig_filename)) from error
