"""Taking attendance in the roster: find by typing, mark by keyboard, counts, walk-ins."""

from __future__ import annotations

import gettext
import re
from datetime import date, time

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QMessageBox, QWidget

import app.i18n
from app.errors import NotFoundError
from app.services.activities import ActivityData, SessionData
from app.services.people import MembershipData, PersonData
from app.services.registry import Services
from app.views.dialogs.roster_dialog import RosterDialog
from app.views.roster_model import MARK, MINUTES, NAME, REMARKS, RosterFilter

PEOPLE = [  # name, gender, organisation
    ("José María Núñez", "man", "Asociación Vecinal La Seda"),
    ("Ana Pérez Gil", "woman", "Cruz Roja"),
    ("Àngels Puig i Ferrer", "woman", "Cruz Roja"),
    ("Iñaki Etxeberria", "man", "Fundación Secretariado Gitano"),
    ("Zoë Müller", "non_binary", ""),
    ("Fátima El Idrissi", "woman", "Asociación Vecinal La Seda"),
    ("Luis Gómez", "not_stated", "Cáritas"),
    ("María José Núñez", "woman", "Cáritas"),
    ("Björn Østergaard", "man", ""),
    ("Chloé Dubois", "woman", "Cruz Roja"),
]


class Roster:
    """The data behind a roster test: the session and the people by name."""

    def __init__(self, services: Services):
        self.services = services
        saved = services.activities.save(
            ActivityData(
                title="Gestión de voluntariado",
                kind="capsule",
                sessions=(SessionData(date(2025, 3, 4), time(10), time(12), "Casal"),),
            )
        )
        self.activity_id = saved.id
        self.session_id = saved.sessions[0].id
        self.people: dict[str, str] = {}
        for name, gender, organisation in PEOPLE:
            memberships = (MembershipData(None, organisation, "staff"),) if organisation else ()
            person = services.people.save(
                PersonData(full_name=name, gender=gender, memberships=memberships)
            )
            services.registrations.register(self.activity_id, person.id)
            self.people[name] = person.id

    def marks(self) -> dict[str, str | None]:
        rows = self.services.attendance.roster(self.session_id).rows
        return {row.full_name: row.mark for row in rows}

    def row(self, name: str):  # type: ignore[no-untyped-def]
        rows = self.services.attendance.roster(self.session_id).rows
        return next(row for row in rows if row.full_name == name)


@pytest.fixture
def roster(services) -> Roster:
    return Roster(services)


