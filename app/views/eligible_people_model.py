"""The people who may receive a certificate, each with a tick box (all ticked at first)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal

from app.i18n import _, format_number
from app.services.certificates import EligiblePerson
from app.views.certificate_words import hours_text
from app.views.widgets.rows_table_model import Index, RowsTableModel, TextColumn

log = logging.getLogger(__name__)


def sessions_text(person: EligiblePerson) -> str:
    return _("{attended} of {total}").format(
        attended=format_number(person.sessions_attended),
        total=format_number(person.sessions_total),
    )


def has_one_text(person: EligiblePerson) -> str:
    return _("✔ Has one (a new one replaces it)") if person.has_certificate else ""


ELIGIBLE_COLUMNS: tuple[TextColumn[EligiblePerson], ...] = (
    TextColumn(lambda: _("Person"), lambda p: p.full_name),
    TextColumn(lambda: _("Organisation"), lambda p: p.organisation_name),
    TextColumn(lambda: _("Hours"), lambda p: hours_text(p.minutes), right=True),
    TextColumn(lambda: _("Sessions"), sessions_text, right=True),
    TextColumn(lambda: _("Certificate"), has_one_text),
)


class EligiblePeopleModel(RowsTableModel[EligiblePerson]):
    """Eligible people; the first column's box says whether they get a certificate now.

    ``checked_changed`` is emitted whenever the set of ticked people changes."""

    checked_changed = Signal()

    def __init__(self, parent=None):  # type: ignore[no-untyped-def]
        super().__init__(ELIGIBLE_COLUMNS, parent)
        self._checked: set[str] = set()

    def set_rows(self, rows: Sequence[EligiblePerson]) -> None:
        """Show ``rows``, every one ticked."""
        self._checked = {row.person_id for row in rows}
        super().set_rows(rows)
        self.checked_changed.emit()

    def checked_ids(self) -> list[str]:
        """The ticked people's ids, in the order shown."""
        return [row.person_id for row in self._rows if row.person_id in self._checked]

    def already_issued(self) -> int:
        """How many ticked people have a certificate of this kind already."""
        return sum(1 for r in self._rows if r.person_id in self._checked and r.has_certificate)

    def set_all(self, checked: bool) -> None:
        """Tick (or untick) everyone."""
        self._checked = {row.person_id for row in self._rows} if checked else set()
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0),
                self.index(len(self._rows) - 1, 0),
                [Qt.ItemDataRole.CheckStateRole],
            )
        self.checked_changed.emit()

    def toggle(self, row: int) -> None:
        """Tick or untick the person on ``row``."""
        if 0 <= row < len(self._rows):
            checked = self._rows[row].person_id in self._checked
            self.setData(self.index(row, 0), not checked, Qt.ItemDataRole.CheckStateRole)

    # -- Qt's model interface ------------------------------------------------------------------

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == 0:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.CheckStateRole:
            if not index.isValid() or index.column() != 0 or index.row() >= len(self._rows):
                return None
            ticked = self._rows[index.row()].person_id in self._checked
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        return super().data(index, role)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid() or index.column() != 0:
            return False
        person_id = self._rows[index.row()].person_id
        if value in (True, Qt.CheckState.Checked, Qt.CheckState.Checked.value):
            self._checked.add(person_id)
        else:
            self._checked.discard(person_id)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.checked_changed.emit()
        return True
