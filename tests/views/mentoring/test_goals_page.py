"""The Goals page of a mentoring pair: goals with progress bars, overdue goals said, the chosen
goal's progress drawn over time, and adding, changing and deleting goals through the form."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor

from app.services.mentoring_values import ProgressPoint
from app.views.mentoring.goal_dialog import NO_DATE, GoalDialog
from app.views.mentoring.goals_page import GoalsPage
from app.views.mentoring.progress_chart import ProgressChart
from tests.views.mentoring.panel_fixtures import answer_questions, build_pair, drive


@pytest.fixture
def pair(services):
    return build_pair(services)


@pytest.fixture
def page(qtbot, services, pair) -> GoalsPage:
    widget = GoalsPage(services)
    qtbot.addWidget(widget)
    widget.resize(760, 620)
    widget.set_relationship(pair.relationship_id)
    widget.reload()
    widget.show()
    return widget


def column(model, number: int) -> list[str]:
    return [model.index(row, number).data() for row in range(model.rowCount())]


def highlight_pixels(chart: ProgressChart) -> int:
    """How many pixels of the chart are drawn in the line's colour."""
    image = chart.grab().toImage()
    wanted = chart.palette().highlight().color().rgb()
    return sum(
        1
        for x in range(0, image.width(), 2)
        for y in range(0, image.height(), 2)
        if image.pixel(x, y) == wanted
    )


def test_goals_show_their_progress_and_say_which_are_overdue(page, pair):
    model = page.model
    assert column(model, 0) == [
        "Plan de captación escrito",
        "Tres nuevos financiadores",
        "Presentar el plan a la junta",
    ]
    assert column(model, 1) == ["100 %", "60 %", "0 %"]
    overdue = model.index(2, 2)
    assert overdue.data().endswith("(overdue)")
    assert overdue.data(Qt.ItemDataRole.ForegroundRole) is not None  # and in colour
    assert model.index(1, 2).data(Qt.ItemDataRole.ForegroundRole) is None
    assert column(model, 4)[0] and not column(model, 4)[1]  # achieved on, for the first only
    assert page.summary.text() == "3 goals: 1 achieved, 1 overdue · average progress 53 %"
    assert "Un solo financiador público" in model.index(1, 0).data(Qt.ItemDataRole.ToolTipRole)


def test_the_models_pass_the_model_tester(qtmodeltester, page):
    page.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert column(page.model, 1)[0] == "100 %"
    qtmodeltester.check(page.model)


def test_the_chosen_goal_s_history_is_drawn(qtbot, page, pair):
    page.table.select(1)
    chart = page.chart
    assert [p.progress for p in chart.points] == [10, 25, 40, 60]
    assert chart.due_date == pair.today + timedelta(days=90)
    assert "“Tres nuevos financiadores”" in page.chart_title.text()
    assert "60 %" in chart.accessibleDescription()
    assert highlight_pixels(chart) > 50  # the line and its dots are there
    dots = [spot for spot, _point in chart._dots]
    assert [d.x() for d in dots] == sorted(d.x() for d in dots)  # later steps to the right
    assert [d.y() for d in dots] == sorted((d.y() for d in dots), reverse=True)  # and higher
    first = dots[0]
    assert chart.point_near(first + QPointF(2, 1)).note == "Punto de partida"
    assert chart.point_near(first + QPointF(40, 40)) is None


def test_an_empty_history_says_so_instead_of_a_line(qtbot):
    chart = ProgressChart()
    qtbot.addWidget(chart)
    chart.resize(400, 180)
    chart.set_history([])
    assert chart.accessibleDescription() == "No progress recorded yet."
    assert highlight_pixels(chart) == 0
    day = date(2026, 3, 1)
    chart.set_history([ProgressPoint(day, 100)], today=day + timedelta(days=30))
    assert chart.span()[1] == day  # achieved: the line stops there
    assert highlight_pixels(chart) > 0


