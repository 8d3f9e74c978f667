"""The People page: registering through the picker (found or created), the waiting list,
changing, cancelling and removing registrations."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

import app.views.directory_tab as directory_tab
from app.services.people import MembershipData, PersonData
from app.views.activity_panel import ActivityPanel
from app.views.dialogs.registration_dialog import RegistrationDialog
from tests.views.activity_fixtures import build_activity


@pytest.fixture
def built(services):
    return build_activity(services)


@pytest.fixture
def panel(qtbot, services, built) -> ActivityPanel:
    widget = ActivityPanel(services)
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.show()
    widget.show_activity(built.activity_id)
    widget.pages.setCurrentWidget(widget.people)
    return widget


@pytest.fixture
def messages(monkeypatch) -> dict[str, list[str]]:
    said: dict[str, list[str]] = {"question": [], "information": []}

    def question(_parent, _title, text, *args, **kwargs):
        said["question"].append(text)
        return QMessageBox.StandardButton.Yes

    def information(_parent, _title, text, *args, **kwargs):
        said["information"].append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "question", question)
    monkeypatch.setattr(QMessageBox, "information", information)
    return said


def status_of(panel: ActivityPanel) -> dict[str, str]:
    model = panel.people.model
    return {
        model.index(row, 0).data(): model.index(row, 1).data() for row in range(model.rowCount())
    }


def select(panel: ActivityPanel, name: str) -> None:
    people = panel.people
    people.table.select(people.model.row_where(lambda r: r.full_name == name))


def drive(monkeypatch, steps) -> list[RegistrationDialog]:
    """Replace the dialog's exec() with ``steps(dialog)`` then Save; returns the dialogs seen."""
    seen: list[RegistrationDialog] = []

    def fake_exec(dialog: RegistrationDialog) -> int:
        seen.append(dialog)
        steps(dialog)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(RegistrationDialog, "exec", fake_exec)
    return seen


def test_adding_a_person_found_by_typing_registers_them(qtbot, monkeypatch, services, panel, built):
    nuria = services.people.save(
        PersonData(
            full_name="Núria Vidal",
            memberships=(MembershipData(built.organisations["Asociación Río"], role="staff"),),
        )
    ).id
    panel.refresh()

    def steps(dialog: RegistrationDialog) -> None:
        qtbot.keyClicks(dialog.picker.search, "NURIA")
        qtbot.keyClick(dialog.picker.search, Qt.Key.Key_Return)
        assert dialog.picker.chosen_id == nuria
        assert dialog.widget("organisation_id").currentText() == "Asociación Río"
        dialog.widget("role").choose("expert")

    seen = drive(monkeypatch, steps)
    with qtbot.waitSignal(panel.changed):
        qtbot.keyClick(
            panel,
            Qt.Key.Key_N,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
    assert len(seen) == 1
    rows = {r.full_name: r for r in services.registrations.list(built.activity_id)}
    assert rows["Núria Vidal"].role == "expert"
    assert rows["Núria Vidal"].organisation_name == "Asociación Río"
    assert status_of(panel)["Núria Vidal"] == "Registered"
    assert panel.people.table.current().full_name == "Núria Vidal"
    assert "Experts: Núria Vidal" in panel.fact_values["team"].text()


def test_an_attendee_added_when_full_waits_and_the_page_says_their_place(
    qtbot, monkeypatch, services, panel
):
    services.people.save(PersonData(full_name="Olga Sanz"))
    notes: list[str] = []

    def steps(dialog: RegistrationDialog) -> None:
        qtbot.keyClicks(dialog.picker.search, "sanz")
        dialog.picker.run_search()
        notes.extend(
            dialog.picker.model.index(row, 3).data()
            for row in range(dialog.picker.model.rowCount())
        )
        qtbot.keyClick(dialog.picker.search, Qt.Key.Key_Return)
        assert dialog.widget("organisation_id").currentIndex() == -1  # she has none

    drive(monkeypatch, steps)
    qtbot.mouseClick(panel.people.add_button, Qt.MouseButton.LeftButton)
    assert status_of(panel)["Olga Sanz"] == "Waiting list (2)"
    assert (
        panel.people.notice.text()
        == "The activity is full: Olga Sanz is number 2 on the waiting list."
    )
    assert notes == [""]


def test_the_picker_notes_who_is_already_registered(qtbot, services, built, panel):
    dialog = RegistrationDialog(services, built.activity_id, None, panel)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.picker.search, "ortega")
    dialog.picker.run_search()
    assert dialog.picker.model.index(0, 3).data() == "Waiting list"


