"""Export of all data to one JSON file: the documented shape, the trash, merges, every table."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.errors import ValidationError
from app.models import Base
from app.services.demo.images import demo_logo_png
from app.services.export_data import SECTIONS, build_export, export_all, left_out
from app.services.organisations import OrganisationData
from app.services.people import ConsentData, MembershipData, PersonData
from app.services.profile import ProfileData
from app.services.registry import Services
from app.services.vocabulary import GENDERS

# The keys docs/export-format.md promises, written out so a change to either is noticed.
PERSON_KEYS = {
    "id", "full_name", "given_name", "family_name", "gender", "birth_year", "email", "phone",
    "preferred_language", "expertise", "interests", "accessibility_needs", "notes",
    "organisations", "consent", "created_at", "updated_at", "deleted_at",
}  # fmt: skip
ORGANISATION_KEYS = {
    "id", "name", "kind", "legal_form", "tax_id", "registration_number", "address",
    "postal_code", "municipality", "province", "country", "phone", "email", "website",
    "areas_of_action", "target_groups", "territory", "staff_count", "volunteer_count",
    "member_count", "year_founded", "contact_person", "needs", "expertise", "notes",
    "created_at", "updated_at", "deleted_at",
}  # fmt: skip
PROFILE_KEYS = {
    "id", "name", "legal_form", "tax_id", "registration_number", "address", "postal_code",
    "municipality", "province", "country", "phone", "email", "website", "logo",
    "signature_image", "signatory_name", "signatory_role", "areas_of_action",
    "default_language", "document_colour", "public_key", "created_at", "updated_at", "deleted_at",
}  # fmt: skip
CONSENT_KEYS = {"purpose", "granted_at", "collected_by", "notice_version", "withdrawn_at", "notes"}


def parse_stamp(value: str) -> datetime:
    assert value.endswith("Z"), value
    return datetime.fromisoformat(value[:-1]).replace(tzinfo=UTC)


@pytest.fixture
def filled(services: Services) -> Services:
    services.profile.save(ProfileData(name="Red Tejido", logo=demo_logo_png()))
    paz = services.organisations.save(OrganisationData(name="La Paz", tax_id="B12345674"))
    gone = services.organisations.save(OrganisationData(name="Cerrada"))
    services.organisations.delete([gone.id])
    twin = services.organisations.save(OrganisationData(name="La Paz bis"))
    services.duplicates.merge_organisations(paz.id, [twin.id])
    granted = datetime(2024, 3, 1, 9, 30)
    services.people.save(
        PersonData(
            full_name="José María Núñez",
            gender="man",
            birth_year=1978,
            email="jm@example.org",
            phone="600 11 22 33",
            memberships=(MembershipData(paz.id, role="staff"),),
            consents=(
                ConsentData("programme", granted, collected_by="Carmen"),
                ConsentData("photos", granted, withdrawn_at=granted + timedelta(days=30)),
            ),
        )
    )
    trashed = services.people.save(PersonData(full_name="Berta Gil", gender="woman"))
    services.people.delete([trashed.id])
    keep = services.people.save(PersonData(full_name="Ana Ruiz"))
    merged = services.people.save(PersonData(full_name="Ana Ruiz", email="ana@example.org"))
    services.duplicates.merge_people(keep.id, [merged.id])
    return services


def test_the_document_has_the_documented_top_level(filled: Services) -> None:
    before = datetime.now(UTC).replace(microsecond=0)
    document = build_export(filled.db)
    assert document["format"] == "tejido-export"
    assert document["version"] == 1
    assert isinstance(document["app_version"], str)
    assert before <= parse_stamp(document["exported_at"]) <= datetime.now(UTC)
    assert set(document) >= {"organisation", "organisations", "people"}


def test_people_have_the_documented_fields(filled: Services) -> None:
    people = {p["full_name"]: p for p in build_export(filled.db)["people"]}
    assert set(people) == {"José María Núñez", "Berta Gil", "Ana Ruiz"}  # merged one absent
    for person in people.values():
        assert set(person) == PERSON_KEYS
        assert person["gender"] in GENDERS
    jose = people["José María Núñez"]
    assert (jose["gender"], jose["birth_year"]) == ("man", 1978)
    assert (jose["email"], jose["phone"]) == ("jm@example.org", "600 11 22 33")
    assert [(o["name"], o["role"]) for o in jose["organisations"]] == [("La Paz", "staff")]
    assert set(jose["organisations"][0]) == {"id", "name", "role"}
    consent = {c["purpose"]: c for c in jose["consent"]}
    assert all(set(c) == CONSENT_KEYS for c in consent.values())
    assert consent["programme"]["granted_at"] == "2024-03-01T09:30:00Z"
    assert consent["programme"]["withdrawn_at"] is None
    assert consent["photos"]["withdrawn_at"] == "2024-03-31T09:30:00Z"
    assert people["Ana Ruiz"]["email"] == "ana@example.org"  # filled in by the merge
    parse_stamp(jose["created_at"])


def test_trashed_records_are_exported_with_deleted_at_and_merged_ones_are_not(
    filled: Services,
) -> None:
    document = build_export(filled.db)
    people = {p["full_name"]: p for p in document["people"]}
    assert people["Berta Gil"]["deleted_at"] is not None
    parse_stamp(people["Berta Gil"]["deleted_at"])
    assert people["Ana Ruiz"]["deleted_at"] is None
    assert [p["full_name"] for p in document["people"]].count("Ana Ruiz") == 1

    organisations = {o["name"]: o for o in document["organisations"]}
    assert set(organisations) == {"La Paz", "Cerrada"}  # "La Paz bis" was merged
    assert organisations["Cerrada"]["deleted_at"] is not None
    assert organisations["La Paz"]["deleted_at"] is None
    for organisation in organisations.values():
        assert set(organisation) == ORGANISATION_KEYS


def test_the_profile_is_exported_with_its_logo(filled: Services) -> None:
    profile = build_export(filled.db)["organisation"]
    assert set(profile) == PROFILE_KEYS
    assert profile["name"] == "Red Tejido"
    assert base64.b64decode(profile["logo"]) == demo_logo_png()
    assert profile["signature_image"] is None


def test_an_empty_folder_exports_empty_lists(services: Services) -> None:
    document = build_export(services.db)
    assert (document["organisation"], document["organisations"], document["people"]) == (
        None,
        [],
        [],
    )


def test_export_all_writes_json_and_counts(filled: Services, tmp_path: Path) -> None:
    steps: list[tuple[int, int]] = []
    path = tmp_path / "out" / "tejido.json"
    counts = export_all(filled.db, path, lambda done, total: steps.append((done, total)))
    assert {k: v for k, v in counts.items() if v} == {"organisations": 2, "people": 3}
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["format"] == "tejido-export"
    assert "José María Núñez" in path.read_text(encoding="utf-8")  # not \u-escaped
    assert steps[-1] == (len(SECTIONS), len(SECTIONS))


def test_export_to_an_unwritable_place_is_a_validation_error(
    services: Services, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(ValidationError):
        export_all(services.db, blocker / "tejido.json")


def test_every_table_is_exported_or_knowingly_left_out() -> None:
    covered = {table for _reader, tables in SECTIONS.values() for table in tables}
    schema = {table.name for table in Base.metadata.sorted_tables}
    forgotten = {table for table in schema - covered if not left_out(table)}
    assert not forgotten, (
        f"tables {sorted(forgotten)} are in no export section: add a section to SECTIONS in "
        "app/services/export_data.py (and document it in docs/export-format.md) or list the "
        "table in NOT_EXPORTED"
    )
    assert covered <= schema, f"sections name tables that do not exist: {covered - schema}"


def test_sync_tables_are_this_laptops_state_and_only_the_sync_section_reads_them() -> None:
    schema = {table.name for table in Base.metadata.sorted_tables}
    local = {table for table in schema if table.startswith("sync_")}
    assert {"sync_state", "sync_ops", "sync_fields"} <= local
    assert all(left_out(table) for table in local)
    for name, (_reader, tables) in SECTIONS.items():
        if name != "sync":
            assert not local & set(tables), f"programme section {name} reads sync tables"
    # the operations and merged fields hold every value, confidential notes included
    assert not {"sync_ops", "sync_fields"} & set(SECTIONS["sync"][1])


def test_the_private_signing_key_is_never_exported(services: Services) -> None:
    from app.models import SigningKey

    with services.db.session() as s:
        s.add(
            SigningKey(public_key=b"P" * 32, private_key=b"SECRET-KEY-BYTES" * 2, fingerprint="f")
        )
    document = build_export(services.db)
    assert [set(k) >= {"public_key", "fingerprint"} for k in document["signing_keys"]] == [True]
    text = json.dumps(document)
    assert "private_key" not in text
    assert base64.b64encode(b"SECRET-KEY-BYTES" * 2).decode() not in text


PRACTICE_KEYS = {
    "id", "origin_id", "origin_name", "revision", "derived_from", "title", "title_key", "summary",
    "area_id", "themes", "organisation_id", "organisation_name", "territory", "target_group",
    "year", "context", "objectives", "description", "resources", "results", "evidence",
    "lessons", "sustainability", "transferability", "gender_perspective", "accessibility",
    "contact", "links", "licence", "status", "reviewer", "reviewed_on", "edited_locally",
    "hidden", "withdrawn", "content_hash", "published_hash", "created_at", "updated_at",
    "deleted_at",
}  # fmt: skip


def test_the_catalogue_is_exported_with_attachments_listed_but_not_their_bytes(
    services: Services, tmp_path: Path
) -> None:
    from datetime import date

    from app.services.adoptions import AdoptionData
    from app.services.attachments import store_file
    from app.services.catalogue_values import PracticeData

    poster = tmp_path / "cartel.png"
    poster.write_bytes(demo_logo_png())
    attachment = store_file(services.db, poster, "Cartel")
    practice = services.catalogue.save(
        PracticeData(
            title="Huerto comunitario",
            area="Environment",
            themes=("participation",),
            links=("https://example.org",),
            status="published",
            reviewed_on=date(2026, 2, 1),
            attachments=(attachment,),
        ),
        today=date(2026, 6, 1),
    )
    paz = services.organisations.save(OrganisationData(name="La Paz"))
    services.adoptions.save(AdoptionData(practice.id, paz.id, adopted_on=date(2026, 3, 1)))
    document = build_export(services.db)
    (exported,) = document["practices"]
    assert set(exported) == PRACTICE_KEYS
    assert (exported["title"], exported["themes"], exported["reviewed_on"]) == (
        "Huerto comunitario",
        ["participation"],
        "2026-02-01",
    )
    area = next(a for a in document["practice_areas"] if a["id"] == exported["area_id"])
    assert area["name"] == "Environment" and len(document["practice_areas"]) == 14
    (attached,) = document["practice_attachments"]
    assert (attached["sha256"], attached["title"]) == (attachment.sha256, "Cartel")
    assert document["attachment_blobs"] == [
        {"sha256": attachment.sha256, "size": attachment.size, "created_at": ANY_STAMP}
    ]
    assert base64.b64encode(demo_logo_png()).decode() not in json.dumps(document)
    assert document["practice_adoptions"][0]["adopted_on"] == "2026-03-01"
    json.dumps(document)  # every section is JSON as it is


class _AnyStamp:
    def __eq__(self, other: object) -> bool:
        return isinstance(other, str) and parse_stamp(other) is not None


ANY_STAMP = _AnyStamp()


def test_the_sync_section_says_sync_is_off_on_a_laptop_that_does_not_sync(
    services: Services,
) -> None:
    assert build_export(services.db)["sync"] == {
        "enabled": False,
        "folder": None,
        "device_name": None,
        "device_id": None,
        "devices": [],
        "conflicts": [],
    }


def test_the_sync_section_has_settings_laptops_and_conflicts_but_no_value(
    services: Services, tmp_path: Path
) -> None:
    from dataclasses import replace

    from app.services.context import DataFolder
    from app.services.registry import build_services

    shared = tmp_path / "shared"
    shared.mkdir()
    (tmp_path / "other").mkdir()
    other = build_services(DataFolder(tmp_path / "other"))
    try:
        services.sync.set_up(shared, "Portátil de Carmen")
        other.sync.set_up(shared, "Laptop B")
        person = services.people.save(PersonData(full_name="Ana Ruiz"))
        services.sync.run_pass()
        other.sync.run_pass()
        services.people.save(replace(services.people.get(person.id), phone="611 000 001"))
        other.people.save(replace(other.people.get(person.id), phone="622 000 002"))
        other.sync.run_pass()
        services.sync.run_pass()
        section = build_export(services.db)["sync"]
    finally:
        other.db.dispose()
    me = services.sync.settings()
    assert (section["enabled"], section["device_name"], section["device_id"]) == (
        True,
        "Portátil de Carmen",
        me.device_id,
    )
    assert section["folder"] == str(shared / "Tejido-sync")
    assert {d["name"] for d in section["devices"]} == {"Portátil de Carmen", "Laptop B"}
    assert all(set(d) == {"id", "name", "last_seen"} for d in section["devices"])
    assert all(parse_stamp(d["last_seen"]) for d in section["devices"])
    assert section["conflicts"] == [
        {"table": "people", "record_id": person.id, "field": "phone", "kind": "field"}
    ]
    text = json.dumps(section, ensure_ascii=False)
    assert "611 000 001" not in text and "622 000 002" not in text and "Ana Ruiz" not in text
