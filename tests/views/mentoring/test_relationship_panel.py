"""The mentoring pair's panel over real services: the hint, the heading and overview, pages read
when shown, the signals the Mentoring tab listens to, a pair in the trash, and the agreement and
summary saved as PDFs (never with confidential notes)."""

from __future__ import annotations

import sys
import types
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog

from app.services.profile import ProfileData
from app.views.mentoring import relationship_documents
from app.views.mentoring.relationship_panel import GOALS, SESSIONS, RelationshipPanel
from app.views.mentoring.session_log_dialog import SessionLogDialog
from tests.views.mentoring.panel_fixtures import SECRET, build_pair, drive


@pytest.fixture(autouse=True)
def fresh_settings(tmp_path):
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "ini"))
    QSettings().clear()


@pytest.fixture
def pair(services):
    return build_pair(services)


@pytest.fixture
def panel(qtbot, services) -> RelationshipPanel:
    widget = RelationshipPanel(services)
    qtbot.addWidget(widget)
    widget.resize(800, 700)
    widget.show()
    return widget


@pytest.fixture
def said(monkeypatch) -> list[tuple[str, Path]]:
    told: list[tuple[str, Path]] = []
    monkeypatch.setattr(
        relationship_documents,
        "show_pdf_saved",
        lambda _p, _t, text, path: told.append((text, path)),
    )
    return told


def shown_facts(panel: RelationshipPanel) -> dict[str, str]:
    page = panel.overview
    return {key: label.text() for key, label in page.values.items() if not label.isHidden()}


def test_without_a_pair_a_hint_is_shown(panel):
    assert panel.stack.currentIndex() == 0
    assert "Choose a pair" in panel.empty.text()
    panel.show_relationship("no-such-id")  # gone since the list was read: the hint, no error
    assert panel.stack.currentIndex() == 0


def test_the_overview_says_who_what_when_and_how_far(panel, pair):
    panel.show_relationship(pair.relationship_id)
    assert panel.stack.currentIndex() == 1
    assert panel.title.text() == "Mentoring of Ana Pérez by Luis Gil"
    facts = shown_facts(panel)
    assert facts["mentor"] == "Luis Gil (Fundación Luz)"
    assert facts["mentee"] == "Ana Pérez (Asociación Río)"
    assert facts["areas"] == "Fundraising, Leadership"
    assert facts["frequency"] == "Monthly"
    assert facts["status"] == "Active"
    assert facts["dates"].startswith("From ") and "planned end" in facts["dates"]
    assert facts["sessions"].startswith("4 sessions, 4 h 15 min in all; last on ")
    assert facts["goals"] == "3 goals: 1 achieved, 1 overdue · average progress 53 %"
    assert facts["agreement_confidentiality"] == "Lo hablado queda entre las dos partes."
    assert "final_assessment" not in facts and "notes" not in facts  # empty or not closed
    tabs = [panel.pages.tabText(n) for n in range(panel.pages.count())]
    assert tabs == ["Over&view", "&Goals (3)", "Sess&ions (4)"]


def test_a_closed_pair_says_why_and_how_it_went(panel, services, pair):
    detail = services.mentoring.get(pair.relationship_id)
    closed = replace(
        detail.data,
        status="closed",
        closure_reason="goals_achieved",
        closed_on=pair.today,
        final_assessment="Muy útil para las dos organizaciones.",
    )
    services.mentoring.save(closed, today=pair.today)
    panel.show_relationship(pair.relationship_id)
    facts = shown_facts(panel)
    assert facts["status"] == "Closed: Goals achieved"
    assert "closed on" in facts["dates"]
    assert facts["final_assessment"] == "Muy útil para las dos organizaciones."


def test_pages_are_read_when_shown(panel, pair):
    panel.show_relationship(pair.relationship_id)
    assert panel.goals.model.rowCount() == 0 and panel.sessions.model.rowCount() == 0
    panel.pages.setCurrentIndex(GOALS)
    assert panel.goals.model.rowCount() == 3
    assert panel.goals.table.current_row() == 0  # a goal chosen, its chart drawn
    assert len(panel.goals.chart.points) == 2
    panel.pages.setCurrentIndex(SESSIONS)
    assert panel.sessions.model.rowCount() == 4


def test_the_edit_button_asks_for_the_pair_s_form(qtbot, panel, pair):
    panel.show_relationship(pair.relationship_id)
    with qtbot.waitSignal(panel.edit_requested) as signal:
        qtbot.mouseClick(panel.overview.edit_button, Qt.MouseButton.LeftButton)
    assert signal.args == [pair.relationship_id]


