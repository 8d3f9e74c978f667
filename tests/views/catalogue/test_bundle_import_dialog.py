"""The bundle import dialog over real services: the dry run first, choices, one import, a
refused file that changes nothing, and closing without importing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QFileDialog

from app.services.registry import Services
from app.views.catalogue.bundle_import_dialog import DONE, FILE, PLAN, BundleImportDialog
from app.views.catalogue.bundle_plan_model import CHOICES_ROLE, BundlePlanModel
from tests.views.catalogue.bundle_fixtures import (
    Boxes,
    edit,
    export,
    named_here,
    origin_catalogue,
    publish,
    titles,
)


@pytest.fixture
def origin(tmp_path: Path) -> Iterator[Services]:
    yield from origin_catalogue(tmp_path)


@pytest.fixture
def here(services: Services) -> Services:
    return named_here(services)


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    return Boxes(monkeypatch)


def open_dialog(qtbot, services: Services, path: Path | None) -> BundleImportDialog:  # type: ignore[no-untyped-def]
    dialog = BundleImportDialog(services, path)
    qtbot.addWidget(dialog)
    return dialog


def wait_for(qtbot, dialog: BundleImportDialog, page: int) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not dialog.busy and dialog.pages.currentIndex() == page, timeout=10000)


def row_of(model: BundlePlanModel, title: str) -> int:
    return next(row for row, item in enumerate(model.items()) if item.title == title)


def cell(model: BundlePlanModel, row: int, column: int) -> str:
    return model.index(row, column).data()


@pytest.fixture
def first_bundle(origin: Services, tmp_path: Path) -> Path:
    publish(origin, "Huertos comunitarios", summary="Un huerto en cada barrio")
    publish(origin, "Banco de tiempo", summary="Horas por horas")
    publish(origin, "Borrador sin publicar", status="draft")
    return export(origin, tmp_path / "raices.tejido")


def test_the_dry_run_shows_counts_and_every_practice_then_import_adds_them(
    qtbot, here: Services, first_bundle: Path
) -> None:
    dialog = open_dialog(qtbot, here, first_bundle)
    wait_for(qtbot, dialog, PLAN)
    page = dialog.plan_page
    assert "raices.tejido comes from Asociación Raíces and holds 2 practices" in (
        page.source.text()
    )
    assert "Tejido can verify the certificates that organisation issues" in page.source.text()
    assert page.counts.text() == "2 new practices."
    assert titles(here) == []  # nothing written by the dry run
    assert sorted(cell(page.model, row, 0) for row in range(2)) == [
        "Banco de tiempo",
        "Huertos comunitarios",
    ]
    assert cell(page.model, 0, 1) == "New"
    assert dialog.import_button.isVisibleTo(dialog) and dialog.import_button.isEnabled()
    dialog.import_button.click()
    wait_for(qtbot, dialog, DONE)
    assert titles(here) == ["Banco de tiempo", "Huertos comunitarios"]
    text = dialog.done_page.summary.text()
    assert "2 practices were added." in text
    assert "A backup was made just before" in text
    assert Path(str(dialog.imported.backup)).exists()
    assert dialog.close_button.text() == "&Close"
    dialog.close_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted  # the caller reads the catalogue again


def test_the_plan_model_passes_the_model_tester(
    qtmodeltester, qtbot, here: Services, origin: Services, first_bundle: Path, tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot, here, first_bundle)
    wait_for(qtbot, dialog, PLAN)
    dialog.start_import()
    wait_for(qtbot, dialog, DONE)
    publish(here, "Banco del tiempo.", area="Inclusión social")  # a possible duplicate
    publish(origin, "Banco del tiempo", summary="Otro")
    dialog = open_dialog(qtbot, here, export(origin, tmp_path / "dos.tejido"))
    wait_for(qtbot, dialog, PLAN)
    model = dialog.plan_page.model
    assert model.rowCount() == 3
    qtmodeltester.check(model)


def test_a_conflict_offers_three_choices_and_taking_theirs_replaces_the_local_edit(
    qtbot, here: Services, origin: Services, first_bundle: Path, tmp_path: Path
) -> None:
    here.bundles.inspect(first_bundle)
    here.bundles.apply(None, {}, imported_by="Marta")
    garden = next(r for r in here.catalogue.search("huertos") if r.title.startswith("Huertos"))
    edit(here, garden.id, summary="Lo cambiamos aquí")
    edit(origin, garden.id, summary="Segunda versión del origen")
    dialog = open_dialog(qtbot, here, export(origin, tmp_path / "v2.tejido"))
    wait_for(qtbot, dialog, PLAN)
    page = dialog.plan_page
    assert page.counts.text().startswith("1 conflict: changed here and by its origin.")
    row = row_of(page.model, "Huertos comunitarios")
    assert row == 0  # decisions come first
    choice = page.model.index(row, BundlePlanModel.CHOICE_COLUMN)
    assert [label for _code, label in choice.data(CHOICES_ROLE)] == [
        "Keep mine",
        "Take theirs",
        "Keep both",
    ]
    assert choice.data() == "Keep mine"  # the default, shown before anything is chosen
    assert "Changed here" in page.detail.text()  # the whole reason under the table
    combo = page.table.indexWidget(choice)
    assert isinstance(combo, QComboBox)  # the choice is in view, not behind a double click
    combo.setCurrentIndex(combo.findData("theirs"))
    combo.activated.emit(combo.currentIndex())
    assert page.choices() == {garden.id: "theirs"}
    assert choice.data() == "Take theirs"
    dialog.start_import()
    wait_for(qtbot, dialog, DONE)
    assert here.catalogue.get(garden.id).summary == "Segunda versión del origen"
    assert "1 practice was updated." in dialog.done_page.summary.text()


def test_keeping_mine_leaves_the_local_edit(
    qtbot, here: Services, origin: Services, first_bundle: Path, tmp_path: Path
) -> None:
    here.bundles.inspect(first_bundle)
    here.bundles.apply(None, {}, imported_by="Marta")
    garden = next(r for r in here.catalogue.search("huertos"))
    edit(here, garden.id, summary="Lo cambiamos aquí")
    edit(origin, garden.id, summary="Segunda versión del origen")
    dialog = open_dialog(qtbot, here, export(origin, tmp_path / "v2.tejido"))
    wait_for(qtbot, dialog, PLAN)
    dialog.start_import()
    wait_for(qtbot, dialog, DONE)
    assert here.catalogue.get(garden.id).summary == "Lo cambiamos aquí"
    assert "1 conflict kept your version." in dialog.done_page.summary.text()


def test_a_file_already_imported_would_change_nothing(
    qtbot, here: Services, first_bundle: Path
) -> None:
    here.bundles.inspect(first_bundle)
    here.bundles.apply(None, {}, imported_by="Marta")
    dialog = open_dialog(qtbot, here, first_bundle)
    wait_for(qtbot, dialog, PLAN)
    page = dialog.plan_page
    assert page.counts.text() == "2 are already here, unchanged."
    assert "This same file was already imported on" in page.source.text()
    assert not dialog.import_button.isEnabled()
    assert page.nothing.isVisibleTo(dialog)


def test_a_refused_file_says_why_and_changes_nothing(
    qtbot, here: Services, boxes: Boxes, tmp_path: Path
) -> None:
    publish(here, "Nuestra práctica")
    bad = tmp_path / "roto.tejido"
    bad.write_bytes(b"PK\x03\x04 this is not really a zip file")
    dialog = open_dialog(qtbot, here, bad)
    wait_for(qtbot, dialog, FILE)
    qtbot.waitUntil(lambda: bool(boxes.warned))
    assert "Nothing was imported" in boxes.warned[0]
    assert boxes.warned[0] in dialog.file_page.problem.text()
    assert dialog.file_page.choose_button.text() == "&Choose another file…"
    assert dialog.plan is None and here.bundles.pending() is None
    assert titles(here) == ["Nuestra práctica"]
    assert not dialog.import_button.isVisibleTo(dialog)


def test_cancel_after_the_dry_run_forgets_the_file(
    qtbot, here: Services, first_bundle: Path
) -> None:
    dialog = open_dialog(qtbot, here, first_bundle)
    wait_for(qtbot, dialog, PLAN)
    assert here.bundles.pending() is not None
    dialog.close_button.click()
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert here.bundles.pending() is None
    assert titles(here) == []


def test_without_a_file_it_asks_for_one_and_closes_if_none_is_chosen(
    qtbot, here: Services, first_bundle: Path, monkeypatch
) -> None:
    asked: list[str] = []

    def choose(_parent, _caption, _folder, filters):  # type: ignore[no-untyped-def]
        asked.append(filters)
        return ("", "")

    monkeypatch.setattr(QFileDialog, "getOpenFileName", choose)
    dialog = open_dialog(qtbot, here, None)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert asked == ["Catalogue bundles (*.tejido *.zip)"]
    assert dialog.result() == QDialog.DialogCode.Rejected
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a: (str(first_bundle), ""))
    dialog = open_dialog(qtbot, here, None)
    dialog.show()
    wait_for(qtbot, dialog, PLAN)
    assert dialog.plan_page.model.rowCount() == 2


def test_the_list_can_be_copied(qtbot, here: Services, first_bundle: Path) -> None:
    dialog = open_dialog(qtbot, here, first_bundle)
    wait_for(qtbot, dialog, PLAN)
    dialog.plan_page.copy_button.click()
    lines = QApplication.clipboard().text().splitlines()
    assert lines[0] == "Title\tWhat will happen\tWhy\tYour choice"
    assert any(line.startswith("Banco de tiempo\tNew\tNew in this catalogue.") for line in lines)


def test_choosing_to_import_a_possible_duplicate_enables_the_import(
    qtbot, here: Services, origin: Services, tmp_path: Path
) -> None:
    publish(origin, "Huertos comunitarios")
    here.bundles.inspect(export(origin, tmp_path / "uno.tejido"))
    here.bundles.apply(None, {}, imported_by="Marta")  # their key is known from now on
    publish(here, "Banco del tiempo.")
    publish(origin, "Banco del tiempo", summary="El suyo")
    dialog = open_dialog(qtbot, here, export(origin, tmp_path / "dos.tejido"))
    wait_for(qtbot, dialog, PLAN)
    model = dialog.plan_page.model
    choice = model.index(0, BundlePlanModel.CHOICE_COLUMN)
    assert model.index(0, 1).data() == "Possible duplicate"
    assert choice.data() == "Skip it"
    assert not dialog.import_button.isEnabled()  # skipping it changes nothing
    assert not model.setData(choice, "theirs")  # not a choice a duplicate offers
    assert model.setData(choice, "import")
    assert dialog.import_button.isEnabled()
    assert not dialog.plan_page.nothing.isVisibleTo(dialog)
    dialog.import_button.click()
    wait_for(qtbot, dialog, DONE)
    assert titles(here) == ["Banco del tiempo", "Banco del tiempo.", "Huertos comunitarios"]


def test_a_cancelled_import_changes_nothing_and_can_be_tried_again(
    qtbot, here: Services, first_bundle: Path, boxes: Boxes, monkeypatch
) -> None:
    real_apply = here.bundles.apply

    def cancelled_apply(plan, choices, imported_by, progress, _cancelled):  # type: ignore[no-untyped-def]
        return real_apply(plan, choices, imported_by, progress, lambda: True)

    dialog = open_dialog(qtbot, here, first_bundle)
    wait_for(qtbot, dialog, PLAN)
    monkeypatch.setattr(here.bundles, "apply", cancelled_apply)
    dialog.start_import()
    wait_for(qtbot, dialog, PLAN)
    assert boxes.told and titles(here) == []
    monkeypatch.setattr(here.bundles, "apply", real_apply)
    dialog.start_import()
    wait_for(qtbot, dialog, DONE)
    assert titles(here) == ["Banco de tiempo", "Huertos comunitarios"]
