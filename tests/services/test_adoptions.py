"""Adoptions: organisations that adopted a practice, how they adapted it and with what result."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from app.errors import NotFoundError, ValidationError
from app.services.adoptions import AdoptionData, AdoptionRow
from app.services.organisations import OrganisationData
from app.services.registry import Services
from tests.services.catalogue_helpers import add

TODAY = date(2026, 6, 1)


@pytest.fixture
def world(services: Services) -> tuple[Services, str, str, str, str]:
    garden = add(services, "Huerto comunitario")
    bank = add(services, "Banco del tiempo")
    paz = services.organisations.save(OrganisationData(name="Asociación La Paz")).id
    rio = services.organisations.save(OrganisationData(name="Fundación Río")).id
    return services, garden, bank, paz, rio


def adopt(services: Services, practice: str, organisation: str, **fields: object) -> AdoptionRow:
    return services.adoptions.save(AdoptionData(practice, organisation, **fields), today=TODAY)


def test_an_adoption_is_recorded_with_how_and_what_came_of_it(world) -> None:  # type: ignore[no-untyped-def]
    services, garden, _bank, paz, _rio = world
    row = adopt(
        services,
        garden,
        paz,
        adopted_on=date(2025, 9, 1),
        adaptation="  En un pueblo: grupos más pequeños. ",
        result="30 familias.",
        notes="Contacto: la coordinadora.",
    )
    assert (row.practice_title, row.organisation_name) == (
        "Huerto comunitario",
        "Asociación La Paz",
    )
    assert (row.adopted_on, row.adaptation, row.result) == (
        date(2025, 9, 1),
        "En un pueblo: grupos más pequeños.",
        "30 familias.",
    )
    assert services.adoptions.list(practice_id=garden) == [row]
    data = services.adoptions.get(row.id)
    assert (data.id, data.practice_id, data.organisation_id) == (row.id, garden, paz)
    assert data.notes == "Contacto: la coordinadora."
    assert services.adoptions.count(garden) == 1


def test_lists_by_practice_and_by_organisation_newest_first(world) -> None:  # type: ignore[no-untyped-def]
    services, garden, bank, paz, rio = world
    old = adopt(services, garden, rio, adopted_on=date(2023, 1, 10))
    undated = adopt(services, bank, paz)
    new = adopt(services, garden, paz, adopted_on=date(2026, 1, 10))
    again = adopt(services, bank, paz, adopted_on=date(2024, 5, 1))  # adopted twice: allowed
    assert [r.id for r in services.adoptions.list(practice_id=garden)] == [new.id, old.id]
    assert [r.id for r in services.adoptions.list(organisation_id=paz)] == [
        new.id,
        again.id,
        undated.id,
    ]
    assert [r.id for r in services.adoptions.list(garden, paz)] == [new.id]
    assert len(services.adoptions.list()) == 4


def test_an_adoption_is_edited_and_removed(world) -> None:  # type: ignore[no-untyped-def]
    services, garden, _bank, paz, rio = world
    row = adopt(services, garden, paz, result="Todavía en marcha.")
    data = services.adoptions.get(row.id)
    changed = services.adoptions.save(replace(data, organisation_id=rio, result="Funcionó."))
    assert (changed.id, changed.organisation_name, changed.result) == (
        row.id,
        "Fundación Río",
        "Funcionó.",
    )
    assert len(services.adoptions.list()) == 1
    services.adoptions.delete(row.id)
    assert services.adoptions.list() == [] and services.adoptions.count(garden) == 0
    with pytest.raises(NotFoundError):
        services.adoptions.get(row.id)
    with pytest.raises(NotFoundError):
        services.adoptions.delete(row.id)
    with pytest.raises(NotFoundError):
        services.adoptions.save(data)  # editing one that was removed


@pytest.mark.parametrize(
    "change, field",
    [
        ({"adopted_on": date(2026, 6, 2)}, "adopted_on"),  # tomorrow
        ({"adopted_on": date(1949, 12, 31)}, "adopted_on"),
        ({"practice_id": ""}, "practice_id"),
        ({"organisation_id": ""}, "organisation_id"),
        ({"adaptation": "x" * 20_001}, None),
    ],
)
def test_what_cannot_be_recorded_is_refused(world, change: dict, field: str | None) -> None:  # type: ignore[no-untyped-def]
    services, garden, _bank, paz, _rio = world
    with pytest.raises(ValidationError) as caught:
        services.adoptions.save(replace(AdoptionData(garden, paz), **change), today=TODAY)
    assert caught.value.field == field and str(caught.value)
    assert services.adoptions.list() == []


def test_today_is_a_valid_adoption_date(world) -> None:  # type: ignore[no-untyped-def]
    services, garden, _bank, paz, _rio = world
    assert adopt(services, garden, paz, adopted_on=TODAY).adopted_on == TODAY


def test_practices_and_organisations_must_exist_and_be_live(world) -> None:  # type: ignore[no-untyped-def]
    services, garden, bank, paz, rio = world
    with pytest.raises(NotFoundError):
        adopt(services, "no-such-practice", paz)
    with pytest.raises(NotFoundError):
        adopt(services, garden, "no-such-organisation")
    services.catalogue.delete([bank])
    with pytest.raises(NotFoundError):
        adopt(services, bank, paz)
    services.organisations.delete([rio])
    with pytest.raises(NotFoundError):
        adopt(services, garden, rio)
    twin = services.organisations.save(OrganisationData(name="Asociación La Paz bis")).id
    services.duplicates.merge_organisations(paz, [twin])
    with pytest.raises(NotFoundError) as caught:
        adopt(services, garden, twin)
    assert "merged" in str(caught.value)
    assert services.adoptions.list() == []


def test_a_practice_moved_to_the_trash_keeps_its_adoptions_out_of_other_lists(world) -> None:  # type: ignore[no-untyped-def]
    services, garden, _bank, paz, _rio = world
    row = adopt(services, garden, paz)
    services.catalogue.delete([garden])
    assert services.adoptions.list(practice_id=garden) == [row]
    assert services.adoptions.list(organisation_id=paz) == []
    assert services.adoptions.list() == []
    services.catalogue.restore([garden])
    assert services.adoptions.list(organisation_id=paz) == [row]


def test_merging_organisations_carries_their_adoptions(world) -> None:  # type: ignore[no-untyped-def]
    services, garden, _bank, paz, _rio = world
    twin = services.organisations.save(OrganisationData(name="Asociación La Paz bis")).id
    row = adopt(services, garden, twin)
    services.duplicates.merge_organisations(paz, [twin])
    moved = services.adoptions.list(practice_id=garden)
    assert [(r.id, r.organisation_id) for r in moved] == [(row.id, paz)]
