"""Exporting catalogue bundles: the same bytes twice, the right practices, a valid package."""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
import uuid
import zipfile
from datetime import date
from pathlib import Path

import jsonschema
import pytest
from sqlalchemy import select

from app.errors import Cancelled, ValidationError
from app.models import Bundle, Practice
from app.services.attachments import store_file
from app.services.bundles.export import export_bundle
from app.services.bundles.format import (
    ATTACHMENT_NAME,
    FORMAT,
    FORMAT_VERSION,
    LIMITS,
    RECORDS_SCHEMA,
    record_hash,
)
from app.services.catalogue_values import PracticeData
from app.services.profile import ProfileData
from app.services.signing import fingerprint

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(64))
TODAY = date(2025, 6, 1)


def _attach(services, tmp_path: Path, name: str, data: bytes, title: str):
    path = tmp_path / name
    path.write_bytes(data)
    return store_file(services.db, path, title)


def _practice(services, title: str, **values) -> PracticeData:
    values.setdefault("status", "published")
    return services.catalogue.save(PracticeData(title=title, **values), today=TODAY)


@pytest.fixture
def catalogue(services, tmp_path):
    """A small catalogue: two published practices with attachments, a draft, a hidden one."""
    services.profile.save(ProfileData(name="Asociación Raíces"))
    pdf = _attach(services, tmp_path, "guia.pdf", PDF, "Guía")
    png = _attach(services, tmp_path, "foto.png", PNG, "Foto")
    first = _practice(
        services,
        "Huertos comunitarios",
        area="Inclusión social",
        themes=("participation", "gender"),
        summary="Vecinos que cultivan juntos.\nSegunda línea.",
        description="=SUM(A1:A2) no es una fórmula aquí",
        links=("https://example.org/huertos",),
        year=2023,
        reviewer="Ana",
        reviewed_on=date(2024, 5, 2),
        licence="CC BY 4.0",
        attachments=(pdf, png),
    )
    second = _practice(services, "Banco del tiempo", area="Voluntariado", attachments=(pdf,))
    draft = _practice(services, "Borrador sin revisar", status="draft")
    hidden = _practice(services, "Práctica escondida")
    services.catalogue.set_hidden([hidden.id], True)
    return {"first": first, "second": second, "draft": draft, "hidden": hidden, "pdf": pdf}


def _read(path: Path) -> tuple[zipfile.ZipFile, dict]:
    archive = zipfile.ZipFile(path)
    return archive, json.loads(archive.read("records.json"))


def _unpack(path: Path, folder: Path) -> Path:
    """Unpack a bundle the careful way: names checked, one entry at a time (never extractall)."""
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            name = info.filename
            assert not name.startswith("/") and ".." not in name and "\\" not in name
            target = folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(archive.read(info))
    return folder


def test_exporting_twice_gives_identical_bytes(services, catalogue, tmp_path):
    one = export_bundle(services.db, tmp_path / "one.tejido")
    two = export_bundle(services.db, tmp_path / "two.tejido", exported_by="Marta")

    assert (tmp_path / "one.tejido").read_bytes() == (tmp_path / "two.tejido").read_bytes()
    assert one.sha256 == two.sha256 == hashlib.sha256(one.path.read_bytes()).hexdigest()
    assert (one.practices, one.attachments, one.withdrawn) == (2, 2, 0)


def test_the_bundle_holds_the_published_practices_and_their_files(services, catalogue, tmp_path):
    result = export_bundle(services.db, tmp_path / "out.tejido")
    archive, payload = _read(result.path)

    names = archive.namelist()
    assert names == sorted(names)
    attachments = [n for n in names if n.startswith("attachments/")]
    assert set(names) - set(attachments) == {
        "README.txt",
        "datapackage.json",
        "practices.csv",
        "records.json",
    }
    assert all(ATTACHMENT_NAME.fullmatch(n) for n in attachments)
    for name in attachments:
        assert hashlib.sha256(archive.read(name)).hexdigest() in name
    assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}

    assert (payload["format"], payload["version"]) == (FORMAT, FORMAT_VERSION)
    titles = sorted(r["fields"]["title"] for r in payload["records"])
    assert titles == ["Banco del tiempo", "Huertos comunitarios"]  # no draft, nothing hidden
    first = next(r for r in payload["records"] if r["id"] == catalogue["first"].id)
    assert first["fields"]["area"] == "Inclusión social"
    assert first["fields"]["themes"] == ["participation", "gender"]
    assert first["fields"]["reviewed_on"] == "2024-05-02"
    assert first["fields"]["summary"] == "Vecinos que cultivan juntos.\nSegunda línea."
    assert [a["title"] for a in first["attachments"]] == ["Guía", "Foto"]
    assert first["attachments"][0]["original_name"] == "guia.pdf"
    assert first["origin"]["name"] == "Asociación Raíces"
    assert (first["revision"], first["withdrawn"], first["derived_from"]) == (1, False, None)


