"""The "Network map" page: the organisations as shapes linked when their people met at
activities, were in a mentoring pair, or share a collaborative project, for a period and an area
of action; with the list of the same organisations beside it for keyboard users."""

from __future__ import annotations

import logging

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import TejidoError
from app.i18n import _
from app.services.network_map import NetworkMap
from app.services.registry import Services
from app.views.dialogs.organisation_dialog import OrganisationDialog
from app.views.errors import show_error
from app.views.reports.network_canvas import NetworkCanvas
from app.views.reports.network_filters import NetworkFilters
from app.views.reports.network_legend import NetworkLegend
from app.views.reports.network_reader import LatestReader
from app.views.reports.network_rows import (
    OrganisationLinesModel,
    OrganisationsSide,
    map_parts,
    summary_text,
)
from app.views.widgets.list_export import export_model
from app.views.widgets.paragraph import paragraph
from app.views.widgets.translatable import Retranslatable
from app.views.workers import Job

log = logging.getLogger(__name__)

DRAW_DELAY_MS = 300  # wait for the period's arrows to stop before drawing again
CALM_LINKS = 4  # links per organisation drawn at first: more make a map hard to read


def open_organisation(services: Services, organisation_id: str, parent: QWidget) -> str | None:
    """Open the organisation's form; returns the saved id, or ``None`` if cancelled or gone."""
    try:
        dialog = OrganisationDialog(services, organisation_id, parent)
    except TejidoError as error:  # trashed or merged since the map was drawn
        show_error(parent, error)
        return None
    return dialog.saved_id if dialog.exec() else None


