"""The name of whoever uses Tejido on this computer, remembered between sessions: it is written
as who took attendance and who issued certificates."""

from __future__ import annotations

from PySide6.QtCore import QSettings

KEY = "user/name"


def your_name() -> str:
    """The name last given, or an empty string."""
    return str(QSettings().value(KEY, "") or "")


def remember_your_name(name: str) -> None:
    """Remember ``name`` (when not empty) for next time."""
    if name.strip():
        QSettings().setValue(KEY, name.strip())
