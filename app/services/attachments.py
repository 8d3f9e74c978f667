"""Attachment bytes, stored once per content (sha256) in the database, so backups, restores and
sync carry them with the practices; and written out to a cache file to be opened on request.

Only the kinds of file in :data:`ATTACHMENT_TYPES` are taken, recognised by their first bytes
(never by the name alone), so a program renamed ".pdf" is refused.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from sqlalchemy.orm import Session

from app.db import Database
from app.errors import NotFoundError, ValidationError
from app.i18n import _
from app.models import AttachmentBlob, utcnow
from app.services.attachment_types import sniff_media_type
from app.services.catalogue_values import AttachmentData
from app.services.catalogue_vocabulary import ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES

log = logging.getLogger(__name__)


def store_bytes(s: Session, data: bytes, media_type: str) -> str:
    """Inside a session: keep ``data`` (once per content); returns its sha256."""
    digest = hashlib.sha256(data).hexdigest()
    if s.get(AttachmentBlob, digest) is None:
        s.add(AttachmentBlob(sha256=digest, size=len(data), data=data, created_at=utcnow()))
        s.flush()
    return digest


def store_file(db: Database, path: Path, title: str = "") -> AttachmentData:
    """Read ``path``, check its kind and size, store its bytes; returns what to attach."""
    try:
        size = path.stat().st_size
        if size > MAX_ATTACHMENT_BYTES:
            raise ValidationError(
                _("{name} is too large to attach: at most {mb} MB.").format(
                    name=path.name, mb=MAX_ATTACHMENT_BYTES // (1024 * 1024)
                )
            )
        data = path.read_bytes()
    except OSError as error:
        raise ValidationError(
            _("{name} could not be read ({reason}). Nothing was attached.").format(
                name=path.name, reason=error.strerror or error
            )
        ) from error
    media_type = sniff_media_type(data, path.suffix)
    if media_type not in ATTACHMENT_TYPES:
        raise ValidationError(
            _(
                "{name} is not a kind of file a practice can carry. Attach PDFs, images (PNG, "
                "JPEG, GIF, WebP), text or office documents."
            ).format(name=path.name)
        )
    with db.session() as s:
        digest = store_bytes(s, data, media_type)
    log.info("attachment stored: %s", digest[:12])
    return AttachmentData(digest, media_type, len(data), title or path.stem, path.name)


def require_blob(s: Session, sha256: str) -> AttachmentBlob:
    """The bytes stored under ``sha256``; raise when there are none."""
    blob = s.get(AttachmentBlob, sha256)
    if blob is None:
        raise NotFoundError(_("An attachment's file is missing. Attach it again."))
    return blob


def read_bytes(db: Database, sha256: str) -> bytes:
    """The stored bytes of an attachment."""
    with db.session() as s:
        blob = s.get(AttachmentBlob, sha256)
        if blob is None:
            raise NotFoundError(_("An attachment's file is missing. Attach it again."))
        return blob.data


def cached_file(db: Database, cache_dir: Path, attachment: AttachmentData) -> Path:
    """The attachment written to ``cache_dir`` (once) under a readable name, to be opened with
    the system's viewer on request."""
    extension = ATTACHMENT_TYPES.get(attachment.media_type, "bin")
    target = cache_dir / attachment.sha256[:16] / f"{_safe_stem(attachment)}.{extension}"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(".part")
        partial.write_bytes(read_bytes(db, attachment.sha256))
        partial.replace(target)
    return target


# Names Windows keeps for devices, whatever the extension: "CON.pdf" cannot be a file there.
_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {f"{d}{n}" for d in ("COM", "LPT") for n in range(10)}


def _safe_stem(attachment: AttachmentData) -> str:
    stem = Path(attachment.original_name or attachment.title or "attachment").stem
    cleaned = "".join(c for c in stem if c.isalnum() or c in " -_.()").strip(" .")[:80]
    if cleaned.split(".")[0].strip().upper() in _RESERVED:
        cleaned = f"_{cleaned}"
    return cleaned or "attachment"
