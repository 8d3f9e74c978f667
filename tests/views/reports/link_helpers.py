"""Answering the search of a :class:`LinkField` (a modal dialog) from a test."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from app.views.reports.link_field import SearchChoiceDialog


def open_search() -> SearchChoiceDialog:
    """The search dialog on show now."""
    return next(
        widget
        for widget in QApplication.topLevelWidgets()
        if isinstance(widget, SearchChoiceDialog) and widget.isVisible()
    )


def choose_in_search(typed: str, offered: list[list[str]]) -> None:
    """When the next search dialog opens: note in ``offered`` what it lists before anything is
    typed, type ``typed`` and choose the first one found (OK)."""

    def act() -> None:
        search = open_search()
        offered.append([search.results.item(i).text() for i in range(search.results.count())])
        search.search.setText(typed)
        search.read()
        search.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    QTimer.singleShot(0, act)
