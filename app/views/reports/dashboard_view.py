"""The Dashboard page of the Reports tab: the period's headline figures and five charts
(participation over time, participants by gender and by area of action, hours, mentoring), drawn
with Qt Charts from :func:`app.services.reports.series.dashboard_series`."""

from __future__ import annotations

import logging
from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.errors import TejidoError
from app.i18n import _
from app.services.registry import Services
from app.services.reports.series import DashboardSeries, dashboard_series
from app.views.errors import show_error
from app.views.reports import dashboard_figures as figures
from app.views.reports.dashboard_axis import ChartView
from app.views.reports.period_picker import PeriodPicker
from app.views.widgets.paragraph import paragraph
from app.views.widgets.saved_file import ask_save_path, file_stem, show_saved
from app.views.widgets.translatable import Retranslatable
from app.views.workers import Job, run_job

log = logging.getLogger(__name__)

PARTICIPATION, GENDER, AREAS, HOURS, MENTORING = figures.CHARTS
# Where each chart sits: (row, column, columns spanned).
PLACES = {
    PARTICIPATION: (0, 0, 2),
    GENDER: (0, 2, 1),
    HOURS: (1, 0, 1),
    MENTORING: (1, 1, 1),
    AREAS: (1, 2, 1),
}
REDRAW_DELAY_MS = 250  # wait for the arrows of the year box to stop before reading again


class DashboardView(Retranslatable, QWidget):
    """Charts of a period (this year to begin with): people and sessions over time, people by
    gender and by area of action, hours delivered and received, and mentoring sessions and hours;
    above them the period's headline figures.

    The figures are read in the background (``job`` while under way). Pointing at a bar or a
    point shows its figures; every chart's accessible description holds all its figures for
    screen readers. "Save as picture…" saves the figures and the charts as a PNG picture.
    ``today`` sets the default period's year (tests).
    """

    def __init__(
        self, services: Services, parent: QWidget | None = None, today: date | None = None
    ):
        super().__init__(parent)
        self.services = services
        self.series: DashboardSeries | None = None
        self.job: Job | None = None
        self._pending = False
        self._timer = QTimer(self, singleShot=True, interval=REDRAW_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self._build(today)
        self.picker.changed.connect(self._timer.start)
        self.save_button.clicked.connect(self.save_picture)
        self.retranslate_ui()

    def _build(self, today: date | None) -> None:
        self.picker = PeriodPicker(today=today)
        self.save_button = QPushButton()
        self.save_button.setEnabled(False)  # until the charts are drawn
        top = QHBoxLayout()
        top.addWidget(self.picker)
        top.addStretch(1)
        top.addWidget(self.save_button)
        self.headline = QLabel()
        self.headline.setTextFormat(Qt.TextFormat.RichText)
        self.headline.setWordWrap(True)
        self.empty = paragraph()
        self.empty.hide()
        self.charts = {key: ChartView() for key in figures.CHARTS}
        grid = QGridLayout()
        grid.setSpacing(6)
        for key, (row, column, span) in PLACES.items():
            grid.addWidget(self.charts[key], row, column, 1, span)
            grid.setRowStretch(row, 1)
        for column in range(3):
            grid.setColumnStretch(column, 1)
        # The headline is part of the board, so a saved picture says which period it shows.
        self.board = QWidget()
        self.board.setAutoFillBackground(True)
        board = QVBoxLayout(self.board)
        board.setContentsMargins(0, 0, 0, 0)
        board.addWidget(self.headline)
        board.addWidget(self.empty)
        board.addLayout(grid, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.board)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)

    def retranslate_ui(self) -> None:
        self.save_button.setText(_("&Save as picture…"))
        self.save_button.setToolTip(_("Save the charts as a PNG picture, for a slide or a letter"))
        self.headline.setAccessibleName(_("The period in figures"))
        self.board.setAccessibleName(_("Charts of the period"))
        self.refresh()  # the charts' words are set when they are drawn

    # -- reading and drawing --------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the chosen period's figures again in the background, then redraw every chart
        (once the reading under way, if any, is done)."""
        self._timer.stop()
        if self.job is not None:
            self._pending = True
            return
        try:
            period = self.picker.period()
        except TejidoError as error:
            show_error(self, error)
            return
        db = self.services.db
        log.info("reading the dashboard of %s to %s", period.start, period.end)
        self.job = run_job(
            self,
            _("Drawing the charts…"),
            lambda _progress, _cancelled: dashboard_series(db, period),
            self._on_read,
            self._on_failed,
            cancellable=False,
        )

    def _on_read(self, series: DashboardSeries) -> None:
        self.job = None
        if self._pending:
            self._pending = False
            self.refresh()
            return
        self.series = series
        self._draw(series)

    def _on_failed(self, error: BaseException) -> None:
        self.job = None
        self._pending = False
        show_error(self, error)

    def _draw(self, series: DashboardSeries) -> None:
        self.headline.setText(figures.headline_html(series))
        self.headline.setAccessibleDescription(figures.headline_text(series))
        self.empty.setVisible(series.is_empty())
        self.empty.setText(
            _(
                "Nothing was recorded in this period: no sessions of activities and no "
                "mentoring sessions. Choose another period above."
            )
        )
        for key, view in self.charts.items():
            drawn, name, description = figures.build(key, series)
            view.show_chart(drawn)
            view.setAccessibleName(name)
            view.setAccessibleDescription(description)
        self.save_button.setEnabled(True)

    # -- actions --------------------------------------------------------------------------------

    def save_picture(self) -> None:
        """Save the headline figures and the charts as one PNG picture, where the person says."""
        if self.series is None:
            return
        stem = file_stem(_("dashboard"), self.series.period.label())
        path = ask_save_path(
            self, _("Save the charts as a picture"), stem, _("PNG picture (*.png)"), (".png",)
        )
        if path is None:
            return
        if not self.board.grab().save(str(path), "PNG"):
            show_error(
                self,
                TejidoError(
                    _(
                        "The picture could not be saved there. Nothing was changed. Choose "
                        "another folder, one you can write in."
                    )
                ),
            )
            return
        log.info("dashboard saved as a picture")
        show_saved(self, _("Picture saved"), _("The charts were saved as a picture."), path)
