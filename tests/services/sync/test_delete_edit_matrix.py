"""Deleted on one laptop, edited on another: what each laptop shows, for every order.

Two laptops run the program on their own data folders and one shared folder. A record is
deleted on laptop A (a person moved to the trash, or a link row removed outright) and edited on
laptop B: before A deleted it (A saw the edit), after B saw the deletion, or with neither seeing
the other. Only the last is a conflict ("deleted while edited"); in every case both laptops end
the same, and the edit is kept: in the record and in its history. Settling the conflict on either
laptop, by restoring or by keeping the deletion, reaches both laptops and closes it on both.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from sqlalchemy import text

from app.models import natural_id
from app.services.activities import ActivityData
from app.services.catalogue_values import PracticeData
from app.services.people import MembershipData, PersonData
from app.services.registry import Services
from app.services.sync.describe import field_label
from app.services.sync.inbox import Conflict
from app.services.sync.values import encode
from tests.services.sync.simulated import FAST_DISK, new_laptop, snapshot

ORGANISATION = "Asociación Vecinal"


@dataclass(frozen=True)
class Subject:
    """A record one laptop deletes while another edits it, and how to do both."""

    table: str
    record: str
    field: str  # the field the edit changes
    edited: str  # the edited value, as sync stores it (canonical JSON)
    delete: Callable[[Services], None]
    edit: Callable[[Services], None]
    state: Callable[[Services], tuple[bool, object]]  # (deleted?, the edited field's value)


def person(a: Services) -> Subject:
    """A person moved to the trash (soft delete); the edit is their email."""
    ana = a.people.save(PersonData(full_name="Ana García", email="ana@example.org"))
    pid = ana.id or ""

    def edit(s: Services) -> None:
        s.people.save(replace(s.people.get(pid), email="ana.nueva@example.org"))

    def state(s: Services) -> tuple[bool, object]:
        found = s.people.get(pid)
        return found.deleted_at is not None, found.email

    return Subject(
        "people",
        pid,
        "email",
        '"ana.nueva@example.org"',
        lambda s: s.people.delete([pid]),
        edit,
        state,
    )


def membership(a: Services) -> Subject:
    """A membership row removed outright (hard delete); the edit is its role."""
    ana = a.people.save(
        PersonData(full_name="Ana García", memberships=(MembershipData(None, ORGANISATION),))
    )
    pid, oid = ana.id or "", ana.memberships[0].organisation_id or ""
    record = natural_id("membership", pid, oid)

    def edit(s: Services) -> None:
        joined = MembershipData(oid, ORGANISATION, "board_member")
        s.people.save(replace(s.people.get(pid), memberships=(joined,)))

    return Subject(
        "memberships",
        record,
        "role",
        '"board_member"',
        lambda s: _remove(s, "memberships", record),
        edit,
        lambda s: _row(s, "memberships", "role", record),
    )


def handout_link(a: Services) -> Subject:
    """A good practice's link to an activity removed outright; the edit is its position."""
    first = a.catalogue.save(PracticeData(title="Huerto comunitario")).id or ""
    second = a.catalogue.save(PracticeData(title="Banco de tiempo")).id or ""
    forum = a.activities.save(ActivityData(title="Foro de barrio", practice_ids=(first, second)))
    record = natural_id("activity-practice", forum.id or "", first)

    def edit(s: Services) -> None:
        s.activities.save(replace(s.activities.get(forum.id or ""), practice_ids=(second, first)))

    return Subject(
        "activity_practices",
        record,
        "position",
        "2",
        lambda s: _remove(s, "activity_practices", record),
        edit,
        lambda s: _row(s, "activity_practices", "position", record),
    )


def _remove(services: Services, table: str, record: str) -> None:
    with services.db.session() as s:
        s.execute(text(f"DELETE FROM {table} WHERE id = :id"), {"id": record})


def _row(services: Services, table: str, column: str, record: str) -> tuple[bool, object]:
    with services.db.session() as s:
        found = s.execute(text(f"SELECT {column} FROM {table} WHERE id = :id"), {"id": record})
        row = found.one_or_none()
    return row is None, None if row is None else row[0]


SUBJECTS = {"person in the trash": person, "membership removed": membership}
SUBJECTS["handout link removed"] = handout_link


@dataclass
class Laptops:
    a: Services  # deletes
    b: Services  # edits
    subject: Subject

    def sync(self, *order: str) -> None:
        for name in order:
            getattr(self, name).sync.run_pass()

    def both_agree(self) -> tuple[bool, object]:
        """Both laptops hold the same rows, merged fields, operations and conflicts."""
        assert snapshot(self.a.db.engine) == snapshot(self.b.db.engine)
        assert self.subject.state(self.a) == self.subject.state(self.b)
        return self.subject.state(self.a)

    def edit_in_history(self) -> None:
        for services in (self.a, self.b):
            entries = services.sync.history(self.subject.table, self.subject.record)
            edits = [
                e
                for e in entries
                if (e.field, e.value) == (self.subject.field, self.subject.edited)
            ]
            assert edits and edits[0].device_name == "Laptop B"


@pytest.fixture(params=sorted(SUBJECTS))
def laptops(request: pytest.FixtureRequest) -> Iterator[Laptops]:
    """Laptop A made the record; both laptops have it."""
    with tempfile.TemporaryDirectory(dir=FAST_DISK) as base:
        yield from _laptops(Path(base), SUBJECTS[request.param])


def _laptops(base: Path, make: Callable[[Services], Subject]) -> Iterator[Laptops]:
    shared = base / "shared"
    shared.mkdir()
    pair = []
    for name in ("a", "b"):
        services = new_laptop(base / name)
        services.sync.set_up(shared, f"Laptop {name.upper()}")
        pair.append(services)
    subject = make(pair[0])
    laptops = Laptops(pair[0], pair[1], subject)
    laptops.sync("a", "b")
    assert subject.state(pair[1])[0] is False
    yield laptops
    for services in pair:
        services.sync.dispose()
        services.db.dispose()


