"""The organisation form: saving, the tax id checked as typed and on save, areas of action."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from app.services.organisations import OrganisationData
from app.views.dialogs.organisation_dialog import OrganisationDialog


@pytest.fixture
def dialog(qtbot, services) -> OrganisationDialog:
    widget = OrganisationDialog(services)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def press_save(qtbot, dialog: OrganisationDialog) -> None:
    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_a_bad_tax_id_keeps_the_dialog_open_with_the_message_by_the_field(qtbot, dialog, services):
    dialog.widget("name").setText("Asociación La Trama")
    dialog.widget("municipality").setText("Zaragoza")
    dialog.widget("tax_id").setText("G12345678")  # wrong control character
    press_save(qtbot, dialog)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert "not a valid Spanish CIF, NIF or NIE" in dialog.fields.error_text("tax_id")
    assert dialog.widget("tax_id").hasFocus()
    assert dialog.widget("municipality").text() == "Zaragoza"
    assert services.organisations.count() == 0
    dialog.widget("tax_id").setText("G12345674")
    assert dialog.fields.error_text("tax_id") == ""
    press_save(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    saved = services.organisations.get(dialog.saved_id)
    assert (saved.name, saved.tax_id, saved.municipality) == (
        "Asociación La Trama",
        "G12345674",
        "Zaragoza",
    )


def test_the_tax_id_is_checked_when_leaving_the_field(qtbot, dialog):
    dialog.widget("tax_id").setFocus()
    qtbot.keyClicks(dialog.widget("tax_id"), "B1234")
    assert dialog.fields.error_text("tax_id") == ""  # not while typing the first characters
    dialog.widget("tax_id").editingFinished.emit()
    assert "not a valid Spanish CIF" in dialog.fields.error_text("tax_id")
    dialog.widget("country").setText("France")  # ids of other countries are kept as typed
    assert dialog.fields.error_text("tax_id") == ""


def test_the_name_is_required(qtbot, dialog):
    press_save(qtbot, dialog)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.fields.error_text("name") == "The name cannot be empty."


def test_a_bad_email_is_shown_by_its_field(qtbot, dialog):
    dialog.widget("name").setText("Casal")
    dialog.widget("email").setText("casal@")
    press_save(qtbot, dialog)
    assert "does not look like an e-mail address" in dialog.fields.error_text("email")


def test_every_field_is_saved_and_read_back(qtbot, services):
    dialog = OrganisationDialog(services)
    qtbot.addWidget(dialog)
    dialog.widget("name").setText("Fundación Luz")
    dialog.widget("kind").setCurrentIndex(dialog.widget("kind").findData("foundation"))
    dialog.widget("staff_count").setText("4")
    dialog.widget("volunteer_count").setText("25")
    dialog.widget("year_founded").setText("1999")
    dialog.widget("needs").setPlainText("A van")
    dialog.areas.list.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.areas.new_area.setText("Huertos urbanos, Radio")  # typed, not yet added
    dialog.accept()
    saved = services.organisations.get(dialog.saved_id)
    assert (saved.kind, saved.staff_count, saved.volunteer_count, saved.member_count) == (
        "foundation",
        4,
        25,
        None,
    )
    assert saved.year_founded == 1999 and saved.needs == "A van"
    assert saved.areas_of_action == ("Social inclusion", "Huertos urbanos", "Radio")
    again = OrganisationDialog(services, saved.id)
    qtbot.addWidget(again)
    assert again.windowTitle() == "Organisation: Fundación Luz"
    assert again.organisation_data() == replace(saved, created_at=None, updated_at=None)


def test_editing_an_organisation_changes_only_what_was_edited(qtbot, services):
    saved = services.organisations.save(
        OrganisationData(name="Ateneo", municipality="Huesca", areas_of_action=("Culture",))
    )
    dialog = OrganisationDialog(services, saved.id)
    qtbot.addWidget(dialog)
    assert dialog.areas.areas() == ("Culture",)
    dialog.widget("phone").setText("974 000 000")
    dialog.accept()
    again = services.organisations.get(saved.id)
    assert (again.phone, again.municipality, again.areas_of_action) == (
        "974 000 000",
        "Huesca",
        ("Culture",),
    )


def test_every_field_has_a_label_and_an_accessible_name(dialog):
    for key, widget in dialog.fields.widgets.items():
        assert widget.accessibleName(), key
        assert dialog.fields.labels[key].buddy() is widget, key