@pytest.fixture
def dialog(qtbot, roster) -> RosterDialog:
    widget = RosterDialog(roster.services, roster.session_id)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def no_dialogs(monkeypatch) -> list[str]:
    shown: list[str] = []
    for kind in ("warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, kind, lambda _p, _t, text, *a, **k: shown.append(text))
    return shown


def shown_names(dialog: RosterDialog) -> list[str]:
    people = dialog.people
    return [people.index(row, NAME).data() for row in range(people.rowCount())]


def cell(dialog: RosterDialog, name: str, column: int) -> str:
    row = dialog.model.row_of(next(r.person_id for r in dialog.model.rows() if r.full_name == name))
    return dialog.model.index(row, column).data()


def test_the_roster_opens_listing_everyone_with_nobody_chosen(qtbot, dialog, roster):
    assert dialog.windowTitle() == "Attendance — Gestión de voluntariado, Mar 4, 2025"
    assert len(shown_names(dialog)) == len(PEOPLE)
    assert dialog.search.hasFocus()
    assert dialog.heading.present.text() == "Present: 0 of 10 expected"
    assert dialog.heading.unmarked.text() == "Not marked yet: 10"
    assert dialog.current_row() is None  # an Enter by mistake marks nobody
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    assert set(roster.marks().values()) == {None}
    qtbot.keyClick(dialog.search, Qt.Key.Key_Down)  # the first one, from the search box
    assert dialog.current_row().full_name == "Ana Pérez Gil"


def test_typing_a_few_letters_of_any_part_of_the_name_ignores_accents_and_case(qtbot, dialog):
    qtbot.keyClicks(dialog.search, "nun")
    assert shown_names(dialog) == ["José María Núñez", "María José Núñez"]
    dialog.search.clear()
    qtbot.keyClicks(dialog.search, "ANGELS")
    assert shown_names(dialog) == ["Àngels Puig i Ferrer"]
    dialog.search.clear()
    qtbot.keyClicks(dialog.search, "jose nun")
    assert shown_names(dialog) == ["José María Núñez", "María José Núñez"]
    dialog.search.clear()
    qtbot.keyClicks(dialog.search, "cruz roja")  # the organisation finds its people too
    assert shown_names(dialog) == ["Ana Pérez Gil", "Àngels Puig i Ferrer", "Chloé Dubois"]


def test_enter_marks_the_first_match_present_and_empties_the_search(qtbot, dialog, roster):
    with qtbot.waitSignal(dialog.changed):
        qtbot.keyClicks(dialog.search, "nun")
        qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    assert roster.marks()["José María Núñez"] == "present"
    assert cell(dialog, "José María Núñez", MARK) == "✓ Present"
    assert dialog.search.text() == ""
    assert dialog.search.hasFocus()
    assert len(shown_names(dialog)) == len(PEOPLE)
    assert dialog.current_row().full_name == "José María Núñez"
    assert dialog.heading.present.text() == "Present: 1 of 10 expected"


def test_down_from_the_search_chooses_the_next_match(qtbot, dialog, roster):
    qtbot.keyClicks(dialog.search, "nun")
    qtbot.keyClick(dialog.search, Qt.Key.Key_Down)
    assert dialog.search.hasFocus()
    qtbot.keyClick(dialog.search, Qt.Key.Key_Enter)
    marks = roster.marks()
    assert marks["María José Núñez"] == "present"
    assert marks["José María Núñez"] is None


@pytest.mark.parametrize(
    ("key", "mark"),
    [
        (Qt.Key.Key_1, "present"),
        (Qt.Key.Key_2, "late"),
        (Qt.Key.Key_3, "left_early"),
        (Qt.Key.Key_4, "excused"),
        (Qt.Key.Key_5, "absent"),
    ],
)
def test_keys_one_to_five_mark_from_the_search_and_from_the_list(qtbot, dialog, roster, key, mark):
    qtbot.keyClicks(dialog.search, "fatima")
    qtbot.keyClick(dialog.search, key)
    assert dialog.search.text() == "fatima"  # the digit marked, it was not typed
    assert roster.marks()["Fátima El Idrissi"] == mark
    dialog.select_person(roster.people["Luis Gómez"])
    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, key)
    assert roster.marks()["Luis Gómez"] == mark


def test_delete_takes_the_mark_back(qtbot, dialog, roster):
    qtbot.keyClicks(dialog.search, "zoe")
    qtbot.keyClick(dialog.search, Qt.Key.Key_2)
    assert roster.marks()["Zoë Müller"] == "late"
    qtbot.keyClick(dialog.search, Qt.Key.Key_Delete)
    assert dialog.search.text() == "zoe"
    assert roster.marks()["Zoë Müller"] is None
    assert cell(dialog, "Zoë Müller", MARK) == ""
    qtbot.keyClick(dialog.search, Qt.Key.Key_1)
    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Delete)
    assert roster.marks()["Zoë Müller"] is None


def test_delete_inside_the_search_text_still_edits_the_text(qtbot, dialog, roster):
    qtbot.keyClicks(dialog.search, "zoe")
    qtbot.keyClick(dialog.search, Qt.Key.Key_1)
    qtbot.keyClick(dialog.search, Qt.Key.Key_Home)
    qtbot.keyClick(dialog.search, Qt.Key.Key_Delete)
    assert dialog.search.text() == "oe"
    assert roster.marks()["Zoë Müller"] == "present"


