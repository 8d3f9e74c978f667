"""Areas of action of an organisation: the common ones to tick, and others typed freely."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from app.i18n import _
from app.services.text import clean
from app.services.vocabulary import AREAS_OF_ACTION
from app.views.widgets.translatable import Retranslatable

log = logging.getLogger(__name__)


class AreasEditor(Retranslatable, QWidget):
    """A checkable list of :data:`AREAS_OF_ACTION` and a line for other areas, comma separated.

    The common areas are stored by their English source text (shown translated), so a list ticked
    in one language reads right in another.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.list = QListWidget()
        for area in AREAS_OF_ACTION:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, area)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.list.setMinimumHeight(self.list.sizeHintForRow(0) * 6 + 8)
        self.other_label = QLabel()
        self.other = QLineEdit()
        self.other_label.setBuddy(self.other)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addWidget(self.other_label)
        layout.addWidget(self.other)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setText(_(item.data(Qt.ItemDataRole.UserRole)))
        self.list.setAccessibleName(_("Areas of action (Space ticks the selected one)"))
        self.other_label.setText(_("Other areas, separated by commas:"))
        self.other.setAccessibleName(_("Other areas of action"))

    def set_areas(self, areas: Sequence[str]) -> None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            ticked = item.data(Qt.ItemDataRole.UserRole) in areas
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        self.other.setText(", ".join(a for a in areas if a not in AREAS_OF_ACTION))

    def areas(self) -> tuple[str, ...]:
        ticked = [
            self.list.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.list.count())
            if self.list.item(row).checkState() == Qt.CheckState.Checked
        ]
        others = [clean(part) for part in self.other.text().split(",")]
        return tuple(dict.fromkeys(ticked + [o for o in others if o]))
