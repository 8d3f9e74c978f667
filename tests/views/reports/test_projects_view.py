"""The Collaborative projects page over real services: a project made in the form (organisations
with roles, a new one added to the directory when agreed, how it came about), what the form
refuses, and the list searched, filtered by area, trashed and restored, with the details beside."""

from __future__ import annotations

from datetime import date, time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from app.services.activities import ActivityData, SessionData
from app.services.organisations import OrganisationData
from app.services.projects import ProjectData, ProjectMember
from app.views.reports.project_dialog import ProjectDialog
from app.views.reports.projects_view import ProjectsView
from tests.views.mentoring.relationship_fixtures import build_directory, build_pairs
from tests.views.reports.link_helpers import choose_in_search


@pytest.fixture
def directory(services):
    return build_directory(services)


@pytest.fixture
def forum(services) -> str:
    """A forum meeting held in March 2025 (and a capsule, which a forum origin never offers)."""
    session = SessionData(date(2025, 3, 12), time(10, 0), time(12, 0))
    services.activities.save(ActivityData(title="Cápsula de comunicación", kind="capsule"))
    data = ActivityData(title="Foro de entidades", kind="forum", sessions=(session,))
    return services.activities.save(data).id


def press_save(qtbot, dialog: ProjectDialog) -> None:
    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def add_member(dialog: ProjectDialog, typed: str, role: str) -> None:
    editor = dialog.widget("organisations")
    editor.picker.setEditText(typed)
    editor.role.choose(role)
    editor.add_button.click()


@pytest.fixture
def answer(monkeypatch) -> list:
    """Questions are answered with ``answer[0]`` (Yes unless a test says otherwise)."""
    answers = [QMessageBox.StandardButton.Yes]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: answers[0])
    return answers


def test_a_project_made_in_the_form_keeps_its_organisations_roles_and_origin(
    qtbot, services, directory, forum, answer
):
    dialog = ProjectDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.widget("title").setText("Formación compartida de voluntariado")
    dialog.widget("start_date").set_value(date(2025, 4, 1))
    add_member(dialog, "fundacion luz", "lead")  # found whatever the accents and case
    add_member(dialog, "Asociación Río", "partner")
    add_member(dialog, "Colectivo Nuevo", "supporter")  # not in the directory yet
    assert dialog.widget("organisations").table.item(2, 0).text() == (
        "Colectivo Nuevo (new organisation)"
    )
    activity, pair = dialog.widget("origin_activity_id"), dialog.widget("origin_relationship_id")
    assert not activity.isVisible() and not pair.isVisible()  # "another way": nothing to choose
    dialog.widget("origin").choose("forum")
    assert activity.isVisible() and not pair.isVisible()
    offered: list[list[str]] = []
    choose_in_search("foro", offered)
    assert activity.choose()
    assert offered == [["Foro de entidades (Mar 12, 2025)"]]  # forums only
    dialog.widget("outcome").setPlainText("Un curso común")
    press_save(qtbot, dialog)
    assert dialog.result() and dialog.saved_id
    saved = services.projects.get(dialog.saved_id)
    new_id = next(i for i, name in services.organisations.choices() if name == "Colectivo Nuevo")
    assert saved.organisations == (
        ProjectMember(directory.organisations["Fundación Luz"], "lead", "Fundación Luz"),
        ProjectMember(directory.organisations["Asociación Río"], "partner", "Asociación Río"),
        ProjectMember(new_id, "supporter", "Colectivo Nuevo"),
    )
    assert (saved.origin, saved.origin_activity_id) == ("forum", forum)
    assert (saved.start_date, saved.outcome) == (date(2025, 4, 1), "Un curso común")


def test_declining_a_new_organisation_saves_nothing_and_says_why(
    qtbot, services, directory, answer
):
    dialog = ProjectDialog(services)
    qtbot.addWidget(dialog)
    dialog.widget("title").setText("Red de huertos")
    add_member(dialog, "Huerto Vecinal", "lead")
    answer[0] = QMessageBox.StandardButton.No
    press_save(qtbot, dialog)
    assert "Choose organisations of the directory" in dialog.fields.error_text("organisations")
    assert services.projects.count() == 0
    assert "Huerto Vecinal" not in dict(services.organisations.choices()).values()


def test_the_form_names_what_is_missing_before_adding_anything(qtbot, services, directory, answer):
    dialog = ProjectDialog(services)
    qtbot.addWidget(dialog)
    add_member(dialog, "Huerto Vecinal", "lead")
    press_save(qtbot, dialog)
    assert dialog.fields.error_text("title")
    assert "Huerto Vecinal" not in dict(services.organisations.choices()).values()
    dialog.widget("title").setText("Red de huertos")
    dialog.widget("organisations").entries.clear()
    press_save(qtbot, dialog)
    assert "Add the organisations" in dialog.fields.error_text("organisations")
    dialog.widget("start_date").set_value(date(2025, 6, 1))
    dialog.widget("end_date").set_value(date(2025, 1, 1))
    add_member(dialog, "Cooperativa Sur", "lead")
    press_save(qtbot, dialog)
    assert "cannot end before it starts" in dialog.fields.error_text("end_date")
    assert services.projects.count() == 0


