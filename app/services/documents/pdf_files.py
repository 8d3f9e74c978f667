"""Writing a PDF file: our canvas, atomic files, cancelling, fast streams.

``write_pdf(target, pagesize, draw, title=..., author=..., subject=..., keywords=...)`` is the
one way to make a PDF with a canvas: ``draw(canvas)`` draws the pages (``canvas.showPage()``
after each); ``target`` is a ``Path`` (written atomically: a temporary file beside it, moved
into place only when all went well, nothing left behind on an error or a cancel) or a
``BytesIO``. The canvas's first font is one of ours, so Helvetica is never declared and every
font in the file is embedded. ``writing_to(path)`` gives the same guarantee to any writer (a
ZIP, a platypus document) and turns a file system's refusal into a :class:`ValidationError`;
``check_cancelled`` raises :class:`app.errors.Cancelled`.
"""

from __future__ import annotations

import contextlib
import logging
import os
import tempfile
import threading
import zlib
from collections.abc import Callable, Iterator
from io import BytesIO
from pathlib import Path

from reportlab import rl_config
from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen.canvas import Canvas

from app.errors import Cancelled, ValidationError
from app.i18n import _
from app.services.documents.fonts import SANS, register_fonts

log = logging.getLogger(__name__)


def write_pdf(
    target: Path | BytesIO,
    pagesize: tuple[float, float],
    draw: Callable[[Canvas], None],
    *,
    title: str = "",
    author: str = "",
    subject: str = "",
    keywords: str = "",
) -> None:
    """Make a PDF: ``draw(canvas)`` draws its pages, then it is saved to ``target`` (a path,
    atomically, or a ``BytesIO``). Our fonts are registered and metadata set."""
    with _fast_streams():
        if isinstance(target, Path):
            with writing_to(target) as temporary:
                canvas = _canvas(str(temporary), pagesize, title, author, subject, keywords)
                draw(canvas)
                canvas.save()
        else:
            canvas = _canvas(target, pagesize, title, author, subject, keywords)
            draw(canvas)
            canvas.save()


def _canvas(
    target: str | BytesIO,
    pagesize: tuple[float, float],
    title: str,
    author: str,
    subject: str,
    keywords: str,
) -> Canvas:
    register_fonts()
    canvas = Canvas(target, pagesize=pagesize, initialFontName=SANS, initialFontSize=10)
    canvas.setTitle(title)
    canvas.setAuthor(author)
    canvas.setSubject(subject)
    canvas.setKeywords(keywords)
    canvas.setCreator("Tejido")
    return canvas


@contextlib.contextmanager
def atomic_file(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success it replaces ``path``, on any
    exception it is removed (so a failed or cancelled document never leaves a half file)."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(handle)
    try:
        yield Path(temporary)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


@contextlib.contextmanager
def writing_to(path: Path) -> Iterator[Path]:
    """:func:`atomic_file`, with a file system's refusal (no such folder, no permission, a
    full disk) turned into a :class:`ValidationError` that says so."""
    try:
        with atomic_file(path) as temporary:
            yield temporary
    except OSError as error:
        raise ValidationError(
            _("The file {path} could not be written ({reason}).").format(
                path=path, reason=error.strerror or error
            )
        ) from error


def check_cancelled(cancelled: Callable[[], bool] | None, message: str) -> None:
    """Raise :class:`Cancelled` with ``message`` when the person asked to stop."""
    if cancelled is not None and cancelled():
        raise Cancelled(message)


class _QuickFlate(pdfdoc.PDFStreamFilterZCompress):
    """Flate (zlib) at level 1 instead of 6: four times faster on the long vector paths of QR
    codes, for files about a sixth larger. Decoded like any Flate stream."""

    def encode(self, text: str | bytes) -> bytes:
        """The stream compressed (text is UTF-8 first, as ReportLab does)."""
        data = text.encode("utf8") if isinstance(text, str) else text
        return zlib.compress(data, 1)


_settings = threading.Lock()
_writers = 0
_saved: list[object] = []  # ReportLab's own settings while ours are in place


@contextlib.contextmanager
def _fast_streams() -> Iterator[None]:
    """While any PDF is being written: compressed streams without ReportLab's ASCII85 layer
    (pure Python here, as its C accelerator ``rl_accel`` is not installed) and with quick
    Flate. These are ReportLab's process-wide settings, put back when the last writer ends."""
    global _writers
    with _settings:
        if _writers == 0:
            _saved[:] = [rl_config.useA85, pdfdoc.PDFZCompress]
            rl_config.useA85 = 0
            pdfdoc.PDFZCompress = _QuickFlate()
        _writers += 1
    try:
        yield
    finally:
        with _settings:
            _writers -= 1
            if _writers == 0:
                rl_config.useA85, pdfdoc.PDFZCompress = _saved
