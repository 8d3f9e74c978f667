"""Organisations: save and read, tax ids, search, sort, pages, trash, people counts."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from app.errors import NotFoundError, ValidationError
from app.services.organisations import (
    SORT_COLUMNS,
    OrganisationData,
    find_or_create_organisation,
)
from app.services.people import MembershipData, PersonData
from app.services.registry import Services
from app.services.text import fold
from tests.services.test_validation import reference_cif, reference_dni, reference_nie


def add(services: Services, name: str, **values: object) -> OrganisationData:
    return services.organisations.save(OrganisationData(name=name, **values))  # type: ignore[arg-type]


def names(services: Services, query: str = "", **options: object) -> list[str]:
    return [row.name for row in services.organisations.list(query, **options)]  # type: ignore[arg-type]


def test_an_organisation_is_saved_cleaned_and_read_back(services: Services) -> None:
    saved = add(
        services,
        "  Asociación   Vecinal La Paz ",
        kind="federation",
        tax_id="g-4612345-1",
        municipality=" Valencia ",
        country="España",
        email=" Info@LaPaz.Example.ORG ",
        areas_of_action=(" Health ", "", "Culture"),
        staff_count=3,
        volunteer_count=0,
        year_founded=1801,
        notes="  Reunión los martes.\nTraer llaves.  ",
    )
    assert saved.id is not None
    read = services.organisations.get(saved.id)
    assert read == saved
    assert read.name == "Asociación Vecinal La Paz"
    assert read.tax_id == "G46123451"
    assert read.municipality == "Valencia"
    assert read.email == "info@lapaz.example.org"
    assert read.areas_of_action == ("Health", "Culture")
    assert (read.staff_count, read.volunteer_count, read.member_count) == (3, 0, None)
    assert read.notes == "Reunión los martes.\nTraer llaves."  # line breaks kept in long text

    updated = services.organisations.save(replace(read, name="AV La Paz", member_count=120))
    assert updated.id == saved.id and updated.created_at == saved.created_at
    assert services.organisations.get(saved.id).member_count == 120
    assert names(services) == ["AV La Paz"]


def valid_spanish_ids() -> list[str]:
    return [
        reference_cif("B", "1234567"),
        reference_cif("G", "4612345", letter=True),
        reference_cif("Q", "2826000"),
        reference_dni(12345678),
        reference_nie("Y", 7654321),
    ]


@pytest.mark.parametrize("country", ["", "España", "ES"])
def test_spanish_tax_ids_are_checked(services: Services, country: str) -> None:
    for index, tax_id in enumerate(valid_spanish_ids()):
        saved = add(services, f"Entidad {index}", tax_id=tax_id.lower(), country=country)
        assert saved.tax_id == tax_id
    for wrong in ("B12345675", "12345678A", "X1234567A", "ABC"):
        with pytest.raises(ValidationError) as caught:
            add(services, "Entidad mala", tax_id=wrong, country=country)
        assert caught.value.field == "tax_id"
    assert services.organisations.count("mala") == 0


def test_tax_ids_of_other_countries_are_accepted(services: Services) -> None:
    french = add(services, "Association de Lyon", tax_id="FR40303265045", country="Francia")
    assert french.tax_id == "FR40303265045"
    portuguese = add(services, "Associação do Porto", tax_id="501234560", country="Portugal")
    assert portuguese.tax_id == "501234560"


def test_a_wrong_tax_id_does_not_change_a_saved_organisation(services: Services) -> None:
    saved = add(services, "La Paz", tax_id=reference_cif("G", "4612345"))
    with pytest.raises(ValidationError):
        services.organisations.save(replace(saved, tax_id="G46123459", name="Otro nombre"))
    assert services.organisations.get(saved.id) == saved


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": "  "}, "name"),
        ({"kind": "company"}, "kind"),
        ({"email": "info@lapaz"}, "email"),
        ({"year_founded": 1799}, "year_founded"),
        ({"year_founded": date.today().year + 1}, "year_founded"),
        ({"staff_count": -1}, "staff_count"),
        ({"volunteer_count": "many"}, "volunteer_count"),
    ],
)
def test_invalid_input_names_the_field_and_saves_nothing(
    services: Services, change: dict[str, object], field: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        services.organisations.save(OrganisationData(**{"name": "La Paz", **change}))  # type: ignore[arg-type]
    assert caught.value.field == field
    assert services.organisations.count() == 0


@pytest.fixture
def network(services: Services) -> Services:
    add(services, "Asociación Vecinal La Paz", municipality="Valencia", tax_id="B12345674")
    add(services, "Fundación Ñandú", municipality="Madrid", email="hola@nandu.example.org")
    add(services, "Cooperativa 100% Local", municipality="Bilbao")
    add(services, "Grupo Informal", municipality="Málaga", kind="informal_group")
    return services


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("asociacion paz", ["Asociación Vecinal La Paz"]),
        ("PAZ vecinal", ["Asociación Vecinal La Paz"]),
        ("nandu", ["Fundación Ñandú"]),
        ("madrid", ["Fundación Ñandú"]),
        ("b1234", ["Asociación Vecinal La Paz"]),
        ("hola@nandu", ["Fundación Ñandú"]),
        ("100%", ["Cooperativa 100% Local"]),
        ("%", ["Cooperativa 100% Local"]),
        ("_", []),
        ("paz madrid", []),
    ],
)
def test_search_ignores_accents_and_case_and_treats_wildcards_literally(
    network: Services, query: str, expected: list[str]
) -> None:
    assert names(network, query) == expected
    assert network.organisations.count(query) == len(expected)


@pytest.mark.parametrize("query", ["malaga", "Málaga"])
def test_search_finds_a_municipality_with_accents(network: Services, query: str) -> None:
    assert names(network, query) == ["Grupo Informal"]


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("sort", sorted(SORT_COLUMNS))
def test_sort_by_every_column_in_both_directions(
    services: Services, sort: str, descending: bool
) -> None:
    keys = {
        "name": lambda o: fold(o.name),
        "kind": lambda o: o.kind,
        "municipality": lambda o: o.municipality,
        "tax_id": lambda o: o.tax_id,
        "email": lambda o: o.email,
        "updated_at": lambda o: o.updated_at,
    }
    assert set(keys) == set(SORT_COLUMNS), "a new sort column needs a line here"
    rows = [
        ("Zumaia Elkartea", "association", "Zumaia", "B12345674", "z@example.org"),
        ("Ágora Social", "foundation", "Alicante", reference_cif("G", "1111111"), "a@example.org"),
        ("bosque vivo", "association", "Cuenca", reference_cif("G", "2222222"), "b@example.org"),
        ("Eje Común", "cooperative", "Bilbao", reference_cif("F", "3333333"), "e@example.org"),
    ]
    for name, kind, municipality, tax_id, email in rows:
        add(services, name, kind=kind, municipality=municipality, tax_id=tax_id, email=email)
    listed = services.organisations.list(sort=sort, descending=descending)
    expected = sorted(sorted(listed, key=keys["name"]), key=keys[sort], reverse=descending)
    assert [o.id for o in listed] == [o.id for o in expected]


def test_pages_are_disjoint_and_cover_every_organisation(services: Services) -> None:
    for index in range(17):
        add(services, f"Entidad {index % 3}", kind="association")  # repeated names and kinds
    everyone = [row.id for row in services.organisations.list(sort="kind", limit=None)]
    pages = [
        [row.id for row in services.organisations.list(sort="kind", offset=offset, limit=5)]
        for offset in range(0, 20, 5)
    ]
    assert [len(page) for page in pages] == [5, 5, 5, 2]
    assert sum(pages, []) == everyone
    assert len(set(everyone)) == 17 == services.organisations.count()


def test_trash_hides_and_restore_brings_back(network: Services) -> None:
    paz = network.organisations.list("paz")[0]
    assert network.organisations.delete([paz.id]) == 1
    assert "Asociación Vecinal La Paz" not in names(network)
    assert network.organisations.count() == 3
    assert paz.id not in dict(network.organisations.choices())
    trashed = network.organisations.list(trash=True)
    assert [row.name for row in trashed] == ["Asociación Vecinal La Paz"]
    assert trashed[0].deleted_at is not None
    assert network.organisations.restore([paz.id]) == 1
    assert network.organisations.count(trash=True) == 0
    assert paz.id in dict(network.organisations.choices())


def test_choices_are_live_organisations_by_name(network: Services) -> None:
    assert [name for _id, name in network.organisations.choices()] == [
        "Asociación Vecinal La Paz",
        "Cooperativa 100% Local",
        "Fundación Ñandú",
        "Grupo Informal",
    ]


def test_people_count_counts_live_members_only(services: Services) -> None:
    paz = add(services, "La Paz")
    sol = add(services, "El Sol")
    members = [
        services.people.save(PersonData(full_name=name, memberships=(MembershipData(paz.id),)))
        for name in ("Ana Ruiz", "Berta Gil", "Carla Díaz", "Dolores Fuentes")
    ]
    counts = {row.name: row.people_count for row in services.organisations.list()}
    assert counts == {"La Paz": 4, "El Sol": 0}

    services.people.delete([members[0].id])  # in the trash
    services.people.save(replace(members[1], memberships=(MembershipData(sol.id),)))  # moved
    counts = {row.name: row.people_count for row in services.organisations.list()}
    assert counts == {"La Paz": 2, "El Sol": 1}

    services.people.restore([members[0].id])
    assert services.organisations.list("la paz")[0].people_count == 3


def test_a_merged_or_missing_organisation_is_not_found(services: Services) -> None:
    keep = add(services, "La Paz")
    twin = add(services, "Asoc. La Paz")
    services.duplicates.merge_organisations(keep.id, [twin.id])
    with pytest.raises(NotFoundError):
        services.organisations.get(twin.id)
    with pytest.raises(NotFoundError):
        services.organisations.save(replace(twin, notes="late edit"))
    with pytest.raises(NotFoundError):
        services.organisations.get("no-such-id")
    assert names(services) == ["La Paz"]
    assert services.organisations.list(trash=True) == []


def test_find_or_create_reuses_an_organisation_typed_differently(services: Services) -> None:
    paz = add(services, "Asociación Vecinal La Paz")
    with services.db.session() as s:
        found, created = find_or_create_organisation(s, "  ASOCIACION vecinal la paz ")
        new_id, new_created = find_or_create_organisation(s, "El  Sol")
    assert (found, created) == (paz.id, False)
    assert new_created
    assert services.organisations.get(new_id).name == "El Sol"
