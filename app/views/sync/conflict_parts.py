"""Parts of the conflicts inbox: one laptop's value beside the others, and writing a value to
keep instead of any of them."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import ValidationError
from app.i18n import _
from app.services.registry import Services
from app.services.sync.inbox import Conflict, Version
from app.views.sync.sync_words import full_text, value_text, version_title
from app.views.widgets.form_fields import problem_style
from app.views.widgets.paragraph import paragraph

log = logging.getLogger(__name__)

SHORT = 80  # characters: a value up to this long, on one line, gets a one-line box


def is_short(*texts: str) -> bool:
    return all(len(text) <= SHORT and "\n" not in text for text in texts)


def read_only_box(text: str, name: str) -> QPlainTextEdit:
    """A value in a box that scrolls and can be copied, never edited; Tab moves on."""
    box = QPlainTextEdit(text, readOnly=True, tabChangesFocus=True)
    box.setAccessibleName(name)
    return box


def version_texts(conflict: Conflict) -> list[str]:
    return [full_text(v.value) for v in (conflict.current, *conflict.others)]


class VersionBox(QGroupBox):
    """One laptop's value: where and when, the value whole, and a button to keep it."""

    def __init__(self, conflict: Conflict, version: Version, short: bool, choice: str):
        super().__init__(version_title(version))
        in_use = version is conflict.current
        self.in_use = QLabel(_("✔ In use now") if in_use else _("Not in use now"))
        self.text = read_only_box(
            value_text(conflict.table, conflict.field, version.value),
            _("Value from {laptop}").format(laptop=self.title()),
        )
        if short:  # a phone or a name: one line, not a page
            self.text.setFixedHeight(self.text.fontMetrics().lineSpacing() * 2 + 12)
        self.keep_button = QPushButton(choice, autoDefault=False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.in_use)
        layout.addWidget(self.text, 0 if short else 1)
        layout.addWidget(self.keep_button)


class EditValueDialog(QDialog):
    """A value the person writes themselves, kept on every laptop (checked by the service)."""

    def __init__(self, services: Services, conflict: Conflict, parent: QWidget | None = None):
        super().__init__(parent)
        self.services, self.conflict = services, conflict
        self.setWindowTitle(_("Edit the value to keep"))
        start = full_text(conflict.current.value)
        label = paragraph()
        label.setText(
            _("{field} to keep for {record}, on every laptop:").format(
                field=conflict.field_label, record=conflict.record_label
            )
        )
        short = is_short(*version_texts(conflict))
        self.editor: QLineEdit | QPlainTextEdit = (
            QLineEdit(start) if short else QPlainTextEdit(start, tabChangesFocus=True)
        )
        self.editor.setAccessibleName(conflict.field_label)
        label.setBuddy(self.editor)
        self.problem = paragraph()
        self.problem.setStyleSheet(problem_style(self.problem))
        self.problem.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.editor, 0 if short else 1)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.resize(520, 180 if short else 420)

    def text(self) -> str:
        editor = self.editor
        return editor.text() if isinstance(editor, QLineEdit) else editor.toPlainText()

    def accept(self) -> None:
        """Keep the written value; a value that does not fit is said here and the box stays."""
        try:
            self.services.sync.keep_edited(self.conflict, self.text())
        except ValidationError as error:
            self.problem.setText(str(error))
            self.problem.show()
            return
        super().accept()
