"""The roster's list and its keys: whole rows, one chosen, minutes and remarks edited in place;
1–5, Enter and Delete mark from the list or from the search box (see :class:`RosterKeys`)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLineEdit,
    QStyledItemDelegate,
    QTableView,
)

from app.services.vocabulary import ATTENDANCE_MARKS
from app.views.dialogs.roster_parts import scaled
from app.views.roster_model import MARK, MAX_MINUTES, MINUTES, NAME, ORGANISATION, REMARKS, ROLE
from app.views.widgets.form_fields import int_edit

log = logging.getLogger(__name__)

# The usual width of the role, mark and minutes, in characters; name, organisation and remarks
# share the rest, so the list never needs a horizontal scroll bar (150 % scaling included).
COLUMN_WIDTHS = {ROLE: 20, MARK: 14, MINUTES: 8}
STRETCHED = (NAME, ORGANISATION, REMARKS)
MARK_KEYS = {Qt.Key.Key_1 + n: code for n, code in enumerate(ATTENDANCE_MARKS)}
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
MOVE_KEYS = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)


class MinutesDelegate(QStyledItemDelegate):
    """Minutes are typed as a whole number; empty means the whole session."""

    def createEditor(self, parent, option, index):  # type: ignore[no-untyped-def]  # noqa: N802
        editor = int_edit(MAX_MINUTES)
        editor.setParent(parent)
        return editor


def roster_table(model) -> QTableView:  # type: ignore[no-untyped-def]
    """The list: whole rows, one chosen; minutes and remarks edited with F2 or a double-click."""
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(
        QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
    )
    table.setTabKeyNavigation(False)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.horizontalHeader().setHighlightSections(False)
    table.setItemDelegateForColumn(MINUTES, MinutesDelegate(table))
    scaled(table, 1.1)
    table.verticalHeader().setDefaultSectionSize(round(table.fontMetrics().height() * 1.8))
    char = table.fontMetrics().horizontalAdvance("x")
    header = table.horizontalHeader()
    for column, width in COLUMN_WIDTHS.items():
        table.setColumnWidth(column, width * char)
    for column in STRETCHED:
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    return table


class RosterKeys(QObject):
    """The roster's keys, in the search box and in the list.

    1–5 mark (``marked`` with the mark's code), Enter marks present (``entered``), Delete takes
    the mark back (``cleared``; in the search box only when it has no text left to delete),
    Up/Down/Page keys move in the list from the search box, letters typed in the list go to
    the search box, and F2 on a cell that cannot be edited asks to write remarks
    (``edit_requested``).
    """

    marked = Signal(str)
    entered = Signal()
    cleared = Signal()
    edit_requested = Signal()

    def __init__(self, search: QLineEdit, table: QTableView, parent: QObject | None = None):
        super().__init__(parent)
        self.search, self.table = search, table
        search.installEventFilter(self)
        table.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and watched in (self.search, self.table)
            and self._on_key(watched, event)
        ):
            return True
        return super().eventFilter(watched, event)

    def _on_key(self, watched: QObject, event: QKeyEvent) -> bool:
        """``True`` when the key was one of the roster's."""
        key, text = event.key(), event.text()
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        editing = self.table.state() == QAbstractItemView.State.EditingState
        if modifiers & ~Qt.KeyboardModifier.ShiftModifier or (watched is self.table and editing):
            return False  # a key the cell's editor left (Enter) belongs to it, not to the roster
        typed = text.isprintable() and text.strip() and key not in MARK_KEYS
        if watched is self.table and typed:
            self.search.setFocus(Qt.FocusReason.OtherFocusReason)
            QApplication.sendEvent(self.search, event)
            return True
        if modifiers:
            return False
        if key in MARK_KEYS:
            self.marked.emit(MARK_KEYS[key])
        elif key in ENTER_KEYS:
            self.entered.emit()
        elif key == Qt.Key.Key_Delete and (watched is self.table or self._search_at_end()):
            self.cleared.emit()
        elif watched is self.search and key in MOVE_KEYS:
            QApplication.sendEvent(self.table, event)
        elif key == Qt.Key.Key_F2 and not (watched is self.table and self._cell_editable()):
            self.edit_requested.emit()
        else:
            return False
        return True

    def _cell_editable(self) -> bool:
        return bool(self.table.currentIndex().flags() & Qt.ItemFlag.ItemIsEditable)

    def _search_at_end(self) -> bool:
        """Delete in the search box has nothing to delete: it takes back the mark instead."""
        search = self.search
        return search.cursorPosition() == len(search.text()) and not search.hasSelectedText()
