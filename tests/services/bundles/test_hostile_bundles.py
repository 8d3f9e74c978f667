"""Reading bundles that may be hostile: every file of the corpus in bundles.md is refused with
its reason in plain words, in bounded time and memory, writing nothing outside the work folder
(and nothing left inside it); a valid bundle, and the exporter's own, are read back whole."""

from __future__ import annotations

import dataclasses
import functools
import io
import struct
import unicodedata
import zipfile
from pathlib import Path

import pytest

from app.services.bundles.format import LIMITS
from app.services.bundles.reading import BundleRejected, read_bundle
from tests.services.bundles.bundle_builder import (
    EXE,
    PDF,
    SMALL,
    Entry,
    patch_central,
    record,
    refuse,
    replace_bytes,
    sha,
    valid_bundle,
    with_extra,
    write_zip,
)

CASES: list = []


def case(fragment: str, limits=LIMITS):
    """Register a hostile file builder with the words its refusal must say."""

    def register(build):
        CASES.append(pytest.param(build, fragment, limits, id=build.__name__))
        return build

    return register


# -- names: traversal in all its spellings, and the other ways out of a folder ------------------
for number, name in enumerate(
    [
        "../evil.txt",
        "attachments/../../evil.txt",
        "..\\evil.txt",
        "attachments\\..\\..\\evil.txt",
        "\uff0e\uff0e/evil.txt",  # full-width dots, ".." once normalised
        "attachments/..",
    ]
):

    def traversal(path: Path, name: str = name) -> None:
        with_extra(path, Entry(name, b"x"))

    traversal.__name__ = f"traversal_{number}"
    case("a path that leaves its folder")(traversal)


@case("an absolute path: /etc/evil")
def absolute(path):
    with_extra(path, Entry("/etc/evil", b"x"))


@case("an absolute path")
def windows_share(path):
    with_extra(path, Entry("\\\\server\\share\\evil.txt", b"x"))


@case("a drive letter: C:/Windows/evil.txt")
def drive(path):
    with_extra(path, Entry("C:/Windows/evil.txt", b"x"))


@case("a drive letter")
def drive_relative(path):
    with_extra(path, Entry("C:evil.txt", b"x"))


@case("a backslash")
def backslash(path):
    with_extra(path, Entry("attachments\\evil.pdf", b"x"))


@case("a hidden control character: records.json\\x00.pdf")
def nul_in_name(path):
    with_extra(path, Entry("records.jsonQ.pdf", b"x"))
    replace_bytes(path, b"records.jsonQ.pdf", b"records.json\x00.pdf")


@case("a hidden control character")
def newline_in_name(path):
    with_extra(path, Entry("README\n.txt", b"x"))


@case("a file a bundle cannot hold: setup.exe")
def stranger(path):
    with_extra(path, Entry("setup.exe", EXE))


# -- links, folders, special files, duplicates ---------------------------------------------------
@case("a link to another file")
def symlink(path):
    with_extra(path, Entry("attachments/notes", b"/etc/passwd", external_attr=0o120777 << 16))


@case("a folder entry")
def folder(path):
    with_extra(path, Entry("attachments/", b""))


@case("a folder entry (practices2)")
def folder_posing_as_file(path):
    with_extra(path, Entry("practices2", b"", external_attr=0o040755 << 16))


@case("a folder entry")
def dos_folder(path):
    with_extra(path, Entry("notes", b"", external_attr=0x10))


@case("a special file")
def fifo(path):
    with_extra(path, Entry("notes", b"", external_attr=0o010644 << 16))


@case("The name records.json appears twice")
def duplicate(path):
    with_extra(path, Entry("records.json", b"{}"))


@case("appears twice")
def duplicate_by_case(path):
    with_extra(path, Entry("readme.TXT", b"x"))


@case("appears twice")
def duplicate_by_normalisation(path):
    name = "attachments/caf\u00e9"
    with_extra(path, Entry(name, b"x"), Entry(unicodedata.normalize("NFD", name), b"y"))


# -- encryption, compression, sizes, bombs --------------------------------------------------------
@case("The file records.json inside it is encrypted")
def encrypted(path):
    valid_bundle().write(path)  # (zipfile resets the flags it writes: set them afterwards)
    patch_central(path, "records.json", 8, 0x1, "H")


@case("compressed in a way Tejido does not read")
def bzip2(path):
    bundle = valid_bundle()
    bundle.options["records.json"] = {"compress_type": zipfile.ZIP_BZIP2}
    bundle.write(path)


@case("compressed in a way Tejido does not read")
def lzma(path):
    bundle = valid_bundle()
    bundle.options["practices.csv"] = {"compress_type": zipfile.ZIP_LZMA}
    bundle.write(path)