def test_counts_follow_the_marks_present_of_expected_and_by_gender(qtbot, dialog, roster):
    for name, key in [
        ("Ana Pérez", Qt.Key.Key_1),  # woman, present
        ("Iñaki", Qt.Key.Key_2),  # man, late
        ("Zoë", Qt.Key.Key_3),  # non-binary, left early
        ("Luis Gómez", Qt.Key.Key_4),  # excused: not present
        ("Chloé", Qt.Key.Key_5),  # absent
    ]:
        dialog.search.setText(name)
        qtbot.keyClick(dialog.search, key)
    assert dialog.heading.present.text() == "Present: 3 of 10 expected"
    assert dialog.heading.unmarked.text() == "Not marked yet: 5"
    assert dialog.heading.genders.text() == (
        "Of those present: women 1 · men 1 · non-binary 1 · not stated 0"
    )
    dialog.search.setText("Ana Pérez")
    qtbot.keyClick(dialog.search, Qt.Key.Key_Delete)
    assert dialog.heading.present.text() == "Present: 2 of 10 expected"
    assert dialog.heading.genders.text().startswith("Of those present: women 0 · men 1")


def test_mark_buttons_mark_the_chosen_person(qtbot, dialog, roster):
    dialog.select_person(roster.people["Björn Østergaard"])
    qtbot.mouseClick(dialog.marks.buttons["excused"], Qt.MouseButton.LeftButton)
    assert roster.marks()["Björn Østergaard"] == "excused"
    assert cell(dialog, "Björn Østergaard", MARK) == "✉ Excused"
    assert dialog.search.hasFocus()


def test_minutes_and_remarks_are_saved_for_the_chosen_person(qtbot, dialog, roster):
    dialog.search.setText("iñaki")
    assert not dialog.current.remarks.isEnabled()  # not marked yet
    qtbot.keyClick(dialog.search, Qt.Key.Key_3)
    assert dialog.current.minutes.isEnabled()
    dialog.current.minutes.setFocus()
    qtbot.keyClicks(dialog.current.minutes, "45")
    dialog.current.remarks.setFocus()
    qtbot.keyClicks(dialog.current.remarks, "Tuvo que recoger a su hija")
    qtbot.keyClick(dialog.current.remarks, Qt.Key.Key_Return)
    row = roster.row("Iñaki Etxeberria")
    assert (row.mark, row.minutes, row.remarks) == ("left_early", 45, "Tuvo que recoger a su hija")
    assert cell(dialog, "Iñaki Etxeberria", MINUTES) == "45"
    assert dialog.search.hasFocus()
    qtbot.keyClick(dialog.search, Qt.Key.Key_2)  # late keeps the partial minutes
    assert roster.row("Iñaki Etxeberria").minutes == 45
    qtbot.keyClick(dialog.search, Qt.Key.Key_1)  # present: the whole session
    row = roster.row("Iñaki Etxeberria")
    assert (row.mark, row.minutes, row.remarks) == ("present", None, "Tuvo que recoger a su hija")


def test_minutes_and_remarks_are_edited_in_the_table(dialog, roster):
    dialog.search.setText("chloe")
    dialog.mark_current("late")
    model = dialog.model
    row = model.row_of(roster.people["Chloé Dubois"])
    assert model.setData(model.index(row, MINUTES), "100")
    assert model.setData(model.index(row, REMARKS), "  Llegó en tren ")
    saved = roster.row("Chloé Dubois")
    assert (saved.minutes, saved.remarks) == (100, "Llegó en tren")
    assert not model.setData(model.index(row, MINUTES), "abc")
    unmarked = model.row_of(roster.people["Luis Gómez"])
    assert not model.flags(model.index(unmarked, REMARKS)) & Qt.ItemFlag.ItemIsEditable


def test_a_mark_changes_only_its_own_row(qtbot, dialog, roster):
    changes: list[tuple[int, int]] = []
    dialog.model.dataChanged.connect(lambda a, b: changes.append((a.row(), b.row())))
    resets: list[bool] = []
    dialog.model.modelReset.connect(lambda: resets.append(True))
    dialog.search.setText("björn")
    qtbot.keyClick(dialog.search, Qt.Key.Key_1)
    number = dialog.model.row_of(roster.people["Björn Østergaard"])
    assert changes == [(number, number)]
    assert resets == []


