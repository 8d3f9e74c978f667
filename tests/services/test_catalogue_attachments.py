"""Attachments: recognised by their bytes (never by their name), stored once per content inside
the database, attached in order, and written to a cache file only to be opened."""

from __future__ import annotations

import io
import os
import tracemalloc
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.errors import NotFoundError, ValidationError
from app.models import AttachmentBlob
from app.services import attachments
from app.services.attachment_types import sniff_media_type
from app.services.attachments import cached_file, read_bytes, store_file
from app.services.catalogue_values import AttachmentData
from app.services.demo.images import demo_logo_png
from app.services.registry import Services
from tests.services.catalogue_helpers import TODAY, add

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + bytes(200)
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500)


def zipped(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def blobs(services: Services) -> int:
    with services.db.session() as s:
        return s.scalar(select(func.count()).select_from(AttachmentBlob))


def written(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    "name, data, media_type",
    [
        ("guia.pdf", PDF, "application/pdf"),
        ("cartel.png", demo_logo_png(), "image/png"),
        ("foto.jpg", b"\xff\xd8\xff\xe0" + bytes(100), "image/jpeg"),
        ("anim.gif", b"GIF89a" + bytes(100), "image/gif"),
        ("foto.webp", b"RIFF\x24\x00\x00\x00WEBPVP8 " + bytes(100), "image/webp"),
        (
            "memoria.docx",
            zipped({"[Content_Types].xml": b"<x/>", "word/document.xml": b"<w/>"}),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "cuentas.xlsx",
            zipped({"xl/workbook.xml": b"<x/>"}),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        (
            "acta.odt",
            zipped({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b""}),
            "application/vnd.oasis.opendocument.text",
        ),
        ("datos.csv", "nombre;año\nAna;2024\n".encode(), "text/csv"),
        ("notas.txt", "Lección aprendida: ¡empezar pequeño!".encode(), "text/plain"),
        ("antiguo.xls", OLE, "application/vnd.ms-excel"),
    ],
)
def test_kinds_of_file_a_practice_can_carry(
    services: Services, tmp_path: Path, name: str, data: bytes, media_type: str
) -> None:
    stored = store_file(services.db, written(tmp_path, name, data))
    assert stored.media_type == media_type
    assert (stored.size, stored.original_name, stored.title) == (len(data), name, Path(name).stem)
    assert read_bytes(services.db, stored.sha256) == data


@pytest.mark.parametrize(
    "name, data",
    [
        ("informe.pdf", EXECUTABLE),  # a Windows program renamed .pdf
        ("foto.png", b"\x7fELF\x02\x01\x01" + bytes(100)),  # a Linux program renamed .png
        ("memoria.docx", zipped({"payload.exe": EXECUTABLE})),  # a ZIP of something else
        ("acta.odt", zipped({"mimetype": b"application/x-msdownload"})),
        ("informe.pdf", OLE),  # an old Office container that does not say what it is
        ("datos.txt", "texto".encode("utf-16")),
    ],
)
def test_files_that_are_not_what_they_claim_are_refused_and_nothing_is_stored(
    services: Services, tmp_path: Path, name: str, data: bytes
) -> None:
    with pytest.raises(ValidationError) as caught:
        store_file(services.db, written(tmp_path, name, data))
    assert name in str(caught.value) and "PDF" in str(caught.value)
    assert blobs(services) == 0


def test_a_script_renamed_pdf_is_kept_as_plain_text_and_opened_as_such(
    services: Services, tmp_path: Path
) -> None:
    script = b"#!/bin/sh\nrm -rf ~\n"
    stored = store_file(services.db, written(tmp_path, "informe.pdf", script))
    assert stored.media_type == "text/plain"
    opened = cached_file(services.db, tmp_path / "cache", stored)
    assert opened.suffix == ".txt" and opened.read_bytes() == script


def test_the_same_content_is_stored_once(services: Services, tmp_path: Path) -> None:
    first = store_file(services.db, written(tmp_path, "a.pdf", PDF), "Guía")
    second = store_file(services.db, written(tmp_path, "copia.pdf", PDF))
    assert first.sha256 == second.sha256 and blobs(services) == 1
    assert (first.title, second.title) == ("Guía", "copia")


def test_too_large_or_unreadable_files_are_refused(
    services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(attachments, "MAX_ATTACHMENT_BYTES", 10)
    with pytest.raises(ValidationError) as caught:
        store_file(services.db, written(tmp_path, "grande.pdf", PDF))
    assert "too large" in str(caught.value)
    with pytest.raises(ValidationError):
        store_file(services.db, tmp_path / "no-existe.pdf")
    with pytest.raises(ValidationError):
        store_file(services.db, tmp_path)  # a folder
    assert blobs(services) == 0


def test_a_zip_whose_mimetype_expands_to_gigabytes_is_looked_at_in_little_memory() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("mimetype", "w") as entry:
            entry.write(b"application/vnd.oasis.opendocument.text")
            chunk = bytes(1024 * 1024)
            for _ in range(200):
                entry.write(chunk)
    bomb = buffer.getvalue()
    assert len(bomb) < 1024 * 1024
    tracemalloc.start()
    try:
        kind = sniff_media_type(bomb, ".odt")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert kind == ""  # its "mimetype" is no kind of file: refused
    assert peak < 8 * 1024 * 1024


def test_a_damaged_zip_is_refused_without_an_error() -> None:
    good = zipped({"mimetype": b"application/vnd.oasis.opendocument.text" * 50})
    start = good.index(b"PK\x03\x04") + 30 + len("mimetype")
    damaged = good[:start] + bytes(b ^ 0x5A for b in good[start : start + 20]) + good[start + 20 :]
    assert sniff_media_type(damaged, ".odt") == ""
    assert sniff_media_type(b"PK\x03\x04" + os.urandom(64), ".docx") == ""


def test_the_cached_copy_has_a_safe_readable_name_and_is_written_once(
    services: Services, tmp_path: Path
) -> None:
    stored = store_file(services.db, written(tmp_path, "Guía del aula.pdf", PDF))
    cache = tmp_path / "cache"
    path = cached_file(services.db, cache, stored)
    assert path.name == "Guía del aula.pdf" and path.read_bytes() == PDF
    assert path.is_relative_to(cache)
    stamp = path.stat().st_mtime_ns
    assert cached_file(services.db, cache, stored) == path
    assert path.stat().st_mtime_ns == stamp
    for hostile, expected in [
        ("../../../etc/passwd.pdf", "passwd.pdf"),
        ("CON.pdf", "_CON.pdf"),
        ("...", "attachment.pdf"),
        ("a:b*?<>|.pdf", "ab.pdf"),
    ]:
        named = replace(stored, original_name=hostile)
        target = cached_file(services.db, cache, named)
        assert target.is_relative_to(cache) and target.name == expected, hostile


def test_reading_bytes_that_are_not_there_is_not_found(services: Services) -> None:
    with pytest.raises(NotFoundError):
        read_bytes(services.db, "0" * 64)


def test_a_practice_keeps_its_attachments_in_order(services: Services, tmp_path: Path) -> None:
    guide = store_file(services.db, written(tmp_path, "guia.pdf", PDF), "Guía")
    poster = store_file(services.db, written(tmp_path, "cartel.png", demo_logo_png()), "Cartel")
    practice = services.catalogue.get(add(services, "Huerto", attachments=(guide, poster)))
    assert [a.title for a in practice.attachments] == ["Guía", "Cartel"]
    assert all(a.id for a in practice.attachments)
    swapped = services.catalogue.save(
        replace(practice, attachments=practice.attachments[::-1]), today=TODAY
    )
    assert [a.title for a in swapped.attachments] == ["Cartel", "Guía"]
    assert [a.id for a in swapped.attachments] == [a.id for a in practice.attachments[::-1]]
    kept = services.catalogue.save(
        replace(swapped, attachments=swapped.attachments[:1]), today=TODAY
    )
    assert [a.title for a in kept.attachments] == ["Cartel"]
    assert read_bytes(services.db, guide.sha256) == PDF  # the bytes stay for others


def test_the_stored_bytes_decide_an_attachments_size_and_content(
    services: Services, tmp_path: Path
) -> None:
    guide = store_file(services.db, written(tmp_path, "guia.pdf", PDF))
    practice = services.catalogue.get(
        add(services, "Huerto", attachments=(replace(guide, size=1),))
    )
    assert practice.attachments[0].size == len(PDF)
    poster = store_file(services.db, written(tmp_path, "cartel.png", demo_logo_png()))
    replaced = replace(practice.attachments[0], sha256=poster.sha256, media_type="image/png")
    changed = services.catalogue.save(replace(practice, attachments=(replaced,)), today=TODAY)
    assert changed.attachments[0].sha256 == poster.sha256
    assert changed.attachments[0].size == len(demo_logo_png())


def test_an_attachment_whose_bytes_are_missing_stops_the_save(services: Services) -> None:
    practice = services.catalogue.get(add(services, "Huerto", summary="Antes."))
    missing = AttachmentData("f" * 64, "application/pdf", 10, "Perdido")
    with pytest.raises(NotFoundError):
        services.catalogue.save(
            replace(practice, summary="Después.", attachments=(missing,)), today=TODAY
        )
    assert services.catalogue.get(practice.id).summary == "Antes."
