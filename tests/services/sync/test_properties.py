"""Property tests of the sync engine: random changes on 2 to 5 laptops with skewed clocks,
delivered in random orders and more than once, end the same everywhere and lose nothing.

The laptops are simulated (tests/services/sync/simulated.py): in-memory databases exchanging
operation batches. One test runs the real program on real data folders and real files.
"""

from __future__ import annotations

import os
import random
import tempfile
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from app.errors import NotFoundError, ValidationError
from app.models import natural_id
from app.services.people import MembershipData, PersonData
from app.services.registry import Services
from app.services.sync.clock import device_of, saw
from app.services.sync.inbox import history, keep_value, open_conflicts, settle_deletion
from app.services.sync.ops import Op
from tests.services.sync.simulated import DAY_MS, FAST_DISK, Office, World, snapshot

PEOPLE = tuple(natural_id("sim-person", str(i)) for i in range(2))
ORGANISATION = natural_id("sim-organisation", "0")
RECORDS = (
    *(("people", p, {}) for p in PEOPLE),
    ("organisations", ORGANISATION, {}),
    *(
        (
            "memberships",
            natural_id("membership", p, ORGANISATION),
            {"person_id": p, "organisation_id": ORGANISATION},
        )
        for p in PEOPLE
    ),
)
EDITS: dict[str, tuple[tuple[str, tuple[object, ...]], ...]] = {
    "people": (
        ("full_name", ("Ana", "Ána Núñez", "李小龙 🎉")),
        ("phone", ("", "600 000 000", "+34 611")),
        ("notes", ("", 'línea\n"dos" \\ tres', "x" * 300)),
        ("birth_year", (None, 1980, 1991)),
    ),
    "organisations": (
        ("name", ("Acme", "Açme")),
        ("staff_count", (None, 0, 12)),
        ("areas_of_action", ("[]", '["youth","health"]')),
    ),
    "memberships": (("role", ("member", "board_member", "staff")),),
}
QUIET = ("created_at", "updated_at")
SKEWS = (0, 0, 1, -1, 2_000, -90_000, 3 * DAY_MS, -2 * DAY_MS, 123_456_789, -7_654_321)
WAITS = (0, 0, 1, 1, 1_000, 60_000, DAY_MS)
# Edits are the commonest step; every kind of step is drawn often enough to meet the others.
KINDS = (
    *["edit"] * 6,
    "trash",
    "untrash",
    "remove",
    *["publish"] * 3,
    *["deliver"] * 4,
    "resolve",
    "resolve",
    "wait",
    "wait",
    "set_clock",
)


def _steps(count: int) -> st.SearchStrategy[tuple[str, int, int, int, int]]:
    """(kind, laptop, a, b, c): the numbers pick what the kind needs (record, field, value...)."""
    small = st.integers(0, 99)
    return st.tuples(st.sampled_from(KINDS), st.integers(0, count - 1), small, small, small)


@dataclass
class Scenario:
    skews: list[int]
    steps: list[tuple[object, ...]]
    rng: random.Random


@st.composite
def scenarios(draw: st.DrawFn) -> Scenario:
    count = draw(st.integers(2, 5))
    skews = draw(st.lists(st.sampled_from(SKEWS), min_size=count, max_size=count))
    steps = draw(st.lists(_steps(count), min_size=15, max_size=40))
    return Scenario(skews, steps, draw(st.randoms(use_true_random=False)))


