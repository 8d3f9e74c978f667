"""The Directory tab over real services: search, sort, paging, trash, details, export."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

import app.i18n
from app.services.demo import fill_demo
from app.services.organisations import OrganisationData
from app.services.people import MembershipData, PersonData
from app.services.text import fold
from app.views.directory_tab import DirectoryTab
from app.views.organisations_table_model import OrganisationsTableModel
from app.views.people_table_model import PeopleTableModel
from app.views.widgets.record_list import RecordListPanel


@pytest.fixture
def tab(qtbot, services) -> DirectoryTab:
    widget = DirectoryTab(services)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    return widget


@pytest.fixture
def demo(services):
    fill_demo(services.db, "small")  # 40 organisations, 400 people
    return services


@pytest.fixture
def answer_yes(monkeypatch) -> list[str]:
    asked: list[str] = []

    def question(_parent, _title, text, *args, **kwargs):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def names(panel: RecordListPanel) -> list[str]:
    model = panel.model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def column_values(panel: RecordListPanel, column: int) -> list[str]:
    model = panel.model
    return [model.index(row, column).data() for row in range(model.rowCount())]


def click_header(qtbot, panel: RecordListPanel, column: int) -> None:
    header = panel.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))


def test_search_as_you_type_ignores_accents_and_case(qtbot, services, tab):
    for name in ("José Núñez Ruiz", "Ana Pérez", "Luis Gómez"):
        services.people.save(PersonData(full_name=name))
    tab.people.refresh()
    assert tab.people.status.text() == "3 people"
    qtbot.keyClicks(tab.people.search, "NUNEZ")
    qtbot.waitUntil(lambda: names(tab.people) == ["José Núñez Ruiz"])
    assert tab.people.status.text() == "1 person"
    tab.people.search.clear()
    qtbot.waitUntil(lambda: len(names(tab.people)) == 3)


def test_clicking_a_header_sorts_in_sql_and_unsortable_columns_keep_the_order(qtbot, demo, tab):
    panel = tab.people
    by_name = names(panel)
    assert by_name == sorted(by_name, key=fold)
    click_header(qtbot, panel, 2)  # birth year
    years = [int(y) for y in column_values(panel, 2) if y]
    assert years == sorted(years) and names(panel) != by_name
    click_header(qtbot, panel, 2)
    years = [int(y) for y in column_values(panel, 2) if y]
    assert years == sorted(years, reverse=True)
    newest_first = names(panel)
    click_header(qtbot, panel, 5)  # organisations: not sortable in SQL
    assert names(panel) == newest_first
    header = panel.table.horizontalHeader()
    assert header.sortIndicatorSection() == 2
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder


def test_the_list_loads_more_rows_when_scrolled_to_the_end(qtbot, demo, tab):
    model = tab.people.model
    assert model.rowCount() == 200 and model.total() == 400
    assert model.canFetchMore(model.index(-1, -1))
    tab.people.table.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() == 400)
    assert not model.canFetchMore(model.index(-1, -1))
    assert len(set(names(tab.people))) > 300  # new rows, not the first page again


def test_move_to_trash_asks_once_and_restore_brings_back(qtbot, services, tab, answer_yes):
    for name in ("Marta Ríos", "Pablo Sanz"):
        services.people.save(PersonData(full_name=name))
    panel = tab.people
    panel.refresh()
    panel.select_id(panel.model.record(0).id)
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    assert len(answer_yes) == 1 and "restore" in answer_yes[0]
    assert names(panel) == ["Pablo Sanz"]
    panel.trash_toggle.setChecked(True)
    assert names(panel) == ["Marta Ríos"]
    assert panel.status.text() == "1 person in the trash"
    assert panel.restore_button.isVisibleTo(panel) and not panel.trash_button.isVisibleTo(panel)
    panel.table.selectRow(0)
    qtbot.mouseClick(panel.restore_button, Qt.MouseButton.LeftButton)
    assert names(panel) == []
    panel.trash_toggle.setChecked(False)
    assert names(panel) == ["Marta Ríos", "Pablo Sanz"]


def test_selected_person_shows_details_with_organisations_and_roles(services, tab):
    saved = services.organisations.save(OrganisationData(name="Red Vecinal"))
    services.people.save(
        PersonData(
            full_name="Irene Castro",
            email="irene@example.org",
            memberships=(MembershipData(saved.id, role="volunteer"),),
        )
    )
    tab.refresh()
    tab.people.table.selectRow(0)
    text = tab.people.detail.view.toPlainText()
    assert "irene@example.org" in text and "Red Vecinal (Volunteer)" in text


def test_organisation_detail_lists_its_people_and_opens_one(qtbot, demo, tab, monkeypatch):
    panel = tab.organisations
    tab.views.setCurrentWidget(panel)
    panel.table.selectRow(0)
    organisation = panel.model.record(0)
    expected = {p.full_name for p in demo.people.list(organisation_id=organisation.id, limit=None)}
    people = panel.detail.people
    assert {people.item(i).text() for i in range(people.count())} == expected
    assert organisation.name in panel.detail.view.toPlainText()
    opened: list[str | None] = []
    monkeypatch.setattr(
        "app.views.directory_tab.open_person", lambda _s, person_id, _p: opened.append(person_id)
    )
    people.itemActivated.emit(people.item(0))
    assert opened == [people.item(0).data(Qt.ItemDataRole.UserRole)]


def test_export_writes_every_matching_row_as_shown(qtbot, demo, tab, tmp_path, monkeypatch):
    target = tmp_path / "people.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    panel = tab.people
    panel.search.setText("a")
    qtbot.waitUntil(lambda: panel.model.state.query == "a")
    total = panel.model.total()
    assert total > 200  # more than the rows loaded on screen
    tab.export_current_list()
    qtbot.waitUntil(lambda: bool(told), timeout=10000)
    rows = list(load_workbook(target).active.iter_rows(values_only=True))
    model = panel.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert list(rows[0]) == headers
    assert len(rows) - 1 == total
    for row in range(model.rowCount()):
        shown = [model.index(row, c).data() for c in range(model.columnCount())]
        assert ["" if v is None else str(v) for v in rows[row + 1]] == shown
    assert rows[1][1] in ("Woman", "Man", "Non-binary", "Prefers not to say")
    assert f"{total} rows" in told[0]


def test_export_to_csv_of_organisations(qtbot, demo, tab, tmp_path, monkeypatch):
    target = tmp_path / "list"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "CSV file (*.csv)")
    )
    monkeypatch.setattr(QMessageBox, "information", lambda *a: None)
    tab.views.setCurrentWidget(tab.organisations)
    tab.export_current_list()
    written = Path(f"{target}.csv")
    qtbot.waitUntil(written.exists, timeout=10000)
    lines = written.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("Name,Kind,Municipality") and len(lines) == 41


def test_a_change_in_one_list_refreshes_the_other(qtbot, services, tab, monkeypatch):
    saved = services.organisations.save(OrganisationData(name="Ateneo"))
    tab.refresh()
    assert tab.organisations.model.index(0, 6).data() == "0"
    member = PersonData(full_name="Rosa Vidal", memberships=(MembershipData(saved.id),))
    monkeypatch.setattr(
        "app.views.directory_tab.open_person",
        lambda s, _id, _p: s.people.save(member).id,
    )
    tab.people.add_record()
    assert names(tab.people) == ["Rosa Vidal"]
    assert tab.people.current_id() is not None
    assert tab.organisations.model.index(0, 6).data() == "1"


def test_texts_follow_a_language_change(qtbot, tab, monkeypatch):
    def shout(message: str) -> str:  # upper case outside the {placeholders}
        return re.sub(r"[^{}]+(?=\{|$)", lambda m: m.group().upper(), message)

    class Shouting(gettext.NullTranslations):
        def gettext(self, message: str) -> str:
            return shout(message)

        def ngettext(self, singular: str, plural: str, n: int) -> str:
            return shout(singular if n == 1 else plural)

    monkeypatch.setattr(app.i18n, "_current", Shouting())
    QApplication.sendEvent(tab.people, QEvent(QEvent.Type.LanguageChange))
    QApplication.sendEvent(tab, QEvent(QEvent.Type.LanguageChange))
    assert tab.people.model.headerData(0, Qt.Orientation.Horizontal) == "NAME"
    assert tab.people.status.text() == "0 PEOPLE"
    assert tab.views.tabText(1) == "&ORGANISATIONS"


def test_models_pass_the_model_tester(qtmodeltester, demo):
    people = PeopleTableModel(demo.people)
    qtmodeltester.check(people)
    people.reload(query="mar", trash=False, sort_key="birth_year", descending=True)
    qtmodeltester.check(people)
    organisations = OrganisationsTableModel(demo.organisations)
    qtmodeltester.check(organisations)


def test_keyboard_shortcuts_act_on_the_list_on_show(qtbot, services, tab, monkeypatch):
    services.people.save(PersonData(full_name="Nora Sáez"))
    tab.refresh()
    opened: list[tuple[str, str | None]] = []
    monkeypatch.setattr(
        "app.views.directory_tab.open_person", lambda _s, i, _p: opened.append(("person", i))
    )
    tab.activateWindow()
    qtbot.waitActive(tab)
    panel = tab.people
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert panel.search.hasFocus()
    qtbot.keyClicks(panel.search, "nora")
    qtbot.keyClick(panel.search, Qt.Key.Key_Return)  # to the list, first row selected
    assert panel.table.hasFocus() and panel.current_id() is not None
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    assert opened == [("person", panel.current_id())]
    qtbot.keyClick(panel.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert opened[-1] == ("person", None)


def test_columns_are_never_narrower_than_their_titles(qtbot, services) -> None:
    from app.views.language import apply_language

    tab = DirectoryTab(services)
    qtbot.addWidget(tab)
    view = tab.people.table
    apply_language("es")
    try:
        qtbot.waitUntil(
            lambda: view.paged_model.headerData(2, Qt.Orientation.Horizontal) != "Birth year",
            timeout=3000,
        )
        header = view.horizontalHeader()

        def titles_fit() -> bool:
            for number in range(view.paged_model.columnCount()):
                title = view.paged_model.headerData(number, Qt.Orientation.Horizontal)
                if view.columnWidth(number) < header.fontMetrics().horizontalAdvance(title):
                    return False
            return True

        qtbot.waitUntil(titles_fit, timeout=3000)
    finally:
        apply_language("en")
