"""The report's figures as a tree, from the JSON form: groups in the funders' order, breakdown
cells named in words, hidden counts said as such, shares of the total, and any new key shown."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, Qt

from app.views.reports.period_picker import PeriodPicker
from app.views.reports.report_tree_model import FIGURE, NAME, ReportTreeModel

REPORT = {
    "period": {"from": "2025-01-01", "to": "2025-12-31"},
    "participants": {
        "total": 40,
        "by_gender": {"woman": 30, "man": 10, "non_binary": None, "not_stated": 0},
        "by_age_band": {"under_18": 0, "18_29": 12, "30_54": 20, "55_plus": 8, "unknown": 0},
        "by_kind": {"forum": 25, "capsule": 30, "other": 0},
    },
    "completed": {"total": None, "by_gender": {"woman": None, "man": None}},
    "hours": {"delivered": 12.5, "person_hours": 1449.75},
    "sessions": 6,
    "organisations": {
        "reached": 12,
        "completed": 7,
        "by_type": {"association": 9, "foundation": None},
        "by_territory": {"Zaragoza": 8, "": None},
    },
    "cascades": {"count": 2, "people_reached": 30},
    "volunteers": 4,
    "suppressed_below": 5,
}


def model_of(report=REPORT, threshold=5) -> ReportTreeModel:
    model = ReportTreeModel()
    model.set_report(report, threshold)
    return model


def rows(model: ReportTreeModel, parent: QModelIndex = QModelIndex()) -> list[str]:  # noqa: B008
    return [model.index(r, NAME, parent).data() for r in range(model.rowCount(parent))]


def figure(model: ReportTreeModel, path: str) -> str:
    return model.index_of(path).siblingAtColumn(FIGURE).data()


def test_groups_come_in_the_funders_order_and_new_figures_last():
    model = model_of()
    assert rows(model) == [
        "Participants",
        "Participants who completed",
        "Sessions and hours",
        "Organisations",
        "Cascades",
        "Volunteers",
    ]
    hours = model.index_of("hours")
    assert rows(model, hours) == ["Sessions delivered", "Hours delivered", "Person-hours received"]
    assert model.figure_path(model.index(0, NAME, hours)) == "sessions"  # its own key path


def test_cells_are_named_in_words_and_figures_in_local_numbers():
    model = model_of()
    assert rows(model, model.index_of("participants.by_gender")) == [
        "Women",
        "Men",
        "Non-binary",
        "Not stated",
    ]
    assert rows(model, model.index_of("participants.by_age_band"))[-2:] == [
        "55 and over",
        "Age not known",
    ]
    assert rows(model, model.index_of("organisations.by_territory")) == [
        "Zaragoza",
        "Territory not stated",
    ]
    assert figure(model, "hours.person_hours") == "1,449.8"
    assert figure(model, "participants.by_gender.woman") == "30"


def test_hidden_counts_say_so_in_words_and_in_the_tool_tip():
    model = model_of()
    assert figure(model, "completed.total") == "hidden (fewer than 5)"
    tip = model.index_of("completed.total").data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("Fewer than 5: hidden so that nobody can be identified.")
    assert figure(model, "organisations.by_territory.") == "hidden (fewer than 5)"


def test_a_breakdown_cell_tells_its_share_of_the_total():
    model = model_of()
    assert model.share(model.index_of("participants.by_gender.woman")) == "75% of the total (40)"
    assert model.share(model.index_of("participants.total")) is None
    assert model.share(model.index_of("completed.by_gender.woman")) is None  # total hidden
    assert model.trail(model.index_of("organisations.by_type.association")) == (
        "Organisations › Reached, by type › Association"
    )


def test_groups_are_bold_and_hold_no_figure():
    model = model_of()
    group = model.index_of("participants")
    assert group.data(Qt.ItemDataRole.FontRole).bold()
    assert group.siblingAtColumn(FIGURE).data() == ""
    assert model.figure_path(group) is None


def test_the_model_passes_the_model_tester(qtmodeltester):
    qtmodeltester.check(model_of())


def test_the_period_starts_as_this_year_and_follows_the_choice(qtbot):
    picker = PeriodPicker(today=date(2025, 8, 14))
    qtbot.addWidget(picker)
    assert picker.period().start == date(2025, 1, 1) and picker.period().end == date(2025, 12, 31)
    with qtbot.waitSignal(picker.changed):
        picker.kind.setCurrentIndex(1)
    assert (picker.period().start, picker.period().end) == (date(2025, 7, 1), date(2025, 9, 30))
    picker.kind.setCurrentIndex(2)
    assert (picker.period().start, picker.period().end) == (date(2025, 1, 1), date(2025, 8, 14))
