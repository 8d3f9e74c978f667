"""A searchable, sortable, paged list of records with a trash, actions and a detail panel beside.

The people and organisations lists of the directory are both this panel; a subclass says what
its records are called and how they are edited, trashed, restored and merged.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.errors import TejidoError
from app.i18n import _
from app.views.errors import show_error
from app.views.sync.history_dialog import HistoryDialog
from app.views.widgets.list_export import export_model
from app.views.widgets.paged_table_model import PagedTableModel
from app.views.widgets.paged_table_view import PagedTableView
from app.views.widgets.translatable import Retranslatable
from app.views.workers import Job

if TYPE_CHECKING:
    from app.services.registry import Services

log = logging.getLogger(__name__)

SEARCH_DELAY_MS = 150


class RecordListPanel(Retranslatable, QWidget):
    """One list of the directory. Subclasses fill in the hooks at the end of the class.

    ``detail`` is a widget with ``show_record(record_id | None)``; it shows the selected record.
    A subclass that sets ``history_table`` (the records' table, e.g. ``"people"``) and
    ``services`` gets "History…" in the list's context menu.
    """

    changed = Signal()
    history_table: str | None = None
    services: Services

    def __init__(self, model: PagedTableModel, detail: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model
        self.detail = detail
        self.export_job: Job | None = None
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._on_search_timer_timeout)
        self._build()
        self._connect()
        self.retranslate_ui()
        self._after_reset()

    # -- building -------------------------------------------------------------------------------

    def _build(self) -> None:
        self.search_label = QLabel()
        self.search = QLineEdit(clearButtonEnabled=True)
        self.search_label.setBuddy(self.search)
        self.trash_toggle = QCheckBox()
        top = QHBoxLayout()
        top.addWidget(self.search_label)
        top.addWidget(self.search, 1)
        top.addWidget(self.trash_toggle)
        self.new_button, self.edit_button = QPushButton(), QPushButton()
        self.trash_button, self.restore_button = QPushButton(), QPushButton()
        self.duplicates_button, self.export_button = QPushButton(), QPushButton()
        self.history_button = QPushButton()
        self.history_button.setHidden(self.history_table is None)
        actions = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.trash_button, self.restore_button):
            actions.addWidget(button)
        actions.addWidget(self.history_button)
        actions.addStretch(1)
        actions.addWidget(self.duplicates_button)
        actions.addWidget(self.export_button)
        self.table = PagedTableView(self.model)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([700, 300])
        self.splitter.setChildrenCollapsible(False)
        self.status = QLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(actions)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.status)

    def _connect(self) -> None:
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.search.returnPressed.connect(self._on_search_return_pressed)
        self.trash_toggle.toggled.connect(self._on_trash_toggle_toggled)
        self.new_button.clicked.connect(self.add_record)
        self.edit_button.clicked.connect(self.edit_selected)
        self.trash_button.clicked.connect(self.trash_selected)
        self.restore_button.clicked.connect(self.restore_selected)
        self.duplicates_button.clicked.connect(self._on_duplicates_button_clicked)
        self.export_button.clicked.connect(self.export_list)
        self.history_button.clicked.connect(self.show_history)
        self.table.doubleClicked.connect(self.edit_selected)
        self.table.customContextMenuRequested.connect(self._on_table_context_menu)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.model.modelReset.connect(self._after_reset)
        shortcuts = [
            (QKeySequence.StandardKey.New, self, self.add_record),
            (QKeySequence.StandardKey.Find, self, self.focus_search),
            (QKeySequence.StandardKey.Delete, self.table, self._on_delete_key),
            (QKeySequence(Qt.Key.Key_Return), self.table, self.edit_selected),
            (QKeySequence(Qt.Key.Key_Enter), self.table, self.edit_selected),
        ]
        for key, owner, slot in shortcuts:
            shortcut = QShortcut(key, owner)
            if owner is self.table:
                shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)

    def retranslate_ui(self) -> None:
        self.search_label.setText(_("&Search:"))
        self.search.setPlaceholderText(self.search_hint())
        self.search.setAccessibleName(_("Search"))
        self.trash_toggle.setText(_("Show &trash"))
        self.trash_toggle.setToolTip(_("List what was moved to the trash, to restore it"))
        self.new_button.setText(_("&New…"))
        self.new_button.setToolTip(_("Add a new one (Ctrl+N)"))
        self.edit_button.setText(_("&Edit…"))
        self.edit_button.setToolTip(_("Open the selected one (Enter or double-click)"))
        self.trash_button.setText(_("Move to t&rash"))
        self.trash_button.setToolTip(_("Move the selected ones to the trash (Delete)"))
        self.restore_button.setText(_("&Restore"))
        self.restore_button.setToolTip(_("Bring the selected ones back from the trash"))
        self.duplicates_button.setText(_("Find &duplicates…"))
        self.history_button.setText(_("&History…"))
        self.history_button.setToolTip(_("Who changed the selected one, when, on which laptop"))
        self.export_button.setText(_("E&xport list…"))
        self.export_button.setToolTip(_("Save this list, as searched, to a spreadsheet"))
        self.table.setAccessibleName(self.list_name())
        self.model.headerDataChanged.emit(
            Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1
        )
        self._update_status()

    # -- state ------------------------------------------------------------------------------------

    def selected_ids(self) -> list[str]:
        return self.table.selected_ids()

    def current_id(self) -> str | None:
        ids = self.selected_ids()
        return ids[0] if ids else None

    def select_id(self, record_id: str) -> bool:
        return self.table.select_id(record_id)

    def reveal(self, record_id: str) -> bool:
        """Select the record, showing the whole list (no search, no filters, not the trash) if
        they hide it. Returns ``False`` (the list left as it is) for a record removed or in the
        trash. Subclasses that use it fill in :meth:`is_live` and :meth:`clear_filters`."""
        if self._select_loaded(record_id):
            return True
        if not self.is_live(record_id):
            return False
        self._search_timer.stop()
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.trash_toggle.blockSignals(True)
        self.trash_toggle.setChecked(False)
        self.trash_toggle.blockSignals(False)
        self.model.state = replace(self.model.state, query="", trash=False)
        self.clear_filters()
        return self._select_loaded(record_id)

    def _select_loaded(self, record_id: str) -> bool:
        """Select it among the rows matching now, reading further pages if need be."""
        while self.model.row_of(record_id) is None and self.model.canFetchMore(QModelIndex()):
            self.model.fetchMore(QModelIndex())
        if not self.select_id(record_id):
            return False
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def refresh(self) -> None:
        """Read the list again, keeping the search, the order and the selection."""
        selected = self.current_id()
        self.model.reload()
        if selected is not None:
            self.select_id(selected)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _update_status(self) -> None:
        self.status.setText(self.count_text(self.model.total(), self.model.state.trash))

    def _update_buttons(self) -> None:
        trash, count = self.model.state.trash, len(self.selected_ids())
        self.edit_button.setEnabled(count == 1 and not trash)
        self.trash_button.setVisible(not trash)
        self.trash_button.setEnabled(count > 0)
        self.restore_button.setVisible(trash)
        self.restore_button.setEnabled(count > 0)
        self.duplicates_button.setEnabled(not trash)
        self.history_button.setEnabled(count == 1)

    def _after_reset(self) -> None:
        self._update_status()
        self._update_buttons()
        self.detail.show_record(None)

    # -- slots ------------------------------------------------------------------------------------

    def _on_search_timer_timeout(self) -> None:
        self.model.reload(query=self.search.text())

    def _on_search_return_pressed(self) -> None:
        if self._search_timer.isActive():
            self._search_timer.stop()
            self._on_search_timer_timeout()
        if self.model.rowCount():
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
            self.table.selectRow(0)

    def _on_trash_toggle_toggled(self, checked: bool) -> None:
        self.model.reload(trash=checked)

    def _on_selection_changed(self) -> None:
        self._update_buttons()
        ids = self.selected_ids()
        self.detail.show_record(ids[0] if len(ids) == 1 else None)

    def _on_delete_key(self) -> None:
        if self.model.state.trash:
            return
        self.trash_selected()

    def _on_duplicates_button_clicked(self) -> None:
        if self.find_duplicates():
            self._after_change()

    def _after_change(self) -> None:
        self.refresh()
        self.changed.emit()

    def _on_table_context_menu(self, position: QPoint) -> None:
        menu = self.context_menu()
        if not menu.isEmpty():
            menu.exec(self.table.viewport().mapToGlobal(position))

    def context_menu(self) -> QMenu:
        """The menu of the selected records (right click, or the menu key)."""
        menu = QMenu(self)
        count = len(self.selected_ids())
        if self.model.state.trash:
            menu.addAction(_("&Restore"), self.restore_selected).setEnabled(count > 0)
        else:
            menu.addAction(_("&Edit…"), self.edit_selected).setEnabled(count == 1)
            menu.addAction(_("Move to t&rash"), self.trash_selected).setEnabled(count > 0)
        if self.history_table is not None:
            menu.addSeparator()
            menu.addAction(_("&History…"), self.show_history).setEnabled(count == 1)
        return menu

    # -- actions ----------------------------------------------------------------------------------

    def add_record(self) -> None:
        if self.model.state.trash:
            self.trash_toggle.setChecked(False)
        saved_id = self.open_editor(None)
        if saved_id:
            self._after_change()
            self.select_id(saved_id)

    def edit_selected(self) -> None:
        record_id = self.current_id()
        if record_id is None or self.model.state.trash:
            return
        if self.open_editor(record_id):
            self._after_change()

    def trash_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        answer = QMessageBox.question(self, _("Move to the trash"), self.trash_question(len(ids)))
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._run_change(self.move_to_trash, ids)

    def restore_selected(self) -> None:
        ids = self.selected_ids()
        if ids:
            self._run_change(self.restore, ids)

    def _run_change(self, change, ids: list[str]) -> None:  # type: ignore[no-untyped-def]
        try:
            change(ids)
        except TejidoError as error:
            show_error(self, error)
        self._after_change()

    def show_history(self) -> None:
        """Who changed the selected record, when and on which laptop; old values put back."""
        record_id = self.current_id()
        if record_id is None or self.history_table is None:
            return
        title = self.history_title(record_id)
        dialog = HistoryDialog(self.services, self.history_table, record_id, title, self)
        dialog.exec()
        if dialog.restored:
            self._after_change()

    def export_list(self) -> None:
        """Ask for a file and write every row of the list, as searched, in the background."""
        self.export_job = export_model(self, self.model, self.export_file_stem())

    # -- hooks for subclasses ----------------------------------------------------------------------

    def list_name(self) -> str:
        raise NotImplementedError

    def history_title(self, record_id: str) -> str:
        """The record's name in its history's title: the first column's text by default."""
        row = self.model.row_of(record_id)
        text = self.model.index(row, 0).data() if row is not None else None
        return str(text) if text else self.list_name()

    def search_hint(self) -> str:
        raise NotImplementedError

    def count_text(self, count: int, trash: bool) -> str:
        raise NotImplementedError

    def trash_question(self, count: int) -> str:
        raise NotImplementedError

    def export_file_stem(self) -> str:
        raise NotImplementedError

    def open_editor(self, record_id: str | None) -> str | None:
        """Open the form; returns the id saved, or ``None`` when the person cancelled."""
        raise NotImplementedError

    def find_duplicates(self) -> bool:
        """Open the duplicates dialog; returns whether anything was merged."""
        raise NotImplementedError

    def move_to_trash(self, ids: list[str]) -> int:
        raise NotImplementedError

    def is_live(self, record_id: str) -> bool:
        """Whether the record exists and is not in the trash (for :meth:`reveal`)."""
        raise NotImplementedError

    def clear_filters(self) -> None:
        """Show every record whatever the filters beside the search (for :meth:`reveal`)."""

    def restore(self, ids: list[str]) -> int:
        raise NotImplementedError
