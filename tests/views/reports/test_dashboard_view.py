"""The Dashboard page over real services: the figures of the period chosen, five charts that
draw them (bars, lines, labelled categories), the figures on hover and for screen readers, a
time axis that stays readable when the chart is narrow, and the charts saved as a picture."""

from __future__ import annotations

from datetime import date, time

import pytest
from PySide6.QtCharts import QBarSeries, QHorizontalBarSeries, QLineSeries
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QToolTip

from app.i18n import set_language
from app.services.activities import ActivityData, SessionData
from app.services.registry import Services
from app.views.reports import dashboard_view
from app.views.reports.dashboard_axis import ChartView, Drawn
from app.views.reports.dashboard_charts import Measure, time_chart
from app.views.reports.dashboard_view import DashboardView
from tests.services.dashboard_world import build_programme

TODAY = date(2025, 11, 20)  # the dashboard opens on this day's year: 2025


def wait_drawn(qtbot, view: DashboardView) -> None:
    qtbot.waitUntil(lambda: view.job is None and view.series is not None, timeout=20000)


@pytest.fixture
def view(qtbot, services: Services) -> DashboardView:
    build_programme(services)
    widget = DashboardView(services, today=TODAY)
    qtbot.addWidget(widget)
    wait_drawn(qtbot, widget)
    return widget


def _bars(view: DashboardView, key: str) -> list[float]:
    chart = view.charts[key].chart()
    series = next(s for s in chart.series() if isinstance(s, QBarSeries | QHorizontalBarSeries))
    bar_set = series.barSets()[0]
    return [bar_set.at(i) for i in range(bar_set.count())]


def _line(view: DashboardView, key: str) -> list[float]:
    series = next(s for s in view.charts[key].chart().series() if isinstance(s, QLineSeries))
    return [point.y() for point in series.points()]


def test_the_year_opens_with_its_figures_and_charts(view: DashboardView):
    assert view.series is not None and view.series.period.label() == "2025"
    headline = view.headline.text()
    assert "people attended (each once)" in headline and ">4<" in headline
    # People by month (Jan 2, Mar 3, Jun 2) as bars, sessions (1, 3, 1) as a line.
    assert _bars(view, "participation")[:6] == [2, 0, 3, 0, 0, 2]
    assert _line(view, "participation")[:6] == [1, 0, 3, 0, 0, 1]
    assert _bars(view, "hours")[:3] == [4.0, 0, 12.5]  # person-hours
    assert _line(view, "hours")[:3] == [2.0, 0, 8.0]  # hours delivered
    assert view.charts["participation"].chart().title() == (
        "People who attended and sessions held, by month"
    )
    assert not view.empty.isVisible()
    assert view.save_button.isEnabled()


def test_categories_are_named_with_their_counts_largest_area_first(view: DashboardView):
    gender = view.charts["gender"]
    # Horizontal bars are drawn from the bottom: the axis lists them bottom up.
    assert gender.axis_labels() == [
        "Not stated (25 %)",
        "Non-binary (25 %)",
        "Men (25 %)",
        "Women (25 %)",
    ]
    areas = view.charts["areas"]
    assert list(reversed(areas.axis_labels())) == ["Health", "Housing", "No area of action"]
    assert list(reversed(_bars(view, "areas"))) == [3, 2, 2]


def test_figures_show_on_hover_and_in_words(view: DashboardView):
    chart = view.charts["participation"].chart()
    bars = next(s for s in chart.series() if isinstance(s, QBarSeries)).barSets()[0]
    bars.hovered.emit(True, 2)
    assert "March 2025" in QToolTip.text()
    assert "People who attended: 3" in QToolTip.text()
    bars.hovered.emit(False, 2)
    description = view.charts["participation"].accessibleDescription()
    assert "March 2025, People who attended: 3, Sessions held: 3." in description
    assert view.charts["areas"].accessibleName() == "Participants by area of action"
    assert "Health: 3 people." in view.charts["areas"].accessibleDescription()


def test_the_arrow_keys_step_through_the_figures(qtbot, view: DashboardView):
    chart = view.charts["participation"]
    for key in (Qt.Key.Key_Right, Qt.Key.Key_Right, Qt.Key.Key_Right):
        qtbot.keyClick(chart, key)
    assert chart.current == 2
    assert "March 2025" in QToolTip.text() and "Sessions held: 3" in QToolTip.text()
    qtbot.keyClick(chart, Qt.Key.Key_End)
    assert "December 2025" in QToolTip.text()
    areas = view.charts["areas"]
    qtbot.keyClick(areas, Qt.Key.Key_Home)  # the largest, at the top
    assert QToolTip.text().endswith("Health: 3 people</p>")


