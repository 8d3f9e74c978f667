"""The mentoring pair's form: choosing the two people and their organisations, dates, status and
closure, the agreement, and problems shown by their field."""

from __future__ import annotations

import gettext
import re
from datetime import date

import pytest
from PySide6.QtCore import QDate, QEvent, QPoint, Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox

import app.i18n
from app.services.mentoring_values import RelationshipData
from app.services.mentors import MentorData
from app.views.mentoring.pair_fields import NOT_SET
from app.views.mentoring.relationship_dialog import RelationshipDialog, default_confidentiality
from tests.views.mentoring.relationship_fixtures import build_directory, build_pairs


@pytest.fixture
def directory(services):
    return build_directory(services)


def open_dialog(qtbot, services, data: RelationshipData | None = None) -> RelationshipDialog:
    dialog = RelationshipDialog(services, data)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def press_save(qtbot, dialog: RelationshipDialog) -> None:
    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def pick(qtbot, dialog: RelationshipDialog, side: str, typed: str) -> None:
    """Type part of a name in the side's search and press Enter, as a person would."""
    search = dialog.sides.picker(side).search
    search.clear()
    qtbot.keyClicks(search, typed)
    qtbot.keyClick(search, Qt.Key.Key_Return)


def tick(checklist, code: str) -> None:
    for row in range(checklist.count()):
        item = checklist.item(row)
        if item.data(Qt.ItemDataRole.UserRole) == code:
            item.setCheckState(Qt.CheckState.Checked)
            return
    raise AssertionError(f"{code} is not listed")


def organisation_text(dialog: RelationshipDialog, side: str) -> str:
    return dialog.sides.organisation(side).currentText()


