"""The main window: tabs that work, the language switch, export of all data, start-up."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.i18n import current_language
from app.services.demo import fill_demo
from app.settings import load_settings
from app.views.dialogs.backups_dialog import BackupsDialog
from app.views.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def window(qtbot, services):
    fill_demo(services.db, "small")
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    return window


def test_tabs_are_the_profile_the_directory_activities_mentoring_catalogue_and_reports(
    window,
) -> None:
    texts = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert texts == [
        "Our organisation",
        "Directory",
        "Activities",
        "Mentoring",
        "Catalogue",
        "Reports",
    ]
    assert window.directory_tab.people.model.total() == 400
    assert window.profile_tab.isEnabled()


def test_title_names_the_organisation(window) -> None:
    assert window.windowTitle().startswith("Red Tejido Asociativo")


def test_language_switch_is_live_and_remembered(window, qtbot, services) -> None:
    window.language_actions["es"].trigger()
    qtbot.waitUntil(lambda: window.tabs.tabText(1) != "Directory", timeout=3000)
    assert current_language() == "es"
    assert window.tabs.tabText(1) == "Directorio"
    assert load_settings(services.folder.root).language == "es"
    window.language_actions["en"].trigger()
    qtbot.waitUntil(lambda: window.tabs.tabText(1) == "Directory", timeout=3000)


def test_export_all_data_from_the_menu(window, qtbot, tmp_path, monkeypatch) -> None:
    target = tmp_path / "all.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: shown.append(a))
    window.export_all_action.trigger()
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    document = json.loads(target.read_text(encoding="utf-8"))
    assert len(document["people"]) == 400


def drop_event(path: Path, kind=QDropEvent):  # type: ignore[no-untyped-def]
    """A drop (or a drag entering) of the file at ``path`` on the window."""
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    arguments = (Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton)
    if kind is QDragEnterEvent:
        event = QDragEnterEvent(QPoint(10, 10), *arguments, Qt.KeyboardModifier.NoModifier)
    else:
        event = QDropEvent(QPointF(10, 10), *arguments, Qt.KeyboardModifier.NoModifier)
    event.kept_data = data  # the event does not own its data: keep it alive as long
    return event


def test_dropping_a_spreadsheet_opens_the_import(window, monkeypatch, tmp_path) -> None:
    opened = []
    monkeypatch.setattr(window, "_on_import_people", lambda path=None: opened.append(path))
    sheet = tmp_path / "gente.csv"
    sheet.write_text("Nombre;Correo\nAna;ana@example.org\n", encoding="utf-8")
    window.dropEvent(drop_event(sheet))
    assert opened == [sheet]


class Asked(list):
    """The questions asked, as ``(text, default button)``; each is answered with ``answer``."""

    answer = QMessageBox.StandardButton.Cancel


@pytest.fixture
def asked(monkeypatch) -> Asked:
    questions = Asked()

    def question(_parent, _title, text, _buttons, default):
        questions.append((text, default))
        return questions.answer

    monkeypatch.setattr(QMessageBox, "question", question)
    return questions


def edit_profile(window: MainWindow, field: str = "municipality", text: str = "Huesca") -> None:
    window.tabs.setCurrentWidget(window.directory_tab)
    window.profile_tab.fields[field].setText(text)
    assert window.profile_tab.has_unsaved_changes()


def test_closing_with_unsaved_profile_changes_can_be_cancelled(window, asked, services) -> None:
    closed = []
    window.closed.connect(lambda: closed.append(True))
    edit_profile(window)
    assert not window.close()
    assert window.isVisible() and not closed
    assert "not saved" in asked[0][0] and asked[0][1] == QMessageBox.StandardButton.Save
    assert window.tabs.currentWidget() is window.profile_tab  # shown where the changes are
    assert window.profile_tab.fields["municipality"].text() == "Huesca"  # still there
    window.profile_tab.refresh()  # nothing left to ask about when the test closes it


def test_closing_can_save_the_profile_changes(window, asked, services) -> None:
    edit_profile(window)
    asked.answer = QMessageBox.StandardButton.Save
    assert window.close()
    assert services.profile.get().municipality == "Huesca"


def test_closing_can_discard_the_profile_changes(window, asked, services) -> None:
    before = services.profile.get()
    edit_profile(window)
    asked.answer = QMessageBox.StandardButton.Discard
    assert window.close()
    assert services.profile.get() == before


def test_a_refused_save_keeps_the_window_open(window, asked, services) -> None:
    edit_profile(window, "name", "")
    asked.answer = QMessageBox.StandardButton.Save
    assert not window.close()
    assert window.isVisible()
    assert window.profile_tab.form.error_text("name")  # the problem is shown by its field
    assert services.profile.get().name == "Red Tejido Asociativo"
    window.profile_tab.refresh()


def test_closing_without_changes_asks_nothing(window, asked) -> None:
    assert window.close()
    assert asked == []


def test_switching_folders_asks_first_and_can_be_cancelled(qtbot, services, asked, tmp_path):
    fill_demo(services.db, "small")
    switched: list[Path] = []
    window = MainWindow(services, switch_folder=switched.append)
    qtbot.addWidget(window)
    edit_profile(window)
    window.switch_folder(tmp_path)
    assert switched == [] and len(asked) == 1
    asked.answer = QMessageBox.StandardButton.Save
    window.switch_folder(tmp_path)
    assert switched == [tmp_path]
    assert services.profile.get().municipality == "Huesca"


def test_switching_then_closing_asks_only_once(qtbot, services, asked, tmp_path):
    asked.answer = QMessageBox.StandardButton.Discard
    window = MainWindow(services, switch_folder=lambda _path: window.close())
    qtbot.addWidget(window)
    edit_profile(window)
    window.switch_folder(tmp_path)
    assert not window.isVisible() and len(asked) == 1


def test_the_backups_window_keeps_unsaved_profile_changes(window, monkeypatch) -> None:
    monkeypatch.setattr(BackupsDialog, "exec", lambda self: 0)  # closed without a restore
    edit_profile(window)
    window.backups_action.trigger()
    assert window.profile_tab.fields["municipality"].text() == "Huesca"
    assert window.profile_tab.has_unsaved_changes()
    window.profile_tab.refresh()


def test_a_restore_reads_the_profile_again(window, services, monkeypatch) -> None:
    def restore(self: BackupsDialog) -> int:
        from dataclasses import replace

        services.profile.save(replace(services.profile.get(), municipality="Teruel"))
        self.restored = object()  # what a restore made here leaves
        return 0

    monkeypatch.setattr(BackupsDialog, "exec", restore)
    edit_profile(window)
    window.backups_action.trigger()
    assert window.profile_tab.fields["municipality"].text() == "Teruel"
    assert not window.profile_tab.has_unsaved_changes()


def test_the_program_starts_and_quits_cleanly(tmp_path: Path) -> None:
    """The real program, as a process: demo data, the window, a clean exit, no traceback."""
    data_dir = tmp_path / "data"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TEJIDO_EXIT_AFTER_START="1")
    subprocess.run(
        [sys.executable, "-m", "app", "demo", "--data-dir", str(data_dir)],
        check=True,
        cwd=ROOT,
        env=env,
        capture_output=True,
    )
    result = subprocess.run(
        [sys.executable, "-m", "app", "--data-dir", str(data_dir)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert not (data_dir / "running.marker").exists()  # a clean exit was recorded


def test_the_activities_tab_is_built_when_first_shown(window, qtbot) -> None:
    assert window.activities_tab.views is None  # nothing read at start for it
    window.tabs.setCurrentWidget(window.activities_tab)
    qtbot.waitUntil(lambda: window.activities_tab.views is not None)
    tab = window.activities_tab
    assert [tab.views.tabText(i) for i in range(3)] == [
        "&Activities",
        "De&mands",
        "Attendance &history",
    ]
    assert tab.activity_list.model.total() > 0  # the example data has activities


# -- the catalogue and its bundles ------------------------------------------------------------


@pytest.fixture
def other_bundle(tmp_path: Path) -> Path:
    """A bundle of two published practices from another organisation's catalogue."""
    from app.services.catalogue_values import PracticeData
    from app.services.context import DataFolder
    from app.services.profile import ProfileData
    from app.services.registry import build_services

    (tmp_path / "origin").mkdir()
    origin = build_services(DataFolder(tmp_path / "origin"))
    origin.profile.save(ProfileData(name="Asociación Raíces"))
    for title in ("Huertos de los Raíces", "Banco de tiempo de los Raíces"):
        origin.catalogue.save(PracticeData(title=title, status="published", area="Health"))
    path = origin.bundles.export(tmp_path / "raices.tejido").path
    origin.db.dispose()
    return path


