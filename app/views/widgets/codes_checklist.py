"""A list of choices to tick (an activity's cross-cutting themes, the demands it answers)."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from app.i18n import _
from app.views.widgets.translatable import Retranslatable

log = logging.getLogger(__name__)

CODE_ROLE = Qt.ItemDataRole.UserRole
LABEL_ROLE = Qt.ItemDataRole.UserRole + 1


class CodesChecklist(Retranslatable, QListWidget):
    """Checkable items, each a code with its label; Space or a click ticks the current one.

    With ``translate`` the labels are source strings (marked with ``N_``) shown through ``_`` and
    said again when the language changes; otherwise they are shown as given (names, topics).
    A ticked code that is not among the choices (a demand since moved to the trash) is listed
    too, under ``unknown_label``, so saving the form does not drop it unseen.
    """

    changed = Signal()

    def __init__(
        self,
        choices: Mapping[str, str] | Sequence[tuple[str, str]] = (),
        *,
        translate: bool = False,
        rows: int = 6,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.translate = translate
        self.unknown_label = ""
        self._choices: list[tuple[str, str]] = []
        self.itemChanged.connect(lambda _item: self.changed.emit())
        self.set_choices(choices)
        self.setMinimumHeight(max(self.sizeHintForRow(0), self.fontMetrics().height()) * rows + 8)

    def set_choices(self, choices: Mapping[str, str] | Sequence[tuple[str, str]]) -> None:
        """List ``choices`` (code -> label), keeping the codes ticked now."""
        pairs = list(choices.items()) if isinstance(choices, Mapping) else list(choices)
        ticked = self.checked()
        self._choices = [(str(code), str(label)) for code, label in pairs]
        self._fill(ticked)

    def set_checked(self, codes: Iterable[str]) -> None:
        """Tick exactly ``codes``."""
        self._fill(tuple(codes))

    def checked(self) -> tuple[str, ...]:
        """The ticked codes, in the order listed."""
        return tuple(
            item.data(CODE_ROLE)
            for item in self._items()
            if item.checkState() == Qt.CheckState.Checked
        )

    def retranslate_ui(self) -> None:
        self.blockSignals(True)
        for item in self._items():
            item.setText(self._text(item.data(CODE_ROLE), item.data(LABEL_ROLE)))
        self.blockSignals(False)

    def _fill(self, ticked: Sequence[str]) -> None:
        known = {code for code, _label in self._choices}
        missing = [(code, "") for code in ticked if code not in known]
        self.blockSignals(True)
        self.clear()
        for code, label in self._choices + missing:
            item = QListWidgetItem(self._text(code, label))
            item.setData(CODE_ROLE, code)
            item.setData(LABEL_ROLE, label)
            item.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsUserCheckable
            )
            state = Qt.CheckState.Checked if code in ticked else Qt.CheckState.Unchecked
            item.setCheckState(state)
            self.addItem(item)
        self.blockSignals(False)

    def _text(self, code: str, label: str) -> str:
        if not label:
            return self.unknown_label or code
        return _(label) if self.translate else label

    def _items(self) -> list[QListWidgetItem]:
        return [self.item(row) for row in range(self.count())]
