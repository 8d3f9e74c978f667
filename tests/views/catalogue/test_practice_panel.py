"""The practice's panel over real services: the hint, the facts and texts, links (only web
addresses clickable), attachments opened only when asked, adoptions, provenance, a practice in
the trash, and the practice sheet as a PDF."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QSettings
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QMessageBox

from app.i18n import set_language
from app.services.adoptions import AdoptionData
from app.views.catalogue import catalogue_documents
from app.views.catalogue.practice_panel import (
    ADOPTIONS,
    ATTACHMENTS,
    PROVENANCE,
    PracticePanel,
)
from tests.views.catalogue.catalogue_fixtures import TODAY, build_catalogue, fake_module


@pytest.fixture(autouse=True)
def fresh_settings(tmp_path):
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "ini"))
    QSettings().clear()


@pytest.fixture
def catalogue(services, tmp_path):
    return build_catalogue(services, tmp_path)


@pytest.fixture
def panel(qtbot, services, catalogue) -> PracticePanel:
    widget = PracticePanel(services)
    qtbot.addWidget(widget)
    widget.resize(700, 700)
    widget.show()
    return widget


@pytest.fixture
def opened(monkeypatch) -> list[Path]:
    urls: list[Path] = []

    def open_url(url):
        urls.append(Path(url.toLocalFile()))
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    return urls


def shown(panel: PracticePanel) -> dict[str, str]:
    return {key: label.text() for key, label in panel.values.items() if not label.isHidden()}


def test_without_a_practice_a_hint_is_shown(panel):
    assert panel.stack.currentWidget() is panel.empty
    assert "Choose a practice" in panel.empty.text()


def test_the_practice_shows_its_facts_and_only_the_texts_it_has(panel, catalogue):
    panel.show_practice(catalogue.education)
    assert panel.title.text() == "Aula abierta de educación digital"
    facts = shown(panel)
    assert facts["area"] == "Education"
    assert facts["themes"] == "Social innovation, Participation"
    assert facts["status"] == "Reviewed, by Marta Gil on Feb 10, 2026"
    assert facts["results"].startswith("Ciento veinte personas")
    assert "evidence" not in facts and "context" not in facts  # empty texts are left out
    assert [panel.pages.tabText(i) for i in range(4)] == [
        "Pract&ice",
        "Attach&ments (2)",
        "A&doptions (0)",
        "Pro&venance",
    ]


def test_only_web_addresses_are_links(panel, catalogue):
    panel.show_practice(catalogue.education)
    links = panel.values["links"].text()
    assert '<a href="https://example.org/aula">' in links
    assert "javascript:alert(1)" in links and 'href="javascript' not in links


def test_an_attachment_is_written_to_the_cache_and_opened_only_when_asked(
    qtbot, panel, services, catalogue, opened
):
    cache = services.folder.root / "cache" / "attachments"
    panel.show_practice(catalogue.education)
    panel.pages.setCurrentIndex(ATTACHMENTS)
    page = panel.attachments
    cells = [[page.table.item(r, c).text() for c in range(3)] for r in range(2)]
    assert cells == [["Guía del aula", "PDF", "1 KB"], ["Cartel", "PNG", "1 KB"]]
    assert opened == [] and not cache.exists()  # nothing opened by just looking
    page.table.selectRow(1)
    page.open_button.click()
    qtbot.waitUntil(lambda: bool(opened), timeout=10000)
    assert opened[0].parent.parent == cache and opened[0].name == "cartel.png"
    assert opened[0].read_bytes().startswith(b"\x89PNG")


def test_a_practice_without_attachments_says_so(panel, catalogue):
    panel.show_practice(catalogue.garden)
    panel.pages.setCurrentIndex(ATTACHMENTS)
    assert not panel.attachments.empty.isHidden() and panel.attachments.open_button.isHidden()


def test_provenance_says_where_an_imported_practice_comes_from_and_its_state(panel, catalogue):
    panel.show_practice(catalogue.imported)
    panel.pages.setCurrentIndex(PROVENANCE)
    facts = shown(panel)
    assert facts["origin"] == "Fundación Luz" and facts["revision"] == "3"
    assert "Withdrawn by its origin" in facts["state"]
    assert "Edited here: your changes are kept" in facts["state"]
    panel.show_practice(catalogue.garden)
    assert shown(panel)["origin"] == "This organisation (Red Tejido)"
    assert "state" not in shown(panel)


def test_a_practice_in_the_trash_is_shown_but_not_changed_or_printed(panel, catalogue):
    panel.show_practice(catalogue.trashed)
    assert panel.title.text() == "Práctica descartada (in the trash)"
    assert not panel.edit_button.isEnabled() and not panel.sheet_button.isEnabled()
    assert not panel.adoptions.add_button.isEnabled()
    assert "In the trash since" in shown(panel)["state"]


def test_the_edit_button_asks_for_the_practice_s_form(qtbot, panel, catalogue):
    panel.show_practice(catalogue.garden)
    with qtbot.waitSignal(panel.edit_requested) as signal:
        panel.edit_button.click()
    assert signal.args == [catalogue.garden]


def test_adoptions_are_added_changed_and_removed(qtbot, monkeypatch, panel, services, catalogue):
    forms = []

    class Dialog:
        def __init__(self, _services, practice_id, data, _parent):
            forms.append((practice_id, data))
            self.data = data or AdoptionData(catalogue.education, catalogue.organisation_id)

        def exec(self):
            from dataclasses import replace

            services.adoptions.save(replace(self.data, result="Lo hicimos en dos barrios."))
            return 1

    fake_module(monkeypatch, "app.views.catalogue.adoption_dialog", AdoptionDialog=Dialog)
    services.adoptions.save(
        AdoptionData(
            catalogue.education,
            catalogue.organisation_id,
            adopted_on=date(2025, 5, 1),
            notes="private",
        ),
        today=TODAY,
    )
    panel.show_practice(catalogue.education)
    panel.pages.setCurrentIndex(ADOPTIONS)
    page = panel.adoptions
    assert page.table.rowCount() == 1 and panel.pages.tabText(ADOPTIONS) == "A&doptions (1)"
    with qtbot.waitSignal(panel.changed):
        page.add_button.click()
    assert forms[0] == (catalogue.education, None)
    assert page.table.rowCount() == 2 and panel.pages.tabText(ADOPTIONS) == "A&doptions (2)"
    assert page.table.item(0, 1).text() == "May 1, 2025"  # the newest first, undated last
    page.table.selectRow(0)
    page.edit_button.click()
    assert forms[1][1].notes == "private"  # the form gets the whole adoption, notes included
    assert page.table.item(0, 3).text() == "Lo hicimos en dos barrios."
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    page.table.selectRow(1)
    page.remove_button.click()
    left = services.adoptions.list(catalogue.education)
    assert [a.adopted_on for a in left] == [date(2025, 5, 1)] and page.table.rowCount() == 1


def test_the_sheet_is_saved_in_the_organisation_s_language(
    qtbot, monkeypatch, tmp_path, panel, catalogue
):
    written = []

    def practice_sheet(db, practice_id, path, language=None):
        written.append((practice_id, path, language))
        return 2

    fake_module(monkeypatch, "app.services.practice_documents", practice_sheet=practice_sheet)
    asked = []

    def choose(_parent, _title, _label, items, current, _editable):
        asked.append((list(items), current))
        return items[current], True

    monkeypatch.setattr(QInputDialog, "getItem", choose)
    offered = []

    def save_as(_parent, _caption, proposed, _filters):
        offered.append(proposed)
        return str(tmp_path / "ficha"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    said = []
    monkeypatch.setattr(catalogue_documents, "show_pdf_saved", lambda *a: said.append(a[2]))
    panel.show_practice(catalogue.garden)
    panel.sheet_button.click()
    qtbot.waitUntil(lambda: bool(said), timeout=10000)
    assert asked[0][1] == asked[0][0].index("English")  # the organisation's language first
    assert "Huerto comunitario" in offered[0]
    assert written == [(catalogue.garden, tmp_path / "ficha.pdf", "en")]
    assert "2 pages" in said[0] and "ficha.pdf" in said[0]


def test_the_real_sheet_holds_the_practice(qtbot, monkeypatch, tmp_path, panel, catalogue):
    pytest.importorskip("app.services.documents.practice_sheet_pdf")
    from pypdf import PdfReader

    monkeypatch.setattr(QInputDialog, "getItem", lambda *a: ("English", True))
    target = tmp_path / "ficha.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    said = []
    monkeypatch.setattr(catalogue_documents, "show_pdf_saved", lambda *a: said.append(a[2]))
    panel.show_practice(catalogue.education)
    panel.save_sheet()
    qtbot.waitUntil(lambda: bool(said), timeout=30000)
    text = "".join(page.extract_text() for page in PdfReader(target).pages)
    assert "Aula abierta de educación digital" in text and "Guía del aula" in text


def test_a_language_change_says_everything_again(panel, catalogue):
    panel.show_practice(catalogue.education)
    set_language("es")
    for widget in (panel, panel.attachments, panel.adoptions):
        QApplication.sendEvent(widget, QEvent(QEvent.Type.LanguageChange))
    assert shown(panel)["themes"] == "Innovación social, Participación"
    assert panel.attachments.table.horizontalHeaderItem(0).text() == "Título"