def test_records_validate_against_the_schema_and_carry_our_key(services, catalogue, tmp_path):
    result = export_bundle(services.db, tmp_path / "out.tejido")
    _, payload = _read(result.path)

    jsonschema.Draft202012Validator(RECORDS_SCHEMA).validate(payload)
    publisher = payload["publisher"]
    key = base64.b64decode(publisher["public_key"])
    assert len(key) == 32 and fingerprint(key) == publisher["fingerprint"]
    assert publisher["name"] == "Asociación Raíces"
    # A record's content hash is the one the catalogue keeps: the importer compares them.
    with services.db.session() as s:
        stored = {p.id: p.content_hash for p in s.scalars(select(Practice))}
    for record in payload["records"]:
        assert record_hash(record) == stored[record["id"]]


def test_the_descriptor_validates_with_frictionless(services, catalogue, tmp_path):
    frictionless = pytest.importorskip("frictionless")
    result = export_bundle(services.db, tmp_path / "out.tejido")
    folder = _unpack(result.path, tmp_path / "unpacked")

    report = frictionless.validate(folder / "datapackage.json")
    assert report.valid, report.flatten(["resourcePath", "type", "note"])
    descriptor = json.loads((folder / "datapackage.json").read_text("utf-8"))
    assert descriptor["tejido:format"] == FORMAT
    assert descriptor["tejido:version"] == FORMAT_VERSION
    assert descriptor["tejido:publisher"]["name"] == "Asociación Raíces"
    assert {"tejido:min_app_version", "tejido:exporter"} <= set(descriptor)
    assert len(descriptor["resources"]) == 3 + result.attachments

    # The outside judge does look: a changed attachment no longer validates.
    changed = next((folder / "attachments").glob("*.pdf"))
    changed.write_bytes(PDF.replace(b"Catalog", b"Catalug"))
    assert not frictionless.validate(folder / "datapackage.json").valid


def test_the_spreadsheet_view_is_readable_and_formula_safe(services, catalogue, tmp_path):
    archive, _payload = _read(export_bundle(services.db, tmp_path / "out.tejido").path)
    rows = list(csv.DictReader(io.StringIO(archive.read("practices.csv").decode("utf-8"))))

    first = next(row for row in rows if row["id"] == catalogue["first"].id)
    assert first["title"] == "Huertos comunitarios"
    assert first["themes"] == "participation; gender"
    assert first["description"].startswith("'=SUM")
    assert (first["attachments"], first["withdrawn"], first["year"]) == ("2", "false", "2023")
    readme = archive.read("README.txt").decode("utf-8")
    assert "Asociación Raíces" in readme and "2 good practices" in readme
    assert "2 buenas prácticas" in readme


def test_our_published_practices_in_the_trash_go_as_withdrawn(services, catalogue, tmp_path):
    services.catalogue.delete([catalogue["second"].id, catalogue["draft"].id])
    other = _practice(services, "Práctica de otra entidad")
    withdrawn_by_origin = _practice(services, "Retirada por su origen")
    with services.db.session() as s:
        # As if both had come in a bundle from another organisation.
        for practice_id in (other.id, withdrawn_by_origin.id):
            s.get(Practice, practice_id).origin_id = str(uuid.uuid4())
        s.get(Practice, withdrawn_by_origin.id).withdrawn = True
    services.catalogue.delete([other.id])  # trashed here: not ours to withdraw

    result = export_bundle(services.db, tmp_path / "out.tejido")
    _, payload = _read(result.path)

    withdrawn = {r["id"]: r["withdrawn"] for r in payload["records"]}
    assert withdrawn == {
        catalogue["first"].id: False,
        catalogue["second"].id: True,
        withdrawn_by_origin.id: True,
    }
    assert result.withdrawn == 2
    assert result.attachments == 2  # the withdrawn practice still shows what it was


