"""The conflicts inbox: what two laptops changed without seeing each other, and choosing what stays.

Every laptop lists the same conflicts; settling one here writes a change that every laptop takes
at its next sync, so the conflict closes everywhere.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import TejidoError
from app.i18n import _
from app.services.registry import Services
from app.services.sync.inbox import Conflict, Version
from app.views.errors import show_error
from app.views.sync.conflict_parts import EditValueDialog, VersionBox, is_short, version_texts
from app.views.sync.sync_words import (
    CODES,
    conflict_title,
    is_removal,
    laptop_name,
    when_text,
)
from app.views.widgets.paragraph import paragraph
from app.views.widgets.rows_table_model import RowsTableModel, TextColumn
from app.views.widgets.translatable import Retranslatable

log = logging.getLogger(__name__)


def open_conflicts_inbox(parent: QWidget, services: Services) -> None:
    """Show the conflicts inbox as a modal dialog."""
    ConflictsInboxDialog(services, parent).exec()


def button(slot: Callable[[], None]) -> QPushButton:
    """A button Enter in the list does not press (settling must be a choice)."""
    pushed = QPushButton(autoDefault=False)
    pushed.clicked.connect(lambda _checked=False: slot())
    return pushed


class ConflictsModel(RowsTableModel[Conflict]):
    """The open conflicts, one line each."""

    def __init__(self, parent=None):  # type: ignore[no-untyped-def]
        super().__init__([TextColumn(lambda: _("Conflict"), conflict_title)], parent)

    def tool_tip(self, row: Conflict) -> str:
        return conflict_title(row)


class ConflictsInboxDialog(Retranslatable, QDialog):
    """Open conflicts on the left; on the right the values side by side and the choices.

    ``settled`` counts the conflicts settled here, so the caller knows to read its lists again.
    """

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.settled = 0
        self.model = ConflictsModel(self)
        self.intro = paragraph()
        self.list = QListView(wordWrap=True, uniformItemSizes=False)
        self.list.setModel(self.model)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setSpacing(2)
        self.list.selectionModel().currentRowChanged.connect(self._on_list_current_changed)
        self.empty = QLabel(alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        self.heading = paragraph(selectable=True)
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading.setFont(font)
        self.explanation = paragraph()
        self.choices = QWidget()
        self.choices_row = QHBoxLayout(self.choices)
        self.choices_row.setContentsMargins(0, 0, 0, 0)
        self.edit_button = button(self._on_edit_clicked)
        self.keep_deleted_button = button(lambda: self._settle_deletion(restore=False))
        self.restore_button = button(lambda: self._settle_deletion(restore=True))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self._lay_out()
        self.resize(1000, 600)
        self.retranslate_ui()  # reads the conflicts

    def _lay_out(self) -> None:
        detail = QWidget()
        self.right = right = QVBoxLayout(detail)
        right.addWidget(self.heading)
        right.addWidget(self.explanation)
        right.addWidget(self.choices, 1)
        actions = QHBoxLayout()
        for widget in (self.edit_button, self.keep_deleted_button, self.restore_button):
            actions.addWidget(widget)
        actions.addStretch(1)
        right.addLayout(actions)
        right.addStretch(0)
        splitter = QSplitter(Qt.Orientation.Horizontal, childrenCollapsible=False)
        splitter.addWidget(self.list)
        splitter.addWidget(detail)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([330, 670])
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(splitter)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.buttons)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Sync conflicts"))
        self.intro.setText(
            _(
                "When two laptops change the same thing before they sync, Tejido uses the latest "
                "change and lists it here. Choose what to keep: every laptop will have it after "
                "its next sync."
            )
        )
        self.empty.setText(_("No conflicts: every laptop agrees."))
        self.list.setAccessibleName(_("Open conflicts"))
        self.edit_button.setText(_("&Edit…"))
        self.edit_button.setToolTip(_("Write the value to keep yourself"))
        self.keep_deleted_button.setText(_("&Keep deleted"))
        self.restore_button.setText(_("&Restore it with the edits"))
        # Read again: the service names the tables and fields in the language of the moment.
        self.refresh(max(self.list.currentIndex().row(), 0))

    # -- what is shown ------------------------------------------------------------------------

    def refresh(self, row: int = 0) -> None:
        """Read the open conflicts again and select the one at ``row`` (or the last)."""
        conflicts = self.services.sync.conflicts()
        conflicts.sort(key=lambda c: (c.table_label, c.record_label, c.kind, c.field_label))
        self.model.set_rows(conflicts)
        count = self.model.rowCount()
        self.stack.setCurrentIndex(1 if count else 0)
        if count:
            self.list.setCurrentIndex(self.model.index(min(row, count - 1), 0))
            self.list.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self._show(None)
            self.buttons.button(QDialogButtonBox.StandardButton.Close).setFocus()

    def current(self) -> Conflict | None:
        index = self.list.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _on_list_current_changed(self) -> None:
        self._show(self.current())

    def _show(self, conflict: Conflict | None) -> None:
        while self.choices_row.count():
            item = self.choices_row.takeAt(0)
            if item.widget() is not None:
                item.widget().hide()  # gone now, deleted once the event loop runs
                item.widget().deleteLater()
        field = conflict is not None and conflict.kind != "deleted"
        deleted = conflict is not None and conflict.kind == "deleted"
        # A code (a gender, a status) is chosen, never written by hand.
        self.edit_button.setVisible(field and (conflict.table, conflict.field) not in CODES)
        self.keep_deleted_button.setVisible(deleted)
        self.restore_button.setVisible(deleted)
        short = conflict is None or deleted or is_short(*version_texts(conflict))
        self.right.setStretch(2, 0 if short else 1)  # long texts take the height; short ones
        self.right.setStretch(4, 1 if short else 0)  # leave it below the buttons
        if conflict is None:
            self.heading.clear()
            self.explanation.clear()
        elif deleted:
            self._show_deletion(conflict)
        else:
            self._show_field(conflict)

    def _show_field(self, conflict: Conflict) -> None:
        self.heading.setText(conflict_title(conflict))
        if (conflict.table, conflict.field) in CODES:
            said = _(
                "More than one laptop changed this at the same time. For now Tejido uses the "
                "latest value (marked “In use now”): keep one of them."
            )
        else:
            said = _(
                "More than one laptop changed this at the same time. For now Tejido uses the "
                "latest value (marked “In use now”): keep one of them, or write another with "
                "Edit…"
            )
        self.explanation.setText(said)
        versions = [conflict.current, *conflict.others]
        short = is_short(*version_texts(conflict))
        versions.sort(key=lambda v: not v.is_this_laptop)  # this laptop's first: "mine"
        mine = any(v.is_this_laptop for v in versions)
        chain: list[QWidget] = [self.list]
        for version in versions:
            if mine and version.is_this_laptop:
                choice = _("Keep &mine")
            elif mine and len(versions) == 2:
                choice = _("Keep &theirs")
            else:
                choice = _("Keep this")
            box = VersionBox(conflict, version, short, choice)
            box.keep_button.clicked.connect(lambda _checked=False, v=version: self._keep(v))
            self.choices_row.addWidget(box, 1)
            chain += [box.text, box.keep_button]
        for before, after in zip(chain, [*chain[1:], self.edit_button], strict=True):
            QWidget.setTabOrder(before, after)  # boxes made now would otherwise come last

    def _show_deletion(self, conflict: Conflict) -> None:
        self.heading.setText(
            _("{kind} · {record}").format(kind=conflict.table_label, record=conflict.record_label)
        )
        deletion = conflict.current
        edit = conflict.others[0] if conflict.others else deletion
        if is_removal(conflict):
            said = _("It was deleted on {laptop}, {when}.")
            asked = _(
                "Meanwhile {laptop} changed it ({when}): {fields}. Keep it deleted, or restore it "
                "with those changes?"
            )
            self.keep_deleted_button.setText(_("&Keep deleted"))
        else:
            said = _("It was moved to the trash on {laptop}, {when}.")
            asked = _(
                "Meanwhile {laptop} changed it ({when}): {fields}. Keep it in the trash, or "
                "restore it with those changes?"
            )
            self.keep_deleted_button.setText(_("&Keep it in the trash"))
        deleted_on = laptop_name(deletion.device_name, deletion.is_this_laptop)
        edited_on = laptop_name(edit.device_name, edit.is_this_laptop)
        fields = ", ".join(conflict.edited_fields) or _("(nothing shown)")
        self.explanation.setText(
            said.format(laptop=deleted_on, when=when_text(deletion.when))
            + "\n\n"
            + asked.format(laptop=edited_on, when=when_text(edit.when), fields=fields)
        )

    # -- choices ------------------------------------------------------------------------------

    def _keep(self, version: Version) -> None:
        conflict = self.current()
        if conflict is not None:
            self._settle(lambda: self.services.sync.keep(conflict, version.value))

    def _on_edit_clicked(self) -> None:
        conflict = self.current()
        if conflict is not None and EditValueDialog(self.services, conflict, self).exec():
            self._settle(lambda: None)

    def _settle_deletion(self, *, restore: bool) -> None:
        conflict = self.current()
        if conflict is not None:
            self._settle(lambda: self.services.sync.settle_deletion(conflict, restore=restore))

    def _settle(self, change: Callable[[], None]) -> None:
        row = max(self.list.currentIndex().row(), 0)
        try:
            change()
        except TejidoError as error:
            show_error(self, error)
        else:
            self.settled += 1
        self.refresh(row)