class Run:
    """Plays a scenario on simulated laptops, which all start with the records laptop 0 made.
    With ``recheck``, every batch a laptop already has is applied again and must change
    nothing."""

    def __init__(self, scenario: Scenario, *, recheck: bool = False):
        self.world = World.make(scenario.skews)
        self.rng = scenario.rng
        self.recheck = recheck
        self.has: dict[int, set[int]] = defaultdict(set)  # batches each laptop applied
        for record in range(len(RECORDS)):
            self._edit(0, record, 0, 0)
        self._publish(0)
        for laptop in range(1, len(self.world.laptops)):
            self._deliver(laptop, 0)
        for kind, laptop, a, b, c in scenario.steps:
            getattr(self, f"_{kind}")(laptop, a, b, c)

    def _edit(self, laptop: int, record: int, field: int, value: int) -> None:
        table, key, parents = RECORDS[record % len(RECORDS)]
        name, choices = EDITS[table][field % len(EDITS[table])]
        values = {**parents, name: choices[value % len(choices)]}
        self.world.write(self.world.laptops[laptop], table, key, values)

    def _trash(self, laptop: int, record: int, *_: int, back: bool = False) -> None:
        table, key, _ = RECORDS[record % len(RECORDS)]
        device = self.world.laptops[laptop]
        now = self.world.wall_text(device)
        self.world.sql(
            device,
            f'UPDATE "{table}" SET deleted_at = ?, updated_at = ? WHERE id = ? '
            "AND (deleted_at IS NULL) = ?",
            (None if back else now, now, key, not back),
        )

    def _untrash(self, laptop: int, record: int, *_: int) -> None:
        self._trash(laptop, record, back=True)

    def _remove(self, laptop: int, record: int, *_: int) -> None:
        table, key, _ = RECORDS[record % len(RECORDS)]
        self.world.sql(self.world.laptops[laptop], f'DELETE FROM "{table}" WHERE id = ?', (key,))

    def _publish(self, laptop: int, *_: int) -> None:
        if self.world.publish(self.world.laptops[laptop]) is not None:
            self.has[laptop].add(len(self.world.folder) - 1)

    def _deliver(self, laptop: int, which: int, *_: int) -> None:
        if not self.world.folder:
            return
        index = which % len(self.world.folder)
        device = self.world.laptops[laptop]
        before = snapshot(device.engine) if self.recheck and index in self.has[laptop] else None
        self.world.receive(device, self.world.folder[index].ops)
        self.has[laptop].add(index)
        if before is not None:
            assert snapshot(device.engine) == before, "a batch applied twice changed something"

    def _resolve(self, laptop: int, which: int, choice: int, *_: int) -> None:
        device = self.world.laptops[laptop]
        with self.world.acting(device) as conn:
            found = open_conflicts(conn, device.device)
            if not found:
                return
            conflict = found[which % len(found)]
            if conflict.kind == "deleted":
                settle_deletion(conn, conflict, restore=choice % 2 == 0)
            else:
                values = [conflict.current.value, *(v.value for v in conflict.others)]
                keep_value(conn, conflict, values[choice % len(values)])

    def _wait(self, _laptop: int, which: int, *_: int) -> None:
        self.world.now += WAITS[which % len(WAITS)]

    def _set_clock(self, laptop: int, which: int, *_: int) -> None:
        """A laptop's clock corrected (backwards too)."""
        self.world.laptops[laptop].skew_ms = SKEWS[which % len(SKEWS)]

    def settle(self) -> None:
        """Every laptop publishes, then receives every batch, shuffled and some twice."""
        for device in self.world.laptops:
            self.world.publish(device)
        folder = self.world.folder
        for device in self.world.laptops:
            order = [*folder, *self.rng.sample(folder, min(3, len(folder)))]
            self.rng.shuffle(order)
            for batch in order:
                self.world.receive(device, batch.ops)
        assert all(self.world.publish(d) is None for d in self.world.laptops)


# TEJIDO_SYNC_EXAMPLES=2000 for a long hunt; 40 keeps the file fast.
FAST = settings(max_examples=int(os.environ.get("TEJIDO_SYNC_EXAMPLES", "40")), deadline=None)


@FAST
@given(scenarios())
def test_every_laptop_ends_with_the_same_data_and_the_same_conflicts(scenario: Scenario) -> None:
    run = Run(scenario)
    run.settle()
    first, *others = [snapshot(d.engine) for d in run.world.laptops]
    for other in others:
        assert other.keys() == first.keys()
        for part in first:
            assert other[part] == first[part], part