def test_a_selection_areas_and_drafts(services, catalogue, tmp_path):
    by_area = export_bundle(services.db, tmp_path / "a.tejido", areas=["inclusion SOCIAL"])
    assert by_area.practices == 1 and by_area.attachments == 2

    chosen = [catalogue["second"].id, catalogue["draft"].id, catalogue["hidden"].id]
    selected = export_bundle(services.db, tmp_path / "b.tejido", practice_ids=chosen)
    assert selected.practices == 2  # the draft stays out; a hidden one asked for goes
    everything = export_bundle(
        services.db, tmp_path / "c.tejido", practice_ids=chosen, published_only=False
    )
    assert everything.practices == 3

    with pytest.raises(ValidationError, match="no area called “Pesca”"):
        export_bundle(services.db, tmp_path / "d.tejido", areas=["Pesca"])
    assert not (tmp_path / "d.tejido").exists()


def test_each_export_is_recorded(services, catalogue, tmp_path):
    result = export_bundle(services.db, tmp_path / "out.tejido", exported_by="Marta")

    with services.db.session() as s:
        bundles = list(s.scalars(select(Bundle)))
    assert len(bundles) == 1
    bundle = bundles[0]
    assert (bundle.direction, bundle.bundle_id, bundle.file_name) == (
        "export",
        result.sha256,
        "out.tejido",
    )
    assert bundle.by == "Marta" and bundle.publisher_name == "Asociación Raíces"
    assert sorted(bundle.practice_ids) == sorted([catalogue["first"].id, catalogue["second"].id])


def test_nothing_to_export_writes_nothing(services, tmp_path):
    _practice(services, "Solo un borrador", status="draft")

    with pytest.raises(ValidationError, match="no practice to export"):
        export_bundle(services.db, tmp_path / "out.tejido")
    assert list(tmp_path.glob("*.tejido")) == []


def test_an_unwritable_place_is_refused_and_nothing_recorded(services, catalogue, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")

    with pytest.raises(ValidationError, match="could not be written"):
        export_bundle(services.db, blocker / "out.tejido")
    with services.db.session() as s:
        assert s.scalars(select(Bundle)).first() is None


def test_a_bundle_too_large_for_the_reader_is_not_written(
    services, catalogue, tmp_path, monkeypatch
):
    import app.services.bundles.export as export_module

    monkeypatch.setattr(export_module, "LIMITS", type(LIMITS)(max_entries=5))

    with pytest.raises(ValidationError, match="in parts"):
        export_bundle(services.db, tmp_path / "out.tejido")
    assert list(tmp_path.glob("*out.tejido*")) == []  # neither the file nor a temporary one


def test_progress_is_reported_and_a_cancelled_export_leaves_nothing(services, catalogue, tmp_path):
    seen: list[tuple[int, int]] = []
    export_bundle(services.db, tmp_path / "out.tejido", progress=lambda *a: seen.append(a))
    assert seen[0] == (0, 6) and seen[-1] == (6, 6)  # four files and two attachments

    with pytest.raises(Cancelled):
        export_bundle(services.db, tmp_path / "other.tejido", cancelled=lambda: True)
    assert list(tmp_path.glob("*other.tejido*")) == []
    with services.db.session() as s:
        assert len(list(s.scalars(select(Bundle)))) == 1  # only the first export


def test_text_that_packs_like_a_zip_bomb_is_stored_unpacked(services, tmp_path):
    for number in range(70):
        _practice(services, f"Práctica {number}", description="a" * 20_000)

    result = export_bundle(services.db, tmp_path / "out.tejido")

    info = zipfile.ZipFile(result.path).getinfo("records.json")
    assert info.file_size > LIMITS.ratio_floor
    assert info.compress_type == zipfile.ZIP_STORED  # the reader would refuse it deflated
    assert zipfile.ZipFile(result.path).getinfo("practices.csv").compress_type == zipfile.ZIP_STORED


def test_our_reader_accepts_what_we_write(services, catalogue, tmp_path):
    from app.services.bundles.reading import read_bundle

    result = export_bundle(services.db, tmp_path / "out.tejido")
    work = tmp_path / "work"
    work.mkdir()

    contents = read_bundle(result.path, work)

    assert contents.sha256 == result.sha256
    assert len(contents.records) == result.practices
    assert sorted(contents.attachments) == sorted(
        {a["sha256"] for r in contents.records for a in r["attachments"]}
    )
