"""Setting up sync on this laptop: the shared folder, this laptop's name; or stopping sync.

Setting up looks at every record once (a while on years of data), so it runs in the background
with a progress dialog. A problem is shown under the field it is about and the dialog stays open.
"""

from __future__ import annotations

import logging
import platform
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import ValidationError
from app.i18n import _
from app.services.sync.service import SyncService
from app.views.errors import show_error
from app.views.widgets.form_fields import FormFields
from app.views.widgets.paragraph import paragraph
from app.views.widgets.translatable import Retranslatable
from app.views.workers import run_job

log = logging.getLogger(__name__)


class SetupDialog(Retranslatable, QDialog):
    """Choose the shared folder and this laptop's name, then OK sets sync up.

    After ``exec()``: ``set_up`` is True when sync was set up (a first pass is then due),
    ``turned_off`` when the person stopped syncing.
    """

    def __init__(self, sync: SyncService, parent: QWidget | None = None):
        super().__init__(parent)
        self.sync = sync
        self.current = sync.settings()
        self.set_up = False
        self.turned_off = False
        self.busy = False
        self.intro = paragraph()
        self.fields = FormFields()
        self.folder_edit = QLineEdit(self.current.folder)
        self.browse_button = QPushButton()
        self.browse_button.setAutoDefault(False)
        self.browse_button.clicked.connect(self._on_browse_button_clicked)
        self.name_edit = QLineEdit(self.current.device_name or platform.node())
        self.name_edit.setMaxLength(100)
        self.stop_button = QPushButton()
        self.stop_button.setAutoDefault(False)
        self.stop_button.clicked.connect(self._on_stop_button_clicked)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.stop_button.setVisible(self.current.enabled)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._lay_out()
        self.retranslate_ui()
        self.resize(max(640, self.sizeHint().width()), self.sizeHint().height())

    def _lay_out(self) -> None:
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.folder_edit, 1)
        line.addWidget(self.browse_button)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.fields.add(form, "folder", row)
        self.fields.add(form, "device_name", self.name_edit)
        self.fields.labels["folder"].setBuddy(self.folder_edit)
        bottom = QHBoxLayout()
        bottom.addWidget(self.stop_button)  # apart from OK, not to be pressed by mistake
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addLayout(bottom)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Sync settings") if self.current.enabled else _("Set up sync"))
        self.intro.setText(
            _(
                "Choose the same shared folder on every laptop: a OneDrive, Dropbox, Nextcloud "
                "or Syncthing folder, a network share or a USB stick. Tejido keeps its data in "
                "this laptop and only exchanges change files through that folder."
            )
        )
        self.fields.set_texts({"folder": _("Shared &folder:"), "device_name": _("This &laptop:")})
        self.folder_edit.setAccessibleName(_("Shared folder"))
        self.folder_edit.setPlaceholderText(_("The folder every laptop shares"))
        self.name_edit.setToolTip(_("How the other laptops name this one, e.g. “Office laptop”"))
        self.browse_button.setText(_("&Choose…"))
        self.browse_button.setAccessibleName(_("Choose the shared folder"))
        self.stop_button.setText(_("S&top syncing…"))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("&Save") if self.current.enabled else _("&Start syncing"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))

    # -- actions --------------------------------------------------------------------------------

    def _on_browse_button_clicked(self) -> None:
        start = self.folder_edit.text().strip() or str(Path.home())
        chosen = QFileDialog.getExistingDirectory(self, _("Choose the shared folder"), start)
        if chosen:
            self.folder_edit.setText(str(Path(chosen)))
            self.fields.clear("folder")

    def accept(self) -> None:
        """Set sync up in the background; close when it is done, stay open on a problem."""
        if self.busy:
            return
        self.fields.clear_all()
        text = self.folder_edit.text().strip()
        if not text:
            self._show_problem(ValidationError(_("Choose a shared folder."), field="folder"))
            return
        folder, name = Path(text).expanduser(), self.name_edit.text()
        self.busy = True
        self.buttons.setEnabled(False)
        run_job(
            self,
            _(
                "Preparing sync… Tejido looks at every record once; on a lot of data it "
                "takes a while."
            ),
            lambda progress, _cancelled: self.sync.set_up(folder, name, progress),
            self._on_set_up,
            self._on_failed,
            cancellable=False,
        )

    def _on_set_up(self, _settings: object) -> None:
        self.busy = False
        self.buttons.setEnabled(True)
        self.set_up = True
        log.info("sync set up")
        super().accept()

    def _on_failed(self, error: BaseException) -> None:
        self.busy = False
        self.buttons.setEnabled(True)
        if isinstance(error, ValidationError):
            self._show_problem(error)
        else:
            show_error(self, error)

    def _show_problem(self, error: ValidationError) -> None:
        key = error.field if error.field in self.fields.errors else "folder"
        self.fields.show_error(key, str(error))
        self.resize(self.width(), max(self.height(), self.sizeHint().height()))  # room for it
        (self.folder_edit if key == "folder" else self.name_edit).setFocus()

    def reject(self) -> None:
        if not self.busy:
            super().reject()

    def _on_stop_button_clicked(self) -> None:
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(
            self,
            _("Stop syncing"),
            _(
                "Stop syncing this laptop? Its data stays here as it is, and the files in the "
                "shared folder are left alone. Changes made from now on are kept and sent when "
                "sync is set up again."
            ),
            buttons.Yes | buttons.Cancel,
            buttons.Cancel,
        )
        if answer != buttons.Yes:
            return
        try:
            self.sync.turn_off()
        except ValidationError as error:
            show_error(self, error)
            return
        self.turned_off = True
        log.info("sync turned off")
        super().accept()
