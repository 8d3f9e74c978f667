"""The import dialog over real services: columns, preview, duplicates, import, problems, cancel."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import pytest
from openpyxl import Workbook
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialog,
    QFileDialog,
    QMessageBox,
    QTableView,
)

import app.i18n
from app.services.people import PersonData
from app.services.registry import Services
from app.views.dialogs.import_dialog import FILE, MAPPING, PREVIEW, SUMMARY, ImportDialog
from app.views.import_preview_model import ImportPreviewModel
from app.views.mapping_widget import IGNORE

HEADER = "Nombre;Apellidos;Entidad;Sexo;Año de nacimiento;Correo"
ROWS = (
    "José;Núñez Ibáñez;Asociación Peñascal;H;1975;jose@example.org",
    "Begoña;Güell;asociación  peñascal;Mujer;1980;",
    "Ainhoa;Etxeberria;Fundación Añil;No binario;;ainhoa@example.org",
    ";;Fundación Añil;M;1990;sin-nombre@example.org",
)
GUESSED = dict(enumerate(("given_name", "family_name", "organisation", "gender", "birth_year")))
GUESSED[5] = "email"


def csv_file(tmp_path: Path, *rows: str, name: str = "socias.csv") -> Path:
    """A Spanish Excel CSV: semicolons, Windows-1252, CRLF."""
    path = tmp_path / name
    path.write_bytes(("\r\n".join([HEADER, *rows]) + "\r\n").encode("cp1252"))
    return path


class Boxes:
    """Stands in for the message boxes and records what they said."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.warned: list[str] = []
        self.told: list[str] = []
        monkeypatch.setattr(QMessageBox, "warning", self._box(self.warned))
        monkeypatch.setattr(QMessageBox, "information", self._box(self.told))

    @staticmethod
    def _box(into: list[str]):  # type: ignore[no-untyped-def]
        def box(_parent, _title, text, *_args, **_kwargs):  # type: ignore[no-untyped-def]
            into.append(text)
            return QMessageBox.StandardButton.Ok

        return staticmethod(box)


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    return Boxes(monkeypatch)


def open_dialog(qtbot, services: Services, path: Path | None) -> ImportDialog:  # type: ignore[no-untyped-def]
    dialog = ImportDialog(services, None, path=path)
    qtbot.addWidget(dialog)
    return dialog


def wait_for(qtbot, dialog: ImportDialog, page: int) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not dialog.busy and dialog.pages.currentIndex() == page, timeout=10000)


def to_preview(qtbot, services: Services, path: Path) -> ImportDialog:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, services, path)
    wait_for(qtbot, dialog, MAPPING)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, dialog, PREVIEW)
    return dialog


def column(model: ImportPreviewModel, number: int) -> list[str]:
    return [model.index(row, number).data() for row in range(model.rowCount())]


def test_a_spanish_csv_is_recognised_previewed_and_imported(  # type: ignore[no-untyped-def]
    qtbot, qtmodeltester, tmp_path: Path, services: Services
) -> None:
    dialog = open_dialog(qtbot, services, csv_file(tmp_path, *ROWS))
    wait_for(qtbot, dialog, MAPPING)
    mapping = dialog.mapping
    assert mapping.mapping() == GUESSED
    assert [c.currentText() for c in mapping.combos[:3]] == [
        "Given name",
        "Family name(s)",
        "Organisation",
    ]
    assert mapping.titles[4].text() == "Año de nacimiento"
    assert mapping.examples[0].text() == "José, Begoña"
    assert "4 rows" in mapping.about.text()
    assert dialog.next_button.isEnabled()

    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, dialog, PREVIEW)
    counts = dialog.preview_page.counts.text()
    assert "3 people will be created." in counts
    assert "1 row rejected." in counts
    assert "2 organisations will be created." in counts
    model = dialog.preview_page.model
    qtmodeltester.check(model)
    assert column(model, 0) == ["2", "3", "4", "5"]  # rows as Excel numbers them
    assert column(model, 4) == ["New person"] * 3 + ["Rejected"]
    assert "name" in column(model, 5)[3].lower()
    assert services.people.count() == 0  # the preview wrote nothing
    assert dialog.next_button.text() == "&Import"

    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, dialog, SUMMARY)
    assert services.people.count() == 3
    assert "3 people were created." in dialog.summary_page.counts.text()
    assert "1 row was rejected." in dialog.summary_page.counts.text()
    assert dialog.summary_page.rejected.toPlainText().startswith("Row 5: ")
    qtbot.mouseClick(dialog.summary_page.copy_button, Qt.MouseButton.LeftButton)
    assert "\n5\t" in QApplication.clipboard().text()
    assert dialog.cancel_button.text() == "&Close"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Accepted  # data changed: the list is refreshed


