"""Saving a list as it is shown (headers, cells, search, trash) to an XLSX or CSV file."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.i18n import _, format_number, ngettext
from app.services.table_export import export_table
from app.views.widgets.paged_table_model import PagedTableModel
from app.views.workers import Job, run_job

log = logging.getLogger(__name__)

FOLDER_KEY = "folders/export"


def ask_export_path(parent: QWidget, stem: str) -> Path | None:
    """The file chosen in the system dialog (``.xlsx`` unless CSV was chosen), or ``None``."""
    folder = str(QSettings().value(FOLDER_KEY, str(Path.home())))
    name, chosen = QFileDialog.getSaveFileName(
        parent,
        _("Export this list"),
        str(Path(folder) / f"{stem}.xlsx"),
        _("Excel workbook (*.xlsx);;CSV file (*.csv)"),
    )
    if not name:
        return None
    path = Path(name)
    if path.suffix.lower() not in (".xlsx", ".csv"):
        path = path.with_name(path.name + (".csv" if "csv" in chosen.lower() else ".xlsx"))
    QSettings().setValue(FOLDER_KEY, str(path.parent))
    return path


def export_model(parent: QWidget, model: PagedTableModel, stem: str) -> Job | None:
    """Ask for a file and write every row matching the list's search, in the background.

    All the rows are read from the service page by page (not only those loaded on screen), with
    a progress bar and Cancel; a summary says where the file is. Returns the running job.
    """
    path = ask_export_path(parent, stem)
    if path is None:
        return None
    headers, read_rows = model.export_work()

    def work(progress, cancelled) -> int:  # type: ignore[no-untyped-def]
        return export_table(path, headers, read_rows(progress, cancelled))

    def done(count: int) -> None:
        message = ngettext(
            "{count} row was saved in {path}.", "{count} rows were saved in {path}.", count
        ).format(count=format_number(count), path=path)
        QMessageBox.information(parent, _("Export this list"), message)

    log.info("exporting a list of %d rows", model.total())
    return run_job(parent, _("Saving the list…"), work, done)
