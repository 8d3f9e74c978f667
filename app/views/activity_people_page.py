"""The People page of an activity's panel: who is registered (attendees, facilitators, experts,
organisers, volunteers), the waiting list, and adding, changing or cancelling registrations."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import UTC, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QMenu,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import TejidoError
from app.i18n import _, format_datetime, format_number
from app.services.activities import ActivityData
from app.services.registrations import RegistrationRow
from app.services.registry import Services
from app.services.vocabulary import REGISTRATION_ROLES, REGISTRATION_STATUSES
from app.views.errors import show_error
from app.views.widgets.choices import choice_label
from app.views.widgets.paragraph import paragraph
from app.views.widgets.sorted_rows import RowsTable, SortColumn, SortedRowsModel
from app.views.widgets.translatable import Retranslatable

log = logging.getLogger(__name__)

HOLDING_PLACE = ("invited", "registered")


def local_time(value: datetime) -> datetime:
    """A stored UTC time as the computer's local time."""
    return value.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


def waiting_positions(rows: Sequence[RegistrationRow]) -> dict[str, int]:
    """Place on the waiting list (1 = next to get a place) by registration id."""
    waiting = sorted(
        (r for r in rows if r.status == "waiting_list"), key=lambda r: (r.registered_at, r.id)
    )
    return {r.id: number for number, r in enumerate(waiting, start=1)}


def _order(table: dict[str, str], code: str) -> int:
    return list(table).index(code) if code in table else len(table)