def test_a_workbook_is_chosen_with_the_file_dialog(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, services: Services, monkeypatch
) -> None:
    path = tmp_path / "asistentes.xlsx"
    workbook = Workbook()
    workbook.active.append(["Nombre completo", "Correo electrónico", "Teléfono"])
    workbook.active.append(["Lucía Fernández", "lucia@example.org", "600 111 222"])
    workbook.save(path)
    asked: list[str] = []

    def choose(_parent, _title, _folder, file_filter, *_args):  # type: ignore[no-untyped-def]
        asked.append(file_filter)
        return str(path), file_filter

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(choose))
    dialog = open_dialog(qtbot, services, None)
    dialog.show()
    wait_for(qtbot, dialog, MAPPING)
    assert asked == ["Spreadsheets (*.csv *.xlsx *.txt)"]
    assert dialog.mapping.mapping() == {0: "full_name", 1: "email", 2: "phone"}
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, dialog, PREVIEW)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, dialog, SUMMARY)
    assert [p.full_name for p in services.people.list()] == ["Lucía Fernández"]


def test_closing_the_file_dialog_closes_the_import(  # type: ignore[no-untyped-def]
    qtbot, services: Services, monkeypatch
) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *_a: ("", "")))
    dialog = open_dialog(qtbot, services, None)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_changing_the_duplicate_policy_changes_the_preview(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, services: Services
) -> None:
    services.people.save(PersonData(full_name="Begoña Güell"))
    dialog = to_preview(qtbot, services, csv_file(tmp_path, ROWS[1]))
    assert "1 possible duplicate." in dialog.preview_page.counts.text()
    assert "0 people will be created." in dialog.preview_page.counts.text()
    assert column(dialog.preview_page.model, 4) == ["Skipped (possible duplicate)"]
    assert "Begoña Güell" in column(dialog.preview_page.model, 5)[0]
    assert not dialog.next_button.isEnabled()  # nothing would be written

    dialog.preview_page.policy_buttons["create"].click()
    qtbot.waitUntil(lambda: not dialog.busy and dialog.plan.policy == "create", timeout=10000)
    assert "1 person will be created." in dialog.preview_page.counts.text()
    assert column(dialog.preview_page.model, 4) == ["New person (possible duplicate)"]

    dialog.preview_page.policy_buttons["update"].click()
    qtbot.waitUntil(lambda: not dialog.busy and dialog.plan.policy == "update", timeout=10000)
    assert "1 person will be updated." in dialog.preview_page.counts.text()
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, dialog, SUMMARY)
    assert services.people.count() == 1
    assert "1 person was updated." in dialog.summary_page.counts.text()


def test_without_a_name_column_one_cannot_go_on(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, services: Services
) -> None:
    dialog = open_dialog(qtbot, services, csv_file(tmp_path, *ROWS))
    wait_for(qtbot, dialog, MAPPING)
    dialog.mapping.set_field(0, IGNORE)
    assert dialog.next_button.isEnabled()  # the family name is still a name
    dialog.mapping.set_field(1, IGNORE)
    assert not dialog.next_button.isEnabled()
    assert "names" in dialog.mapping.problem_label.text()
    assert not dialog.mapping.problem_label.isHidden()

    dialog.mapping.set_field(0, "full_name")
    dialog.mapping.set_field(5, IGNORE)  # the e-mail column is left out of the import
    assert dialog.next_button.isEnabled()
    assert dialog.mapping.problem_label.isHidden()
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, dialog, PREVIEW)
    assert column(dialog.preview_page.model, 1)[:3] == ["José", "Begoña", "Ainhoa"]
    assert column(dialog.preview_page.model, 2) == ["", "", "", ""]


