"""Editing the catalogue's areas: adding, renaming (practices follow), reordering, and removing
after a clear question that says what happens to the practices in the area."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from app.services.catalogue_values import PracticeData
from app.views.catalogue.areas_dialog import AreasDialog
from tests.views.catalogue.form_helpers import show


@pytest.fixture
def dialog(qtbot, services) -> AreasDialog:
    for title in ("Huerto comunitario", "Reciclaje en el barrio"):
        services.catalogue.save(PracticeData(title=title, area="Environment"))
    return show(qtbot, AreasDialog(services))


def names(services) -> list[str]:  # type: ignore[no-untyped-def]
    return [area.name for area in services.catalogue.areas()]


def listed(dialog: AreasDialog) -> list[tuple[str, str]]:
    table = dialog.table
    return [(table.item(r, 0).text(), table.item(r, 1).text()) for r in range(table.rowCount())]


def select(dialog: AreasDialog, name: str) -> None:
    dialog.table.selectRow([n for n, _count in listed(dialog)].index(name))


def click(qtbot, button) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def change(qtbot, dialog: AreasDialog, button) -> None:  # type: ignore[no-untyped-def]
    """Press ``button`` and wait for the change, saved in the background, to show."""
    with qtbot.waitSignal(dialog.changed, timeout=5000):
        click(qtbot, button)


def answer_next_question(button_text: str, seen: list[str]) -> None:
    """Press ``button_text`` in the next message box, remembering what it said."""

    def press() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        next(b for b in box.buttons() if b.text() == button_text).click()

    QTimer.singleShot(0, press)


def test_the_areas_are_listed_in_order_with_their_practices(dialog, services):
    assert [name for name, _count in listed(dialog)] == names(services)
    assert ("Environment", "2") in listed(dialog)
    assert ("Housing", "0") in listed(dialog)
    assert not dialog.modified


def test_an_area_is_added_at_the_end_and_a_name_taken_is_refused(qtbot, dialog, services):
    changes: list[bool] = []
    dialog.changed.connect(lambda: changes.append(True))
    qtbot.keyClicks(dialog.new_name, "Economia social")
    with qtbot.waitSignal(dialog.changed, timeout=5000):
        qtbot.keyClick(dialog.new_name, Qt.Key.Key_Return)
    assert names(services)[-1] == "Economia social"
    assert listed(dialog)[-1] == ("Economia social", "0")
    assert dialog.table.selected_row() == dialog.table.rowCount() - 1
    assert dialog.new_name.text() == ""
    assert changes == [True] and dialog.modified
    qtbot.keyClicks(dialog.new_name, "HOUSING")  # the same name, whatever its case
    click(qtbot, dialog.add_button)
    qtbot.waitUntil(lambda: "Housing" in dialog.problem.text(), timeout=5000)
    assert dialog.problem.isVisibleTo(dialog)
    assert "There is already an area called “Housing”." in dialog.problem.text()
    assert dialog.new_name.text() == "HOUSING"  # kept, to be corrected
    assert names(services).count("Housing") == 1


def test_renaming_an_area_keeps_its_practices_in_it(qtbot, dialog, services, monkeypatch):
    monkeypatch.setattr(
        "app.views.catalogue.areas_dialog.QInputDialog.getText",
        lambda *_args: ("Medio ambiente", True),
    )
    select(dialog, "Environment")
    change(qtbot, dialog, dialog.rename_button)
    assert ("Medio ambiente", "2") in listed(dialog)
    assert "Environment" not in names(services)
    [row] = services.catalogue.search("huerto")
    assert row.area == "Medio ambiente"
    assert [r.title for r in services.catalogue.search("medio ambiente")] == [
        "Huerto comunitario",
        "Reciclaje en el barrio",
    ]


def test_areas_are_put_in_order(qtbot, dialog, services):
    first, second, third = names(services)[:3]
    select(dialog, second)
    assert dialog.up_button.isEnabled()
    change(qtbot, dialog, dialog.up_button)
    assert names(services)[:2] == [second, first]
    assert dialog.table.selected_row() == 0
    assert not dialog.up_button.isEnabled()
    change(qtbot, dialog, dialog.down_button)
    change(qtbot, dialog, dialog.down_button)
    assert names(services)[:3] == [first, third, second]
    assert [name for name, _count in listed(dialog)] == names(services)


def test_removing_an_area_asks_and_keeps_its_practices(qtbot, dialog, services):
    seen: list[str] = []
    select(dialog, "Environment")
    answer_next_question("Keep it", seen)
    click(qtbot, dialog.remove_button)
    assert seen == [
        "Remove the area “Environment”? Its 2 practices stay in the catalogue with no area; "
        "you can give them another area when you edit them."
    ]
    assert "Environment" in names(services)
    answer_next_question("Remove the area", seen)
    change(qtbot, dialog, dialog.remove_button)
    assert "Environment" not in names(services)
    assert "Environment" not in [name for name, _count in listed(dialog)]
    assert services.catalogue.count() == 2  # the practices are still there, with no area
    assert {row.area for row in services.catalogue.search("")} == {""}


def test_removing_an_empty_area_says_so(qtbot, dialog, services):
    seen: list[str] = []
    select(dialog, "Housing")
    answer_next_question("Remove the area", seen)
    change(qtbot, dialog, dialog.remove_button)
    assert seen == ["Remove the area “Housing”? No practice is in it."]
    assert "Housing" not in names(services)
