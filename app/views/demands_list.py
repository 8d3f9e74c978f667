"""The demands list of the Demands page, like the directory's lists (search as you type, sort,
trash, export), with filters by area and by answered or not, and beside it the activities that
answered the selected demand."""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import NotFoundError, TejidoError
from app.i18n import _, format_number, ngettext
from app.services.registry import Services
from app.services.vocabulary import AREAS_OF_ACTION, DEMAND_SOURCES
from app.views.demands_table_model import (
    AnsweringActivitiesModel,
    DemandFilters,
    DemandsTableModel,
)
from app.views.dialogs.demand_dialog import DemandDialog
from app.views.errors import show_error
from app.views.widgets.choices import choice_label
from app.views.widgets.paragraph import paragraph
from app.views.widgets.record_list import RecordListPanel
from app.views.widgets.translatable import Retranslatable

log = logging.getLogger(__name__)

ANSWERED_CHOICES = {"": None, "no": False, "yes": True}


def plain_table(model) -> QTableView:  # type: ignore[no-untyped-def]
    """A read-only table of whole rows over ``model``; the first column (a topic, a title)
    takes the room the others, as wide as their contents, leave."""
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setTabKeyNavigation(False)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    return table


class DemandActivities(Retranslatable, QWidget):
    """The selected demand's description and the activities that answered it; activating an
    activity emits ``activity_activated`` with its id."""

    activity_activated = Signal(str)

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.demand_id: str | None = None
        self.summary = paragraph(selectable=True)
        self.title = QLabel()
        self.model = AnsweringActivitiesModel(self)
        self.table = plain_table(self.model)
        self.title.setBuddy(self.table)
        self.table.activated.connect(self._on_table_activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)
        self.retranslate_ui()

    def show_record(self, demand_id: str | None) -> None:
        """Show the demand ``demand_id`` (nothing when ``None`` or gone)."""
        self.demand_id = demand_id
        activities = []
        if demand_id is not None:
            try:
                activities = self.services.demands.activities_of(demand_id)
            except NotFoundError:
                self.demand_id = None
        self.model.set_rows(activities)
        self._render()

    def retranslate_ui(self) -> None:
        self.title.setText(_("Activities that answered it:"))
        self.table.setAccessibleName(_("Activities that answered the selected demand"))
        self.model.retranslate()
        self._render()

    def _render(self) -> None:
        if self.demand_id is None:
            self.summary.setText(_("Select one demand to see the activities that answered it."))
            return
        try:
            demand = self.services.demands.get(self.demand_id)
        except NotFoundError:
            self.summary.setText("")
            return
        source = choice_label(DEMAND_SOURCES, demand.source)
        lines = [_("Source: {source}").format(source=source), demand.description]
        if not self.model.rowCount():
            lines.append(_("No activity answers it yet."))
        self.summary.setText("\n".join(line for line in lines if line))

    def _on_table_activated(self, index) -> None:  # type: ignore[no-untyped-def]
        self.activity_activated.emit(self.model.row_at(index.row()).id)