def test_create_new_person_registers_the_person_created(qtbot, monkeypatch, services, panel):
    def open_person(services_, person_id, parent):
        assert person_id is None
        return services_.people.save(PersonData(full_name="Pau Roig")).id

    monkeypatch.setattr(directory_tab, "open_person", open_person)
    drive(
        monkeypatch,
        lambda dialog: qtbot.mouseClick(dialog.picker.create_button, Qt.MouseButton.LeftButton),
    )
    qtbot.mouseClick(panel.people.add_button, Qt.MouseButton.LeftButton)
    assert "Pau Roig" in status_of(panel)


def test_saving_without_choosing_a_person_says_so_by_the_field(qtbot, services, built, panel):
    dialog = RegistrationDialog(services, built.activity_id, None, panel)
    qtbot.addWidget(dialog)
    dialog.accept()
    assert dialog.result() == 0
    assert "Find the person" in dialog.fields.error_text("person")


def test_an_organisation_not_in_the_directory_is_refused_by_the_field(
    qtbot, services, built, panel
):
    row = next(
        r for r in services.registrations.list(built.activity_id) if r.full_name == "Ana Pérez"
    )
    dialog = RegistrationDialog(services, built.activity_id, row, panel)
    qtbot.addWidget(dialog)
    organisation = dialog.widget("organisation_id")
    assert organisation.itemText(0) == "Fundación Luz"  # her own organisation first
    organisation.setEditText("Club Inventado")
    dialog.accept()
    assert dialog.result() == 0
    assert "Club Inventado" in dialog.fields.error_text("organisation_id")


def test_cancelling_gives_the_place_to_the_waiting_list_and_says_who(
    qtbot, services, panel, messages
):
    select(panel, "Ana Pérez")
    with qtbot.waitSignal(panel.changed):
        qtbot.mouseClick(panel.people.cancel_button, Qt.MouseButton.LeftButton)
    assert "Ana Pérez" in messages["question"][0]
    assert messages["information"] == [
        "A place was freed: Daniel Ortega was first on the waiting list and is now registered. "
        "Let them know."
    ]
    statuses = status_of(panel)
    assert statuses["Ana Pérez"] == "Cancelled"
    assert statuses["Daniel Ortega"] == "Registered"
    assert not panel.people.cancel_button.isEnabled()  # Ana is still selected, and cancelled
    assert panel.fact_values["places"].text() == "3 of 3 places taken"


def test_editing_a_registration_to_cancelled_also_moves_the_waiting_list(
    qtbot, monkeypatch, panel, messages
):
    def steps(dialog: RegistrationDialog) -> None:
        status = dialog.widget("status")
        status.setCurrentIndex(status.findData("cancelled"))

    drive(monkeypatch, steps)
    select(panel, "Carlos Gil")
    panel.people.table.setFocus()
    qtbot.keyClick(panel.people.table, Qt.Key.Key_Return)
    assert "Daniel Ortega" in messages["information"][0]
    assert status_of(panel)["Carlos Gil"] == "Cancelled"


def test_delete_removes_a_registration_made_by_mistake(qtbot, services, built, panel, messages):
    select(panel, "Beatriz Núñez")
    panel.people.table.setFocus()
    qtbot.keyClick(panel.people.table, Qt.Key.Key_Delete)
    assert "Beatriz Núñez" not in status_of(panel)
    assert status_of(panel)["Daniel Ortega"] == "Registered"
    assert all(
        r.full_name != "Beatriz Núñez" for r in services.registrations.list(built.activity_id)
    )


def test_open_person_opens_the_directory_form(qtbot, monkeypatch, panel, built):
    opened = []
    monkeypatch.setattr(
        directory_tab, "open_person", lambda _s, person_id, _p: opened.append(person_id)
    )
    select(panel, "Carlos Gil")
    panel.people.person_action.trigger()
    assert opened == [built.people["carlos"]]
