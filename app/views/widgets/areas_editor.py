"""Areas of action of an organisation: the common ones to tick, and others added freely."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from app.services import text
from app.services.vocabulary import AREAS_OF_ACTION
from app.views.widgets.translatable import Retranslatable

log = logging.getLogger(__name__)


class AreasEditor(Retranslatable, QWidget):
    """A checkable list of :data:`AREAS_OF_ACTION` and the organisation's own areas.

    The common areas are stored by their English source text (shown translated), so a list
    ticked in one language reads right in another. Other areas are typed in the line below the
    list (several at once separated by commas) and added as ticked items; one typed like a listed
    area (whatever its case or accents) ticks that area instead. Text typed but not yet added
    counts as well, so it is not lost when the form is saved. ``changed`` is emitted on every
    change made by hand.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.list = QListWidget()
        self.list.itemChanged.connect(lambda _item: self.changed.emit())
        self.new_area = QLineEdit()
        self.new_area.textChanged.connect(lambda _text: self.changed.emit())
        self.new_area.returnPressed.connect(self._on_add_button_clicked)
        self.add_button = QPushButton()
        self.add_button.clicked.connect(self._on_add_button_clicked)
        row = QHBoxLayout()
        row.addWidget(self.new_area, 1)
        row.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addLayout(row)
        self.setFocusProxy(self.list)
        self.set_areas(())
        self.list.setMinimumHeight(self.list.sizeHintForRow(0) * 6 + 8)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.list.blockSignals(True)
        for item in self._items():
            item.setText(_label_of(item.data(Qt.ItemDataRole.UserRole)))
        self.list.blockSignals(False)
        self.list.setAccessibleName(_("Areas of action"))
        self.new_area.setPlaceholderText(_("Another area of action"))
        self.new_area.setAccessibleName(_("Another area of action"))
        self.add_button.setText(_("Add"))
        self.add_button.setAccessibleName(_("Add this area of action"))

    def areas(self) -> tuple[str, ...]:
        """The ticked areas, then those typed but not added yet, each once."""
        checked = Qt.CheckState.Checked
        ticked = [
            i.data(Qt.ItemDataRole.UserRole) for i in self._items() if i.checkState() == checked
        ]
        return tuple(dict.fromkeys(ticked + self._typed()))

    def set_areas(self, areas: Sequence[str]) -> None:
        """Show ``areas`` ticked (the common areas always listed) and empty the typing line."""
        self.list.blockSignals(True)
        self.list.clear()
        for source in (*AREAS_OF_ACTION, *(a for a in areas if a not in AREAS_OF_ACTION)):
            item = QListWidgetItem(_label_of(source))
            item.setData(Qt.ItemDataRole.UserRole, source)
            item.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsUserCheckable
            )
            item.setCheckState(
                Qt.CheckState.Checked if source in areas else Qt.CheckState.Unchecked
            )
            self.list.addItem(item)
        self.list.blockSignals(False)
        self.new_area.blockSignals(True)
        self.new_area.clear()
        self.new_area.blockSignals(False)

    def _items(self) -> list[QListWidgetItem]:
        return [self.list.item(row) for row in range(self.list.count())]

    def _typed(self) -> list[str]:
        """The areas in the typing line, each as the listed area it names or as typed."""
        known: dict[str, str] = {}
        for item in self._items():
            source = item.data(Qt.ItemDataRole.UserRole)
            known[text.fold(item.text())] = source
            known[text.fold(source)] = source
        parts = (text.clean(part) for part in self.new_area.text().split(","))
        return [known.get(text.fold(part), part) for part in parts if part]

    def _on_add_button_clicked(self) -> None:
        if self._typed():
            self.set_areas(self.areas())
            self.changed.emit()
        self.new_area.clear()


def _label_of(area: str) -> str:
    return _(area) if area in AREAS_OF_ACTION else area