def test_logging_a_session_updates_the_totals_and_tells_the_tab(qtbot, monkeypatch, panel, pair):
    panel.show_relationship(pair.relationship_id)
    drive(monkeypatch, SessionLogDialog, lambda d: d.widget("minutes").setValue(60))
    with qtbot.waitSignal(panel.changed):
        qtbot.keyClick(
            panel,
            Qt.Key.Key_N,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
    assert panel.pages.currentIndex() == SESSIONS
    assert panel.sessions.model.rowCount() == 5
    assert panel.pages.tabText(SESSIONS) == "Sess&ions (5)"
    assert shown_facts(panel)["sessions"].startswith("5 sessions, 5 h 15 min in all; last on ")


def test_a_goal_change_reaches_the_overview(qtbot, monkeypatch, panel, services, pair):
    from app.views.mentoring.goal_dialog import GoalDialog

    panel.show_relationship(pair.relationship_id)
    panel.pages.setCurrentIndex(GOALS)
    panel.goals.table.select(2)
    drive(monkeypatch, GoalDialog, lambda d: d.progress.set_value(100))
    with qtbot.waitSignal(panel.changed):
        panel.goals.edit_button.click()
    assert shown_facts(panel)["goals"] == "3 goals: 2 achieved · average progress 87 %"


def test_a_pair_in_the_trash_is_shown_but_not_changed(panel, services, pair):
    services.mentoring.delete([pair.relationship_id])
    panel.show_relationship(pair.relationship_id)
    assert panel.title.text().endswith("(in the trash)")
    assert shown_facts(panel)["status"] == "Active (in the trash)"
    page = panel.overview
    for button in (page.edit_button, page.agreement_button, page.summary_button):
        assert not button.isEnabled()
    assert not panel.goals.add_button.isEnabled()
    assert not panel.sessions.add_button.isEnabled()


def fake_documents(monkeypatch) -> list[tuple[str, str, Path, str]]:
    """Stand-ins for the PDF writers, recording what they were asked."""
    calls: list[tuple[str, str, Path, str]] = []

    def writer(kind):  # type: ignore[no-untyped-def]
        def write(_db, relationship_id, path, language):  # type: ignore[no-untyped-def]
            calls.append((kind, relationship_id, path, language))
            return 2

        return write

    module = types.ModuleType("app.services.mentoring_documents")
    module.agreement_pdf = writer("agreement")
    module.summary_pdf = writer("summary")
    monkeypatch.setitem(sys.modules, "app.services.mentoring_documents", module)
    return calls


def test_the_agreement_is_saved_in_the_organisation_s_language_first(
    qtbot, monkeypatch, tmp_path, services, panel, pair, said
):
    services.profile.save(ProfileData(name="Red Tejido", default_language="en"))
    calls = fake_documents(monkeypatch)
    asked = []

    def choose(_parent, _title, _label, items, current, _editable):
        asked.append((list(items), current))
        return "Español", True

    monkeypatch.setattr(QInputDialog, "getItem", choose)
    offered = []

    def save_as(_parent, _caption, proposed, _filters):
        offered.append(proposed)
        return str(tmp_path / "acuerdo"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    panel.show_relationship(pair.relationship_id)
    panel.overview.agreement_button.click()
    qtbot.waitUntil(lambda: bool(said), timeout=20000)
    assert asked == [(["Español", "English"], 1)]  # the organisation's language offered first
    assert "Ana Pérez - Luis Gil" in offered[0]
    assert calls == [("agreement", pair.relationship_id, tmp_path / "acuerdo.pdf", "es")]
    assert said[0][1] == tmp_path / "acuerdo.pdf"
    assert "2 pages" in said[0][0] and "sign" in said[0][0]


def test_cancelling_the_language_saves_nothing(monkeypatch, panel, pair, said):
    calls = fake_documents(monkeypatch)
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a: ("", False))
    panel.show_relationship(pair.relationship_id)
    panel.overview.summary_button.click()
    assert calls == [] and said == []


def test_the_summary_pdf_has_the_log_but_never_the_confidential_notes(
    qtbot, monkeypatch, tmp_path, panel, pair, said
):
    pytest.importorskip("app.services.documents.mentoring_summary_pdf")
    from pypdf import PdfReader

    monkeypatch.setattr(QInputDialog, "getItem", lambda *a: ("English", True))
    target = tmp_path / "resumen.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    panel.show_relationship(pair.relationship_id)
    panel.overview.summary_button.click()
    qtbot.waitUntil(lambda: bool(said), timeout=30000)
    text = "".join(page.extract_text() for page in PdfReader(target).pages)
    assert "Ana Pérez" in text and "Convocatorias públicas" in text
    assert SECRET not in text
    assert SECRET.encode() not in target.read_bytes()


def test_a_language_change_says_everything_again(qtbot, panel, pair):
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    from app.i18n import set_language

    panel.show_relationship(pair.relationship_id)
    for index in (GOALS, SESSIONS):
        panel.pages.setCurrentIndex(index)
    set_language("es")
    for widget in (panel, panel.overview, panel.goals, panel.sessions):
        QApplication.sendEvent(widget, QEvent(QEvent.Type.LanguageChange))
    assert panel.pages.tabText(SESSIONS).endswith("(4)")
    assert shown_facts(panel)["areas"].startswith("Captación de fondos")
    header = panel.sessions.model.headerData(0, Qt.Orientation.Horizontal)
    assert header == "Fecha"