def test_a_new_period_is_read_and_drawn(qtbot, view: DashboardView):
    view.picker.choose_quarter(2025, 1)
    qtbot.waitUntil(lambda: view.series is not None and view.series.period.label() == "Q1 2025")
    wait_drawn(qtbot, view)
    assert _bars(view, "participation") == [2, 0, 3]
    assert view.charts["participation"].axis_labels() == ["Jan", "Feb", "Mar"]
    view.picker.choose_year(2031)
    qtbot.waitUntil(lambda: view.series is not None and view.series.period.label() == "2031")
    wait_drawn(qtbot, view)
    assert not view.empty.isHidden()
    assert "No one attended in this period" in view.charts["gender"].chart().title()


def test_a_change_of_language_redraws_the_charts_in_it(qtbot, view: DashboardView):
    set_language("es")
    QApplication.sendEvent(view, QEvent(QEvent.Type.LanguageChange))
    wait_drawn(qtbot, view)
    qtbot.waitUntil(lambda: view.charts["participation"].axis_labels()[0] == "ene")
    assert view.series is not None
    assert view.series.participation_by_month[2].label == "marzo de 2025"


def test_area_names_are_shown_as_written(qtbot, services: Services):
    """Names with signs that mean something in HTML are shown whole, not taken as markup."""
    build_programme(services)
    name = "Niñez & <juventud>"
    saved = services.activities.save(
        ActivityData(
            title="Taller",
            areas=(name,),
            sessions=(SessionData(date(2025, 5, 5), time(10), time(11)),),
        )
    )
    person = services.people.list(query="Ana")[0]
    services.attendance.mark(saved.sessions[0].id or "", person.id, "present")
    widget = DashboardView(services, today=TODAY)
    qtbot.addWidget(widget)
    wait_drawn(qtbot, widget)
    assert name in widget.charts["areas"].axis_labels()


def _months_chart(width: int) -> ChartView:
    months = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
    initials = tuple(m[0] for m in months)
    values = tuple(float(i) for i in range(12))
    drawn: Drawn = time_chart(
        "Twelve months",
        (months, initials),
        Measure("People", values),
        Measure("Sessions", values),
        lambda index: months[index],
    )
    chart_view = ChartView()
    chart_view.show_chart(drawn)
    chart_view.resize(width, 300)
    return chart_view


def test_a_narrow_chart_names_the_months_by_their_initials(qtbot):
    wide, narrow = _months_chart(1000), _months_chart(320)
    for chart_view in (wide, narrow):
        qtbot.addWidget(chart_view)
        chart_view.show()
        qtbot.waitExposed(chart_view)
    qtbot.waitUntil(lambda: narrow.axis_labels()[0] == "J")
    assert wide.axis_labels()[:2] == ["Jan", "Feb"]
    # Twelve steps still, though January, June and July share their initial.
    assert narrow.axis_labels() == ["J", "F", "M", "A", "M", "J", "J", "A", "S", "O", "N", "D"]
    assert narrow.category_axis().count() == 12


def test_the_charts_fit_a_small_window_without_scrolling(qtbot, view: DashboardView):
    view.resize(1080, 590)  # the page in a 1100 x 700 window, under the tabs
    view.show()
    qtbot.waitExposed(view)
    scroll = view.board.parentWidget().parentWidget()
    qtbot.waitUntil(lambda: view.board.height() <= scroll.height())
    assert all(chart.height() >= 220 for chart in view.charts.values())


def test_the_charts_are_saved_as_a_picture(qtbot, view: DashboardView, tmp_path, monkeypatch):
    target = tmp_path / "dashboard.png"
    shown: list[str] = []
    monkeypatch.setattr(dashboard_view, "ask_save_path", lambda *args: target)
    monkeypatch.setattr(dashboard_view, "show_saved", lambda *args: shown.append(str(args[-1])))
    view.resize(1100, 700)
    view.show()
    qtbot.waitExposed(view)
    view.save_picture()
    picture = QImage(str(target))
    assert not picture.isNull()
    assert picture.width() >= view.board.width() and picture.height() >= view.board.height()
    assert shown == [str(target)]
