"""The list of good practices over real services: search as you type (accents and case aside,
the matching words shown in bold under the title), filters, hidden practices, the trash, the
form of a new practice, the export and the booklet, and a language change."""

from __future__ import annotations

import gettext
import re

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QMessageBox

import app.i18n
from app.services.catalogue_values import CatalogueFilters
from app.views.catalogue import catalogue_documents
from app.views.catalogue.catalogue_table_model import (
    SNIPPET_ROLE,
    CatalogueTableModel,
    lead_in,
    snippet_html,
)
from app.views.catalogue.practice_list import PracticeListView
from tests.views.catalogue.catalogue_fixtures import build_catalogue, fake_module, titles

ALL_LIVE = [
    "Aula abierta de educación digital",
    "Cuidados sin área",
    "Empleo joven en el barrio",
    "Huerto comunitario",
    "Mentoría entre entidades",
]


@pytest.fixture(autouse=True)
def fresh_settings(tmp_path):
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "ini"))
    QSettings().clear()


@pytest.fixture
def catalogue(services, tmp_path):
    return build_catalogue(services, tmp_path)


@pytest.fixture
def view(qtbot, services, catalogue) -> PracticeListView:
    widget = PracticeListView(services)
    qtbot.addWidget(widget)
    widget.resize(1200, 600)
    widget.show()
    return widget


@pytest.fixture
def answer_yes(monkeypatch) -> list[str]:
    asked: list[str] = []

    def question(_parent, _title, text, *args, **kwargs):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def search(qtbot, view: PracticeListView, words: str, expected: int) -> None:
    view.search.setText(words)
    qtbot.waitUntil(lambda: view.model.state.query == words and view.model.total() == expected)


def choose(combo, text: str) -> None:
    index = combo.findText(text)
    assert index >= 0, f"{text} is not a choice"
    combo.setCurrentIndex(index)


def test_the_list_shows_live_practices_by_title_without_hidden_or_trashed(view):
    assert titles(view.model) == ALL_LIVE
    model = view.model
    assert [model.index(0, c).data() for c in range(model.columnCount())] == [
        "Aula abierta de educación digital",
        "Education",
        "Asociación Río",
        "2024",
        "Reviewed",
        "Ours",
        "",
    ]
    imported = model.row_of(model.record(4).id)
    assert model.index(imported, 5).data() == "Fundación Luz"
    assert model.index(imported, 6).data() == "withdrawn by its origin, edited here"
    assert view.status.text() == "5 good practices"


def test_typing_finds_words_in_any_field_ignoring_accents_and_case(qtbot, view):
    search(qtbot, view, "CITA MEDI", 1)  # two word prefixes, in the results text
    assert titles(view.model) == ["Aula abierta de educación digital"]
    snippet = view.model.index(0, 0).data(SNIPPET_ROLE)
    assert "[cita]" in snippet and "[médica]" in snippet
    tip = view.model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "cita médica" in tip and "[" not in tip
    search(qtbot, view, "educacion", 2)
    assert set(titles(view.model)) == {"Aula abierta de educación digital", "Huerto comunitario"}
    assert view.status.text() == "2 good practices"


def test_a_search_gives_rows_room_for_the_snippet_and_an_empty_one_takes_it_back(qtbot, view):
    one_line = view.table.rowHeight(0)
    search(qtbot, view, "huerto", 1)
    assert view.table.rowHeight(0) > one_line * 1.5
    search(qtbot, view, "", 5)
    assert view.table.rowHeight(0) == one_line
    assert view.model.index(0, 0).data(SNIPPET_ROLE) == ""


def test_the_snippet_shows_its_matches_in_bold_close_to_the_start():
    assert snippet_html("a <b> & [cita] [médica]") == "a &lt;b&gt; &amp; <b>cita</b> <b>médica</b>"
    long = "Un huerto en un solar cedido por el ayuntamiento; [educación] ambiental."
    assert lead_in(long) == "…por el ayuntamiento; [educación] ambiental."
    assert lead_in("[Huerto] comunitario") == "[Huerto] comunitario"


