"""The duplicates dialog: groups found, records compared, a merge that keeps everything."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.services.organisations import OrganisationData
from app.services.people import MembershipData, PersonData
from app.views.dialogs.duplicates_dialog import ORGANISATIONS, PEOPLE, DuplicatesDialog
from app.views.directory_tab import DirectoryTab


@pytest.fixture
def answers(monkeypatch) -> list[str]:
    asked: list[str] = []

    def question(_parent, _title, text, *args, **kwargs):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def open_dialog(qtbot, services, kind: str) -> DuplicatesDialog:
    dialog = DuplicatesDialog(services, kind)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.groups is not None and dialog.job is None)
    return dialog


def two_anas(services):
    red = services.organisations.save(OrganisationData(name="Red Vecinal"))
    casal = services.organisations.save(OrganisationData(name="Casal Jove"))
    first = services.people.save(
        PersonData(
            full_name="Ana García",
            email="ana@example.org",
            memberships=(MembershipData(red.id, role="volunteer"),),
        )
    )
    second = services.people.save(
        PersonData(
            full_name="ANA GARCIA",
            phone="600 111 222",
            memberships=(MembershipData(casal.id, role="staff"),),
        )
    )
    services.people.save(PersonData(full_name="Luis Gómez"))
    return first, second


def test_merging_two_people_keeps_the_memberships_of_both(qtbot, services, answers):
    first, second = two_anas(services)
    dialog = open_dialog(qtbot, services, PEOPLE)
    assert dialog.group_list.count() == 1
    assert dialog.group_list.item(0).text() == "Same name: Ana García / ANA GARCIA"
    records = dialog.records
    assert records.rowCount() == 2
    shown = {records.item(r, 0).text(): records.item(r, 4).text() for r in range(2)}
    assert shown == {"Ana García": "Red Vecinal (Volunteer)", "ANA GARCIA": "Casal Jove (Staff)"}
    assert records.item(1, 2).text() == "600 111 222"  # the details side by side
    records.selectRow(1)  # keep the second one
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    assert "Keep “ANA GARCIA” and merge 1 other record into it?" in answers[0]
    assert "Everything attached" in answers[0]
    qtbot.waitUntil(lambda: dialog.merged == 1 and dialog.job is None, timeout=10000)
    kept = services.people.get(second.id)
    assert {(m.organisation_name, m.role) for m in kept.memberships} == {
        ("Red Vecinal", "volunteer"),
        ("Casal Jove", "staff"),
    }
    assert kept.email == "ana@example.org"  # an empty field filled from the other record
    assert services.people.count() == 2
    assert dialog.group_list.count() == 0
    assert dialog.status.text() == "No duplicates found."


def test_nothing_is_merged_when_the_person_says_no(qtbot, services, monkeypatch):
    two_anas(services)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    dialog = open_dialog(qtbot, services, PEOPLE)
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    assert dialog.merged == 0 and services.people.count() == 3


def test_organisations_with_the_same_tax_id_are_merged_with_their_people(qtbot, services, answers):
    one = services.organisations.save(OrganisationData(name="Casal Jove", tax_id="G12345674"))
    other = services.organisations.save(OrganisationData(name="Casal de Joves", tax_id="G12345674"))
    services.people.save(PersonData(full_name="Pau", memberships=(MembershipData(one.id),)))
    services.people.save(PersonData(full_name="Nil", memberships=(MembershipData(other.id),)))
    dialog = open_dialog(qtbot, services, ORGANISATIONS)
    assert dialog.group_list.item(0).text().startswith("Same tax id: ")
    dialog.records.selectRow(0)
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.merged == 1 and dialog.job is None, timeout=10000)
    assert services.organisations.count() == 1
    assert {p.full_name for p in services.people.list(organisation_id=one.id)} == {"Pau", "Nil"}


def test_the_tab_refreshes_after_a_merge(qtbot, services, answers, monkeypatch):
    two_anas(services)
    tab = DirectoryTab(services)
    qtbot.addWidget(tab)
    assert tab.people.model.total() == 3

    def merge_and_close(self: DuplicatesDialog) -> int:
        qtbot.waitUntil(lambda: self.job is None)
        self.merge_button.click()
        qtbot.waitUntil(lambda: self.merged == 1 and self.job is None, timeout=10000)
        return 0

    monkeypatch.setattr(DuplicatesDialog, "exec", merge_and_close)
    tab.people.duplicates_button.click()
    assert tab.people.model.total() == 2
    assert tab.people.status.text() == "2 people"
