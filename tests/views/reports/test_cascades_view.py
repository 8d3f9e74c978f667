"""The Cascades page over real services: recording a cascade in the form (the person's own
organisation and activities offered first), what the form refuses, the list searched and narrowed
to dates, the trash with Undo, and the export."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QMessageBox

from app.services.cascades import CascadeData
from app.services.catalogue_values import PracticeData
from app.views.reports.cascade_dialog import CascadeDialog
from app.views.reports.cascades_view import CascadesView
from tests.views.activity_fixtures import Built, build_activity
from tests.views.reports.link_helpers import choose_in_search

TODAY = date.today()


@pytest.fixture
def built(services) -> Built:
    """A capsule whose sessions began three weeks ago: Ana (of Fundación Luz) attended it."""
    return build_activity(services, TODAY)


def record(services, built: Built, who: str, days_ago: int, reached: int = 5) -> str:
    data = CascadeData(
        person_id=built.people[who],
        held_on=TODAY - timedelta(days=days_ago),
        organisation_id=built.organisations["Fundación Luz"],
        people_reached=reached,
    )
    return services.cascades.save(data).id


@pytest.fixture
def view(qtbot, services, built) -> CascadesView:
    widget = CascadesView(services)
    qtbot.addWidget(widget)
    widget.resize(1100, 600)
    widget.show()
    return widget


def press_save(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def pick_person(qtbot, dialog: CascadeDialog, typed: str) -> None:
    picker = dialog.widget("person_id")
    qtbot.keyClicks(picker.search, typed)
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)


def test_a_cascade_recorded_in_the_form_offers_the_persons_organisation_and_activity(
    qtbot, services, built
):
    handout = services.catalogue.save(PracticeData(title="Banco de tiempo"))
    dialog = CascadeDialog(services)
    qtbot.addWidget(dialog)
    pick_person(qtbot, dialog, "ana pe")
    assert dialog.widget("person_id").chosen_id == built.people["ana"]
    # Her own organisation is filled in; her activity is offered before anything is typed.
    assert dialog.widget("organisation_id").currentText() == "Fundación Luz"
    offered: list[list[str]] = []
    choose_in_search("", offered)
    assert dialog.widget("activity_id").choose()
    assert offered[0] == ["Gestión del voluntariado"]
    choose_in_search("banco", offered)
    assert dialog.widget("practice_id").choose()
    dialog.widget("held_on").setDate(QDate(TODAY - timedelta(days=2)))
    dialog.widget("how").choose("training")
    dialog.widget("people_reached").setValue(12)
    dialog.widget("notes").setPlainText("Con el equipo de voluntariado")
    press_save(qtbot, dialog)
    assert dialog.result() and dialog.saved_id
    saved = services.cascades.get(dialog.saved_id)
    assert saved == CascadeData(
        id=dialog.saved_id,
        person_id=built.people["ana"],
        held_on=TODAY - timedelta(days=2),
        organisation_id=built.organisations["Fundación Luz"],
        activity_id=built.activity_id,
        practice_id=handout.id,
        people_reached=12,
        how="training",
        notes="Con el equipo de voluntariado",
    )


def test_the_form_says_who_is_missing_and_refuses_an_unknown_organisation(qtbot, services, built):
    dialog = CascadeDialog(services)
    qtbot.addWidget(dialog)
    press_save(qtbot, dialog)
    assert "Choose who passed the content on" in dialog.fields.error_text("person_id")
    pick_person(qtbot, dialog, "beatriz")
    organisation = dialog.widget("organisation_id")
    organisation.setEditText("Entidad que no existe")
    press_save(qtbot, dialog)
    assert "is not in the directory" in dialog.fields.error_text("organisation_id")
    assert not dialog.result() and services.cascades.count() == 0
    organisation.setEditText("")  # none is fine: it is not always known
    press_save(qtbot, dialog)
    assert dialog.result() and services.cascades.count() == 1


def test_a_date_before_the_activity_is_shown_under_the_date(qtbot, services, built):
    dialog = CascadeDialog(services)
    qtbot.addWidget(dialog)
    pick_person(qtbot, dialog, "ana")
    dialog.widget("activity_id").set_value(built.activity_id, "Gestión del voluntariado")
    dialog.widget("held_on").setDate(QDate(TODAY - timedelta(days=60)))
    press_save(qtbot, dialog)
    assert "before the activity began" in dialog.fields.error_text("held_on")
    assert services.cascades.count() == 0


def test_editing_shows_the_cascade_as_recorded_and_saves_the_change(qtbot, view, services, built):
    cascade_id = record(services, built, "bea", 3, reached=4)
    view.refresh()
    row = view.model.record_of(cascade_id)
    dialog = CascadeDialog(services, row, view)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Edit cascade"
    assert dialog.widget("person_id").chosen_name == "Beatriz Núñez"
    assert dialog.widget("organisation_id").currentText() == "Fundación Luz"
    assert dialog.widget("people_reached").value() == 4
    dialog.widget("people_reached").setValue(9)
    press_save(qtbot, dialog)
    assert services.cascades.get(cascade_id).people_reached == 9
    assert services.cascades.count() == 1  # changed, not added


def cells(view: CascadesView) -> list[list[str]]:
    model = view.model
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def test_the_list_is_newest_first_searched_and_narrowed_to_dates(
    qtbot, qtmodeltester, view, services, built
):
    for who, days_ago in (("ana", 1), ("bea", 10), ("carlos", 40)):
        record(services, built, who, days_ago)
    view.refresh()
    qtmodeltester.check(view.model)
    assert [row[1] for row in cells(view)] == ["Ana Pérez", "Beatriz Núñez", "Carlos Gil"]
    assert view.status.text() == "3 cascades"
    assert cells(view)[0][2] == "Fundación Luz" and cells(view)[0][3] == "5"
    view.from_date.set_value(TODAY - timedelta(days=20))
    assert [row[1] for row in cells(view)] == ["Ana Pérez", "Beatriz Núñez"]
    view.to_date.set_value(TODAY - timedelta(days=5))
    assert [row[1] for row in cells(view)] == ["Beatriz Núñez"]
    view.from_date.set_value(None)
    view.to_date.set_value(None)
    qtbot.keyClicks(view.search, "carlos")
    qtbot.waitUntil(lambda: view.model.total() == 1)
    assert cells(view)[0][1] == "Carlos Gil" and view.status.text() == "1 cascade"


def test_a_cascade_moved_to_the_trash_comes_back_with_undo(
    qtbot, view, services, built, monkeypatch
):
    kept = record(services, built, "ana", 1)
    trashed = record(services, built, "bea", 2)
    view.refresh()
    changes: list[bool] = []
    view.changed.connect(lambda: changes.append(True))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    view.select_id(trashed)
    view.trash_button.click()
    assert services.cascades.count() == 2 and not changes  # "No" leaves it
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    view.trash_button.click()
    assert [view.model.record(r).id for r in range(view.model.rowCount())] == [kept]
    assert view.undo_button.isVisible() and changes == [True]
    view.undo_button.click()
    assert services.cascades.count() == 2
    assert view.selected_ids() == [trashed] and not view.undo_button.isVisible()
    assert changes == [True, True]


def test_the_list_is_exported_as_shown(qtbot, view, services, built, monkeypatch, tmp_path):
    record(services, built, "ana", 1, reached=7)
    record(services, built, "bea", 30)
    view.from_date.set_value(TODAY - timedelta(days=7))
    target = tmp_path / "cascadas.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    view.export_list()
    qtbot.waitUntil(lambda: bool(told), timeout=10000)
    rows = list(load_workbook(target).active.iter_rows(values_only=True))
    assert rows[0][:4] == ("Date", "Who passed it on", "In organisation", "People reached")
    assert [row[1] for row in rows[1:]] == ["Ana Pérez"]  # the dates chosen hold
    assert rows[1][3] == 7
