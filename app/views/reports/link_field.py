"""A form field that points at one record found by searching (an activity, a practice, a
mentoring pair): what is chosen, a Choose… button that opens the search, and Clear."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, QTimer, Signal
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

from app.i18n import _
from app.views.widgets.translatable import Retranslatable

log = logging.getLogger(__name__)

SEARCH_DELAY_MS = 150
Choice = tuple[str, str]  # (id, the text shown)
Search = Callable[[str], Sequence[Choice]]
Text = Callable[[], str]  # asked each time, so it follows the language


class SearchChoiceDialog(Retranslatable, QDialog):
    """Type words and choose one of the records found; ``chosen`` is (id, text) once accepted.

    ``search(query)`` gives the choices for what is typed (also for nothing typed: the likely
    ones). Enter or a double-click chooses the selected one.
    """

    def __init__(self, search: Search, title: Text, hint: Text, parent: QWidget | None = None):
        super().__init__(parent)
        self._search, self._title, self._hint = search, title, hint
        self.chosen: Choice | None = None
        self.label, self.search, self.results = QLabel(), QLineEdit(), QListWidget()
        self.search.setClearButtonEnabled(True)
        self.label.setBuddy(self.search)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        for widget in (self.label, self.search, self.results, self.empty, self.buttons):
            layout.addWidget(widget)
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.read)
        self.search.textChanged.connect(lambda _text: self._timer.start())
        self.search.returnPressed.connect(self._accept_current)
        self.results.itemActivated.connect(lambda _item: self._accept_current())
        self.buttons.accepted.connect(self._accept_current)
        self.buttons.rejected.connect(self.reject)
        self.resize(560, 440)
        self.retranslate_ui()
        self.read()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self._title())
        self.label.setText(_("&Search:"))
        self.search.setPlaceholderText(self._hint())
        self.results.setAccessibleName(_("Found"))
        self.empty.setText(_("Nothing found. Try fewer or other words."))

    def read(self) -> None:
        """Show the choices for what is typed now, the first one selected."""
        self._timer.stop()
        self.results.clear()
        for record_id, text in self._search(self.search.text().strip()):
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, (record_id, text))
            self.results.addItem(item)
        if self.results.count():
            self.results.setCurrentRow(0)
        self.empty.setVisible(not self.results.count())

    def _accept_current(self) -> None:
        if self._timer.isActive():
            self.read()
        item = self.results.currentItem()
        if item is None:
            return
        self.chosen = item.data(Qt.ItemDataRole.UserRole)
        self.accept()


class LinkField(Retranslatable, QWidget):
    """One optional record chosen through :class:`SearchChoiceDialog`.

    ``value()`` is the chosen id (``None`` when nothing is chosen); ``changed`` is emitted when
    the choice changes by hand.
    """

    changed = Signal()

    def __init__(
        self, search: Search, title: Text, hint: Text, empty: Text, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self._search, self._title, self._hint, self._empty = search, title, hint, empty
        self.chosen_id: str | None = None
        self.chosen_text = ""
        self.shown = QLineEdit()
        self.shown.setReadOnly(True)
        self.choose_button, self.clear_button = QPushButton(), QPushButton()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.shown, 1)
        layout.addWidget(self.choose_button)
        layout.addWidget(self.clear_button)
        self.setFocusProxy(self.choose_button)
        self.choose_button.clicked.connect(self.choose)
        self.clear_button.clicked.connect(self._on_clear_button_clicked)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.choose_button.setText(_("Choose…"))
        self.clear_button.setText(_("Clear"))
        self._show()

    def setAccessibleName(self, name: str) -> None:  # noqa: N802 (Qt's name)
        """Name what is shown and the buttons after the field, for screen readers."""
        super().setAccessibleName(name)
        self.shown.setAccessibleName(name)
        self.choose_button.setAccessibleName(_("Choose: {field}").format(field=name))
        self.clear_button.setAccessibleName(_("Clear: {field}").format(field=name))

    def value(self) -> str | None:
        return self.chosen_id

    def set_value(self, record_id: str | None, text: str = "") -> None:
        """Show ``record_id`` as chosen, named ``text`` (nothing chosen for ``None``)."""
        self.chosen_id = record_id or None
        self.chosen_text = text if record_id else ""
        self._show()

    def choose(self) -> bool:
        """Open the search; returns whether something was chosen."""
        dialog = SearchChoiceDialog(self._search, self._title, self._hint, self)
        accepted = dialog.exec()
        chosen = dialog.chosen
        dialog.deleteLater()
        if not accepted or chosen is None:
            return False
        self.set_value(*chosen)
        self.changed.emit()
        return True

    def _on_clear_button_clicked(self) -> None:
        if self.chosen_id is not None:
            self.set_value(None)
            self.changed.emit()

    def _show(self) -> None:
        self.shown.setText(self.chosen_text if self.chosen_id else "")
        self.shown.setPlaceholderText(self._empty())
        self.clear_button.setEnabled(self.chosen_id is not None)
