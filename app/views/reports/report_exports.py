"""Saving the report shown on the Reports page: an XLSX workbook (one sheet per table) or a PDF
with the charts, the organisation's logo and the period. Each asks where to save, writes the
file in the background, and then says where it went (open / show in folder / print)."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtWidgets import QWidget

from app.i18n import _, current_language, format_number, ngettext
from app.services.registry import Services
from app.views.document_actions import ask_language, pdf_filter
from app.views.printing import pages_text, show_pdf_saved
from app.views.widgets.saved_file import ask_save_path, file_stem, show_saved
from app.views.workers import Job, run_job

log = logging.getLogger(__name__)

XLSX_SUFFIXES = (".xlsx",)
PDF_SUFFIXES = (".pdf",)


def report_stem(report: Any) -> str:
    """The file name offered: "report - 2025", "report - Q2 2025" ..."""
    return file_stem(_("report"), report.period.label())


def save_report_xlsx(parent: QWidget, report: Any) -> Job | None:
    """Ask for a file and write ``report`` (a built report) there as a workbook, in the
    background; returns the running job, or ``None`` when no file was chosen."""
    caption = _("Export the report to a spreadsheet")
    path = ask_save_path(
        parent, caption, report_stem(report), _("Excel workbook (*.xlsx)"), XLSX_SUFFIXES
    )
    if path is None:
        return None

    def work(_progress, _cancelled) -> int:  # type: ignore[no-untyped-def]
        from app.services.reports.report_xlsx import export_report_xlsx

        return export_report_xlsx(report, path)

    def done(sheets: int) -> None:
        count = ngettext("{count} sheet", "{count} sheets", sheets).format(
            count=format_number(sheets)
        )
        message = _("The report of {period} ({sheets}) was saved in {path}.").format(
            period=report.period.label(), sheets=count, path=path
        )
        show_saved(parent, caption, message, path)

    log.info("saving the report as a workbook")
    return run_job(parent, _("Saving the report…"), work, done, cancellable=False)


def save_report_pdf(parent: QWidget, services: Services, report: Any) -> Job | None:
    """Ask for the language and a file, then write ``report`` there as a PDF with its charts,
    in the background; returns the running job, or ``None`` when cancelled."""
    caption = _("Export the report to PDF")
    language = ask_language(parent, caption, current_language())
    if language is None:
        return None
    path = ask_save_path(parent, caption, report_stem(report), pdf_filter(), PDF_SUFFIXES)
    if path is None:
        return None
    db = services.db

    def work(_progress, _cancelled) -> Any:  # type: ignore[no-untyped-def]
        from app.services.documents.report_pdf import export_report_pdf

        return export_report_pdf(db, report, path, language)

    def done(pages: Any) -> None:
        if isinstance(pages, int) and not isinstance(pages, bool):
            message = _("The report of {period} ({pages}) was saved in {path}.").format(
                period=report.period.label(), pages=pages_text(pages), path=path
            )
        else:
            message = _("The report of {period} was saved in {path}.").format(
                period=report.period.label(), path=path
            )
        show_pdf_saved(parent, caption, message, path)

    log.info("saving the report as a PDF")
    return run_job(parent, _("Writing the PDF of the report…"), work, done, cancellable=False)
