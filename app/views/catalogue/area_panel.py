"""The catalogue's side panel: the areas of action with how many practices match the search and
the filters in each, "All areas" on top and "No area" at the end when some have none."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _, format_number
from app.services.catalogue_values import AreaCount
from app.views.widgets.translatable import Retranslatable

log = logging.getLogger(__name__)

ALL_AREAS = ""  # the filter's value for every area
NO_AREA = "-"  # the filter's value for practices with no area
KEY_ROLE = Qt.ItemDataRole.UserRole


def area_key(count: AreaCount) -> str:
    """The filter's value for one line of the panel."""
    return count.id if count.id is not None else NO_AREA


class AreaPanel(Retranslatable, QWidget):
    """Areas with their counts; choosing one narrows the list (``area_chosen`` gives the
    filter's value: an area id, ``ALL_AREAS`` or ``NO_AREA``). "Edit areas…" asks the tab to open
    the taxonomy's editor (``edit_requested``). The choice is kept while the counts change."""

    area_chosen = Signal(str)
    edit_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._counts: list[AreaCount] = []
        self._chosen = ALL_AREAS
        self.heading = QLabel()
        self.areas = QListWidget()
        self.areas.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.areas.setUniformItemSizes(True)
        self.heading.setBuddy(self.areas)
        self.edit_button = QPushButton()
        layout = QVBoxLayout(self)
        margins = layout.contentsMargins()
        layout.setContentsMargins(margins.left(), margins.top(), 0, margins.bottom())
        layout.addWidget(self.heading)
        layout.addWidget(self.areas, 1)
        layout.addWidget(self.edit_button)
        self.areas.currentItemChanged.connect(self._on_areas_current_item_changed)
        self.edit_button.clicked.connect(self.edit_requested)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.heading.setText(_("&Areas of action"))
        self.areas.setAccessibleName(_("Areas of action"))
        self.areas.setToolTip(_("Show only the practices of one area"))
        self.edit_button.setText(_("Chan&ge the areas…"))
        self.edit_button.setToolTip(_("Add, rename, reorder or remove areas of action"))
        self._fill()

    def chosen(self) -> str:
        """The filter's value chosen: an area id, ``ALL_AREAS`` or ``NO_AREA``."""
        return self._chosen

    def chosen_name(self) -> str:
        """The chosen area's name ("" for all areas or none)."""
        for count in self._counts:
            if count.id is not None and count.id == self._chosen:
                return count.name
        return ""

    def set_counts(self, counts: Sequence[AreaCount], chosen: str | None = None) -> None:
        """Show ``counts`` (from the service, in the taxonomy's order), keeping the choice (or
        choosing ``chosen`` quietly, when the list chose it); an area chosen that went away
        falls back to all areas (and says so with ``area_chosen``)."""
        self._counts = list(counts)
        if chosen is not None:
            self._chosen = chosen
        keys = {area_key(count) for count in self._counts}
        if self._chosen != ALL_AREAS and self._chosen not in keys:
            self._chosen = ALL_AREAS
            self._fill()
            self.area_chosen.emit(ALL_AREAS)
            return
        self._fill()

    def choose(self, key: str) -> None:
        """Choose the line of ``key`` (as if clicked)."""
        for row in range(self.areas.count()):
            if self.areas.item(row).data(KEY_ROLE) == key:
                self.areas.setCurrentRow(row)
                return

    def count_of(self, key: str) -> int | None:
        """The number shown beside ``key``'s line (``None`` when it is not shown)."""
        if key == ALL_AREAS:
            return sum(count.count for count in self._counts)
        return next((c.count for c in self._counts if area_key(c) == key), None)

    def _fill(self) -> None:
        self.areas.blockSignals(True)
        self.areas.clear()
        total = sum(count.count for count in self._counts)
        self._add(ALL_AREAS, _("All areas"), total)
        for count in self._counts:
            name = count.name if count.id is not None else _("No area")
            self._add(area_key(count), name, count.count)
        self.choose(self._chosen)
        self.areas.blockSignals(False)

    def _add(self, key: str, name: str, count: int) -> None:
        text = _("{area} ({count})").format(area=name, count=format_number(count))
        item = QListWidgetItem(text)
        item.setData(KEY_ROLE, key)
        item.setToolTip(text)  # a long name is cut in a narrow panel
        if key == ALL_AREAS:
            font = item.font()
            font.setBold(True)
            item.setFont(font)
        elif count == 0:
            disabled = self.palette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
            item.setForeground(disabled)
        self.areas.addItem(item)

    def _on_areas_current_item_changed(self, item: QListWidgetItem | None, _previous) -> None:  # type: ignore[no-untyped-def]
        if item is None:
            return
        key = item.data(KEY_ROLE)
        if key != self._chosen:
            self._chosen = key
            self.area_chosen.emit(key)
