"""Widgets that follow a language change while the program runs."""

from __future__ import annotations

from PySide6.QtCore import QEvent


class Retranslatable:
    """Mix into a QWidget subclass (first base) that defines ``retranslate_ui()``.

    Qt sends ``LanguageChange`` to every widget when the language is switched from the menu; the
    widget then sets all its texts again through ``_``.
    """

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()  # type: ignore[attr-defined]
        super().changeEvent(event)  # type: ignore[misc]
