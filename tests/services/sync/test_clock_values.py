"""The pieces under the merge: the hybrid logical clock, values as canonical JSON, and which
tables sync."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.models import Base
from app.services.registry import Services
from app.services.sync import clock, values
from app.services.sync.capture import TRIGGER_PREFIX
from app.services.sync.tables import synced_tables

A = "00000000-0000-4000-8000-00000000000a"
B = "00000000-0000-4000-8000-00000000000b"
NOW = 1_764_300_000_000
MAX_COUNTER = 99_999

# -- the clock -----------------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 4_000_000_000_000), min_size=1, max_size=60))
def test_stamps_only_go_forward_whatever_the_wall_clock_does(walls: list[int]) -> None:
    """The wall clock jumps back and forth (corrected, changed by hand): stamps still grow."""
    last = ""
    for wall in walls:
        stamp = clock.tick(last, A, wall)
        assert clock.is_stamp(stamp) and clock.device_of(stamp) == A
        assert stamp > last
        assert clock.wall_ms(stamp) >= wall
        last = stamp


def test_a_stamp_follows_the_wall_clock_when_it_is_ahead() -> None:
    first = clock.tick("", A, NOW)
    assert first == clock.make(NOW, 0, A)
    assert clock.tick(first, A, NOW + 5) == clock.make(NOW + 5, 0, A)


def test_within_one_millisecond_the_counter_counts() -> None:
    first = clock.tick("", A, NOW)
    second = clock.tick(first, A, NOW)
    third = clock.tick(second, A, NOW - 1_000)  # the wall clock went back a second
    assert (second, third) == (clock.make(NOW, 1, A), clock.make(NOW, 2, A))


def test_a_full_counter_moves_on_to_the_next_millisecond() -> None:
    full = clock.make(NOW, MAX_COUNTER, A)
    after = clock.tick(full, A, NOW)
    assert after == clock.make(NOW + 1, 0, A)
    assert after > full and clock.tick(after, A, NOW) > after


def test_an_edit_made_after_seeing_a_laptop_whose_clock_is_days_ahead_wins() -> None:
    """Laptop B's clock is three days ahead; laptop A, after reading B's change, edits: A's
    stamp is later, though A's wall clock says otherwise."""
    theirs = clock.tick("", B, NOW + 3 * 86_400_000)
    mine = clock.tick(theirs, A, NOW)  # the clock was moved past the stamp read
    assert mine > theirs and clock.device_of(mine) == A


def test_the_same_moment_on_two_laptops_is_ordered_by_laptop() -> None:
    ours, theirs = clock.tick("", A, NOW), clock.tick("", B, NOW)
    assert ours != theirs and sorted([theirs, ours]) == [ours, theirs]


@given(
    st.tuples(st.integers(0, 10**13 - 1), st.integers(0, MAX_COUNTER)),
    st.tuples(st.integers(0, 10**13 - 1), st.integers(0, MAX_COUNTER)),
)
def test_stamps_sort_as_text_in_time_order(one: tuple[int, int], other: tuple[int, int]) -> None:
    """Stamps are compared as text everywhere (SQL included): that order is the time order."""
    first, second = clock.make(*one, A), clock.make(*other, A)
    assert (first < second) == (one < other)
    assert clock.is_stamp(first) and clock.wall_ms(first) == one[0]


def test_what_is_not_a_stamp_is_refused() -> None:
    for text in ("", "yesterday", "1764300000000.00000.", "1764300000000-00000-x", 17643, None):
        assert not clock.is_stamp(text), text


# -- values --------------------------------------------------------------------------------------

SQLITE_VALUES = st.one_of(
    st.none(),
    st.integers(-(2**63), 2**63 - 1),
    st.floats(allow_nan=False),
    st.text(),
    st.binary(),
)


@settings(max_examples=200, deadline=None)
@given(SQLITE_VALUES)
def test_every_value_sqlite_holds_comes_back_the_same(raw: object) -> None:
    text = values.encode(raw)
    back = values.decode(text)
    assert back == raw and type(back) is type(raw)
    assert values.encode(back) == text  # one canonical text per value