def test_dropping_a_bundle_opens_its_import(window, monkeypatch, tmp_path) -> None:
    opened = []
    monkeypatch.setattr(window, "import_bundle", lambda path=None: opened.append(path))
    for name in ("raices.tejido", "raices.ZIP"):
        bundle = tmp_path / name
        bundle.write_bytes(b"PK")
        entering = drop_event(bundle, QDragEnterEvent)
        window.dragEnterEvent(entering)
        assert entering.isAccepted()
        window.dropEvent(drop_event(bundle))
    assert opened == [tmp_path / "raices.tejido", tmp_path / "raices.ZIP"]


def test_an_imported_bundle_shows_in_the_catalogue(
    window, qtbot, monkeypatch, other_bundle
) -> None:
    from app.views.catalogue.bundle_import_dialog import DONE, PLAN, BundleImportDialog

    def import_all(dialog: BundleImportDialog) -> int:
        qtbot.waitUntil(lambda: dialog.pages.currentIndex() == PLAN and not dialog.busy)
        dialog.import_button.click()
        qtbot.waitUntil(lambda: dialog.pages.currentIndex() == DONE and not dialog.busy)
        dialog.close_button.click()
        return dialog.result()

    monkeypatch.setattr(BundleImportDialog, "exec", import_all)
    tab = window.catalogue_tab
    window.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.splitter is not None)
    before = tab.practices.model.total()
    window.tabs.setCurrentWidget(window.directory_tab)
    window.dropEvent(drop_event(other_bundle))
    assert window.tabs.currentWidget() is tab  # shown where the practices went
    assert tab.practices.model.total() == before + 2


