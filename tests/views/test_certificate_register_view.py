"""The certificate register on screen: every certificate with its status in words, search as you
type, open and print again, re-issue a corrected one, revoke with a reason (asked once)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSettings, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QFileDialog

from app.services.profile import ProfileData
from app.views import certificate_register_view as view_module
from app.views.certificate_register_view import CertificateRegisterView
from app.views.dialogs.certificate_fix_dialogs import ReissueDialog, RevokeDialog
from tests.views.activity_fixtures import build_activity


@pytest.fixture(autouse=True)
def fresh_settings(tmp_path):
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "ini"))
    QSettings().clear()


@pytest.fixture
def issued(services):
    services.profile.save(ProfileData(name="Asociación Tejido", signatory_name="Marta Gil"))
    built = build_activity(services)
    people = [built.people[x] for x in ("ana", "bea", "fe")]
    services.certificates.issue(built.activity_id, people, language="en", issued_by="Marta")
    return built


@pytest.fixture
def view(qtbot, services, issued) -> CertificateRegisterView:
    widget = CertificateRegisterView(services)
    qtbot.addWidget(widget)
    widget.resize(1200, 500)
    widget.show()
    return widget


def column(view: CertificateRegisterView, number: int) -> list[str]:
    model = view.model
    return [model.index(row, number).data() for row in range(model.rowCount())]


def select(view: CertificateRegisterView, person: str) -> None:
    view.table.selectRow(column(view, 2).index(person))


def test_every_certificate_is_listed_with_its_status_in_words(view, qtmodeltester):
    qtmodeltester.check(view.model)
    assert sorted(column(view, 2)) == ["Ana Pérez", "Beatriz Núñez", "Fernanda Díaz"]
    assert set(column(view, 0)) == {"✔ Valid"}
    assert set(column(view, 1)) == {"Attendance"}
    assert set(column(view, 7)) == {"Marta"}
    assert view.status.text() == "3 certificates"
    assert not view.open_button.isEnabled()


def test_searching_as_you_type_finds_by_name_or_code(view, services, qtbot):
    view.search.setText("nunez")
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    assert column(view, 2) == ["Beatriz Núñez"]
    code = services.certificates.register()[0].code
    view.search.setText(code.lower())
    qtbot.waitUntil(lambda: column(view, 5) == [code])


def test_revoking_asks_once_for_a_reason_and_says_revoked(view, services, monkeypatch):
    asked = []

    def answer(dialog: RevokeDialog) -> int:
        asked.append(dialog.message.text())
        dialog.reason.setPlainText("Did not attend")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(RevokeDialog, "exec", answer)
    select(view, "Fernanda Díaz")
    assert view.revoke_button.isEnabled()
    view.revoke_button.click()
    assert len(asked) == 1 and "Fernanda Díaz" in asked[0]
    row = column(view, 2).index("Fernanda Díaz")
    assert view.model.index(row, 0).data() == "✘ Revoked"
    assert "Did not attend" in view.model.index(row, 9).data()
    assert view.selected().person_name == "Fernanda Díaz"  # still selected after the refresh
    assert not view.revoke_button.isEnabled()
    assert not view.reissue_button.isEnabled()
    assert view.open_button.isEnabled()


def test_a_cancelled_revoke_changes_nothing(view, services, monkeypatch):
    monkeypatch.setattr(RevokeDialog, "exec", lambda dialog: QDialog.DialogCode.Rejected)
    select(view, "Ana Pérez")
    view.revoke_button.click()
    assert {r.status for r in services.certificates.register()} == {"valid"}


def test_reissuing_corrects_the_name_and_saves_the_new_pdf(
    view, services, tmp_path, monkeypatch, qtbot
):
    def answer(dialog: ReissueDialog) -> int:
        dialog.widget("person_name").setText("Ana Pérez García")
        dialog.accept()
        return dialog.result()

    target = tmp_path / "corrected.pdf"
    said = []
    monkeypatch.setattr(ReissueDialog, "exec", answer)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(view_module, "show_pdf_saved", lambda *args: said.append(args[2]))
    select(view, "Ana Pérez")
    view.reissue_button.click()
    statuses = dict(zip(column(view, 2), column(view, 0), strict=True))
    assert statuses["Ana Pérez"] == "↻ Replaced"
    assert statuses["Ana Pérez García"] == "✔ Valid"
    assert "Ana Pérez García" in PdfReader(target).pages[0].extract_text()
    assert "corrected certificate" in said[0]


def test_reissue_refuses_an_empty_name_by_its_field(qtbot, services, issued):
    row = services.certificates.register()[0]
    dialog = ReissueDialog(services, row)
    qtbot.addWidget(dialog)
    dialog.widget("person_name").setText("  ")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.fields.error_text("person_name")
    assert services.certificates.register_count() == 3


def test_open_writes_the_certificate_and_opens_it_in_the_viewer(view, monkeypatch, qtbot):
    opened: list[Path] = []

    def open_url(url: QUrl) -> bool:
        opened.append(Path(url.toLocalFile()))
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    select(view, "Beatriz Núñez")
    view.open_button.click()
    qtbot.waitUntil(lambda: bool(opened), timeout=20000)
    assert opened[0].suffix == ".pdf"
    assert "Beatriz Núñez" in PdfReader(opened[0]).pages[0].extract_text()


def test_print_prints_the_selected_certificate(view, monkeypatch, qtbot):
    printed: list[Path] = []
    monkeypatch.setattr(view_module, "print_pdf", lambda _parent, path: printed.append(path))
    select(view, "Ana Pérez")
    view.print_button.click()
    qtbot.waitUntil(lambda: bool(printed), timeout=20000)
    assert "Ana Pérez" in PdfReader(printed[0]).pages[0].extract_text()


def test_the_register_is_a_page_of_the_activities_tab(qtbot, services, issued):
    from app.views.activities_tab import ActivitiesTab

    tab = ActivitiesTab(services)
    qtbot.addWidget(tab)
    tab.show()
    assert tab.views.tabText(3) == "Ce&rtificates"
    register = tab.views.widget(3)
    assert isinstance(register, CertificateRegisterView)
    services.certificates.issue(issued.activity_id, [issued.people["ana"]])
    assert register.model.total() == 3
    tab.views.setCurrentIndex(3)  # shown: read again
    assert register.model.total() == 4