def test_a_dark_palette_keeps_the_chart_readable(qtbot):
    chart = ProgressChart()
    qtbot.addWidget(chart)
    palette = chart.palette()
    palette.setColor(palette.ColorRole.Window, QColor("#202020"))
    palette.setColor(palette.ColorRole.WindowText, QColor("#f0f0f0"))
    chart.setPalette(palette)
    chart.resize(400, 180)
    chart.set_history([])
    image = chart.grab().toImage()
    light = sum(
        1
        for x in range(0, 80)
        for y in range(image.height())
        if QColor(image.pixel(x, y)).lightness() > 200
    )
    assert light > 20  # the percentages are written in the light text colour


def test_adding_a_goal_keeps_its_first_step_with_the_note(qtbot, monkeypatch, services, page):
    def fill(dialog: GoalDialog) -> None:
        assert dialog.windowTitle() == "New goal"
        dialog.widget("description").setPlainText("Web con donaciones en línea")
        dialog.widget("target").setPlainText("Primeras 20 donaciones")
        dialog.progress.set_value(20)
        dialog.widget("note").setText("Dominio comprado")

    drive(monkeypatch, GoalDialog, fill)
    with qtbot.waitSignal(page.changed):
        qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == 4
    chosen = page.table.current()
    assert chosen.description == "Web con donaciones en línea"
    assert page.chart.points[-1].note == "Dominio comprado"
    assert column(page.model, 1)[-1] == "20 %"


def test_reaching_100_percent_marks_the_goal_achieved(qtbot, monkeypatch, page, pair):
    def fill(dialog: GoalDialog) -> None:
        assert not dialog.widget("note").isEnabled()  # nothing to note until progress moves
        dialog.progress.slider.setValue(100)
        assert dialog.widget("note").isEnabled()
        dialog.widget("note").setText("Tercer convenio firmado")

    seen = drive(monkeypatch, GoalDialog, fill)
    page.table.select(1)
    page.table.setFocus()
    with qtbot.waitSignal(page.changed):
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert "marks the goal as achieved today" in seen[0].achieved.text()
    assert seen[0].progress.value() == 100
    assert page.table.current().id == pair.goal_ids[1]
    assert column(page.model, 1)[1] == "100 %"
    assert column(page.model, 4)[1]  # achieved on today
    assert page.summary.text().startswith("3 goals: 2 achieved, 1 overdue")
    assert page.chart.points[-1] == ProgressPoint(date.today(), 100, "Tercer convenio firmado")


def test_a_goal_without_words_is_refused_by_its_field(qtbot, services, pair):
    goal = services.mentoring.goals(pair.relationship_id)[0]
    dialog = GoalDialog(services, goal)
    qtbot.addWidget(dialog)
    dialog.widget("description").setPlainText("   ")
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert dialog.fields.error_text("description") == "Describe the goal in a few words."
    assert services.mentoring.goals(pair.relationship_id)[0].description == goal.description


def test_the_due_date_can_be_left_out(qtbot, services, pair):
    goal = services.mentoring.goals(pair.relationship_id)[1]
    dialog = GoalDialog(services, goal)
    qtbot.addWidget(dialog)
    assert dialog.goal_data().due_date == goal.due_date
    dialog.widget("due_date").setDate(NO_DATE)
    assert dialog.widget("due_date").text() == "No due date"
    dialog.accept()
    assert services.mentoring.goals(pair.relationship_id)[1].due_date is None


def test_deleting_a_goal_asks_first(qtbot, monkeypatch, services, page, pair):
    asked = answer_questions(monkeypatch, yes=False)
    page.table.select(2)
    page.delete_button.click()
    assert "Presentar el plan a la junta" in asked[0]
    assert page.model.rowCount() == 3
    answer_questions(monkeypatch, yes=True)
    with qtbot.waitSignal(page.changed):
        page.delete_button.click()
    assert column(page.model, 0) == ["Plan de captación escrito", "Tres nuevos financiadores"]
    assert len(services.mentoring.goals(pair.relationship_id)) == 2


def test_without_a_pair_or_in_the_trash_goals_cannot_change(page):
    page.set_editable(False)
    assert not page.add_button.isEnabled() and not page.edit_button.isEnabled()
    assert not page.delete_button.isEnabled()
    page.set_relationship(None)
    page.set_editable(True)
    page.reload()
    assert page.model.rowCount() == 0 and not page.add_button.isEnabled()
    assert page.chart_title.text() == "Choose a goal to see its progress over time."
