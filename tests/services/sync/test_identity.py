"""A laptop that is not what it was: its database put back from an old backup, or its whole data
folder copied to another laptop. It finds files of its own name that it did not write, takes a
new identity, reads those files as another laptop's, and nothing anyone did is lost."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from app.services.context import DataFolder
from app.services.registry import Services, build_services
from tests.services.sync.faults_helpers import (
    add_people,
    assert_no_seq_reused,
    assert_same,
    close,
    header,
    laptop,
    live_names,
    log_files,
    passes,
    pending,
    reopen,
)


@pytest.fixture
def shared(tmp_path: Path) -> Path:
    path = tmp_path / "shared"
    path.mkdir()
    return path


@pytest.fixture
def opened() -> Iterator[list[Services]]:
    """Laptops to close at the end, whatever the test did with them."""
    laptops: list[Services] = []
    yield laptops
    for services in laptops:
        close(services)


def device(services: Services) -> str:
    return services.sync.settings().device_id


def seqs(root: Path, device_id: str) -> list[int]:
    return sorted(int(header(p)["seq"]) for p in log_files(root, device_id))  # type: ignore[arg-type]


def put_back_old_database(services: Services, old: Path) -> Services:
    close(services)
    shutil.copyfile(old, services.folder.database)
    return build_services(DataFolder(services.folder.root))


def test_a_laptop_restored_from_an_old_backup_takes_a_new_identity_and_loses_nothing(
    tmp_path: Path, shared: Path, opened: list[Services]
) -> None:
    a, b = laptop(tmp_path, "Laptop A", shared), laptop(tmp_path, "Laptop B", shared)
    opened += [a, b]
    [ana] = add_people(a, "Ana García")
    passes(a, b, rounds=1)
    a = reopen(a)
    shutil.copyfile(a.folder.database, tmp_path / "backup.db")
    old_id = device(a)
    a.people.save(replace(a.people.get(ana), phone="600 111 222"))
    add_people(a, "Berta Ruiz")
    a.sync.run_pass()
    add_people(a, "Carla Vidal")
    a.sync.run_pass()
    add_people(b, "Dora Sanz")
    passes(b, rounds=1)

    a = opened[0] = put_back_old_database(a, tmp_path / "backup.db")
    assert live_names(a) == {"Ana García"} and device(a) == old_id
    add_people(a, "Eva Mora")  # work done on the restored laptop before it syncs
    result = a.sync.run_pass()
    assert result.new_identity and device(a) != old_id
    assert live_names(a) == {"Ana García", "Berta Ruiz", "Carla Vidal", "Dora Sanz", "Eva Mora"}
    assert a.people.get(ana).phone == "600 111 222"
    assert pending(a) == 0 and seqs(shared / "Tejido-sync", device(a)) == [1]
    passes(b, a)
    assert live_names(b) == live_names(a)
    assert_same(a, b)
    assert_no_seq_reused(shared / "Tejido-sync")
    assert not a.sync.run_pass().new_identity  # once is enough


def test_a_restored_laptop_whose_newer_files_have_not_arrived_yet_reuses_no_number(
    tmp_path: Path, shared: Path, opened: list[Services]
) -> None:
    a, b = laptop(tmp_path, "Laptop A", shared), laptop(tmp_path, "Laptop B", shared)
    opened += [a, b]
    add_people(a, "Ana García")
    a.sync.run_pass()
    a = reopen(a)
    shutil.copyfile(a.folder.database, tmp_path / "backup.db")
    old_id = device(a)
    add_people(a, "Berta Ruiz")
    a.sync.run_pass()
    [newer] = [p for p in log_files(shared / "Tejido-sync", old_id) if header(p)["seq"] == 2]
    newer.rename(tmp_path / newer.name)  # still on its way through the file-sync engine

    a = opened[0] = put_back_old_database(a, tmp_path / "backup.db")
    add_people(a, "Carla Vidal")
    a.sync.run_pass()
    (tmp_path / newer.name).rename(newer)
    passes(a, b)
    assert live_names(a) == live_names(b) == {"Ana García", "Berta Ruiz", "Carla Vidal"}
    assert device(a) != old_id
    assert_same(a, b)
    assert_no_seq_reused(shared / "Tejido-sync")


def clone(services: Services, to: Path) -> Services:
    """The whole data folder copied to another laptop (a cloned disk, a copied folder)."""
    close(services)
    shutil.copytree(services.folder.root, to)
    return build_services(DataFolder(to))


def test_a_cloned_data_folder_ends_as_two_laptops_with_every_edit_on_both(
    tmp_path: Path, shared: Path, opened: list[Services]
) -> None:
    a = laptop(tmp_path, "Laptop A", shared)
    [ana] = add_people(a, "Ana García")
    a.sync.run_pass()
    copy = clone(a, tmp_path / "copy")
    a = reopen(a)
    opened += [a, copy]
    add_people(a, "Berta Ruiz")
    copy.people.save(replace(copy.people.get(ana), email="ana@example.org"))
    add_people(copy, "Carla Vidal")
    a.sync.run_pass()
    assert copy.sync.run_pass().new_identity
    passes(a, copy)
    assert device(a) != device(copy)
    assert live_names(a) == live_names(copy) == {"Ana García", "Berta Ruiz", "Carla Vidal"}
    assert a.people.get(ana).email == "ana@example.org"
    assert_same(a, copy)
    assert_no_seq_reused(shared / "Tejido-sync")


def test_clones_that_published_without_seeing_each_other_both_become_new_laptops(
    tmp_path: Path, shared: Path, opened: list[Services]
) -> None:
    a = laptop(tmp_path, "Laptop A", shared)
    add_people(a, "Ana García")
    a.sync.run_pass()
    old_id = device(a)
    copy = clone(a, tmp_path / "copy")
    a = reopen(a)
    opened += [a, copy]
    device_dir = shared / "Tejido-sync" / "devices" / old_id
    add_people(a, "Berta Ruiz")
    a.sync.run_pass()
    hidden = tmp_path / "on-its-way"
    shutil.move(device_dir, hidden)  # A's files reach the copy only later
    shutil.copytree(hidden, device_dir, ignore=shutil.ignore_patterns("*000002-*", "status.json"))
    add_people(copy, "Carla Vidal")
    assert not copy.sync.run_pass().new_identity  # nothing to tell yet
    for path in (hidden / "log").iterdir():
        shutil.copy2(path, device_dir / "log" / path.name)
    first, second = a.sync.run_pass(), copy.sync.run_pass()
    assert first.new_identity and second.new_identity
    passes(a, copy)
    assert len({old_id, device(a), device(copy)}) == 3
    assert live_names(a) == live_names(copy) == {"Ana García", "Berta Ruiz", "Carla Vidal"}
    assert_same(a, copy)
    status = json.loads((device_dir / "status.json").read_text())
    assert status["device"] == old_id
