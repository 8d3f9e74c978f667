"""Saving an activity's printed documents from the screen: a session's sign-in sheet and the
activity's handout. Each asks where to save (and the handout, in which language), writes the PDF
in the background, and then offers to open, show or print it."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QInputDialog, QWidget

from app.i18n import LANGUAGES, _, current_language, format_date
from app.services.activities import ActivityData, SessionData
from app.services.registry import Services
from app.views.printing import pages_text, show_pdf_saved
from app.views.widgets.saved_file import ask_save_path, file_stem
from app.views.workers import Job, run_job

log = logging.getLogger(__name__)

PDF_FILTER_SUFFIXES = (".pdf",)


def pdf_filter() -> str:
    return _("PDF file (*.pdf)")


def default_language(activity: ActivityData) -> str:
    """The activity's language when documents can be printed in it, else the program's."""
    return activity.language if activity.language in LANGUAGES else current_language()


def ask_language(parent: QWidget, title: str, default: str) -> str | None:
    """A document language chosen from those Tejido prints in, or ``None`` when cancelled."""
    codes = list(LANGUAGES)
    names = [LANGUAGES[code] for code in codes]
    current = codes.index(default) if default in codes else 0
    name, chosen = QInputDialog.getItem(
        parent, title, _("&Language of the document:"), names, current, False
    )
    return codes[names.index(name)] if chosen and name in names else None


def save_sign_in_sheet(
    parent: QWidget, services: Services, activity: ActivityData, session: SessionData
) -> Job | None:
    """Ask for a file and write the sign-in sheet of ``session`` there, in the background."""
    if activity.id is None or session.id is None:
        return None
    caption = _("Sign-in sheet")
    day = format_date(session.date, "short").replace("/", "-")
    stem = file_stem(_("sign-in sheet"), f"{activity.title} {day}")
    path = ask_save_path(parent, caption, stem, pdf_filter(), PDF_FILTER_SUFFIXES)
    if path is None:
        return None
    db, activity_id, session_id = services.db, activity.id, session.id

    def work(_progress, _cancelled) -> int:  # type: ignore[no-untyped-def]
        from app.services.activity_documents import sign_in_sheet

        return sign_in_sheet(db, activity_id, session_id, path)

    def done(pages: int) -> None:
        message = _("The sign-in sheet of {date} ({pages}) was saved in {path}.").format(
            date=format_date(session.date), pages=pages_text(pages), path=path
        )
        show_pdf_saved(parent, caption, message, path)

    log.info("saving the sign-in sheet of session %s", session_id)
    return run_job(parent, _("Preparing the sign-in sheet…"), work, done, cancellable=False)


def save_handout(parent: QWidget, services: Services, activity: ActivityData) -> Job | None:
    """Ask for the language and a file, then write the activity's handout there (background)."""
    if activity.id is None:
        return None
    caption = _("Handout")
    language = ask_language(parent, caption, default_language(activity))
    if language is None:
        return None
    stem = file_stem(_("handout"), activity.title)
    path = ask_save_path(parent, caption, stem, pdf_filter(), PDF_FILTER_SUFFIXES)
    if path is None:
        return None
    db, activity_id = services.db, activity.id

    def work(_progress, _cancelled) -> int:  # type: ignore[no-untyped-def]
        from app.services.activity_documents import handout

        return handout(db, activity_id, path, language)

    def done(pages: int) -> None:
        message = _("The handout ({pages}, in {language}) was saved in {path}.").format(
            pages=pages_text(pages), language=LANGUAGES[language], path=path
        )
        show_pdf_saved(parent, caption, message, path)

    log.info("saving the handout of activity %s", activity_id)
    return run_job(parent, _("Preparing the handout…"), work, done, cancellable=False)