def test_an_edit_the_deleting_laptop_had_seen_is_no_conflict(laptops: Laptops) -> None:
    laptops.subject.edit(laptops.b)
    laptops.sync("b", "a")
    laptops.subject.delete(laptops.a)
    laptops.sync("a", "b", "a")
    assert laptops.a.sync.conflicts() == [] and laptops.b.sync.conflicts() == []
    deleted, _ = laptops.both_agree()
    assert deleted
    laptops.edit_in_history()


def test_an_edit_made_after_seeing_the_deletion_is_no_conflict(laptops: Laptops) -> None:
    laptops.subject.delete(laptops.a)
    laptops.sync("a", "b")
    assert laptops.subject.state(laptops.b)[0]
    laptops.subject.edit(laptops.b)  # in the trash, or put back by the person on B
    laptops.sync("b", "a")
    assert laptops.a.sync.conflicts() == [] and laptops.b.sync.conflicts() == []
    deleted, value = laptops.both_agree()
    # A person in the trash stays there with the new email; a removed link B adds again is back.
    assert deleted is (laptops.subject.table == "people")
    assert encode(value) == laptops.subject.edited
    laptops.edit_in_history()


def _concurrently(laptops: Laptops, delete_first: bool) -> tuple[Conflict, Conflict]:
    """A deletes while B edits, neither seeing the other; both laptops then sync."""
    steps = [lambda: laptops.subject.delete(laptops.a), lambda: laptops.subject.edit(laptops.b)]
    for step in steps if delete_first else steps[::-1]:
        step()
    laptops.sync("a", "b", "a")
    on_a, on_b = laptops.a.sync.conflicts(), laptops.b.sync.conflicts()
    assert len(on_a) == len(on_b) == 1
    return on_a[0], on_b[0]


@pytest.mark.parametrize("delete_first", [True, False], ids=["deleted first", "edited first"])
def test_a_deletion_and_an_edit_unseen_by_each_other_are_shown_alike_on_both_laptops(
    laptops: Laptops, delete_first: bool
) -> None:
    on_a, on_b = _concurrently(laptops, delete_first)
    subject = laptops.subject
    for conflict in (on_a, on_b):
        assert (conflict.kind, conflict.table, conflict.record) == (
            "deleted",
            subject.table,
            subject.record,
        )
        assert conflict.current.device_name == "Laptop A"
        assert [v.device_name for v in conflict.others] == ["Laptop B"]
        assert conflict.others[0].value == subject.edited
        assert conflict.edited_fields == (field_label(subject.field),)
    assert replace(on_a, current=on_b.current, others=on_b.others) == on_b
    assert on_a.current.is_this_laptop and not on_b.current.is_this_laptop
    assert on_b.others[0].is_this_laptop and not on_a.others[0].is_this_laptop
    deleted, value = laptops.both_agree()
    assert deleted  # the deletion stands until a person settles it
    if subject.table == "people":
        assert encode(value) == subject.edited  # the edit is in the record, in the trash
    laptops.edit_in_history()


@pytest.mark.parametrize("restore", [True, False], ids=["restored", "kept deleted"])
@pytest.mark.parametrize("settler", ["a", "b"], ids=["settled on A", "settled on B"])
def test_settling_a_deletion_reaches_both_laptops_and_closes_it_everywhere(
    laptops: Laptops, restore: bool, settler: str
) -> None:
    conflict, _ = _concurrently(laptops, delete_first=settler == "a")
    on_settler = getattr(laptops, settler).sync.conflicts()[0]
    getattr(laptops, settler).sync.settle_deletion(on_settler, restore=restore)
    assert getattr(laptops, settler).sync.conflicts() == []
    laptops.sync(settler, "b" if settler == "a" else "a", settler)
    assert laptops.a.sync.conflicts() == [] and laptops.b.sync.conflicts() == []
    deleted, value = laptops.both_agree()
    assert deleted is not restore
    if restore or laptops.subject.table == "people":
        # Back (or still in the trash) with the other laptop's edit.
        assert encode(value) == laptops.subject.edited
    laptops.edit_in_history()
    assert conflict.kind == "deleted"


def trashed_then_removed(a: Services) -> Subject:
    """A person moved to the trash, then removed outright on the same laptop."""
    subject = person(a)

    def delete(s: Services) -> None:
        subject.delete(s)
        _remove(s, "people", subject.record)

    def state(s: Services) -> tuple[bool, object]:
        gone, email = _row(s, "people", "email", subject.record)
        trashed = _row(s, "people", "deleted_at", subject.record)[1] is not None
        return gone or trashed, email

    return replace(subject, delete=delete, state=state)


@pytest.mark.parametrize("restore", [True, False])
def test_a_record_trashed_then_removed_while_edited_is_one_conflict_settled_once(
    restore: bool,
) -> None:
    with tempfile.TemporaryDirectory(dir=FAST_DISK) as base:
        for laptops in _laptops(Path(base), trashed_then_removed):
            on_a, on_b = _concurrently(laptops, delete_first=True)
            for conflict in (on_a, on_b):
                assert conflict.current.value == "true"  # the removal, as the inbox shows it
                assert [v.value for v in conflict.others] == [laptops.subject.edited]
            laptops.b.sync.settle_deletion(on_b, restore=restore)
            laptops.sync("b", "a", "b")
            assert laptops.a.sync.conflicts() == [] and laptops.b.sync.conflicts() == []
            deleted, value = laptops.both_agree()
            assert deleted is not restore
            assert value == (None if not restore else "ana.nueva@example.org")
