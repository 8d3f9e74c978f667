"""The Report page over real services: the figures of the period chosen as the report says
them, small counts hidden on demand (and remembered), Enter or a double-click opening the
records behind a figure, and the report saved as a workbook and as a PDF."""

from __future__ import annotations

import gettext
import re
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QMessageBox

import app.i18n
from app.errors import DatabaseError
from app.services.reports.period import Period
from app.services.reports.values import figure_keys
from app.views.reports import report_exports
from app.views.reports.report_tree_model import FIGURE, NAME, PATH_ROLE, ReportTreeModel
from app.views.reports.report_view import THRESHOLD_KEY, ReportView
from tests.views.activity_fixtures import build_activity

TODAY = date.today()
PERIOD = Period(TODAY - timedelta(days=30), TODAY)


@pytest.fixture(autouse=True)
def fresh_settings(tmp_path):
    """The threshold chosen lives in a settings file of this test only."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "ini"))
    QSettings().clear()


@pytest.fixture
def built(services):
    """A capsule of three two-hour sessions in the last month (and one to come): Ana and
    Fernanda attended all three, Beatriz two, Carlos none."""
    return build_activity(services, TODAY)


def wait_for(qtbot, view: ReportView, period: Period, below: int = 0) -> None:
    def ready() -> bool:
        data = view.data or {}
        return (
            view.build_job is None
            and view.report is not None
            and view.report.period == period
            and (data.get("suppressed_below") or 0) == below
        )

    qtbot.waitUntil(ready, timeout=20000)


@pytest.fixture
def view(qtbot, services, built) -> ReportView:
    widget = ReportView(services)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    widget.picker.choose_dates(PERIOD.start, PERIOD.end)
    wait_for(qtbot, widget, PERIOD)
    return widget


def shown(model: ReportTreeModel, parent=None) -> dict[str, str]:
    """Every figure shown, by key path: its text in the Figure column."""
    from PySide6.QtCore import QModelIndex

    parent = parent or QModelIndex()
    figures: dict[str, str] = {}
    for row in range(model.rowCount(parent)):
        name = model.index(row, NAME, parent)
        path = name.data(PATH_ROLE)
        if path is not None:
            figures[path] = model.index(row, FIGURE, parent).data()
        figures.update(shown(model, name))
    return figures


def test_the_figures_of_the_period_are_shown(view):
    figures = shown(view.model)
    assert figures["sessions"] == "3"  # three sessions in the month, the fourth is to come
    assert figures["hours.delivered"] == "6"
    assert figures["participants.total"] == "3"  # Ana, Beatriz and Fernanda, each once
    assert view.heading.text() == f"Report for {PERIOD.label()}"
    assert view.xlsx_button.isEnabled() and view.pdf_button.isEnabled()


def test_every_figure_of_the_report_is_shown_as_the_report_says_it(view, services):
    figures = shown(view.model)
    report = services.reports.build(PERIOD)
    assert set(figures) == set(figure_keys(report))
    data = services.reports.json(PERIOD)
    for key, text in figures.items():
        value = data
        for part in key.split("."):
            value = value[part]
        assert text == app.i18n.format_number(round(value, 1)), key


def test_a_year_and_a_quarter_can_be_chosen(qtbot, view):
    view.picker.choose_year(2024)
    assert view.picker.period() == Period.year(2024)
    assert view.picker.year.isVisible() and not view.picker.quarter.isVisible()
    assert not view.picker.start.isVisible()
    view.picker.choose_quarter(2024, 2)
    assert view.picker.period() == Period.quarter(2024, 2)
    assert view.picker.quarter.isVisible()
    wait_for(qtbot, view, Period.quarter(2024, 2))
    assert view.heading.text() == "Report for Q2 2024"
    assert shown(view.model)["participants.total"] == "0"  # nobody came in 2024


def test_the_last_day_never_comes_before_the_first(view):
    view.picker.choose_dates(TODAY, TODAY - timedelta(days=3))
    assert view.picker.period() == Period(TODAY, TODAY)


def test_small_counts_are_hidden_and_the_threshold_is_remembered(qtbot, view, services):
    view.threshold.setValue(5)
    wait_for(qtbot, view, PERIOD, below=5)
    figures = shown(view.model)
    assert figures["participants.total"] == "hidden (fewer than 5)"
    assert figures["hours.delivered"] == "6"  # hours are never hidden
    index = view.model.index_of("participants.total").siblingAtColumn(FIGURE)
    assert index.data(Qt.ItemDataRole.FontRole).italic()
    assert "under 5 are hidden" in view.note.text()
    assert QSettings().value(THRESHOLD_KEY) in (5, "5")
    again = ReportView(services)
    qtbot.addWidget(again)
    assert again.threshold.value() == 5


def test_the_selected_figure_is_explained_beside(view):
    view.select_figure("participants.total")
    assert view.panel.name.text() == "Participants › Total (each person once)"
    assert view.panel.value.text() == "3"
    assert "Each person counts once" in view.panel.definition.text()
    assert view.panel.records_button.isEnabled()
    view.select_figure("participants.by_age_band")
    assert not view.panel.records_button.isEnabled()  # a group of figures has no records


def test_enter_on_a_figure_lists_the_records_behind_it(qtbot, view):
    view.tree.setFocus()
    view.select_figure("participants.total")
    qtbot.keyClick(view.tree, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.records_dialog is not None, timeout=20000)
    dialog = view.records_dialog
    names = sorted(dialog.model.index(row, 0).data() for row in range(dialog.model.rowCount()))
    assert names == ["Ana Pérez", "Beatriz Núñez", "Fernanda Díaz"]
    assert dialog.explanation.text().startswith("3 records.")
    assert "Do not publish" not in dialog.explanation.text()
    assert dialog.isVisible()


def double_click(qtbot, view: ReportView, path: str) -> None:
    index = view.model.index_of(path)
    view.tree.scrollTo(index)
    centre = view.tree.visualRect(index).center()
    qtbot.mouseClick(view.tree.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(view.tree.viewport(), Qt.MouseButton.LeftButton, pos=centre)


def test_a_double_click_opens_a_figure_and_folds_a_group(qtbot, view):
    double_click(qtbot, view, "participants.by_gender")
    assert not view.tree.isExpanded(view.model.index_of("participants.by_gender"))
    assert view.records_job is None
    double_click(qtbot, view, "sessions")
    qtbot.waitUntil(lambda: view.records_dialog is not None, timeout=20000)
    assert view.records_dialog.model.rowCount() == 3  # the three sessions held


def test_the_records_of_a_hidden_figure_say_they_are_not_for_publishing(qtbot, view):
    view.threshold.setValue(5)
    wait_for(qtbot, view, PERIOD, below=5)
    view.open_records("participants.total")
    qtbot.waitUntil(lambda: view.records_dialog is not None, timeout=20000)
    text = view.records_dialog.explanation.text()
    assert "hidden (fewer than 5)" in text and "Do not publish it." in text


def test_the_report_is_saved_as_a_workbook(qtbot, view, tmp_path, monkeypatch):
    target = tmp_path / "informe"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    told: list[tuple[str, object]] = []
    monkeypatch.setattr(
        report_exports, "show_saved", lambda _p, _t, text, path: told.append((text, path))
    )
    view.xlsx_button.click()
    qtbot.waitUntil(lambda: bool(told), timeout=20000)
    written = tmp_path / "informe.xlsx"
    assert told[0][1] == written
    assert f"The report of {PERIOD.label()}" in told[0][0]
    workbook = load_workbook(written)
    assert len(workbook.sheetnames) > 1  # one sheet per table


def test_the_report_is_saved_as_a_pdf_in_the_language_chosen(qtbot, view, tmp_path, monkeypatch):
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a: ("English", True))
    target = tmp_path / "report.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    told: list[tuple[str, object]] = []
    monkeypatch.setattr(
        report_exports, "show_pdf_saved", lambda _p, _t, text, path: told.append((text, path))
    )
    view.pdf_button.click()
    qtbot.waitUntil(lambda: bool(told), timeout=30000)
    assert told[0][1] == target
    text = "".join(page.extract_text() for page in PdfReader(target).pages)
    assert "Participants" in text


def test_no_file_chosen_saves_nothing(view, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    view.xlsx_button.click()
    assert view.export_job is None


def test_a_report_that_cannot_be_prepared_is_said_plainly(qtbot, view, services, monkeypatch):
    def broken(*_args, **_kwargs):
        raise DatabaseError("The database could not be read.")

    told: list[str] = []
    monkeypatch.setattr(services.reports, "build", broken)
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: told.append(text))
    view.refresh()
    qtbot.waitUntil(lambda: bool(told), timeout=20000)
    assert told == ["The database could not be read."]
    assert view.build_job is None
    assert view.report.period == PERIOD  # the figures shown before stay


def test_the_tree_passes_the_model_tester(qtmodeltester, view):
    qtmodeltester.check(view.model)
    view.model.set_report(None)
    qtmodeltester.check(view.model)


def test_the_page_speaks_the_new_language(view, monkeypatch):
    class Shouting(gettext.NullTranslations):
        def gettext(self, message: str) -> str:  # upper case outside the {placeholders}
            return re.sub(r"[^{}]+(?=\{|$)", lambda m: m.group().upper(), message)

        def ngettext(self, singular: str, plural: str, n: int) -> str:
            return self.gettext(singular if n == 1 else plural)

    view.select_figure("sessions")
    monkeypatch.setattr(app.i18n, "_current", Shouting())
    QApplication.sendEvent(view, QEvent(QEvent.Type.LanguageChange))
    assert view.model.headerData(NAME, Qt.Orientation.Horizontal) == "INDICATOR"
    assert view.model.index_of("sessions").data() == "SESSIONS DELIVERED"
    assert view.xlsx_button.text() == "EXPORT &XLSX…"
    assert view.tree.isExpanded(view.model.index_of("participants"))