@settings(max_examples=100, deadline=None)
@given(SQLITE_VALUES)
def test_a_value_written_back_to_sqlite_reads_the_same(raw: object) -> None:
    """What another laptop's row holds is what this laptop's row holds after the merge."""
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE t (v)")
    db.execute("INSERT INTO t VALUES (?)", (values.decode(values.encode(raw)),))
    (stored,) = db.execute("SELECT v FROM t").fetchone()
    assert values.encode(stored) == values.encode(raw)


def test_text_that_looks_like_json_stays_text() -> None:
    for raw in (
        "Ana García",
        'comillas "dobles" y \\barras\\',
        "línea\nnueva\ttab\r",
        "李小龙 🎉 \u2028 \u00a0",
        "",
        '"',
        "null",
        '{"$b64": "AAAA"}',
    ):
        assert values.decode(values.encode(raw)) == raw, raw


def test_bytes_travel_as_base64_whatever_their_python_type() -> None:
    data = bytes(range(256))
    for raw in (data, bytearray(data), memoryview(data)):
        assert values.decode(values.encode(raw)) == data
    assert values.encode(b"\x00\xff").startswith('{"$b64":')


def test_an_attachment_travels_as_a_reference_to_its_file() -> None:
    data = b"%PDF-1.7 a handout"
    value = values.encode_field("attachment_blobs", "data", data)
    assert values.blob_hash(value) == hashlib.sha256(data).hexdigest()
    assert values.encode_field("signing_keys", "public_key", data) == values.encode(data)
    assert values.blob_hash(values.encode("$blob")) is None
    with pytest.raises(ValueError):
        values.decode(value)  # read from the exchange folder, not from the value


def test_values_are_shown_in_plain_words() -> None:
    assert values.shown(values.encode(None)) == ""
    assert values.shown(values.encode(b"12345")) == "[5 B]"
    assert values.shown(values.encode(1.5)) == "1.5"
    long = values.shown(values.encode("x" * 1000), limit=10)
    assert long == "x" * 9 + "…"


# -- which tables sync ---------------------------------------------------------------------------


def test_every_programme_table_syncs_and_no_sync_table_does() -> None:
    models = {name for name in Base.metadata.tables if not name.startswith("sync_")}
    assert set(synced_tables()) == models
    assert all(not name.startswith("sync_") for name in synced_tables())


def test_parents_come_before_their_children() -> None:
    """Rows are rebuilt in this order, so a parent arriving with its child is written first."""
    order = list(synced_tables())
    for name in order:
        for key in Base.metadata.tables[name].foreign_keys:
            parent = key.column.table.name
            assert parent == name or order.index(parent) < order.index(name), (name, parent)


def test_the_migrated_database_has_exactly_the_synced_tables_and_columns(
    services: Services,
) -> None:
    """Capture reads the database's columns, merge writes the models' columns: they must agree,
    or a column would travel one way only."""
    with services.db.engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT name, sql FROM sqlite_master WHERE type = 'table'")
        tables = dict(rows.fetchall())
        virtual = [n for n, sql in tables.items() if sql.upper().startswith("CREATE VIRTUAL")]
        programme = {
            name
            for name in tables
            if name != "alembic_version"
            and not name.startswith(("sync_", "sqlite_"))
            and not any(name == v or name.startswith(f"{v}_") for v in virtual)
        }
        assert programme == set(synced_tables())
        for name, table in synced_tables().items():
            found = [r[1] for r in conn.exec_driver_sql(f'PRAGMA table_info("{name}")')]
            assert sorted(found) == sorted(table.columns), name


def test_setting_up_sync_watches_every_synced_table(services: Services, tmp_path: Path) -> None:
    services.sync.set_up(tmp_path, "Laptop A")
    with services.db.engine.connect() as conn:
        names = {
            r[0]
            for r in conn.exec_driver_sql(
                "SELECT tbl_name FROM sqlite_master WHERE type = 'trigger' AND name LIKE ?",
                (TRIGGER_PREFIX + "%",),
            )
        }
        counts = conn.exec_driver_sql(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE ?",
            (TRIGGER_PREFIX + "%",),
        ).scalar_one()
    assert names == set(synced_tables())
    assert counts == 3 * len(synced_tables())  # insert, update, delete
    services.sync.dispose()