def test_filters_narrow_the_list_and_combine_with_the_search(qtbot, view):
    choose(view.theme_filter, "Participation")
    assert titles(view.model) == ["Aula abierta de educación digital", "Empleo joven en el barrio"]
    choose(view.theme_filter, "All themes")
    choose(view.organisation_filter, "Asociación Río")
    assert titles(view.model) == ["Aula abierta de educación digital", "Huerto comunitario"]
    choose(view.year_filter, "2023")
    assert titles(view.model) == ["Huerto comunitario"]
    view.set_filters(CatalogueFilters(status="published"))
    assert view.organisation_filter.currentIndex() == 0 and view.year_filter.currentIndex() == 0
    assert titles(view.model) == ["Huerto comunitario", "Mentoría entre entidades"]
    search(qtbot, view, "mentoria", 1)
    assert titles(view.model) == ["Mentoría entre entidades"]


def test_the_filters_offer_only_what_practices_have(view):
    organisations = [view.organisation_filter.itemText(i) for i in range(1, 3)]
    assert organisations == ["Asociación Río", "Fundación Sol"]
    years = [view.year_filter.itemText(i) for i in range(view.year_filter.count())]
    assert years == ["All years", "2024", "2023"]


def test_hidden_practices_show_when_asked_in_italics_and_can_be_shown_again(
    qtbot, view, services, catalogue
):
    assert "Biblioteca escondida" not in titles(view.model)
    view.hidden_toggle.setChecked(True)
    row = view.model.row_of(catalogue.hidden)
    assert row is not None and view.model.index(row, 6).data() == "hidden"
    assert view.model.index(row, 0).data(Qt.ItemDataRole.FontRole).italic()
    view.table.selectRow(row)
    assert view.hide_button.text() == "S&how"
    view.hide_button.click()
    assert not services.catalogue.get(catalogue.hidden).hidden
    view.hidden_toggle.setChecked(False)
    assert "Biblioteca escondida" in titles(view.model)
    font = view.model.index(view.model.row_of(catalogue.hidden), 0).data(Qt.ItemDataRole.FontRole)
    assert not isinstance(font, QFont) or not font.italic()


def test_hiding_takes_the_selection_out_of_the_list_but_keeps_it(view, services, catalogue):
    view.select_id(catalogue.employment)
    assert view.hide_button.text() == "&Hide" and view.hide_button.isEnabled()
    with_signal = []
    view.changed.connect(lambda: with_signal.append(True))
    view.hide_button.click()
    assert "Empleo joven en el barrio" not in titles(view.model) and with_signal
    assert services.catalogue.get(catalogue.employment).hidden
    assert services.catalogue.get(catalogue.employment).deleted_at is None


def test_the_trash_lists_what_was_moved_there_and_restores_it(
    view, services, catalogue, answer_yes
):
    view.select_id(catalogue.garden)
    view.trash_button.click()
    assert answer_yes and "attachments and adoptions stay" in answer_yes[0]
    assert "Huerto comunitario" not in titles(view.model)
    view.trash_toggle.setChecked(True)
    assert titles(view.model) == ["Huerto comunitario", "Práctica descartada"]
    assert view.status.text() == "2 practices in the trash"
    assert view.hide_button.isHidden() and not view.booklet_button.isEnabled()
    view.select_id(catalogue.trashed)
    view.restore_button.click()
    assert services.catalogue.get(catalogue.trashed).deleted_at is None


def test_new_opens_the_form_in_the_area_chosen_and_selects_what_was_saved(
    qtbot, view, services, monkeypatch
):
    opened = []

    class Dialog:
        def __init__(self, services_, data, parent):
            opened.append(data)
            self.saved_id = None
            self._data = data

        def exec(self):
            from dataclasses import replace

            saved = services.catalogue.save(replace(self._data, title="Banco de tiempo"))
            self.saved_id = saved.id
            return 1

    fake_module(monkeypatch, "app.views.catalogue.practice_dialog", PracticeDialog=Dialog)
    search(qtbot, view, "nothing like this", 0)
    education = next(a for a in services.catalogue.areas() if a.name == "Education")
    view.set_area(education.id, "Education")
    view.new_button.click()
    assert opened[0].title == "" and opened[0].area == "Education"
    assert view.current_id() == services.catalogue.search("banco")[0].id


