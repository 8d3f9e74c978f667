"""The Sessions page of a mentoring pair: the log newest first, the lock by sessions with
confidential notes (whose words never reach the table), and logging, changing and deleting
sessions through the form, where the confidential notes are marked as never printed."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QDialogButtonBox

from app.i18n import format_date
from app.views.mentoring.session_log_dialog import SessionLogDialog
from app.views.mentoring.session_log_page import SessionLogPage
from tests.views.mentoring.panel_fixtures import SECRET, answer_questions, build_pair, drive

ROLES = (
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.AccessibleTextRole,
    Qt.ItemDataRole.UserRole,
)


@pytest.fixture
def pair(services):
    return build_pair(services)


@pytest.fixture
def page(qtbot, services, pair) -> SessionLogPage:
    widget = SessionLogPage(services)
    qtbot.addWidget(widget)
    widget.resize(760, 600)
    widget.set_relationship(pair.relationship_id)
    widget.reload()
    widget.show()
    return widget


def column(model, number: int) -> list[str]:
    return [model.index(row, number).data() for row in range(model.rowCount())]


def locked_rows(model) -> list[int]:
    return [
        row
        for row in range(model.rowCount())
        if isinstance(model.index(row, 0).data(Qt.ItemDataRole.DecorationRole), QIcon)
    ]


def test_the_log_is_newest_first_with_a_lock_on_confidential_sessions(page, pair):
    model = page.model
    assert column(model, 3) == [
        "Revisión del plan",
        "Presentación a la junta",
        "Convocatorias públicas",
        "Plan de captación",
    ]
    assert column(model, 1) == ["45 min", "1 h", "1 h", "1 h 30 min"]
    assert column(model, 2) == ["Video call", "Phone", "Video call", "In person"]
    assert column(model, 4) == ["4"] * 4 and column(model, 5) == ["5", "5", "", ""]
    tip = model.headerData(5, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert tip == "The mentee's rating of the session, from 1 to 5"
    assert locked_rows(model) == [2]
    said = model.index(2, 0).data(Qt.ItemDataRole.AccessibleTextRole)
    assert said.endswith("with confidential notes")
    assert "never printed or exported" in model.index(2, 3).data(Qt.ItemDataRole.ToolTipRole)
    assert page.summary.text() == (
        "4 sessions, 4 h 15 min in all · last on "
        f"{format_date(pair.today - timedelta(days=10))} · 1 with confidential notes"
    )


def test_the_confidential_words_never_reach_the_table_or_the_details(page):
    model = page.model
    for row in range(model.rowCount()):
        page.table.select(row)
        assert SECRET not in page.details.toPlainText()
        for number in range(model.columnCount()):
            for role in ROLES:
                assert SECRET not in str(model.index(row, number).data(role))
    page.table.select(2)
    assert "Convocatorias públicas" in page.details.toPlainText()
    assert "confidential notes" in page.details.toPlainText()


def test_the_model_passes_the_model_tester(qtmodeltester, page):
    page.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    assert column(page.model, 1)[0] == "45 min"
    qtmodeltester.check(page.model)


def test_opening_a_session_shows_its_confidential_notes_marked(qtbot, monkeypatch, page):
    seen = drive(monkeypatch, SessionLogDialog, lambda d: None, save=False)
    page.table.select(2)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    dialog = seen[0]
    assert dialog.widget("confidential_notes").toPlainText() == SECRET
    assert dialog.confidential_warning.text() == "Confidential: never printed or exported."
    assert dialog.widget("confidential_notes").accessibleDescription() == (
        "Confidential: never printed or exported."
    )
    assert dialog.widget("mode").currentData() == "video"
    assert dialog.widget("mentee_rating").text() == "Not given"


def test_a_new_session_starts_today_like_the_last_one(qtbot, monkeypatch, services, page, pair):
    def fill(dialog: SessionLogDialog) -> None:
        assert dialog.windowTitle() == "New session"
        assert dialog.widget("date").date().toPython() == date.today()
        assert dialog.widget("minutes").value() == 45  # as the newest session
        assert dialog.widget("mode").currentData() == "video"
        dialog.widget("topics").setPlainText("Memoria anual")
        dialog.widget("mentor_rating").setValue(5)

    drive(monkeypatch, SessionLogDialog, fill)
    with qtbot.waitSignal(page.changed):
        qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == 5
    assert page.table.current().topics == "Memoria anual"
    assert locked_rows(page.model) == [3]
    assert services.mentoring.get(pair.relationship_id).last_session_on == date.today()


def test_writing_confidential_notes_puts_the_lock_on_the_session(qtbot, monkeypatch, page):
    drive(
        monkeypatch,
        SessionLogDialog,
        lambda d: d.widget("confidential_notes").setPlainText("Duda personal"),
    )
    page.table.select(0)
    with qtbot.waitSignal(page.changed):
        page.edit_button.click()
    assert locked_rows(page.model) == [0, 2]
    assert page.table.current_row() == 0
    assert "2 with confidential notes" in page.summary.text()


def test_a_date_far_ahead_is_refused_and_the_form_stays_open(qtbot, services, pair):
    data = services.mentoring.get_session(pair.session_ids[0])
    dialog = SessionLogDialog(services, data)
    qtbot.addWidget(dialog)
    dialog.widget("date").setDate(QDate.currentDate().addYears(3))
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert "looks wrong" in dialog.fields.error_text("date")  # said under the date
    assert services.mentoring.get_session(pair.session_ids[0]).date == data.date


def test_deleting_a_session_asks_first(qtbot, monkeypatch, services, page, pair):
    asked = answer_questions(monkeypatch, yes=True)
    page.table.select(0)
    page.table.setFocus()
    with qtbot.waitSignal(page.changed):
        qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert format_date(pair.today - timedelta(days=10)) in asked[0]
    assert page.model.rowCount() == 3
    assert services.mentoring.get(pair.relationship_id).last_session_on == (
        pair.today - timedelta(days=40)
    )


def test_a_session_of_a_pair_in_the_trash_can_be_read_not_changed(qtbot, monkeypatch, page):
    seen = drive(monkeypatch, SessionLogDialog, lambda d: None, save=False)
    page.set_editable(False)
    assert not page.add_button.isEnabled() and not page.delete_button.isEnabled()
    page.table.select(2)
    page.edit_button.click()
    dialog = seen[0]
    assert dialog.read_only
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Save).isHidden()
    assert dialog.widget("confidential_notes").isReadOnly()
    assert not dialog.widget("date").isEnabled()
