"""Reading a catalogue bundle that may be hostile, into checked data and files of our own.

:func:`read_bundle` never extracts the archive: it checks the ZIP's table of contents first
(:mod:`app.services.bundles.zip_checks`), reads the two JSON files into memory with size and
depth limits, validates ``records.json`` against :data:`format.RECORDS_SCHEMA`, and streams
each attachment to a file it names itself inside ``work_dir``, hashing and counting as it
goes. Any problem raises :class:`BundleRejected` with the reason in plain words; nothing is
left behind in ``work_dir`` then, and nothing is ever written anywhere else.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import logging
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from app import __version__
from app.i18n import _
from app.services.bundles import records_check
from app.services.bundles.format import (
    ATTACHMENT_NAME,
    DESCRIPTOR_NAME,
    FORMAT,
    FORMAT_VERSION,
    LIMITS,
    RECORDS_NAME,
    Limits,
)
from app.services.bundles.rejection import BundleRejected, shown
from app.services.bundles.zip_checks import (
    ZipDirectory,
    check_directory,
    open_archive,
    stream_entry,
)

__all__ = ["BundleContents", "BundleRejected", "read_bundle"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class BundleContents:
    """A bundle that passed every check. ``sha256`` is the hash of the whole file (the
    bundle's id); ``descriptor`` the parsed datapackage.json; ``publisher`` and ``records``
    come from records.json (schema-valid); ``attachments`` maps each attachment's sha256 to
    the checked copy written inside the work folder."""

    file_name: str
    sha256: str
    descriptor: dict
    publisher: dict
    records: list[dict]
    attachments: dict[str, Path]


def read_bundle(path: Path, work_dir: Path, limits: Limits = LIMITS) -> BundleContents:
    """Read and check the bundle at ``path``; attachments are copied into a new folder inside
    ``work_dir``. Raises :class:`BundleRejected` (nothing kept) when anything is wrong."""
    path = Path(path)
    archive = open_archive(path, limits)
    with archive:
        directory = check_directory(archive, limits)
        descriptor = _read_descriptor(archive, directory, limits)
        if directory.strangers:
            raise BundleRejected(
                _("It contains a file a bundle cannot hold: {name}.").format(
                    name=shown(directory.strangers[0])
                )
            )
        payload = _read_records(archive, directory, limits)
        manifest = records_check.manifest(payload["records"])
        wanted = _attachment_entries(directory, manifest)
        digest = _file_sha256(path)
        attachments = _unpack_all(archive, wanted, manifest, Path(work_dir), limits)
    log.info("bundle read: %s, %d records", digest[:12], len(payload["records"]))
    return BundleContents(
        file_name=path.name,
        sha256=digest,
        descriptor=descriptor,
        publisher=payload["publisher"],
        records=payload["records"],
        attachments=attachments,
    )


def _read_json(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, depth: int):
    chunks: list[bytes] = []
    stream_entry(archive, info, chunks.append, limit)
    return records_check.parse_json(b"".join(chunks), info.orig_filename, depth)


def _read_descriptor(archive: zipfile.ZipFile, directory: ZipDirectory, limits: Limits) -> dict:
    """datapackage.json, read first: it says whether a newer Tejido made the file."""
    info = _required(directory, DESCRIPTOR_NAME)
    descriptor = _read_json(archive, info, limits.max_descriptor, limits.max_json_depth)
    if not isinstance(descriptor, dict):
        raise _not_ours(DESCRIPTOR_NAME)
    if descriptor.get("tejido:format") != FORMAT:
        raise _not_ours(DESCRIPTOR_NAME)
    _check_version(descriptor.get("tejido:version"))
    needed = descriptor.get("tejido:min_app_version")
    if isinstance(needed, str) and _version_tuple(needed) > _version_tuple(__version__):
        raise BundleRejected(
            _("It needs Tejido {version} or later; this is Tejido {current}.").format(
                version=shown(needed[:20]), current=__version__
            ),
            newer=True,
        )
    return descriptor


def _read_records(archive: zipfile.ZipFile, directory: ZipDirectory, limits: Limits) -> dict:
    """records.json: our format, a version we read, valid against the schema, consistent."""
    info = _required(directory, RECORDS_NAME)
    payload = _read_json(archive, info, limits.max_records, limits.max_json_depth)
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise _not_ours(RECORDS_NAME)
    _check_version(payload.get("version"))
    records_check.validate(payload)
    _check_publisher_key(payload["publisher"])
    return payload


def _required(directory: ZipDirectory, name: str) -> zipfile.ZipInfo:
    info = directory.entries.get(name)
    if info is None:
        raise BundleRejected(
            _("It has no {name}, so it is not a Tejido catalogue bundle.").format(name=name)
        )
    return info


def _not_ours(name: str) -> BundleRejected:
    return BundleRejected(
        _("Its {name} does not describe a Tejido catalogue bundle.").format(name=name)
    )


def _check_version(version: object) -> None:
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise BundleRejected(_("It does not say which version of the bundle format it uses."))
    if version > FORMAT_VERSION:
        raise BundleRejected(
            _(
                "It was made by a newer Tejido (bundle format {version}; this Tejido reads up "
                "to format {supported})."
            ).format(version=version, supported=FORMAT_VERSION),
            newer=True,
        )


def _version_tuple(text: str) -> tuple[int, ...]:
    parts = []
    for part in text.split(".")[:4]:
        digits = "".join(c for c in part[:9] if c.isdigit())
        parts.append(int(digits) if digits else 0)
    return tuple(parts)


def _check_publisher_key(publisher: dict) -> None:
    from app.services.signing import fingerprint

    try:
        key = base64.b64decode(publisher["public_key"], validate=True)
    except (binascii.Error, ValueError):
        key = b""
    if len(key) != 32 or fingerprint(key) != publisher["fingerprint"]:
        raise BundleRejected(_("The publisher's key does not match its fingerprint."))


def _attachment_entries(
    directory: ZipDirectory, manifest: dict[str, records_check.Listed]
) -> dict[str, zipfile.ZipInfo]:
    """The entry of each listed attachment; an entry nobody lists, or a listed one missing,
    refuses the file."""
    found: dict[str, zipfile.ZipInfo] = {}
    for name, info in directory.entries.items():
        match = ATTACHMENT_NAME.fullmatch(name)
        if match is None:
            continue
        listed = manifest.get(match["sha256"])
        if listed is None or listed.name != name:
            raise BundleRejected(
                _("It contains an attachment that records.json does not list: {name}.").format(
                    name=shown(name)
                )
            )
        found[match["sha256"]] = info
    for sha256, listed in manifest.items():
        if sha256 not in found:
            raise BundleRejected(
                _("The attachment {name} listed in records.json is missing.").format(
                    name=listed.name
                )
            )
    return found


def _unpack_all(
    archive: zipfile.ZipFile,
    wanted: dict[str, zipfile.ZipInfo],
    manifest: dict[str, records_check.Listed],
    work_dir: Path,
    limits: Limits,
) -> dict[str, Path]:
    """Each attachment streamed to a new folder inside ``work_dir``, removed on refusal."""
    try:
        work_dir.mkdir(parents=True, exist_ok=True)
        folder = Path(tempfile.mkdtemp(prefix="bundle-", dir=work_dir))
    except OSError as error:
        raise _no_room(error) from error
    try:
        return {
            sha256: _unpack(archive, info, manifest[sha256], folder, limits)
            for sha256, info in sorted(wanted.items(), key=lambda item: item[1].header_offset)
        }
    except OSError as error:
        shutil.rmtree(folder, ignore_errors=True)
        raise _no_room(error) from error
    except Exception:
        shutil.rmtree(folder, ignore_errors=True)
        raise


def _unpack(
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    listed: records_check.Listed,
    folder: Path,
    limits: Limits,
) -> Path:
    """One attachment to ``folder`` under a name of ours; hash, size and kind checked."""
    if info.file_size != listed.size:
        raise BundleRejected(
            _("The attachment {name} does not have the size records.json gives.").format(
                name=listed.name
            )
        )
    target = folder / f"{listed.sha256}.{listed.extension}"
    hasher = hashlib.sha256()
    with target.open("xb") as handle:

        def sink(chunk: bytes) -> None:
            hasher.update(chunk)
            handle.write(chunk)

        stream_entry(archive, info, sink, limits.max_attachment)
    if hasher.hexdigest() != listed.sha256:
        raise BundleRejected(
            _("The attachment {name} has been altered: its contents do not match its name.").format(
                name=listed.name
            )
        )
    records_check.check_kind(target, listed)
    return target


def _no_room(error: OSError) -> BundleRejected:
    log.warning("bundle work folder unusable: %s", type(error).__name__)
    return BundleRejected(
        _("Tejido could not write its temporary copy of the attachments ({reason}).").format(
            reason=error.strerror or type(error).__name__
        )
    )


def _file_sha256(path: Path) -> str:
    hasher = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(1024 * 1024):
                hasher.update(chunk)
    except OSError as error:
        raise BundleRejected(_("The file could not be read again to the end.")) from error
    return hasher.hexdigest()
