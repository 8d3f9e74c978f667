"""The bundle export dialog over real services: what goes in (selection, areas, everything
published), the file written in the background, and what is said afterwards."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from app.services.registry import Services
from app.views.catalogue import bundle_export_dialog
from app.views.catalogue.bundle_export_dialog import (
    AREAS,
    EVERYTHING,
    SELECTION,
    BundleExportDialog,
)
from tests.views.catalogue.bundle_fixtures import Boxes, named_here, publish


@pytest.fixture
def here(services: Services) -> Services:
    named_here(services)
    publish(services, "Huertos comunitarios", area="Environment")
    publish(services, "Empleo joven", area="Employment")
    publish(services, "Borrador de aula", area="Education", status="draft")
    return services


@pytest.fixture
def saved(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[tuple[str, Path]]:
    """The file chosen is always tmp/bundle.tejido; what was said afterwards is recorded."""
    said: list[tuple[str, Path]] = []
    monkeypatch.setattr(
        bundle_export_dialog, "ask_save_path", lambda *args: tmp_path / "bundle.tejido"
    )
    monkeypatch.setattr(
        bundle_export_dialog,
        "show_saved",
        lambda _parent, _title, message, path: said.append((message, path)),
    )
    return said


def exported_titles(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as bundle:
        records = json.loads(bundle.read("records.json"))["records"]
    return sorted(record["fields"]["title"] for record in records)


def open_dialog(qtbot, services: Services, ids: list[str] | None = None) -> BundleExportDialog:  # type: ignore[no-untyped-def]
    dialog = BundleExportDialog(services, None, practice_ids=ids)
    qtbot.addWidget(dialog)
    return dialog


def export_now(qtbot, dialog: BundleExportDialog) -> None:  # type: ignore[no-untyped-def]
    dialog.export_button.click()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10000)


def test_everything_published_is_the_default_and_says_what_was_written(
    qtbot, here: Services, saved, tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot, here)
    assert dialog.choice() == EVERYTHING
    assert not dialog.scope_buttons[SELECTION].isEnabled()  # nothing is selected
    export_now(qtbot, dialog)
    target = tmp_path / "bundle.tejido"
    assert exported_titles(target) == ["Empleo joven", "Huertos comunitarios"]  # no draft
    message, path = saved[0]
    assert path == target
    assert "2 practices were written to the bundle." in message
    assert str(target) in message
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.written.practices == 2


def test_some_areas(qtbot, here: Services, saved, tmp_path: Path) -> None:
    dialog = open_dialog(qtbot, here)
    assert dialog.export_button.isEnabled()
    dialog.scope_buttons[AREAS].click()
    assert not dialog.export_button.isEnabled()  # no area ticked yet
    names = [dialog.areas.item(row).text() for row in range(dialog.areas.count())]
    dialog.areas.item(names.index("Environment")).setCheckState(Qt.CheckState.Checked)
    assert dialog.export_button.isEnabled()
    export_now(qtbot, dialog)
    assert exported_titles(tmp_path / "bundle.tejido") == ["Huertos comunitarios"]


def test_ticking_an_area_chooses_the_areas(qtbot, here: Services) -> None:
    dialog = open_dialog(qtbot, here)
    dialog.areas.item(0).setCheckState(Qt.CheckState.Checked)
    assert dialog.choice() == AREAS


def test_the_selection_with_drafts_when_asked(qtbot, here: Services, saved, tmp_path) -> None:
    rows = {row.title: row.id for row in here.catalogue.search("", limit=10)}
    ids = [rows["Borrador de aula"], rows["Empleo joven"]]
    dialog = open_dialog(qtbot, here, ids)
    assert dialog.choice() == SELECTION
    assert dialog.scope_buttons[SELECTION].text() == "The 2 practices selected in the catalogue"
    dialog.published_only.setChecked(False)
    export_now(qtbot, dialog)
    assert exported_titles(tmp_path / "bundle.tejido") == ["Borrador de aula", "Empleo joven"]


def test_nothing_to_export_is_said_and_the_dialog_stays(
    qtbot, here: Services, saved, monkeypatch, tmp_path
) -> None:
    boxes = Boxes(monkeypatch)
    rows = {row.title: row.id for row in here.catalogue.search("", limit=10)}
    dialog = open_dialog(qtbot, here, [rows["Borrador de aula"]])  # a draft, published only
    export_now(qtbot, dialog)
    assert "no practice to export" in boxes.warned[0] and not saved
    assert not (tmp_path / "bundle.tejido").exists()
    assert dialog.export_button.isEnabled()  # another choice can be tried
    assert dialog.result() != QDialog.DialogCode.Accepted
