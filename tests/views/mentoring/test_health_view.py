"""The "Needs attention" page over real services: pairs most in need first with their flags in
words, the weeks remembered, every pair on demand, opening a pair, and the export."""

from __future__ import annotations

import gettext
import re
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

import app.i18n
from app.services.mentoring_values import GoalData, RelationshipData, SessionLogData
from app.services.organisations import OrganisationData
from app.services.people import PersonData
from app.services.person_links import MembershipData
from app.views.mentoring.health_table_model import HealthTableModel
from app.views.mentoring.health_view import WEEKS_KEY, HealthView

TODAY = date.today()


@pytest.fixture(autouse=True)
def fresh_settings(tmp_path):
    """The weeks chosen live in a settings file of this test only."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "ini"))
    QSettings().clear()


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


@pytest.fixture
def pairs(services) -> dict[str, str]:
    """Three active pairs: one silent for 9 weeks, one with an overdue goal, one healthy."""
    alba = services.organisations.save(OrganisationData(name="Alba")).id
    brisa = services.organisations.save(OrganisationData(name="Brisa")).id

    def person(name: str, organisation_id: str) -> str:
        member = (MembershipData(organisation_id),)
        return services.people.save(PersonData(full_name=name, memberships=member)).id

    mentor = person("Lucía Pérez", alba)

    def pair(mentee: str, start: date, session_on: date) -> str:
        saved = services.mentoring.save(
            RelationshipData(
                mentor_id=mentor,
                mentee_id=person(mentee, brisa),
                mentor_organisation_id=alba,
                mentee_organisation_id=brisa,
                start_date=start,
                status="active",
            )
        )
        services.mentoring.save_session(
            SessionLogData(relationship_id=saved.data.id, date=session_on)
        )
        return saved.data.id

    ids = {
        "silent": pair("Marta Gil", ago(70), ago(63)),
        "overdue": pair("Nerea Sanz", ago(20), ago(6)),
        "healthy": pair("Olga Ruiz", ago(14), ago(7)),
    }
    services.mentoring.save_goal(
        GoalData(relationship_id=ids["overdue"], description="Plan de captación", due_date=ago(3))
    )
    return ids


@pytest.fixture
def view(qtbot, services, pairs) -> HealthView:
    widget = HealthView(services)
    qtbot.addWidget(widget)
    widget.resize(1100, 500)
    widget.show()
    return widget


def cells(view: HealthView) -> list[list[str]]:
    model = view.model
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def test_pairs_that_need_attention_come_first_with_their_flags_in_words(view):
    rows = cells(view)
    assert [row[0] for row in rows] == ["Marta Gil", "Nerea Sanz"]  # the healthy pair is left out
    assert rows[0][1:5] == ["Brisa", "Lucía Pérez", "Active", rows[0][4]]
    assert rows[0][5].startswith("No session for 9 weeks")
    assert rows[1][5].startswith("1 goal overdue since")
    assert view.status.text() == "2 pairs need attention"


def test_every_pair_can_be_listed(view):
    view.healthy_toggle.setChecked(True)
    rows = cells(view)
    assert [row[0] for row in rows][-1] == "Olga Ruiz"
    assert rows[-1][5] == "Nothing to flag"
    assert view.status.text() == "2 pairs need attention (3 pairs listed)"


def test_the_weeks_change_the_check_and_are_remembered(qtbot, services, view):
    view.weeks.setValue(10)  # nine weeks without a session is no longer too long
    qtbot.waitUntil(lambda: [row[0] for row in cells(view)] == ["Nerea Sanz"], timeout=3000)
    assert view.status.text() == "1 pair needs attention"
    assert "no session for 10 weeks" in view.explanation.text()

    again = HealthView(services)
    qtbot.addWidget(again)
    assert again.weeks.value() == 10
    assert QSettings().value(WEEKS_KEY) in (10, "10")


def test_enter_or_double_click_opens_the_pair(qtbot, pairs, view):
    view.table.setFocus()
    view.table.select(1)
    with qtbot.waitSignal(view.open_relationship) as opened:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert opened.args == [pairs["overdue"]]
    with qtbot.waitSignal(view.open_relationship) as opened:
        view.open_button.click()
    assert opened.args == [pairs["overdue"]]
    index = view.model.index(0, 2)
    rect = view.table.visualRect(index)
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(view.open_relationship) as opened:
        qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [pairs["silent"]]


def test_refresh_keeps_the_selected_pair(services, pairs, view):
    view.table.select(1)
    services.mentoring.save_goal(
        GoalData(relationship_id=pairs["silent"], description="Web nueva", due_date=ago(1))
    )
    view.refresh()
    assert view.selected_id() == pairs["overdue"]
    assert "1 goal overdue" in cells(view)[0][5]  # the silent pair earned one more flag


def test_nothing_to_look_at_is_said_plainly(qtbot, services):
    empty = HealthView(services)
    qtbot.addWidget(empty)
    assert empty.model.rowCount() == 0
    assert empty.status.text() == "No pair needs attention."
    assert not empty.open_button.isEnabled() and not empty.export_button.isEnabled()


def test_export_saves_the_list_as_shown(qtbot, view, tmp_path, monkeypatch):
    target = tmp_path / "attention.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    view.export_list()
    qtbot.waitUntil(lambda: bool(told), timeout=10000)
    rows = list(load_workbook(target).active.iter_rows(values_only=True))
    assert rows[0][0] == "Mentee" and rows[0][-1] == "What needs attention"
    assert [row[0] for row in rows[1:]] == ["Marta Gil", "Nerea Sanz"]
    assert rows[1][-1].startswith("No session for 9 weeks")


def test_the_model_passes_the_model_tester(qtmodeltester, services, pairs):
    model = HealthTableModel()
    model.set_rows(services.mentoring_health.check(include_healthy=True))
    qtmodeltester.check(model)
    model.sort(5, Qt.SortOrder.AscendingOrder)
    qtmodeltester.check(model)


def test_the_flags_are_worded_again_in_a_new_language(view, monkeypatch):
    class Shouting(gettext.NullTranslations):
        def gettext(self, message: str) -> str:  # upper case outside the {placeholders}
            return re.sub(r"[^{}]+(?=\{|$)", lambda m: m.group().upper(), message)

        def ngettext(self, singular: str, plural: str, n: int) -> str:
            return self.gettext(singular if n == 1 else plural)

    view.table.select(1)
    monkeypatch.setattr(app.i18n, "_current", Shouting())
    QApplication.sendEvent(view, QEvent(QEvent.Type.LanguageChange))
    assert view.model.headerData(5, Qt.Orientation.Horizontal) == "WHAT NEEDS ATTENTION"
    assert cells(view)[0][5].startswith("NO SESSION FOR 9 WEEKS")  # said by the check
    assert view.status.text() == "2 PAIRS NEED ATTENTION"
    assert view.selected_id() is not None  # the pair chosen stays chosen
