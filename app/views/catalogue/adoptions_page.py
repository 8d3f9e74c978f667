"""The Adoptions page of a practice: which organisations adopted it, when, how they adapted it
and with what result; adoptions are added, changed and removed here."""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import TejidoError
from app.i18n import _, format_date
from app.services.registry import Services
from app.views.errors import show_error
from app.views.widgets.paragraph import paragraph
from app.views.widgets.record_table import RecordTable
from app.views.widgets.translatable import Retranslatable

log = logging.getLogger(__name__)


class AdoptionsPage(Retranslatable, QWidget):
    """The adoptions of the practice shown, newest first. Add… and Edit… open the adoption's
    form; Remove asks once. ``changed()`` says an adoption was added, changed or removed."""

    changed = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.practice_id: str | None = None
        self.editable = False
        self.rows: list = []  # type: ignore[type-arg]
        self.table = RecordTable(4)
        self.table.setMaximumHeight(16777215)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        for column in (2, 3):  # the texts share what is left
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.empty = paragraph()
        self.add_button, self.edit_button = QPushButton(), QPushButton()
        self.remove_button = QPushButton()
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self.add_adoption)
        self.edit_button.clicked.connect(self.edit_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.table.doubleClicked.connect(self.edit_selected)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.table.setHorizontalHeaderLabels(
            [_("Organisation"), _("Adopted on"), _("Adaptation"), _("Result")]
        )
        self.table.setAccessibleName(_("Adoptions"))
        self.empty.setText(
            _(
                "No organisation has reported adopting this practice yet. When one does, add "
                "it here with how it adapted the practice and the result."
            )
        )
        self.add_button.setText(_("Add ado&ption…"))
        self.add_button.setToolTip(_("Record that an organisation adopted this practice"))
        self.edit_button.setText(_("Edit…"))
        self.edit_button.setToolTip(_("Change the chosen adoption"))
        self.remove_button.setText(_("Re&move"))
        self.remove_button.setToolTip(_("Remove the chosen adoption"))
        self._fill()

    def set_practice(self, practice_id: str | None, editable: bool) -> None:
        """Show the adoptions of ``practice_id`` (read again); a practice in the trash is shown
        but not changed."""
        self.practice_id, self.editable = practice_id, editable
        self.reload()

    def reload(self) -> None:
        self.rows = self.services.adoptions.list(self.practice_id) if self.practice_id else []
        self._fill()

    def count(self) -> int:
        return len(self.rows)

    def _fill(self) -> None:
        texts = [
            (
                r.organisation_name,
                format_date(r.adopted_on),
                _one_line(r.adaptation),
                _one_line(r.result),
            )
            for r in self.rows
        ]
        self.table.set_texts(texts)
        for row, adoption in enumerate(self.rows):  # the whole texts, where cells cut them
            tip = "\n\n".join(t for t in (adoption.adaptation, adoption.result) if t)
            for column in (2, 3):
                self.table.item(row, column).setToolTip(tip)
        self.empty.setVisible(not texts)
        self.table.setVisible(bool(texts))
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self.table.selected_row() is not None
        self.add_button.setEnabled(self.editable and self.practice_id is not None)
        self.edit_button.setEnabled(self.editable and chosen)
        self.remove_button.setEnabled(self.editable and chosen)

    def _selected(self):  # type: ignore[no-untyped-def]
        row = self.table.selected_row()
        return self.rows[row] if row is not None and row < len(self.rows) else None

    # -- actions --------------------------------------------------------------------------------

    def add_adoption(self) -> None:
        if self.practice_id and self.editable and self._open_form(None):
            self._after_change()

    def edit_selected(self) -> None:
        chosen = self._selected()
        if chosen is None or not self.editable:
            return
        try:
            data = self.services.adoptions.get(chosen.id)
        except TejidoError as error:
            show_error(self, error)
            self._after_change()
            return
        if self._open_form(data):
            self._after_change()

    def remove_selected(self) -> None:
        chosen = self._selected()
        if chosen is None or not self.editable:
            return
        question = _("Remove the adoption by {organisation} from this practice?").format(
            organisation=chosen.organisation_name
        )
        if QMessageBox.question(self, _("Remove adoption"), question) != (
            QMessageBox.StandardButton.Yes
        ):
            return
        try:
            self.services.adoptions.delete(chosen.id)
        except TejidoError as error:
            show_error(self, error)
        self._after_change()

    def _open_form(self, data) -> bool:  # type: ignore[no-untyped-def]
        from app.views.catalogue.adoption_dialog import AdoptionDialog

        return bool(AdoptionDialog(self.services, self.practice_id, data, self).exec())

    def _after_change(self) -> None:
        self.reload()
        self.changed.emit()


def _one_line(value: str) -> str:
    """The first line of a text, for a cell (the whole text is in the form)."""
    first = value.strip().splitlines()[0] if value.strip() else ""
    return first if len(first) <= 120 else first[:119] + "…"
