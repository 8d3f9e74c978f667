"""The Cascades page: attendees passing what they learned on in their own organisations (when,
how, to how many people), searched and narrowed to a period; added, changed and trashed here."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import TejidoError
from app.i18n import _, format_number, ngettext
from app.services.registry import Services
from app.views.errors import show_error
from app.views.mentoring.pair_fields import OptionalDate
from app.views.reports.cascade_dialog import CascadeDialog
from app.views.reports.cascades_table_model import CascadesTableModel
from app.views.widgets.list_export import export_model
from app.views.widgets.paged_table_view import PagedTableView
from app.views.widgets.translatable import Retranslatable
from app.views.workers import Job

log = logging.getLogger(__name__)

SEARCH_DELAY_MS = 150


class CascadesView(Retranslatable, QWidget):
    """The cascades recorded, the newest first: searched as you type (person, organisation,
    activity, practice), narrowed to the dates chosen, with an export.

    A cascade moved to the trash can be brought back at once with Undo. ``changed`` is emitted
    after a cascade is added, changed, trashed or brought back, so the report can count again.
    """

    changed = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.model = CascadesTableModel(services.cascades)
        self.export_job: Job | None = None
        self.trashed: list[str] = []  # the last cascades moved to the trash (for Undo)
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._on_search_timer_timeout)
        self._build()
        self._connect()
        self.retranslate_ui()
        self._after_reset()

    def _build(self) -> None:
        self.search_label, self.from_label, self.to_label = QLabel(), QLabel(), QLabel()
        self.search = QLineEdit(clearButtonEnabled=True)
        self.from_date, self.to_date = OptionalDate(), OptionalDate()
        top = QHBoxLayout()
        for label, field, stretch in (
            (self.search_label, self.search, 1),
            (self.from_label, self.from_date, 0),
            (self.to_label, self.to_date, 0),
        ):
            label.setBuddy(field)
            top.addWidget(label)
            top.addWidget(field, stretch)
        self.new_button, self.edit_button = QPushButton(), QPushButton()
        self.trash_button, self.undo_button = QPushButton(), QPushButton()
        self.export_button = QPushButton()
        actions = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.trash_button, self.undo_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.export_button)
        self.undo_button.hide()
        self.table = PagedTableView(self.model)
        self.table.setSortingEnabled(False)  # the newest first, always
        self.table.horizontalHeader().setSortIndicatorShown(False)
        self.status = QLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(actions)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)

    def _connect(self) -> None:
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.search.returnPressed.connect(self._on_search_return_pressed)
        self.from_date.changed.connect(self._on_period_changed)
        self.to_date.changed.connect(self._on_period_changed)
        self.new_button.clicked.connect(self.add_cascade)
        self.edit_button.clicked.connect(self.edit_selected)
        self.trash_button.clicked.connect(self.trash_selected)
        self.undo_button.clicked.connect(self.undo_trash)
        self.export_button.clicked.connect(self.export_list)
        self.table.doubleClicked.connect(self.edit_selected)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._after_reset)
        shortcuts = [
            (QKeySequence.StandardKey.New, self, self.add_cascade),
            (QKeySequence.StandardKey.Find, self, self.focus_search),
            (QKeySequence.StandardKey.Delete, self.table, self.trash_selected),
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
        self.search.setPlaceholderText(
            _("Type part of a name, an organisation, an activity or a practice")
        )
        self.search.setAccessibleName(_("Search"))
        self.from_label.setText(_("Fro&m:"))
        self.from_date.setAccessibleName(_("Held from"))
        self.to_label.setText(_("&To:"))
        self.to_date.setAccessibleName(_("Held until"))
        self.new_button.setText(_("&New…"))
        self.new_button.setToolTip(_("Record a cascade (Ctrl+N)"))
        self.edit_button.setText(_("&Edit…"))
        self.edit_button.setToolTip(_("Open the selected one (Enter or double-click)"))
        self.trash_button.setText(_("Move to t&rash"))
        self.trash_button.setToolTip(_("Move the selected ones to the trash (Delete)"))
        self.undo_button.setText(_("&Undo"))
        self.undo_button.setToolTip(_("Bring back what was just moved to the trash"))
        self.export_button.setText(_("E&xport list…"))
        self.export_button.setToolTip(_("Save this list, as searched, to a spreadsheet"))
        self.table.setAccessibleName(_("Cascades"))
        self.model.retranslate()
        self._update_status()

    # -- state ------------------------------------------------------------------------------------

    def selected_ids(self) -> list[str]:
        return self.table.selected_ids()

    def select_id(self, cascade_id: str) -> bool:
        return self.table.select_id(cascade_id)

    def refresh(self) -> None:
        """Read the list again, keeping the search, the dates and the selection."""
        selected = self.selected_ids()
        self.model.reload()
        if selected:
            self.select_id(selected[0])

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _update_status(self) -> None:
        count = self.model.total()
        text = ngettext("{count} cascade", "{count} cascades", count)
        self.status.setText(text.format(count=format_number(count)))

    def _update_buttons(self) -> None:
        count = len(self.selected_ids())
        self.edit_button.setEnabled(count == 1)
        self.trash_button.setEnabled(count > 0)
        self.export_button.setEnabled(self.model.total() > 0)

    def _after_reset(self) -> None:
        self._update_status()
        self._update_buttons()

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

    def _on_period_changed(self) -> None:
        self.model.set_period(self.from_date.value(), self.to_date.value())

    def _after_change(self, select: str | None = None) -> None:
        self.refresh()
        if select:
            self.select_id(select)
        self.changed.emit()

    # -- actions ----------------------------------------------------------------------------------

    def add_cascade(self) -> None:
        """Open an empty cascade's form; the cascade saved is shown selected."""
        dialog = CascadeDialog(self.services, None, self)
        if dialog.exec() and dialog.saved_id:
            self._after_change(dialog.saved_id)

    def edit_selected(self) -> None:
        """Open the selected cascade's form."""
        ids = self.selected_ids()
        row = self.model.record_of(ids[0]) if len(ids) == 1 else None
        if row is None:
            return
        try:
            dialog = CascadeDialog(self.services, row, self)
        except TejidoError as error:  # moved to the trash since the list was read
            show_error(self, error)
            self.refresh()
            return
        if dialog.exec():
            self._after_change(dialog.saved_id)

    def trash_selected(self) -> None:
        """Move the selected cascades to the trash (after asking); Undo brings them back."""
        ids = self.selected_ids()
        if not ids:
            return
        question = ngettext(
            "Move {count} cascade to the trash? It no longer counts in the reports. Undo "
            "brings it back.",
            "Move {count} cascades to the trash? They no longer count in the reports. Undo "
            "brings them back.",
            len(ids),
        ).format(count=format_number(len(ids)))
        answer = QMessageBox.question(self, _("Move to the trash"), question)
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.services.cascades.delete(ids)
        self.trashed = ids
        self.undo_button.show()
        self._after_change()

    def undo_trash(self) -> None:
        """Bring back the cascades just moved to the trash."""
        if not self.trashed:
            return
        ids, self.trashed = self.trashed, []
        self.services.cascades.restore(ids)
        self.undo_button.hide()
        self._after_change(ids[0])

    def export_list(self) -> None:
        """Ask for a file and write every row of the list, as searched, in the background."""
        self.export_job = export_model(self, self.model, _("cascades"))