def test_the_file_menu_imports_and_exports_bundles(window, qtbot, monkeypatch) -> None:
    from app.views.catalogue.bundle_export_dialog import BundleExportDialog
    from app.views.catalogue.bundle_import_dialog import BundleImportDialog

    opened: list[object] = []
    monkeypatch.setattr(BundleImportDialog, "exec", lambda d: opened.append(d.path) or 0)
    monkeypatch.setattr(BundleExportDialog, "exec", lambda d: opened.append(d.practice_ids) or 0)
    texts = [action.text() for action in window.file_menu.actions()]
    assert "Export a &catalogue bundle…" in texts and "Import a catalo&gue bundle…" in texts
    window.import_bundle_action.trigger()
    window.export_bundle_action.trigger()  # from another tab: no selection offered
    tab = window.catalogue_tab
    window.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.splitter is not None)
    first = tab.practices.model.index(0, 0)
    tab.practices.table.selectionModel().select(
        first,
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    window.export_bundle_action.trigger()
    assert opened[:2] == [None, []]
    assert opened[2] == tab.selected_practice_ids() and len(opened[2]) == 1


def test_refresh_all_reads_the_catalogue_again(window, qtbot, services) -> None:
    from app.services.catalogue_values import PracticeData

    tab = window.catalogue_tab
    window.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.splitter is not None)
    before = tab.practices.model.total()
    services.catalogue.save(PracticeData(title="Una práctica nueva"))
    window.refresh_all()
    assert tab.practices.model.total() == before + 1


# -- the reports tab ----------------------------------------------------------------------------


def test_the_reports_tab_is_built_when_first_shown(qtbot, services) -> None:
    from PySide6.QtCore import QSettings

    from app.views.reports.reports_tab import REPORT

    QSettings().setValue("window/tab", 1)  # opens on the directory (not where it was left)
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    tab = window.reports_tab
    assert tab.views is None  # nothing read (no report worked out) at start
    window.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.views is not None)
    assert list(tab.pages) == [REPORT]


def test_export_this_list_on_the_reports_tab_saves_the_projects(
    window, qtbot, monkeypatch, tmp_path
) -> None:
    from openpyxl import load_workbook

    from app.views.reports.reports_tab import PROJECTS

    window.tabs.setCurrentWidget(window.reports_tab)
    window.reports_tab.show_page(PROJECTS)
    target = tmp_path / "proyectos.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    window.export_list_action.trigger()
    qtbot.waitUntil(lambda: bool(told), timeout=10000)
    rows = list(load_workbook(target).active.iter_rows(values_only=True))
    assert rows[0][:2] == ("Title", "Organisations")
    assert len(rows) - 1 == window.services.projects.count() > 0
    window.tabs.setCurrentWidget(window.directory_tab)  # where the next window opens


def test_a_project_adding_an_organisation_shows_it_in_the_directory(
    window, qtbot, monkeypatch
) -> None:
    from app.views.reports.project_dialog import ProjectDialog
    from app.views.reports.reports_tab import PROJECTS

    def fill_and_save(dialog: ProjectDialog) -> int:
        dialog.widget("title").setText("Red de huertos urbanos")
        editor = dialog.widget("organisations")
        editor.picker.setEditText("Huerto Vecinal del Arrabal")
        editor.add_button.click()
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(ProjectDialog, "exec", fill_and_save)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    organisations = window.directory_tab.organisations
    before = organisations.model.total()
    window.tabs.setCurrentWidget(window.reports_tab)
    projects = window.reports_tab.show_page(PROJECTS)
    projects.new_button.click()
    assert projects.model.record_of(projects.current_id()).title == "Red de huertos urbanos"
    assert organisations.model.total() == before + 1  # the directory read it again
    window.tabs.setCurrentWidget(window.directory_tab)  # where the next window opens


def test_refresh_all_reads_the_reports_tab_again(window, qtbot, services) -> None:
    from app.services.projects import ProjectData, ProjectMember
    from app.views.reports.reports_tab import PROJECTS

    window.tabs.setCurrentWidget(window.reports_tab)
    projects = window.reports_tab.show_page(PROJECTS)
    before = projects.model.total()
    organisation_id = services.organisations.choices()[0][0]
    member = ProjectMember(organisation_id, "lead")
    services.projects.save(ProjectData(title="Proyecto nuevo", organisations=(member,)))
    window.refresh_all()
    assert projects.model.total() == before + 1
    window.tabs.setCurrentWidget(window.directory_tab)  # where the next window opens