@case("larger than a bundle allows", SMALL)
def big_attachment(path):
    valid_bundle().write(path)  # the PDF is over SMALL's 100 bytes


@case("The file records.json inside it is larger than a bundle allows", SMALL)
def big_records(path):
    bundle = valid_bundle()
    bundle.records = [record(f"Práctica {n}") for n in range(40)]
    bundle.blobs = {}
    bundle.write(path)


@case("datapackage.json inside it is larger than a bundle allows", SMALL)
def big_descriptor(path):
    bundle = valid_bundle()
    bundle.descriptor["description"] = "x" * 3000
    bundle.write(path)


@case("add up to more than a bundle may hold", dataclasses.replace(SMALL, max_attachment=40_000))
def big_total(path):
    with_extra(path, *(Entry(f"attachments/{n:064x}.txt", bytes(30_000)) for n in range(3)))


@case("which is how a “zip bomb” looks")
def ratio_bomb(path):
    zeros = bytes(20 * 1024 * 1024)
    with_extra(path, Entry(f"attachments/{sha(zeros)}.pdf", zeros))


@case("share the same bytes")
def overlapping_entries(path):
    valid_bundle().write(path)
    patch_central(path, "records.json", 42, 0)  # points at datapackage.json's bytes


@case("records.json inside it is damaged or does not match what its header says")
def size_smaller_than_content(path):
    valid_bundle().write(path)
    patch_central(path, "records.json", 24, 10)


@case("records.json inside it is damaged or does not match what its header says")
def size_larger_than_content(path):
    valid_bundle().write(path)
    with zipfile.ZipFile(path) as archive:
        size = archive.getinfo("records.json").file_size
    patch_central(path, "records.json", 24, size + 5000)


@case("README.txt inside it is damaged or does not match what its header says")
def stored_size_lie(path):
    bundle = valid_bundle()
    bundle.options["README.txt"] = {"compress_type": zipfile.ZIP_STORED}
    bundle.write(path)
    patch_central(path, "README.txt", 20, 3)


@functools.cache
def _many_entries() -> bytes:
    buffer = io.BytesIO()
    write_zip(buffer, [Entry(f"{n}", b"", zipfile.ZIP_STORED) for n in range(100_000)])
    return buffer.getvalue()


@case("more files than a bundle may (100,000; at most 5,000)")
def many_entries(path):
    path.write_bytes(_many_entries())


@case("more files than a bundle may (6,000; at most 5,000)")
def some_too_many_entries(path):
    with_extra(path, *(Entry(f"attachments/{n}", b"", zipfile.ZIP_STORED) for n in range(5994)))


@case("records.json inside it is damaged or does not match what its header says")
def bomb_behind_a_small_size(path):
    bundle = valid_bundle()
    bundle.records_bytes = b" " * (30 * 1024 * 1024)
    bundle.write(path)
    patch_central(path, "records.json", 24, 1000)


@case("Its list of contents is longer than a bundle's may be")
def many_entries_lying_count(path):
    many_entries(path)
    data = bytearray(path.read_bytes())
    at = data.rindex(b"PK\x06\x06")  # the ZIP64 end record holds the real counts
    struct.pack_into("<QQ", data, at + 24, 10, 10)
    path.write_bytes(bytes(data))


# -- not a ZIP, or not whole ----------------------------------------------------------------------
@case("It is not a ZIP file, or it is damaged or incomplete")
def empty(path):
    path.write_bytes(b"")


@case("It is not a ZIP file, or it is damaged or incomplete")
def a_pdf(path):
    path.write_bytes(PDF)


@case("It is not a ZIP file, or it is damaged or incomplete")
def truncated_half(path):
    valid_bundle().write(path)
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


@case("It is not a ZIP file, or it is damaged or incomplete")
def truncated_end(path):
    valid_bundle().write(path)
    path.write_bytes(path.read_bytes()[:-5])


@case("datapackage.json inside it is damaged")
def middle_missing(path):
    valid_bundle().write(path)
    data = path.read_bytes()
    path.write_bytes(data[:40] + data[400:])


@pytest.mark.parametrize(("build", "fragment", "limits"), CASES)
def test_a_hostile_file_is_refused_with_its_reason(build, fragment, limits, tmp_path, monkeypatch):
    error = refuse(build, tmp_path, monkeypatch, limits)
    assert fragment in error.reason
    assert "Nothing was imported" in str(error)
    assert not error.newer


def test_a_path_that_is_no_file_is_refused(tmp_path):
    with pytest.raises(BundleRejected, match="not found"):
        read_bundle(tmp_path / "missing.tejido", tmp_path / "work")
    with pytest.raises(BundleRejected, match="not a file"):
        read_bundle(tmp_path, tmp_path / "work")
