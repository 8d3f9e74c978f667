"""Writing issued certificates to files: one merged PDF, a ZIP, or one PDF per person in a folder.

Called inside the issuing transaction: when writing fails or is cancelled, whatever was written
is removed and the error goes up, so the register is rolled back with it and no certificate
exists on disk that the register does not know.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from app.errors import Cancelled
from app.i18n import _
from app.services.documents.content import CertificateContent

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None] | None
IsCancelled = Callable[[], bool] | None


@dataclass(frozen=True, slots=True)
class IssuedFiles:
    """Certificates issued and written: ``files[i]`` holds ``contents[i]`` (the merged PDF,
    the ZIP, or that person's own PDF); ``path`` is the PDF, ZIP or folder written."""

    contents: tuple[CertificateContent, ...]
    files: tuple[Path, ...]
    path: Path


def output_kind(out: Path, zip: bool) -> str:
    """ "zip", "folder" (``out`` is a folder or has no .pdf ending) or "pdf"."""
    if zip or out.suffix.lower() == ".zip":
        return "zip"
    if out.is_dir() or out.suffix.lower() != ".pdf":
        return "folder"
    return "pdf"


def write_files(
    contents: Sequence[CertificateContent],
    out: Path,
    zip: bool,
    pattern: str,
    progress: Progress,
    cancelled: IsCancelled,
) -> IssuedFiles:
    """Write ``contents`` as :func:`output_kind` says; see the module's docstring."""
    kind = output_kind(out, zip)
    if kind == "folder":
        files = _write_folder(contents, out, pattern, progress, cancelled)
        return IssuedFiles(tuple(contents), tuple(files), out)
    if kind == "zip" and out.suffix.lower() != ".zip":
        from app.services.documents.certificate_files import safe_file_name

        out = out / f"{safe_file_name(contents[0].activity_title)}.zip"
    existed = out.exists()
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        if kind == "zip":
            from app.services.documents.certificate_files import write_certificate_zip

            write_certificate_zip(
                contents, out, pattern=pattern, progress=progress, cancelled=cancelled
            )
        else:
            from app.services.documents.certificate_pdf import render_certificates

            render_certificates(contents, out, progress=progress, cancelled=cancelled)
    except BaseException:
        if not existed:
            out.unlink(missing_ok=True)
        raise
    return IssuedFiles(tuple(contents), (out,) * len(contents), out)


def _write_folder(
    contents: Sequence[CertificateContent],
    folder: Path,
    pattern: str,
    progress: Progress,
    cancelled: IsCancelled,
) -> list[Path]:
    """One PDF per person in ``folder``, named by ``pattern`` (see C1's ``file_name``); files
    already there are kept: a name taken (ignoring case) gets " (2)"."""
    from app.services.documents.certificate_files import check_pattern, file_name, unique_name
    from app.services.documents.certificate_pdf import certificate_pdf_bytes

    check_pattern(pattern)
    folder.mkdir(parents=True, exist_ok=True)
    taken = {entry.name.casefold() for entry in folder.iterdir()}
    written: list[Path] = []
    try:
        for done, content in enumerate(contents, start=1):
            if cancelled is not None and cancelled():
                raise Cancelled(_("Issuing was cancelled; no certificate was issued."))
            path = folder / unique_name(file_name(pattern, content), taken)
            path.write_bytes(certificate_pdf_bytes(content))
            written.append(path)
            if progress is not None:
                progress(done, len(contents))
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return written