@FAST
@given(scenarios())
def test_applying_anything_twice_changes_nothing(scenario: Scenario) -> None:
    run = Run(scenario, recheck=True)
    run.settle()
    world = run.world
    for device in world.laptops:
        before = snapshot(device.engine)
        everything = [op for batch in world.folder for op in batch.ops]
        run.rng.shuffle(everything)
        world.receive(device, everything)  # all at once, in any order
        for batch in world.folder[::-1]:
            world.receive(device, batch.ops)
        assert snapshot(device.engine) == before
        # The rows are exactly what the merged fields say: comparing them makes no change.
        assert world.recapture_everything(device) == 0


@FAST
@given(scenarios())
def test_no_value_is_dropped_silently(scenario: Scenario) -> None:
    run = Run(scenario)
    run.settle()
    device = run.world.laptops[0]
    state = snapshot(device.engine)
    ops = [Op(*row) for row in state["sync_ops"]]
    by_field: dict[tuple[str, str, str], list[Op]] = defaultdict(list)
    for op in ops:
        by_field[(op.table, op.record, op.field)].append(op)
    fields = {(t, r, f): (v, h, b, rb) for t, r, f, v, h, b, rb in state["sync_fields"]}
    conflicts = {(t, r, f, loser): (kind, w) for t, r, f, loser, kind, w in state["sync_conflicts"]}
    for key, field_ops in by_field.items():
        value, hlc, base, _ = fields[key]
        assert hlc == max(op.hlc for op in field_ops), "the latest stamp wins"
        for op in field_ops:
            assert (
                op.hlc == hlc
                or op.value == value
                or key[2] in QUIET
                or key[2].endswith("_key")
                or (key[2] == "deleted_at" and "null" not in (op.value, value))
                or saw(base, op.hlc)  # the winner's author had seen it
                or any(  # superseded by someone who had seen it, or its value was seen
                    p.hlc != op.hlc
                    and (saw(p.base, op.hlc) or (p.value == op.value and saw(base, p.hlc)))
                    for p in field_ops
                )
                or conflicts.get((*key, op.hlc), ("",))[0] == "field"
            ), f"{op} lost to {value} without a conflict"
    for (table, record, field, loser), (kind, winner) in conflicts.items():
        assert (table, record) in {(k[0], k[1]) for k in by_field}
        if kind == "field":
            assert fields[(table, record, field)][1] == winner
            assert any(
                op.hlc == loser and op.value != fields[(table, record, field)][0]
                for op in by_field[(table, record, field)]
            )
    _every_deletion_against_an_unseen_edit_is_shown(by_field, fields, conflicts)
    _every_value_is_in_the_history(device, by_field)
    _deletions_are_shown_as_deletions(device)


def _every_deletion_against_an_unseen_edit_is_shown(by_field, fields, conflicts) -> None:  # type: ignore[no-untyped-def]
    """The deletion in force (the row's removal, else its trashing) and an edit made on another
    laptop without either seeing the other are shown (unless the deleting laptop had written the
    same value: then nothing of the edit is lost)."""
    shown = {(t, r) for (t, r, _, _), (kind, _) in conflicts.items() if kind == "deleted"}
    for table, record in {(t, r) for t, r, _ in fields}:
        removed, trashed = (
            fields.get((table, record, "_deleted")),
            fields.get((table, record, "deleted_at")),
        )
        if removed and removed[0] == "true":
            _, hlc, _, rbase = removed
        elif trashed and trashed[0] != "null":
            _, hlc, _, rbase = trashed
        else:
            continue
        unseen = [
            op
            for (t, r, f), field_ops in by_field.items()
            if (t, r) == (table, record) and f not in (*QUIET, "deleted_at", "_deleted")
            for op in field_ops
            if device_of(op.hlc) != device_of(hlc)
            and not saw(rbase, op.hlc)
            and not saw(op.rbase, hlc)
            and not any(  # the deleting laptop had written that same value itself
                device_of(x.hlc) == device_of(hlc) and x.hlc <= hlc and x.value == op.value
                for x in field_ops
            )
        ]
        assert not unseen or (table, record) in shown, f"{table} deleted while edited, unshown"


