"""Saving a mentoring pair's printed documents from the screen: the agreement both sides sign and
the pair's summary (never with confidential notes). Each asks in which language and where to save,
writes the PDF in the background, then offers to open, show or print it (as the activity's
documents do, through :mod:`app.views.document_actions`)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QWidget

from app.i18n import LANGUAGES, _, current_language
from app.services.mentoring_values import RelationshipDetail
from app.services.registry import Services
from app.views.document_actions import PDF_FILTER_SUFFIXES, ask_language, pdf_filter
from app.views.printing import pages_text, show_pdf_saved
from app.views.widgets.saved_file import ask_save_path, file_stem
from app.views.workers import Job, run_job

log = logging.getLogger(__name__)


def default_language(services: Services) -> str:
    """The organisation's usual language when documents can be printed in it, else the program's."""
    language = services.profile.get().default_language
    return language if language in LANGUAGES else current_language()


def pair_title(detail: RelationshipDetail) -> str:
    """ "Ana Pérez - Luis Gil" (mentee, then mentor), for file names."""
    return f"{detail.mentee_name} - {detail.mentor_name}"


def _save(
    parent: QWidget,
    services: Services,
    detail: RelationshipDetail,
    caption: str,
    words: str,
    write: Callable[[object, str, Path, str], int],
    said: str,
) -> Job | None:
    relationship_id = detail.data.id
    if relationship_id is None:
        return None
    language = ask_language(parent, caption, default_language(services))
    if language is None:
        return None
    stem = file_stem(words, pair_title(detail))
    path = ask_save_path(parent, caption, stem, pdf_filter(), PDF_FILTER_SUFFIXES)
    if path is None:
        return None
    db = services.db

    def work(_progress, _cancelled) -> int:  # type: ignore[no-untyped-def]
        return write(db, relationship_id, path, language)

    def done(pages: int) -> None:
        message = said.format(pages=pages_text(pages), language=LANGUAGES[language], path=path)
        show_pdf_saved(parent, caption, message, path)

    log.info("saving a document of mentoring relationship %s", relationship_id)
    return run_job(parent, _("Preparing the document…"), work, done, cancellable=False)


def save_agreement(parent: QWidget, services: Services, detail: RelationshipDetail) -> Job | None:
    """Ask for the language and a file, then write the pair's agreement there (background)."""

    def write(db, relationship_id, path, language) -> int:  # type: ignore[no-untyped-def]
        from app.services.mentoring_documents import agreement_pdf

        return agreement_pdf(db, relationship_id, path, language)

    return _save(
        parent,
        services,
        detail,
        _("Mentoring agreement"),
        _("mentoring agreement"),
        write,
        _(
            "The agreement ({pages}, in {language}) was saved in {path}. Print it for both "
            "sides to sign."
        ),
    )


def save_summary(parent: QWidget, services: Services, detail: RelationshipDetail) -> Job | None:
    """Ask for the language and a file, then write the pair's summary there (background).
    The summary never holds confidential notes."""

    def write(db, relationship_id, path, language) -> int:  # type: ignore[no-untyped-def]
        from app.services.mentoring_documents import summary_pdf

        return summary_pdf(db, relationship_id, path, language)

    return _save(
        parent,
        services,
        detail,
        _("Mentoring summary"),
        _("mentoring summary"),
        write,
        _("The summary of the pair ({pages}, in {language}) was saved in {path}."),
    )
