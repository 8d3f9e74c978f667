"""The good-practice form: every tab typed in and saved, the area chosen or typed new, problems
shown under their field on the right tab, and what it says about revisions and origins."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from app.models import Practice
from app.services.catalogue_values import PracticeData
from app.services.organisations import OrganisationData
from app.views.catalogue.practice_dialog import PracticeDialog
from app.views.catalogue.practice_form import TABS, parse_links, parse_year, provenance_note
from tests.views.catalogue.form_helpers import PDF_BYTES, press_save, show, tick, write


@pytest.fixture
def luz(services) -> str:
    return services.organisations.save(OrganisationData(name="Fundación Luz")).id


@pytest.fixture(autouse=True)
def reviewer_name(monkeypatch):
    monkeypatch.setattr("app.views.catalogue.practice_dialog.your_name", lambda: "Marta Gil")


def open_dialog(qtbot, services, data: PracticeData | None = None) -> PracticeDialog:
    return show(qtbot, PracticeDialog(services, data))


def tab_index(title: str) -> int:
    return next(i for i, (text, _keys) in enumerate(TABS) if text.replace("&", "") == title)


def type_into(qtbot, dialog: PracticeDialog, key: str, text: str) -> None:
    dialog.tabs.setCurrentIndex(dialog.tab_of[key])
    widget = dialog.widget(key)
    target = widget.lineEdit() if hasattr(widget, "lineEdit") else widget
    if text.isascii() and "\n" not in text:
        qtbot.keyClicks(target, text)
    elif hasattr(target, "insertPlainText"):  # Qt's test keys are ASCII only
        target.insertPlainText(text)
    else:
        target.insert(text)


def test_a_new_practice_is_typed_in_every_tab_and_saved(qtbot, services, luz, tmp_path):
    dialog = open_dialog(qtbot, services)
    assert dialog.windowTitle() == "New good practice"
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == [
        "&Overview",
        "&What was done",
        "&Results and lessons",
        "&Transfer",
        "&Attachments",
        "Re&view",
    ]
    assert not dialog.note.isVisibleTo(dialog)  # nothing to say about a new practice
    type_into(qtbot, dialog, "title", "Huerto comunitario intergeneracional")
    type_into(qtbot, dialog, "summary", "Mayores y jóvenes cultivan juntos.")
    dialog.widget("area").setCurrentIndex(dialog.widget("area").findText("Environment"))
    tick(dialog.widget("themes"), "participation")
    tick(dialog.widget("themes"), "equality")
    type_into(qtbot, dialog, "organisation_name", "fundacion luz")  # accents and case aside
    type_into(qtbot, dialog, "territory", "Zaragoza")
    type_into(qtbot, dialog, "year", "2023")
    type_into(qtbot, dialog, "description", "Un huerto en el patio del centro cívico.")
    type_into(qtbot, dialog, "lessons", "Regar en verano exige turnos.")
    type_into(qtbot, dialog, "transferability", "Basta un patio y un grupo motor.")
    type_into(qtbot, dialog, "links", "https://example.org/huerto\nwww.example.org/guia\n")
    dialog.widget("licence").setCurrentText("CC BY-SA 4.0")
    dialog.attachments.add_files([write(tmp_path, "guia.pdf", PDF_BYTES)])
    dialog.tabs.setCurrentIndex(tab_index("Review"))
    dialog.widget("status").choose("published")
    # Publishing proposes who reviewed it and when.
    assert dialog.widget("reviewer").text() == "Marta Gil"
    assert dialog.widget("reviewed_on").value() == date.today()
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == QDialog.DialogCode.Accepted
    saved = services.catalogue.get(dialog.saved_id)
    assert saved.title == "Huerto comunitario intergeneracional"
    assert saved.summary == "Mayores y jóvenes cultivan juntos."
    assert saved.area == "Environment"
    assert saved.themes == ("participation", "equality")
    assert (saved.organisation_id, saved.organisation_name) == (luz, "Fundación Luz")
    assert (saved.territory, saved.year) == ("Zaragoza", 2023)
    assert saved.description == "Un huerto en el patio del centro cívico."
    assert saved.lessons == "Regar en verano exige turnos."
    assert saved.transferability == "Basta un patio y un grupo motor."
    assert saved.links == ("https://example.org/huerto", "www.example.org/guia")
    assert saved.licence == "CC BY-SA 4.0"
    assert (saved.status, saved.reviewer, saved.reviewed_on) == (
        "published",
        "Marta Gil",
        date.today(),
    )
    assert [(a.title, a.original_name) for a in saved.attachments] == [("guia", "guia.pdf")]


def test_a_new_area_typed_is_announced_and_added_to_the_list(qtbot, services):
    dialog = open_dialog(qtbot, services)
    type_into(qtbot, dialog, "title", "Banco de tiempo")
    type_into(qtbot, dialog, "area", "environment")  # a known area, whatever its case
    assert not dialog.area_hint.isVisibleTo(dialog)
    dialog.widget("area").clearEditText()
    type_into(qtbot, dialog, "area", "Economía de los cuidados")
    assert dialog.area_hint.isVisibleTo(dialog)
    assert "“Economía de los cuidados” is a new area" in dialog.area_hint.text()
    press_save(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert services.catalogue.get(dialog.saved_id).area == "Economía de los cuidados"
    assert "Economía de los cuidados" in [a.name for a in services.catalogue.areas()]


def test_a_practice_without_a_title_is_not_saved_and_the_title_is_shown(qtbot, services):
    dialog = open_dialog(qtbot, services)
    type_into(qtbot, dialog, "summary", "Algo sin título")
    dialog.tabs.setCurrentIndex(tab_index("Review"))
    press_save(qtbot, dialog)
    assert dialog.isVisible()  # stays open with what was typed
    assert dialog.tabs.currentIndex() == tab_index("Overview")
    assert dialog.fields.error_text("title") == "Give the practice a title."
    assert dialog.widget("title").hasFocus()
    assert dialog.widget("summary").toPlainText() == "Algo sin título"
    assert services.catalogue.count() == 0
    type_into(qtbot, dialog, "title", "Ya tiene título")
    assert dialog.fields.error_text("title") == ""  # goes away as soon as it is right


def test_a_wrong_year_or_two_links_on_a_line_are_said_under_their_field(qtbot, services):
    dialog = open_dialog(qtbot, services)
    type_into(qtbot, dialog, "title", "Práctica")
    type_into(qtbot, dialog, "year", "1850")
    type_into(qtbot, dialog, "links", "https://a.example https://b.example")
    assert dialog.fields.error_text("links").startswith("“https://a.example https://b.example”")
    dialog.tabs.setCurrentIndex(tab_index("Attachments"))
    press_save(qtbot, dialog)
    assert dialog.tabs.currentIndex() == tab_index("Overview")
    last = date.today().year + 1
    assert dialog.fields.error_text("year") == (
        f"Write a year between 1950 and {last}, or leave it empty."
    )
    dialog.widget("year").setText("2020")
    press_save(qtbot, dialog)
    assert dialog.tabs.currentIndex() == tab_index("Transfer")  # now the links
    assert dialog.isVisible()
    assert services.catalogue.count() == 0


def test_a_text_too_long_is_said_under_its_field(qtbot, services):
    dialog = open_dialog(qtbot, services)
    type_into(qtbot, dialog, "title", "Memoria completa")
    dialog.widget("evidence").setPlainText("palabra " * 3000)
    press_save(qtbot, dialog)
    assert dialog.tabs.currentIndex() == tab_index("Results and lessons")
    assert dialog.fields.error_text("evidence").startswith(
        "This text is too long: at most 20,000 characters."
    )
    assert services.catalogue.count() == 0


def test_an_existing_practice_is_shown_whole_and_saved_unchanged(qtbot, services, tmp_path):
    from app.services.attachments import store_file

    attachment = store_file(services.db, write(tmp_path, "acta.pdf", PDF_BYTES), "Acta")
    original = services.catalogue.save(
        PracticeData(
            title="Radio comunitaria",
            area="Culture",
            themes=("participation",),
            organisation_name="Colectivo Onda",  # a name only: not in the directory
            year=2021,
            context="Barrio sin medios propios.",
            evidence="Encuestas a oyentes.",
            accessibility="Programas subtitulados.",
            links=("https://onda.example",),
            licence="Una licencia propia",
            status="reviewed",
            reviewer="Luis",
            reviewed_on=date(2024, 5, 2),
            attachments=(attachment,),
        )
    )
    dialog = open_dialog(qtbot, services, services.catalogue.get(original.id))
    assert dialog.windowTitle() == "Edit practice: Radio comunitaria"
    assert dialog.widget("organisation_name").currentText() == "Colectivo Onda"
    assert dialog.widget("licence").currentText() == "Una licencia propia"
    assert dialog.widget("reviewed_on").value() == date(2024, 5, 2)
    assert dialog.attachments.table.item(0, 0).text() == "Acta"
    press_save(qtbot, dialog)
    again = services.catalogue.get(original.id)
    assert replace(again, updated_at=None) == replace(original, updated_at=None)


def test_a_published_practice_says_a_change_makes_a_new_revision(qtbot, services):
    saved = services.catalogue.save(PracticeData(title="Comedor social", status="published"))
    dialog = open_dialog(qtbot, services, saved)
    assert dialog.note.isVisibleTo(dialog)
    assert "it becomes revision 2" in dialog.note.text()
    type_into(qtbot, dialog, "summary", "Comidas calientes cada día.")
    press_save(qtbot, dialog)
    assert services.catalogue.get(saved.id).revision == 2


def test_a_practice_from_another_organisation_says_where_it_came_from(qtbot, services):
    saved = services.catalogue.save(PracticeData(title="Mentoría entre entidades"))
    with services.db.session() as s:
        practice = s.get(Practice, saved.id)
        practice.origin_id, practice.origin_name = "other-origin", "Fundación Luz"
        practice.revision = 3
    dialog = open_dialog(qtbot, services, services.catalogue.get(saved.id))
    assert dialog.note.text().startswith(
        "This practice comes from Fundación Luz (their revision 3)."
    )
    type_into(qtbot, dialog, "lessons", "Adaptada aquí.")
    press_save(qtbot, dialog)
    changed = services.catalogue.get(saved.id)
    assert changed.edited_locally and changed.revision == 3


def test_provenance_note_says_withdrawn_and_hidden():
    data = PracticeData(
        title="X", id="p1", own=False, origin_name="Red Sur", withdrawn=True, hidden=True
    )
    note = provenance_note(data)
    assert "Red Sur has withdrawn it from their catalogue." in note
    assert "It is hidden in this catalogue." in note
    assert provenance_note(PracticeData(title="X", id="p2")) == ""  # our own draft


def test_year_and_links_as_typed():
    assert parse_year(" ", 2026) is None
    assert parse_year("2027", 2026) == 2027
    for wrong in ("2028", "1949", "20x1"):
        with pytest.raises(Exception, match="Write a year between 1950 and 2027"):
            parse_year(wrong, 2026)
    assert parse_links("  https://a.example \n\n b.example/x ") == (
        "https://a.example",
        "b.example/x",
    )
