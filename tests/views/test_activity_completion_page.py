"""The Completion page: standing with the rule as words and signs, the filter, the counts."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.services.completion import AT_RISK, COMPLETED, NOT_COMPLETED
from app.views.activity_completion_page import (
    ActivityCompletionPage,
    hours_text,
    rule_text,
)
from tests.views.activity_fixtures import build_activity


@pytest.fixture
def page(qtbot, services) -> ActivityCompletionPage:
    built = build_activity(services)
    widget = ActivityCompletionPage(services)
    qtbot.addWidget(widget)
    widget.show()
    widget.set_activity(built.activity_id)
    widget.reload()
    return widget


def column(page: ActivityCompletionPage, number: int) -> list[str]:
    return [page.model.index(row, number).data() for row in range(page.model.rowCount())]


def test_everyone_is_shown_with_sessions_hours_and_standing(page):
    rows = {name: i for i, name in enumerate(column(page, 0))}
    assert set(rows) == {"Ana Pérez", "Beatriz Núñez", "Carlos Gil", "Fernanda Díaz"}
    bea = rows["Beatriz Núñez"]
    assert [page.model.index(bea, c).data() for c in range(1, 6)] == [
        "⚠ At risk",
        "2 of 4",
        "50 %",
        "4 h",
        "",
    ]
    carlos = rows["Carlos Gil"]
    assert page.model.index(carlos, 5).data() == "2"  # excused twice
    assert page.model.index(carlos, 1).data() == "✗ Not completed"
    assert page.counts.text() == "2 completed, 1 at risk, 1 not completed"
    assert page.rule.text().startswith("Rule: At least 75 % of the sessions and 6 h.")


def test_the_filter_shows_one_standing_and_the_counts_stay(page):
    page.set_filter(AT_RISK)
    assert column(page, 0) == ["Beatriz Núñez"]
    page.set_filter(COMPLETED)
    assert sorted(column(page, 0)) == ["Ana Pérez", "Fernanda Díaz"]
    page.set_filter(NOT_COMPLETED)
    assert column(page, 0) == ["Carlos Gil"]
    assert page.counts.text() == "2 completed, 1 at risk, 1 not completed"
    page.set_filter("")
    assert page.model.rowCount() == 4


def test_the_standing_has_a_colour_besides_its_words(page):
    row = column(page, 0).index("Ana Pérez")
    assert page.model.index(row, 1).data() == "✓ Completed"
    assert page.model.index(row, 1).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert page.model.index(row, 0).data(Qt.ItemDataRole.ForegroundRole) is None


def test_sorting_by_percent_and_by_standing(page):
    page.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)
    assert column(page, 3) == ["75 %", "75 %", "50 %", "0 %"]
    page.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    assert column(page, 1)[-1] == "✗ Not completed"


def test_the_model_passes_the_model_tester(qtmodeltester, page):
    qtmodeltester.check(page.model)


def test_rules_and_hours_in_words():
    assert rule_text(75, 360) == "At least 75 % of the sessions and 6 h"
    assert rule_text(80, None) == "At least 80 % of the sessions"
    assert rule_text(None, 90) == "At least 1 h 30 min of attendance"
    assert rule_text(None, None) == "Attending at least one session"
    assert hours_text(270) == "4.5 h"
    assert hours_text(20) == "0.3 h"


def test_an_activity_without_sessions_says_no_one_completed_it(qtbot, services):
    from app.services.activities import ActivityData

    activity = services.activities.save(ActivityData(title="Sin sesiones"))
    page = ActivityCompletionPage(services)
    qtbot.addWidget(page)
    page.set_activity(activity.id)
    page.reload()
    assert "no sessions yet" in page.rule.text()
    assert page.counts.text() == "0 completed, 0 at risk, 0 not completed"