def _deletions_are_shown_as_deletions(device) -> None:  # type: ignore[no-untyped-def]
    """One "deleted while edited" per record, showing the deletion that is in force."""
    with device.engine.connect() as conn:
        shown = [c for c in open_conflicts(conn, device.device) if c.kind == "deleted"]
        for conflict in shown:
            in_force = dict(
                conn.exec_driver_sql(
                    "SELECT field, hlc FROM sync_fields WHERE table_name = ? AND record_id = ? "
                    "AND field IN ('_deleted', 'deleted_at')",
                    (conflict.table, conflict.record),
                ).fetchall()
            )
            assert conflict.current.value not in ("null", "false")
            assert conflict.current.hlc in in_force.values()
        assert len({(c.table, c.record) for c in shown}) == len(shown)


def _every_value_is_in_the_history(device, by_field) -> None:  # type: ignore[no-untyped-def]
    with device.engine.connect() as conn:
        for table, record in {(t, r) for t, r, _ in by_field}:
            listed = {(h.hlc, h.field, h.value) for h in history(conn, table, record)}
            for (t, r, field), field_ops in by_field.items():
                if (t, r) != (table, record) or field in QUIET or field.endswith("_key"):
                    continue
                if field == "id":
                    continue
                for op in field_ops:
                    assert (op.hlc, op.field, op.value) in listed


@pytest.mark.parametrize("saves", [1, 2, 3])
def test_a_change_the_other_laptop_never_saw_is_shown_however_often_it_saved(saves: int) -> None:
    """Laptop A changes a phone number offline; laptop B, never having seen that, changes it
    too (and saves again). A's number must not vanish without being shown."""
    world = World.make([0, 0])
    a, b = world.laptops
    world.write(a, "people", PEOPLE[0], {"full_name": "Ana", "phone": ""})
    made = world.publish(a)
    assert made is not None
    world.receive(b, made.ops)
    for laptop, phone in ((a, "600 A"), *[(b, f"61{n} B") for n in range(saves)]):
        world.now += 1_000
        world.write(laptop, "people", PEOPLE[0], {"phone": phone})
    from_a, from_b = world.publish(a), world.publish(b)
    assert from_a and from_b
    world.receive(a, from_b.ops)
    world.receive(b, from_a.ops)
    for laptop in (a, b):
        conflicts = snapshot(laptop.engine)["sync_conflicts"]
        assert [(c[2], c[4]) for c in conflicts] == [("phone", "field")]


# -- the real program, on real data folders and real files --------------------------------

NAMES = ("Ana García", "Bea Núñez", "Chen Li")
PHONES = ("", "600 111 222", "611 333 444")
ORGANISATION_NAMES = ("Asociación Vecinal", "Red de Mujeres")
REAL_KINDS = (
    *["edit"] * 4,
    "new",
    "delete",
    "restore",
    "join",
    "unlink",
    "resolve",
    "resolve",
    "pass",
    "copy",
    *["sync"] * 4,
)