def test_new_without_an_area_opens_an_empty_form_and_cancel_changes_nothing(view, monkeypatch):
    opened = []

    class Dialog:
        saved_id = None

        def __init__(self, _services, data, _parent):
            opened.append(data)

        def exec(self):
            return 0

    fake_module(monkeypatch, "app.views.catalogue.practice_dialog", PracticeDialog=Dialog)
    view.add_record()
    assert opened == [None] and titles(view.model) == ALL_LIVE


def test_the_export_saves_the_list_as_searched(qtbot, view, tmp_path, monkeypatch):
    target = tmp_path / "practicas.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    search(qtbot, view, "educacion", 2)
    view.export_list()
    qtbot.waitUntil(lambda: bool(told), timeout=10000)
    rows = list(load_workbook(target).active.iter_rows(values_only=True))
    assert rows[0][:5] == ("Title", "Area", "Organisation", "Year", "Status")
    assert {row[0] for row in rows[1:]} == {
        "Aula abierta de educación digital",
        "Huerto comunitario",
    }


@pytest.fixture
def booklets(monkeypatch, tmp_path) -> list[tuple]:
    made: list[tuple] = []

    def booklet(db, path, practice_ids=None, areas=(), language=None, cancelled=None):
        made.append((list(practice_ids), path, language))
        return 7

    fake_module(monkeypatch, "app.services.practice_documents", booklet=booklet)
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a: ("English", True))
    target = tmp_path / "folleto.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    return made


def test_the_booklet_holds_the_selection_of_several(qtbot, view, catalogue, booklets, monkeypatch):
    said = []
    monkeypatch.setattr(catalogue_documents, "show_pdf_saved", lambda *a: said.append(a[2]))
    view.table.selectRow(0)
    view.table.selectionModel().select(
        view.model.index(3, 0),
        view.table.selectionModel().SelectionFlag.Select
        | view.table.selectionModel().SelectionFlag.Rows,
    )
    view.booklet_button.click()
    qtbot.waitUntil(lambda: bool(said), timeout=10000)
    assert booklets[0][0] == [catalogue.education, catalogue.garden]
    assert booklets[0][2] == "en"
    assert "2 practices" in said[0] and "7 pages" in said[0]


def test_with_one_selected_the_booklet_holds_the_whole_list_as_searched(
    qtbot, view, catalogue, booklets, monkeypatch
):
    said = []
    monkeypatch.setattr(catalogue_documents, "show_pdf_saved", lambda *a: said.append(a[2]))
    choose(view.organisation_filter, "Asociación Río")
    view.table.selectRow(0)
    view.booklet_button.click()
    qtbot.waitUntil(lambda: bool(said), timeout=10000)
    assert booklets[0][0] == [catalogue.education, catalogue.garden]


def test_the_model_passes_the_model_tester(qtmodeltester, services, catalogue):
    model = CatalogueTableModel(services.catalogue)
    qtmodeltester.check(model)
    model.set_filters(CatalogueFilters(theme="participation", include_hidden=True))
    qtmodeltester.check(model)
    model.reload(query="educacion", trash=False)
    qtmodeltester.check(model)
    model.reload(query="", trash=True)
    qtmodeltester.check(model)


def test_texts_follow_a_language_change_keeping_the_filters(view, monkeypatch):
    class Shouting(gettext.NullTranslations):
        def gettext(self, message: str) -> str:  # upper case outside the {placeholders}
            return re.sub(r"[^{}]+(?=\{|$)", lambda m: m.group().upper(), message)

        def ngettext(self, singular: str, plural: str, n: int) -> str:
            return self.gettext(singular if n == 1 else plural)

    choose(view.status_filter, "Draft")
    monkeypatch.setattr(app.i18n, "_current", Shouting())
    QApplication.sendEvent(view, QEvent(QEvent.Type.LanguageChange))
    assert view.status_filter.currentText() == "DRAFT"
    assert view.theme_filter.itemText(0) == "ALL THEMES"
    assert view.hidden_toggle.text() == "SHO&W HIDDEN"
    assert view.model.headerData(0, Qt.Orientation.Horizontal) == "TITLE"
    assert view.status.text() == "2 GOOD PRACTICES"
    assert titles(view.model) == ["Cuidados sin área", "Empleo joven en el barrio"]
