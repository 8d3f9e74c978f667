"""The records behind each figure of the report agree with the figure, name who and what."""

from __future__ import annotations

from datetime import date

import pytest

from app.errors import NotFoundError, ValidationError
from app.services.registry import Services
from app.services.reports.labels import figure_label
from app.services.reports.period import Period
from app.services.reports.values import figure_keys, report_json
from tests.services.report_world import World, build_world

YEAR = Period.year(2025)
# Figures that are sums: the column of the records that adds up to them.
SUMS = {"hours.delivered": 3, "hours.person_hours": 5, "cascades.people_reached": 5}


@pytest.fixture
def world(services: Services) -> World:
    return build_world(services)


def _value(data: dict, key: str) -> object:
    group, _dot, rest = key.partition(".")
    value = data[group]
    figure, dot, cell = rest.partition(".")
    if figure:
        value = value[figure]
    if dot:
        value = value[cell]
    return value


def test_every_figure_opens_records_that_add_up_to_it(services: Services, world: World) -> None:
    report = services.reports.build(YEAR)
    data = report_json(report)
    keys = figure_keys(report)
    assert "participants.by_gender.woman" in keys
    assert "organisations.by_territory.Bilbao" in keys
    for key in keys:
        records = services.reports.records(YEAR, key)
        assert len(records.columns) >= 2, key
        assert all(len(row) == len(records.columns) for row in records.rows), key
        value = _value(data, key)
        if key in SUMS:
            total = sum(float(row[SUMS[key]]) for row in records.rows)
            assert total == pytest.approx(value), key
        elif key != "mentoring.hours":
            assert len(records.rows) == value, key


def test_records_name_the_people_behind_a_cell(services: Services, world: World) -> None:
    women = services.reports.records(YEAR, "participants.by_gender.woman")
    assert [row[0] for row in women.rows] == ["Ana", "Eva"]
    assert women.title == "Participants by gender: Woman — 2025"
    ana = women.rows[0]
    # Ana: two activities, five sessions, ten hours; a woman of 30-54.
    assert ana == ("Ana", "Woman", "30–54", "2", "5", "10")
    completed = services.reports.records(YEAR, "completed")
    assert [row[0] for row in completed.rows] == ["Ana", "Ben", "Cris", "Dani"]
    assert completed.rows[0][2] == "Meet-up; Skills"


def test_records_of_organisations_and_sessions(services: Services, world: World) -> None:
    reached = services.reports.records(YEAR, "organisations.reached")
    assert reached.rows == (
        ("Org A", "Association", "Bilbao"),
        ("Org B", "Foundation", "Getxo"),
        ("Org C", "Cooperative", ""),
    )
    nowhere = services.reports.records(YEAR, "organisations.by_territory.")
    assert [row[0] for row in nowhere.rows] == ["Org C"]
    assert figure_label("organisations.by_territory.") == (
        "Organisations reached, by territory: Territory not recorded"
    )
    sessions = services.reports.records(YEAR, "sessions").rows
    assert len(sessions) == 5
    # The forum: three people there (Fran is in the trash, Hugo merged, Gus excused).
    assert sessions[0][1:] == ("Meet-up", "Forum meeting", "2", "3")


def test_a_figure_not_in_the_report_is_refused(services: Services) -> None:
    for key in ("nonsense", "period", "participants.by_gender", "participants.total.x", ""):
        with pytest.raises(NotFoundError):
            services.reports.records(YEAR, key)


def test_a_cell_with_nobody_opens_an_empty_list(services: Services, world: World) -> None:
    records = services.reports.records(YEAR, "participants.by_kind.other")
    assert records.rows == ()
    assert records.columns[0] == "Name"


def test_the_period_of_a_year_a_quarter_or_any_dates() -> None:
    assert Period.year(2025) == Period(date(2025, 1, 1), date(2025, 12, 31))
    assert Period.quarter(2025, 1) == Period(date(2025, 1, 1), date(2025, 3, 31))
    assert Period.quarter(2024, 2).end == date(2024, 6, 30)
    assert Period.quarter(2025, 4) == Period(date(2025, 10, 1), date(2025, 12, 31))
    assert Period.year(2025).label() == "2025"
    assert Period.quarter(2025, 3).label() == "Q3 2025"
    assert Period(date(2025, 1, 1), date(2025, 3, 15)).label() == "Jan 1, 2025 – Mar 15, 2025"
    assert Period(date(2025, 5, 5), date(2025, 5, 5)).label() == "May 5, 2025 – May 5, 2025"
    with pytest.raises(ValidationError):
        Period(date(2025, 2, 1), date(2025, 1, 31))
    with pytest.raises(ValidationError):
        Period.quarter(2025, 5)