class RealRun:
    """Plays steps on real laptops (see ``Office``); expected refusals (a person not arrived
    yet, or trashed) are skipped as a person would see them and move on."""

    def __init__(self, office: Office, rng: random.Random):
        self.office, self.rng, self.people = office, rng, []

    def step(self, kind: str, laptop: int, a: int, b: int) -> None:
        with self.office.acting(laptop) as services:
            try:
                getattr(self, f"_{kind}")(services, laptop, a, b)
            except (NotFoundError, ValidationError):
                pass

    def _person(self, services: Services, a: int) -> PersonData:
        if not self.people:
            raise NotFoundError("nobody yet")
        return services.people.get(self.people[a % len(self.people)])

    def _new(self, services: Services, _laptop: int, a: int, _b: int) -> None:
        self.people.append(services.people.save(PersonData(full_name=NAMES[a % 3])).id or "")

    def _edit(self, services: Services, _laptop: int, a: int, b: int) -> None:
        person = self._person(services, a)
        change = (
            {"phone": PHONES[b % 3]} if b % 2 else {"notes": f"nota {b}", "full_name": NAMES[b % 3]}
        )
        services.people.save(replace(person, **change))

    def _delete(self, services: Services, _laptop: int, a: int, _b: int) -> None:
        services.people.delete([self._person(services, a).id or ""])

    def _restore(self, services: Services, _laptop: int, a: int, _b: int) -> None:
        services.people.restore([self._person(services, a).id or ""])

    def _join(self, services: Services, _laptop: int, a: int, b: int) -> None:
        person = self._person(services, a)
        joined = MembershipData(None, ORGANISATION_NAMES[b % 2], ("member", "board_member")[b % 2])
        services.people.save(replace(person, memberships=(joined,)))

    def _unlink(self, services: Services, _laptop: int, a: int, _b: int) -> None:
        person = self._person(services, a)
        with services.db.session() as s:
            s.execute(text("DELETE FROM memberships WHERE person_id = :p"), {"p": person.id})

    def _resolve(self, services: Services, _laptop: int, a: int, b: int) -> None:
        found = services.sync.conflicts()
        if found:
            conflict = found[a % len(found)]
            if conflict.kind == "deleted":
                services.sync.settle_deletion(conflict, restore=b % 2 == 0)
            else:
                services.sync.keep(conflict, (conflict.current, *conflict.others)[b % 2].value)

    def _pass(self, services: Services, *_: int) -> None:
        result = services.sync.run_pass()
        assert not result.incomplete and not result.new_identity

    def _copy(self, _services: Services, laptop: int, a: int, _b: int) -> None:
        self.office.copy_files(a % len(self.office.laptops), laptop, self.rng)

    def _sync(self, services: Services, laptop: int, a: int, b: int) -> None:
        """Another laptop syncs, some of its files reach this one, which syncs."""
        source = a % len(self.office.laptops)
        with self.office.acting(source) as other:
            self._pass(other)
        self._copy(services, laptop, a, b)
        self._pass(services)

    def seed(self) -> None:
        """Laptop 0 enters two people, one with an organisation; everyone gets them."""
        with self.office.acting(0) as services:
            self._new(services, 0, 0, 0)
            self._new(services, 0, 1, 0)
            self._join(services, 0, 0, 0)
        for laptop in range(len(self.office.laptops)):
            with self.office.acting(laptop) as services:
                self._pass(services)
        self.office.copy_everything()


@settings(max_examples=int(os.environ.get("TEJIDO_SYNC_EXAMPLES", "10")), deadline=None)
@given(
    skews=st.lists(st.sampled_from(SKEWS), min_size=3, max_size=3),
    steps=st.lists(
        st.tuples(
            st.sampled_from(REAL_KINDS), st.integers(0, 2), st.integers(0, 99), st.integers(0, 99)
        ),
        min_size=10,
        max_size=30,
    ),
    seed=st.integers(0, 2**32),
)
def test_real_laptops_converge_through_segment_files(skews, steps, seed) -> None:  # type: ignore[no-untyped-def]
    with tempfile.TemporaryDirectory(dir=FAST_DISK) as base:
        office = Office.make(Path(base), skews)
        try:
            run = RealRun(office, random.Random(seed))
            run.seed()
            for kind, laptop, a, b in steps:
                run.step(kind, laptop, a, b)
            for round_ in range(3):
                for laptop in range(3):
                    with office.acting(laptop) as services:
                        result = services.sync.run_pass()
                    assert not result.incomplete and not (round_ == 2 and result.exported)
                office.copy_everything()
            first, *others = [snapshot(services.db.engine) for services in office.laptops]
            for other in others:
                assert other == first
        finally:
            office.close()
