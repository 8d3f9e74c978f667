"""Good practices handed out at an activity, chosen in the activity form."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialogButtonBox

from app.services.activities import ActivityData
from app.services.catalogue_values import PracticeData
from app.views.dialogs.activity_dialog import ActivityDialog
from app.views.widgets.practice_links import PracticeLinksEditor, PracticeSearchDialog


def test_the_search_finds_a_practice_without_accents_and_enter_chooses_it(qtbot, services):
    services.catalogue.save(PracticeData(title="Huerto comunitario"))
    wanted = services.catalogue.save(PracticeData(title="Banco de tiempo en Educación"))
    dialog = PracticeSearchDialog(services.catalogue)
    qtbot.addWidget(dialog)
    assert dialog.results.count() == 2  # everything, by title, before typing
    qtbot.keyClicks(dialog.search, "educacion")
    qtbot.waitUntil(lambda: dialog.results.count() == 1)
    qtbot.keyClick(dialog.search, "\r")
    assert dialog.chosen == (wanted.id, "Banco de tiempo en Educación")


def test_practices_added_in_the_form_are_saved_in_order(qtbot, services, monkeypatch):
    first = services.catalogue.save(PracticeData(title="Banco de tiempo")).id
    second = services.catalogue.save(PracticeData(title="Huerto comunitario")).id
    activity = services.activities.save(ActivityData(title="Foro", practice_ids=(first,)))
    dialog = ActivityDialog(services, activity)
    qtbot.addWidget(dialog)
    editor: PracticeLinksEditor = dialog.practices
    assert editor.ids() == (first,)
    assert editor.list.item(0).text() == "Banco de tiempo"

    def choose_huerto() -> None:
        search = dialog.findChild(PracticeSearchDialog)
        search.search.setText("huerto")
        search._read()
        search.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    QTimer.singleShot(0, choose_huerto)
    editor.add_practice()
    assert editor.ids() == (first, second)
    editor.list.setCurrentRow(1)
    editor.up_button.click()
    assert editor.ids() == (second, first)
    dialog.save()
    assert services.activities.get(activity.id).practice_ids == (second, first)
