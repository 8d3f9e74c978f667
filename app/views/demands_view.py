"""The Demands page: the topics organisations asked for with their counts, the topics attendees
asked for in their evaluations, and the demands list with the activities that answered each."""

from __future__ import annotations

import logging
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from app.errors import TejidoError
from app.i18n import _, format_number, ngettext
from app.services.demands import DemandData, WantedTopic
from app.services.registry import Services
from app.views.demands_list import DemandListPanel, plain_table
from app.views.demands_table_model import TopicsTableModel, WantedTopicsTableModel
from app.views.dialogs.demand_dialog import DemandDialog
from app.views.errors import show_error
from app.views.widgets.translatable import Retranslatable

log = logging.getLogger(__name__)


class DemandsView(Retranslatable, QWidget):
    """What organisations ask for. Above: the topics, most asked first, with how many
    organisations asked and how many demands an activity answered (following the list's search
    and area), and the topics attendees wrote in their evaluations, to record as demands. Below:
    the demands, searched as you type, filtered, with a trash, and the activities that answered
    the selected one.

    "Create an activity" emits ``create_activity_requested`` with an unsaved ``ActivityData``
    answering the selected demands; activating an answering activity emits
    ``activity_requested`` with its id.
    """

    create_activity_requested = Signal(object)
    activity_requested = Signal(str)

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.topics_model = TopicsTableModel(self)
        self.wanted_model = WantedTopicsTableModel(self)
        self.list = DemandListPanel(services)
        self._build()
        self._connect()
        self.retranslate_ui()
        self.refresh()

    def _build(self) -> None:
        self.topics_label, self.wanted_label = QLabel(), QLabel()
        self.topics_table = plain_table(self.topics_model)
        self.wanted_table = plain_table(self.wanted_model)
        self.topics_label.setBuddy(self.topics_table)
        self.wanted_label.setBuddy(self.wanted_table)
        self.topics_status, self.wanted_status = QLabel(), QLabel()
        self.record_button = QPushButton()
        top = QWidget()
        grid = QGridLayout(top)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.topics_label, 0, 0)
        grid.addWidget(self.wanted_label, 0, 1)
        grid.addWidget(self.topics_table, 1, 0)
        grid.addWidget(self.wanted_table, 1, 1)
        grid.addWidget(self.topics_status, 2, 0)
        row = QWidget()
        buttons = QGridLayout(row)
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.wanted_status, 0, 0)
        buttons.addWidget(self.record_button, 0, 1, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(row, 2, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.list)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

    def _connect(self) -> None:
        self.list.model.modelReset.connect(self._refresh_topics)
        self.list.changed.connect(self._on_list_changed)
        self.list.create_requested.connect(self._on_list_create_requested)
        self.list.detail.activity_activated.connect(self.activity_requested)
        self.topics_table.activated.connect(self._on_topics_table_activated)
        self.wanted_table.activated.connect(lambda _index: self.record_wanted())
        self.wanted_table.selectionModel().selectionChanged.connect(self._update_record_button)
        self.record_button.clicked.connect(self.record_wanted)

    def retranslate_ui(self) -> None:
        self.topics_label.setText(_("Topi&cs asked for (most asked first):"))
        self.topics_table.setAccessibleName(_("Topics asked for"))
        self.topics_table.setToolTip(_("Enter or double-click: list the demands of the topic"))
        self.wanted_label.setText(_("Topics attendees as&ked for in evaluations:"))
        self.wanted_table.setAccessibleName(_("Topics attendees asked for"))
        self.record_button.setText(_("Rec&ord as demand…"))
        self.record_button.setToolTip(
            _("Record the selected topic as a demand of its organisation")
        )
        self.topics_model.retranslate()
        self.wanted_model.retranslate()
        self._update_statuses()

    # -- reading --------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the demands, the topics and the evaluations again."""
        self.list.fill_areas()
        self.list.refresh()  # its reset reads the topics again
        self.wanted_model.set_rows(self.services.demands.wanted_topics())
        self._update_statuses()
        self._update_record_button()

    def _refresh_topics(self) -> None:
        query, area = self.list.model.state.query, self.list.model.filters.area
        self.topics_model.set_rows(self.services.demands.topics(query, area))
        self._update_statuses()

    def _update_statuses(self) -> None:
        topics = self.topics_model.rowCount()
        self.topics_status.setText(
            ngettext("{count} topic", "{count} topics", topics).format(count=format_number(topics))
        )
        waiting = sum(
            1
            for r in range(self.wanted_model.rowCount())
            if not self.wanted_model.row_at(r).recorded
        )
        self.wanted_status.setText(
            ngettext(
                "{count} topic not recorded yet", "{count} topics not recorded yet", waiting
            ).format(count=format_number(waiting))
        )

    def _update_record_button(self) -> None:
        self.record_button.setEnabled(self.selected_wanted() is not None)

    # -- actions --------------------------------------------------------------------------------

    def selected_wanted(self) -> WantedTopic | None:
        rows = self.wanted_table.selectionModel().selectedRows()
        return self.wanted_model.row_at(rows[0].row()) if rows else None

    def record_wanted(self) -> str | None:
        """Open a new demand prefilled with the selected wanted topic; returns the saved id."""
        wanted = self.selected_wanted()
        if wanted is None:
            return None
        declared = min(wanted.activity_date or date.today(), date.today())
        data = DemandData(
            topic=wanted.topic,
            organisation_id=wanted.organisation_id,
            organisation_name=wanted.organisation_name,
            declared_on=declared,
            source="evaluation",
            description=_("Asked for in the evaluation of “{activity}”.").format(
                activity=wanted.activity_title
            ),
        )
        dialog = DemandDialog(self.services, data, self)
        if not dialog.exec():
            return None
        self.refresh()
        self.list.select_id(dialog.saved_id or "")
        return dialog.saved_id

    def new_demand(self) -> None:
        """Open the form of a new demand (Ctrl+N on this page)."""
        self.list.add_record()

    def focus_search(self) -> None:
        self.list.focus_search()

    def export_list(self) -> None:
        """Export the demands list, as searched and filtered, to a spreadsheet."""
        self.list.export_list()

    # -- slots ----------------------------------------------------------------------------------

    def _on_list_changed(self) -> None:
        self.list.fill_areas()
        self.wanted_model.set_rows(self.services.demands.wanted_topics())
        self._update_statuses()
        self._update_record_button()

    def _on_list_create_requested(self, ids: list[str]) -> None:
        try:
            prefill = self.services.demands.activity_from_demands(ids)
        except TejidoError as error:
            show_error(self, error)
            return
        self.create_activity_requested.emit(prefill)

    def _on_topics_table_activated(self, index) -> None:  # type: ignore[no-untyped-def]
        topic = self.topics_model.row_at(index.row()).topic
        self.list.search.setText(topic)
        self.list.focus_search()
