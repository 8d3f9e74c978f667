"""The Mentoring tab: built when first shown, its side pages when first opened, and the ways
from one page to another (a flagged pair opened, a suggested pair proposed)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.services.demo import fill_demo
from app.services.demo.activities import REFERENCE_DATE
from app.services.people import PersonData
from app.views.mentoring.mentoring_tab import ATTENTION, MENTORS, PAIRS, SUGGESTIONS, MentoringTab


@pytest.fixture
def tab(qtbot, services):
    fill_demo(services.db, "small")
    tab = MentoringTab(services)
    qtbot.addWidget(tab)
    return tab


def test_nothing_is_read_before_the_tab_is_shown_and_side_pages_wait_for_their_turn(qtbot, tab):
    assert tab.views is None
    tab.show()
    qtbot.waitUntil(lambda: tab.views is not None)
    assert [tab.views.tabText(i) for i in range(4)] == [
        "&Pairs",
        "Needs &attention",
        "Su&ggested pairs",
        "M&entors",
    ]
    assert tab.pairs.model.total() == 20  # the small example data has twenty pairs
    assert (tab.health, tab.suggestions, tab.mentors) == (None, None, None)
    tab.views.setCurrentIndex(MENTORS)
    assert tab.mentors is not None and tab.mentors.model.total() == 15
    assert tab.health is None  # still not needed


def test_a_flagged_pair_opens_on_the_pairs_page_even_when_the_search_hides_it(qtbot, tab):
    tab.show()
    tab.views.setCurrentIndex(ATTENTION)
    health = tab.health
    health.today = REFERENCE_DATE
    health.refresh()
    assert health.model.rowCount() > 0
    flagged = health.model.row_at(0).relationship_id
    tab.pairs.search.setText("nobody is called like this")
    qtbot.waitUntil(lambda: tab.pairs.model.total() == 0)
    health.open_relationship.emit(flagged)
    assert tab.views.currentIndex() == PAIRS
    assert tab.pairs.current_id() == flagged
    assert tab.panel.relationship_id() == flagged


def test_proposing_a_suggested_pair_opens_the_form_and_shows_the_new_pair(
    qtbot, tab, services, monkeypatch
):
    tab.show()
    tab.views.setCurrentIndex(SUGGESTIONS)
    needs = services.mentoring_suggestions.needs()
    need = next(n for n in needs if services.mentoring_suggestions.suggest(n.organisation_id))
    suggestion = services.mentoring_suggestions.suggest(need.organisation_id)[0]
    mentee = services.people.save(PersonData(full_name="Noa Prieto"))
    saved: list[str] = []

    def fake_form(prefill):  # what the form would save once the mentee is chosen
        detail = services.mentoring.save(replace(prefill, mentee_id=mentee.id))
        saved.append(detail.data.id)
        return detail.data.id

    monkeypatch.setattr(tab.pairs, "_open_form", fake_form)
    tab.suggestions.propose_requested.emit(tab_prefill(tab, need, suggestion))
    assert saved and tab.views.currentIndex() == PAIRS
    assert tab.pairs.current_id() == saved[0]
    assert tab.panel.relationship_id() == saved[0]
    assert services.mentoring.get(saved[0]).data.status == "proposed"


def tab_prefill(tab, need, suggestion):
    """The pair the suggestions page proposes for ``suggestion`` (as its button does)."""
    from app.services.mentoring_values import RelationshipData

    return RelationshipData(
        mentor_id=suggestion.person_id,
        mentee_id="",
        mentor_organisation_id=suggestion.organisation_id,
        mentee_organisation_id=need.organisation_id,
        areas=suggestion.matched_areas,
        status="proposed",
    )


def test_export_follows_the_page_on_show(qtbot, tab, tmp_path, monkeypatch):
    target = tmp_path / "list.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    tab.show()
    tab.views.setCurrentIndex(MENTORS)
    tab.export_current_list()
    qtbot.waitUntil(lambda: bool(told), timeout=10000)
    from openpyxl import load_workbook

    rows = list(load_workbook(target).active.iter_rows(values_only=True))
    assert rows[0][0] == "Name" and len(rows) == 16  # the header and the fifteen mentors
