"""Saving good practices as PDFs from the screen: one practice's sheet, or a booklet of several
grouped by area with a table of contents. Each asks in which language and where to save,
writes the PDF in the background, then offers to open, show or print it (as the activity's
documents do, through :mod:`app.views.document_actions`)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from app.errors import Cancelled
from app.i18n import LANGUAGES, _, current_language, format_number, ngettext
from app.services.catalogue_values import PracticeData
from app.services.registry import Services
from app.views.catalogue.catalogue_table_model import CatalogueTableModel
from app.views.document_actions import PDF_FILTER_SUFFIXES, ask_language, pdf_filter
from app.views.printing import pages_text, show_pdf_saved
from app.views.widgets.saved_file import ask_save_path, file_stem
from app.views.workers import Job, run_job

log = logging.getLogger(__name__)

PAGE = 500
MAX_BOOKLET = 1000  # as app.services.practice_documents.MAX_BOOKLET_PRACTICES: a book, not a list


def default_language(services: Services) -> str:
    """The organisation's usual language when documents can be printed in it, else the program's."""
    language = services.profile.get().default_language
    return language if language in LANGUAGES else current_language()


def _ask(parent: QWidget, services: Services, caption: str, stem: str) -> tuple[str, Path] | None:
    language = ask_language(parent, caption, default_language(services))
    if language is None:
        return None
    path = ask_save_path(parent, caption, stem, pdf_filter(), PDF_FILTER_SUFFIXES)
    return None if path is None else (language, path)


def save_sheet(parent: QWidget, services: Services, practice: PracticeData) -> Job | None:
    """Ask for the language and a file, then write the practice's sheet there (background)."""
    if practice.id is None:
        return None
    caption = _("Practice sheet")
    chosen = _ask(parent, services, caption, file_stem(_("practice"), practice.title))
    if chosen is None:
        return None
    language, path = chosen
    db, practice_id = services.db, practice.id

    def work(_progress, _cancelled) -> int:  # type: ignore[no-untyped-def]
        from app.services.practice_documents import practice_sheet

        return practice_sheet(db, practice_id, path, language)

    def done(pages: int) -> None:
        message = _("The practice sheet ({pages}, in {language}) was saved in {path}.").format(
            pages=pages_text(pages), language=LANGUAGES[language], path=path
        )
        show_pdf_saved(parent, caption, message, path)

    log.info("saving the sheet of practice %s", practice_id)
    return run_job(parent, _("Preparing the practice sheet…"), work, done, cancellable=False)


def list_ids_work(model: CatalogueTableModel) -> Callable[..., list[str]]:
    """Work that reads the ids of every practice of the list as searched now (in pages, with
    the search and filters of this moment, never touching the model from the worker)."""
    catalogue, query, filters = model.catalogue, model.state.query, model.current_filters()

    def work(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> list[str]:
        total = min(catalogue.count(query, filters), MAX_BOOKLET)
        ids: list[str] = []
        while len(ids) < total:
            if cancelled():
                raise Cancelled(_("The booklet was cancelled; no file was written."))
            page = catalogue.search(query, filters, offset=len(ids), limit=PAGE)
            if not page:
                break
            ids.extend(row.id for row in page)
            progress(len(ids), total)
        return ids[:total]

    return work


def save_booklet(
    parent: QWidget,
    services: Services,
    model: CatalogueTableModel,
    practice_ids: list[str] | None = None,
) -> Job | None:
    """Ask for the language and a file, then write a booklet of ``practice_ids`` (or of the
    whole list as searched, at most :data:`MAX_BOOKLET`) there, in the background."""
    total = len(practice_ids) if practice_ids else model.total()
    if not total:
        return None
    if total > MAX_BOOKLET and not _agree_to_cut(parent, total):
        return None
    caption = _("Booklet of good practices")
    chosen = _ask(parent, services, caption, _("good practices"))
    if chosen is None:
        return None
    language, path = chosen
    db = services.db
    read_ids = None if practice_ids else list_ids_work(model)

    def work(progress, cancelled) -> tuple[int, int]:  # type: ignore[no-untyped-def]
        from app.services.practice_documents import booklet

        ids = list(practice_ids) if practice_ids else read_ids(progress, cancelled)  # type: ignore[misc]
        pages = booklet(db, path, practice_ids=ids, language=language, cancelled=cancelled)
        return len(ids), pages

    def done(result: tuple[int, int]) -> None:
        count, pages = result
        practices = ngettext("{count} practice", "{count} practices", count).format(
            count=format_number(count)
        )
        message = _("The booklet ({practices}, {pages}, in {language}) was saved in {path}.")
        message = message.format(
            practices=practices, pages=pages_text(pages), language=LANGUAGES[language], path=path
        )
        show_pdf_saved(parent, caption, message, path)

    log.info("saving a booklet of %d practices", total)
    return run_job(parent, _("Preparing the booklet…"), work, done)


def _agree_to_cut(parent: QWidget, total: int) -> bool:
    answer = QMessageBox.question(
        parent,
        _("Booklet of good practices"),
        _(
            "The list has {count} practices; a booklet holds at most {limit}. Make a booklet of "
            "the first {limit}? To choose others, narrow the list by area or search first."
        ).format(count=format_number(total), limit=format_number(MAX_BOOKLET)),
    )
    return answer == QMessageBox.StandardButton.Yes