class NetworkView(Retranslatable, QWidget):
    """The network map of the organisations for a period and an area of action.

    Organisations are drawn by kind (colour and shape) and size (people who took part), linked
    by how they met (line style) and how strongly (width). Zoom with the wheel, + and - or the
    buttons, drag to move around, point at an organisation to see its links; a click (or Enter
    in the list beside) opens it. A crowded map is first drawn with only the links of
    organisations that met most often (the spin above says so and can be changed). The map is
    worked out in the background. ``changed`` is emitted after an organisation was saved here.
    """

    changed = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.network: NetworkMap | None = None
        self.export_job: Job | None = None
        self.reader = LatestReader(self.refresh, self)
        self.model = OrganisationLinesModel(self)
        self._timer = QTimer(self, singleShot=True, interval=DRAW_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self._build()
        self._connect()
        self.retranslate_ui()
        self.refresh()

    def _build(self) -> None:
        self.filters = NetworkFilters()
        self.zoom_out_button, self.zoom_in_button = QToolButton(), QToolButton()
        self.fit_button = QToolButton()
        top = QHBoxLayout()
        top.addWidget(self.filters)
        top.addStretch(1)
        for button in (self.zoom_out_button, self.zoom_in_button, self.fit_button):
            top.addWidget(button)
        self.explanation = paragraph()
        self.canvas = NetworkCanvas()
        self.canvas.setMinimumSize(320, 240)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.canvas)
        self.side = OrganisationsSide(self.model)
        self.table, self.open_button, self.export_button = (
            self.side.table,
            self.side.open_button,
            self.side.export_button,
        )
        self.splitter.addWidget(self.side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([700, 400])
        self.legend = NetworkLegend()
        self.status = paragraph()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.explanation)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.legend)
        layout.addWidget(self.status)

    def _connect(self) -> None:
        self.filters.changed.connect(self._timer.start)
        self.reader.succeeded.connect(self._on_reader_succeeded)
        self.reader.failed.connect(self._on_reader_failed)
        self.filters.meetings_changed.connect(self._on_filters_meetings_changed)
        self.zoom_in_button.clicked.connect(self.canvas.zoom_in)
        self.zoom_out_button.clicked.connect(self.canvas.zoom_out)
        self.fit_button.clicked.connect(self.canvas.fit)
        self.canvas.organisation_clicked.connect(self._on_canvas_organisation_clicked)
        self.table.row_activated.connect(self._on_table_row_activated)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_row_changed)
        self.model.modelReset.connect(self._update_buttons)
        self.open_button.clicked.connect(self.open_selected)
        self.export_button.clicked.connect(self.export_list)
        shortcuts = (
            (QKeySequence.StandardKey.ZoomIn, self.canvas.zoom_in),
            (QKeySequence.StandardKey.ZoomOut, self.canvas.zoom_out),
            (QKeySequence("Ctrl+0"), self.canvas.fit),
        )
        for keys, slot in shortcuts:
            shortcut = QShortcut(keys, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    def retranslate_ui(self) -> None:
        self.zoom_out_button.setText("−")
        self.zoom_out_button.setToolTip(_("Zoom out (Ctrl+-, or the mouse wheel)"))
        self.zoom_out_button.setAccessibleName(_("Zoom out"))
        self.zoom_in_button.setText("+")
        self.zoom_in_button.setToolTip(_("Zoom in (Ctrl++, or the mouse wheel)"))
        self.zoom_in_button.setAccessibleName(_("Zoom in"))
        self.fit_button.setText(_("&Whole map"))
        self.fit_button.setToolTip(_("Show the whole map again (Ctrl+0)"))
        self.explanation.setText(
            _(
                "Organisations are linked when their people met at the same activity, were in a "
                "mentoring pair, or share a collaborative project. Point at an organisation to "
                "see its links and click it to open it; drag to move around the map."
            )
        )
        self.canvas.setAccessibleName(_("Network map"))
        if self.network is not None and not self.reader.busy():  # tool tips and summary are worded
            self._show(self.network)
            self._fill_areas()

    # -- reading --------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Draw the map again for the period and area chosen, keeping the organisation chosen.

        The map is worked out in the background (the window stays free); a refresh asked for
        meanwhile runs when it is done, with the choices of that moment.
        """
        self._timer.stop()
        self._fill_areas()
        try:
            period = self.filters.chosen_period()
        except TejidoError as error:
            show_error(self, error)
            return
        area, network = self.filters.chosen_area(), self.services.network

        def work(_progress, _cancelled) -> NetworkMap:  # type: ignore[no-untyped-def]
            return network.build(period.start, period.end, area)

        self.status.setText(_("Drawing the map…"))
        self.canvas.viewport().setCursor(Qt.CursorShape.BusyCursor)
        self.reader.read(work)  # while one is read, this asks for a new reading after it

    def busy(self) -> bool:
        """Whether the map is being worked out."""
        return self.reader.busy()

    def _show(self, network: NetworkMap) -> None:
        chosen = self.selected_id()
        self.network = network
        nodes, links, lines = map_parts(network)
        self.canvas.placeholder = self._empty_text()
        self.canvas.show_map(nodes, links)
        self.filters.set_most_meetings(max((edge.met for edge in network.edges), default=1))
        if not self.filters.meetings_chosen:
            self.filters.choose_meetings(self._calm_meetings(len(nodes)))
        self.canvas.show_meetings_from(self.filters.meetings.value())
        self.model.set_rows(lines)
        if chosen is not None:
            self.select(chosen)
        self._update_summary()
        log.info("network map shown: %d organisations", len(network.nodes))

    def _calm_meetings(self, organisations: int) -> int:
        """The fewest meetings for a link that keep the map calm (about CALM_LINKS a node)."""
        most = self.filters.meetings.maximum()
        for count in range(1, most + 1):
            if self.canvas.links_drawn_from(count) <= CALM_LINKS * organisations:
                return count
        return most

    def _update_summary(self) -> None:
        network = self.network
        text = ""
        if network is not None and network.nodes:
            text = summary_text(network, self.canvas.shown_links(), self.canvas.fewest_meetings)
        self.status.setText(text)
        self.canvas.setAccessibleDescription(text or self.canvas.placeholder)

    def _empty_text(self) -> str:
        if self.filters.chosen_area():
            return _(
                "No organisations were linked in this period in this area of action. Choose "
                "another period or all areas."
            )
        return _(
            "No organisations were linked in this period: none of their people met at an "
            "activity, were in a mentoring pair or share a project. Choose another period."
        )

    def _fill_areas(self) -> None:
        try:
            self.filters.set_areas(self.services.network.areas())
        except TejidoError as error:
            show_error(self, error)

    # -- choosing and opening -------------------------------------------------------------------

    def selected_id(self) -> str | None:
        """The organisation selected in the list, or ``None``."""
        line = self.table.current()
        return None if line is None else line.organisation_id

    def select(self, organisation_id: str) -> None:
        """Select the organisation in the list and mark it on the map."""
        self.table.select(self.model.row_of(organisation_id))
        self.canvas.choose(organisation_id if self.selected_id() else None)

    def open_selected(self) -> None:
        """Open the organisation selected in the list."""
        organisation_id = self.selected_id()
        if organisation_id is not None:
            self.open(organisation_id)

    def open(self, organisation_id: str) -> None:
        """Open the organisation's form; after a save, draw the map again (names may change)."""
        if open_organisation(self.services, organisation_id, self) is not None:
            self.changed.emit()
            self.refresh()

    def export_list(self) -> None:
        """Save the organisations of the map, as listed, to a spreadsheet."""
        self.export_job = export_model(self, self.model, _("network-organisations"))  # type: ignore[arg-type]

    # -- slots ----------------------------------------------------------------------------------

    def _on_reader_succeeded(self, network: NetworkMap) -> None:
        self.canvas.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
        self._show(network)

    def _on_reader_failed(self, error: BaseException) -> None:
        self.canvas.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
        self._update_summary()
        show_error(self, error)

    def _update_buttons(self) -> None:
        self.open_button.setEnabled(self.selected_id() is not None)
        self.export_button.setEnabled(self.model.rowCount() > 0)

    def _on_filters_meetings_changed(self, count: int) -> None:
        self.canvas.show_meetings_from(count)
        self._update_summary()

    def _on_canvas_organisation_clicked(self, organisation_id: str) -> None:
        self.table.select(self.model.row_of(organisation_id))
        self.open(organisation_id)

    def _on_table_row_activated(self, row: int) -> None:
        self.open(self.model.row_at(row).organisation_id)

    def _on_table_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        line = self.model.row_at(current.row()) if current.isValid() else None
        self.canvas.choose(None if line is None else line.organisation_id)
        self._update_buttons()
