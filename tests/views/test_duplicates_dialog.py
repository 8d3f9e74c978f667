"""The duplicates dialog: groups found, records compared, a merge that keeps everything."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.services.organisations import OrganisationData
from app.services.people import MembershipData, PersonData
from app.views.dialogs.duplicate_records_table import KEEP, MERGE
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


def ticks(dialog: DuplicatesDialog, column: int) -> list[bool | None]:
    """Each row's tick in ``column``: True, False, or None where there is no tick box."""
    items = [dialog.records.item(row, column) for row in range(dialog.records.rowCount())]
    return [
        None
        if item.data(Qt.ItemDataRole.CheckStateRole) is None
        else item.checkState() == Qt.CheckState.Checked
        for item in items
    ]


def tick(dialog: DuplicatesDialog, row: int, column: int, checked: bool = True) -> None:
    state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
    dialog.records.item(row, column).setCheckState(state)


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
    shown = {records.item(r, 2).text(): records.item(r, 6).text() for r in range(2)}
    assert shown == {"Ana García": "Red Vecinal (Volunteer)", "ANA GARCIA": "Casal Jove (Staff)"}
    assert records.item(1, 4).text() == "600 111 222"  # the details side by side
    assert ticks(dialog, KEEP) == [True, False]
    assert ticks(dialog, MERGE) == [None, True]  # a pair: the other one starts ticked
    records.setFocus()
    records.setCurrentCell(1, KEEP)
    qtbot.keyClick(records, Qt.Key.Key_Space)  # keep the second one instead: the two swap
    assert ticks(dialog, KEEP) == [False, True]
    assert ticks(dialog, MERGE) == [True, None]
    assert records.item(1, MERGE).text() == "(kept)"
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


def office_of_three(services) -> list[str]:
    """Three different people with the office's phone, and one of them typed twice."""
    ids = [
        services.people.save(PersonData(full_name=name, phone="976 000 111")).id
        for name in ("Marta Sanz", "Jorge Lázaro", "Marta Sanz Pérez")
    ]
    return ids


def test_a_shared_phone_merges_only_the_ticked_records(qtbot, services, answers):
    marta, jorge, marta_again = office_of_three(services)
    dialog = open_dialog(qtbot, services, PEOPLE)
    assert dialog.group_list.item(0).text().startswith("Same phone: ")
    assert ticks(dialog, KEEP) == [True, False, False]
    assert ticks(dialog, MERGE) == [None, False, False]  # nothing joins unless ticked
    assert not dialog.merge_button.isEnabled()
    row = [dialog.records.item(r, 2).text() for r in range(3)].index("Marta Sanz Pérez")
    tick(dialog, row, MERGE)
    assert dialog.merge_button.isEnabled()
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    assert "merge 1 other record into it?" in answers[0]
    assert "1 record left unticked stays as it is." in answers[0]
    qtbot.waitUntil(lambda: dialog.merged == 1 and dialog.job is None, timeout=10000)
    assert services.people.count() == 2
    assert services.people.get(jorge).full_name == "Jorge Lázaro"  # still a person of their own
    assert services.people.get(marta).full_name == "Marta Sanz"
    # The two left still share the phone: shown again, and a shared phone starts unticked.
    assert dialog.group_list.count() == 1
    assert ticks(dialog, MERGE).count(False) == 1
    assert not dialog.merge_button.isEnabled()


def test_merge_needs_a_kept_record_and_one_ticked_to_join(qtbot, services):
    two_anas(services)
    dialog = open_dialog(qtbot, services, PEOPLE)
    assert dialog.merge_button.isEnabled()
    tick(dialog, 1, MERGE, False)
    assert not dialog.merge_button.isEnabled()
    tick(dialog, 1, MERGE)
    assert dialog.merge_button.isEnabled()
    tick(dialog, 0, KEEP, False)  # no record to keep
    assert not dialog.merge_button.isEnabled()
    assert ticks(dialog, MERGE) == [False, True]
    tick(dialog, 0, KEEP)
    assert dialog.merge_button.isEnabled()


def test_ticks_name_their_record_for_screen_readers(qtbot, services):
    two_anas(services)
    dialog = open_dialog(qtbot, services, PEOPLE)
    names = [
        dialog.records.item(row, column).data(Qt.ItemDataRole.AccessibleTextRole)
        for row in range(2)
        for column in (KEEP, MERGE)
    ]
    assert names == [
        "Keep Ana García",
        "Ana García is kept",
        "Keep ANA GARCIA",
        "Merge ANA GARCIA into the kept one",
    ]


def test_a_language_change_keeps_the_ticks(qtbot, services):
    office_of_three(services)
    dialog = open_dialog(qtbot, services, PEOPLE)
    tick(dialog, 2, KEEP)
    tick(dialog, 0, MERGE)
    dialog.retranslate_ui()  # what a change of language runs
    assert ticks(dialog, KEEP) == [False, False, True]
    assert ticks(dialog, MERGE) == [True, False, None]
    assert dialog.records.horizontalHeaderItem(KEEP).text() == "Keep"
    assert dialog.merge_button.isEnabled()
