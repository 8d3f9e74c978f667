"""The organisations a person belongs to, each with a role: add, change the role, remove."""

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
from app.services.person_links import MembershipData
from app.services.text import fold
from app.services.vocabulary import MEMBERSHIP_ROLES
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


class MembershipsEditor(Retranslatable, QWidget):
    """Pick an organisation (or type a new name) and a role, then Add; select a row to change it."""

    def __init__(self, choices: Sequence[tuple[str, str]], parent: QWidget | None = None):
        super().__init__(parent)
        self.entries: list[Entry] = []
        self.picker_label, self.role_label = QLabel(), QLabel()
        self.picker = OrganisationPicker(choices)
        self.role = ChoiceBox(MEMBERSHIP_ROLES)
        self.role.choose("member")
        self.picker_label.setBuddy(self.picker)
        self.role_label.setBuddy(self.role)
        self.add_button, self.change_button = QPushButton(), QPushButton()
        self.remove_button = QPushButton()
        self.table = RecordTable(2)
        self._lay_out()
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
        self.role_label.setText(_("&Role:"))
        self.role.setAccessibleName(_("Role in the organisation"))
        self.role.retranslate_ui()
        self.add_button.setText(_("&Add organisation"))
        self.change_button.setText(_("C&hange role"))
        self.remove_button.setText(_("Re&move"))
        self.table.setHorizontalHeaderLabels([_("Organisation"), _("Role")])
        self.table.setAccessibleName(_("Organisations of this person"))
        self._fill()

    # -- data -----------------------------------------------------------------------------------

    def set_memberships(self, memberships: Sequence[MembershipData]) -> None:
        self.entries = [Entry(m.organisation_id, m.organisation_name, m.role) for m in memberships]
        self._fill()

    def memberships(self) -> list[MembershipData]:
        """Every row; a new organisation has no id and is created when the person is saved."""
        return [MembershipData(e.organisation_id, e.name, e.role) for e in self.entries]

    # -- display --------------------------------------------------------------------------------

    def _fill(self) -> None:
        new = _("{name} (new organisation)")
        self.table.set_texts(
            [
                (
                    new.format(name=entry.name) if entry.organisation_id is None else entry.name,
                    choice_label(MEMBERSHIP_ROLES, entry.role),
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
        role = self.role.currentData()
        entry = self._find(organisation_id, name)
        if entry is None:
            self.entries.append(Entry(organisation_id, name, role))
        else:
            entry.role = role
        self.picker.setCurrentIndex(-1)
        self.picker.clearEditText()
        self._fill()

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
