"""Reading the certificate payloads back out of a PDF, for verification.

Every page Tejido draws carries its certificate's payload as invisible text
``TEJIDO-CERT:<payload>`` (see :mod:`certificate_parts`), so each page of a merged PDF can be
verified on its own; the metadata ``/Subject`` holds the payloads too, one per line, and is
used when no page has the text (a PDF rewritten by another program may lose it) and the
keywords say it is a Tejido certificate.
"""

from __future__ import annotations

import logging
import re
import zlib
from pathlib import Path

from app.errors import ValidationError
from app.i18n import _
from app.services.documents.certificate_parts import KEYWORDS, PAYLOAD_MARK

log = logging.getLogger(__name__)

_PAYLOAD = re.compile(re.escape(PAYLOAD_MARK) + r"(\S+)")
# what a damaged file can make pypdf raise, besides its own errors
_DAMAGE = (ValueError, KeyError, TypeError, IndexError, AttributeError, zlib.error)


def read_payloads(path: Path) -> list[str]:
    """The certificate payloads in the PDF at ``path``, one per certificate page, in page order.

    Empty when the PDF holds no Tejido certificate. Raises :class:`ValidationError` when the
    file cannot be read, is not a PDF, is damaged or is locked with a password.
    """
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    path = Path(path)
    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            raise _unreadable(path, locked=True)
        pages = list(reader.pages)
        info = reader.metadata
    except OSError as error:
        raise ValidationError(
            _("{file} cannot be opened: {reason}. Check the file is there and try again.").format(
                file=path.name, reason=error.strerror or error
            )
        ) from error
    except (PyPdfError, *_DAMAGE) as error:
        raise _unreadable(path) from error
    payloads = [payload for page in pages for payload in _page_payloads(page)]
    if payloads:
        return payloads
    if info is None or KEYWORDS not in str(info.get("/Keywords") or ""):
        return []
    subject = str(info.get("/Subject") or "")
    return [line.strip() for line in subject.splitlines() if line.strip()]


def _page_payloads(page) -> list[str]:  # type: ignore[no-untyped-def]
    """The payloads written on one page (none when its text cannot be read)."""
    from pypdf.errors import PyPdfError

    try:
        text = page.extract_text() or ""
    except (PyPdfError, *_DAMAGE):
        log.warning("the text of a PDF page cannot be read; skipped")
        return []
    return _PAYLOAD.findall(text)


def _unreadable(path: Path, locked: bool = False) -> ValidationError:
    if locked:
        return ValidationError(
            _(
                "{file} is locked with a password, so Tejido cannot read the certificate in "
                "it. Use the PDF as Tejido made it, or type the code under the QR code."
            ).format(file=path.name)
        )
    return ValidationError(
        _(
            "{file} is not a PDF Tejido can read (it may be damaged or another kind of file). "
            "Use the PDF as Tejido made it, or type the code under the QR code."
        ).format(file=path.name)
    )