def test_a_project_through_mentoring_offers_the_pairs(qtbot, services, directory, answer):
    pairs = build_pairs(services, directory)
    dialog = ProjectDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.widget("origin").choose("mentoring")
    pair = dialog.widget("origin_relationship_id")
    assert pair.isVisible() and not dialog.widget("origin_activity_id").isVisible()
    offered: list[list[str]] = []
    choose_in_search("rio luz", offered)
    assert pair.choose()
    assert pair.value() == pairs["ana-bea"]
    assert pair.shown.text().startswith("Asociación Río — Fundación Luz")
    dialog.widget("origin").choose("other")  # another origin forgets the pair
    assert pair.value() is None


def project(services, directory, title: str, *names: str, **values) -> str:  # type: ignore[no-untyped-def]
    members = tuple(
        ProjectMember(directory.organisations[n], "lead" if i == 0 else "partner")
        for i, n in enumerate(names)
    )
    return services.projects.save(ProjectData(title=title, organisations=members, **values)).id


@pytest.fixture
def view(qtbot, services, directory) -> ProjectsView:
    project(
        services,
        directory,
        "Banco de alimentos",
        "Asociación Río",
        "Cooperativa Sur",
        start_date=date(2025, 2, 1),
        areas=("Employment",),
        outcome="Dos repartos al mes",
    )
    project(services, directory, "Escuela de voluntariado", "Fundación Luz", "Asociación Río")
    widget = ProjectsView(services)
    qtbot.addWidget(widget)
    widget.resize(1100, 600)
    widget.show()
    return widget


def titles(view: ProjectsView) -> list[str]:
    return [view.model.record(r).title for r in range(view.model.rowCount())]


def test_the_list_searches_organisations_filters_by_area_and_shows_the_details(
    qtbot, qtmodeltester, view
):
    qtmodeltester.check(view.model)
    assert titles(view) == ["Banco de alimentos", "Escuela de voluntariado"]
    first = [view.model.index(0, c).data() for c in range(view.model.columnCount())]
    assert first == [
        "Banco de alimentos",
        "Asociación Río, Cooperativa Sur",
        "From Feb 1, 2025",
        "Another way",
    ]
    qtbot.keyClicks(view.search, "luz")
    qtbot.waitUntil(lambda: titles(view) == ["Escuela de voluntariado"])
    view.search.clear()
    qtbot.waitUntil(lambda: view.model.total() == 2)
    assert [view.area_filter.itemText(i) for i in range(view.area_filter.count())] == [
        "All areas",
        "Employment",
    ]
    view.area_filter.setCurrentIndex(1)
    assert titles(view) == ["Banco de alimentos"] and view.status.text() == "1 project"
    view.table.selectRow(0)
    details = view.detail.text.text()
    assert "Asociación Río — Leads it" in details and "Cooperativa Sur — Partner" in details
    assert "How it came about: Another way" in details and "Dos repartos al mes" in details


def test_a_project_moved_to_the_trash_is_restored_from_it(qtbot, view, services, answer):
    changes: list[bool] = []
    view.changed.connect(lambda: changes.append(True))
    view.table.selectRow(0)
    view.trash_button.click()
    assert titles(view) == ["Escuela de voluntariado"] and changes == [True]
    view.trash_toggle.setChecked(True)
    assert titles(view) == ["Banco de alimentos"]
    assert view.status.text() == "1 project in the trash"
    view.table.selectRow(0)
    view.restore_button.click()
    view.trash_toggle.setChecked(False)
    assert titles(view) == ["Banco de alimentos", "Escuela de voluntariado"]


def test_editing_opens_the_project_as_saved(qtbot, view, services, monkeypatch):
    opened: list[ProjectDialog] = []

    def fake_exec(dialog: ProjectDialog) -> int:
        opened.append(dialog)
        dialog.widget("title").setText("Banco de alimentos solidario")
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(ProjectDialog, "exec", fake_exec)
    view.table.selectRow(0)
    view.edit_button.click()
    dialog = opened[0]
    assert dialog.windowTitle() == "Edit project"
    assert dialog.widget("organisations").table.item(0, 1).text() == "Leads it"
    assert dialog.widget("areas").areas() == ("Employment",)
    assert titles(view)[0] == "Banco de alimentos solidario"
    assert services.projects.count() == 2


def test_a_name_typed_in_part_is_not_taken_for_an_organisation_of_the_directory(
    qtbot, services, directory
):
    added = services.organisations.save(OrganisationData(name="Ateneo Popular")).id
    dialog = ProjectDialog(services)
    qtbot.addWidget(dialog)
    dialog.widget("title").setText("Ateneo abierto")
    add_member(dialog, "ateneo", "lead")  # typed in part: the completer's match is what counts
    assert dialog.widget("organisations").new_names() == ["ateneo"]
    dialog.widget("organisations").entries.clear()
    add_member(dialog, "Ateneo Popular", "lead")
    press_save(qtbot, dialog)
    assert services.projects.get(dialog.saved_id).organisations[0].organisation_id == added