class DemandListPanel(RecordListPanel):
    """The demands, filtered by area and answered or not; ``create_requested`` carries the ids
    of the selected demands when "Create an activity" is pressed."""

    create_requested = Signal(list)

    def __init__(self, services: Services, parent: QWidget | None = None):
        self.services = services
        super().__init__(DemandsTableModel(services.demands), DemandActivities(services), parent)

    # -- building -------------------------------------------------------------------------------

    def _build(self) -> None:
        super()._build()
        self.duplicates_button.hide()  # demands have no duplicates to merge
        self.area_label, self.answered_label = QLabel(), QLabel()
        self.area_filter, self.answered_filter = QComboBox(), QComboBox()
        self.area_label.setBuddy(self.area_filter)
        self.answered_label.setBuddy(self.answered_filter)
        for code in ANSWERED_CHOICES:
            self.answered_filter.addItem("", code)
        filters = QHBoxLayout()
        filters.addWidget(self.area_label)
        filters.addWidget(self.area_filter, 1)
        filters.addWidget(self.answered_label)
        filters.addWidget(self.answered_filter)
        main = self.layout()
        assert isinstance(main, QVBoxLayout)
        main.insertLayout(1, filters)
        self.create_button = QPushButton()
        _layout_holding(main, self.new_button).insertWidget(4, self.create_button)
        self.fill_areas()

    def _connect(self) -> None:
        super()._connect()
        self.area_filter.currentIndexChanged.connect(self._on_filter_changed)
        self.answered_filter.currentIndexChanged.connect(self._on_filter_changed)
        self.create_button.clicked.connect(self._on_create_button_clicked)

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.area_label.setText(_("Area o&f action:"))
        self.area_filter.setAccessibleName(_("Filter by area of action"))
        self.area_filter.setItemText(0, _("All areas"))
        for row in range(1, self.area_filter.count()):
            area = self.area_filter.itemData(row)
            self.area_filter.setItemText(row, _(area) if area in AREAS_OF_ACTION else area)
        self.answered_label.setText(_("Ans&wered:"))
        self.answered_filter.setAccessibleName(_("Filter by answered or not"))
        for row, label in enumerate((_("All"), _("Not answered yet"), _("Answered"))):
            self.answered_filter.setItemText(row, label)
        self.create_button.setText(_("Create an activit&y…"))
        self.create_button.setToolTip(
            _("Create a training capsule answering the selected demands (you can change it)")
        )

    def fill_areas(self) -> None:
        """List the common areas and those in use, keeping the area chosen."""
        chosen = self.area_filter.currentData() or ""
        areas = list(AREAS_OF_ACTION)
        areas += [a for a in self.services.demands.areas() if a not in AREAS_OF_ACTION]
        self.area_filter.blockSignals(True)
        self.area_filter.clear()
        self.area_filter.addItem(_("All areas"), "")
        for area in areas:
            self.area_filter.addItem(_(area) if area in AREAS_OF_ACTION else area, area)
        self.area_filter.setCurrentIndex(max(0, self.area_filter.findData(chosen)))
        self.area_filter.blockSignals(False)

    def _update_buttons(self) -> None:
        super()._update_buttons()
        selected = len(self.selected_ids())
        self.create_button.setEnabled(selected > 0 and not self.model.state.trash)

    # -- slots ----------------------------------------------------------------------------------

    def _on_filter_changed(self) -> None:
        answered = ANSWERED_CHOICES[self.answered_filter.currentData() or ""]
        area = self.area_filter.currentData() or ""
        self.model.set_filters(DemandFilters(area=area, answered=answered))

    def _on_create_button_clicked(self) -> None:
        ids = self.selected_ids()
        if ids and not self.model.state.trash:
            self.create_requested.emit(ids)

    # -- hooks ----------------------------------------------------------------------------------

    def list_name(self) -> str:
        return _("Demands")

    def search_hint(self) -> str:
        return _("Type part of a topic or of an organisation's name")

    def count_text(self, count: int, trash: bool) -> str:
        if trash:
            text = ngettext("{count} demand in the trash", "{count} demands in the trash", count)
        else:
            text = ngettext("{count} demand", "{count} demands", count)
        return text.format(count=format_number(count))

    def trash_question(self, count: int) -> str:
        return ngettext(
            "Move {count} demand to the trash? The activities answering it keep their link, "
            "and you can restore it later from the trash.",
            "Move {count} demands to the trash? The activities answering them keep their "
            "links, and you can restore them later from the trash.",
            count,
        ).format(count=format_number(count))

    def export_file_stem(self) -> str:
        return _("demands")

    def open_editor(self, record_id: str | None) -> str | None:
        try:
            data = self.services.demands.get(record_id) if record_id else None
            dialog = DemandDialog(self.services, data, self)
        except TejidoError as error:
            show_error(self, error)
            return None
        return dialog.saved_id if dialog.exec() else None

    def find_duplicates(self) -> bool:
        return False

    def move_to_trash(self, ids: list[str]) -> int:
        return self.services.demands.delete(ids)

    def restore(self, ids: list[str]) -> int:
        return self.services.demands.restore(ids)


def _layout_holding(layout: QLayout, widget: QWidget) -> QHBoxLayout:
    """The row of ``layout`` that holds ``widget`` (the panel's row of action buttons)."""
    for number in range(layout.count()):
        row = layout.itemAt(number).layout()
        if isinstance(row, QHBoxLayout) and row.indexOf(widget) >= 0:
            return row
    raise LookupError("no row holds the widget")
