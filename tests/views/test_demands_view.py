"""The Demands page over real services: the dialog, the topic counts, the filters, the trash,
"create an activity" and the topics attendees asked for."""

from __future__ import annotations

import gettext
import re
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QMessageBox

import app.i18n
from app.services.activities import ActivityData
from app.services.demands import DemandData
from app.services.organisations import OrganisationData
from app.services.people import PersonData
from app.views.demands_table_model import (
    AnsweringActivitiesModel,
    DemandFilters,
    DemandsTableModel,
    TopicsTableModel,
    WantedTopicsTableModel,
)
from app.views.demands_view import DemandsView
from app.views.dialogs.demand_dialog import DemandDialog


@pytest.fixture
def orgs(services) -> dict[str, str]:
    return {n: services.organisations.save(OrganisationData(name=n)).id for n in ("Alba", "Brisa")}


@pytest.fixture
def view(qtbot, services) -> DemandsView:
    widget = DemandsView(services)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    return widget


@pytest.fixture
def answer_yes(monkeypatch) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)


def topics(view: DemandsView) -> list[list[str]]:
    model = view.topics_model
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def listed_topics(view: DemandsView) -> list[str]:
    model = view.list.model
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def press_save(qtbot, dialog: DemandDialog) -> None:
    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_a_demand_made_in_the_dialog_counts_with_its_topic(
    qtbot, services, orgs, view, monkeypatch
) -> None:
    for name in ("Alba", "Brisa"):
        services.demands.save(DemandData(topic="Captación de fondos", organisation_id=orgs[name]))
    view.refresh()
    assert topics(view)[0][:3] == ["Captación de fondos", "2", "2"]

    def fill_and_save(dialog: DemandDialog) -> int:
        dialog.show()
        qtbot.keyClicks(dialog.widget("topic"), "CAPTACION de fondos")
        qtbot.keyClicks(dialog.picker.lineEdit(), "Cauce")  # a new organisation
        dialog.widget("source").choose("form")
        press_save(qtbot, dialog)
        return dialog.result()

    monkeypatch.setattr(DemandDialog, "exec", fill_and_save)
    view.activateWindow()
    qtbot.waitActive(view)
    view.list.table.setFocus()
    qtbot.keyClick(view.list.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)

    # Three organisations asked, spelt two ways: one topic, shown as most organisations wrote it.
    assert topics(view)[0][:5] == ["Captación de fondos", "3", "3", "0", "3"]
    assert view.topics_status.text() == "1 topic"
    assert view.list.status.text() == "3 demands"
    created = services.demands.get(view.list.current_id())
    assert (created.organisation_name, created.source) == ("Cauce", "form")


