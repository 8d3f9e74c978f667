"""A record's history: who changed what, when and on which laptop, and putting an old value back.

One save is one change (the values it wrote share one stamp). The empty values a record was
created with are left out: they say nothing a person would look for.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import TejidoError
from app.i18n import _
from app.services.registry import Services
from app.services.sync.inbox import HistoryEntry
from app.views.errors import show_error
from app.views.sync.sync_words import (
    EMPTY,
    entry_text,
    field_name,
    full_text,
    laptop_name,
    when_text,
)
from app.views.widgets.paragraph import paragraph
from app.views.widgets.rows_table_model import RowsTableModel, TextColumn
from app.views.widgets.translatable import Retranslatable

log = logging.getLogger(__name__)

SUMMARY_VALUE = 40  # characters of each value in a change's one-line summary
NAMES = frozenset({"full_name", "name", "title"})  # said first: what the record is called


@dataclass(frozen=True, slots=True)
class Change:
    """One save: the values written together, on one laptop, at one moment."""

    table: str
    hlc: str
    when: datetime
    laptop: str
    entries: tuple[HistoryEntry, ...]


def group_changes(
    table: str, entries: Iterable[HistoryEntry], this_laptop: str = ""
) -> list[Change]:
    """The entries as changes, newest first, without the empty values a record started with."""
    seen: set[str] = set()
    kept: list[HistoryEntry] = []
    for entry in sorted(entries, key=lambda e: (e.hlc, e.field)):
        first = entry.field not in seen
        seen.add(entry.field)
        if first and entry.value in EMPTY:
            continue
        kept.append(entry)
    changes: dict[str, list[HistoryEntry]] = {}
    for entry in sorted(kept, key=lambda e: (e.field not in NAMES, e.field_label.casefold())):
        changes.setdefault(entry.hlc, []).append(entry)
    return [
        Change(
            table=table,
            hlc=hlc,
            when=group[0].when,
            laptop=laptop_name(group[0].device_name, group[0].device_name == this_laptop),
            entries=tuple(group),
        )
        for hlc, group in sorted(changes.items(), reverse=True)
    ]


def summary(change: Change) -> str:
    """ "Phone: 222, Email: ana@…" """
    parts = []
    for entry in change.entries:
        text = " ".join(entry_text(change.table, entry).split())
        if len(text) > SUMMARY_VALUE:
            text = text[: SUMMARY_VALUE - 1] + "…"
        parts.append(_("{field}: {value}").format(field=field_name(entry), value=text))
    return ", ".join(parts)


def is_hidden(entry: HistoryEntry) -> bool:
    """A value the history does not print (confidential notes)."""
    return entry.shown == _("(confidential)") and full_text(entry.value) != entry.shown


class ChangesModel(RowsTableModel[Change]):
    """The changes of a record, newest first."""

    def __init__(self, parent=None):  # type: ignore[no-untyped-def]
        super().__init__(
            [
                TextColumn(lambda: _("When"), lambda c: when_text(c.when)),
                TextColumn(lambda: _("Laptop"), lambda c: c.laptop),
                TextColumn(lambda: _("What changed"), summary),
            ],
            parent,
        )

    def tool_tip(self, row: Change) -> str:
        return summary(row)


class ValuesModel(RowsTableModel[HistoryEntry]):
    """The values one change wrote, and whether each is still the one in use."""

    def __init__(self, table: str, parent=None):  # type: ignore[no-untyped-def]
        super().__init__(
            [
                TextColumn(lambda: _("Field"), field_name),
                TextColumn(lambda: _("Value"), lambda e: " ".join(entry_text(table, e).split())),
                TextColumn(lambda: _("Now"), lambda e: _("✔ In use now") if e.is_current else ""),
            ],
            parent,
        )


def table(model: RowsTableModel, name_stretch: int) -> QTableView:  # type: ignore[type-arg]
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setTabKeyNavigation(False)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(name_stretch, QHeaderView.ResizeMode.Stretch)
    return view


def open_record_history(
    parent: QWidget, services: Services, table: str, record_id: str, title: str
) -> None:
    """Show a record's history as a modal dialog."""
    HistoryDialog(services, table, record_id, title, parent).exec()


