"""Printing a PDF: pages drawn at the printer's resolution, in each page's orientation, only the
pages chosen; a cancelled run stops; the system dialog's choice leads to a background job."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader
from PySide6.QtCore import QTimer
from PySide6.QtGui import QDesktopServices
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas

from app.errors import Cancelled
from app.views import printing
from app.views.printing import PrintProblem, chosen_pages, page_count, paint_pdf, print_pdf


@pytest.fixture
def source(tmp_path: Path) -> Path:
    """Three pages: a landscape one with a black block on its left half, then two portrait."""
    path = tmp_path / "source.pdf"
    pdf = canvas.Canvas(str(path), pagesize=landscape(A4))
    width, height = landscape(A4)
    pdf.rect(0, 0, width / 2, height, fill=1)
    pdf.showPage()
    for text in ("two", "three"):
        pdf.setPageSize(A4)
        pdf.drawString(100, 100, text)
        pdf.showPage()
    pdf.save()
    return path


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def darkness(path: Path, page: int, where: float) -> int:
    """The grey level (0 black, 255 white) in the middle row, at ``where`` of the width."""
    document = pdfium.PdfDocument(str(path))
    image = document[page].render(scale=0.5).to_pil().convert("L")
    document.close()
    return image.getpixel((int(image.width * where), image.height // 2))


def test_every_page_is_printed_in_its_own_orientation(qtbot, source, tmp_path):
    out = tmp_path / "printed.pdf"
    seen = []
    assert paint_pdf(pdf_printer(out), source, progress=lambda d, t: seen.append((d, t))) == 3
    pages = PdfReader(out).pages
    assert len(pages) == 3
    first, second = pages[0].mediabox, pages[1].mediabox
    assert first.width > first.height  # the landscape certificate stays landscape
    assert second.height > second.width
    assert seen[-1] == (3, 3)
    # What was drawn is the page itself: dark on the left, white on the right.
    assert darkness(out, 0, 0.3) < 60
    assert darkness(out, 0, 0.8) > 200


def test_only_the_chosen_pages_are_printed(qtbot, source, tmp_path):
    out = tmp_path / "printed.pdf"
    assert paint_pdf(pdf_printer(out), source, pages=range(1, 3)) == 2
    pages = PdfReader(out).pages
    assert len(pages) == 2
    assert pages[0].mediabox.height > pages[0].mediabox.width


def test_the_page_range_of_the_dialog_is_followed(qtbot):
    printer = QPrinter()
    assert chosen_pages(printer, 5) == range(5)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    assert chosen_pages(printer, 5) == range(1, 3)


def test_cancelling_stops_the_print_run(qtbot, source, tmp_path):
    out = tmp_path / "printed.pdf"
    with pytest.raises(Cancelled):
        paint_pdf(pdf_printer(out), source, cancelled=lambda: True)


def test_a_file_that_is_not_a_pdf_is_refused_in_plain_words(qtbot, tmp_path):
    broken = tmp_path / "broken.pdf"
    broken.write_text("not a pdf")
    with pytest.raises(PrintProblem, match="could not read"):
        page_count(broken)
    with pytest.raises(PrintProblem):
        paint_pdf(pdf_printer(tmp_path / "out.pdf"), broken)


def test_print_pdf_asks_for_a_printer_then_prints_in_the_background(
    qtbot, source, tmp_path, monkeypatch
):
    out = tmp_path / "printed.pdf"

    def accept(dialog: QPrintDialog) -> int:
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(out))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    job = print_pdf(None, source)
    assert job is not None
    qtbot.waitUntil(lambda: job not in printing._jobs, timeout=20000)
    assert len(PdfReader(out).pages) == 3


def test_a_refused_print_dialog_prints_nothing(qtbot, source, monkeypatch):
    monkeypatch.setattr(QPrintDialog, "exec", lambda _dialog: QDialog.DialogCode.Rejected)
    assert print_pdf(None, source) is None


def test_a_broken_file_is_reported_before_the_dialog(qtbot, tmp_path, monkeypatch):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 nothing more")
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    monkeypatch.setattr(QPrintDialog, "exec", lambda _dialog: pytest.fail("dialog shown"))
    assert print_pdf(None, broken) is None
    assert "could not read" in shown[0]


def click_later(text: str) -> None:
    """Press the button called ``text`` of the message box about to open."""

    def press() -> None:
        box = QApplication.activeModalWidget()
        next(b for b in box.buttons() if b.text() == text).click()

    QTimer.singleShot(0, press)


def test_the_summary_offers_to_print_the_pdf(qtbot, source, monkeypatch):
    printed = []
    monkeypatch.setattr(printing, "print_pdf", lambda _parent, path: printed.append(path))
    click_later("&Print…")
    printing.show_pdf_saved(None, "Saved", "3 certificates in source.pdf", source)
    assert printed == [source]


def test_the_summary_opens_the_file_or_its_folder(qtbot, source, monkeypatch):
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    click_later("&Open")
    printing.show_pdf_saved(None, "Saved", "saved", source)
    click_later("Show in &folder")
    printing.show_pdf_saved(None, "Saved", "saved", source)
    assert [Path(u.toLocalFile()) for u in opened] == [source, source.parent]
