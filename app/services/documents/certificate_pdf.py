"""Certificates as PDF: one A4 landscape page per certificate, in one of three designs.

The payload the QR code carries is also in the PDF twice, so a certificate can be verified from
its file: in the metadata (``/Subject``, one payload per line; keywords ``tejido-certificate``)
and on each page as invisible text ``TEJIDO-CERT:<payload>``, which keeps each page of a merged
PDF verifiable on its own (see :mod:`pdf_reading`).

Speed: the parts every certificate of one organisation shares (frame, logo, organisation,
signature, address) are drawn once per PDF as a Form XObject and placed on each page; images
are decoded once; the QR code is drawn as one path (:mod:`qr`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import replace
from io import BytesIO
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from app.errors import ValidationError
from app.i18n import _
from app.services.documents.certificate_designs import DESIGNS, PAGE, static_key
from app.services.documents.certificate_parts import KEYWORDS
from app.services.documents.content import CertificateContent
from app.services.documents.pdf_files import check_cancelled, write_pdf

log = logging.getLogger(__name__)

DEFAULT_DESIGN = "classic"
_PROGRESS_EVERY = 10


def render_certificates(
    contents: Sequence[CertificateContent],
    path: Path,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Write the certificates to ``path`` as one PDF, one page each, in the given order.

    Returns the number of pages. The file appears only when complete (written beside it, then
    moved into place); on an error or when ``cancelled()`` turns true nothing is left behind
    and :class:`app.errors.Cancelled` is raised. ``progress(done, total)`` is called as pages
    are drawn (from the calling thread).
    """
    if not contents:
        raise ValidationError(_("There are no certificates to make."))
    _write(Path(path), contents, progress, cancelled)
    log.info("%d certificates written to one PDF", len(contents))
    return len(contents)


def certificate_pdf_bytes(content: CertificateContent) -> bytes:
    """One certificate alone, as the bytes of a one-page PDF."""
    buffer = BytesIO()
    _write(buffer, [content], None, None)
    return buffer.getvalue()


def _write(
    target: Path | BytesIO,
    contents: Sequence[CertificateContent],
    progress: Callable[[int, int], None] | None,
    cancelled: Callable[[], bool] | None,
) -> None:
    def draw(canvas: Canvas) -> None:
        """Every page, then a last look at whether to stop before saving."""
        _draw_pages(canvas, contents, progress, cancelled)
        check_cancelled(cancelled, _cancelled_message())

    first = contents[0]
    about = first.person_name if len(contents) == 1 else first.activity_title
    write_pdf(
        target,
        PAGE,
        draw,
        title=" — ".join(part for part in (first.heading, about) if part),
        author=first.letterhead.name,
        subject="\n".join(content.payload for content in contents),
        keywords=KEYWORDS,
    )


def _draw_pages(
    canvas: Canvas,
    contents: Sequence[CertificateContent],
    progress: Callable[[int, int], None] | None,
    cancelled: Callable[[], bool] | None,
) -> None:
    forms: dict[tuple[object, ...], str] = {}
    total = len(contents)
    for done, content in enumerate(contents, start=1):
        check_cancelled(cancelled, _cancelled_message())
        if content.design not in DESIGNS:
            content = replace(content, design=DEFAULT_DESIGN)
        design = DESIGNS[content.design]
        key = static_key(content)
        form = forms.get(key)
        if form is None:
            form = forms[key] = f"TejidoCertificate{len(forms)}"
            canvas.beginForm(form)
            design.static(canvas, content)
            canvas.endForm()
        canvas.doForm(form)
        design.variable(canvas, content)
        canvas.showPage()
        if progress is not None and (done % _PROGRESS_EVERY == 0 or done == total):
            progress(done, total)


def _cancelled_message() -> str:
    return _("Making the certificates was cancelled; no file was written.")
