"""The list of mentoring pairs: searched as you type, filtered, sorted and paged in SQL, with
a trash.

It is the directory's list panel (same look, same keys: Ctrl+N, Enter, Delete, Ctrl+F) with
filters by status and mentoring area. The selected pair is not shown beside the list here:
``relationship_selected`` tells whoever shows it (the Mentoring tab's panel).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QVBoxLayout, QWidget

from app.errors import NotFoundError, TejidoError
from app.i18n import _, format_number, ngettext
from app.services.mentoring_values import RelationshipData
from app.services.mentoring_vocabulary import MENTORING_AREAS, RELATIONSHIP_STATUSES
from app.services.registry import Services
from app.views.activity_list import SelectionRelay
from app.views.errors import show_error
from app.views.mentoring.relationship_dialog import RelationshipDialog
from app.views.mentoring.relationships_table_model import (
    RelationshipFilters,
    RelationshipsTableModel,
)
from app.views.widgets.record_list import RecordListPanel

log = logging.getLogger(__name__)


class RelationshipListView(RecordListPanel):
    """Mentoring pairs: a mentee helped by a mentor of another organisation, by mentee's name.

    Search looks in the names of both people and of their organisations (accents and case
    ignored); the filters and the search narrow the list in SQL, and an export saves the list as
    narrowed (never anything said in the sessions). ``relationship_selected`` gives the id of the
    pair selected, or ``None``.
    """

    relationship_selected = Signal(object)
    history_table = "mentoring_relationships"

    def __init__(self, services: Services, parent: QWidget | None = None):
        self.services = services
        self.relay = SelectionRelay()
        super().__init__(RelationshipsTableModel(services.mentoring), self.relay, parent)
        self.relay.selected.connect(self.relationship_selected)
        self.duplicates_button.hide()

    def _build(self) -> None:
        super()._build()
        self.status_filter, self.area_filter = QComboBox(), QComboBox()
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
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)

    def _connect(self) -> None:
        super()._connect()
        for combo in self.filter_boxes():
            combo.currentIndexChanged.connect(self._on_filter_changed)

    def filter_boxes(self) -> tuple[QComboBox, ...]:
        return (self.status_filter, self.area_filter)

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        texts = (
            (_("Status"), _("Show only the pairs with this status")),
            (_("Mentoring area"), _("Show only the pairs working on this area")),
        )
        for combo, (name, tip) in zip(self.filter_boxes(), texts, strict=True):
            combo.setAccessibleName(name)
            combo.setToolTip(tip)
        self._fill_filters()

    # -- filters ----------------------------------------------------------------------------------

    def _fill_filters(self) -> None:
        """Set the choices of the filters (in the current language), keeping those chosen."""
        statuses = [("", _("All statuses"))]
        statuses += [(code, _(label)) for code, label in RELATIONSHIP_STATUSES.items()]
        areas = sorted(((code, _(label)) for code, label in MENTORING_AREAS.items()), key=_second)
        _set_items(self.status_filter, statuses)
        _set_items(self.area_filter, [("", _("All areas")), *areas])

    def chosen_filters(self) -> RelationshipFilters:
        return RelationshipFilters(
            status=self.status_filter.currentData() or "",
            area=self.area_filter.currentData() or "",
        )

    def set_filters(self, filters: RelationshipFilters) -> None:
        """Choose ``filters`` in the filter boxes and narrow the list to them."""
        for combo, value in zip(self.filter_boxes(), (filters.status, filters.area), strict=True):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, combo.findData(value)))
            combo.blockSignals(False)
        self._on_filter_changed()

    def _on_filter_changed(self) -> None:
        self.model.set_filters(self.chosen_filters())

    # -- what the Mentoring tab asks --------------------------------------------------------------

    def refresh(self) -> None:
        """Read the list again, keeping the search, the filters and the selection."""
        self.model.set_filters(self.chosen_filters(), reload=False)
        super().refresh()

    def new_relationship(self, prefill: RelationshipData | None = None) -> str | None:
        """Open the form of a new pair (filled with ``prefill`` if given, for instance a
        suggested pair with no mentee chosen yet); once saved it is selected in the list.
        Returns its id, or ``None`` when the form was cancelled."""
        if self.model.state.trash:
            self.trash_toggle.setChecked(False)
        if prefill is not None and prefill.id is not None:
            prefill = replace(prefill, id=None, deleted_at=None)
        saved_id = self._open_form(prefill)
        if saved_id:
            self._after_change()
            self.select_relationship(saved_id)
        return saved_id

    def edit_relationship(self, relationship_id: str) -> bool:
        """Open the pair's form; returns whether it was saved."""
        if not self.open_editor(relationship_id):
            return False
        self._after_change()
        return True

    def select_relationship(self, relationship_id: str) -> bool:
        """Select it, showing the whole list if the search or filters hide it; ``False`` for
        one removed or in the trash."""
        return self.reveal(relationship_id)

    def is_live(self, record_id: str) -> bool:
        try:
            return self.services.mentoring.get(record_id).data.deleted_at is None
        except NotFoundError:
            return False

    def clear_filters(self) -> None:
        self.set_filters(RelationshipFilters())

    # -- hooks of the list panel ------------------------------------------------------------------

    def add_record(self) -> None:
        self.new_relationship()

    def list_name(self) -> str:
        return _("Mentoring pairs")

    def history_title(self, record_id: str) -> str:
        row = self.model.row_of(record_id)
        if row is None:
            return self.list_name()
        pair = self.model.record(row)
        return _("{mentee} with {mentor}").format(mentee=pair.mentee_name, mentor=pair.mentor_name)

    def search_hint(self) -> str:
        return _("Type part of a name or an organisation")

    def count_text(self, count: int, trash: bool) -> str:
        if trash:
            text = ngettext("{count} pair in the trash", "{count} pairs in the trash", count)
        else:
            text = ngettext("{count} mentoring pair", "{count} mentoring pairs", count)
        return text.format(count=format_number(count))

    def trash_question(self, count: int) -> str:
        return ngettext(
            "Move {count} mentoring pair to the trash? Its goals and session log stay with it, "
            "and you can restore it later from the trash.",
            "Move {count} mentoring pairs to the trash? Their goals and session logs stay with "
            "them, and you can restore them later from the trash.",
            count,
        ).format(count=format_number(count))

    def export_file_stem(self) -> str:
        return _("mentoring-pairs")

    def open_editor(self, record_id: str | None) -> str | None:
        try:
            data = self.services.mentoring.get(record_id).data if record_id else None
        except TejidoError as error:  # moved to the trash or removed since the list was read
            show_error(self, error)
            return None
        return self._open_form(data)

    def _open_form(self, data: RelationshipData | None) -> str | None:
        dialog = RelationshipDialog(self.services, data, self)
        return dialog.saved_id if dialog.exec() else None

    def find_duplicates(self) -> bool:
        return False

    def move_to_trash(self, ids: list[str]) -> int:
        return self.services.mentoring.delete(ids)

    def restore(self, ids: list[str]) -> int:
        return self.services.mentoring.restore(ids)


def _second(pair: tuple[str, str]) -> str:
    return pair[1]


def _set_items(combo: QComboBox, items: Iterable[tuple[object, str]]) -> None:
    """Replace the combo's items, keeping the chosen value if it is still there."""
    chosen = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for value, text in items:
        combo.addItem(text, value)
    combo.setCurrentIndex(max(0, combo.findData(chosen)))
    combo.blockSignals(False)