def test_a_new_pair_is_chosen_by_typing_and_saved(qtbot, services, directory):
    dialog = open_dialog(qtbot, services)
    assert dialog.windowTitle() == "New mentoring pair"
    assert not dialog.sections[2].isVisibleTo(dialog)  # the closure shows only when closed
    pick(qtbot, dialog, "mentor", "perez")
    assert organisation_text(dialog, "mentor") == "Fundación Luz"  # her organisation proposed
    assert dialog.sides.organisation("mentor").hasFocus()
    pick(qtbot, dialog, "mentee", "NUNEZ")
    assert organisation_text(dialog, "mentee") == "Asociación Río"
    assert dialog.sides.picker("mentee").status.text() == "Chosen: Beatriz Núñez"
    tick(dialog.areas, "fundraising")
    tick(dialog.areas, "governance")
    dialog.widget("planned_end").set_value(date(2027, 6, 30))
    dialog.widget("frequency").choose("fortnightly")
    dialog.widget("status").choose("active")
    dialog.widget("agreement_goals").insertPlainText("Un plan de captación para 2027")
    press_save(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    saved = services.mentoring.get(dialog.saved_id)
    assert (saved.mentor_name, saved.mentor_organisation) == ("Ana Pérez", "Fundación Luz")
    assert (saved.mentee_name, saved.mentee_organisation) == ("Beatriz Núñez", "Asociación Río")
    data = saved.data
    assert data.areas == ("fundraising", "governance")
    assert (data.start_date, data.planned_end) == (date.today(), date(2027, 6, 30))
    assert (data.frequency, data.status, data.closed_on) == ("fortnightly", "active", None)
    assert data.agreement_goals == "Un plan de captación para 2027"
    assert data.agreement_confidentiality == default_confidentiality()


def test_a_mentor_is_proposed_with_the_organisation_of_their_mentor_record(
    qtbot, services, directory
):
    carlos = directory.people["carlos"]  # staff of Cooperativa Sur and of Fundación Luz
    services.mentors.save(
        MentorData(person_id=carlos, organisation_id=directory.organisations["Fundación Luz"])
    )
    dialog = open_dialog(qtbot, services)
    pick(qtbot, dialog, "mentor", "carlos")
    assert organisation_text(dialog, "mentor") == "Fundación Luz"
    pick(qtbot, dialog, "mentee", "carlos")  # no mentor record counts on the mentee's side
    assert organisation_text(dialog, "mentee") == "Cooperativa Sur"
    assert "Choose two different people" in dialog.fields.error_text("mentee")


def test_an_organisation_already_chosen_is_kept_when_it_is_the_persons(qtbot, services, directory):
    dialog = open_dialog(qtbot, services)
    picker = dialog.sides.organisation("mentee")
    picker.setCurrentIndex(picker.findData(directory.organisations["Fundación Luz"]))
    pick(qtbot, dialog, "mentee", "carlos")  # Carlos is of Fundación Luz too
    assert organisation_text(dialog, "mentee") == "Fundación Luz"
    pick(qtbot, dialog, "mentee", "elena")  # Elena has none: the choice is left as it was
    assert organisation_text(dialog, "mentee") == "Fundación Luz"
    pick(qtbot, dialog, "mentee", "dani")  # Daniel is of Asociación Río only
    assert organisation_text(dialog, "mentee") == "Asociación Río"


def test_a_suggested_pair_opens_with_its_mentor_and_organisations_and_asks_for_the_mentee(
    qtbot, services, directory
):
    org = directory.organisations
    prefill = RelationshipData(
        mentor_id=directory.people["ana"],
        mentee_id="",
        mentor_organisation_id=org["Fundación Luz"],
        mentee_organisation_id=org["Cooperativa Sur"],
        areas=("quality",),
    )
    dialog = open_dialog(qtbot, services, prefill)
    assert dialog.sides.picker("mentor").chosen_name == "Ana Pérez"
    assert dialog.sides.picker("mentee").chosen_id is None
    assert organisation_text(dialog, "mentee") == "Cooperativa Sur"
    assert dialog.areas.checked() == ("quality",)
    assert dialog.widget("start_date").value() is None  # a prefill's dates are left unset
    press_save(qtbot, dialog)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.fields.error_text("mentee") == (
        "Find the mentee in the directory and press Enter, or create them."
    )
    assert dialog.sides.picker("mentee").search.hasFocus()
    pick(qtbot, dialog, "mentee", "carlos")  # of Cooperativa Sur: the suggested one is kept
    assert dialog.fields.error_text("mentee") == ""
    assert organisation_text(dialog, "mentee") == "Cooperativa Sur"
    press_save(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    saved = services.mentoring.get(dialog.saved_id)
    assert (saved.mentee_name, saved.data.status) == ("Carlos Gil", "proposed")


def test_the_same_organisation_on_both_sides_is_said_at_once_and_refused(
    qtbot, services, directory
):
    dialog = open_dialog(qtbot, services)
    pick(qtbot, dialog, "mentor", "ana")
    pick(qtbot, dialog, "mentee", "carlos")  # proposed Cooperativa Sur: all right
    assert dialog.fields.error_text("mentee_organisation_id") == ""
    picker = dialog.sides.organisation("mentee")
    picker.setCurrentIndex(picker.findData(directory.organisations["Fundación Luz"]))
    assert "same organisation as the mentor" in dialog.fields.error_text("mentee_organisation_id")
    press_save(qtbot, dialog)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert services.mentoring.count() == 0
    picker.setCurrentIndex(picker.findData(directory.organisations["Cooperativa Sur"]))
    assert dialog.fields.error_text("mentee_organisation_id") == ""


def test_an_organisation_typed_that_is_not_in_the_directory_is_refused(qtbot, services, directory):
    dialog = open_dialog(qtbot, services)
    pick(qtbot, dialog, "mentor", "ana")
    pick(qtbot, dialog, "mentee", "elena")
    dialog.sides.organisation("mentee").setEditText("Asociación Inventada")
    press_save(qtbot, dialog)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "“Asociación Inventada” is not in the directory" in dialog.fields.error_text(
        "mentee_organisation_id"
    )


def test_closing_shows_the_closure_and_saves_date_reason_and_assessment(qtbot, services, directory):
    ids = build_pairs(services, directory)
    dialog = open_dialog(qtbot, services, services.mentoring.get(ids["ana-bea"]).data)
    assert dialog.windowTitle() == "Mentoring pair: Beatriz Núñez with Ana Pérez"
    closure = dialog.sections[2]
    assert not closure.isVisibleTo(dialog)
    dialog.widget("status").choose("closed")
    assert closure.isVisibleTo(dialog)
    assert dialog.widget("closed_on").date() == QDate.currentDate()
    dialog.widget("closed_on").setDate(QDate(2025, 1, 15))  # before the start (1 Feb 2025)
    assert "cannot close before it started" in dialog.fields.error_text("closed_on")
    dialog.widget("closed_on").setDate(QDate(2025, 11, 30))
    assert dialog.fields.error_text("closed_on") == ""
    dialog.widget("closure_reason").choose("mentee_left")
    dialog.widget("final_assessment").insertPlainText("Avanzó mucho en captación")
    press_save(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.saved_id == ids["ana-bea"]
    data = services.mentoring.get(ids["ana-bea"]).data
    assert (data.status, data.closed_on, data.closure_reason) == (
        "closed",
        date(2025, 11, 30),
        "mentee_left",
    )
    assert data.final_assessment == "Avanzó mucho en captación"


def test_reopening_a_closed_pair_hides_the_closure_and_forgets_it(qtbot, services, directory):
    ids = build_pairs(services, directory)
    dialog = open_dialog(qtbot, services, services.mentoring.get(ids["carlos-dani"]).data)
    assert dialog.sections[2].isVisibleTo(dialog)
    assert dialog.widget("closed_on").date() == QDate(2025, 3, 1)
    assert dialog.widget("closure_reason").currentText() == "Goals achieved"
    dialog.widget("status").choose("paused")
    assert not dialog.sections[2].isVisibleTo(dialog)
    press_save(qtbot, dialog)
    data = services.mentoring.get(ids["carlos-dani"]).data
    assert (data.status, data.closed_on, data.closure_reason) == ("paused", None, "")


def test_editing_shows_what_was_saved_and_saving_keeps_it(qtbot, services, directory):
    ids = build_pairs(services, directory)
    before = services.mentoring.get(ids["ana-bea"]).data
    dialog = open_dialog(qtbot, services, before)
    assert organisation_text(dialog, "mentor") == "Fundación Luz"
    assert organisation_text(dialog, "mentee") == "Asociación Río"
    assert dialog.areas.checked() == ("leadership", "fundraising")
    assert dialog.widget("start_date").edit.date() == QDate(2025, 2, 1)
    assert dialog.widget("agreement_confidentiality").toPlainText() == ""  # not added unasked
    press_save(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert services.mentoring.get(ids["ana-bea"]).data == before


def test_a_planned_end_before_the_start_is_said_under_it(qtbot, services, directory):
    dialog = open_dialog(qtbot, services)
    dialog.widget("start_date").set_value(date(2026, 3, 1))
    dialog.widget("planned_end").set_value(date(2026, 2, 1))
    assert dialog.fields.error_text("planned_end") == (
        "The planned end comes before the start. Check the two dates."
    )
    qtbot.mouseClick(dialog.widget("planned_end").clear_button, Qt.MouseButton.LeftButton)
    assert dialog.widget("planned_end").value() is None
    assert dialog.widget("planned_end").edit.text() == "Not set"
    assert dialog.fields.error_text("planned_end") == ""


def test_an_unset_date_opens_its_calendar_on_this_month(qtbot, services, directory):
    dialog = open_dialog(qtbot, services)
    field = dialog.widget("planned_end")
    assert field.edit.date() == NOT_SET and not field.clear_button.isEnabled()
    edit = field.edit
    qtbot.mouseClick(
        edit, Qt.MouseButton.LeftButton, pos=QPoint(edit.width() - 6, edit.height() // 2)
    )
    calendar = edit.calendarWidget()
    qtbot.waitUntil(calendar.isVisible)
    today = QDate.currentDate()
    assert (calendar.yearShown(), calendar.monthShown()) == (today.year(), today.month())
    calendar.window().hide()
    assert field.value() is None  # only looking does not set it


def test_fields_have_accessible_names_and_the_save_shortcut_works(qtbot, services, directory):
    dialog = open_dialog(qtbot, services)
    assert dialog.sides.picker("mentor").accessibleName() == "Mentor"
    assert dialog.widget("planned_end").edit.accessibleName() == "Planned end"
    assert dialog.widget("agreement_confidentiality").accessibleName() == "Confidentiality"
    assert dialog.fields.labels["mentee"].text() == "Ment&ee:"
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() != QDialog.DialogCode.Accepted  # nothing chosen: it stays open
    assert dialog.fields.error_text("mentor").startswith("Find the mentor in the directory")


def test_texts_follow_a_language_change_and_so_does_the_offered_clause(
    qtbot, services, directory, monkeypatch
):
    class Shouting(gettext.NullTranslations):
        def gettext(self, message: str) -> str:  # upper case outside the {placeholders}
            return re.sub(r"[^{}]+(?=\{|$)", lambda m: m.group().upper(), message)

        def ngettext(self, singular: str, plural: str, n: int) -> str:
            return self.gettext(singular if n == 1 else plural)

    dialog = open_dialog(qtbot, services)
    offered = dialog.widget("agreement_confidentiality")
    monkeypatch.setattr(app.i18n, "_current", Shouting())
    QApplication.sendEvent(dialog, QEvent(QEvent.Type.LanguageChange))
    assert dialog.windowTitle() == "NEW MENTORING PAIR"
    assert dialog.fields.labels["status"].text() == "STAT&US:"
    assert offered.toPlainText() == default_confidentiality().upper()
    offered.setPlainText("Lo que decidamos juntas")
    monkeypatch.setattr(app.i18n, "_current", gettext.NullTranslations())
    QApplication.sendEvent(dialog, QEvent(QEvent.Type.LanguageChange))
    assert offered.toPlainText() == "Lo que decidamos juntas"  # changed by hand: left alone
