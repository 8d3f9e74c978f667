"""An image field with a preview: choose a file (or drop one on it), or remove the image."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.errors import ValidationError
from app.i18n import _
from app.services.profile import MAX_IMAGE_BYTES, check_image
from app.views.widgets.translatable import Retranslatable

log = logging.getLogger(__name__)

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif"}


class ImagePicker(Retranslatable, QWidget):
    """One image (PNG, JPEG or GIF, at most 2 MB) kept as its file bytes, shown as a preview.

    A file that is not such an image is refused with a message under the preview, and the image
    shown before is kept. ``changed`` is emitted whenever the image is chosen or removed by the
    person (not when set from code).
    """

    changed = Signal()

    def __init__(self, field: str, parent: QWidget | None = None, preview: QSize | None = None):
        super().__init__(parent)
        self._field = field
        self._data: bytes | None = None
        self._subject = ""
        self._problem = ""
        self.preview = QLabel()
        self.preview.setFrameShape(QFrame.Shape.StyledPanel)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setFixedSize(preview or QSize(180, 100))
        self.preview.setWordWrap(True)
        self.choose_button = QPushButton()
        self.choose_button.clicked.connect(self._on_choose_button_clicked)
        self.remove_button = QPushButton()
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        buttons = QVBoxLayout()
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.preview, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(buttons)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.setFocusProxy(self.choose_button)
        self.setAcceptDrops(True)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.choose_button.setText(_("Choose a file…"))
        self.remove_button.setText(_("Remove"))
        subject = self._subject or _("Image")
        self.choose_button.setAccessibleName(_("{subject}: choose a file").format(subject=subject))
        self.remove_button.setAccessibleName(_("{subject}: remove").format(subject=subject))
        self.preview.setAccessibleName(_("{subject}: preview").format(subject=subject))
        self.choose_button.setToolTip(_("PNG, JPEG or GIF, at most 2 MB."))
        self._show_preview()

    def set_subject(self, subject: str) -> None:
        """Name what the image is (``Logo``) for screen readers; call it from ``retranslate_ui``."""
        self._subject = subject
        self.retranslate_ui()

    # -- value ------------------------------------------------------------------------------

    def image_bytes(self) -> bytes | None:
        return self._data

    def set_image_bytes(self, data: bytes | None) -> None:
        """Show ``data`` (from the saved profile); does not emit ``changed``."""
        self._data = data or None
        self.show_problem("")
        self._show_preview()

    def load_file(self, path: Path) -> bool:
        """Take the image in ``path``; False (and a message by the field) when it is refused.

        The size is checked before reading, so a huge file chosen by mistake is never loaded.
        """
        try:
            if path.stat().st_size > MAX_IMAGE_BYTES:
                raise ValidationError(
                    _("The image is larger than 2 MB; use a smaller one."), field=self._field
                )
            data = check_image(path.read_bytes(), self._field)
        except OSError:
            log.warning("image file could not be read")
            self.show_problem(
                _("The file {name} could not be read. The image shown before was kept.").format(
                    name=path.name
                )
            )
            return False
        except ValidationError as error:
            self.show_problem(str(error))
            return False
        if data is None:
            self.show_problem(_("The file {name} is empty.").format(name=path.name))
            return False
        self._data = data
        self.show_problem("")
        self._show_preview()
        self.changed.emit()
        return True

    def show_problem(self, text: str) -> None:
        """Show ``text`` under the preview (empty hides it)."""
        self._problem = text
        self.message.setText(text)
        self.message.setVisible(bool(text))
        self.choose_button.setAccessibleDescription(text)

    def problem(self) -> str:
        return self._problem

    def _show_preview(self) -> None:
        self.remove_button.setEnabled(self._data is not None)
        if self._data is None:
            self.preview.setPixmap(QPixmap())
            self.preview.setText(_("No image"))
            return
        pixmap = QPixmap()
        if not pixmap.loadFromData(self._data):
            self.preview.setPixmap(QPixmap())
            self.preview.setText(_("This image cannot be shown here."))
            return
        size = self.preview.contentsRect().size()
        self.preview.setPixmap(
            pixmap.scaled(
                size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
        )

    # -- slots ------------------------------------------------------------------------------

    def _on_choose_button_clicked(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            _("Choose an image"),
            "",
            _("Images (*.png *.jpg *.jpeg *.gif)") + ";;" + _("All files (*)"),
        )
        if path:
            self.load_file(Path(path))

    def _on_remove_button_clicked(self) -> None:
        self._data = None
        self.show_problem("")
        self._show_preview()
        self.changed.emit()
        self.choose_button.setFocus()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt's name)
        if _dropped_file(event) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt's name)
        path = _dropped_file(event)
        if path is not None:
            event.acceptProposedAction()
            self.load_file(path)


def _dropped_file(event: QDragEnterEvent | QDropEvent) -> Path | None:
    urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
    if len(urls) == 1 and urls[0].isLocalFile():
        path = Path(urls[0].toLocalFile())
        if path.suffix.lower() in IMAGE_SUFFIXES:
            return path
    return None
