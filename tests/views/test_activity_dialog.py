"""The activity form: creating and editing, problems by their field, hours, sessions, demands."""

from __future__ import annotations

from datetime import date, time

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from app.models import Demand
from app.services.activities import ActivityData, SessionData
from app.views.dialogs.activity_dialog import ActivityDialog, hours_text, parse_hours


def open_dialog(qtbot, services, data: ActivityData | None = None) -> ActivityDialog:
    dialog = ActivityDialog(services, data)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def press_save(qtbot, dialog: ActivityDialog) -> None:
    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def tick(checklist, code: str) -> None:
    for row in range(checklist.count()):
        item = checklist.item(row)
        if item.data(Qt.ItemDataRole.UserRole) == code:
            item.setCheckState(Qt.CheckState.Checked)
            return
    raise AssertionError(f"{code} is not listed")


def test_a_new_training_capsule_is_typed_in_and_saved(qtbot, services):
    dialog = open_dialog(qtbot, services)
    assert dialog.windowTitle() == "New forum meeting"
    dialog.widget("kind").choose("capsule")
    assert dialog.windowTitle() == "New training capsule"
    qtbot.keyClicks(dialog.widget("title"), "Fundraising for small associations")
    dialog.widget("status").choose("open")
    qtbot.keyClicks(dialog.widget("capacity"), "25")
    qtbot.keyClicks(dialog.widget("venue"), "Casal del Barri")
    qtbot.keyClicks(dialog.widget("min_attendance_percent"), "75")
    qtbot.keyClicks(dialog.widget("min_minutes"), "1,5")
    qtbot.keyClicks(dialog.widget("key_content"), "Three sources of funds")
    tick(dialog.themes, "fundraising")
    tick(dialog.areas.list, "Volunteering")
    qtbot.mouseClick(dialog.sessions.add_button, Qt.MouseButton.LeftButton)
    dialog.sessions.date_edit.setDate(QDate(2025, 3, 4))
    qtbot.keyClicks(dialog.sessions.start_edit, "1000")
    qtbot.keyClicks(dialog.sessions.end_edit, "12:00")
    qtbot.mouseClick(dialog.sessions.add_button, Qt.MouseButton.LeftButton)
    press_save(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    saved = services.activities.get(dialog.saved_id)
    assert (saved.kind, saved.title, saved.status, saved.capacity) == (
        "capsule",
        "Fundraising for small associations",
        "open",
        25,
    )
    assert (saved.min_attendance_percent, saved.min_minutes) == (75, 90)
    assert saved.themes == ("fundraising",) and saved.areas == ("Volunteering",)
    assert saved.key_content == "Three sources of funds"
    assert [(s.date, s.start_time, s.end_time, s.place) for s in saved.sessions] == [
        (date(2025, 3, 4), time(10), time(12), "Casal del Barri"),
        (date(2025, 3, 11), time(10), time(12), "Casal del Barri"),
    ]


def test_editing_shows_what_was_saved_and_keeps_the_sessions_ids(qtbot, services):
    saved = services.activities.save(
        ActivityData(
            title="Foro de entidades",
            min_minutes=150,
            themes=("gender",),
            notes="Second floor",
            sessions=(
                SessionData(date=date(2025, 2, 1), start_time=time(17), end_time=time(19)),
                SessionData(date=date(2025, 2, 8), start_time=time(17), end_time=time(19)),
            ),
        )
    )
    dialog = open_dialog(qtbot, services, services.activities.get(saved.id))
    assert dialog.windowTitle() == "Edit activity: Foro de entidades"
    assert dialog.widget("min_minutes").text() == "2.5"
    assert dialog.themes.checked() == ("gender",)
    assert dialog.widget("notes").toPlainText() == "Second floor"
    dialog.widget("title").setText("Foro de entidades 2025")
    dialog.sessions.table.selectRow(1)
    dialog.sessions.place_edit.setText("Biblioteca")
    dialog.sessions.table.selectRow(0)
    qtbot.mouseClick(dialog.sessions.remove_button, Qt.MouseButton.LeftButton)
    press_save(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.saved_id == saved.id
    again = services.activities.get(saved.id)
    assert again.title == "Foro de entidades 2025" and again.min_minutes == 150
    assert [(s.id, s.place) for s in again.sessions] == [(saved.sessions[1].id, "Biblioteca")]


def test_an_empty_title_is_shown_by_the_field_and_nothing_is_saved(qtbot, services):
    dialog = open_dialog(qtbot, services)
    qtbot.keyClicks(dialog.widget("venue"), "Ateneo")
    press_save(qtbot, dialog)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.fields.error_text("title") == "An activity needs a title."
    assert dialog.widget("title").hasFocus()
    assert dialog.widget("venue").text() == "Ateneo"
    assert services.activities.count() == 0
    qtbot.keyClicks(dialog.widget("title"), "Taller")
    assert dialog.fields.error_text("title") == ""  # goes away as it is typed right


def test_a_session_ending_before_it_starts_is_shown_by_the_sessions(qtbot, services):
    dialog = open_dialog(qtbot, services)
    qtbot.keyClicks(dialog.widget("title"), "Taller de igualdad")
    editor = dialog.sessions
    for _ in range(2):
        qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    editor.table.selectRow(1)
    qtbot.keyClicks(editor.start_edit, "18:00")
    qtbot.keyClicks(editor.end_edit, "17:00")
    editor.table.selectRow(0)
    press_save(qtbot, dialog)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.fields.error_text("sessions") == (
        "Session 2 ends before it starts. Check its times."
    )
    assert editor.selected_row() == 1 and editor.end_edit.hasFocus()
    assert services.activities.count() == 0


@pytest.mark.parametrize(
    ("typed", "problem"),
    [("una hora", "Write the hours as a number"), ("0", "must be more than zero")],
)
def test_hours_that_are_not_hours_are_shown_by_the_field(qtbot, services, typed, problem):
    dialog = open_dialog(qtbot, services)
    qtbot.keyClicks(dialog.widget("title"), "Foro")
    qtbot.keyClicks(dialog.widget("min_minutes"), typed)
    press_save(qtbot, dialog)
    assert problem in dialog.fields.error_text("min_minutes")
    assert services.activities.count() == 0


def test_hours_are_read_and_written_as_people_type_them():
    assert [parse_hours(x) for x in ("2", "1.5", "1,25", "1:30", " ")] == [120, 90, 75, 90, None]
    assert [hours_text(x) for x in (None, 120, 90, 20)] == ["", "2", "1.5", "0.33"]


class OtherDemands:
    """The real services with another demands service (or none)."""

    def __init__(self, services, demands):
        self._services = services
        self._demands = demands

    def __getattr__(self, name):
        if name == "demands" and self._demands is None:
            raise AttributeError(name)
        return self._demands if name == "demands" else getattr(self._services, name)


class ChoicesOnly:
    def __init__(self, choices):
        self._choices = choices

    def choices(self):
        return self._choices


def test_the_demands_section_shows_only_when_demands_are_offered(qtbot, services):
    dialog = open_dialog(qtbot, OtherDemands(services, None))
    assert "demand_ids" not in dialog.fields.widgets and dialog.demands is None
    qtbot.keyClicks(dialog.widget("title"), "Foro")
    press_save(qtbot, dialog)
    assert services.activities.get(dialog.saved_id).demand_ids == ()


def test_the_demands_it_answers_are_ticked_and_saved(qtbot, services):
    with services.db.session() as s:
        for demand_id, topic in (("d-1", "Grants"), ("d-2", "Volunteers"), ("d-3", "Old")):
            s.add(Demand(id=demand_id, topic=topic, topic_key=topic.lower()))
    choices = [("d-1", "Grants — Ateneo"), ("d-2", "Volunteers — Red")]
    offered = OtherDemands(services, ChoicesOnly(choices))
    prefill = ActivityData(title="Grants in practice", kind="capsule", demand_ids=("d-1", "d-3"))
    dialog = open_dialog(qtbot, offered, prefill)
    assert dialog.windowTitle() == "New training capsule"
    labels = [dialog.demands.item(r).text() for r in range(dialog.demands.count())]
    assert labels == ["Grants — Ateneo", "Volunteers — Red", "A demand no longer in the list"]
    assert dialog.demands.checked() == ("d-1", "d-3")
    tick(dialog.demands, "d-2")
    press_save(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert services.activities.get(dialog.saved_id).demand_ids == ("d-1", "d-2", "d-3")


def test_the_form_fits_the_screen(qtbot, services):
    dialog = open_dialog(qtbot, services)
    screen = dialog.screen().availableGeometry()
    assert dialog.width() <= screen.width() and dialog.height() <= screen.height()


def test_an_activity_prefilled_from_a_demand_answers_it_once_saved(qtbot, services):
    from app.services.demands import DemandData

    demand = services.demands.save(
        DemandData(topic="Captación de fondos", organisation_name="Ateneo Popular")
    )
    prefill = services.demands.activity_from_demands([demand.id])
    dialog = open_dialog(qtbot, services, prefill)
    assert dialog.widget("title").text() == prefill.title
    assert dialog.demands.checked() == (demand.id,)
    assert "Ateneo Popular" in dialog.demands.item(0).text()
    press_save(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert services.activities.get(dialog.saved_id).demand_ids == (demand.id,)
