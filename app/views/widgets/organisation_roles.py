"""A list of organisations, each with a role (a person's memberships, a project's members):
pick an organisation or type a new name, choose its role, Add; select a row to change or
remove it."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from app.services.text import fold
from app.views.widgets.choices import ChoiceBox, choice_label
from app.views.widgets.organisation_picker import OrganisationPicker
from app.views.widgets.record_table import RecordTable
from app.views.widgets.translatable import Retranslatable

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Entry:
    """One row: ``organisation_id`` is ``None`` for an organisation typed as a new name."""

    organisation_id: str | None
    name: str
    role: str


class OrganisationRolesEditor(Retranslatable, QWidget):
    """Pick an organisation (or type a new name) and a role, then Add; select a row to change it.

    Subclasses name the roles (a vocabulary of code -> label) and say what the list is in
    :meth:`words`: the role label, the role box's and the table's accessible names."""

    def __init__(
        self,
        choices: Sequence[tuple[str, str]],
        roles: dict[str, str],
        default_role: str,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.roles = roles
        self.entries: list[Entry] = []
        self.picker_label, self.role_label = QLabel(), QLabel()
        self.picker = OrganisationPicker(choices)
        self.role = ChoiceBox(roles)
        self.role.choose(default_role)
        self.picker_label.setBuddy(self.picker)
        self.role_label.setBuddy(self.role)
        self.add_button, self.change_button = QPushButton(), QPushButton()
        self.remove_button = QPushButton()
        self.table = RecordTable(2)
        self._lay_out()
        self.setFocusProxy(self.picker)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.picker.entered.connect(self._on_add_button_clicked)
        self.change_button.clicked.connect(self._on_change_button_clicked)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.table.itemSelectionChanged.connect(self._on_table_selection_changed)
        self.picker.editTextChanged.connect(lambda _text: self._update_buttons())
        self.retranslate_ui()

    def _lay_out(self) -> None:
        grid = QGridLayout()
        grid.addWidget(self.picker_label, 0, 0)
        grid.addWidget(self.picker, 0, 1)
        grid.addWidget(self.role_label, 1, 0)
        grid.addWidget(self.role, 1, 1)
        grid.setColumnStretch(1, 1)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.change_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(grid)
        layout.addLayout(buttons)
        layout.addWidget(self.table)

    def retranslate_ui(self) -> None:
        self.picker_label.setText(_("Or&ganisation:"))
        self.picker.setAccessibleName(_("Organisation to add"))
        self.picker.lineEdit().setPlaceholderText(_("Type part of the name, or a new name"))
        role_label, role_name, table_name = self.words()
        self.role_label.setText(role_label)
        self.role.setAccessibleName(role_name)
        self.role.retranslate_ui()
        self.add_button.setText(_("&Add organisation"))
        self.change_button.setText(_("C&hange role"))
        self.remove_button.setText(_("Re&move"))
        self.table.setHorizontalHeaderLabels([_("Organisation"), _("Role")])
        self.table.setAccessibleName(table_name)
        self._fill()

    def words(self) -> tuple[str, str, str]:
        """The role's label, the role box's accessible name and the table's (translated)."""
        raise NotImplementedError

    # -- data -----------------------------------------------------------------------------------

    def add(self, organisation_id: str | None, name: str, role: str) -> None:
        """Add the organisation with ``role`` (or give it ``role`` when it is listed already)."""
        entry = self._find(organisation_id, name)
        if entry is None:
            self.entries.append(Entry(organisation_id, name, role))
        else:
            entry.role = role
        self._fill()

    # -- display --------------------------------------------------------------------------------

    def _fill(self) -> None:
        new = _("{name} (new organisation)")
        self.table.set_texts(
            [
                (
                    new.format(name=entry.name) if entry.organisation_id is None else entry.name,
                    choice_label(self.roles, entry.role),
                )
                for entry in self.entries
            ]
        )
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.add_button.setEnabled(bool(self.picker.currentText().strip()))
        selected = self.table.selected_row() is not None
        self.change_button.setEnabled(selected)
        self.remove_button.setEnabled(selected)

    def _find(self, organisation_id: str | None, name: str) -> Entry | None:
        for entry in self.entries:
            if organisation_id and entry.organisation_id == organisation_id:
                return entry
            if not organisation_id and not entry.organisation_id and fold(entry.name) == fold(name):
                return entry
        return None

    # -- slots ----------------------------------------------------------------------------------

    def _on_add_button_clicked(self) -> None:
        organisation_id, name = self.picker.chosen()
        if not name:
            return
        self.add(organisation_id, name, self.role.currentData())
        self.picker.setCurrentIndex(-1)
        self.picker.clearEditText()
        self._update_buttons()

    def _on_change_button_clicked(self) -> None:
        row = self.table.selected_row()
        if row is not None:
            self.entries[row].role = self.role.currentData()
            self._fill()
            self.table.selectRow(row)

    def _on_remove_button_clicked(self) -> None:
        row = self.table.selected_row()
        if row is not None:
            del self.entries[row]
            self._fill()

    def _on_table_selection_changed(self) -> None:
        row = self.table.selected_row()
        if row is not None:
            self.role.choose(self.entries[row].role)
        self._update_buttons()
