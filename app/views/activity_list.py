"""The list of activities: searched as you type, filtered, sorted and paged in SQL, with a trash.

It is the directory's list panel (same look, same keys: Ctrl+N, Enter, Delete, Ctrl+F) with
filters by kind, status, year and area of action. The selected activity is not shown beside the
list here: ``activity_selected`` tells whoever shows it (the Activities tab's panel).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QVBoxLayout, QWidget

from app.errors import NotFoundError, TejidoError
from app.i18n import _, format_number, ngettext
from app.services.activities import ActivityData
from app.services.registry import Services
from app.services.vocabulary import ACTIVITY_KINDS, ACTIVITY_STATUSES, AREAS_OF_ACTION
from app.views.activities_table_model import ActivitiesTableModel, ActivityFilters, area_label
from app.views.dialogs.activity_dialog import ActivityDialog
from app.views.errors import show_error
from app.views.widgets.record_list import RecordListPanel

log = logging.getLogger(__name__)

_NOTHING = object()
ALL_YEARS = 0


class SelectionRelay(QWidget):
    """Stands where the directory shows a record's details, and says which one is selected
    (an id, or ``None`` for none or several), once per change."""

    selected = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._current: object = _NOTHING
        self.hide()

    def show_record(self, record_id: str | None) -> None:
        if record_id != self._current:
            self._current = record_id
            self.selected.emit(record_id)


class ActivityListView(RecordListPanel):
    """Forum meetings, training capsules and other activities, newest first.

    Search looks in the titles (accents and case ignored); the filters and the search narrow the
    list in SQL, and an export saves the list as narrowed. ``activity_selected`` gives the id of
    the activity selected, or ``None``.
    """

    activity_selected = Signal(object)
    history_table = "activities"

    def __init__(self, services: Services, parent: QWidget | None = None):
        self.services = services
        self.relay = SelectionRelay()
        super().__init__(ActivitiesTableModel(services.activities), self.relay, parent)
        self.relay.selected.connect(self.activity_selected)
        self.duplicates_button.hide()

    def _build(self) -> None:
        super()._build()
        self.kind_filter, self.status_filter = QComboBox(), QComboBox()
        self.year_filter, self.area_filter = QComboBox(), QComboBox()
        row = QHBoxLayout()
        for combo in self.filter_boxes():
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            row.addWidget(combo)
        row.addStretch(1)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertLayout(1, row)
        chain = [self.search, *self.filter_boxes(), self.trash_toggle]
        for before, after in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(before, after)
        # Newest first until a header is clicked (the view sorts through the model).
        self.table.horizontalHeader().setSortIndicator(1, Qt.SortOrder.DescendingOrder)

    def _connect(self) -> None:
        super()._connect()
        for combo in self.filter_boxes():
            combo.currentIndexChanged.connect(self._on_filter_changed)

    def filter_boxes(self) -> tuple[QComboBox, ...]:
        return (self.kind_filter, self.status_filter, self.year_filter, self.area_filter)

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        texts = (
            (_("Kind of activity"), _("Show only one kind of activity")),
            (_("Status"), _("Show only the activities with this status")),
            (_("Year"), _("Show only the activities with sessions in this year")),
            (_("Area of action"), _("Show only the activities of this area of action")),
        )
        for combo, (name, tip) in zip(self.filter_boxes(), texts, strict=True):
            combo.setAccessibleName(name)
            combo.setToolTip(tip)
        self._fill_filters()

    # -- filters ----------------------------------------------------------------------------------

    def _fill_filters(self) -> None:
        """Set the choices of the filters (in the current language), keeping those chosen."""
        kinds = [("", _("All kinds")), *((c, _(label)) for c, label in ACTIVITY_KINDS.items())]
        statuses = [("", _("All statuses"))]
        statuses += [(code, _(label)) for code, label in ACTIVITY_STATUSES.items()]
        years = [(ALL_YEARS, _("All years"))]
        years += [(year, str(year)) for year in self.services.activities.years()]
        areas = sorted(((a, area_label(a)) for a in self._known_areas()), key=lambda x: x[1])
        choices = (kinds, statuses, years, [("", _("All areas")), *areas])
        for combo, items in zip(self.filter_boxes(), choices, strict=True):
            _set_items(combo, items)

    def _known_areas(self) -> set[str]:
        """The common areas of action and any other area given to an activity."""
        return set(AREAS_OF_ACTION) | set(self.services.activities.areas())

    def chosen_filters(self) -> ActivityFilters:
        return ActivityFilters(
            kind=self.kind_filter.currentData() or "",
            status=self.status_filter.currentData() or "",
            year=self.year_filter.currentData() or None,
            area=self.area_filter.currentData() or "",
        )

    def set_filters(self, filters: ActivityFilters) -> None:
        """Choose ``filters`` in the filter boxes and narrow the list to them."""
        values = (filters.kind, filters.status, filters.year or ALL_YEARS, filters.area)
        for combo, value in zip(self.filter_boxes(), values, strict=True):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, combo.findData(value)))
            combo.blockSignals(False)
        self._on_filter_changed()

    def _on_filter_changed(self) -> None:
        self.model.set_filters(self.chosen_filters())

    # -- what the Activities tab asks -------------------------------------------------------------

    def refresh(self) -> None:
        """Read the list and the filters' choices again, keeping the search and the selection."""
        self._fill_filters()
        self.model.set_filters(self.chosen_filters(), reload=False)
        super().refresh()

    def new_activity(self, prefill: ActivityData | None = None) -> str | None:
        """Open the form of a new activity (filled with ``prefill`` if given); once saved it is
        selected in the list. Returns its id, or ``None`` when the form was cancelled."""
        if self.model.state.trash:
            self.trash_toggle.setChecked(False)
        if prefill is None:
            prefill = ActivityData(title="", kind=self.model.filters.kind or "forum")
        saved_id = self._open_form(prefill)
        if saved_id:
            self._after_change()
            self.select_activity(saved_id)
        return saved_id

    def edit_activity(self, activity_id: str) -> bool:
        """Open the activity's form; returns whether it was saved."""
        if not self.open_editor(activity_id):
            return False
        self._after_change()
        return True

    def select_activity(self, activity_id: str) -> bool:
        """Select it, showing the whole list if the search or filters hide it; ``False`` for
        one removed or in the trash."""
        return self.reveal(activity_id)

    def is_live(self, record_id: str) -> bool:
        try:
            return self.services.activities.get(record_id).deleted_at is None
        except NotFoundError:
            return False

    def clear_filters(self) -> None:
        self.set_filters(ActivityFilters())

    # -- hooks of the list panel ------------------------------------------------------------------

    def add_record(self) -> None:
        self.new_activity()

    def list_name(self) -> str:
        return _("Activities")

    def search_hint(self) -> str:
        return _("Type part of a title")

    def count_text(self, count: int, trash: bool) -> str:
        if trash:
            text = ngettext(
                "{count} activity in the trash", "{count} activities in the trash", count
            )
        else:
            text = ngettext("{count} activity", "{count} activities", count)
        return text.format(count=format_number(count))

    def trash_question(self, count: int) -> str:
        return ngettext(
            "Move {count} activity to the trash? Its sessions, registrations and attendance "
            "stay with it, and you can restore it later from the trash.",
            "Move {count} activities to the trash? Their sessions, registrations and attendance "
            "stay with them, and you can restore them later from the trash.",
            count,
        ).format(count=format_number(count))

    def export_file_stem(self) -> str:
        return _("activities")

    def open_editor(self, record_id: str | None) -> str | None:
        try:
            data = self.services.activities.get(record_id) if record_id else None
        except TejidoError as error:  # moved to the trash or removed since the list was read
            show_error(self, error)
            return None
        return self._open_form(data)

    def _open_form(self, data: ActivityData | None) -> str | None:
        dialog = ActivityDialog(self.services, data, self)
        return dialog.saved_id if dialog.exec() else None

    def find_duplicates(self) -> bool:
        return False

    def move_to_trash(self, ids: list[str]) -> int:
        return self.services.activities.delete(ids)

    def restore(self, ids: list[str]) -> int:
        return self.services.activities.restore(ids)


def _set_items(combo: QComboBox, items: Iterable[tuple[object, str]]) -> None:
    """Replace the combo's items, keeping the chosen value if it is still there."""
    chosen = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for value, text in items:
        combo.addItem(text, value)
    combo.setCurrentIndex(max(0, combo.findData(chosen)))
    combo.blockSignals(False)
