"""A record's history over two laptops' real services, and "History…" in the record lists."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

import app.views.widgets.record_list as record_list
from app.services.context import DataFolder
from app.services.people import PersonData
from app.services.registry import Services, build_services
from app.views.demands_list import DemandListPanel
from app.views.directory_tab import PeoplePanel
from app.views.mentoring.relationship_list import RelationshipListView
from app.views.sync.history_dialog import ChangesModel, HistoryDialog, ValuesModel, group_changes
from tests.views.mentoring.relationship_fixtures import build_directory, build_pairs


class Laptops:
    """Laptop A and Laptop B on one shared folder; A wrote Ana García, B changed her phone."""

    def __init__(self, tmp_path: Path):
        shared = tmp_path / "shared"
        shared.mkdir()
        self.a, self.b = self._laptop(tmp_path / "a"), self._laptop(tmp_path / "b")
        self.a.sync.set_up(shared, "Laptop A")
        self.b.sync.set_up(shared, "Laptop B")
        self.person = self.a.people.save(
            PersonData(full_name="Ana García", phone="111", email="ana@example.org")
        ).id
        self.sync()
        self.edit(self.b, phone="222", email="ana@new.org")
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

    def close(self) -> None:
        for laptop in (self.a, self.b):
            laptop.sync.dispose()
            laptop.db.dispose()


@pytest.fixture
def laptops(tmp_path: Path) -> Laptops:
    made = Laptops(tmp_path)
    yield made
    made.close()


@pytest.fixture
def questions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    asked: list[str] = []

    def question(_parent, _title, text, *_args, **_kwargs):  # type: ignore[no-untyped-def]
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return asked


def open_history(qtbot, services: Services, record: str) -> HistoryDialog:  # type: ignore[no-untyped-def]
    dialog = HistoryDialog(services, "people", record, "Ana García")
    qtbot.addWidget(dialog)
    return dialog


def rows(model) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def select_change(dialog: HistoryDialog, text: str) -> None:
    for row, (_when, _laptop, what) in enumerate(rows(dialog.changes)):
        if text in what:
            dialog.changes_view.selectRow(row)
            return
    raise AssertionError(f"no change with {text!r}")


def test_history_shows_both_laptops_changes_newest_first(qtbot, laptops) -> None:  # type: ignore[no-untyped-def]
    dialog = open_history(qtbot, laptops.a, laptops.person)
    shown = rows(dialog.changes)
    assert [laptop for _when, laptop, _what in shown] == ["Laptop B", "Laptop A (this laptop)"]
    # One save is one change: B's phone and e-mail together.
    assert shown[0][2] == "Email: ana@new.org, Phone: 222"
    created = shown[1][2]
    assert created.startswith("Full name: Ana García") and "Phone: 111" in created
    assert "Gender: Prefers not to say" in created  # codes by their names
    # The empty values a record starts with are not history.
    assert "Notes" not in created and "Year of birth" not in created
    assert "(empty)" not in created
    assert dialog.windowTitle() == "History of Ana García"


def test_current_values_are_marked(qtbot, laptops) -> None:  # type: ignore[no-untyped-def]
    dialog = open_history(qtbot, laptops.a, laptops.person)
    assert rows(dialog.values) == [
        ["Email", "ana@new.org", "✔ In use now"],
        ["Phone", "222", "✔ In use now"],
    ]
    assert not dialog.restore_button.isEnabled()
    select_change(dialog, "Phone: 111")
    phone = [r for r in rows(dialog.values) if r[0] == "Phone"]
    assert phone == [["Phone", "111", ""]]


def test_restore_puts_an_old_value_back_on_every_laptop(qtbot, laptops, questions) -> None:  # type: ignore[no-untyped-def]
    dialog = open_history(qtbot, laptops.a, laptops.person)
    select_change(dialog, "Phone: 111")
    row = [r[0] for r in rows(dialog.values)].index("Phone")
    dialog.values_view.selectRow(row)
    assert dialog.value_box.toPlainText() == "111"
    assert dialog.restore_button.isEnabled()
    dialog.restore_button.click()
    assert len(questions) == 1 and "111" in questions[0]
    assert dialog.restored == 1
    assert laptops.a.people.get(laptops.person).phone == "111"
    # The restore is itself the newest change, and the e-mail B wrote stays.
    newest = rows(dialog.changes)[0]
    assert newest[1] == "Laptop A (this laptop)" and newest[2] == "Phone: 111"
    assert laptops.a.people.get(laptops.person).email == "ana@new.org"
    laptops.sync()
    assert laptops.b.people.get(laptops.person).phone == "111"


def test_declining_the_question_changes_nothing(qtbot, laptops, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    dialog = open_history(qtbot, laptops.a, laptops.person)
    select_change(dialog, "Phone: 111")
    dialog.values_view.selectRow([r[0] for r in rows(dialog.values)].index("Phone"))
    dialog.restore_button.click()
    assert dialog.restored == 0
    assert laptops.a.people.get(laptops.person).phone == "222"


def test_a_trashed_record_says_so_in_words(qtbot, laptops) -> None:  # type: ignore[no-untyped-def]
    laptops.a.people.delete([laptops.person])
    dialog = open_history(qtbot, laptops.a, laptops.person)
    assert rows(dialog.changes)[0][2] == "Trash: Moved to the trash"


def test_without_sync_the_history_says_when_it_is_kept(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    person = services.people.save(PersonData(full_name="Ana García")).id
    dialog = open_history(qtbot, services, person)
    assert dialog.stack.currentWidget() is dialog.message
    assert dialog.message.text() == "History is kept once sync is set up (Sync menu)."


def test_the_models_pass_the_model_tester(qtbot, qtmodeltester, laptops) -> None:  # type: ignore[no-untyped-def]
    entries = laptops.a.sync.history("people", laptops.person)
    changes = group_changes("people", entries, "Laptop A")
    model = ChangesModel()
    model.set_rows(changes)
    qtmodeltester.check(model)
    values = ValuesModel("people")
    values.set_rows(changes[-1].entries)
    qtmodeltester.check(values)


def test_the_people_list_opens_the_selected_persons_history(qtbot, laptops, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    opened: list[HistoryDialog] = []
    monkeypatch.setattr(record_list.HistoryDialog, "exec", lambda d: opened.append(d) or 0)
    panel = PeoplePanel(laptops.a)
    qtbot.addWidget(panel)
    assert panel.select_id(laptops.person)
    actions = {a.text().replace("&", ""): a for a in panel.context_menu().actions()}
    assert actions["History…"].isEnabled()
    actions["History…"].trigger()
    assert [(d.table_name, d.record_id, d.title) for d in opened] == [
        ("people", laptops.person, "Ana García")
    ]
    assert rows(opened[0].changes)[0][1] == "Laptop B"


def test_lists_without_a_table_have_no_history(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    panel = DemandListPanel(services)
    qtbot.addWidget(panel)
    texts = [a.text().replace("&", "") for a in panel.context_menu().actions()]
    assert "History…" not in texts and "Edit…" in texts
    assert panel.history_button.isHidden()


def test_a_mentoring_pairs_history_is_named_by_both_people(qtbot, services, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    pairs = build_pairs(services, build_directory(services))
    opened: list[HistoryDialog] = []
    monkeypatch.setattr(record_list.HistoryDialog, "exec", lambda d: opened.append(d) or 0)
    panel = RelationshipListView(services)
    qtbot.addWidget(panel)
    assert panel.select_id(pairs["ana-bea"])
    panel.history_button.click()
    assert [(d.table_name, d.title) for d in opened] == [
        ("mentoring_relationships", "Beatriz Núñez with Ana Pérez")
    ]
    # Sync is not set up here: the history says when it is kept instead of an empty list.
    assert opened[0].stack.currentWidget() is opened[0].message
