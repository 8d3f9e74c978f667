"""Issuing certificates from the screen: who is offered (by kind), ticking, the files chosen, the
background job and its summary; and editing the wording."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QFileDialog

from app.services.profile import ProfileData
from app.views.dialogs import certificates_dialog as dialog_module
from app.views.dialogs.certificates_dialog import CertificatesDialog
from app.views.dialogs.wording_dialog import WordingDialog
from tests.views.activity_fixtures import build_activity


@pytest.fixture(autouse=True)
def fresh_settings(tmp_path, monkeypatch):
    """Choices remembered between dialogs live in a settings file of this test only."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "ini"))
    QSettings().clear()


@pytest.fixture
def built(services):
    services.profile.save(ProfileData(name="Asociación Tejido", signatory_name="Marta Gil"))
    return build_activity(services)


@pytest.fixture
def dialog(qtbot, services, built) -> CertificatesDialog:
    widget = CertificatesDialog(services, built.activity_id)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def names(dialog: CertificatesDialog) -> list[str]:
    model = dialog.model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def save_to(monkeypatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))


def summaries(monkeypatch) -> list[tuple[str, Path]]:
    said: list[tuple[str, Path]] = []
    monkeypatch.setattr(
        dialog_module, "show_pdf_saved", lambda _p, _t, text, path: said.append((text, path))
    )
    return said