def test_problems_show_by_their_field_and_keep_the_dialog_open(qtbot, services) -> None:
    dialog = DemandDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.widget("declared_on").date().toPython() == date.today()
    press_save(qtbot, dialog)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.fields.error_text("topic") == "The topic cannot be empty."

    dialog.widget("topic").setText("Digital skills")
    assert dialog.fields.error_text("topic") == ""
    dialog.widget("declared_on").setDate(date.today() + timedelta(days=3))
    press_save(qtbot, dialog)
    assert "cannot be in the future" in dialog.fields.error_text("declared_on")
    assert services.demands.count() == 0

    dialog.widget("declared_on").setDate(date(1900, 1, 1))  # shown as "Not known"
    dialog.widget("area").setEditText("social INCLUSION")  # typed like a listed area
    press_save(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    saved = services.demands.get(dialog.saved_id)
    assert (saved.declared_on, saved.area, saved.organisation_id) == (
        None,
        "Social inclusion",
        None,
    )


def test_the_dialog_reads_a_demand_back(qtbot, services, orgs) -> None:
    saved = services.demands.save(
        DemandData(
            topic="Mentoring",
            area="Huertos urbanos",
            organisation_id=orgs["Brisa"],
            declared_on=date(2024, 3, 1),
            source="survey",
            description="For new boards",
        )
    )
    dialog = DemandDialog(services, services.demands.get(saved.id))
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Demand: Mentoring"
    assert dialog.demand_data() == DemandData(
        id=saved.id,
        topic="Mentoring",
        area="Huertos urbanos",
        organisation_id=orgs["Brisa"],
        organisation_name="Brisa",
        declared_on=date(2024, 3, 1),
        source="survey",
        description="For new boards",
    )


def test_create_an_activity_from_the_selected_demands(qtbot, services, orgs, view) -> None:
    ids = [
        services.demands.save(
            DemandData(topic="Fundraising", organisation_id=orgs[n], area="Culture")
        ).id
        for n in ("Alba", "Brisa")
    ]
    view.refresh()
    assert not view.list.create_button.isEnabled()
    view.list.table.selectAll()
    assert view.list.create_button.isEnabled()

    with qtbot.waitSignal(view.create_activity_requested) as signal:
        qtbot.mouseClick(view.list.create_button, Qt.MouseButton.LeftButton)

    prefill = signal.args[0]
    assert isinstance(prefill, ActivityData) and prefill.id is None
    assert (prefill.title, prefill.kind, prefill.areas) == ("Fundraising", "capsule", ("Culture",))
    assert "Alba" in prefill.description and "Brisa" in prefill.description
    assert set(prefill.demand_ids) == set(ids)


def test_answered_filter_and_the_activities_of_the_selected_demand(
    qtbot, services, orgs, view
) -> None:
    answered = services.demands.save(DemandData(topic="Fundraising", organisation_id=orgs["Alba"]))
    services.demands.save(DemandData(topic="Leadership", organisation_id=orgs["Brisa"]))
    activity = services.activities.save(ActivityData(title="Fund it", demand_ids=(answered.id,)))
    view.refresh()
    assert listed_topics(view) == ["Fundraising", "Leadership"]

    view.list.answered_filter.setCurrentIndex(view.list.answered_filter.findData("no"))
    assert listed_topics(view) == ["Leadership"]
    view.list.answered_filter.setCurrentIndex(view.list.answered_filter.findData("yes"))
    assert listed_topics(view) == ["Fundraising"]
    assert view.list.model.index(0, 5).data() == "1"

    view.list.table.selectRow(0)
    details = view.list.detail
    assert details.model.rowCount() == 1
    assert details.model.index(0, 0).data() == "Fund it"
    with qtbot.waitSignal(view.activity_requested) as signal:
        details.table.activated.emit(details.model.index(0, 0))
    assert signal.args == [activity.id]


def test_activating_a_topic_lists_its_demands(qtbot, services, orgs, view) -> None:
    services.demands.save(DemandData(topic="Fundraising", organisation_id=orgs["Alba"]))
    services.demands.save(DemandData(topic="Leadership", organisation_id=orgs["Brisa"]))
    view.refresh()
    row = [t[0] for t in topics(view)].index("Leadership")
    view.topics_table.activated.emit(view.topics_model.index(row, 0))
    qtbot.waitUntil(lambda: listed_topics(view) == ["Leadership"])
    assert view.list.search.text() == "Leadership"


def test_trash_and_restore(qtbot, services, orgs, view, answer_yes) -> None:
    services.demands.save(DemandData(topic="Fundraising", organisation_id=orgs["Alba"]))
    view.refresh()
    view.list.table.selectRow(0)
    qtbot.mouseClick(view.list.trash_button, Qt.MouseButton.LeftButton)
    assert view.list.status.text() == "0 demands"
    assert topics(view) == []

    view.list.trash_toggle.setChecked(True)
    assert view.list.status.text() == "1 demand in the trash"
    view.list.table.selectRow(0)
    qtbot.mouseClick(view.list.restore_button, Qt.MouseButton.LeftButton)
    view.list.trash_toggle.setChecked(False)
    assert listed_topics(view) == ["Fundraising"]
    assert topics(view)[0][0] == "Fundraising"


def test_a_topic_attendees_asked_for_is_recorded_as_a_demand(
    qtbot, services, orgs, view, monkeypatch
) -> None:
    activity = services.activities.save(ActivityData(title="Forum on inclusion"))
    person = services.people.save(PersonData(full_name="Ana Ruiz")).id
    row = services.registrations.register(activity.id, person, organisation_id=orgs["Alba"])
    services.registrations.save_evaluation(row.id, satisfaction=4, wanted_topics="Social media")
    view.refresh()
    assert view.wanted_model.rowCount() == 1
    assert view.wanted_status.text() == "1 topic not recorded yet"
    assert not view.record_button.isEnabled()
    view.wanted_table.selectRow(0)
    seen: list[DemandData] = []

    def accept_as_prefilled(dialog: DemandDialog) -> int:
        seen.append(dialog.demand_data())
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(DemandDialog, "exec", accept_as_prefilled)
    qtbot.mouseClick(view.record_button, Qt.MouseButton.LeftButton)

    assert (seen[0].topic, seen[0].source, seen[0].organisation_id) == (
        "Social media",
        "evaluation",
        orgs["Alba"],
    )
    assert "Forum on inclusion" in seen[0].description
    assert view.list.status.text() == "1 demand"
    assert view.wanted_model.index(0, 4).data() == "Yes"
    assert view.wanted_status.text() == "0 topics not recorded yet"


def test_models_pass_the_model_tester(qtmodeltester, services, orgs) -> None:
    for topic in ("Fundraising", "fundraising", "Leadership"):
        services.demands.save(DemandData(topic=topic, organisation_id=orgs["Alba"]))
    demands = DemandsTableModel(services.demands)
    qtmodeltester.check(demands)
    demands.set_filters(DemandFilters(answered=False))
    qtmodeltester.check(demands)
    topic_model = TopicsTableModel()
    topic_model.set_rows(services.demands.topics())
    qtmodeltester.check(topic_model)
    wanted = WantedTopicsTableModel()
    qtmodeltester.check(wanted)
    answering = AnsweringActivitiesModel()
    qtmodeltester.check(answering)


def test_texts_follow_a_language_change(qtbot, view, monkeypatch) -> None:
    def shout(message: str) -> str:  # upper case outside the {placeholders}
        return re.sub(r"[^{}]+(?=\{|$)", lambda m: m.group().upper(), message)

    class Shouting(gettext.NullTranslations):
        def gettext(self, message: str) -> str:
            return shout(message)

        def ngettext(self, singular: str, plural: str, n: int) -> str:
            return shout(singular if n == 1 else plural)

    monkeypatch.setattr(app.i18n, "_current", Shouting())
    QApplication.sendEvent(view, QEvent(QEvent.Type.LanguageChange))
    QApplication.sendEvent(view.list, QEvent(QEvent.Type.LanguageChange))
    assert view.topics_model.headerData(0, Qt.Orientation.Horizontal) == "TOPIC"
    assert view.list.create_button.text() == "CREATE AN ACTIVIT&Y…"
    assert view.list.answered_filter.itemText(1) == "NOT ANSWERED YET"
    assert view.topics_table.accessibleName() == "TOPICS ASKED FOR"