class ActivityPeoplePage(Retranslatable, QWidget):
    """Everyone registered in one activity with their organisation, role and status; sorted by
    any column (by role to see the facilitators and experts together).

    Add person (Ctrl+Shift+N) finds someone in the directory or creates them. Cancelling gives
    the freed place to the first person on the waiting list, and says who. ``changed`` is
    emitted after any change.
    """

    changed = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.activity: ActivityData | None = None
        self.registrations: list[RegistrationRow] = []
        self._positions: dict[str, int] = {}
        self._editable = True
        self.model: SortedRowsModel[RegistrationRow] = SortedRowsModel(self._columns(), self)
        self.table = RowsTable(self.model)
        self.summary, self.notice = paragraph(), paragraph()
        self.add_button, self.edit_button = QPushButton(), QPushButton()
        self.cancel_button, self.more_button = QPushButton(), QPushButton()
        more = QMenu(self.more_button)
        self.person_action, self.remove_action = more.addAction(""), more.addAction("")
        self.more_button.setMenu(more)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.cancel_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.more_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.notice)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self.add_person)
        self.edit_button.clicked.connect(self.edit_registration)
        self.cancel_button.clicked.connect(self.cancel_registration)
        self.remove_action.triggered.connect(self.remove_registration)
        self.person_action.triggered.connect(self.open_person)
        self.table.row_activated.connect(lambda _row: self.edit_registration())
        delete = QShortcut(QKeySequence.StandardKey.Delete, self.table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.remove_registration)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.retranslate_ui()

    def _columns(self) -> tuple[SortColumn, ...]:
        return (
            SortColumn(lambda: _("Name"), lambda r: r.full_name, width=24),
            SortColumn(
                lambda: _("Status"),
                self._status_text,
                key=lambda r: (
                    _order(REGISTRATION_STATUSES, r.status),
                    self._positions.get(r.id, 0),
                ),
                width=16,
            ),
            SortColumn(
                lambda: _("Role"),
                lambda r: choice_label(REGISTRATION_ROLES, r.role),
                key=lambda r: _order(REGISTRATION_ROLES, r.role),
                width=12,
            ),
            SortColumn(lambda: _("Organisation"), lambda r: r.organisation_name, width=22),
            SortColumn(
                lambda: _("Registered on"),
                lambda r: format_datetime(local_time(r.registered_at), "short"),
                key=lambda r: r.registered_at,
            ),
        )

    def _status_text(self, row: RegistrationRow) -> str:
        if row.id in self._positions:
            return _("Waiting list ({position})").format(position=self._positions[row.id])
        return choice_label(REGISTRATION_STATUSES, row.status)

    def retranslate_ui(self) -> None:
        self.add_button.setText(_("Add person…"))
        self.add_button.setToolTip(
            _("Register someone from the directory, or someone new (Ctrl+Shift+N)")
        )
        self.edit_button.setText(_("Edit re&gistration…"))
        self.edit_button.setToolTip(_("Change the organisation, role or status (Enter)"))
        self.cancel_button.setText(_("Cancel reg&istration"))
        self.cancel_button.setToolTip(
            _("Keep them in the list as cancelled; the waiting list moves up")
        )
        self.more_button.setText(_("More"))
        self.more_button.setToolTip(_("Open the person's record, or remove a registration"))
        self.person_action.setText(_("Open the person's record…"))
        self.remove_action.setText(_("Remove from the activity (made by mistake)"))
        self.remove_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.remove_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.table.setAccessibleName(_("People registered"))
        self.model.retranslate()
        self._update_summary()

    # -- what is shown --------------------------------------------------------------------------

    def set_activity(
        self, activity: ActivityData | None, registrations: Sequence[RegistrationRow]
    ) -> None:
        """Remember what to show; :meth:`reload` shows it."""
        self.activity, self.registrations = activity, list(registrations)

    def reload(self) -> None:
        selected = self.table.current()
        self._positions = waiting_positions(self.registrations)
        self.model.set_rows(self.registrations)
        self.select_registration(selected.id if selected else None)
        self._update_summary()
        self._update_buttons()

    def select_registration(self, registration_id: str | None) -> None:
        """Select that registration, or the first one when it is not in the list."""
        row = self.model.row_where(lambda r: r.id == registration_id)
        self.table.select(row if row is not None else 0)

    def _update_summary(self) -> None:
        if self.activity is None:
            self.summary.clear()
        elif not self.registrations:
            self.summary.setText(_("No one is registered yet. Add people with Add person."))
        else:
            self.summary.setText(
                _("Click a column title to sort: Role puts the facilitators and experts together.")
            )

    def set_editable(self, editable: bool) -> None:
        """Allow changes (not for an activity in the trash)."""
        self._editable = editable
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = self.table.current()
        can = self._editable and self.activity is not None
        self.add_button.setEnabled(can)
        self.edit_button.setEnabled(can and row is not None)
        self.cancel_button.setEnabled(can and row is not None and row.status != "cancelled")
        self.remove_action.setEnabled(can and row is not None)
        self.person_action.setEnabled(row is not None)

    # -- actions --------------------------------------------------------------------------------

    def add_person(self) -> None:
        """Find or create a person and register them (role, organisation, status)."""
        if self.activity is None or self.activity.id is None or not self.add_button.isEnabled():
            return
        from app.views.dialogs.registration_dialog import RegistrationDialog

        dialog = RegistrationDialog(self.services, self.activity.id, None, self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.registration is None:
            return
        saved = dialog.registration
        self._refetch()
        self.select_registration(saved.id)
        if saved.status == "waiting_list":
            position = waiting_positions(self.registrations).get(saved.id, 0)
            self.notice.setText(
                _("The activity is full: {name} is number {position} on the waiting list.").format(
                    name=saved.full_name, position=format_number(position)
                )
            )
        else:
            self.notice.setText(_("{name} is registered.").format(name=saved.full_name))
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def edit_registration(self) -> None:
        row = self.table.current()
        if row is None or self.activity is None or not self.edit_button.isEnabled():
            return
        from app.views.dialogs.registration_dialog import RegistrationDialog

        try:
            dialog = RegistrationDialog(self.services, self.activity.id, row, self)
        except TejidoError as error:
            show_error(self, error)
            return
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._after_change(dialog.promoted_person_id)

    def cancel_registration(self) -> None:
        """Mark the selected registration cancelled (after asking); the waiting list moves up."""
        question = _(
            "Cancel the registration of {name}? They stay in the list as cancelled, and the "
            "first person on the waiting list gets the place."
        )
        done = _("The registration of {name} is cancelled.")
        self._change(self.cancel_button, _("Cancel registration"), question, done, self._cancel)

    def remove_registration(self) -> None:
        """Take out a registration made by mistake (after asking); attendance is kept."""
        question = _(
            "Take {name} out of this activity? Do this for a registration made by mistake; to "
            "keep a record that they cancelled, use Cancel registration instead."
        )
        done = _("{name} was taken out of the activity.")
        self._change(
            self.remove_action,
            _("Remove"),
            question,
            done,
            lambda row: self.services.registrations.remove(row.id),
        )

    def _cancel(self, row: RegistrationRow) -> str | None:
        return self.services.registrations.update(
            row.id,
            organisation_id=row.organisation_id,
            role=row.role,
            status="cancelled",
            heard_from=row.heard_from,
        )

    def _change(self, button, title: str, question: str, done: str, change) -> None:  # type: ignore[no-untyped-def]
        """Ask ``question`` about the selected row, make the change, say ``done`` and who got
        a freed place."""
        row = self.table.current()
        if row is None or not button.isEnabled():
            return
        answer = QMessageBox.question(self, title, question.format(name=row.full_name))
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            promoted = change(row)
        except TejidoError as error:
            show_error(self, error)
            return
        self.notice.setText(done.format(name=row.full_name))
        self._after_change(promoted)

    def open_person(self) -> None:
        row = self.table.current()
        if row is None:
            return
        from app.views import directory_tab

        if directory_tab.open_person(self.services, row.person_id, self):
            self._refetch()

    def _refetch(self) -> None:
        """Read the registrations again, show them, and tell the panel."""
        if self.activity is not None and self.activity.id is not None:
            self.registrations = self.services.registrations.list(self.activity.id)
        self.reload()
        self.changed.emit()

    def _after_change(self, promoted_person_id: str | None) -> None:
        self._refetch()
        if promoted_person_id is None:
            return
        name = (
            next((r.full_name for r in self.registrations if r.person_id == promoted_person_id), "")
            or self.services.people.get(promoted_person_id).full_name
        )
        message = _(
            "A place was freed: {name} was first on the waiting list and is now registered. "
            "Let them know."
        ).format(name=name)
        self.notice.setText(message)
        QMessageBox.information(self, _("Waiting list"), message)
