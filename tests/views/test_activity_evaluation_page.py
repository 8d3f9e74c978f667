"""The Evaluation page: each person's scores, the averages, topics wanted next, and the
evaluation dialog saving through the service."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.views.activity_evaluation_page import ActivityEvaluationPage
from app.views.dialogs.evaluation_dialog import EvaluationDialog
from tests.views.activity_fixtures import build_activity


@pytest.fixture
def built(services):
    return build_activity(services)


@pytest.fixture
def page(qtbot, services, built) -> ActivityEvaluationPage:
    widget = ActivityEvaluationPage(services)
    qtbot.addWidget(widget)
    widget.show()
    activity = services.activities.get(built.activity_id)
    widget.set_activity(activity, services.registrations.list(built.activity_id))
    widget.reload()
    return widget


def row_of(page: ActivityEvaluationPage, name: str) -> int:
    return page.model.row_where(lambda r: r.full_name == name)


def test_each_registered_person_has_a_row_with_their_scores(page):
    names = [page.model.index(r, 0).data() for r in range(page.model.rowCount())]
    assert "Daniel Ortega" not in names  # waiting, no evaluation
    ana = row_of(page, "Ana Pérez")
    cells = [page.model.index(ana, c).data() for c in range(1, 5)]
    assert cells == ["5 of 5", "4 of 5", "Muy útil", "Captación de fondos"]


def test_an_evaluation_saved_in_the_dialog_changes_the_averages(
    qtbot, monkeypatch, services, built, page
):
    assert page.satisfaction.text() == "Satisfaction: 4.5 of 5 from 2 answers"

    def fake_exec(dialog: EvaluationDialog) -> int:
        dialog.widget("satisfaction").setValue(1)
        dialog.widget("usefulness").setValue(2)
        dialog.widget("wanted_topics").setPlainText("Igualdad de género\nVoluntariado joven")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(EvaluationDialog, "exec", fake_exec)
    page.table.select(row_of(page, "Carlos Gil"))
    page.table.setFocus()
    with qtbot.waitSignal(page.changed):
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert page.satisfaction.text() == "Satisfaction: 3.3 of 5 from 3 answers"
    assert page.usefulness.text() == "Usefulness: 3 of 5 from 2 answers"
    topics = page.topics.toPlainText().splitlines()
    assert topics == ["• Captación de fondos", "• Igualdad de género", "• Voluntariado joven"]
    saved = next(
        r for r in services.registrations.list(built.activity_id) if r.full_name == "Carlos Gil"
    )
    assert (saved.satisfaction, saved.usefulness) == (1, 2)
    assert page.table.current().full_name == "Carlos Gil"


def test_scores_can_be_emptied_again(qtbot, services, built, page):
    ana = page.model.row_at(row_of(page, "Ana Pérez"))
    dialog = EvaluationDialog(services, ana, page)
    qtbot.addWidget(dialog)
    assert dialog.widget("satisfaction").value() == 5
    dialog.widget("satisfaction").setValue(0)
    assert dialog.widget("satisfaction").text() == "Not given"
    dialog.accept()
    saved = next(r for r in services.registrations.list(built.activity_id) if r.id == ana.id)
    assert saved.satisfaction is None and saved.usefulness == 4


def test_without_evaluations_the_page_says_so(qtbot, services):
    from app.services.activities import ActivityData

    activity = services.activities.save(ActivityData(title="Foro"))
    page = ActivityEvaluationPage(services)
    qtbot.addWidget(page)
    page.set_activity(activity, [])
    page.reload()
    assert page.satisfaction.text() == "Satisfaction: no scores yet"
    assert page.topics.toPlainText() == "No one has asked for a topic yet."
    assert not page.edit_button.isEnabled()


def test_the_model_passes_the_model_tester(qtmodeltester, page):
    qtmodeltester.check(page.model)
