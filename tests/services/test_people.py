"""People: save and read, search as people type, sort, pages, trash, memberships, consent."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from app.errors import NotFoundError, ValidationError
from app.models import Consent, Membership, Organisation, Person
from app.services.organisations import OrganisationData
from app.services.people import SORT_COLUMNS, ConsentData, MembershipData, PersonData
from app.services.registry import Services
from app.services.text import fold


def add_org(services: Services, name: str) -> str:
    saved = services.organisations.save(OrganisationData(name=name))
    assert saved.id is not None
    return saved.id


def add(services: Services, full_name: str, **values: object) -> PersonData:
    return services.people.save(PersonData(full_name=full_name, **values))  # type: ignore[arg-type]


def names(services: Services, query: str = "", **options: object) -> list[str]:
    return [row.full_name for row in services.people.list(query, **options)]  # type: ignore[arg-type]


def membership_rows(services: Services, person_id: str) -> list[tuple[str, str, bool]]:
    """``(organisation_id, role, live)`` of every membership row of a person, trash included."""
    with services.db.session() as s:
        rows = s.execute(
            select(Membership.organisation_id, Membership.role, Membership.deleted_at)
            .where(Membership.person_id == person_id)
            .order_by(Membership.organisation_id)
        ).all()
    return [(org, role, deleted is None) for org, role, deleted in rows]


def table_counts(services: Services) -> tuple[int, int, int]:
    with services.db.session() as s:
        return tuple(  # type: ignore[return-value]
            s.scalar(select(func.count()).select_from(model)) or 0
            for model in (Person, Membership, Consent)
        )


def test_a_new_person_is_saved_cleaned_and_read_back(services: Services) -> None:
    org = add_org(services, "Asociación Vecinal La Paz")
    saved = add(
        services,
        "  Ana   Ruiz  Pérez ",
        gender="woman",
        birth_year=1980,
        email=" Ana.Ruiz@Example.ORG ",
        phone="+34 600 11 22 33",
        preferred_language="es",
        expertise=" Mediación ",
        accessibility_needs="Silla de ruedas",
        memberships=(MembershipData(org, role="volunteer"),),
    )
    assert saved.id is not None
    read = services.people.get(saved.id)
    assert read == saved
    assert read.full_name == "Ana Ruiz Pérez"
    assert read.email == "ana.ruiz@example.org"
    assert read.expertise == "Mediación"
    assert read.birth_year == 1980 and read.gender == "woman"
    assert read.memberships == (MembershipData(org, "Asociación Vecinal La Paz", "volunteer"),)
    assert read.created_at is not None and read.deleted_at is None
    assert services.people.count() == 1


def test_the_name_can_come_from_given_and_family_names(services: Services) -> None:
    saved = services.people.save(PersonData(full_name="", given_name="Amina", family_name="Benali"))
    assert saved.full_name == "Amina Benali"


def test_an_update_changes_the_same_record(services: Services) -> None:
    first = add(services, "Ana Ruiz", email="ana@example.org")
    updated = services.people.save(replace(first, full_name="Ana Ruiz Gil", birth_year=1979))
    assert updated.id == first.id
    assert services.people.get(first.id).full_name == "Ana Ruiz Gil"
    assert services.people.get(first.id).birth_year == 1979
    assert updated.created_at == first.created_at
    assert names(services) == ["Ana Ruiz Gil"]


@pytest.fixture
def directory(services: Services) -> Services:
    add(services, "José  Núñez", email="jose.nunez@example.org", phone="+34 600 11 22 33")
    add(services, "Josefa Núñez García", phone="611 22 33 44")
    add(services, "Ana Ruiz", email="ANA.RUIZ@correo.es", phone="0034 622 000 111")
    add(services, "Оксана Шевченко", phone="+380 44 123 4567")
    return services


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("nunez jose", ["José Núñez", "Josefa Núñez García"]),
        ("NÚÑEZ   josé", ["José Núñez", "Josefa Núñez García"]),
        ("  garcia   núnez ", ["Josefa Núñez García"]),
        ("jose ruiz", []),  # every word must match
        ("оксана", ["Оксана Шевченко"]),
        ("ШЕВЧЕНКО", ["Оксана Шевченко"]),
        ("", ["Ana Ruiz", "José Núñez", "Josefa Núñez García", "Оксана Шевченко"]),
    ],
)
def test_search_ignores_accents_case_spaces_and_word_order(
    directory: Services, query: str, expected: list[str]
) -> None:
    assert names(directory, query) == expected
    assert directory.people.count(query) == len(expected)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("600112233", "José Núñez"),
        ("600 11 22 33", "José Núñez"),
        ("+34 600 11 22 33", "José Núñez"),
        ("+34600112233", "José Núñez"),
        ("0034 600 112 233", "José Núñez"),
        ("622000111", "Ana Ruiz"),
        ("+34 622 000 111", "Ana Ruiz"),
        ("+380 44 123 4567", "Оксана Шевченко"),
        ("ana.ruiz@correo.es", "Ana Ruiz"),
        ("Ana.Ruiz@CORREO", "Ana Ruiz"),
        ("jose.nunez@", "José Núñez"),
    ],
)
def test_search_finds_email_and_phone_typed_differently(
    directory: Services, query: str, expected: str
) -> None:
    assert names(directory, query) == [expected]


def test_like_wildcards_in_the_query_are_literal(services: Services) -> None:
    add(services, "Ana Ruiz", email="ana_ruiz@example.org")
    add(services, "Ana Gil", email="anaxruiz@example.org")
    add(services, "Club 100% Vecinal")
    assert names(services, "ana_ruiz") == ["Ana Ruiz"]
    assert names(services, "_") == ["Ana Ruiz"]
    assert names(services, "%") == ["Club 100% Vecinal"]
    assert names(services, "100%") == ["Club 100% Vecinal"]
    assert names(services, "a%z") == []
    assert services.people.count("%") == 1


SORT_KEYS = {
    "name": lambda p: fold(p.full_name),
    "gender": lambda p: p.gender,
    "birth_year": lambda p: p.birth_year,
    "email": lambda p: p.email,
    "phone": lambda p: p.phone,
    "updated_at": lambda p: p.updated_at,
}


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("sort", sorted(SORT_COLUMNS))
def test_sort_by_every_column_in_both_directions(
    services: Services, sort: str, descending: bool
) -> None:
    assert set(SORT_KEYS) == set(SORT_COLUMNS), "a new sort column needs a line here"
    people = [
        ("Zoe Martín", "woman", 1990, "zoe@example.org", "699 000 001"),
        ("Álvaro Gil", "man", 1961, "alvaro@example.org", "611 000 002"),
        ("ana Pérez", "woman", 2001, "ana@example.org", "655 000 003"),
        ("Beñat Agirre", "non_binary", 1975, "benat@example.org", "622 000 004"),
        ("Carmen Soler", "not_stated", 1948, "carmen@example.org", "633 000 005"),
    ]
    for full_name, gender, year, email, phone in people:
        add(services, full_name, gender=gender, birth_year=year, email=email, phone=phone)
    rows = services.people.list(sort=sort, descending=descending)
    # Ties (two women) fall back to the name, A to Z, whichever the direction.
    by_name = sorted(rows, key=SORT_KEYS["name"])
    expected = sorted(by_name, key=SORT_KEYS[sort], reverse=descending)
    assert [r.id for r in rows] == [r.id for r in expected]
    if sort == "name":
        # Accents and case do not push a name to the end of the list.
        order = ["Álvaro Gil", "ana Pérez", "Beñat Agirre", "Carmen Soler", "Zoe Martín"]
        assert [r.full_name for r in rows] == (order[::-1] if descending else order)


def test_pages_are_disjoint_and_cover_everyone(services: Services) -> None:
    for index in range(23):
        add(services, f"Persona {index % 5}", email=f"p{index}@example.org")  # repeated names
    everyone = [row.id for row in services.people.list(limit=None)]
    pages = [
        [row.id for row in services.people.list(offset=offset, limit=10)]
        for offset in range(0, 30, 10)
    ]
    assert [len(page) for page in pages] == [10, 10, 3]
    assert sum(pages, []) == everyone
    assert len(set(everyone)) == 23 == services.people.count()


def test_trash_hides_and_restore_brings_back(directory: Services) -> None:
    ana = directory.people.list("ana ruiz")[0]
    assert directory.people.delete([ana.id]) == 1
    assert "Ana Ruiz" not in names(directory)
    assert directory.people.count() == 3
    assert names(directory, "ana") == []
    trashed = directory.people.list(trash=True)
    assert [row.full_name for row in trashed] == ["Ana Ruiz"]
    assert trashed[0].deleted_at is not None
    assert directory.people.count(trash=True) == 1
    assert directory.people.get(ana.id).deleted_at is not None  # still readable in the trash

    assert directory.people.restore([ana.id]) == 1
    assert "Ana Ruiz" in names(directory)
    assert directory.people.count(trash=True) == 0
    assert directory.people.get(ana.id).deleted_at is None
    assert directory.people.delete([]) == 0


def test_filter_by_organisation_counts_live_memberships_only(services: Services) -> None:
    paz, sol = add_org(services, "La Paz"), add_org(services, "El Sol")
    add(services, "Ana Ruiz", memberships=(MembershipData(paz),))
    add(services, "Berta Gil", memberships=(MembershipData(sol),))
    both = add(services, "Carla Díaz", memberships=(MembershipData(paz), MembershipData(sol)))
    assert names(services, organisation_id=paz) == ["Ana Ruiz", "Carla Díaz"]
    assert services.people.count(organisation_id=sol) == 2
    assert names(services, "carla", organisation_id=sol) == ["Carla Díaz"]

    services.people.save(replace(both, memberships=(MembershipData(sol),)))
    assert names(services, organisation_id=paz) == ["Ana Ruiz"]
    row = services.people.list("carla")[0]
    assert row.organisations == "El Sol"


def test_memberships_are_replaced_on_save_and_removed_ones_kept_in_the_trash(
    services: Services,
) -> None:
    paz, sol = add_org(services, "La Paz"), add_org(services, "El Sol")
    ana = add(
        services,
        "Ana Ruiz",
        memberships=(MembershipData(paz, role="staff"), MembershipData(sol, role="volunteer")),
    )
    assert {m.organisation_id for m in ana.memberships} == {paz, sol}

    ana = services.people.save(replace(ana, memberships=(MembershipData(sol, role="volunteer"),)))
    assert [m.organisation_id for m in ana.memberships] == [sol]
    assert sorted(membership_rows(services, ana.id)) == sorted(
        [(paz, "staff", False), (sol, "volunteer", True)]
    )

    ana = services.people.save(
        replace(ana, memberships=(*ana.memberships, MembershipData(paz, role="board_member")))
    )
    assert {(m.organisation_id, m.role) for m in ana.memberships} == {
        (paz, "board_member"),
        (sol, "volunteer"),
    }
    # The same row came back from the trash: no second membership row.
    assert sorted(membership_rows(services, ana.id)) == sorted(
        [(paz, "board_member", True), (sol, "volunteer", True)]
    )
    assert services.people.list()[0].organisations in ("El Sol, La Paz", "La Paz, El Sol")


def test_a_membership_of_a_missing_organisation_is_refused_and_nothing_saved(
    services: Services,
) -> None:
    with pytest.raises(ValidationError) as caught:
        add(services, "Ana Ruiz", memberships=(MembershipData("no-such-organisation"),))
    assert caught.value.field == "memberships"
    assert table_counts(services) == (0, 0, 0)


def test_the_same_organisation_listed_twice_is_one_membership(services: Services) -> None:
    paz = add_org(services, "La Paz")
    ana = add(
        services,
        "Ana Ruiz",
        memberships=(MembershipData(paz, role="member"), MembershipData(paz, role="staff")),
    )
    assert [(m.organisation_id, m.role) for m in ana.memberships] == [(paz, "staff")]


def test_an_unknown_role_saves_nothing(services: Services) -> None:
    paz = add_org(services, "La Paz")
    with pytest.raises(ValidationError) as caught:
        add(services, "Ana Ruiz", memberships=(MembershipData(paz, role="chief"),))
    assert caught.value.field == "memberships"
    assert table_counts(services) == (0, 0, 0)


def test_consent_is_recorded_and_withdrawn(services: Services) -> None:
    granted = datetime(2024, 3, 1, 10, 0)
    ana = add(
        services,
        "Ana Ruiz",
        consents=(
            ConsentData("programme", granted, collected_by=" Carmen ", notice_version="2024-01"),
            ConsentData("photos", granted),
        ),
    )
    assert [c.purpose for c in ana.consents] == ["programme", "photos"]
    assert ana.consents[0].collected_by == "Carmen"
    assert all(c.withdrawn_at is None and c.id for c in ana.consents)

    photos = ana.consents[1]
    withdrawn = datetime(2024, 6, 1, 12, 0)
    ana = services.people.save(
        replace(ana, consents=(ana.consents[0], replace(photos, withdrawn_at=withdrawn)))
    )
    read = services.people.get(ana.id)
    assert [(c.id, c.withdrawn_at) for c in read.consents] == [
        (ana.consents[0].id, None),
        (photos.id, withdrawn),
    ]
    assert table_counts(services)[2] == 2  # withdrawn, not duplicated


def test_a_withdrawal_before_the_consent_was_given_is_refused(services: Services) -> None:
    ana = add(services, "Ana Ruiz", consents=(ConsentData("photos", datetime(2024, 3, 1)),))
    early = replace(ana.consents[0], withdrawn_at=datetime(2024, 2, 1))
    with pytest.raises(ValidationError) as caught:
        services.people.save(replace(ana, consents=(early,)))
    assert caught.value.field == "consents"
    assert services.people.get(ana.id).consents[0].withdrawn_at is None


def test_an_unknown_consent_purpose_is_refused(services: Services) -> None:
    with pytest.raises(ValidationError) as caught:
        add(services, "Ana Ruiz", consents=(ConsentData("marketing", datetime(2024, 3, 1)),))
    assert caught.value.field == "consents"
    assert table_counts(services) == (0, 0, 0)


NEXT_YEAR = date.today().year + 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"full_name": "   "}, "full_name"),
        ({"email": "ana@example"}, "email"),
        ({"email": "ana ruiz@example.org"}, "email"),
        ({"birth_year": 1800}, "birth_year"),
        ({"birth_year": NEXT_YEAR}, "birth_year"),
        ({"gender": "female"}, "gender"),
    ],
)
def test_invalid_input_names_the_field_and_leaves_the_database_unchanged(
    services: Services, change: dict[str, object], field: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        services.people.save(PersonData(**{"full_name": "Ana Ruiz", **change}))  # type: ignore[arg-type]
    assert caught.value.field == field
    assert str(caught.value)  # a message to show
    assert table_counts(services) == (0, 0, 0)

    kept = add(services, "Berta Gil", email="berta@example.org", birth_year=1990)
    with pytest.raises(ValidationError):
        services.people.save(replace(kept, **change))  # type: ignore[arg-type]
    assert services.people.get(kept.id) == kept


def test_this_year_and_1900_are_accepted_birth_years(services: Services) -> None:
    assert add(services, "Bebé", birth_year=date.today().year).birth_year == date.today().year
    assert add(services, "Abuela", birth_year="1900").birth_year == 1900


def test_a_merged_or_missing_person_is_not_found(services: Services) -> None:
    ana = add(services, "Ana Ruiz")
    twin = add(services, "Ana Ruiz")
    services.duplicates.merge_people(ana.id, [twin.id])
    with pytest.raises(NotFoundError):
        services.people.get(twin.id)
    with pytest.raises(NotFoundError):
        services.people.save(replace(twin, notes="late edit"))
    with pytest.raises(NotFoundError):
        services.people.get("no-such-id")
    assert services.people.delete([twin.id]) == 0
    assert services.people.restore([twin.id]) == 0
    assert services.people.list(trash=True) == []


def test_organisations_typed_by_name_are_created_with_the_person(services: Services) -> None:
    paz = add_org(services, "La Paz")
    ana = add(
        services,
        "Ana Ruiz",
        memberships=(
            MembershipData(None, "  Grupo   Nuevo ", role="volunteer"),
            MembershipData(None, "la paz", role="staff"),  # already there: joined, not copied
            MembershipData(None, "GRUPO NUEVO", role="volunteer"),  # the same new one again
        ),
    )
    assert {(m.organisation_name, m.role) for m in ana.memberships} == {
        ("Grupo Nuevo", "volunteer"),
        ("La Paz", "staff"),
    }
    assert paz in {m.organisation_id for m in ana.memberships}
    assert sorted(o.name for o in services.organisations.list()) == ["Grupo Nuevo", "La Paz"]


@pytest.mark.parametrize(
    "problem",
    [
        {"consents": (ConsentData(purpose="spam", granted_at=datetime(2024, 1, 1)),)},
        {"memberships": (MembershipData(None, "Grupo Nuevo", role="chief"),)},
        {"full_name": ""},
    ],
    ids=["bad consent", "bad role", "no name"],
)
def test_a_refused_person_leaves_no_new_organisation_behind(
    services: Services, problem: dict[str, object]
) -> None:
    values: dict[str, object] = {
        "full_name": "Ana Ruiz",
        "memberships": (MembershipData(None, "Grupo Nuevo", role="volunteer"),),
    }
    with pytest.raises(ValidationError):
        services.people.save(PersonData(**{**values, **problem}))  # type: ignore[arg-type]
    with services.db.session() as s:
        assert s.scalar(select(func.count()).select_from(Organisation)) == 0
    assert table_counts(services) == (0, 0, 0)


def test_an_organisation_typed_with_no_name_is_refused(services: Services) -> None:
    with pytest.raises(ValidationError) as caught:
        add(services, "Ana Ruiz", memberships=(MembershipData(None, "   "),))
    assert caught.value.field == "memberships"
    assert table_counts(services) == (0, 0, 0)
