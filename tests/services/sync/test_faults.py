"""Sync on real folders when things go wrong: the program dies at each step of a pass, files
arrive cut short, damaged, renamed, late or in the wrong order, and the folder goes away.
Whatever happens, nothing is lost, nothing is applied by halves, and the laptops converge."""

from __future__ import annotations

import random
import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from app.errors import ValidationError
from app.services.registry import Services
from app.services.sync import exchange as exchange_module
from app.services.sync import export, ingest, merge, service
from app.services.sync.exchange import Exchange
from tests.services.sync.faults_helpers import (
    Killed,
    Pair,
    add_people,
    assert_no_seq_reused,
    assert_published_once,
    assert_same,
    exchange,
    incomplete_files,
    live_names,
    log_files,
    make_pair,
    one_segment,
    ops_from,
    own_segments,
    passes,
    pending,
    relative,
    reopen,
    touch_later,
)


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[Pair]:
    yield from make_pair(tmp_path)


# -- the program dies --------------------------------------------------------------------------


def die(*_args: object, **_kwargs: object) -> None:
    raise Killed


def applied_then_die(conn, ops, read_blob=None, changed=None):  # type: ignore[no-untyped-def]
    merge.apply_remote(conn, ops, read_blob, changed)
    raise Killed


def half_written(path: Path, data: bytes) -> None:
    """Dies while writing: half the file under its temporary name, left behind."""
    path.with_name(f".{path.name}.0badf00d.tmp").write_bytes(data[: len(data) // 2])
    raise Killed


EXPORT_STEPS = {
    "numbered, file not written": (Exchange, "publish", die),
    "half written under a temporary name": (exchange_module, "atomic_write", half_written),
    "file written, not marked published": (export, "_mark_published", die),
}
INGEST_STEPS = {
    "halfway through applying": (merge, "materialize", die),
    "applied, not committed": (ingest, "apply_remote", applied_then_die),
}


@pytest.mark.parametrize("step", EXPORT_STEPS)
def test_dying_while_publishing_loses_nothing_and_reuses_no_number(
    pair: Pair, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    add_people(pair.a, "Ana García")
    pair.a.sync.run_pass()
    add_people(pair.a, "Berta Ruiz")
    with monkeypatch.context() as patched:
        patched.setattr(*EXPORT_STEPS[step])
        with pytest.raises(Killed):
            pair.a.sync.run_pass()
    pair.a = reopen(pair.a)
    add_people(pair.a, "Carla Vidal")  # work goes on before the next pass
    pair.a.sync.run_pass()
    assert pending(pair.a) == 0
    passes(pair.b, pair.a)
    assert live_names(pair.b) == {"Ana García", "Berta Ruiz", "Carla Vidal"}
    assert incomplete_files(pair.b) == []  # a temporary file left behind is not a segment
    assert_same(pair.a, pair.b)
    assert_no_seq_reused(pair.root)
    assert_published_once(pair.root, pair.a.sync.settings().device_id)
    assert pair.a.sync.run_pass().exported == 0


@pytest.mark.parametrize("step", INGEST_STEPS)
def test_dying_while_applying_leaves_nothing_half_done(
    pair: Pair, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    add_people(pair.a, "Ana García", "Berta Ruiz")
    pair.a.sync.run_pass()
    add_people(pair.b, "Dora Sanz")  # B's own work waiting to go out
    before = pending(pair.b)
    with monkeypatch.context() as patched:
        patched.setattr(*INGEST_STEPS[step])
        with pytest.raises(Killed):
            pair.b.sync.run_pass()
    assert live_names(pair.b) == {"Dora Sanz"}
    assert pending(pair.b) == before and ops_from(pair.b, pair.a) == 0
    pair.b = reopen(pair.b)
    result = pair.b.sync.run_pass()
    assert (result.ingested, result.incomplete) == (1, [])
    passes(pair.a, pair.b)
    assert live_names(pair.a) == live_names(pair.b) == {"Ana García", "Berta Ruiz", "Dora Sanz"}
    assert_same(pair.a, pair.b)
    assert_no_seq_reused(pair.root)


# -- damaged files -----------------------------------------------------------------------------


def deliver(path: Path, data: bytes) -> None:
    path.write_bytes(data)
    touch_later(path)


@pytest.mark.parametrize("seed", range(2))
def test_a_segment_cut_short_waits_and_is_read_once_whole(pair: Pair, seed: int) -> None:
    path, good = one_segment(pair)
    cuts = sorted(random.Random(seed).sample(range(1, len(good)), 6), reverse=True) + [0]
    for cut in cuts:
        deliver(path, good[:cut])
        result = pair.b.sync.run_pass()
        assert relative(pair.b, path) in [file for file, _problem in result.incomplete]
        assert incomplete_files(pair.b) == [relative(pair.b, path)]
        assert live_names(pair.b) == set() and ops_from(pair.b, pair.a) == 0 and path.exists()
    deliver(path, good)
    result = pair.b.sync.run_pass()
    assert (result.ingested, result.incomplete) == (1, [])
    assert incomplete_files(pair.b) == []
    assert_same(pair.a, pair.b)


@pytest.mark.parametrize("seed", range(2))
def test_flipped_bytes_are_never_applied(pair: Pair, seed: int) -> None:
    path, good = one_segment(pair)
    body_at = good.index(b"\n") + 1
    rng = random.Random(seed)
    for at in rng.sample(range(body_at, len(good)), 5):
        damaged = bytearray(good)
        damaged[at] ^= 1 << rng.randrange(8)
        deliver(path, bytes(damaged))
        result = pair.b.sync.run_pass()
        assert result.ingested == 0 and live_names(pair.b) == set()
        assert ops_from(pair.b, pair.a) == 0
        assert incomplete_files(pair.b) == [relative(pair.b, path)]
    deliver(path, good)
    assert pair.b.sync.run_pass().ingested == 1
    assert_same(pair.a, pair.b)


def flipped_in_header(good: bytes, key: str) -> bytes:
    at = good.index(f'"{key}":'.encode()) + len(key) + 3
    at += good[at : at + 1] == b'"'  # the first character of the value
    damaged = bytearray(good)
    damaged[at] ^= 0x04
    return bytes(damaged)


def test_a_damaged_header_is_either_waited_for_or_read_whole(pair: Pair) -> None:
    path, good = one_segment(pair)
    for key in ("format", "version", "sha256", "length"):
        deliver(path, flipped_in_header(good, key))
        result = pair.b.sync.run_pass()
        assert result.ingested == 0 and result.incomplete and live_names(pair.b) == set()
    deliver(path, flipped_in_header(good, "device"))  # the content says it again, hash intact
    assert pair.b.sync.run_pass().ingested == 1
    assert_same(pair.a, pair.b)


# -- copies under other names, late and out of order ---------------------------------------------

COPY_NAMES = [
    "{stem} (Laptop B's conflicted copy 2026-11-28).json",
    "{stem}.sync-conflict-20261128-101010-ABCDEFG.json",
    "{stem}-LAPTOP-B.json",
]


def test_conflicted_copies_of_a_segment_are_harmless_and_read_once(pair: Pair) -> None:
    path, good = one_segment(pair)
    for name in COPY_NAMES:
        shutil.copy2(path, path.with_name(name.format(stem=path.stem)))
    copied_elsewhere = exchange(pair.b) / "devices" / pair.b.sync.settings().device_id / "log"
    copied_elsewhere.mkdir(exist_ok=True)
    shutil.copy2(path, copied_elsewhere / path.name)  # moved about on a USB stick
    result = pair.b.sync.run_pass()
    assert (result.ingested, result.incomplete) == (1, [])
    assert len(live_names(pair.b)) == 6
    assert pair.b.sync.run_pass().ingested == 0
    again = pair.a.sync.run_pass()
    assert (again.ingested, again.new_identity, again.incomplete) == (0, False, [])
    assert_same(pair.a, pair.b)
    assert all(p.exists() for p in log_files(exchange(pair.a)))


def test_a_copy_read_first_makes_the_original_a_duplicate(pair: Pair) -> None:
    path, good = one_segment(pair)
    kept = path.with_name(COPY_NAMES[1].format(stem=path.stem))
    path.rename(kept)
    assert pair.b.sync.run_pass().ingested == 1
    shutil.copy2(kept, path)
    assert pair.b.sync.run_pass().ingested == 0
    assert_same(pair.a, pair.b)


def test_a_damaged_copy_does_not_hold_up_the_good_original(pair: Pair) -> None:
    path, good = one_segment(pair)
    for name in COPY_NAMES:
        path.with_name(name.format(stem=path.stem)).write_bytes(good[: len(good) // 2])
    result = pair.b.sync.run_pass()
    assert result.ingested == 1 and len(live_names(pair.b)) == 6
    assert_same(pair.a, pair.b)


def test_segments_missing_for_a_while_and_arriving_out_of_order_converge(
    pair: Pair, tmp_path: Path
) -> None:
    [ana] = add_people(pair.a, "Ana García")
    pair.a.sync.run_pass()
    pair.a.people.save(replace(pair.a.people.get(ana), phone="111"))
    add_people(pair.a, "Berta Ruiz")
    pair.a.sync.run_pass()
    pair.a.people.save(replace(pair.a.people.get(ana), phone="222"))
    pair.a.sync.run_pass()
    first, second, third = own_segments(pair.a)
    aside = tmp_path / "aside"
    aside.mkdir()
    for path in (first, second):
        path.rename(aside / path.name)
    assert pair.b.sync.run_pass().ingested == 1  # the latest alone: Ana's phone, no Ana yet
    assert live_names(pair.b) == set()
    (aside / second.name).rename(second)
    pair.b.sync.run_pass()
    assert live_names(pair.b) == {"Berta Ruiz"}
    (aside / first.name).rename(first)
    pair.b.sync.run_pass()
    assert pair.b.people.get(ana).phone == "222"
    assert_same(pair.a, pair.b)


# -- files that are not segments, or cannot be read ---------------------------------------------

CLUTTER = ["x.tmp", "~$x.json", "desktop.ini", ".DS_Store", ".syncthing.x.tmp", "~lock.json#"]


def test_temporary_files_and_clutter_are_ignored(pair: Pair) -> None:
    path, good = one_segment(pair)
    for name in CLUTTER:
        (path.parent / name).write_bytes(good[:40])
        (path.parent.parent / name).write_bytes(b"junk")
        (exchange(pair.a) / "devices" / name).write_bytes(b"junk")
    result = pair.b.sync.run_pass()
    assert (result.ingested, result.incomplete) == (1, [])
    assert pair.b.sync.status().incomplete == []
    assert all((path.parent / name).exists() for name in CLUTTER)


# -- the folder goes away ----------------------------------------------------------------------


def dump(services: Services) -> list[str]:
    with sqlite3.connect(f"file:{services.folder.database}?mode=ro", uri=True) as conn:
        return list(conn.iterdump())


@pytest.mark.parametrize("how", ["renamed", "removed", "unplugged"])
def test_a_vanished_folder_changes_nothing_and_publishes_later(
    pair: Pair, tmp_path: Path, how: str
) -> None:
    add_people(pair.a, "Ana García")
    pair.a.sync.run_pass()
    pair.b.sync.run_pass()
    add_people(pair.a, "Berta Ruiz")
    waiting, before = pending(pair.a), dump(pair.a)
    root = exchange(pair.a)
    moved = {"unplugged": (pair.shared, tmp_path / "elsewhere")}.get(
        how, (root, tmp_path / "moved")
    )
    if how == "removed":
        shutil.copytree(root, moved[1])
        shutil.rmtree(root)
    else:
        moved[0].rename(moved[1])
    with pytest.raises(ValidationError) as caught:
        pair.a.sync.run_pass()
    assert "cannot be reached" in str(caught.value) and "nothing was changed" in str(caught.value)
    assert dump(pair.a) == before and not root.exists()
    moved[1].rename(moved[0])
    assert pair.a.sync.run_pass().exported == waiting
    pair.b.sync.run_pass()
    assert live_names(pair.b) == {"Ana García", "Berta Ruiz"}
    assert pair.a.sync.run_pass().exported == 0


def test_a_folder_that_vanishes_during_a_pass_is_not_made_again(
    pair: Pair, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_people(pair.a, "Ana García")
    root = exchange(pair.a)
    real_ingest = service.ingest

    def unplugged(*args, **kwargs):  # type: ignore[no-untyped-def]
        found = real_ingest(*args, **kwargs)
        pair.shared.rename(tmp_path / "elsewhere")
        return found

    with monkeypatch.context() as patched:
        patched.setattr(service, "ingest", unplugged)
        with pytest.raises(ValidationError) as caught:
            pair.a.sync.run_pass()
    assert "could not be written" in str(caught.value) and "next sync" in str(caught.value)
    assert not pair.shared.exists() and not root.exists()
    (tmp_path / "elsewhere").rename(pair.shared)
    pair.a = reopen(pair.a)
    assert pair.a.sync.run_pass().exported > 0
    pair.b.sync.run_pass()
    assert live_names(pair.b) == {"Ana García"}
    assert_no_seq_reused(root)