def test_attendance_offers_everyone_who_came_all_ticked(dialog, qtmodeltester):
    qtmodeltester.check(dialog.model)
    assert names(dialog) == ["Ana Pérez", "Beatriz Núñez", "Fernanda Díaz"]
    assert all(
        dialog.model.index(r, 0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
        for r in range(3)
    )
    assert "3 of 3 people ticked" in dialog.count.text()
    assert dialog.issue_button.isEnabled()


def test_completion_offers_only_those_who_met_the_rule(dialog):
    dialog.completion.setChecked(True)
    assert names(dialog) == ["Ana Pérez", "Fernanda Díaz"]
    assert "75 %" in dialog.kind_help.text()


def test_ticking_decides_who_gets_one(dialog, qtbot):
    dialog.none_button.click()
    assert dialog.model.checked_ids() == []
    assert not dialog.issue_button.isEnabled()
    dialog.table.setFocus()
    dialog.table.setCurrentIndex(dialog.model.index(1, 0))
    qtbot.keyClick(dialog.table, Qt.Key.Key_Space)
    assert len(dialog.model.checked_ids()) == 1
    assert "1 of 3 people ticked" in dialog.count.text()
    assert dialog.issue_button.isEnabled()


def test_a_wrong_file_name_pattern_is_said_and_blocks_issuing(dialog):
    dialog.options.zip.setChecked(True)
    dialog.options.pattern.setText("{nombre}")
    assert "is not a field" in dialog.options.problem.text()
    assert not dialog.issue_button.isEnabled()
    dialog.options.pattern.setText("{code} {name}")
    assert dialog.options.problem.isHidden()
    assert dialog.issue_button.isEnabled()
    dialog.options.zip.setChecked(False)
    dialog.options.merged.setChecked(False)
    assert "at least one" in dialog.options.problem.text()
    assert not dialog.issue_button.isEnabled()


def test_issuing_writes_one_pdf_registers_and_marks_who_has_one(
    dialog, services, tmp_path, monkeypatch, qtbot
):
    target = tmp_path / "certificados.pdf"
    save_to(monkeypatch, target)
    said = summaries(monkeypatch)
    dialog.options.language.setCurrentIndex(dialog.options.language.findData("en"))
    dialog.issue_button.click()
    qtbot.waitUntil(lambda: bool(said), timeout=30000)
    text, path = said[0]
    assert path == target
    assert "3 certificates in certificados.pdf" in text
    assert len(PdfReader(target).pages) == 3
    register = services.certificates.register()
    assert sorted(r.person_name for r in register) == [
        "Ana Pérez",
        "Beatriz Núñez",
        "Fernanda Díaz",
    ]
    assert {r.language for r in register} == {"en"}
    assert all("Has one" in dialog.model.index(r, 4).data() for r in range(3))
    assert "already have one" in dialog.count.text()


def test_issuing_a_pdf_and_a_zip_issues_once(dialog, services, tmp_path, monkeypatch, qtbot):
    target = tmp_path / "lote.pdf"
    save_to(monkeypatch, target)
    said = summaries(monkeypatch)
    dialog.options.zip.setChecked(True)
    dialog.options.pattern.setText("{name}")
    dialog.issue_button.click()
    qtbot.waitUntil(lambda: bool(said), timeout=30000)
    assert "lote.zip" in said[0][0]
    with zipfile.ZipFile(tmp_path / "lote.zip") as archive:
        assert sorted(archive.namelist()) == [
            "Ana Pérez.pdf",
            "Beatriz Núñez.pdf",
            "Fernanda Díaz.pdf",
        ]
    assert services.certificates.register_count() == 3


def test_only_a_zip_when_only_the_zip_is_asked(dialog, tmp_path, monkeypatch, qtbot):
    target = tmp_path / "envio.zip"
    save_to(monkeypatch, target)
    said = summaries(monkeypatch)
    dialog.options.merged.setChecked(False)
    dialog.options.zip.setChecked(True)
    dialog.issue_button.click()
    qtbot.waitUntil(lambda: bool(said), timeout=30000)
    assert said[0][1] == target
    assert not (tmp_path / "envio.pdf").exists()
    assert len(zipfile.ZipFile(target).namelist()) == 3


def test_cancelling_the_save_dialog_issues_nothing(dialog, services, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    dialog.issue_button.click()
    assert dialog.job is None
    assert services.certificates.register_count() == 0


def test_choices_are_remembered_for_the_next_batch(
    dialog, services, built, tmp_path, monkeypatch, qtbot
):
    save_to(monkeypatch, tmp_path / "a.pdf")
    said = summaries(monkeypatch)
    dialog.options.design.setCurrentIndex(dialog.options.design.findData("modern"))
    dialog.options.issued_by.setText("Marta")
    dialog.issue_button.click()
    qtbot.waitUntil(lambda: bool(said), timeout=30000)
    assert {r.issued_by for r in services.certificates.register()} == {"Marta"}
    again = CertificatesDialog(services, built.activity_id)
    qtbot.addWidget(again)
    assert again.options.design_code() == "modern"
    assert again.options.issued_by.text() == "Marta"


def test_the_wording_is_edited_checked_and_reset(qtbot, services):
    wording = WordingDialog(services, "attendance", "en")
    qtbot.addWidget(wording)
    assert wording.widget("heading").text() == "Certificate of attendance"
    assert "{name}" in wording.help.text() and "{rule}" in wording.help.text()
    wording.widget("body").setPlainText("Thanks for coming to {activty}.")
    wording.accept()
    assert wording.result() != WordingDialog.DialogCode.Accepted
    assert "{activty}" in wording.fields.error_text("body")
    wording.widget("heading").setText("Diploma")
    wording.widget("body").setPlainText("{name} came to {activity} ({hours}).")
    wording.accept()
    assert wording.result() == WordingDialog.DialogCode.Accepted
    saved = services.certificates.wording("attendance", "en")
    assert (saved.heading, saved.custom) == ("Diploma", True)
    reset = WordingDialog(services, "attendance", "en")
    qtbot.addWidget(reset)
    reset.reset_button.click()
    assert reset.widget("heading").text() == "Certificate of attendance"
    reset.accept()
    assert services.certificates.wording("attendance", "en").custom is False


def test_the_dialog_opens_from_the_sessions_page(qtbot, services, built, monkeypatch):
    from app.services.activities import ActivityService
    from app.views.activity_sessions_page import ActivitySessionsPage

    opened = []
    monkeypatch.setattr(CertificatesDialog, "exec", lambda self: opened.append(self) or 0)
    page = ActivitySessionsPage(services)
    qtbot.addWidget(page)
    page.set_activity(ActivityService.get(services.activities, built.activity_id))
    page.reload()
    assert page.certificates_button.isEnabled()
    page.certificates_button.click()
    assert opened and opened[0].activity_id == built.activity_id


def test_a_cancelled_batch_leaves_nothing_issued_nor_written(services, built, tmp_path):
    from app.errors import Cancelled
    from app.views.dialogs.certificate_job import issue_work

    pdf, archive = tmp_path / "a.pdf", tmp_path / "a.zip"
    work = issue_work(
        services.certificates,
        built.activity_id,
        [built.people["ana"], built.people["fe"]],
        (pdf, archive),
        kind="attendance",
        language="es",
        design="classic",
        issued_by="",
        pattern="{name}",
    )
    with pytest.raises(Cancelled):
        work(lambda _done, _total: None, lambda: True)
    assert services.certificates.register_count() == 0
    assert not pdf.exists() and not archive.exists()
