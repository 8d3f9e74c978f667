"""The practices of a bundle in the import's dry run: what will happen to each one, why, and
the person's choice where there is one to make (conflicts, duplicates, identical, hidden)."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from app.i18n import _
from app.views.catalogue.bundle_words import ORDER, choice_label, default_choice, outcome_label
from app.views.widgets.rows_table_model import RowsTableModel, TextColumn

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex
OUTCOME_ROLE = Qt.ItemDataRole.UserRole
CHOICES_ROLE = Qt.ItemDataRole.UserRole + 1


class BundlePlanModel(RowsTableModel[Any]):
    """A thin adapter over the items of an import plan, decisions first.

    The third column holds the person's choice for items that offer one: its ``EditRole`` is the
    choice code, ``CHOICES_ROLE`` the allowed ``(code, label)`` pairs; ``OUTCOME_ROLE`` of every
    cell is the item's outcome code.
    """

    CHOICE_COLUMN = 2

    def __init__(self, parent=None):  # type: ignore[no-untyped-def]
        columns = (
            TextColumn(lambda: _("Practice"), lambda item: item.title),
            TextColumn(lambda: _("What will happen"), lambda item: outcome_label(item.outcome)),
            TextColumn(lambda: _("Your choice"), self._choice_text),
            TextColumn(lambda: _("Why"), lambda item: item.reason),
        )
        super().__init__(columns, parent)
        self.choices: dict[str, str] = {}

    def set_items(self, items: Iterable[Any]) -> None:
        """Show the plan's ``items`` (decisions first), each with its default choice."""
        rank = {outcome: number for number, outcome in enumerate(ORDER)}
        ordered = sorted(items, key=lambda item: rank.get(item.outcome, len(ORDER)))
        self.choices = {item.id: default_choice(item) for item in ordered if item.choices}
        self.set_rows(ordered)

    def items(self) -> list[Any]:
        return [self.row_at(row) for row in range(self.rowCount())]

    def rows_with_choices(self) -> list[int]:
        """The rows where the person has something to decide."""
        return [row for row, item in enumerate(self.items()) if item.choices]

    def _choice_text(self, item: Any) -> str:
        choice = self.choices.get(item.id)
        return choice_label(choice) if choice else ""

    def tool_tip(self, row: Any) -> str | None:
        return row.reason or None

    def user_data(self, row: Any) -> str:
        return row.outcome

    # -- editing the choice ---------------------------------------------------------------------

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if (
            index.isValid()
            and index.column() == self.CHOICE_COLUMN
            and self.row_at(index.row()).choices
        ):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and index.column() == self.CHOICE_COLUMN:
            item = self.row_at(index.row())
            if role == Qt.ItemDataRole.EditRole:
                return self.choices.get(item.id, "")
            if role == CHOICES_ROLE:
                return [(code, choice_label(code)) for code in item.choices]
        return super().data(index, role)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        if index.column() != self.CHOICE_COLUMN:
            return False
        item = self.row_at(index.row())
        if value not in item.choices:
            return False
        self.choices[item.id] = value
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole, role])
        return True
