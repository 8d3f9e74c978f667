"""The "Report" page: the indicators funders ask for, for a year, a quarter or any dates, with
small counts hidden on demand, every figure opening the records behind it, and the report
saved as a workbook or a PDF."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QModelIndex, QSettings, Qt, QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.errors import TejidoError
from app.i18n import _, format_date, format_number
from app.services.registry import Services
from app.services.reports.values import report_json
from app.views.errors import show_error
from app.views.reports.figure_panel import FigurePanel
from app.views.reports.period_picker import PeriodPicker
from app.views.reports.records_dialog import RecordsDialog, show_records
from app.views.reports.report_exports import save_report_pdf, save_report_xlsx
from app.views.reports.report_tree_model import (
    FIGURE,
    NAME,
    PATH_ROLE,
    ReportTreeModel,
    report_tree,
)
from app.views.widgets.paragraph import paragraph
from app.views.widgets.translatable import Retranslatable
from app.views.workers import Job, run_job

log = logging.getLogger(__name__)

THRESHOLD_KEY = "reports/suppress_below"
MAX_THRESHOLD = 99
BUILD_DELAY_MS = 300  # wait for the arrows of the year and threshold boxes to stop


def remembered_threshold() -> int:
    """The "hide cells under" chosen last time (0, nothing hidden, the first time)."""
    try:
        value = int(QSettings().value(THRESHOLD_KEY, 0))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0
    return value if 0 <= value <= MAX_THRESHOLD else 0


class ReportView(Retranslatable, QWidget):
    """The report of a period as grouped figures (participants, hours, organisations, mentoring,
    good practices, certificates, cascades), with a definition of the selected one beside.

    The report is prepared in the background whenever the period or the threshold changes
    (``report`` and ``data``, its JSON form, hold the one shown). Enter or a double-click on a
    figure (or "Show the records…") lists the records behind it; "Export XLSX…" and
    "Export PDF…" save the report shown.
    """

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.report: Any = None
        self.data: dict | None = None
        self.build_job: Job | None = None
        self.records_job: Job | None = None
        self.export_job: Job | None = None
        self.records_dialog: RecordsDialog | None = None
        self._pending = False
        self.model = ReportTreeModel(self)
        self._timer = QTimer(self, singleShot=True, interval=BUILD_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self._build()
        self._connect()
        self.retranslate_ui()
        self.refresh()

    def _build(self) -> None:
        self.picker = PeriodPicker()
        self.threshold_label, self.threshold = QLabel(), QSpinBox()
        self.threshold.setRange(0, MAX_THRESHOLD)
        self.threshold.setValue(remembered_threshold())
        self.threshold_label.setBuddy(self.threshold)
        self.xlsx_button, self.pdf_button = QPushButton(), QPushButton()
        top = QHBoxLayout()
        for widget in (self.picker, self.threshold_label, self.threshold):
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(self.xlsx_button)
        top.addWidget(self.pdf_button)
        self.heading = QLabel()
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.heading.setFont(font)
        self.note = paragraph()
        self.tree = report_tree(self.model, self._on_tree_enter)
        self.panel = FigurePanel()
        middle = QHBoxLayout()
        middle.addWidget(self.tree, 3)
        middle.addWidget(self.panel, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.heading)
        layout.addWidget(self.note)
        layout.addLayout(middle, 1)

    def _connect(self) -> None:
        self.picker.changed.connect(self._timer.start)
        self.threshold.valueChanged.connect(self._on_threshold_value_changed)
        self.tree.doubleClicked.connect(self._on_tree_double_clicked)
        self.tree.selectionModel().currentRowChanged.connect(self._update_panel)
        self.model.modelReset.connect(self._update_panel)
        self.panel.open_records.connect(self.open_records)
        self.xlsx_button.clicked.connect(self.export_xlsx)
        self.pdf_button.clicked.connect(self.export_pdf)

    def retranslate_ui(self) -> None:
        self.threshold_label.setText(_("&Hide cells under:"))
        self.threshold.setSpecialValueText(_("none hidden"))
        self.threshold.setAccessibleName(_("Hide counts under this number"))
        self.threshold.setToolTip(
            _(
                "Counts of people or organisations smaller than this (but not zero) are shown "
                "as hidden, so that nobody can be identified. Hours are never hidden."
            )
        )
        self.xlsx_button.setText(_("Export &XLSX…"))
        self.xlsx_button.setToolTip(_("Save the report as a workbook, one sheet per table"))
        self.pdf_button.setText(_("Export &PDF…"))
        self.pdf_button.setToolTip(_("Save the report as a PDF with its charts and your logo"))
        self.tree.setAccessibleName(_("Figures of the report"))
        current = self.current_path()
        self.model.retranslate()
        self.tree.expandAll()
        if current is not None:
            self.select_figure(current)
        self._update_texts()

    # -- reading --------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Prepare the report of the period chosen again, in the background (once the one being
        prepared is ready, if any)."""
        self._timer.stop()
        if self.build_job is not None:
            self._pending = True
            return
        try:
            period = self.picker.period()
        except TejidoError as error:
            show_error(self, error)
            return
        below, reports = self.threshold.value(), self.services.reports

        def work(_progress, _cancelled) -> tuple[Any, dict]:  # type: ignore[no-untyped-def]
            report = reports.build(period, below)
            return report, report_json(report)

        log.info("preparing the report of %s to %s", period.start, period.end)
        self.note.setText(_("Preparing the report…"))
        self.build_job = run_job(
            self,
            _("Preparing the report…"),
            work,
            self._on_built,
            self._on_failed,
            cancellable=False,
        )

    def _on_built(self, result: tuple[Any, dict]) -> None:
        self.build_job = None
        selected = self.current_path()
        self.report, self.data = result
        self.model.set_report(self.data, self.data.get("suppressed_below") or 0)
        self.tree.expandAll()
        if selected is not None:
            self.select_figure(selected)
        self._update_texts()
        if self._pending:
            self._pending = False
            self.refresh()

    def _on_failed(self, error: BaseException) -> None:
        self.build_job = None
        self._pending = False
        self._update_texts()
        show_error(self, error)

    def _update_texts(self) -> None:
        ready = self.report is not None
        self.xlsx_button.setEnabled(ready)
        self.pdf_button.setEnabled(ready)
        if not ready:
            self.heading.setText(_("Report"))
            if self.build_job is None:
                self.note.setText(_("The report could not be prepared. Choose the period again."))
            else:
                self.note.setText(_("Preparing the report…"))
            return
        period = self.report.period
        self.heading.setText(_("Report for {period}").format(period=period.label()))
        text = _("From {start} to {end}, both included.").format(
            start=format_date(period.start, "long"), end=format_date(period.end, "long")
        )
        below = (self.data or {}).get("suppressed_below") or 0
        if below:
            text += " " + _(
                "Counts of people or organisations under {count} are hidden so that nobody "
                "can be identified."
            ).format(count=format_number(below))
        text += " " + _(
            "Double-click a figure, or select it and press Enter, to see the records behind it."
        )
        self.note.setText(text)

    def _update_panel(self) -> None:
        index = self.tree.currentIndex()
        if not index.isValid():
            self.panel.clear()
            return
        name = index.siblingAtColumn(NAME)
        self.panel.show_figure(
            self.model.trail(name),
            index.siblingAtColumn(FIGURE).data() or "",
            name.data(Qt.ItemDataRole.ToolTipRole),
            self.model.figure_path(name) is not None,
            self.model.share(name),
        )

    # -- figures --------------------------------------------------------------------------------

    def current_path(self) -> str | None:
        """The key path of the selected figure or group, or ``None``."""
        index = self.tree.currentIndex()
        return self.model.node(index.siblingAtColumn(NAME)).path if index.isValid() else None

    def selected_path(self) -> str | None:
        """The key path of the selected figure ("participants.by_gender.woman"), or ``None``."""
        index = self.tree.currentIndex()
        return index.siblingAtColumn(NAME).data(PATH_ROLE) if index.isValid() else None

    def select_figure(self, path: str) -> None:
        """Select the figure (or group) at the key path ``path``, if shown."""
        index = self.model.index_of(path)
        if index.isValid():
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)

    def open_records(self, path: str | None = None) -> None:
        """List the records behind the figure at ``path`` (the selected one by default), read in
        the background, in a dialog."""
        path = path or self.selected_path()
        if path is None or self.report is None or self.records_job is not None:
            return
        index = self.model.index_of(path)
        hidden = index.isValid() and self.model.node(index).value is None
        below = ((self.data or {}).get("suppressed_below") or 0) if hidden else 0

        def done(dialog: RecordsDialog | None) -> None:
            self.records_job = None
            self.records_dialog = dialog

        self.records_job = show_records(
            self, self.services.reports, self.report.period, path, below, done
        )

    def export_xlsx(self) -> None:
        """Save the report shown as a workbook (asks where)."""
        if self.report is not None:
            self.export_job = save_report_xlsx(self, self.report)

    def export_pdf(self) -> None:
        """Save the report shown as a PDF with its charts (asks the language and where)."""
        if self.report is not None:
            self.export_job = save_report_pdf(self, self.services, self.report)

    # -- slots ----------------------------------------------------------------------------------

    def _on_threshold_value_changed(self, value: int) -> None:
        QSettings().setValue(THRESHOLD_KEY, value)
        self._timer.start()

    def _on_tree_double_clicked(self, index: QModelIndex) -> None:
        path = self.model.figure_path(index.siblingAtColumn(NAME))
        if path is not None:
            self.open_records(path)
        else:
            name = index.siblingAtColumn(NAME)
            self.tree.setExpanded(name, not self.tree.isExpanded(name))

    def _on_tree_enter(self) -> None:
        index = self.tree.currentIndex()
        if index.isValid():
            self._on_tree_double_clicked(index)
