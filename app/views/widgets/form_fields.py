"""Labelled form rows whose field shows a problem in plain words just under it, as you type."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import ValidationError

log = logging.getLogger(__name__)

WARNING_SIGN = "⚠"


def problem_style(widget: QWidget) -> str:
    """A readable style for a problem's text on the widget's background (light or dark)."""
    light = widget.palette().window().color().lightness() > 128
    return f"color: {'#B3261E' if light else '#FF8A80'}; font-weight: bold;"


def int_edit(maximum: int) -> QLineEdit:
    """A line edit for a whole number from 0 to ``maximum`` that may be left empty."""
    edit = QLineEdit()
    edit.setValidator(QIntValidator(0, maximum, edit))
    edit.setMaxLength(len(str(maximum)))
    return edit


def int_value(edit: QLineEdit) -> int | None:
    text = edit.text().strip()
    return int(text) if text.isdigit() else None


def text_box(lines: int = 3) -> QPlainTextEdit:
    """A small multi-line box where Tab moves on to the next field (keyboard users expect it)."""
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 14)
    return box


class FormFields:
    """The fields of a form by key (the service's field names), with their labels and problems."""

    def __init__(self) -> None:
        self.widgets: dict[str, QWidget] = {}
        self.labels: dict[str, QLabel] = {}
        self.errors: dict[str, QLabel] = {}
        self._checks: dict[str, Callable[[], object]] = {}

    def add(self, form: QFormLayout, key: str, widget: QWidget, *, above: bool = False) -> QWidget:
        """Add a row to ``form``: a label (the field's buddy), the field, and its hidden problem.

        ``above`` puts the label on its own line over a full-width field (lists, tables)."""
        label = QLabel()
        label.setBuddy(widget)
        error = QLabel()
        error.setWordWrap(True)
        error.hide()
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(widget)
        layout.addWidget(error)
        if above:
            form.addRow(label)
            form.addRow(box)
        else:
            form.addRow(label, box)
        self.widgets[key], self.labels[key], self.errors[key] = widget, label, error
        return widget

    def set_texts(self, texts: dict[str, str]) -> None:
        """Set the labels (with their ``&`` shortcut) and the accessible names of the fields."""
        for key, text in texts.items():
            self.labels[key].setText(text)
            self.widgets[key].setAccessibleName(text.replace("&", "").rstrip(": "))

    def show_error(self, key: str, message: str) -> bool:
        """Show ``message`` under the field; returns ``False`` when the form has no such field."""
        error = self.errors.get(key)
        if error is None:
            return False
        error.setStyleSheet(problem_style(error))
        error.setText(f"{WARNING_SIGN} {message}")
        error.show()
        self.widgets[key].setAccessibleDescription(message)
        return True

    def clear(self, key: str) -> None:
        self.errors[key].hide()
        self.errors[key].clear()
        self.widgets[key].setAccessibleDescription("")

    def clear_all(self) -> None:
        for key in self.errors:
            self.clear(key)

    def error_text(self, key: str) -> str:
        """The problem shown under the field (empty when there is none)."""
        error = self.errors[key]
        return error.text().removeprefix(WARNING_SIGN).strip() if not error.isHidden() else ""

    def watch(self, key: str, check: Callable[[], object]) -> None:
        """Check a line edit as it is typed: a problem appears when the person leaves the field,
        and goes away as soon as the text is right again. ``check`` raises ValidationError."""
        edit = self.widgets[key]
        assert isinstance(edit, QLineEdit)
        self._checks[key] = check
        edit.editingFinished.connect(lambda: self._check(key, check, show_new=True))
        edit.textChanged.connect(lambda _text: self._check(key, check, show_new=False))

    def recheck(self, key: str) -> None:
        """Check a watched field again (another field it depends on changed)."""
        if key in self._checks:
            self._check(key, self._checks[key], show_new=False)

    def _check(self, key: str, check: Callable[[], object], *, show_new: bool) -> None:
        try:
            check()
        except ValidationError as error:
            if show_new or not self.errors[key].isHidden():
                self.show_error(key, str(error))
        else:
            self.clear(key)
