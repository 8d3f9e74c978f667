"""The records of one group of possible duplicates side by side, ticked to keep or to merge."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from app.i18n import _
from app.services.duplicates import DuplicateGroup
from app.services.vocabulary import MEMBERSHIP_ROLES

log = logging.getLogger(__name__)

PEOPLE = "people"
ORGANISATIONS = "organisations"
KEEP, MERGE = 0, 1  # the columns of ticks before the records' own columns

Column = tuple[Callable[[], str], Callable[[object], str]]


class DuplicateRecordsTable(QTableWidget):
    """One record a row: a Keep tick (one at most), a Merge tick, then the record's details.

    ``keep_id`` is the record ticked to keep (``None`` when none is) and :meth:`merged_ids` the
    records ticked to merge into it; ticking Keep on a record ticked to merge swaps the two. In
    a pair the other record starts ticked, unless only the phone is shared (an office phone
    does not make its people one); in a larger group nothing starts ticked. ``changed`` is
    emitted when a tick changes. Arrows move, Space ticks.
    """

    changed = Signal()

    def __init__(self, kind: str = PEOPLE, parent: QWidget | None = None):
        super().__init__(0, 0, parent)
        self.kind = kind
        self.group: DuplicateGroup | None = None
        self.keep_id: str | None = None
        self.ticked: set[str] = set()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTabKeyNavigation(False)  # Tab leaves the table
        self.verticalHeader().hide()
        self.itemChanged.connect(self._on_item_changed)

    def retranslate_ui(self) -> None:
        ticks = [_("Keep"), _("Merge into the kept one")]
        self.setHorizontalHeaderLabels(ticks + [title() for title, _value in self._columns()])
        self._show_ticks()

    def show_group(self, group: DuplicateGroup | None, records: Sequence[object] = ()) -> None:
        """Show ``records`` (those of ``group``, in its order) with the ticks they start with."""
        self.group = group
        ids = group.ids if group is not None else ()
        self.keep_id = ids[0] if ids else None
        pair = group is not None and len(ids) == 2 and group.reason != "phone"
        self.ticked = set(ids[1:]) if pair else set()
        columns = self._columns()
        with QSignalBlocker(self):
            self.clearContents()
            self.setColumnCount(len(columns) + 2)
            self.setRowCount(len(ids))
            for row, record in enumerate(records):
                for column, (_title, value) in enumerate(columns, start=2):
                    self.setItem(row, column, QTableWidgetItem(value(record)))
        self.retranslate_ui()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        if ids:
            self.setCurrentCell(0, KEEP)

    def merged_ids(self) -> list[str]:
        """The records ticked to merge into the kept one, in the group's order."""
        ids = self.group.ids if self.group is not None else ()
        return [i for i in ids if i in self.ticked and i != self.keep_id]

    def _columns(self) -> list[Column]:
        """(title, value of one record) for the comparison."""
        if self.kind == PEOPLE:
            return [
                (lambda: _("Name"), lambda p: p.full_name),
                (lambda: _("E-mail"), lambda p: p.email),
                (lambda: _("Phone"), lambda p: p.phone),
                (lambda: _("Birth year"), lambda p: str(p.birth_year or "")),
                (lambda: _("Organisations"), _memberships_text),
            ]
        return [
            (lambda: _("Name"), lambda o: o.name),
            (lambda: _("Tax id"), lambda o: o.tax_id),
            (lambda: _("Municipality"), lambda o: o.municipality),
            (lambda: _("E-mail"), lambda o: o.email),
            (lambda: _("Phone"), lambda o: o.phone),
        ]

    def _show_ticks(self) -> None:
        """The Keep and Merge ticks of every row, from ``keep_id`` and ``ticked``.

        The items are changed in place: this runs while Qt is still delivering a tick's change.
        """
        if self.group is None:
            return
        with QSignalBlocker(self):
            for row, (record_id, name) in enumerate(
                zip(self.group.ids, self.group.names, strict=True)
            ):
                kept = record_id == self.keep_id
                self._tick(row, KEEP, kept, "", _("Keep {name}").format(name=name))
                merge = _("Merge {name} into the kept one").format(name=name)
                if kept:
                    self._tick(row, MERGE, None, _("(kept)"), _("{name} is kept").format(name=name))
                else:
                    self._tick(row, MERGE, record_id in self.ticked, "", merge)

    def _tick(self, row: int, column: int, checked: bool | None, text: str, name: str) -> None:
        """Make the cell a tick box (or, when ``checked`` is ``None``, a plain ``text``)."""
        item = self.item(row, column)
        if item is None:
            item = QTableWidgetItem()
            self.setItem(row, column, item)
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        state = None
        if checked is not None:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
            state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        item.setFlags(flags)
        item.setData(Qt.ItemDataRole.CheckStateRole, state)
        item.setText(text)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, name)
        item.setToolTip(name)

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if self.group is None or item.column() not in (KEEP, MERGE):
            return
        record_id = self.group.ids[item.row()]
        checked = item.checkState() == Qt.CheckState.Checked
        if item.column() == KEEP and checked:
            if self.keep_id is not None and record_id in self.ticked:
                self.ticked.add(self.keep_id)  # the two swap: the same records still join
            self.ticked.discard(record_id)
            self.keep_id = record_id
        elif item.column() == KEEP:
            self.keep_id = None
        elif checked:
            self.ticked.add(record_id)
        else:
            self.ticked.discard(record_id)
        self._show_ticks()
        self.changed.emit()


def _memberships_text(person) -> str:  # type: ignore[no-untyped-def]
    return ", ".join(
        _("{organisation} ({role})").format(
            organisation=m.organisation_name,
            role=_(MEMBERSHIP_ROLES[m.role]) if m.role in MEMBERSHIP_ROLES else m.role,
        )
        for m in person.memberships
    )
