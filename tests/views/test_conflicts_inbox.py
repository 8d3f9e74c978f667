"""The conflicts inbox over two laptops' real services sharing one sync folder."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from app.i18n import set_language
from app.services.context import DataFolder
from app.services.people import PersonData
from app.services.registry import Services, build_services
from app.views.sync.conflict_parts import EditValueDialog, VersionBox
from app.views.sync.conflicts_inbox import ConflictsInboxDialog, ConflictsModel
from app.views.sync.sync_words import when_text


class Laptops:
    """Laptop A and Laptop B, set up on one shared folder, both knowing Ana García."""

    def __init__(self, tmp_path: Path):
        shared = tmp_path / "shared"
        shared.mkdir()
        self.a, self.b = self._laptop(tmp_path / "a"), self._laptop(tmp_path / "b")
        self.a.sync.set_up(shared, "Laptop A")
        self.b.sync.set_up(shared, "Laptop B")
        self.person = self.a.people.save(PersonData(full_name="Ana García", phone="100")).id
        self.sync()

    @staticmethod
    def _laptop(root: Path) -> Services:
        root.mkdir()
        return build_services(DataFolder(root))

    def sync(self) -> None:
        for laptop in (self.a, self.b, self.a):
            laptop.sync.run_pass()

    def edit(self, laptop: Services, **changes: object) -> None:
        laptop.people.save(replace(laptop.people.get(self.person), **changes))

    def clash(self, **fields: tuple[object, object]) -> None:
        """Each laptop writes its own value of each field before they sync."""
        self.edit(self.a, **{name: pair[0] for name, pair in fields.items()})
        self.edit(self.b, **{name: pair[1] for name, pair in fields.items()})
        self.sync()

    def close(self) -> None:
        for laptop in (self.a, self.b):
            laptop.sync.dispose()
            laptop.db.dispose()


@pytest.fixture
def laptops(tmp_path: Path) -> Laptops:
    made = Laptops(tmp_path)
    yield made
    made.close()


def open_inbox(qtbot, services: Services) -> ConflictsInboxDialog:  # type: ignore[no-untyped-def]
    dialog = ConflictsInboxDialog(services)
    qtbot.addWidget(dialog)
    return dialog


def boxes(dialog: ConflictsInboxDialog) -> list[VersionBox]:
    return [
        dialog.choices_row.itemAt(i).widget()
        for i in range(dialog.choices_row.count())
        if isinstance(dialog.choices_row.itemAt(i).widget(), VersionBox)
    ]


def press(box: VersionBox) -> str:
    text = box.keep_button.text().replace("&", "")
    box.keep_button.click()
    return text


def test_a_phone_conflict_is_listed_with_both_values_side_by_side(qtbot, laptops) -> None:  # type: ignore[no-untyped-def]
    laptops.clash(phone=("111", "222"))
    dialog = open_inbox(qtbot, laptops.a)
    assert dialog.model.rowCount() == 1
    assert dialog.model.index(0, 0).data() == "Person · Ana García · Phone"
    mine, theirs = boxes(dialog)
    assert mine.title().startswith("Laptop A (this laptop), ")
    assert theirs.title().startswith("Laptop B, ")
    assert (mine.text.toPlainText(), theirs.text.toPlainText()) == ("111", "222")
    # Laptop B wrote last, so its value is the one in use until someone chooses.
    assert "In use now" in theirs.in_use.text() and "Not" in mine.in_use.text()
    assert [b.keep_button.text().replace("&", "") for b in (mine, theirs)] == [
        "Keep mine",
        "Keep theirs",
    ]
    assert dialog.edit_button.isVisibleTo(dialog)
    assert not dialog.restore_button.isVisibleTo(dialog)


@pytest.mark.parametrize(("choice", "kept"), [(0, "111"), (1, "222")])
def test_keep_mine_or_theirs_closes_it_on_both_laptops(qtbot, laptops, choice, kept) -> None:  # type: ignore[no-untyped-def]
    laptops.clash(phone=("111", "222"))
    dialog = open_inbox(qtbot, laptops.a)
    press(boxes(dialog)[choice])
    assert dialog.model.rowCount() == 0
    assert dialog.stack.currentWidget() is dialog.empty
    assert dialog.empty.text() == "No conflicts: every laptop agrees."
    assert dialog.settled == 1
    assert laptops.a.people.get(laptops.person).phone == kept
    laptops.sync()
    assert laptops.b.people.get(laptops.person).phone == kept
    assert laptops.b.sync.conflict_count() == 0
    assert open_inbox(qtbot, laptops.b).model.rowCount() == 0


def test_edit_keeps_a_written_value_everywhere(qtbot, laptops, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    laptops.clash(phone=("111", "222"))
    dialog = open_inbox(qtbot, laptops.b)
    opened: list[str] = []

    def write(edit: EditValueDialog) -> int:
        opened.append(edit.text())
        edit.editor.setText("333")
        edit.accept()
        return edit.result()

    monkeypatch.setattr(EditValueDialog, "exec", write)
    dialog.edit_button.click()
    assert opened == ["222"]  # prefilled with the value in use
    assert dialog.model.rowCount() == 0
    laptops.sync()
    assert {s.people.get(laptops.person).phone for s in (laptops.a, laptops.b)} == {"333"}
    assert laptops.a.sync.conflict_count() == laptops.b.sync.conflict_count() == 0


def test_an_edited_value_that_does_not_fit_is_said_in_plain_words(qtbot, laptops) -> None:  # type: ignore[no-untyped-def]
    laptops.clash(birth_year=(1980, 1981))
    conflict = laptops.a.sync.conflicts()[0]
    edit = EditValueDialog(laptops.a, conflict)
    qtbot.addWidget(edit)
    edit.editor.setText("nineteen eighty")
    edit.accept()
    assert edit.result() == 0 and not edit.problem.isHidden()
    assert "whole number" in edit.problem.text()
    assert laptops.a.sync.conflict_count() == 1
    edit.editor.setText("1979")
    edit.accept()
    assert edit.result() == 1
    assert laptops.a.people.get(laptops.person).birth_year == 1979


def test_long_texts_are_shown_whole_in_boxes_that_scroll(qtbot, laptops) -> None:  # type: ignore[no-untyped-def]
    long_a = "\n".join(["Mentoring went well."] * 60)
    laptops.clash(notes=(long_a, "Short note from B"))
    dialog = open_inbox(qtbot, laptops.a)
    mine, theirs = boxes(dialog)
    assert mine.text.toPlainText() == long_a
    assert mine.text.isReadOnly() and theirs.text.isReadOnly()


def test_codes_are_said_by_name_and_chosen_not_written(qtbot, laptops) -> None:  # type: ignore[no-untyped-def]
    laptops.clash(gender=("woman", "non_binary"))
    dialog = open_inbox(qtbot, laptops.a)
    assert [b.text.toPlainText() for b in boxes(dialog)] == ["Woman", "Non-binary"]
    assert not dialog.edit_button.isVisibleTo(dialog)
    press(boxes(dialog)[0])
    assert laptops.a.people.get(laptops.person).gender == "woman"


def deleted_while_edited(laptops: Laptops) -> None:
    laptops.a.people.delete([laptops.person])
    laptops.edit(laptops.b, email="ana@new.org")
    laptops.sync()


def test_restore_a_record_deleted_while_edited(qtbot, laptops) -> None:  # type: ignore[no-untyped-def]
    deleted_while_edited(laptops)
    dialog = open_inbox(qtbot, laptops.b)
    assert dialog.model.index(0, 0).data() == (
        "Person · Ana García — moved to the trash on Laptop A while edited on Laptop B (this "
        "laptop)"
    )
    assert "Email" in dialog.explanation.text() and "Laptop A" in dialog.explanation.text()
    assert dialog.restore_button.isVisibleTo(dialog) and not dialog.edit_button.isVisibleTo(dialog)
    dialog.restore_button.click()
    assert dialog.model.rowCount() == 0
    laptops.sync()
    for laptop in (laptops.a, laptops.b):
        person = laptop.people.get(laptops.person)
        assert person.deleted_at is None and person.email == "ana@new.org"
        assert laptop.sync.conflict_count() == 0


def test_keep_deleted_leaves_it_in_the_trash_everywhere(qtbot, laptops) -> None:  # type: ignore[no-untyped-def]
    deleted_while_edited(laptops)
    dialog = open_inbox(qtbot, laptops.a)
    assert dialog.keep_deleted_button.text().replace("&", "") == "Keep it in the trash"
    dialog.keep_deleted_button.click()
    assert dialog.model.rowCount() == 0
    laptops.sync()
    for laptop in (laptops.a, laptops.b):
        assert laptop.people.get(laptops.person).deleted_at is not None
        assert laptop.sync.conflict_count() == 0


def test_the_next_conflict_is_selected_after_one_is_settled(qtbot, laptops) -> None:  # type: ignore[no-untyped-def]
    laptops.clash(phone=("111", "222"), email=("a@x.org", "b@x.org"))
    dialog = open_inbox(qtbot, laptops.a)
    assert dialog.model.rowCount() == 2
    press(boxes(dialog)[0])
    assert dialog.model.rowCount() == 1
    assert dialog.current() is not None
    assert dialog.heading.text() == dialog.model.index(0, 0).data()


def test_without_sync_the_inbox_says_everything_agrees(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    dialog = open_inbox(qtbot, services)
    assert dialog.stack.currentWidget() is dialog.empty
    assert dialog.empty.text() == "No conflicts: every laptop agrees."
    assert not boxes(dialog) and not dialog.edit_button.isVisibleTo(dialog)


def test_a_language_change_says_everything_again(qtbot, laptops) -> None:  # type: ignore[no-untyped-def]
    laptops.clash(phone=("111", "222"))
    dialog = open_inbox(qtbot, laptops.a)
    set_language("es")
    QApplication.sendEvent(dialog, QEvent(QEvent.Type.LanguageChange))
    assert dialog.model.index(0, 0).data() == "Persona · Ana García · Teléfono"
    assert len(boxes(dialog)) == 2 and dialog.current() is not None


def test_the_model_passes_the_model_tester(qtbot, qtmodeltester, laptops) -> None:  # type: ignore[no-untyped-def]
    laptops.clash(phone=("111", "222"))
    model = ConflictsModel()
    model.set_rows(laptops.a.sync.conflicts())
    qtmodeltester.check(model)


def test_times_are_in_the_persons_language() -> None:
    moment = datetime(2026, 11, 28, 10, 42)
    set_language("es")
    assert "nov" in when_text(moment, now=datetime(2026, 12, 1))
    assert "2026" not in when_text(moment, now=datetime(2026, 12, 1))
    assert "2026" in when_text(moment, now=datetime(2027, 1, 5))
    set_language("en")
    assert "Nov 28" in when_text(moment, now=datetime(2026, 12, 1))
