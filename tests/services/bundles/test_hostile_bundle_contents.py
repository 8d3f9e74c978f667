"""Reading bundles whose ZIP is sound but whose contents lie: invalid or deeply nested JSON,
records that break the schema, a newer format, wrong hashes, an executable posing as a PDF.
Each is refused with its reason, in bounded time and memory, leaving nothing behind. A valid
bundle (hand-made, and the exporter's own) is read back whole."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from datetime import date
from pathlib import Path

import pytest

from app.services.attachments import store_file
from app.services.bundles.reading import read_bundle
from app.services.catalogue_values import PracticeData
from app.services.profile import ProfileData
from tests.services.bundles.bundle_builder import (
    EXE,
    PDF,
    PNG,
    Bundle,
    Entry,
    attachment,
    refuse,
    sha,
    valid_bundle,
)

CASES: list = []
NEWER: list = []
ODT = "application/vnd.oasis.opendocument.text"


def case(fragment: str, into: list = CASES):
    """Register a change to the valid base with the words its refusal must say."""

    def register(change):
        def build(path: Path) -> None:
            bundle = valid_bundle()
            change(bundle)
            bundle.write(path)

        into.append(pytest.param(build, fragment, id=change.__name__))
        return change

    return register


def records_json(bundle: Bundle, **changes) -> bytes:
    payload = {"format": "tejido-catalogue-bundle", "version": 1, "publisher": bundle.publisher}
    payload["records"] = bundle.records
    return json.dumps({**payload, **changes}).encode()


def nested(depth: int) -> list:
    value: list = []
    for _ in range(depth - 1):
        value = [value]
    return value


# -- JSON ----------------------------------------------------------------------------------------
@case("Its records.json is not valid JSON (line 1, column 2)")
def not_json(bundle):
    bundle.records_bytes = b"{not json"


@case("Its records.json is not UTF-8 text")
def not_utf8(bundle):
    bundle.records_bytes = records_json(bundle).replace(b"}", b"\xff}", 1)


@case("Its records.json is nested more than 32 levels deep")
def nested_beyond_the_parser(bundle):
    bundle.records_bytes = b"[" * 200_000 + b"]" * 200_000


@case("Its records.json is nested more than 32 levels deep")
def nested_a_little_too_deep(bundle):
    bundle.records_bytes = records_json(bundle, records=nested(40))


@case("Its records.json gives the key “format” twice in one place")
def repeated_key(bundle):
    bundle.records_bytes = b'{"format": "tejido-catalogue-bundle", "format": "other"}'


@case("Its records.json holds a number Tejido cannot read")
def not_a_number(bundle):
    bundle.records_bytes = records_json(bundle).replace(b'"revision": 1', b'"revision": NaN', 1)


@case("Its records.json holds a number Tejido cannot read")
def endless_number(bundle):
    bundle.records_bytes = records_json(bundle).replace(
        b'"revision": 1', b'"revision": 1' + b"0" * 5000, 1
    )


@case("Its datapackage.json is not valid JSON")
def descriptor_not_json(bundle):
    bundle.descriptor_bytes = b'{"tejido:format": '


@case("Its datapackage.json does not describe a Tejido catalogue bundle")
def descriptor_of_another_format(bundle):
    bundle.descriptor["tejido:format"] = "someone-elses-package"


@case("Its datapackage.json does not describe a Tejido catalogue bundle")
def descriptor_of_no_format(bundle):
    del bundle.descriptor["tejido:format"]


@case("Its records.json does not describe a Tejido catalogue bundle")
def records_of_another_format(bundle):
    bundle.records_bytes = records_json(bundle, format="other")


@case("It does not say which version of the bundle format it uses")
def records_of_no_version(bundle):
    bundle.records_bytes = records_json(bundle, version="1")


@case("It has no records.json, so it is not a Tejido catalogue bundle")
def no_records(bundle):
    bundle.omit = ("records.json",)


@case("It has no datapackage.json, so it is not a Tejido catalogue bundle")
def no_descriptor(bundle):
    bundle.omit = ("datapackage.json",)


# -- the schema ----------------------------------------------------------------------------------
@case("the number 0 is out of range (record 1, revision)")
def revision_zero(bundle):
    bundle.records[0]["revision"] = 0


@case("“not-a-uuid” is not an allowed value (record 2, id)")
def not_a_uuid(bundle):
    bundle.records[1]["id"] = "not-a-uuid"


@case("“title” is missing (record 1, fields)")
def no_title(bundle):
    del bundle.records[0]["fields"]["title"]


@case("a text is longer than 300 characters (record 2, fields › title)")
def long_title(bundle):
    bundle.records[1]["fields"]["title"] = "x" * 301


@case("“secret” is not an allowed value (record 1, fields › status)")
def unknown_status(bundle):
    bundle.records[0]["fields"]["status"] = "secret"


@case("“application/x-msdownload” is not an allowed value")
def executable_media_type(bundle):
    bundle.records[0]["attachments"][0]["media_type"] = "application/x-msdownload"


@case("“script” is not a field of the format (record 1)")
def unknown_field(bundle):
    bundle.records[0]["script"] = "rm -rf /"


@case("a value is of the wrong kind (record 1, withdrawn)")
def wrong_kind(bundle):
    bundle.records[0]["withdrawn"] = "no"


@case("appears twice in it")
def same_practice_twice(bundle):
    bundle.records[1]["id"] = bundle.records[0]["id"]


@case("The publisher's key does not match its fingerprint")
def someone_elses_fingerprint(bundle):
    bundle.publisher["fingerprint"] = "0" * 16


# -- attachments ---------------------------------------------------------------------------------
@case("has been altered: its contents do not match its name")
def wrong_hash(bundle):
    bundle.blobs[f"attachments/{sha(PDF)}.pdf"] = PDF.replace(b"1.4", b"1.5")


@case("does not have the size records.json gives")
def wrong_size(bundle):
    for record in bundle.records:
        record["attachments"][0]["size"] += 1


@case("an attachment that records.json does not list")
def unlisted_attachment(bundle):
    bundle.blobs[f"attachments/{sha(EXE)}.pdf"] = EXE


@case("listed in records.json is missing")
def missing_attachment(bundle):
    del bundle.blobs[f"attachments/{sha(PNG)}.png"]


@case("is described in two different ways")
def two_descriptions(bundle):
    bundle.records[1]["attachments"] = [attachment(PDF, "text/plain")]


@case("it says PDF but it is a kind of file Tejido does not accept")
def executable_posing_as_pdf(bundle):
    bundle.records[1]["attachments"] = [attachment(EXE, "application/pdf")]
    bundle.blobs[f"attachments/{sha(EXE)}.pdf"] = EXE


@case("it says PDF but it is PNG")
def image_posing_as_pdf(bundle):
    bundle.records[0]["attachments"] = [attachment(PNG, "application/pdf")]
    bundle.records[1]["attachments"] = []
    bundle.blobs = {f"attachments/{sha(PNG)}.pdf": PNG}


@case("it says ODT but it is a kind of file Tejido does not accept")
def office_document_bomb(bundle):
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", ODT.encode() + b" " * 20_000_000)
    data = inner.getvalue()
    bundle.records[1]["attachments"] = [attachment(data, ODT)]
    bundle.blobs[f"attachments/{sha(data)}.odt"] = data


# -- made by a newer Tejido ----------------------------------------------------------------------
@case("It was made by a newer Tejido (bundle format 2;", NEWER)
def newer_records(bundle):
    bundle.version = 2


@case("It was made by a newer Tejido (bundle format 3;", NEWER)
def newer_descriptor(bundle):
    bundle.descriptor["tejido:version"] = 3


@case("It was made by a newer Tejido", NEWER)
def newer_with_new_kinds_of_entry(bundle):
    bundle.descriptor["tejido:version"] = bundle.version = 2
    bundle.extra.append(Entry("signatures.json", b"{}"))


@case("It needs Tejido 99.0 or later", NEWER)
def newer_program(bundle):
    bundle.descriptor["tejido:min_app_version"] = "99.0"


@pytest.mark.parametrize(("build", "fragment"), CASES)
def test_contents_that_lie_are_refused_with_their_reason(build, fragment, tmp_path, monkeypatch):
    error = refuse(build, tmp_path, monkeypatch)
    assert fragment in error.reason
    assert "Nothing was imported" in str(error)


@pytest.mark.parametrize(("build", "fragment"), NEWER)
def test_a_bundle_from_a_newer_tejido_asks_to_update(build, fragment, tmp_path, monkeypatch):
    error = refuse(build, tmp_path, monkeypatch)
    assert fragment in error.reason
    assert error.newer
    assert "Please update Tejido" in str(error)


def test_a_valid_bundle_is_read_whole(tmp_path):
    bundle = valid_bundle()
    path = bundle.write(tmp_path / "valid.tejido")
    work = tmp_path / "work"
    contents = read_bundle(path, work)
    assert contents.file_name == "valid.tejido"
    assert contents.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert contents.records == bundle.records
    assert contents.publisher == bundle.publisher
    assert contents.descriptor["tejido:exporter"] == "tests"
    assert {k: v.read_bytes() for k, v in contents.attachments.items()} == {
        sha(PDF): PDF,
        sha(PNG): PNG,
    }
    (folder,) = work.iterdir()
    assert all(p.parent == folder for p in contents.attachments.values())
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [f"{sha(PDF)}.pdf", f"{sha(PNG)}.png"]
    )


def test_the_exporters_bundle_is_read_back(services, tmp_path):
    from app.services.bundles.export import export_bundle

    services.profile.save(ProfileData(name="Asociación Raíces"))
    source = tmp_path / "guía.pdf"
    source.write_bytes(PDF)
    pdf = store_file(services.db, source, "Guía")
    data = PracticeData(
        title="Huertos comunitarios", status="published", year=2023, attachments=(pdf,)
    )
    saved = services.catalogue.save(data, today=date(2025, 6, 1))
    result = export_bundle(services.db, tmp_path / "out.tejido")
    contents = read_bundle(result.path, tmp_path / "work")
    assert contents.sha256 == result.sha256
    assert [r["id"] for r in contents.records] == [saved.id]
    assert contents.records[0]["fields"]["title"] == "Huertos comunitarios"
    assert contents.publisher["name"] == "Asociación Raíces"
    assert contents.attachments[pdf.sha256].read_bytes() == PDF
