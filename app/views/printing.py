"""Printing a PDF through the system print dialog, opening it in the default PDF viewer, and the
summary after a PDF was saved ("12 certificates in certificados.pdf — Open / Show in folder /
Print").

The pages are drawn by PDFium (``pypdfium2``) as pictures at the printer's resolution (at most
:data:`MAX_DPI`), each fitted to the paper with its proportions kept and turned to the page's own
orientation, so a landscape certificate prints landscape on any printer Qt knows.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QRectF, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QPageLayout, QPainter
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from app.errors import Cancelled, TejidoError
from app.i18n import _, format_number, ngettext
from app.views.workers import Job, run_job

log = logging.getLogger(__name__)

MAX_DPI = 300  # sharp on paper; 1200 dpi pictures of A4 would take half a gigabyte each
_jobs: set[Job] = set()  # print jobs running, kept alive with their printer


class PrintProblem(TejidoError):
    """The PDF could not be read or the printer refused the job."""


def page_count(path: Path) -> int:
    """How many pages the PDF at ``path`` has."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(str(path))
    except (OSError, pdfium.PdfiumError) as error:
        raise PrintProblem(_unreadable(path)) from error
    try:
        return len(document)
    finally:
        document.close()


def _unreadable(path: Path) -> str:
    return _(
        "Tejido could not read {path} as a PDF. Nothing was printed. Save the document "
        "again and print the new file."
    ).format(path=path)


def _page_image(page, dpi: int) -> QImage:  # type: ignore[no-untyped-def]
    bitmap = page.render(scale=dpi / 72, rev_byteorder=True, prefer_bgrx=True)
    try:
        image = QImage(
            bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGBX8888
        )
        return image.copy()  # the bitmap's memory goes away with it
    finally:
        bitmap.close()


def _orientation(page) -> QPageLayout.Orientation:  # type: ignore[no-untyped-def]
    width, height = page.get_size()
    if page.get_rotation() in (90, 270):
        width, height = height, width
    landscape = width > height
    return QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait


def _fit(image: QImage, area: QRectF) -> QRectF:
    """The largest rectangle of the image's proportions centred in ``area``."""
    scale = min(area.width() / image.width(), area.height() / image.height())
    width, height = image.width() * scale, image.height() * scale
    return QRectF(
        area.x() + (area.width() - width) / 2,
        area.y() + (area.height() - height) / 2,
        width,
        height,
    )


def paint_pdf(
    printer: QPrinter,
    path: Path,
    pages: range | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Draw the pages of the PDF at ``path`` (all, or the 0-based ``pages``) onto ``printer``.

    Returns how many pages were sent. Raises :class:`Cancelled` (the print run is aborted) when
    ``cancelled()`` turns true, :class:`PrintProblem` when the file or the printer fails.
    """
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(str(path))
    except (OSError, pdfium.PdfiumError) as error:
        raise PrintProblem(_unreadable(path)) from error
    try:
        chosen = [n for n in (pages or range(len(document))) if 0 <= n < len(document)]
        copies = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
        order = [n for _copy in range(copies) for n in chosen]
        return _paint_pages(printer, document, order, progress, cancelled)
    finally:
        document.close()


def _paint_pages(printer, document, order, progress, cancelled) -> int:  # type: ignore[no-untyped-def]
    if not order:
        return 0
    dpi = min(max(printer.resolution(), 72), MAX_DPI)
    printer.setPageOrientation(_orientation(document[order[0]]))
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintProblem(
            _(
                "The printer did not accept the job. Nothing was printed. Check that the printer "
                "is on and connected, then try again."
            )
        )
    try:
        for done, number in enumerate(order):
            if cancelled is not None and cancelled():
                printer.abort()
                raise Cancelled(
                    _("Printing was cancelled; the pages not yet sent were not printed.")
                )
            page = document[number]
            if done:
                printer.setPageOrientation(_orientation(page))
                printer.newPage()
            image = _page_image(page, dpi)
            area = QRectF(painter.viewport())
            painter.drawImage(_fit(image, area), image)
            if progress is not None:
                progress(done + 1, len(order))
    finally:
        painter.end()
    log.info("printed %d pages", len(order))
    return len(order)


def print_pdf(parent: QWidget | None, path: Path) -> Job | None:
    """Ask for a printer and its settings in the system dialog, then print the PDF at ``path`` in
    the background (progress, Cancel). Returns the running job, or ``None`` when not printed."""
    try:
        total = page_count(path)
    except PrintProblem as error:
        from app.views.errors import show_error

        show_error(parent, error)
        return None
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(path.stem)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(_("Print {name}").format(name=path.name))
    dialog.setMinMax(1, max(total, 1))
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    pages = chosen_pages(printer, total)

    def work(progress, cancelled) -> int:  # type: ignore[no-untyped-def]
        return paint_pdf(printer, path, pages, progress, cancelled)

    def done(count: int) -> None:
        _jobs.discard(job)
        log.info("print job finished")

    def failed(error: BaseException) -> None:
        _jobs.discard(job)
        from app.views.errors import show_error

        show_error(parent, error)

    job = run_job(parent, _("Sending the pages to the printer…"), work, done, failed)
    job.printer = printer  # type: ignore[attr-defined] # painted in the worker: keep it alive
    _jobs.add(job)
    return job


def chosen_pages(printer: QPrinter, total: int) -> range:
    """The 0-based pages chosen in the print dialog (all when no range was chosen)."""
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        last = printer.toPage() or total
        return range(printer.fromPage() - 1, min(last, total))
    return range(total)


def open_in_viewer(path: Path, parent: QWidget | None = None) -> bool:
    """Open ``path`` (a file, or a folder) with the system's default program for it.

    When the system cannot, says where the file is (with ``parent``); returns whether it opened.
    """
    if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
        return True
    log.warning("the system could not open a saved file")
    if parent is not None:
        QMessageBox.information(
            parent,
            _("Tejido"),
            _("Tejido could not open it. It is here: {path}").format(path=path),
        )
    return False


def show_pdf_saved(parent: QWidget | None, title: str, message: str, path: Path) -> None:
    """Say what was saved where, with buttons to open the PDF, show its folder, or print it."""
    box = QMessageBox(QMessageBox.Icon.Information, title, message, parent=parent)
    box.setObjectName("pdf_saved")
    open_file = box.addButton(_("&Open"), QMessageBox.ButtonRole.ActionRole)
    show_folder = box.addButton(_("Show in &folder"), QMessageBox.ButtonRole.ActionRole)
    print_file = box.addButton(_("&Print…"), QMessageBox.ButtonRole.ActionRole)
    print_file.setEnabled(path.suffix.lower() == ".pdf")
    box.addButton(QMessageBox.StandardButton.Close)
    box.exec()
    clicked = box.clickedButton()
    if clicked is open_file:
        open_in_viewer(path, parent)
    elif clicked is show_folder:
        open_in_viewer(path.parent, parent)
    elif clicked is print_file:
        print_pdf(parent, path)


def pages_text(count: int) -> str:
    """``"3 pages"`` in the current language."""
    return ngettext("{count} page", "{count} pages", count).format(count=format_number(count))