class HistoryDialog(Retranslatable, QDialog):
    """The changes of one record (top), the values of the selected change (middle), the selected
    value whole (bottom) and "Restore this value". ``restored`` counts the values put back, so
    the caller knows to read its list again."""

    def __init__(
        self,
        services: Services,
        table_name: str,
        record_id: str,
        title: str,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.services, self.table_name = services, table_name
        self.record_id, self.title = record_id, title
        self.restored = 0
        self.intro = paragraph()
        self.changes = ChangesModel(self)
        self.values = ValuesModel(table_name, self)
        self.changes_view, self.values_view = table(self.changes, 2), table(self.values, 1)
        self.changes_view.selectionModel().currentRowChanged.connect(self._on_change_selected)
        self.values_view.selectionModel().currentRowChanged.connect(self._on_value_selected)
        self.value_box = QPlainTextEdit(readOnly=True, tabChangesFocus=True)
        self.restore_button = QPushButton(autoDefault=False)
        self.restore_button.clicked.connect(self._on_restore_clicked)
        self.message = QLabel(alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self._lay_out()
        self.resize(900, 620)
        self.retranslate_ui()  # reads the history

    def _lay_out(self) -> None:
        splitter = QSplitter(Qt.Orientation.Vertical, childrenCollapsible=False)
        for widget in (self.changes_view, self.values_view, self.value_box):
            splitter.addWidget(widget)
        splitter.setSizes([230, 180, 90])
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.intro)
        column.addWidget(splitter, 1)
        column.addWidget(self.restore_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.message)
        self.stack.addWidget(page)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.buttons)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("History of {title}").format(title=self.title))
        self.intro.setText(
            _(
                "Every change to {title}, newest first, with the laptop it was made on. Select a "
                "change to see what it wrote; select an earlier value to put it back."
            ).format(title=self.title)
        )
        self.changes_view.setAccessibleName(_("Changes, newest first"))
        self.values_view.setAccessibleName(_("Values of the selected change"))
        self.value_box.setAccessibleName(_("The selected value, whole"))
        self.restore_button.setText(_("&Restore this value…"))
        # Read again: the service names the fields in the language of the moment.
        self.refresh()

    # -- what is shown ------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the history again and select the newest change."""
        settings = self.services.sync.settings()
        if not settings.device_id:
            self.message.setText(_("History is kept once sync is set up (Sync menu)."))
            self.stack.setCurrentIndex(0)
            return
        entries = self.services.sync.history(self.table_name, self.record_id)
        self.changes.set_rows(group_changes(self.table_name, entries, settings.device_name))
        if not self.changes.rowCount():
            self.message.setText(
                _("No changes have been recorded for {title} yet.").format(title=self.title)
            )
            self.stack.setCurrentIndex(0)
            return
        self.stack.setCurrentIndex(1)
        self.changes_view.selectRow(0)
        self.changes_view.setFocus(Qt.FocusReason.OtherFocusReason)

    def selected_entry(self) -> HistoryEntry | None:
        index = self.values_view.currentIndex()
        return self.values.row_at(index.row()) if index.isValid() else None

    def _on_change_selected(self) -> None:
        index = self.changes_view.currentIndex()
        entries = self.changes.row_at(index.row()).entries if index.isValid() else ()
        self.values.set_rows(entries)
        if entries:
            self.values_view.selectRow(0)
        self._on_value_selected()

    def _on_value_selected(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            self.value_box.clear()
        elif is_hidden(entry):
            self.value_box.setPlainText(entry.shown)
        else:
            self.value_box.setPlainText(entry_text(self.table_name, entry))
        self._update_button()

    def _update_button(self) -> None:
        entry = self.selected_entry()
        self.restore_button.setEnabled(entry is not None and not entry.is_current)
        if entry is not None and entry.is_current:
            self.restore_button.setToolTip(_("This is the value in use now."))
        else:
            self.restore_button.setToolTip(_("Put the selected value back, on every laptop"))

    # -- putting a value back -----------------------------------------------------------------

    def _on_restore_clicked(self) -> None:
        entry = self.selected_entry()
        if entry is None or entry.is_current:
            return
        value = entry.shown if is_hidden(entry) else entry_text(self.table_name, entry)
        question = _(
            "Put back this value of {title}?\n\n{field}: {value}\n\nEvery laptop will have it "
            "after its next sync, and the value in use now stays in the history."
        ).format(field=field_name(entry), title=self.title, value=value)
        answer = QMessageBox.question(self, _("Restore this value"), question)
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.services.sync.restore(self.table_name, self.record_id, entry.field, entry.value)
        except TejidoError as error:
            show_error(self, error)
            return
        self.restored += 1
        self.refresh()