def test_a_search_that_finds_nobody_offers_a_walk_in_with_that_name(qtbot, dialog):
    qtbot.keyClicks(dialog.search, "Xabier")
    assert shown_names(dialog) == []
    assert dialog.search_bar.hint.isVisible()
    assert (
        dialog.search_bar.hint.text()
        == "Nobody called “Xabier” on this roster. Add as walk-in (Ctrl+N)."
    )
    qtbot.keyClick(dialog.search, Qt.Key.Key_1)  # nobody to mark: nothing happens
    qtbot.keyClick(dialog.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert dialog.walk_in.isVisible()
    assert not dialog.search_bar.hint.isVisible()
    assert dialog.walk_in.name.text() == "Xabier"
    assert dialog.walk_in.name.hasFocus()


def test_a_walk_in_is_added_from_the_keyboard_only(qtbot, dialog, roster, services):
    qtbot.keyClick(dialog.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert dialog.walk_in.isVisible() and dialog.walk_in.name.text() == ""
    qtbot.keyClicks(dialog.walk_in.name, "Xabier Agirre Etxeberria")
    qtbot.keyClick(dialog.walk_in.name, Qt.Key.Key_Tab)
    focused = dialog.focusWidget()
    assert focused in (dialog.walk_in.organisation, dialog.walk_in.organisation.lineEdit())
    qtbot.keyClicks(focused, "Bidez Bide")
    with qtbot.waitSignal(dialog.changed):
        qtbot.keyClick(focused, Qt.Key.Key_Return)
    assert not dialog.walk_in.isVisible()
    row = roster.row("Xabier Agirre Etxeberria")
    assert (row.mark, row.registration_status, row.organisation_name) == (
        "present",
        "registered",
        "Bidez Bide",
    )
    registered = {r.full_name for r in services.registrations.list(roster.activity_id)}
    assert "Xabier Agirre Etxeberria" in registered
    assert dialog.current_row().full_name == "Xabier Agirre Etxeberria"
    assert cell(dialog, "Xabier Agirre Etxeberria", MARK) == "✓ Present"
    assert dialog.heading.present.text() == "Present: 1 of 11 expected"
    assert dialog.search.hasFocus()


def test_a_walk_in_picks_an_organisation_of_the_directory_and_consent(qtbot, dialog, roster):
    dialog.open_walk_in()
    form = dialog.walk_in
    qtbot.keyClicks(form.name, "Nerea Ruiz")
    form.organisation.setEditText("caritas")  # typed without the accent: the known one is kept
    form.gender.choose("woman")
    form.consent.setChecked(True)
    qtbot.mouseClick(form.add_button, Qt.MouseButton.LeftButton)
    row = roster.row("Nerea Ruiz")
    assert (row.organisation_name, row.gender, row.mark) == ("Cáritas", "woman", "present")
    person = roster.services.people.get(row.person_id)
    assert [c.purpose for c in person.consents] == ["programme"]
    assert dialog.heading.genders.text().startswith("Of those present: women 1")


def test_a_walk_in_without_a_name_is_refused_and_esc_closes_the_panel(qtbot, dialog, roster):
    dialog.open_walk_in()
    qtbot.keyClick(dialog.walk_in.name, Qt.Key.Key_Return)
    assert dialog.walk_in.isVisible()
    assert dialog.walk_in.problem.text() == "⚠ A person needs a name."
    qtbot.keyClick(dialog.walk_in.name, Qt.Key.Key_Escape)
    assert not dialog.walk_in.isVisible()
    assert dialog.isVisible()
    assert dialog.search.hasFocus()
    assert len(roster.marks()) == len(PEOPLE)


def test_esc_empties_the_search_before_closing(qtbot, dialog):
    qtbot.keyClicks(dialog.search, "ana")
    qtbot.keyClick(dialog.search, Qt.Key.Key_Escape)
    assert dialog.search.text() == "" and dialog.isVisible()
    qtbot.keyClick(dialog.search, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_letters_typed_in_the_list_go_to_the_search(qtbot, dialog):
    dialog.table.setFocus()
    qtbot.keyClicks(dialog.table, "Pu")
    assert dialog.search.text() == "Pu"
    assert dialog.search.hasFocus()
    assert shown_names(dialog) == ["Àngels Puig i Ferrer"]


def test_a_mark_that_cannot_be_saved_is_explained(qtbot, dialog, roster, monkeypatch, no_dialogs):
    def refuse(*_args, **_kwargs):
        raise NotFoundError("This session no longer exists.")

    monkeypatch.setattr(roster.services.attendance, "mark", refuse)
    changes: list[bool] = []
    dialog.changed.connect(lambda: changes.append(True))
    dialog.search.setText("luis")
    qtbot.keyClick(dialog.search, Qt.Key.Key_1)
    assert no_dialogs == ["This session no longer exists."]
    assert cell(dialog, "Luis Gómez", MARK) == ""
    assert dialog.heading.present.text() == "Present: 0 of 10 expected"
    assert changes == []


def test_the_roster_model_passes_the_model_tester(qtmodeltester, dialog, roster):
    dialog.select_person(roster.people["Ana Pérez Gil"])
    assert dialog.mark_current("present")
    qtmodeltester.check(dialog.model)
    qtmodeltester.check(RosterFilter(dialog.model))


def test_an_empty_roster_says_how_to_add_people(qtbot, services):
    saved = services.activities.save(
        ActivityData(title="Foro", sessions=(SessionData(date(2025, 5, 6)),))
    )
    widget = RosterDialog(services, saved.sessions[0].id)
    qtbot.addWidget(widget)
    widget.show()
    assert widget.search_bar.hint.isVisible()
    assert "Ctrl+N" in widget.search_bar.hint.text()
    assert widget.heading.present.text() == "Present: 0 of 0 expected"
    qtbot.keyClick(widget.search, Qt.Key.Key_Return)  # nobody to mark: nothing breaks


def test_every_control_has_an_accessible_name(dialog):
    dialog.open_walk_in()
    unnamed = [
        f"{type(widget).__name__} {widget.objectName()}"
        for widget in dialog.findChildren(QWidget)
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        and widget.isVisibleTo(dialog)
        and not isinstance(widget.parent(), QComboBox)
        and not widget.accessibleName()
    ]
    assert unnamed == []


def test_texts_follow_a_language_change(qtbot, dialog, roster, monkeypatch):
    def shout(message: str) -> str:  # upper case outside the {placeholders}
        return re.sub(r"[^{}]+(?=\{|$)", lambda m: m.group().upper(), message)

    class Shouting(gettext.NullTranslations):
        def gettext(self, message: str) -> str:
            return shout(message)

        def ngettext(self, singular: str, plural: str, n: int) -> str:
            return shout(singular if n == 1 else plural)

    dialog.select_person(roster.people["Ana Pérez Gil"])
    dialog.mark_current("present")
    monkeypatch.setattr(app.i18n, "_current", Shouting())
    for widget in (dialog, *dialog.findChildren(QWidget)):
        QApplication.sendEvent(widget, QEvent(QEvent.Type.LanguageChange))
    assert dialog.windowTitle().startswith("ATTENDANCE — Gestión de voluntariado")
    assert dialog.model.headerData(NAME, Qt.Orientation.Horizontal) == "NAME"
    assert dialog.heading.present.text() == "PRESENT: 1 OF 10 EXPECTED"
    assert dialog.marks.buttons["late"].text() == "◔ &LATE  (2)"
    assert cell(dialog, "Ana Pérez Gil", MARK) == "✓ PRESENT"
    assert dialog.walk_in.add_button.text() == "A&DD AND MARK PRESENT"


def test_f2_writes_remarks_in_the_list(qtbot, dialog, roster):
    qtbot.keyClicks(dialog.search, "bjorn")
    qtbot.keyClick(dialog.search, Qt.Key.Key_F2)  # not marked yet: nothing to write on
    assert dialog.table.state() != dialog.table.State.EditingState
    qtbot.keyClick(dialog.search, Qt.Key.Key_2)
    qtbot.keyClick(dialog.search, Qt.Key.Key_F2)
    assert dialog.table.state() == dialog.table.State.EditingState
    editor = dialog.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.parent() is dialog.table.viewport()
    qtbot.keyClicks(editor, "Tren con retraso")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.table.state() != dialog.table.State.EditingState)
    assert roster.row("Björn Østergaard").remarks == "Tren con retraso"
    assert cell(dialog, "Björn Østergaard", REMARKS) == "Tren con retraso"
    assert roster.row("Björn Østergaard").mark == "late"  # Enter in the cell did not mark
    qtbot.keyClick(dialog.table, Qt.Key.Key_F2)
    assert dialog.table.state() == dialog.table.State.EditingState
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Escape)  # Esc leaves the cell only
    assert dialog.table.state() != dialog.table.State.EditingState
    assert dialog.isVisible() and dialog.search.text() == "bjorn"


def test_alt_and_a_letter_press_the_mark_buttons(qtbot, dialog, roster):
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    qtbot.keyClicks(dialog.search, "luis")
    qtbot.keyClick(dialog.search, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: roster.marks()["Luis Gómez"] == "late")  # buttons click after a beat
    qtbot.waitUntil(dialog.search.hasFocus)
    qtbot.keyClick(dialog.search, Qt.Key.Key_X, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: roster.marks()["Luis Gómez"] == "excused")
    assert dialog.search.text() == "luis"


def test_the_walk_in_organisation_is_completed_from_the_directory(qtbot, dialog, roster):
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    qtbot.keyClick(dialog.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    form = dialog.walk_in
    qtbot.keyClicks(form.name, "Oumar Diallo")
    qtbot.keyClick(form.name, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.focusWidget(), "secretar")
    popup = form.organisation.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)  # takes the suggestion; does not add yet
    assert form.isVisible()
    assert form.organisation.currentText() == "Fundación Secretariado Gitano"
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    assert not form.isVisible()
    assert roster.row("Oumar Diallo").organisation_name == "Fundación Secretariado Gitano"


@pytest.mark.parametrize(
    ("answer", "people_called_so"),
    [(QMessageBox.StandardButton.Yes, 1), (QMessageBox.StandardButton.No, 2)],
)
def test_a_walk_in_already_in_the_directory_is_offered_instead_of_a_new_person(
    qtbot, dialog, roster, monkeypatch, answer, people_called_so
):
    known = roster.services.people.save(PersonData(full_name="Íñigo Zubiri Arana")).id
    asked: list[str] = []

    def question(_parent, _title, text, *_args):  # type: ignore[no-untyped-def]
        asked.append(text)
        return answer

    monkeypatch.setattr(QMessageBox, "question", question)
    dialog.open_walk_in()
    qtbot.keyClicks(dialog.walk_in.name, "inigo zubiri arana")
    with qtbot.waitSignal(dialog.changed):
        qtbot.mouseClick(dialog.walk_in.add_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1 and "Íñigo Zubiri Arana" in asked[0]
    same = roster.services.people.list("zubiri arana")
    assert len(same) == people_called_so
    present = [r for r in roster.services.attendance.roster(dialog.session_id).rows if r.mark]
    assert (known in {r.person_id for r in present}) == (people_called_so == 1)


def test_marks_say_who_took_them_and_the_name_is_remembered(qtbot, roster, monkeypatch):
    remembered: dict[str, str] = {}
    monkeypatch.setattr("app.views.dialogs.roster_dialog.your_name", lambda: "")
    monkeypatch.setattr(
        "app.views.dialogs.roster_dialog.remember_your_name",
        lambda name: remembered.update(name=name),
    )
    dialog = RosterDialog(roster.services, roster.session_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.taken_by_edit, "Carmen Ibanez")
    qtbot.keyClicks(dialog.search, "nun")
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    [mark] = roster.services.attendance.history()
    assert mark.taken_by == "Carmen Ibanez" and remembered == {"name": "Carmen Ibanez"}
