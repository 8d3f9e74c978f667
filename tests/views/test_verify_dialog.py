"""Verifying a certificate on screen: VALID or NOT VALID in words and with a symbol, what it says,
and why it fails (tampered, unknown issuer, revoked); from its text, its PDF or a dropped PDF."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QMessageBox

from app.services.documents.content import CertificateContent
from app.services.profile import ProfileData
from app.services.registry import Services
from app.views.dialogs.verify_dialog import VerifyDialog
from tests.views.activity_fixtures import build_activity


@pytest.fixture
def issued(services: Services) -> list[CertificateContent]:
    services.profile.save(ProfileData(name="Asociación Tejido", signatory_name="Marta Gil"))
    built = build_activity(services)
    people = [built.people["ana"], built.people["fe"]]
    return services.certificates.issue(built.activity_id, people, language="en")


@pytest.fixture
def dialog(qtbot, services) -> VerifyDialog:
    widget = VerifyDialog(services)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def verify(dialog: VerifyDialog, text: str) -> None:
    dialog.text_edit.setPlainText(text)
    assert dialog.verify_button.isEnabled()
    dialog.verify_button.click()


def shown(dialog: VerifyDialog) -> dict[str, str]:
    """The details on show, by key."""
    card = dialog.card
    return {key: label.text() for key, label in card.values.items() if label.isVisibleTo(card)}


def test_a_genuine_certificate_is_valid_with_what_it_says(dialog, issued):
    verify(dialog, issued[0].payload)
    assert dialog.card.isVisible()
    assert dialog.card.heading.text() == "✔ VALID"
    details = shown(dialog)
    assert details["person_name"] == "Ana Pérez"
    assert details["activity_title"] == "Gestión del voluntariado"
    assert details["hours"] == "6 h"
    assert details["issuer"] == "Asociación Tejido"
    assert details["code"] == issued[0].code
    assert "revoked" not in details
    assert dialog.card.accessibleName() == "✔ VALID"


def test_a_changed_name_is_not_valid_and_says_why(dialog, issued):
    from app.services.signing import canonical_json, parse_payload

    fields, _signed, _signature = parse_payload(issued[0].payload)
    fields["n"] = "Someone Else"
    prefix, _body, signature = issued[0].payload.split(".")
    import base64

    body = base64.urlsafe_b64encode(canonical_json(fields)).rstrip(b"=").decode()
    verify(dialog, f"{prefix}.{body}.{signature}")
    assert dialog.card.heading.text() == "✘ NOT VALID"
    assert "changed after it was issued" in dialog.card.message.text()
    assert shown(dialog)["person_name"] == "Someone Else"


def test_an_unknown_issuer_is_not_valid(dialog, issued, data_dir, tmp_path):
    from app.services.context import DataFolder
    from app.services.registry import build_services

    other_folder = tmp_path / "other"
    other_folder.mkdir()
    other = build_services(DataFolder(other_folder))
    try:
        other.profile.save(ProfileData(name="Otra entidad", signatory_name="Luis"))
        built = build_activity(other)
        [foreign] = other.certificates.issue(built.activity_id, [built.people["ana"]])
    finally:
        other.db.dispose()
    verify(dialog, foreign.payload)
    assert dialog.card.heading.text() == "✘ NOT VALID"
    assert "does not know" in dialog.card.message.text()


def test_a_revoked_certificate_is_not_valid_with_the_reason(dialog, services, issued):
    row = next(r for r in services.certificates.register() if r.code == issued[1].code)
    services.certificates.revoke(row.id, "Issued by mistake")
    verify(dialog, issued[1].payload)
    assert dialog.card.heading.text() == "✘ NOT VALID"
    details = shown(dialog)
    assert details["revoke_reason"] == "Issued by mistake"
    assert details["revoked"]


def test_a_replaced_certificate_is_valid_but_says_so(dialog, services, issued):
    row = next(r for r in services.certificates.register() if r.code == issued[0].code)
    services.certificates.reissue(row.id, person_name="Ana Pérez García")
    verify(dialog, issued[0].payload)
    assert dialog.card.heading.text() == "⚠ VALID, BUT REPLACED"
    assert "corrected one" in dialog.card.message.text()


def test_text_that_is_no_certificate_says_what_to_do(dialog):
    verify(dialog, "hello")
    assert dialog.card.heading.text() == "✘ NOT VALID"
    assert "TJ1." in dialog.card.message.text()
    dialog.text_edit.clear()
    assert not dialog.verify_button.isEnabled()


def write_pdf(contents, path):
    from app.services.documents.certificate_pdf import render_certificates

    render_certificates(contents, path)
    return path


def test_a_pdf_of_several_certificates_lists_each_verdict(qtbot, services, issued, tmp_path):
    path = write_pdf(issued, tmp_path / "both.pdf")
    dialog = VerifyDialog(services, path=path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: len(dialog.results) == 2, timeout=20000)
    assert dialog.list.isVisible()
    assert "2 certificates: 2 valid" in dialog.summary.text()
    assert dialog.list.item(1).text() == "✔ VALID — Fernanda Díaz"
    dialog.list.setCurrentRow(1)
    assert shown(dialog)["person_name"] == "Fernanda Díaz"


def test_a_pdf_without_a_certificate_is_explained(qtbot, dialog, tmp_path, monkeypatch):
    from reportlab.pdfgen import canvas

    path = tmp_path / "letter.pdf"
    letter = canvas.Canvas(str(path))
    letter.drawString(100, 700, "Dear friends")
    letter.save()
    told = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: told.append(args[2]))
    dialog.verify_pdf(path)
    qtbot.waitUntil(lambda: bool(told), timeout=20000)
    assert "No Tejido certificate" in told[0]
    assert not dialog.card.isVisible()


_kept: list[QMimeData] = []


def drop_event(path) -> QDropEvent:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    _kept.append(data)  # the event does not own its data
    return QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )


def test_a_pdf_dropped_on_the_dialog_is_verified(qtbot, dialog, issued, tmp_path):
    path = write_pdf(issued[:1], tmp_path / "one.pdf")
    dialog.dropEvent(drop_event(path))
    qtbot.waitUntil(lambda: len(dialog.results) == 1, timeout=20000)
    assert dialog.file_edit.text() == str(path)
    assert dialog.card.heading.text() == "✔ VALID"
    assert not dialog.list.isVisible()


def test_a_pdf_dropped_on_the_window_opens_the_verification(qtbot, services, tmp_path, monkeypatch):
    from app.views.main_window import MainWindow

    opened = []
    monkeypatch.setattr(VerifyDialog, "exec", lambda self: opened.append(self) or 0)
    monkeypatch.setattr(VerifyDialog, "verify_pdf", lambda self, path: opened.append(path))
    window = MainWindow(services)
    qtbot.addWidget(window)
    path = tmp_path / "certificate.pdf"
    path.write_bytes(b"%PDF-1.4")
    window.dropEvent(drop_event(path))
    assert opened[0] == path and isinstance(opened[1], VerifyDialog)
    window.verify_action.trigger()
    assert isinstance(opened[-1], VerifyDialog)
