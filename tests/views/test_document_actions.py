"""Sign-in sheets and handouts from the sessions page: the menu, the language asked for the
handout, the save dialog, the PDF written in the background, the summary that offers to print."""

from __future__ import annotations

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QInputDialog

from app.services.profile import ProfileData
from app.views import document_actions
from app.views.activity_sessions_page import ActivitySessionsPage
from tests.views.activity_fixtures import build_activity


@pytest.fixture(autouse=True)
def fresh_settings(tmp_path):
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "ini"))
    QSettings().clear()


@pytest.fixture
def page(qtbot, services) -> ActivitySessionsPage:
    services.profile.save(ProfileData(name="Asociación Tejido", signatory_name="Marta Gil"))
    built = build_activity(services)
    widget = ActivitySessionsPage(services)
    qtbot.addWidget(widget)
    widget.set_activity(services.activities.get(built.activity_id))
    widget.reload()
    widget.show()
    return widget


@pytest.fixture
def said(monkeypatch) -> list[tuple[str, object]]:
    told: list[tuple[str, object]] = []
    monkeypatch.setattr(
        document_actions, "show_pdf_saved", lambda _p, _t, text, path: told.append((text, path))
    )
    return told


def test_the_export_menu_offers_the_documents(page):
    texts = [action.text() for action in page.export_menu.actions()]
    assert "&Sign-in sheet of this session (PDF)…" in texts
    assert "&Handout (PDF)…" in texts
    assert page.sign_in_action.isEnabled() and page.handout_action.isEnabled()


def test_the_sign_in_sheet_of_the_selected_session_is_saved(
    page, tmp_path, monkeypatch, said, qtbot
):
    target = tmp_path / "hoja.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    page.sign_in_action.trigger()
    qtbot.waitUntil(lambda: bool(said), timeout=20000)
    text = "".join(p.extract_text() for p in PdfReader(target).pages)
    for name in ("Ana Pérez", "Beatriz Núñez", "Carlos Gil"):
        assert name in text
    assert said[0][1] == target
    assert "sign-in sheet" in said[0][0]


def test_the_handout_is_saved_in_the_language_chosen(page, tmp_path, monkeypatch, said, qtbot):
    asked = []

    def choose(_parent, _title, _label, items, current, _editable):
        asked.append((list(items), current))
        return "English", True

    target = tmp_path / "handout"
    monkeypatch.setattr(QInputDialog, "getItem", choose)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    page.handout_action.trigger()
    qtbot.waitUntil(lambda: bool(said), timeout=20000)
    assert asked == [(["Español", "English"], 0)]  # the activity's language first
    written = tmp_path / "handout.pdf"
    assert said[0][1] == written
    assert "in English" in said[0][0]
    assert "Gestión del voluntariado" in PdfReader(written).pages[0].extract_text()


def test_no_language_chosen_saves_no_handout(page, monkeypatch):
    monkeypatch.setattr(QInputDialog, "getItem", lambda *args: ("", False))
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: pytest.fail("asked for a file")
    )
    page.handout_action.trigger()
    assert page.job is None
