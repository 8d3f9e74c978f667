"""The history of all attendance marks: search as you type, a list paged from SQL, export."""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QModelIndex, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _, format_number, ngettext
from app.services.registry import Services
from app.views.attendance_history_model import PERSON_ROLE, AttendanceHistoryModel
from app.views.widgets.list_export import export_model
from app.views.widgets.paged_table_view import fit_columns_to
from app.views.widgets.record_list import SEARCH_DELAY_MS
from app.views.widgets.translatable import Retranslatable
from app.views.workers import Job

log = logging.getLogger(__name__)


class AttendanceHistoryView(Retranslatable, QWidget):
    """Every attendance mark, newest session first: who, where, which mark, taken by whom.

    Typing in the search box filters by person or activity (accents and case ignored) after a
    short pause; the list reads its rows from SQL a page at a time, so it opens at once over
    hundreds of thousands of marks. Enter or a double-click opens the person of the row.
    """

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.model = AttendanceHistoryModel(services.attendance, self)
        self.export_job: Job | None = None
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._on_search_timer_timeout)
        self._build()
        self._connect()
        self.retranslate_ui()

    # -- building -------------------------------------------------------------------------------

    def _build(self) -> None:
        self.search_label = QLabel()
        self.search = QLineEdit(clearButtonEnabled=True)
        self.search_label.setBuddy(self.search)
        self.open_button, self.export_button = QPushButton(), QPushButton()
        top = QHBoxLayout()
        top.addWidget(self.search_label)
        top.addWidget(self.search, 1)
        top.addWidget(self.open_button)
        top.addWidget(self.export_button)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        # Rows of one height: the table does not measure 250,000 rows to lay them out.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.status = QLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)

    def _connect(self) -> None:
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.search.returnPressed.connect(self._on_search_return_pressed)
        self.open_button.clicked.connect(self.open_selected_person)
        self.export_button.clicked.connect(self.export_list)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._after_reset)
        self.model.counted.connect(lambda _count: self._update_status())
        shortcuts = [
            (QKeySequence.StandardKey.Find, self, self.focus_search),
            (QKeySequence(Qt.Key.Key_Return), self.table, self.open_selected_person),
            (QKeySequence(Qt.Key.Key_Enter), self.table, self.open_selected_person),
        ]
        for key, owner, slot in shortcuts:
            shortcut = QShortcut(key, owner)
            if owner is self.table:
                shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)

    def retranslate_ui(self) -> None:
        self.search_label.setText(_("&Search:"))
        self.search.setPlaceholderText(_("Type part of a person's name or an activity's title"))
        self.search.setAccessibleName(_("Search the attendance history"))
        self.open_button.setText(_("&Open person…"))
        self.open_button.setToolTip(
            _("Open the person of the selected mark (Enter or double-click)")
        )
        self.export_button.setText(_("E&xport list…"))
        self.export_button.setToolTip(_("Save this list, as searched, to a spreadsheet"))
        self.table.setAccessibleName(_("Attendance history"))
        self.status.setAccessibleName(_("Number of marks"))
        self.model.retranslate()
        self._fit_columns()
        self._update_status()
        self._update_buttons()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            QTimer.singleShot(0, self, self._fit_columns)  # after the headers changed language

    def _fit_columns(self) -> None:
        fit_columns_to(self.table, self.model.columns)

    # -- state ------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the list again, keeping the search."""
        self.model.reload()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def selected_person_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return rows[0].data(PERSON_ROLE)

    def _update_status(self) -> None:
        if not self.model.is_counted():
            self.status.setText(_("Counting the marks…"))
            return
        total = self.model.total()
        text = ngettext("{count} mark", "{count} marks", total)
        self.status.setText(text.format(count=format_number(total)))

    def _update_buttons(self) -> None:
        self.open_button.setEnabled(self.selected_person_id() is not None)

    def _after_reset(self) -> None:
        self._update_status()
        self._update_buttons()

    # -- slots and actions ---------------------------------------------------------------------

    def _on_search_timer_timeout(self) -> None:
        self.model.reload(self.search.text())

    def _on_search_return_pressed(self) -> None:
        if self._search_timer.isActive():
            self._search_timer.stop()
            self._on_search_timer_timeout()
        if self.model.rowCount():
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
            self.table.selectRow(0)

    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        self.table.selectRow(index.row())
        self.open_selected_person()

    def open_selected_person(self) -> None:
        """Open the person of the selected mark; the list is read again if they were changed."""
        person_id = self.selected_person_id()
        if person_id is None:
            return
        from app.views.directory_tab import open_person

        if open_person(self.services, person_id, self):
            self.refresh()

    def export_list(self) -> None:
        """Ask for a file and write every mark of the list, as searched, in the background."""
        self.export_job = export_model(self, self.model, _("attendance"))  # type: ignore[arg-type]
