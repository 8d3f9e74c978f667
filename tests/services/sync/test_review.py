"""Files that wait before they are applied: a file that would delete many records waits for a
person; a file waits for the attachment it needs; a file that cannot be read now is tried again
later. Waiting never deletes anything, and nothing is applied by halves."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.services.attachments import read_bytes, store_file
from app.services.catalogue_values import PracticeData
from app.services.registry import Services
from app.services.sync.ingest import LARGE_DELETION
from tests.services.sync.faults_helpers import (
    Pair,
    add_many,
    add_people,
    assert_same,
    exchange,
    incomplete_files,
    later,
    live_names,
    make_pair,
    one_segment,
    own_segments,
    passes,
    relative,
)


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[Pair]:
    yield from make_pair(tmp_path)


# -- a large batch of deletions ---------------------------------------------------------------


def trashed_on_b(pair: Pair, count: int) -> list[str]:
    """A adds ``count`` people and Zoe, both laptops have them, B trashes the ``count`` (and
    publishes it); returns their ids."""
    ids = add_many(pair.a, *(f"Persona {n:02d}" for n in range(count)), "Zoe Lago")[:-1]
    passes(pair.a, pair.b, rounds=1)
    pair.b.people.delete(ids)
    pair.b.sync.run_pass()
    return ids


def test_a_file_deleting_many_records_waits_for_a_person(pair: Pair) -> None:
    trashed_on_b(pair, 60)
    result = pair.a.sync.run_pass()
    [held] = pair.a.sync.status().held
    assert result.review == [held.sha256] and result.ingested == 0
    assert (held.device_name, held.deletions) == ("Laptop B", {"people": 60})
    assert held.operations >= 60
    assert len(live_names(pair.a)) == 61  # nothing deleted yet
    add_people(pair.a, "Alba Soto")  # A goes on working and syncing meanwhile
    again = pair.a.sync.run_pass()
    assert again.review == [held.sha256] and again.exported > 0 and len(live_names(pair.a)) == 62

    approved = pair.a.sync.run_pass(approve=[held.sha256])
    assert approved.ingested == 1 and approved.review == []
    assert pair.a.sync.status().held == []
    assert live_names(pair.a) == {"Zoe Lago", "Alba Soto"}
    passes(pair.b, pair.a)
    assert_same(pair.a, pair.b)


def test_an_edit_after_the_held_file_still_wins_once_it_is_approved(pair: Pair) -> None:
    ids = trashed_on_b(pair, 60)
    pair.b.people.restore(ids[:1])  # B changed its mind about one of them
    pair.b.sync.run_pass()
    result = pair.a.sync.run_pass()
    assert len(result.review) == 1 and result.ingested == 1  # the later file went in
    assert len(live_names(pair.a)) == 61
    pair.a.sync.run_pass(approve=result.review)
    assert live_names(pair.a) == {"Persona 00", "Zoe Lago"}
    passes(pair.b, pair.a)
    assert_same(pair.a, pair.b)


def test_a_smaller_batch_goes_in_without_asking(pair: Pair) -> None:
    trashed_on_b(pair, LARGE_DELETION - 1)
    result = pair.a.sync.run_pass()
    assert (result.review, result.ingested) == ([], 1)
    assert live_names(pair.a) == {"Zoe Lago"}
    assert_same(pair.a, pair.b)


# -- attachments ------------------------------------------------------------------------------

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n" + bytes(range(256)) * 4


def practice_with_attachment(pair: Pair, tmp_path: Path) -> tuple[str, str]:
    source = tmp_path / "guia.pdf"
    source.write_bytes(PDF)
    attached = store_file(pair.a.db, source, "Guía")
    saved = pair.a.catalogue.save(PracticeData(title="Huerto compartido", attachments=(attached,)))
    pair.a.sync.run_pass()
    return saved.id, attached.sha256


def blob_file(services: Services, sha: str) -> Path:
    return exchange(services) / "blobs" / "sha256" / sha[:2] / sha


def test_an_attachment_travels_as_its_own_file(pair: Pair, tmp_path: Path) -> None:
    practice, sha = practice_with_attachment(pair, tmp_path)
    assert blob_file(pair.a, sha).read_bytes() == PDF
    assert pair.b.sync.run_pass().ingested == 1
    assert read_bytes(pair.b.db, sha) == PDF
    assert [a.sha256 for a in pair.b.catalogue.get(practice).attachments] == [sha]
    assert_same(pair.a, pair.b)


@pytest.mark.parametrize("how", ["missing", "cut short"])
def test_a_file_waits_for_its_attachment_to_arrive(
    pair: Pair, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    practice, sha = practice_with_attachment(pair, tmp_path)
    blob = blob_file(pair.a, sha)
    if how == "missing":
        blob.rename(tmp_path / "on-its-way")
    else:
        blob.write_bytes(PDF[:100])
    [segment] = own_segments(pair.a)
    result = pair.b.sync.run_pass()
    assert [file for file, _problem in result.incomplete] == [relative(pair.b, segment)]
    assert "attachment" in result.incomplete[0][1]
    assert incomplete_files(pair.b) == [relative(pair.b, segment)]
    empty = {"people": [], "practices": [], "practice_attachments": [], "attachment_blobs": []}
    with pair.b.db.engine.connect() as conn:
        for table in empty:
            assert conn.exec_driver_sql(f"SELECT * FROM {table}").fetchall() == []
    blob.write_bytes(PDF)
    assert pair.b.sync.run_pass().ingested == 0  # tried again a little later
    later(monkeypatch)
    assert pair.b.sync.run_pass().ingested == 1
    assert read_bytes(pair.b.db, sha) == PDF and pair.b.catalogue.get(practice).title
    assert incomplete_files(pair.b) == [] and segment.exists()
    assert_same(pair.a, pair.b)


# -- files that cannot be read for now --------------------------------------------------------


def test_an_unchanged_damaged_file_is_tried_again_after_a_minute(
    pair: Pair, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, good = one_segment(pair)
    stat = path.stat()
    path.write_bytes(good[:-2] + b"xx")  # the same size and time the good copy will have
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert pair.b.sync.run_pass().incomplete
    path.write_bytes(good)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    again = pair.b.sync.run_pass()
    assert again.ingested == 0 and again.incomplete[0][1]  # not read again so soon
    later(monkeypatch)
    assert pair.b.sync.run_pass().ingested == 1
    assert incomplete_files(pair.b) == []


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="as root, chmod does not stop reading"
)
def test_an_unreadable_file_waits_and_is_never_deleted(
    pair: Pair, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, good = one_segment(pair)
    path.chmod(0)
    try:
        result = pair.b.sync.run_pass()
        assert result.incomplete and live_names(pair.b) == set()
    finally:
        path.chmod(0o644)
    later(monkeypatch)
    assert pair.b.sync.run_pass().ingested == 1 and path.read_bytes() == good


def test_a_file_that_refuses_to_be_read_waits_and_is_never_deleted(
    pair: Pair, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, good = one_segment(pair)
    real_open = Path.open

    def guarded(self: Path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if self.name == path.name:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    with monkeypatch.context() as patched:
        patched.setattr(Path, "open", guarded)
        result = pair.b.sync.run_pass()
    assert [file for file, _problem in result.incomplete] == [relative(pair.b, path)]
    assert live_names(pair.b) == set() and path.read_bytes() == good
    later(monkeypatch)
    assert pair.b.sync.run_pass().ingested == 1
    assert_same(pair.a, pair.b)


def test_a_pass_reports_each_waiting_file_with_its_problem(pair: Pair) -> None:
    path, good = one_segment(pair)
    path.write_bytes(good[:50])
    first = pair.b.sync.run_pass()
    second = pair.b.sync.run_pass()  # not read again so soon, still reported
    assert first.incomplete == second.incomplete and first.incomplete[0][1]
    [(_file, problem, seen)] = pair.b.sync.status().incomplete
    assert problem == first.incomplete[0][1] and seen is not None


def test_a_damaged_copy_someone_removed_is_no_longer_listed(pair: Pair) -> None:
    path, good = one_segment(pair)
    copy = path.with_name(f"{path.stem} (Laptop B's conflicted copy 2026-11-28).json")
    copy.write_bytes(good[:30])
    assert pair.b.sync.run_pass().ingested == 1
    assert incomplete_files(pair.b) == [relative(pair.b, copy)]
    copy.unlink()
    assert pair.b.sync.run_pass().incomplete == []
    assert incomplete_files(pair.b) == []
