"""The person picker: search as you type (accents and case ignored), keys, create new."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

import app.views.directory_tab as directory_tab
from app.services.people import PersonData
from app.views.widgets.person_picker import SHOWN, PersonPicker


@pytest.fixture
def picker(qtbot, services) -> PersonPicker:
    for name in ("José Núñez Ruiz", "Ana Pérez", "Ana Belén Gómez", "Luis Gómez"):
        services.people.save(PersonData(full_name=name))
    widget = PersonPicker(services)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def names(picker: PersonPicker) -> list[str]:
    return [picker.model.index(r, 0).data() for r in range(picker.model.rowCount())]


def test_typing_finds_people_whatever_the_accents_and_case(qtbot, picker):
    qtbot.keyClicks(picker.search, "NUNEZ")
    qtbot.waitUntil(lambda: names(picker) == ["José Núñez Ruiz"])
    assert picker.status.text() == "1 person found. Press Enter to choose."


def test_down_then_enter_picks_the_second_match(qtbot, picker):
    qtbot.keyClicks(picker.search, "gomez")
    qtbot.keyClick(picker.search, Qt.Key.Key_Down)  # searches at once, then moves
    assert picker.table.current_row() == 1
    second = names(picker)[1]
    with qtbot.waitSignal(picker.picked) as signal:
        qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert picker.chosen_name == second
    assert signal.args == [picker.chosen_id]
    assert picker.status.text() == f"Chosen: {second}"


def test_enter_with_nothing_found_picks_no_one(qtbot, picker):
    qtbot.keyClicks(picker.search, "zzz")
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert picker.chosen_id is None
    assert "No one in the directory matches" in picker.status.text()


def test_only_the_first_matches_are_listed(qtbot, services, picker):
    for number in range(SHOWN + 5):
        services.people.save(PersonData(full_name=f"Persona {number:02d}"))
    qtbot.keyClicks(picker.search, "persona")
    picker.run_search()
    assert picker.model.rowCount() == SHOWN
    assert picker.status.text().startswith(f"The first {SHOWN} people found")


def test_create_new_person_picks_the_one_saved(qtbot, monkeypatch, services, picker):
    monkeypatch.setattr(
        directory_tab,
        "open_person",
        lambda s, _id, _parent: s.people.save(PersonData(full_name="Pau Roig")).id,
    )
    qtbot.mouseClick(picker.create_button, Qt.MouseButton.LeftButton)
    assert picker.chosen_name == "Pau Roig"


def test_cancelling_the_new_person_form_picks_no_one(qtbot, monkeypatch, picker):
    monkeypatch.setattr(directory_tab, "open_person", lambda *_args: None)
    qtbot.mouseClick(picker.create_button, Qt.MouseButton.LeftButton)
    assert picker.chosen_id is None


def test_the_model_passes_the_model_tester(qtmodeltester, qtbot, picker):
    qtbot.keyClicks(picker.search, "a")
    picker.run_search()
    qtmodeltester.check(picker.model)
