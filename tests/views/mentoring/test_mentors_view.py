"""The Mentors page over real services: adding and changing a mentor in the form, the list's
columns, filters, trash, details and export."""

from __future__ import annotations

import gettext
import re

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QFileDialog, QMessageBox

import app.i18n
from app.services.mentoring_values import RelationshipData
from app.services.mentors import MentorData
from app.services.organisations import OrganisationData
from app.services.people import PersonData
from app.services.person_links import MembershipData
from app.views.mentoring.mentor_dialog import MentorDialog
from app.views.mentoring.mentors_table_model import MentorFilters, MentorsTableModel
from app.views.mentoring.mentors_view import MentorsView


def add_person(services, name: str, *organisation_ids: str) -> str:
    memberships = tuple(MembershipData(o) for o in organisation_ids)
    return services.people.save(PersonData(full_name=name, memberships=memberships)).id


@pytest.fixture
def orgs(services) -> dict[str, str]:
    names = ("Alba", "Brisa", "Cauce")
    return {n: services.organisations.save(OrganisationData(name=n)).id for n in names}


@pytest.fixture
def people(services, orgs) -> dict[str, str]:
    return {
        "Lucía Pérez": add_person(services, "Lucía Pérez", orgs["Alba"]),
        "Marta Gil": add_person(services, "Marta Gil", orgs["Brisa"], orgs["Cauce"]),
        "Nerea Sanz": add_person(services, "Nerea Sanz", orgs["Cauce"]),
    }


@pytest.fixture
def view(qtbot, services, people) -> MentorsView:
    widget = MentorsView(services)
    qtbot.addWidget(widget)
    widget.resize(1100, 600)
    widget.show()
    return widget


@pytest.fixture
def answer_yes(monkeypatch) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)


def cells(view: MentorsView) -> list[list[str]]:
    model = view.model
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def press_save(qtbot, dialog: MentorDialog) -> None:
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )


def pick(qtbot, dialog: MentorDialog, typed: str) -> None:
    dialog.picker.search.setFocus()
    qtbot.keyClicks(dialog.picker.search, typed)
    qtbot.keyClick(dialog.picker.search, Qt.Key.Key_Return)


def tick(dialog: MentorDialog, *labels: str) -> None:
    areas = dialog.widget("areas")
    for row in range(areas.count()):
        if areas.item(row).text() in labels:
            areas.item(row).setCheckState(Qt.CheckState.Checked)


def test_a_mentor_added_in_the_form_is_listed_with_their_places(
    qtbot, services, orgs, people, view, monkeypatch
):
    def fill_and_save(dialog: MentorDialog) -> int:
        assert dialog.widget("available").isChecked()  # a new mentor is available by default
        pick(qtbot, dialog, "lucia")
        # Their own organisation comes first, chosen already.
        assert dialog.widget("organisation_id").currentText() == "Alba"
        tick(dialog, "Fundraising", "Leadership")
        dialog.widget("capacity").setValue(3)
        dialog.widget("expertise").setPlainText("Captación de fondos europeos")
        press_save(qtbot, dialog)
        return dialog.result()

    monkeypatch.setattr(MentorDialog, "exec", fill_and_save)
    view.activateWindow()
    qtbot.waitActive(view)
    qtbot.keyClick(view.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)

    assert cells(view) == [["Lucía Pérez", "Alba", "Leadership, Fundraising", "3", "0", "Yes"]]
    assert view.status.text() == "1 mentor"
    assert view.current_id() is not None  # the new mentor is selected...
    details = view.detail.text.text()  # ...and what they offer is shown beside the list
    assert "Pairs now: 0\nPlaces free: 3 of 3" in details
    assert "Captación de fondos europeos" in details


def test_pairs_now_and_full_follow_the_mentors_pairs(services, orgs, people, view):
    mentor = people["Lucía Pérez"]
    services.mentors.save(MentorData(person_id=mentor, organisation_id=orgs["Alba"]))
    services.mentoring.save(
        RelationshipData(
            mentor_id=mentor,
            mentee_id=people["Nerea Sanz"],
            mentor_organisation_id=orgs["Alba"],
            mentee_organisation_id=orgs["Cauce"],
            status="active",
        )
    )
    view.refresh()
    assert cells(view)[0][3:] == ["1", "1", "Full"]


