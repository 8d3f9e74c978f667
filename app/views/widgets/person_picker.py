"""Finding a person of the directory by typing (any part of the name, an e-mail or a phone;
accents and case ignored), or creating them on the spot."""

from __future__ import annotations

import logging
from collections.abc import Mapping

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.i18n import _, format_number, ngettext
from app.services.people import PersonRow
from app.services.registry import Services
from app.views.widgets.paragraph import paragraph
from app.views.widgets.sorted_rows import RowsTable, SortColumn, SortedRowsModel
from app.views.widgets.translatable import Retranslatable

log = logging.getLogger(__name__)

SEARCH_DELAY_MS = 150
SHOWN = 20


class PersonPicker(Retranslatable, QWidget):
    """A search box over the directory with the matches under it (20 at most).

    Down and Up move through the matches from the search box; Enter (or a double-click) picks
    the selected one, or the first. "Create new person…" opens the person's form and picks the
    person saved. ``picked`` says the id of the person chosen; ``chosen_id``/``chosen_name``
    keep it. ``notes`` (person id -> text) adds a remark to people, e.g. already registered.
    """

    picked = Signal(str)

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.chosen_id: str | None = None
        self.chosen_name = ""
        self._notes: dict[str, str] = {}
        self.search = QLineEdit(clearButtonEnabled=True)
        self.search.installEventFilter(self)
        self.model: SortedRowsModel[PersonRow] = SortedRowsModel(
            (
                SortColumn(lambda: _("Name"), lambda r: r.full_name, width=24),
                SortColumn(lambda: _("Organisations"), lambda r: r.organisations, width=24),
                SortColumn(lambda: _("E-mail or phone"), lambda r: r.email or r.phone, width=20),
                SortColumn(lambda: _("In this activity"), lambda r: self._notes.get(r.id, "")),
            ),
            self,
        )
        self.table = RowsTable(self.model)
        self.table.setMinimumHeight(160)
        self.status = paragraph()
        self.create_button = QPushButton()
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.create_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self.setFocusProxy(self.search)
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run_search)
        self.search.textChanged.connect(lambda _text: self._timer.start())
        self.table.row_activated.connect(self._pick_row)
        self.create_button.clicked.connect(self.create_person)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.search.setPlaceholderText(_("Type part of a name, an e-mail or a phone number"))
        self.search.setAccessibleName(_("Find a person"))
        self.search.setToolTip(_("Down arrow to go through the people found, Enter to choose"))
        self.table.setAccessibleName(_("People found"))
        self.create_button.setText(_("&Create new person…"))
        self.create_button.setToolTip(_("Add someone who is not in the directory yet"))
        self.model.retranslate()
        self._update_status()

    def set_notes(self, notes: Mapping[str, str]) -> None:
        """Remarks shown beside some people (e.g. "Registered" for those already in)."""
        self._notes = dict(notes)
        self.model.retranslate()

    def run_search(self) -> None:
        """Show the people matching what is typed now (nothing when nothing is typed)."""
        self._timer.stop()
        query = self.search.text().strip()
        self.model.set_rows(self.services.people.list(query, limit=SHOWN) if query else [])
        self.table.select(0 if self.model.rowCount() else None)
        self._update_status()

    def _update_status(self) -> None:
        count = self.model.rowCount()
        if self.chosen_id:
            text = _("Chosen: {name}").format(name=self.chosen_name)
        elif not self.search.text().strip():
            text = _("Type to find the person in the directory.")
        elif not count:
            text = _("No one in the directory matches. Add them with Create new person.")
        elif count >= SHOWN:
            text = _("The first {count} people found. Type more of the name to narrow.").format(
                count=format_number(count)
            )
        else:
            text = ngettext(
                "{count} person found. Press Enter to choose.",
                "{count} people found. Press Enter to choose the selected one.",
                count,
            ).format(count=format_number(count))
        self.status.setText(text)

    def choose(self, person_id: str, name: str) -> None:
        """Take ``person_id`` as chosen and say so."""
        self.chosen_id, self.chosen_name = person_id, name
        self._update_status()
        log.info("person picked: %s", person_id)
        self.picked.emit(person_id)

    def _pick_row(self, row: int) -> None:
        person = self.model.row_at(row)
        self.choose(person.id, person.full_name)

    def pick_current(self) -> bool:
        """Choose the selected match (searching first if typing has not been searched yet)."""
        if self._timer.isActive() or (self.search.text().strip() and not self.model.rowCount()):
            self.run_search()
        row = self.table.current_row()
        if row is None and self.model.rowCount():
            row = 0
        if row is None:
            return False
        self._pick_row(row)
        return True

    def create_person(self) -> None:
        """Open an empty person's form; the person saved is chosen."""
        from app.views import directory_tab  # the form, and all it needs, only when asked

        saved_id = directory_tab.open_person(self.services, None, self)
        if saved_id:
            self.choose(saved_id, self.services.people.get(saved_id).full_name)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                self._move(1 if event.key() == Qt.Key.Key_Down else -1)
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.search.text().strip():
                self.pick_current()
                return True  # never the dialog's default button: a person is picked first
        return super().eventFilter(watched, event)

    def _move(self, step: int) -> None:
        if self._timer.isActive():
            self.run_search()
        count = self.model.rowCount()
        if not count:
            return
        row = self.table.current_row()
        self.table.select(0 if row is None else max(0, min(count - 1, row + step)))
