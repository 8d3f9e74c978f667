"""The walk-in panel of the roster: someone who came without registering, added in seconds.

Name, organisation (picked from the directory's or typed new), gender (optional) and consent.
Enter in any field adds them (Enter on an organisation's suggestion only takes the suggestion);
Esc closes the panel (or, first, the suggestions). The panel only collects what was typed: the
roster saves it and shows a refused field with :meth:`WalkInForm.show_problem`.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from app.errors import ValidationError
from app.i18n import _
from app.services.attendance import WalkIn
from app.services.vocabulary import GENDERS
from app.views.widgets.choices import ChoiceBox
from app.views.widgets.form_fields import WARNING_SIGN, problem_style
from app.views.widgets.organisation_picker import OrganisationPicker
from app.views.widgets.translatable import Retranslatable

log = logging.getLogger(__name__)

SUBMIT_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class WalkInForm(Retranslatable, QFrame):
    """A framed panel inside the roster. ``submitted`` carries a :class:`WalkIn`; ``closed`` is
    emitted when the person cancels (Esc or the Cancel button)."""

    submitted = Signal(object)
    closed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.heading = QLabel()
        heading_font = QFont(self.heading.font())
        heading_font.setBold(True)
        self.heading.setFont(heading_font)
        self.name = QLineEdit()
        self.organisation = OrganisationPicker()
        self.gender = ChoiceBox(GENDERS)
        self.consent = QCheckBox()
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.add_button, self.cancel_button = QPushButton(), QPushButton()
        self.labels = {key: QLabel() for key in ("full_name", "organisation", "gender")}
        self._build()
        self.retranslate_ui()

    def _build(self) -> None:
        grid = QGridLayout(self)
        grid.addWidget(self.heading, 0, 0, 1, 4)
        fields = (self.name, self.organisation, self.gender)
        for number, (key, field) in enumerate(zip(self.labels, fields, strict=True)):
            self.labels[key].setBuddy(field)
            grid.addWidget(self.labels[key], 1 + number // 2, (number % 2) * 2)
            grid.addWidget(field, 1 + number // 2, (number % 2) * 2 + 1)
        grid.addWidget(self.consent, 2, 2, 1, 2)
        grid.addWidget(self.problem, 3, 0, 1, 4)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.cancel_button)
        grid.addLayout(buttons, 4, 0, 1, 4)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        for button in (self.add_button, self.cancel_button):
            button.setAutoDefault(False)
        self.add_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.cancel)
        for widget in (self.name, self.organisation, self.organisation.lineEdit()):
            widget.installEventFilter(self)
        for widget in (self.gender, self.consent):
            widget.installEventFilter(self)
        self.setTabOrder(self.name, self.organisation)
        self.setTabOrder(self.organisation, self.gender)
        self.setTabOrder(self.gender, self.consent)
        self.setTabOrder(self.consent, self.add_button)
        self.setTabOrder(self.add_button, self.cancel_button)

    def retranslate_ui(self) -> None:
        self.heading.setText(_("New walk-in: added to the activity and marked present"))
        texts = {
            "full_name": _("&Name:"),
            "organisation": _("&Organisation:"),
            "gender": _("&Gender:"),
        }
        for key, text in texts.items():
            self.labels[key].setText(text)
            self.labels[key].buddy().setAccessibleName(text.replace("&", "").rstrip(": "))
        self.name.setPlaceholderText(_("Full name"))
        self.organisation.lineEdit().setPlaceholderText(_("Type to choose, or a new name"))
        self.gender.setToolTip(_("Optional"))
        self.consent.setText(_("&Consents to their details being kept for the programme"))
        self.consent.setAccessibleName(self.consent.text().replace("&", ""))
        self.consent.setToolTip(
            _("Tick it when the person has read the data notice and agrees (it can be given later)")
        )
        self.add_button.setText(_("A&dd and mark present"))
        self.add_button.setToolTip(_("Register them in the activity, marked present (Enter)"))
        self.add_button.setAccessibleName(self.add_button.text().replace("&", ""))
        self.cancel_button.setText(_("Cancel"))
        self.cancel_button.setToolTip(_("Close this panel without adding anyone (Esc)"))
        self.cancel_button.setAccessibleName(_("Cancel the walk-in"))
        self.setAccessibleName(_("New walk-in"))

    # -- use ------------------------------------------------------------------------------------

    def set_organisations(self, choices: Sequence[tuple[str, str]]) -> None:
        """``(id, name)`` of the directory's organisations, offered as the name is typed."""
        self.organisation.set_choices(choices)

    def start(self, name: str = "") -> None:
        """Show the panel empty (with ``name`` typed in) and put the cursor in the name."""
        self.name.setText(name)
        self.organisation.setCurrentIndex(-1)
        self.organisation.clearEditText()
        self.gender.choose("not_stated")
        self.consent.setChecked(False)
        self.clear_problem()
        self.show()
        self.name.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.name.end(False)

    def walk_in(self) -> WalkIn:
        """What was typed, as the service takes it."""
        return WalkIn(
            full_name=self.name.text(),
            organisation_name=self.organisation.chosen()[1],
            gender=self.gender.currentData() or "not_stated",
            consent=self.consent.isChecked(),
        )

    def submit(self) -> None:
        self.clear_problem()
        if not self.name.text().strip():
            self.show_problem(ValidationError(_("A person needs a name."), field="full_name"))
            return
        self.submitted.emit(self.walk_in())

    def cancel(self) -> None:
        self.hide()
        self.closed.emit()

    def show_problem(self, error: ValidationError) -> None:
        """Say what is wrong under the fields and put the cursor in the field concerned."""
        self.problem.setStyleSheet(problem_style(self.problem))
        self.problem.setText(f"{WARNING_SIGN} {error}")
        self.problem.show()
        field = {"memberships": "organisation"}.get(error.field or "", error.field or "")
        widget = self.labels[field].buddy() if field in self.labels else self.name
        widget.setAccessibleDescription(str(error))
        widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def clear_problem(self) -> None:
        self.problem.hide()
        self.problem.clear()
        for label in self.labels.values():
            label.buddy().setAccessibleDescription("")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() in SUBMIT_KEYS:
                self.submit()
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.cancel()
                return True
        return super().eventFilter(watched, event)
