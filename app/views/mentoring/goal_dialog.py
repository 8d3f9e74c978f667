"""Adding or editing a goal of a mentoring pair: what it is, where it starts, the target, the due
date and the progress so far. A change of progress is kept in the goal's history, with a note."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel, QLineEdit, QSlider, QSpinBox, QWidget

from app.i18n import N_, _, format_date
from app.services.mentoring_values import GoalData
from app.services.registry import Services
from app.views.widgets.form_dialog import FormDialog
from app.views.widgets.form_fields import text_box

log = logging.getLogger(__name__)

# The lowest date of the date field stands for "no due date" (a date field cannot be empty).
NO_DATE = QDate(1900, 1, 1)
LABELS: dict[str, str] = {
    "description": N_("&Goal (required):"),
    "baseline": N_("&Starting point:"),
    "target": N_("&Target:"),
    "due_date": N_("&Due date:"),
    "progress": N_("&Progress:"),
    "note": N_("&Note on this step:"),
}


def date_field(value: date | None, earliest: QDate = NO_DATE) -> QDateEdit:
    """A date with a calendar, whose lowest value means "none"."""
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd/MM/yyyy")  # as the other forms show dates
    edit.setMinimumDate(earliest)
    edit.setDate(QDate(value) if value else earliest)
    return edit


def date_of(edit: QDateEdit) -> date | None:
    chosen = edit.date()
    return None if chosen == edit.minimumDate() else chosen.toPython()


class ProgressField(QWidget):
    """0 to 100 %: a slider to drag and a box to type, kept together."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, 100)
        self.slider.setPageStep(10)
        self.slider.setTickInterval(25)
        self.slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.box = QSpinBox()
        self.box.setRange(0, 100)
        self.box.setSingleStep(5)
        self.box.setSuffix(" %")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.box)
        self.slider.valueChanged.connect(self.box.setValue)
        self.box.valueChanged.connect(self.slider.setValue)
        self.setFocusProxy(self.box)

    def value(self) -> int:
        return self.box.value()

    def set_value(self, value: int) -> None:
        self.box.setValue(value)

    def setAccessibleName(self, name: str) -> None:  # noqa: N802 (Qt's name)
        super().setAccessibleName(name)
        self.box.setAccessibleName(name)
        self.slider.setAccessibleName(name)


class GoalDialog(FormDialog):
    """The form of one goal; ``data`` without an id makes a new one. Saved with
    ``services.mentoring.save_goal`` (the note goes with a change of progress). After ``exec()``
    returns accepted, ``saved_id`` is the goal's id."""

    def __init__(self, services: Services, data: GoalData, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.goal = data
        add = self.fields.add
        form = self.section()
        add(form, "description", text_box(3), above=True)
        add(form, "baseline", text_box(2), above=True)
        add(form, "target", text_box(2), above=True)
        add(form, "due_date", date_field(data.due_date))
        self.progress = ProgressField()
        add(form, "progress", self.progress)
        add(form, "note", QLineEdit())
        self.achieved = QLabel()
        self.achieved.setWordWrap(True)
        form.addRow(self.achieved)
        self.body_layout.addStretch(1)
        self.widget("description").setPlainText(data.description)
        self.widget("baseline").setPlainText(data.baseline)
        self.widget("target").setPlainText(data.target)
        self.progress.set_value(data.progress)
        self.progress.box.valueChanged.connect(lambda _value: self._update_achieved())
        self.finish()
        self.resize(560, 460)

    def widget(self, key: str):  # type: ignore[no-untyped-def]
        return self.fields.widgets[key]

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.setWindowTitle(_("Edit the goal") if self.goal.id else _("New goal"))
        self.sections[0].setTitle(_("Goal of the pair"))
        self.fields.set_texts({key: _(label) for key, label in LABELS.items()})
        self.widget("description").setPlaceholderText(_("What the mentee wants to achieve"))
        self.widget("baseline").setPlaceholderText(_("Where things stand today"))
        self.widget("target").setPlaceholderText(_("How you will both know it is reached"))
        self.widget("due_date").setSpecialValueText(_("No due date"))
        self.widget("note").setPlaceholderText(_("What moved it forward (kept in the history)"))
        self.progress.setToolTip(_("How far the goal is reached; 100 % marks it achieved"))
        self._update_achieved()

    def _update_achieved(self) -> None:
        progress = self.progress.value()
        # The note goes with a step of progress: without a change there is no step to note.
        self.widget("note").setEnabled(self.goal.id is None or progress != self.goal.progress)
        if progress >= 100 and self.goal.achieved_on:
            text = _("Achieved on {date}.").format(date=format_date(self.goal.achieved_on))
        elif progress >= 100:
            text = _("Saving at 100 % marks the goal as achieved today.")
        elif self.goal.achieved_on:
            text = _("Below 100 %, the goal will no longer count as achieved.")
        else:
            text = ""
        self.achieved.setText(text)
        self.achieved.setVisible(bool(text))

    def goal_data(self) -> GoalData:
        """What the form holds now (not validated)."""
        return replace(
            self.goal,
            description=self.widget("description").toPlainText(),
            baseline=self.widget("baseline").toPlainText(),
            target=self.widget("target").toPlainText(),
            due_date=date_of(self.widget("due_date")),
            progress=self.progress.value(),
        )

    def save(self) -> str:
        saved = self.services.mentoring.save_goal(self.goal_data(), note=self.widget("note").text())
        log.info("goal saved: %s", saved.id)
        return saved.id or ""
