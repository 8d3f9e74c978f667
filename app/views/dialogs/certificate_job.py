"""The background work of issuing a batch of certificates, and the words of its summary.

Issuing and writing the first file is one transaction in the service (a failure or Cancel
leaves no certificate issued). When both a merged PDF and a ZIP were asked for, the ZIP is
written afterwards from the same certificates, without issuing them again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.i18n import _, format_number, ngettext

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class IssueResult:
    """How many certificates were issued, and the files written (``None`` when not asked)."""

    count: int
    pdf: Path | None
    archive: Path | None


def issue_work(
    certificates: Any,
    activity_id: str,
    person_ids: Sequence[str],
    paths: tuple[Path | None, Path | None],
    **choices: str,
) -> Callable[[Callable[[int, int], None], Callable[[], bool]], IssueResult]:
    """Work for :func:`app.views.workers.run_job`: issue to ``paths`` (merged PDF, ZIP).

    ``choices`` are kind, language, design, issued_by and pattern."""
    pdf, archive = paths
    pattern = choices.pop("pattern")

    def work(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> IssueResult:
        phases = 2 if pdf is not None and archive is not None else 1

        def first(done: int, total: int) -> None:
            progress(done, total * phases)

        files = certificates.issue_to_files(
            activity_id,
            list(person_ids),
            out=pdf if pdf is not None else archive,
            zip=pdf is None,
            pattern=pattern,
            progress=first,
            cancelled=cancelled,
            **choices,
        )
        count = len(files.contents)
        if phases == 2:
            from app.services.documents.certificate_files import write_certificate_zip

            # Already issued and saved in the PDF: the ZIP is not cancelled half-way.
            write_certificate_zip(
                files.contents,
                archive,
                pattern=pattern,
                progress=lambda done, total: progress(total + done, total * 2),
            )
        log.info("%d certificates issued", count)
        return IssueResult(count, pdf, archive)

    return work


def summary(result: IssueResult) -> tuple[str, str, Path]:
    """The summary's title, message, and the file its buttons open (the PDF, else the ZIP)."""
    count = format_number(result.count)
    if result.pdf is not None and result.archive is not None:
        message = ngettext(
            "{count} certificate in {pdf}, and in {archive} as its own PDF.",
            "{count} certificates in {pdf}, and in {archive} one PDF per person.",
            result.count,
        ).format(count=count, pdf=result.pdf.name, archive=result.archive.name)
    elif result.pdf is not None:
        message = ngettext(
            "{count} certificate in {pdf}.", "{count} certificates in {pdf}.", result.count
        ).format(count=count, pdf=result.pdf.name)
    else:
        assert result.archive is not None
        message = ngettext(
            "{count} certificate in {archive}.",
            "{count} certificates in {archive}, one PDF per person.",
            result.count,
        ).format(count=count, archive=result.archive.name)
    path = result.pdf or result.archive
    assert path is not None
    folder = _("Saved in the folder {folder}.").format(folder=path.parent)
    return _("Certificates issued"), f"{message}\n{folder}", path