def test_a_file_with_no_name_column_lets_one_choose_it(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, services: Services
) -> None:
    path = tmp_path / "lista.csv"
    path.write_bytes("Quién;Correo;Mail\r\nMarta Ruiz;marta@example.org;\r\n".encode("cp1252"))
    dialog = open_dialog(qtbot, services, path)
    wait_for(qtbot, dialog, MAPPING)
    assert dialog.mapping.combos[0].currentText() == "Ignore this column"
    assert not dialog.next_button.isEnabled()
    dialog.mapping.set_field(0, "full_name")
    dialog.mapping.set_field(2, "email")
    assert dialog.next_button.isEnabled()
    assert "only the column Correo" in dialog.mapping.problem_label.text()  # a warning only
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, dialog, PREVIEW)
    assert column(dialog.preview_page.model, 1) == ["Marta Ruiz"]
    assert column(dialog.preview_page.model, 2) == ["marta@example.org"]


@pytest.mark.parametrize(
    ("content", "said"),
    [(b"", "empty"), (b"%PDF-1.7 not a table", "not a spreadsheet")],
    ids=["empty", "pdf"],
)
def test_a_file_that_cannot_be_imported_is_explained(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, services: Services, boxes: Boxes, monkeypatch, content, said
) -> None:
    bad = tmp_path / "lista.csv"
    bad.write_bytes(content)
    dialog = open_dialog(qtbot, services, bad)
    qtbot.waitUntil(lambda: bool(boxes.warned), timeout=10000)
    assert said in boxes.warned[0]
    assert dialog.pages.currentIndex() == FILE
    assert said in dialog.file_page.problem.text()
    assert not dialog.next_button.isEnabled()
    assert services.people.count() == 0
    assert not services.folder.backups.exists() or not any(services.folder.backups.iterdir())

    good = csv_file(tmp_path, *ROWS)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *_a: (str(good), "")))
    qtbot.mouseClick(dialog.file_page.choose_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, dialog, MAPPING)
    assert dialog.file_page.problem.isHidden()


def test_cancelling_the_import_changes_nothing(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, services: Services, boxes: Boxes, monkeypatch
) -> None:
    dialog = to_preview(qtbot, services, csv_file(tmp_path, *ROWS))
    real_apply = services.importing.apply

    def apply_then_cancel(plan, progress=None, cancelled=None):  # type: ignore[no-untyped-def]
        """The real import, cancelled (as the Cancel button does) once the first rows are in."""
        started: list[int] = []

        def report(done: int, total: int) -> None:
            started.append(done)
            progress(done, total)

        return real_apply(plan, progress=report, cancelled=lambda: bool(started))

    monkeypatch.setattr(services.importing, "apply", apply_then_cancel)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(boxes.told) and not dialog.busy, timeout=10000)
    assert "nothing was imported" in boxes.told[0]
    assert services.people.count() == 0
    assert services.organisations.count() == 0
    assert dialog.pages.currentIndex() == PREVIEW and dialog.summary is None
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected  # nothing to refresh


def test_texts_follow_a_language_change(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, services: Services, monkeypatch
) -> None:
    class Shouting(gettext.NullTranslations):
        def gettext(self, message: str) -> str:
            return re.sub(r"[^{}]+(?=\{|$)", lambda m: m.group().upper(), message)

        def ngettext(self, singular: str, plural: str, n: int) -> str:
            return self.gettext(singular if n == 1 else plural)

    dialog = to_preview(qtbot, services, csv_file(tmp_path, *ROWS))
    monkeypatch.setattr(app.i18n, "_current", Shouting())
    QApplication.sendEvent(dialog, QEvent(QEvent.Type.LanguageChange))
    assert dialog.windowTitle() == "IMPORT PEOPLE FROM A SPREADSHEET"
    assert dialog.next_button.text() == "&IMPORT"
    assert "3 PEOPLE WILL BE CREATED." in dialog.preview_page.counts.text()
    assert dialog.preview_page.model.headerData(4, Qt.Orientation.Horizontal) == "WHAT WILL HAPPEN"
    assert dialog.preview_page.model.index(3, 4).data() == "REJECTED"
    assert dialog.mapping.combos[0].currentText() == "GIVEN NAME"


def test_every_control_has_an_accessible_name(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, services: Services
) -> None:
    dialog = to_preview(qtbot, services, csv_file(tmp_path, *ROWS))
    controls = dialog.findChildren(QAbstractButton) + dialog.findChildren(QComboBox)
    controls += dialog.findChildren(QTableView)
    ours = [c for c in controls if not c.objectName().startswith("qt_")]  # not Qt's insides
    assert len(ours) > 10
    assert [c for c in ours if not c.accessibleName()] == []
