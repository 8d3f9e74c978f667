"""The bundle format: the quick record check agrees with jsonschema; record fields round trip."""

from __future__ import annotations

import copy
import random
from datetime import date

import jsonschema
import pytest

from app.services.bundles.format import RECORDS_SCHEMA, fields_of_record, record_hash
from app.services.bundles.schema_check import first_problem
from app.services.catalogue_values import EXCHANGED_FIELDS, PracticeData, content_hash

RECORD_SCHEMA = RECORDS_SCHEMA["properties"]["records"]["items"]
ID = "0b6f0a0e-7d0c-4c55-9a43-3d8e3f0b1a11"
SHA = "a" * 64


def _record() -> dict:
    fields = {name: "" for name in EXCHANGED_FIELDS}
    fields.update(
        title="Huertos comunitarios",
        themes=["gender", "participation"],
        year=2023,
        links=["https://example.org"],
        status="published",
        reviewed_on="2024-05-02",
    )
    return {
        "id": ID,
        "origin": {"id": ID, "name": "Asociación Raíces"},
        "revision": 3,
        "derived_from": None,
        "withdrawn": False,
        "fields": fields,
        "attachments": [
            {
                "sha256": SHA,
                "media_type": "application/pdf",
                "size": 10,
                "title": "Guía",
                "original_name": "guia.pdf",
            }
        ],
    }


HOSTILE_VALUES = [
    None,
    "",
    "x" * 301,
    "x" * 20_001,
    ID + "\n",
    ID.upper(),
    "2024-5-2",
    0,
    -1,
    1.5,
    3.0,
    10**10,
    True,
    [],
    ["gender", "gender"],
    ["Gender"],
    ["x"] * 101,
    {},
    {"unexpected": 1},
    "text/html",
    SHA + "\n",
]


def _paths(value: object, prefix: tuple = ()) -> list[tuple]:
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


def _set(record: dict, path: tuple, value: object) -> dict:
    spoiled = copy.deepcopy(record)
    target = spoiled
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return spoiled


def test_a_valid_record_passes_both_checks():
    record = _record()
    assert jsonschema.Draft202012Validator(RECORD_SCHEMA).is_valid(record)
    assert first_problem(record, RECORD_SCHEMA) is None


def test_the_schema_refuses_what_a_bundle_must_not_carry():
    validator = jsonschema.Draft202012Validator(RECORDS_SCHEMA)
    record = _record()
    payload = {
        "format": "tejido-catalogue-bundle",
        "version": 1,
        "publisher": {"id": ID, "name": "", "public_key": "A" * 43 + "=", "fingerprint": "0" * 16},
        "records": [record],
    }
    assert validator.is_valid(payload)
    spoiled = [
        {**record, "revision": 0},
        {**record, "id": "not-a-uuid"},
        {**record, "id": ID + "\n"},
        {**record, "fields": {**record["fields"], "status": "secret"}},
        {**record, "fields": {**record["fields"], "title": "x" * 301}},
        {**record, "attachments": [{**record["attachments"][0], "media_type": "text/html"}]},
        {**record, "extra": 1},
    ]
    for bad in spoiled:
        assert not validator.is_valid({**payload, "records": [bad]})
    assert not validator.is_valid({**payload, "format": "something-else"})


def test_the_quick_check_agrees_with_jsonschema_on_spoiled_records():
    validator = jsonschema.Draft202012Validator(RECORD_SCHEMA)
    record = _record()
    refused = 0
    for path in _paths(record):
        for value in HOSTILE_VALUES:
            spoiled = _set(record, path, value)
            expected = validator.is_valid(spoiled)
            assert (first_problem(spoiled, RECORD_SCHEMA) is None) == expected, (path, value)
            refused += not expected
    assert refused > 300  # the corpus does spoil records, so the agreement means something


@pytest.mark.parametrize("seed", range(5))
def test_the_quick_check_agrees_on_random_removals_and_additions(seed):
    validator = jsonschema.Draft202012Validator(RECORD_SCHEMA)
    rng = random.Random(seed)
    for _ in range(200):
        spoiled = copy.deepcopy(_record())
        path = rng.choice([p for p in _paths(spoiled) if isinstance(p[-1], str)])
        target = spoiled
        for part in path[:-1]:
            target = target[part]
        if rng.random() < 0.5:
            del target[path[-1]]
        else:
            target[path[-1] + "_extra"] = "x"
        assert (first_problem(spoiled, RECORD_SCHEMA) is None) == validator.is_valid(spoiled)


def test_the_problem_names_where_it_is():
    spoiled = _set(_record(), ("fields", "status"), "secret")
    assert first_problem(spoiled, RECORD_SCHEMA) == "fields.status"
    spoiled = _set(_record(), ("attachments", 0, "media_type"), "text/html")
    assert first_problem(spoiled, RECORD_SCHEMA) == "attachments.0.media_type"


def test_a_records_fields_are_practice_values_with_the_same_hash():
    record = _record()
    fields = fields_of_record(record)

    assert fields["reviewed_on"] == date(2024, 5, 2)
    assert fields["themes"] == ("gender", "participation")
    data = PracticeData(**fields)  # the importer builds practices from them
    assert data.title == "Huertos comunitarios"
    assert record_hash(record) == content_hash(fields, [SHA])
    changed = _set(record, ("fields", "summary"), "Otro resumen")
    assert record_hash(changed) != record_hash(record)
    reordered = _set(record, ("attachments",), record["attachments"] * 2)
    assert record_hash(reordered) != record_hash(record)