def test_picking_someone_already_mentor_opens_their_record(qtbot, services, orgs, people):
    services.mentors.save(
        MentorData(person_id=people["Marta Gil"], organisation_id=orgs["Cauce"], areas=("quality",))
    )
    dialog = MentorDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    pick(qtbot, dialog, "marta")
    assert not dialog.already.isHidden()
    assert "already a mentor" in dialog.already.text()
    assert dialog.widget("organisation_id").currentText() == "Cauce"
    assert dialog.widget("areas").checked() == ("quality",)
    dialog.widget("capacity").setValue(2)
    press_save(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted  # changed, not refused as a second one
    assert services.mentors.count() == 1
    assert services.mentors.get(dialog.saved_id).capacity == 2

    # Picking someone else then starts afresh instead of carrying Marta's record over.
    other = MentorDialog(services)
    qtbot.addWidget(other)
    pick(qtbot, other, "marta")
    other.picker.search.clear()
    pick(qtbot, other, "nerea")
    assert other.already.isHidden() and other.widget("areas").checked() == ()
    assert other.widget("organisation_id").currentText() == "Cauce"


def test_problems_show_by_their_field_and_keep_the_form_open(qtbot, services, people):
    dialog = MentorDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    press_save(qtbot, dialog)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "Find the person in the directory" in dialog.fields.error_text("person_id")

    pick(qtbot, dialog, "nerea")
    assert dialog.fields.error_text("person_id") == ""
    dialog.widget("organisation_id").setEditText("Nueva Asociación")
    press_save(qtbot, dialog)
    assert "is not in the directory" in dialog.fields.error_text("organisation_id")
    assert services.mentors.count() == 0


def test_editing_keeps_the_person_and_saves_the_changes(
    qtbot, services, orgs, people, view, monkeypatch
):
    saved = services.mentors.save(MentorData(person_id=people["Marta Gil"], capacity=2))

    def change(dialog: MentorDialog) -> int:
        assert dialog.picker is None  # an existing mentor keeps their person
        assert dialog.widget("person_id").text() == "Marta Gil"
        assert dialog.windowTitle() == "Mentor: Marta Gil"
        dialog.widget("available").setChecked(False)
        dialog.widget("notes").setPlainText("Vuelve en septiembre")
        press_save(qtbot, dialog)
        return dialog.result()

    view.refresh()
    view.select_id(saved.id)
    monkeypatch.setattr(MentorDialog, "exec", change)
    view.edit_selected()
    data = services.mentors.get(saved.id)
    assert (data.available, data.notes, data.capacity) == (False, "Vuelve en septiembre", 2)
    assert cells(view)[0][5] == "No"
    assert "Not taking new pairs for now." in view.detail.text.text()


def test_filters_narrow_the_list(services, orgs, people, view):
    services.mentors.save(MentorData(person_id=people["Lucía Pérez"], areas=("fundraising",)))
    services.mentors.save(
        MentorData(person_id=people["Marta Gil"], areas=("quality",), available=False)
    )
    view.refresh()
    assert [row[0] for row in cells(view)] == ["Lucía Pérez", "Marta Gil"]
    view.area_filter.setCurrentIndex(view.area_filter.findData("quality"))
    assert [row[0] for row in cells(view)] == ["Marta Gil"]
    view.area_filter.setCurrentIndex(0)
    view.available_toggle.setChecked(True)
    assert [row[0] for row in cells(view)] == ["Lucía Pérez"]
    assert view.status.text() == "1 mentor"


def test_trash_and_restore(services, people, view, answer_yes):
    saved = services.mentors.save(MentorData(person_id=people["Nerea Sanz"]))
    view.refresh()
    view.select_id(saved.id)
    view.trash_selected()
    assert cells(view) == [] and view.status.text() == "0 mentors"
    view.trash_toggle.setChecked(True)
    assert view.status.text() == "1 mentor in the trash"
    view.select_id(saved.id)
    view.restore_selected()
    view.trash_toggle.setChecked(False)
    assert [row[0] for row in cells(view)] == ["Nerea Sanz"]


def test_export_keeps_the_filters(qtbot, services, people, view, tmp_path, monkeypatch):
    services.mentors.save(MentorData(person_id=people["Lucía Pérez"], areas=("fundraising",)))
    services.mentors.save(MentorData(person_id=people["Marta Gil"], areas=("quality",)))
    view.refresh()
    view.area_filter.setCurrentIndex(view.area_filter.findData("fundraising"))
    target = tmp_path / "mentors.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    view.export_list()
    qtbot.waitUntil(lambda: bool(told), timeout=10000)
    rows = list(load_workbook(target).active.iter_rows(values_only=True))
    assert rows[0] == ("Name", "Organisation", "Areas", "Pairs at once", "Pairs now", "Available")
    assert rows[1:] == [("Lucía Pérez", "Alba", "Fundraising", 1, 0, "Yes")]


def test_texts_follow_a_language_change(services, people, view, monkeypatch):
    services.mentors.save(MentorData(person_id=people["Lucía Pérez"], areas=("fundraising",)))
    view.refresh()

    class Shouting(gettext.NullTranslations):
        def gettext(self, message: str) -> str:
            return re.sub(r"[^{}]+(?=\{|$)", lambda m: m.group().upper(), message)

        def ngettext(self, singular: str, plural: str, n: int) -> str:
            return self.gettext(singular if n == 1 else plural)

    monkeypatch.setattr(app.i18n, "_current", Shouting())
    QApplication.sendEvent(view, QEvent(QEvent.Type.LanguageChange))
    assert view.area_filter.itemText(0) == "ALL AREAS"
    assert view.model.headerData(0, Qt.Orientation.Horizontal) == "NAME"
    assert view.model.index(0, 2).data() == "FUNDRAISING"
    assert view.status.text() == "1 MENTOR"


def test_the_model_passes_the_model_tester(qtmodeltester, services, people):
    services.mentors.save(MentorData(person_id=people["Lucía Pérez"], areas=("fundraising",)))
    services.mentors.save(MentorData(person_id=people["Marta Gil"]))
    model = MentorsTableModel(services.mentors)
    qtmodeltester.check(model)
    model.set_filters(MentorFilters(area="fundraising"))
    qtmodeltester.check(model)
    assert model.rowCount() == 1
