"""A label for running text: it wraps, shows text as given, and can be selected to copy."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel


def paragraph(*, selectable: bool = False, plain: bool = True) -> QLabel:
    """A wrapping label; ``plain`` shows the text as is (names and paths may hold any sign),
    ``selectable`` lets people copy it (a path, a version)."""
    label = QLabel()
    label.setWordWrap(True)
    if plain:
        label.setTextFormat(Qt.TextFormat.PlainText)
    if selectable:
        label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
    return label
