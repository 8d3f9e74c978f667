"""The adoption form: which organisation adopted a practice, when, how it adapted it and the
result; an organisation not in the directory is added only when the person agrees."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from app.services.adoptions import AdoptionData
from app.services.catalogue_values import PracticeData
from app.services.organisations import OrganisationData
from app.views.catalogue.adoption_dialog import AdoptionDialog
from tests.views.catalogue.form_helpers import press_save, show


@pytest.fixture
def practice_id(services) -> str:
    return services.catalogue.save(PracticeData(title="Huerto comunitario")).id


@pytest.fixture
def rio(services) -> str:
    return services.organisations.save(OrganisationData(name="Asociación Río")).id


class Asked(list):
    """The questions asked; each is answered with ``answer``."""

    answer = QMessageBox.StandardButton.Yes


@pytest.fixture
def asked(monkeypatch) -> Asked:
    questions = Asked()

    def question(_parent, _title, text, *_args):  # type: ignore[no-untyped-def]
        questions.append(text)
        return questions.answer

    monkeypatch.setattr(QMessageBox, "question", question)
    return questions


def open_dialog(qtbot, services, practice_id: str, data=None) -> AdoptionDialog:  # type: ignore[no-untyped-def]
    return show(qtbot, AdoptionDialog(services, practice_id, data))


def type_organisation(qtbot, dialog: AdoptionDialog, text: str) -> None:
    edit = dialog.widget("organisation_id").lineEdit()
    edit.clear()
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def test_an_adoption_is_recorded_for_an_organisation_of_the_directory(
    qtbot, services, practice_id, rio
):
    dialog = open_dialog(qtbot, services, practice_id)
    assert dialog.windowTitle() == "New adoption"
    assert dialog.practice_label.text() == "Practice: Huerto comunitario"
    type_organisation(qtbot, dialog, "asociacion rio")  # accents and case aside
    assert dialog.widget("adopted_on").hasFocus()  # Enter moved on, it did not save
    dialog.widget("adopted_on").set_value(date(2025, 10, 3))
    dialog.widget("adaptation").insertPlainText("En dos centros cívicos en lugar de uno.")
    dialog.widget("result").insertPlainText("Cuarenta familias participan.")
    dialog.widget("notes").insertPlainText("Contacto: Ana.")
    press_save(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    [row] = services.adoptions.list(practice_id=practice_id)
    assert (row.id, row.organisation_name, row.adopted_on) == (
        dialog.saved_id,
        "Asociación Río",
        date(2025, 10, 3),
    )
    assert row.adaptation == "En dos centros cívicos en lugar de uno."
    assert services.adoptions.get(row.id).notes == "Contacto: Ana."


def test_without_an_organisation_nothing_is_saved(qtbot, services, practice_id, rio):
    dialog = open_dialog(qtbot, services, practice_id)
    dialog.widget("result").insertPlainText("Bien")
    press_save(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.fields.error_text("organisation_id") == (
        "Choose the organisation that adopted the practice."
    )
    assert services.adoptions.list() == []


def test_a_date_in_the_future_is_said_at_once_and_refused(qtbot, services, practice_id, rio):
    dialog = open_dialog(qtbot, services, practice_id)
    type_organisation(qtbot, dialog, "ASOCIACION rio")
    dialog.widget("adopted_on").set_value(date.today() + timedelta(days=3))
    assert "in the future" in dialog.fields.error_text("adopted_on")
    press_save(qtbot, dialog)
    assert dialog.isVisible()
    assert services.adoptions.list() == []
    dialog.widget("adopted_on").set_value(date.today())
    assert dialog.fields.error_text("adopted_on") == ""


def test_a_new_organisation_is_added_only_when_agreed(qtbot, services, practice_id, asked):
    dialog = open_dialog(qtbot, services, practice_id)
    type_organisation(qtbot, dialog, "Red de Huertos")
    asked.answer = QMessageBox.StandardButton.No
    press_save(qtbot, dialog)
    assert asked == [
        "“Red de Huertos” is not in the directory. Add it to the directory and record its "
        "adoption? You can fill in its details later in the Directory tab."
    ]
    assert "agree to add “Red de Huertos”" in dialog.fields.error_text("organisation_id")
    assert services.organisations.choices() == []
    asked.answer = QMessageBox.StandardButton.Yes
    press_save(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    [(organisation_id, name)] = services.organisations.choices()
    assert name == "Red de Huertos"
    [row] = services.adoptions.list(practice_id=practice_id)
    assert row.organisation_id == organisation_id


def test_nothing_is_added_to_the_directory_for_an_adoption_that_cannot_be_saved(
    qtbot, services, practice_id, asked
):
    dialog = open_dialog(qtbot, services, practice_id)
    type_organisation(qtbot, dialog, "Red de Huertos")
    dialog.widget("adopted_on").set_value(date.today() + timedelta(days=30))
    press_save(qtbot, dialog)
    assert asked == []
    assert services.organisations.choices() == []


def test_an_adoption_is_changed(qtbot, services, practice_id, rio):
    saved = services.adoptions.save(
        AdoptionData(practice_id, rio, adopted_on=date(2024, 1, 9), result="Empezando")
    )
    data = services.adoptions.get(saved.id)
    dialog = open_dialog(qtbot, services, practice_id, data)
    assert dialog.windowTitle() == "Edit adoption"
    assert dialog.widget("organisation_id").currentText() == "Asociación Río"
    assert dialog.widget("adopted_on").value() == date(2024, 1, 9)
    dialog.widget("result").setPlainText("Consolidado")
    press_save(qtbot, dialog)
    assert dialog.saved_id == saved.id
    assert services.adoptions.get(saved.id) == replace(data, result="Consolidado")
