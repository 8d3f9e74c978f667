"""Choosing an organisation by typing any part of its name (accents and case ignored)."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from app.services.text import clean, fold

log = logging.getLogger(__name__)

ID_ROLE = Qt.ItemDataRole.UserRole
FOLDED_ROLE = Qt.ItemDataRole.UserRole + 1


class FoldingCompleter(QCompleter):
    """Suggests the names that contain what was typed, whatever its accents and case."""

    def __init__(self, model: QStandardItemModel, parent: QWidget | None = None):
        super().__init__(model, parent)
        self.setCompletionRole(FOLDED_ROLE)
        self.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setMaxVisibleItems(12)

    def splitPath(self, path: str) -> list[str]:  # noqa: N802 (Qt's name)
        return [fold(path)]

    def pathFromIndex(self, index: QModelIndex) -> str:  # noqa: N802 (Qt's name)
        return index.data(Qt.ItemDataRole.DisplayRole) or ""


class OrganisationPicker(QComboBox):
    """An editable list of organisations: pick one, or type a name (a new one is allowed).

    Enter with a name typed emits ``entered`` instead of reaching the dialog's default button.
    """

    entered = Signal()

    def __init__(self, choices: Sequence[tuple[str, str]] = (), parent: QWidget | None = None):
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(24)
        self._model = QStandardItemModel(self)
        self._by_key: dict[str, str] = {}
        self.setModel(self._model)
        self.setCompleter(FoldingCompleter(self._model, self))
        self.set_choices(choices)

    def set_choices(self, choices: Sequence[tuple[str, str]]) -> None:
        """``(id, name)`` pairs, in the order to show."""
        self._model.clear()
        self._by_key.clear()
        for organisation_id, name in choices:
            item = QStandardItem(name)
            item.setData(organisation_id, ID_ROLE)
            item.setData(fold(name), FOLDED_ROLE)
            self._model.appendRow(item)
            self._by_key.setdefault(fold(name), organisation_id)
        self.setCurrentIndex(-1)
        self.clearEditText()

    def chosen(self) -> tuple[str | None, str]:
        """``(id, name)`` of what was picked or typed; the id is ``None`` for a new name."""
        name = clean(self.currentText())
        organisation_id = self._by_key.get(fold(name))
        return organisation_id, (self.name_of(organisation_id) if organisation_id else name)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentText().strip():
            event.accept()
            self.entered.emit()
            return
        super().keyPressEvent(event)

    def name_of(self, organisation_id: str) -> str:
        for row in range(self._model.rowCount()):
            item = self._model.item(row)
            if item.data(ID_ROLE) == organisation_id:
                return item.text()
        return ""
