"""A button that shows a colour and lets it be changed in the system colour dialog."""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor, QPixmap
from PySide6.QtWidgets import QColorDialog, QPushButton

from app.i18n import _
from app.services.profile import ProfileData

log = logging.getLogger(__name__)


class ColourButton(QPushButton):
    """A button showing a colour (swatch and code) that opens the system colour dialog.

    Holds the profile's document colour: ``changed`` is emitted when another colour is chosen.
    """

    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._colour = ProfileData().document_colour
        self.clicked.connect(self._on_clicked)

    def colour(self) -> str:
        return self._colour

    def set_colour(self, colour: str) -> None:
        self._colour = colour
        swatch = QPixmap(32, 16)
        swatch.fill(QColor(colour))
        self.setIcon(swatch)
        self.setText(colour)

    def _on_clicked(self) -> None:
        chosen = QColorDialog.getColor(QColor(self._colour), self, _("Document colour"))
        if chosen.isValid() and chosen.name().upper() != self._colour.upper():
            self.set_colour(chosen.name().upper())
            self.changed.emit()
