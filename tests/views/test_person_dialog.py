"""The person form: add and edit, problems shown by their field, organisations and consent."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox

from app.services.organisations import OrganisationData
from app.services.people import MembershipData, PersonData
from app.views.dialogs.person_dialog import PersonDialog
from app.views.directory_tab import DirectoryTab


@pytest.fixture
def dialog(qtbot, services) -> PersonDialog:
    widget = PersonDialog(services)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def save_button(dialog: PersonDialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Save)


def test_a_person_added_through_the_dialog_appears_in_the_list(qtbot, services, monkeypatch):
    tab = DirectoryTab(services)
    qtbot.addWidget(tab)

    def fill_and_save(self: PersonDialog) -> int:
        self.widget("full_name").setText("Lucía Núñez")
        self.widget("email").setText("lucia@example.org")
        self.widget("birth_year").setText("1984")
        gender = self.widget("gender")
        gender.setCurrentIndex(gender.findData("woman"))
        self.accept()
        return self.result()

    monkeypatch.setattr(PersonDialog, "exec", fill_and_save)
    tab.people.add_record()
    model = tab.people.model
    assert model.rowCount() == 1
    assert [model.index(0, c).data() for c in range(4)] == [
        "Lucía Núñez",
        "Woman",
        "1984",
        "lucia@example.org",
    ]
    assert tab.people.current_id() == model.record(0).id  # the new person is selected


def test_new_person_defaults_to_prefers_not_to_say(dialog):
    assert dialog.widget("gender").currentText() == "Prefers not to say"
    assert dialog.windowTitle() == "New person"


def test_a_bad_email_keeps_the_dialog_open_with_the_message_by_the_field(qtbot, dialog, services):
    dialog.widget("full_name").setText("Carlos Ruiz")
    dialog.widget("email").setText("carlos-at-example")
    dialog.widget("notes").setPlainText("Comes on Tuesdays")
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert "does not look like an e-mail address" in dialog.fields.error_text("email")
    assert dialog.fields.errors["email"].isVisibleTo(dialog)
    assert dialog.widget("email").hasFocus()
    assert dialog.widget("full_name").text() == "Carlos Ruiz"  # nothing typed is lost
    assert dialog.widget("notes").toPlainText() == "Comes on Tuesdays"
    assert services.people.count() == 0
    dialog.widget("email").setText("carlos@example.org")
    assert dialog.fields.error_text("email") == ""  # the message goes as soon as it is right
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert services.people.get(dialog.saved_id).email == "carlos@example.org"


def test_the_name_is_required_and_checked_when_leaving_the_field(qtbot, dialog):
    dialog.widget("full_name").setFocus()
    dialog.widget("full_name").editingFinished.emit()
    assert dialog.fields.error_text("full_name") == "A person needs a name."
    qtbot.keyClicks(dialog.widget("full_name"), "Ana")
    assert dialog.fields.error_text("full_name") == ""


def test_birth_year_out_of_range_is_shown_by_its_field(qtbot, dialog):
    dialog.widget("full_name").setText("Ana")
    dialog.widget("birth_year").setText("1850")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "The year must be a number between 1900" in dialog.fields.error_text("birth_year")


def test_ctrl_s_saves(qtbot, dialog, services):
    dialog.widget("full_name").setText("Sara Gil")
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    qtbot.keyClick(dialog.widget("full_name"), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert [p.full_name for p in services.people.list()] == ["Sara Gil"]


def test_organisations_are_picked_by_typing_and_new_ones_created(qtbot, services):
    existing = services.organisations.save(OrganisationData(name="Fundación Ñandú"))
    dialog = PersonDialog(services)
    qtbot.addWidget(dialog)
    editor = dialog.memberships
    editor.picker.setEditText("fundacion nandu")  # accents and case ignored
    editor.role.setCurrentIndex(editor.role.findData("staff"))
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    editor.picker.setEditText("Grupo Nuevo")
    editor.role.setCurrentIndex(editor.role.findData("volunteer"))
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    assert editor.table.item(1, 0).text() == "Grupo Nuevo (new organisation)"
    dialog.widget("full_name").setText("Iker Etxeberria")
    dialog.accept()
    saved = services.people.get(dialog.saved_id)
    assert {(m.organisation_name, m.role) for m in saved.memberships} == {
        ("Fundación Ñandú", "staff"),
        ("Grupo Nuevo", "volunteer"),
    }
    assert existing.id in {m.organisation_id for m in saved.memberships}


def test_editing_keeps_memberships_and_changes_a_role(qtbot, services):
    organisation = services.organisations.save(OrganisationData(name="Ateneo"))
    person = services.people.save(
        PersonData(full_name="Mar Soto", memberships=(MembershipData(organisation.id),))
    )
    dialog = PersonDialog(services, person.id)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Person: Mar Soto"
    editor = dialog.memberships
    editor.table.selectRow(0)
    editor.role.setCurrentIndex(editor.role.findData("board_member"))
    qtbot.mouseClick(editor.change_button, Qt.MouseButton.LeftButton)
    dialog.accept()
    assert [m.role for m in services.people.get(person.id).memberships] == ["board_member"]


def test_consent_is_recorded_and_withdrawn(qtbot, services):
    dialog = PersonDialog(services)
    qtbot.addWidget(dialog)
    consents = dialog.consents
    consents.purpose.setCurrentIndex(consents.purpose.findData("photos"))
    consents.collected_by.setText("Nerea")
    consents.notice_version.setText("2026-01")
    qtbot.mouseClick(consents.add_button, Qt.MouseButton.LeftButton)
    dialog.widget("full_name").setText("Olga Marín")
    dialog.accept()
    [given] = services.people.get(dialog.saved_id).consents
    assert (given.purpose, given.collected_by, given.notice_version) == (
        "photos",
        "Nerea",
        "2026-01",
    )
    assert given.withdrawn_at is None
    again = PersonDialog(services, dialog.saved_id)
    qtbot.addWidget(again)
    again.consents.table.selectRow(0)
    qtbot.mouseClick(again.consents.withdraw_button, Qt.MouseButton.LeftButton)
    assert not again.consents.withdraw_button.isEnabled()
    again.accept()
    [withdrawn] = services.people.get(dialog.saved_id).consents
    assert withdrawn.id == given.id and withdrawn.withdrawn_at is not None


def test_every_field_has_a_label_and_an_accessible_name(dialog):
    for key, widget in dialog.fields.widgets.items():
        assert widget.accessibleName(), key
        assert dialog.fields.labels[key].buddy() is widget, key


def test_enter_saves_and_escape_cancels(qtbot, services):
    first = PersonDialog(services)
    qtbot.addWidget(first)
    first.show()
    first.widget("full_name").setText("Eva Roca")
    qtbot.keyClick(first.widget("full_name"), Qt.Key.Key_Return)
    assert first.result() == QDialog.DialogCode.Accepted
    second = PersonDialog(services)
    qtbot.addWidget(second)
    second.show()
    second.widget("full_name").setText("Not saved")
    qtbot.keyClick(second.widget("full_name"), Qt.Key.Key_Escape)
    assert second.result() == QDialog.DialogCode.Rejected and not second.isVisible()
    assert [p.full_name for p in services.people.list()] == ["Eva Roca"]


def test_enter_in_the_organisation_box_adds_it_without_saving(qtbot, services):
    services.organisations.save(OrganisationData(name="Casal Jove"))
    dialog = PersonDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.widget("full_name").setText("Pau Vila")
    qtbot.keyClicks(dialog.memberships.picker.lineEdit(), "casal")
    dialog.memberships.picker.setEditText("Casal Jove")
    qtbot.keyClick(dialog.memberships.picker.lineEdit(), Qt.Key.Key_Return)
    assert dialog.isVisible() and services.people.count() == 0
    assert dialog.memberships.table.item(0, 0).text() == "Casal Jove"


def add_new_organisation(qtbot, dialog: PersonDialog, name: str) -> None:
    dialog.memberships.picker.setEditText(name)
    qtbot.mouseClick(dialog.memberships.add_button, Qt.MouseButton.LeftButton)


def test_a_refused_person_creates_no_organisation_until_saved(qtbot, dialog, services):
    add_new_organisation(qtbot, dialog, "Grupo Nuevo")
    dialog.widget("full_name").setText("Carlos Ruiz")
    dialog.widget("email").setText("carlos-at-example")
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "e-mail" in dialog.fields.error_text("email")
    assert services.organisations.count() == 0  # nothing left behind by the refused save
    assert dialog.memberships.table.item(0, 0).text() == "Grupo Nuevo (new organisation)"
    dialog.widget("email").setText("carlos@example.org")
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    [membership] = services.people.get(dialog.saved_id).memberships
    assert membership.organisation_name == "Grupo Nuevo"
    assert [o.name for o in services.organisations.list()] == ["Grupo Nuevo"]


def test_a_person_merged_away_meanwhile_leaves_no_new_organisation(qtbot, services, monkeypatch):
    """The save fails after the form was checked; cancelling then leaves the directory as it was."""
    mar = services.people.save(PersonData(full_name="Mar Soto"))
    other = services.people.save(PersonData(full_name="Mar Soto Gil"))
    dialog = PersonDialog(services, mar.id)
    qtbot.addWidget(dialog)
    add_new_organisation(qtbot, dialog, "Grupo Nuevo")
    services.duplicates.merge_people(other.id, [mar.id])  # someone merged her meanwhile
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: warned.append(text))
    dialog.accept()
    assert warned and "no longer exists" in warned[0]
    dialog.reject()
    assert services.organisations.count() == 0
