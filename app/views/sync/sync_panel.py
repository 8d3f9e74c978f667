"""The sync panel: where this laptop syncs, when it last did, the other laptops, files waiting for
review or not complete yet, and changes not sent yet. It stays open beside the window and follows
every pass (automatic or not)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import ValidationError
from app.i18n import _, format_number, ngettext
from app.services.sync.service import HeldBatch, SyncStatus
from app.views.sync.sync_models import (
    DevicesTableModel,
    HeldTableModel,
    IncompleteTableModel,
    ago,
    brought_words,
    count_lines,
    exact,
)
from app.views.widgets.form_fields import FormFields
from app.views.widgets.paragraph import paragraph
from app.views.widgets.translatable import Retranslatable

if TYPE_CHECKING:
    from app.views.sync.sync_runner import SyncRunner

log = logging.getLogger(__name__)

TICK_MS = 30_000  # "2 minutes ago" moves on while the panel is open


def _table(model, rows: int) -> QTableView:  # type: ignore[no-untyped-def]
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setCornerButtonEnabled(False)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    lines = table.verticalHeader().defaultSectionSize() * rows
    table.setMinimumHeight(header.sizeHint().height() + lines + 2 * table.frameWidth())
    return table


def _button(slot) -> QPushButton:  # type: ignore[no-untyped-def]
    button = QPushButton()
    button.setAutoDefault(False)
    button.clicked.connect(lambda _checked=False: slot())
    return button


class SyncPanel(Retranslatable, QDialog):
    """The state of sync on this laptop (non-modal); ``refresh()`` reads it again."""

    def __init__(self, runner: SyncRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.runner = runner
        self.sync = runner.sync
        self.status: SyncStatus | None = None
        self.fields = FormFields()
        self.folder = paragraph(selectable=True)
        self.last_sync = QLabel()
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(100)
        self.name_edit.returnPressed.connect(self._on_rename_clicked)
        self.rename_button = _button(self._on_rename_clicked)
        self.pending = paragraph()
        self.brought = paragraph()
        self.devices_model = DevicesTableModel(self)
        self.devices = _table(self.devices_model, 3)
        self.held_box, self.held_intro = QGroupBox(), paragraph()
        self.held_model = HeldTableModel(self)
        self.held = _table(self.held_model, 1)
        self.review_button = _button(self._on_review_clicked)
        self.incomplete_box, self.incomplete_intro = QGroupBox(), paragraph()
        self.incomplete_model = IncompleteTableModel(self)
        self.incomplete = _table(self.incomplete_model, 1)
        self.sync_now_button = _button(runner.sync_now)
        self.conflicts_button = _button(runner.open_conflicts)
        self.settings_button = _button(runner.open_setup)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.close)
        self.devices_box = QGroupBox()
        self._lay_out()
        self.tick = QTimer(self, interval=TICK_MS)
        self.tick.timeout.connect(self._show_times)
        runner.changed.connect(self.refresh)
        self.resize(760, 620)
        self.retranslate_ui()

    def _lay_out(self) -> None:
        name_row = QWidget()
        line = QHBoxLayout(name_row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.name_edit, 1)
        line.addWidget(self.rename_button)
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.row_labels = [QLabel() for _row in range(4)]
        self.form.addRow(self.row_labels[0], self.folder)
        self.form.addRow(self.row_labels[1], self.last_sync)
        self.fields.add(self.form, "device_name", name_row)
        self.fields.labels["device_name"].setBuddy(self.name_edit)
        self.form.addRow(self.row_labels[2], self.pending)
        self.form.addRow(self.row_labels[3], self.brought)
        QVBoxLayout(self.devices_box).addWidget(self.devices)
        held = QVBoxLayout(self.held_box)
        held.addWidget(self.held_intro)
        held.addWidget(self.held)
        review = QHBoxLayout()
        review.addWidget(self.review_button)
        review.addStretch(1)
        held.addLayout(review)
        incomplete = QVBoxLayout(self.incomplete_box)
        incomplete.addWidget(self.incomplete_intro)
        incomplete.addWidget(self.incomplete)
        actions = QHBoxLayout()
        for button in (self.sync_now_button, self.conflicts_button, self.settings_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.devices_box, 1)
        layout.addWidget(self.held_box, 1)
        layout.addWidget(self.incomplete_box, 1)
        layout.addLayout(actions)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Sync"))
        labels = (_("Shared folder:"), _("Last sync:"), _("Not sent yet:"), _("Last sync brought:"))
        for label, text in zip(self.row_labels, labels, strict=True):
            label.setText(text)
        self.fields.set_texts({"device_name": _("This &laptop:")})
        self.name_edit.setAccessibleName(_("This laptop's name"))
        self.rename_button.setText(_("&Rename"))
        self.rename_button.setAccessibleName(_("Rename this laptop"))
        self.devices_box.setTitle(_("Laptops syncing through this folder"))
        self.devices.setAccessibleName(_("Laptops"))
        self.held_box.setTitle(_("Files waiting for you"))
        self.held_intro.setText(
            _(
                "These files from other laptops would remove many records here. Nothing of "
                "them is applied until you review them."
            )
        )
        self.held.setAccessibleName(_("Files waiting for review"))
        self.review_button.setText(_("Re&view…"))
        self.incomplete_box.setTitle(_("Incomplete files"))
        self.incomplete_intro.setText(
            _(
                "These change files are still being copied into the shared folder, or are "
                "damaged. Tejido tries again at every sync; it never deletes them."
            )
        )
        self.incomplete.setAccessibleName(_("Incomplete files"))
        self.sync_now_button.setText(_("Sync &now"))
        self.settings_button.setText(_("&Settings…"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        for model in (self.devices_model, self.held_model, self.incomplete_model):
            model.retranslate()
        self._show()

    # -- what is shown --------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the state of sync again and show it."""
        if not self.isVisible() and self.status is not None:
            return  # read when shown again
        self.status = self.sync.status()
        self.devices_model.set_rows(self.status.devices)
        self.held_model.set_rows(self.status.held)
        self.incomplete_model.set_rows(self.status.incomplete)
        if self.held_model.rowCount():
            self.held.selectRow(0)
        if not self.name_edit.isModified():  # keep a new name being typed
            self.name_edit.setText(self.status.settings.device_name)
        self._show()

    def _show(self) -> None:
        status = self.status
        if status is None:
            return
        self.folder.setText(status.settings.folder)
        pending = status.pending
        self.pending.setText(
            ngettext(
                "{count} change made here is not sent yet.",
                "{count} changes made here are not sent yet.",
                pending,
            ).format(count=format_number(pending))
            if pending
            else _("Every change made here has been sent.")
        )
        brought = status.last_summary.get("brought") or {}
        self.brought.setToolTip("\n".join(count_lines(brought)))
        if status.last_pass_at is None:
            self.brought.setText(_("Nothing yet: this laptop has not synced yet."))
        else:
            self.brought.setText(
                brought_words(brought) if brought else _("Nothing new from the other laptops.")
            )
        self.held_box.setVisible(bool(status.held))
        self.incomplete_box.setVisible(bool(status.incomplete))
        count = self.runner.conflicts
        self.conflicts_button.setText(
            _("&Conflicts ({count})…").format(count=count) if count else _("&Conflicts…")
        )
        self._show_times()

    def _show_times(self) -> None:
        if self.status is None:
            return
        self.last_sync.setText(ago(self.status.last_pass_at))
        self.last_sync.setToolTip(exact(self.status.last_pass_at))
        self.devices_model.retranslate()
        self.incomplete_model.retranslate()

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self.sync_now_button.setFocus()  # not the name: a key typed must not rename the laptop
        self.tick.start()

    def hideEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 (Qt's name)
        self.tick.stop()
        super().hideEvent(event)

    # -- actions --------------------------------------------------------------------------------

    def _on_rename_clicked(self) -> None:
        self.fields.clear("device_name")
        try:
            self.sync.rename_device(self.name_edit.text())
        except ValidationError as error:
            self.fields.show_error("device_name", str(error))
            self.name_edit.setFocus()
            return
        self.name_edit.setModified(False)
        self.runner.update_state()

    def selected_held(self) -> HeldBatch | None:
        rows = self.held.selectionModel().selectedRows()
        return self.held_model.row_at(rows[0].row()) if rows else None

    def _on_review_clicked(self) -> None:
        batch = self.selected_held()
        if batch is None:
            return
        if review_held(self, batch):
            self.runner.apply_held([batch.sha256])


def review_held(parent: QWidget, batch: HeldBatch) -> bool:
    """Ask about one held file: True when the person chooses to apply it."""
    removed = sum(batch.deletions.values())
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(_("A file from {laptop}").format(laptop=batch.device_name))
    box.setText(
        ngettext(
            "{laptop} removed {count} record that is still here:",
            "{laptop} removed {count} records that are still here:",
            removed,
        ).format(laptop=batch.device_name, count=format_number(removed))
        + "\n\n"
        + "\n".join(f"• {line}" for line in count_lines(batch.deletions))
    )
    box.setInformativeText(
        _(
            "Apply removes them here too, with the other changes of that file. Not now keeps "
            "the file waiting: nothing of it is applied until you choose Apply."
        )
    )
    apply = box.addButton(_("Apply"), QMessageBox.ButtonRole.AcceptRole)
    not_now = box.addButton(_("Not now"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(not_now)
    box.exec()
    return box.clickedButton() is apply
