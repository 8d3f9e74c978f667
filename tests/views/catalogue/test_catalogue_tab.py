"""The Catalogue tab: built when first shown; areas with counts that follow the search and the
filters; choosing an area narrows the list; the areas' editor, the panel's Edit, a practice
revealed whatever the search, and what the main window asks (refresh, export, Ctrl+F)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from app.services.catalogue_values import AreaData
from app.views.catalogue.area_panel import ALL_AREAS, NO_AREA
from app.views.catalogue.catalogue_tab import CatalogueTab
from tests.views.catalogue.catalogue_fixtures import build_catalogue, fake_module, titles


@pytest.fixture(autouse=True)
def fresh_settings(tmp_path):
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "ini"))
    QSettings().clear()


@pytest.fixture
def catalogue(services, tmp_path):
    return build_catalogue(services, tmp_path)


@pytest.fixture
def tab(qtbot, services, catalogue) -> CatalogueTab:
    widget = CatalogueTab(services)
    qtbot.addWidget(widget)
    widget.resize(1280, 760)
    return widget


def area_id(services, name: str) -> str:
    return next(a.id for a in services.catalogue.areas() if a.name == name)


def lines(tab: CatalogueTab) -> list[str]:
    areas = tab.areas.areas
    return [areas.item(row).text() for row in range(areas.count())]


def search(qtbot, tab: CatalogueTab, words: str) -> None:
    tab.practices.search.setText(words)
    qtbot.waitUntil(lambda: tab.practices.model.state.query == words)


def test_nothing_is_built_before_the_tab_is_shown(qtbot, tab):
    assert tab.splitter is None
    tab.refresh()  # the main window may ask before: nothing to read yet
    tab.show()
    qtbot.waitUntil(lambda: tab.splitter is not None)
    assert tab.practices.model.total() == 5
    assert lines(tab)[0] == "All areas (5)"
    assert "Education (1)" in lines(tab) and "Health (0)" in lines(tab)
    assert lines(tab)[-1] == "No area (1)"


def test_the_counts_follow_the_search_and_the_filters(qtbot, tab):
    tab.show()
    search(qtbot, tab, "educacion")
    assert lines(tab)[0] == "All areas (2)"
    assert "Education (1)" in lines(tab) and "Environment (1)" in lines(tab)
    assert "No area" not in lines(tab)[-1]  # no practice without an area matches
    tab.practices.hidden_toggle.setChecked(True)
    search(qtbot, tab, "")
    assert lines(tab)[0] == "All areas (6)" and "Education (2)" in lines(tab)


def test_choosing_an_area_narrows_the_list_and_keeps_the_counts_of_every_area(qtbot, tab, services):
    tab.show()
    tab.areas.choose(area_id(services, "Education"))
    assert titles(tab.practices.model) == ["Aula abierta de educación digital"]
    assert lines(tab)[0] == "All areas (5)"  # the other areas still say what they hold
    assert tab.areas.areas.currentItem().text() == "Education (1)"
    tab.areas.choose(NO_AREA)
    assert titles(tab.practices.model) == ["Cuidados sin área"]
    tab.areas.choose(ALL_AREAS)
    assert tab.practices.model.total() == 5


def test_selecting_a_practice_shows_it_and_the_panel_s_edit_opens_its_form(
    qtbot, tab, services, catalogue, monkeypatch
):
    forms = []

    class Dialog:
        def __init__(self, _services, data, _parent):
            forms.append(data)
            self.saved_id = data.id

        def exec(self):
            from dataclasses import replace

            services.catalogue.save(replace(forms[-1], title="Huerto urbano comunitario"))
            return 1

    fake_module(monkeypatch, "app.views.catalogue.practice_dialog", PracticeDialog=Dialog)
    tab.show()
    told = []
    tab.changed.connect(lambda: told.append(True))
    tab.practices.select_id(catalogue.garden)
    assert tab.panel.practice_id() == catalogue.garden
    tab.panel.edit_button.click()
    assert forms[0].id == catalogue.garden and told
    assert tab.panel.title.text() == "Huerto urbano comunitario"
    assert "Huerto urbano comunitario" in titles(tab.practices.model)


def test_hiding_from_the_list_updates_the_panel_and_the_counts(qtbot, tab, catalogue):
    tab.show()
    tab.practices.select_id(catalogue.garden)
    tab.practices.hide_button.click()
    assert "Environment (0)" in lines(tab) and lines(tab)[0] == "All areas (4)"
    tab.practices.hidden_toggle.setChecked(True)
    tab.practices.select_id(catalogue.garden)
    assert "Hidden from the catalogue here" in tab.panel.values["state"].text()


def test_the_areas_editor_renames_and_removes_and_the_tab_follows(
    qtbot, tab, services, catalogue, monkeypatch
):
    education = area_id(services, "Education")
    environment = area_id(services, "Environment")

    class Dialog:
        def __init__(self, services_, _parent):
            from PySide6.QtCore import QObject, Signal

            class Relay(QObject):
                changed = Signal()

            self.relay = Relay()
            self.changed = self.relay.changed
            self.modified = False

        def exec(self):
            services.catalogue.save_area(AreaData("Educación y formación", education))
            services.catalogue.delete_area(environment)
            self.modified = True
            self.changed.emit()
            return 0

    fake_module(monkeypatch, "app.views.catalogue.areas_dialog", AreasDialog=Dialog)
    tab.show()
    tab.areas.choose(environment)
    tab.practices.select_id(catalogue.garden)
    told = []
    tab.changed.connect(lambda: told.append(True))
    tab.areas.edit_button.click()
    assert told and "Educación y formación (1)" in lines(tab)
    assert tab.areas.chosen() == ALL_AREAS  # the area chosen went away: every area again
    assert tab.practices.model.total() == 5
    assert lines(tab)[-1] == "No area (2)"  # the garden lost its area
    row = tab.practices.model.row_of(catalogue.education)
    assert tab.practices.model.index(row, 1).data() == "Educación y formación"


def test_a_practice_is_revealed_whatever_the_search_and_the_area(qtbot, tab, services, catalogue):
    tab.show()
    tab.areas.choose(area_id(services, "Employment"))
    search(qtbot, tab, "empleo")
    assert tab.show_practice(catalogue.garden)
    assert tab.practices.current_id() == catalogue.garden
    assert tab.panel.practice_id() == catalogue.garden
    assert tab.areas.chosen() == ALL_AREAS and tab.practices.search.text() == ""
    assert not tab.show_practice(catalogue.trashed)


def test_ctrl_f_and_the_export_of_the_list(qtbot, tab, tmp_path, monkeypatch):
    target = tmp_path / "catalogo.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    tab.show()
    tab.activateWindow()
    tab.focus_search()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is tab.practices.search)
    tab.export_current_list()
    qtbot.waitUntil(lambda: bool(told), timeout=10000)
    assert "5 rows" in told[0] and target.exists()


def test_refresh_reads_changes_made_elsewhere_keeping_the_selection(
    qtbot, tab, services, catalogue
):
    tab.show()
    tab.practices.select_id(catalogue.employment)
    data = services.catalogue.get(catalogue.employment)
    from dataclasses import replace

    services.catalogue.save(replace(data, summary="Ahora con cooperativas."))
    services.catalogue.delete([catalogue.loose])
    tab.refresh()
    assert tab.practices.current_id() == catalogue.employment
    assert tab.panel.values["summary"].text() == "Ahora con cooperativas."
    assert lines(tab)[0] == "All areas (4)" and "No area" not in lines(tab)[-1]


def test_the_areas_follow_a_language_change(qtbot, tab):
    from PySide6.QtCore import QEvent

    from app.i18n import set_language

    tab.show()
    tab.areas.choose(NO_AREA)
    set_language("es")
    QApplication.sendEvent(tab.areas, QEvent(QEvent.Type.LanguageChange))
    assert lines(tab)[0] == "Todas las áreas (5)"
    assert tab.areas.chosen() == NO_AREA and tab.areas.areas.currentRow() == len(lines(tab)) - 1
