"""The report's figures as a tree: groups (participants, hours, organisations ...) with their
figures and breakdowns, built from the JSON form of the report (``report_json``)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeView

from app.i18n import _, current_language, format_number
from app.views.reports.report_words import NOT_FIGURES, SECTIONS, figure_text, key_help, key_words

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex
NAME, FIGURE = 0, 1
PATH_ROLE = Qt.ItemDataRole.UserRole  # the figure's key path ("participants.by_gender.woman")
VALUE_ROLE = Qt.ItemDataRole.UserRole + 1  # the figure as a number (None when hidden)


class Node:
    """One row of the tree: a group (with children) or a figure (with a value)."""

    __slots__ = ("parent", "row", "parent_path", "key", "value", "children", "group")

    def __init__(self, parent: Node | None, parent_path: str, key: str, value: Any, group: bool):
        self.parent = parent
        self.row = len(parent.children) if parent is not None else 0
        self.parent_path, self.key, self.value, self.group = parent_path, key, value, group
        self.children: list[Node] = []
        if parent is not None:
            parent.children.append(self)

    @property
    def path(self) -> str:
        return f"{self.parent_path}.{self.key}" if self.parent_path else self.key


def _add(parent: Node, parent_path: str, key: str, value: Any) -> None:
    if isinstance(value, Mapping):
        group = Node(parent, parent_path, key, None, True)
        path = group.path
        for child_key, child in value.items():
            _add(group, path, str(child_key), child)
    else:
        Node(parent, parent_path, key, value, False)


def build_tree(report: Mapping[str, Any]) -> Node:
    """The tree of ``report`` (a dict in the form of ``report_json``): the groups of
    :data:`SECTIONS` first, in their order, then any other figures; the count of sessions is
    shown in the group of hours."""
    root = Node(None, "", "", None, True)
    keys = [k for k in SECTIONS if k in report]
    keys += [k for k in report if k not in SECTIONS and k not in NOT_FIGURES and k != "sessions"]
    sessions_shown = "sessions" not in report
    for key in keys:
        _add(root, "", key, report[key])
        if key == "hours" and not sessions_shown and root.children[-1].group:
            hours = root.children[-1]
            Node(hours, "", "sessions", report["sessions"], False)
            hours.children.insert(0, hours.children.pop())
            for number, child in enumerate(hours.children):
                child.row = number
            sessions_shown = True
    if not sessions_shown:
        Node(root, "", "sessions", report["sessions"], False)
    return root


class ReportTreeModel(QAbstractItemModel):
    """Two columns, "Indicator" and "Figure". Groups are bold and hold no figure; a hidden
    figure (``None``: fewer people than the threshold) reads "hidden (fewer than N)" in italics.
    ``PATH_ROLE`` gives a figure's key path, for opening the records behind it."""

    def __init__(self, parent=None):  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self._root = Node(None, "", "", None, True)
        self._report: Mapping[str, Any] = {}
        self._threshold = 0

    def set_report(self, report: Mapping[str, Any] | None, threshold: int = 0) -> None:
        """Show the figures of ``report`` (nothing for ``None``); ``threshold`` is the one under
        which counts were hidden."""
        self.beginResetModel()
        self._root = build_tree(report) if report else Node(None, "", "", None, True)
        self._report = report or {}
        self._threshold = threshold
        self.endResetModel()

    def retranslate(self) -> None:
        """Say the names and figures again in the current language."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, NAME, FIGURE)
        self.beginResetModel()  # every level changes: simpler than a dataChanged per group
        self.endResetModel()

    def node(self, index: Index) -> Node:
        return index.internalPointer() if index.isValid() else self._root  # type: ignore[return-value]

    def figure_path(self, index: Index) -> str | None:
        """The key path of the figure at ``index``, or ``None`` for a group (or nothing)."""
        if not index.isValid():
            return None
        node = self.node(index)
        return None if node.group else node.path

    def trail(self, index: Index) -> str:
        """The names from the group down to the row at ``index``: "Participants › By gender ›
        Women"."""
        names = []
        node: Node | None = self.node(index) if index.isValid() else None
        while node is not None and node is not self._root:
            names.append(key_words(node.parent_path, node.key))
            node = node.parent
        return " › ".join(reversed(names))

    def share(self, index: Index) -> str | None:
        """For a cell of a breakdown, its share of the group's total ("56 % of the total (159)");
        ``None`` for other figures, hidden ones, or when the total is 0 or hidden."""
        node = self.node(index) if index.isValid() else None
        if node is None or node.group or not node.parent_path.rsplit(".", 1)[-1].startswith("by_"):
            return None
        section = node.parent_path.split(".")[0]
        total = self._report.get(section, {})
        total = total.get("reached" if section == "organisations" else "total") if total else None
        if not isinstance(node.value, int) or not isinstance(total, int) or total <= 0:
            return None
        from babel.numbers import format_percent

        return _("{share} of the total ({total})").format(
            share=format_percent(node.value / total, locale=current_language()),
            total=format_number(total),
        )

    def index_of(self, path: str) -> QModelIndex:
        """The index (first column) of the figure or group at ``path``; invalid if not shown."""
        found = self._find(self._root, path)
        return QModelIndex() if found is None else self.createIndex(found.row, NAME, found)

    def _find(self, node: Node, path: str) -> Node | None:
        for child in node.children:
            if child.path == path:
                return child
            found = self._find(child, path)
            if found is not None:
                return found
        return None

    # -- Qt's model interface ------------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        return self.createIndex(row, column, self.node(parent).children[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        up = self.node(index).parent
        if up is None or up is self._root:
            return QModelIndex()
        return self.createIndex(up.row, NAME, up)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 (Qt's name)
        if parent.isValid() and parent.column() != NAME:
            return 0
        return len(self.node(parent).children)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 2

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node = self.node(index)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(node, index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == FIGURE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole:
            return self._font(node, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tool_tip(node)
        if role == PATH_ROLE:
            return None if node.group else node.path
        if role == VALUE_ROLE:
            return None if node.group else node.value
        return None

    def _text(self, node: Node, column: int) -> str:
        if column == NAME:
            return key_words(node.parent_path, node.key)
        return "" if node.group else figure_text(node.value, self._threshold)

    def _tool_tip(self, node: Node) -> str | None:
        words = key_help(node.parent_path, node.key)
        if node.group or node.value is not None:
            return words
        hidden = _("Fewer than {count}: hidden so that nobody can be identified.").format(
            count=format_number(self._threshold)
        )
        return f"{hidden}\n{words}" if words else hidden

    def _font(self, node: Node, column: int) -> QFont | None:
        if node.group and node.parent is self._root:
            font = QFont()
            font.setBold(True)
            return font
        if column == FIGURE and not node.group and node.value is None:
            font = QFont()
            font.setItalic(True)
            return font
        return None

    def headerData(  # noqa: N802 (Qt's name)
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {NAME: _("Indicator"), FIGURE: _("Figure")}.get(section)


def report_tree(model: ReportTreeModel, on_enter: Callable[[], None]) -> QTreeView:
    """A read-only tree over ``model``: whole rows, names stretched, figures as wide as they
    need; a double-click does not fold a group (it opens a figure's records instead), and Enter
    calls ``on_enter``."""
    tree = QTreeView()
    tree.setModel(model)
    tree.setUniformRowHeights(True)
    tree.setAlternatingRowColors(True)
    tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    tree.setExpandsOnDoubleClick(False)
    header = tree.header()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
    header.setSectionResizeMode(FIGURE, QHeaderView.ResizeMode.ResizeToContents)
    for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        shortcut = QShortcut(QKeySequence(key), tree)
        shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        shortcut.activated.connect(on_enter)
    return tree
