"""The records behind one figure of the report (the people, sessions, organisations ... it
counts), sortable and exportable to a spreadsheet."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _, format_number, ngettext
from app.views.errors import show_error
from app.views.reports.cell_order import cell_order, number_of
from app.views.reports.report_words import hidden_words
from app.views.widgets.list_export import export_model
from app.views.widgets.paragraph import paragraph
from app.views.widgets.sorted_rows import RowsTable, SortColumn, SortedRowsModel
from app.views.widgets.translatable import Retranslatable
from app.views.workers import Job, run_job

log = logging.getLogger(__name__)

Record = tuple[str, ...]
SAMPLE_ROWS = 200  # rows looked at for the usual width of a column
MIN_WIDTH, MAX_WIDTH = 6, 40  # in characters


def record_columns(
    names: Sequence[str], rows: Sequence[Record] = ()
) -> tuple[SortColumn[Record], ...]:
    """One sortable column a name; a cell is the record's text at that place. A column as wide
    as its usual content (within reason), numbers on the right."""
    sample = rows[:SAMPLE_ROWS]

    def column(number: int, name: str) -> SortColumn[Record]:
        def value(row: Record) -> str:
            return row[number] if number < len(row) else ""

        cells = [value(row) for row in sample]
        width = max((len(cell) for cell in cells), default=0) + 2
        numeric = bool(cells) and all(number_of(cell) is not None for cell in cells if cell)
        return SortColumn(
            lambda: name,
            value,
            right=numeric,
            key=lambda row: cell_order(value(row)) if value(row).strip() else None,
            width=max(MIN_WIDTH, min(MAX_WIDTH, width)),
        )

    return tuple(column(number, name) for number, name in enumerate(names))


class RecordsTableModel(SortedRowsModel[Record]):
    """The records of a figure as given by the report service (already in words), sorted by
    clicking a header."""

    def __init__(self, columns: Sequence[str], rows: Sequence[Record], parent=None):  # type: ignore[no-untyped-def]
        super().__init__(record_columns(columns, rows), parent)
        self.set_rows(rows)

    def total(self) -> int:
        """How many records are listed (for the export's log)."""
        return self.rowCount()

    def export_work(self) -> tuple[list[str], Callable[..., list[list[str]]]]:
        """The headers and the rows as shown, for :func:`export_model`."""
        headers = [column.title() for column in self.columns]
        cells = [[column.value(row) for column in self.columns] for row in self.rows()]

        def work(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> list:
            progress(len(cells), len(cells))
            return cells

        return headers, work


class RecordsDialog(Retranslatable, QDialog):
    """The list of records behind a figure, titled with the figure and the period (the
    service's title).

    ``records`` is the service's ``FigureRecords`` (``title``, ``columns``, ``rows``). When the
    figure is hidden in the report (``hidden_below`` > 0), the dialog says the list is for the
    association's own checking. "Export list…" saves the list, as sorted, to XLSX or CSV.
    """

    def __init__(
        self,
        records: Any,
        hidden_below: int = 0,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.records = records
        self.hidden_below = hidden_below
        self.export_job: Job | None = None
        self.model = RecordsTableModel(records.columns, records.rows, self)
        self._build()
        self.retranslate_ui()
        self.resize(820, 520)

    def _build(self) -> None:
        self.heading = QLabel()
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.explanation = paragraph()
        self.table = RowsTable(self.model)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = QPushButton()
        self.buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        self.export_button.clicked.connect(self.export_list)
        self.export_button.setEnabled(self.model.rowCount() > 0)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.explanation)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Records behind a figure"))
        self.heading.setText(self.records.title)
        self.explanation.setText(self._explanation())
        self.export_button.setText(_("E&xport list…"))
        self.export_button.setToolTip(_("Save this list to a spreadsheet"))
        self.table.setAccessibleName(self.records.title)
        self.model.retranslate()

    def _explanation(self) -> str:
        count = self.model.rowCount()
        if count:
            text = ngettext("{count} record.", "{count} records.", count).format(
                count=format_number(count)
            )
        else:
            text = _("No record is behind this figure in this period.")
        if self.hidden_below > 0:
            text += " " + _(
                "In the report this figure is {hidden}, so that nobody can be identified: "
                "this list is for your own checking. Do not publish it."
            ).format(hidden=hidden_words(self.hidden_below))
        return text

    def export_list(self) -> None:
        """Save the records listed, as sorted, to a spreadsheet chosen by the person."""
        self.export_job = export_model(self, self.model, _("report records"))  # type: ignore[arg-type]


def show_records(
    parent: QWidget,
    reports: Any,
    period: Any,
    path: str,
    hidden_below: int,
    finished: Callable[[RecordsDialog | None], None],
) -> Job:
    """Read the records behind the figure ``path`` of ``period`` in the background (through
    ``reports``, the report service), then show them in a :class:`RecordsDialog`. ``finished``
    gets the dialog shown (or ``None`` when the records could not be read, after saying why)."""

    def work(_progress, _cancelled) -> Any:  # type: ignore[no-untyped-def]
        return reports.records(period, path)

    def done(records: Any) -> None:
        dialog = RecordsDialog(records, hidden_below, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        finished(dialog)
        dialog.open()

    def failed(error: BaseException) -> None:
        finished(None)
        show_error(parent, error)

    log.info("listing the records behind %s", path)
    return run_job(parent, _("Finding the records…"), work, done, failed, cancellable=False)
