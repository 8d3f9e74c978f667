"""The Reports tab: built when first shown, each page when first opened; a change on one page
makes the others read again when next shown; the export of the list on show; its texts follow
a change of language."""

from __future__ import annotations

import gettext
import re

import pytest
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

import app.i18n
from app.services.organisations import OrganisationData
from app.services.projects import ProjectData, ProjectMember
from app.views.reports import reports_tab
from app.views.reports.cascades_view import CascadesView
from app.views.reports.projects_view import ProjectsView
from app.views.reports.reports_tab import (
    CASCADES,
    DASHBOARD,
    NETWORK,
    PROJECTS,
    REPORT,
    ReportsTab,
)


class FakePage(QWidget):
    """A page that counts how often it is read again (and edits records when told)."""

    changed = Signal()

    def __init__(self, services) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self.refreshed = 0

    def refresh(self) -> None:
        self.refreshed += 1


class FakeReport(FakePage):
    """The report page, whose tables are exported as a workbook."""

    def __init__(self, services) -> None:  # type: ignore[no-untyped-def]
        super().__init__(services)
        self.exported = 0

    def export_xlsx(self) -> None:
        self.exported += 1


@pytest.fixture
def fakes(monkeypatch) -> None:
    """The report, dashboard and map pages stand-ins (their own tests cover them)."""
    monkeypatch.setitem(reports_tab.BUILDERS, REPORT, FakeReport)
    for index in (DASHBOARD, NETWORK):
        monkeypatch.setitem(reports_tab.BUILDERS, index, FakePage)


@pytest.fixture
def tab(qtbot, services) -> ReportsTab:
    luz = services.organisations.save(OrganisationData(name="Fundación Luz")).id
    services.projects.save(
        ProjectData(title="Escuela de voluntariado", organisations=(ProjectMember(luz, "lead"),))
    )
    widget = ReportsTab(services)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    return widget


def test_nothing_is_built_before_the_tab_is_shown_and_pages_wait_for_their_turn(qtbot, tab, fakes):
    assert tab.views is None
    tab.show()
    qtbot.waitUntil(lambda: tab.views is not None)
    assert [tab.views.tabText(i) for i in range(tab.views.count())] == [
        "Rep&ort",
        "Dash&board",
        "Networ&k map",
        "Collaborative pro&jects",
        "&Cascades",
    ]
    assert list(tab.pages) == [REPORT]  # the page on show, and no other
    tab.views.setCurrentIndex(PROJECTS)
    assert isinstance(tab.pages[PROJECTS], ProjectsView)
    assert tab.pages[PROJECTS].model.total() == 1
    assert sorted(tab.pages) == [REPORT, PROJECTS]


def test_a_change_on_one_page_rereads_the_others_when_they_are_next_shown(qtbot, tab, fakes):
    tab.show()
    report = tab.pages[REPORT]
    cascades = tab.show_page(CASCADES)
    assert isinstance(cascades, CascadesView)
    told: list[bool] = []
    tab.changed.connect(lambda: told.append(True))
    cascades.changed.emit()  # a cascade recorded
    assert report.refreshed == 0 and told == [True]  # not worked out while nobody looks
    tab.views.setCurrentIndex(REPORT)
    assert report.refreshed == 1
    tab.views.setCurrentIndex(CASCADES)
    tab.views.setCurrentIndex(REPORT)
    assert report.refreshed == 1  # nothing changed since


def test_refresh_reads_the_page_on_show_now_and_the_others_when_shown(qtbot, tab, fakes):
    tab.refresh()  # not built yet: nothing to read
    assert tab.views is None
    tab.show()
    tab.show_page(DASHBOARD)
    report, dashboard = tab.pages[REPORT], tab.pages[DASHBOARD]
    tab.refresh()
    assert (dashboard.refreshed, report.refreshed) == (1, 0)
    tab.views.setCurrentIndex(REPORT)
    assert report.refreshed == 1


def test_the_export_saves_the_list_on_show_or_says_where_lists_are(
    qtbot, tab, fakes, monkeypatch, tmp_path
):
    tab.show()
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    tab.export_current_list()  # the report's tables, as a workbook
    assert tab.pages[REPORT].exported == 1 and not told
    tab.show_page(DASHBOARD)
    tab.export_current_list()  # charts only
    assert "no list to export" in told[0]
    target = tmp_path / "proyectos.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    tab.show_page(PROJECTS)
    tab.export_current_list()
    qtbot.waitUntil(lambda: len(told) == 2, timeout=10000)
    assert target.exists() and "1 row was saved" in told[1]


def test_every_page_is_built_over_real_services(qtbot, tab):
    tab.show()
    for index in (REPORT, DASHBOARD, NETWORK, PROJECTS, CASCADES):
        page = tab.show_page(index)
        qtbot.waitUntil(page.isVisible)
        assert tab.views.currentIndex() == index
    assert sorted(tab.pages) == [REPORT, DASHBOARD, NETWORK, PROJECTS, CASCADES]


def test_texts_follow_a_language_change(qtbot, tab, fakes, monkeypatch):
    tab.show()
    projects, cascades = tab.show_page(PROJECTS), tab.show_page(CASCADES)

    class Shouting(gettext.NullTranslations):
        def gettext(self, message: str) -> str:
            return re.sub(r"[^{}]+(?=\{|$)", lambda m: m.group().upper(), message)

        def ngettext(self, singular: str, plural: str, n: int) -> str:
            return self.gettext(singular if n == 1 else plural)

    monkeypatch.setattr(app.i18n, "_current", Shouting())
    for widget in (tab, projects, cascades):
        QApplication.sendEvent(widget, QEvent(QEvent.Type.LanguageChange))
    assert tab.views.tabText(PROJECTS) == "COLLABORATIVE PRO&JECTS"
    assert projects.area_filter.itemText(0) == "ALL AREAS"
    assert projects.model.headerData(1, Qt.Orientation.Horizontal) == "ORGANISATIONS"
    assert projects.status.text() == "1 PROJECT"
    assert cascades.model.headerData(1, Qt.Orientation.Horizontal) == "WHO PASSED IT ON"
    assert cascades.status.text() == "0 CASCADES"
