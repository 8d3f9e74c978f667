"""The good practices handed out at an activity: a short ordered list, with a search of the
catalogue to add one, and buttons to remove and reorder them."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import NotFoundError
from app.i18n import _
from app.services.catalogue_values import CatalogueFilters
from app.views.widgets.translatable import Retranslatable

SEARCH_DELAY_MS = 150
RESULTS = 30


class PracticeLinksEditor(Retranslatable, QWidget):
    """An ordered list of practices (by id) with Add…, Remove, Up and Down."""

    def __init__(self, catalogue, parent: QWidget | None = None):  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.catalogue = catalogue
        self.list = QListWidget()
        self.list.setMaximumHeight(110)
        self.add_button, self.remove_button = QPushButton(), QPushButton()
        self.up_button, self.down_button = QPushButton(), QPushButton()
        buttons = QVBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self.add_practice)
        self.remove_button.clicked.connect(self._remove)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        self.list.currentRowChanged.connect(lambda _row: self._update_buttons())
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.add_button.setText(_("Add a practice…"))
        self.remove_button.setText(_("Remove"))
        self.up_button.setText(_("Up"))
        self.down_button.setText(_("Down"))
        self.list.setAccessibleName(_("Good practices to hand out"))
        self._update_buttons()

    def set_ids(self, practice_ids: tuple[str, ...]) -> None:
        """Show these practices, in this order (one no longer in the catalogue is named so)."""
        self.list.clear()
        for practice_id in practice_ids:
            try:
                title = self.catalogue.get(practice_id).title
            except NotFoundError:
                title = _("A practice no longer in the catalogue")
            self._append(practice_id, title)
        self._update_buttons()

    def ids(self) -> tuple[str, ...]:
        """The practices listed, in order."""
        return tuple(
            self.list.item(row).data(Qt.ItemDataRole.UserRole) for row in range(self.list.count())
        )

    def add_practice(self) -> None:
        """Ask which practice to add (searching the catalogue) and add it at the end."""
        dialog = PracticeSearchDialog(self.catalogue, self)
        if dialog.exec() and dialog.chosen is not None:
            practice_id, title = dialog.chosen
            if practice_id not in self.ids():
                self._append(practice_id, title)
            self.list.setCurrentRow(self.ids().index(practice_id))

    def _append(self, practice_id: str, title: str) -> None:
        item = QListWidgetItem(title)
        item.setData(Qt.ItemDataRole.UserRole, practice_id)
        self.list.addItem(item)

    def _remove(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)
        self._update_buttons()

    def _move(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.list.count():
            return
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.setCurrentRow(target)

    def _update_buttons(self) -> None:
        row = self.list.currentRow()
        self.remove_button.setEnabled(row >= 0)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < self.list.count() - 1)


class PracticeSearchDialog(Retranslatable, QDialog):
    """Type words of a practice (accents and case aside) and choose it; ``chosen`` is
    (id, title) after it is accepted."""

    def __init__(self, catalogue, parent: QWidget | None = None):  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.catalogue = catalogue
        self.chosen: tuple[str, str] | None = None
        self.label, self.search, self.results = QLabel(), QLineEdit(), QListWidget()
        self.search.setClearButtonEnabled(True)
        self.label.setBuddy(self.search)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        for widget in (self.label, self.search, self.results, self.buttons):
            layout.addWidget(widget)
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._read)
        self.search.textChanged.connect(lambda _text: self._timer.start())
        self.search.returnPressed.connect(self._accept_current)
        self.results.itemActivated.connect(lambda _item: self._accept_current())
        self.buttons.accepted.connect(self._accept_current)
        self.buttons.rejected.connect(self.reject)
        self.resize(520, 420)
        self.retranslate_ui()
        self._read()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Add a good practice"))
        self.label.setText(_("&Search the catalogue:"))
        self.search.setPlaceholderText(_("Words of the title or of what it tells"))
        self.results.setAccessibleName(_("Practices found"))

    def _read(self) -> None:
        self._timer.stop()
        self.results.clear()
        for row in self.catalogue.search(self.search.text(), CatalogueFilters(), limit=RESULTS):
            item = QListWidgetItem(row.title if not row.area else f"{row.title} — {row.area}")
            item.setData(Qt.ItemDataRole.UserRole, (row.id, row.title))
            self.results.addItem(item)
        if self.results.count():
            self.results.setCurrentRow(0)

    def _accept_current(self) -> None:
        if self._timer.isActive():
            self._read()
        item = self.results.currentItem()
        if item is None:
            return
        self.chosen = item.data(Qt.ItemDataRole.UserRole)
        self.accept()
