"""Duplicates: finding a person or organisation entered twice, and merging losing nothing."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from app.errors import NotFoundError, ValidationError
from app.models import Base, Membership
from app.services.organisations import OrganisationData
from app.services.people import ConsentData, MembershipData, PersonData
from app.services.registry import Services


def person(services: Services, full_name: str, **values: object) -> str:
    saved = services.people.save(PersonData(full_name=full_name, **values))  # type: ignore[arg-type]
    assert saved.id is not None
    return saved.id


def organisation(services: Services, name: str, **values: object) -> str:
    saved = services.organisations.save(OrganisationData(name=name, **values))  # type: ignore[arg-type]
    assert saved.id is not None
    return saved.id


def groups(found: list) -> set[tuple[str, frozenset[str]]]:  # type: ignore[type-arg]
    return {(group.reason, frozenset(group.ids)) for group in found}


def memberships_of(services: Services, person_id: str) -> list[tuple[str, str, bool]]:
    """``(organisation_id, role, live)`` of every membership row, the trash included."""
    with services.db.session() as s:
        rows = s.execute(
            select(Membership.organisation_id, Membership.role, Membership.deleted_at).where(
                Membership.person_id == person_id
            )
        ).all()
    return sorted((org, role, deleted is None) for org, role, deleted in rows)


def snapshot(services: Services) -> dict[str, list[tuple]]:  # type: ignore[type-arg]
    """Every row of every table, to prove that a refused merge changed nothing."""
    with services.db.session() as s:
        return {
            table.name: sorted(tuple(map(str, row)) for row in s.execute(table.select()))
            for table in Base.metadata.sorted_tables
        }


def test_people_are_grouped_by_folded_name_email_and_phone(services: Services) -> None:
    jose = person(services, "José  Núñez")
    jose2 = person(services, "jose nunez")
    ana = person(services, "Ana Ruiz", email="ana@example.org")
    ana2 = person(services, "Ana Ruiz Gil", email="ANA@example.org ")
    lola = person(services, "Dolores Fuentes", phone="+34 600 11 22 33")
    lola2 = person(services, "Lola Fuentes", phone="600112233")
    person(services, "Someone Else", phone="611 000 000", email="else@example.org")

    found = services.duplicates.find_people()
    assert groups(found) == {
        ("name", frozenset({jose, jose2})),
        ("email", frozenset({ana, ana2})),
        ("phone", frozenset({lola, lola2})),
    }
    by_reason = {group.reason: group for group in found}
    assert set(by_reason["phone"].names) == {"Dolores Fuentes", "Lola Fuentes"}
    assert by_reason["name"].ids == (jose, jose2)  # the first entered comes first


def test_the_same_pair_shows_once_even_when_several_things_match(services: Services) -> None:
    a = person(services, "Ana Ruiz", email="ana@example.org", phone="600112233")
    b = person(services, "Ana Ruiz", email="ana@example.org", phone="600 11 22 33")
    assert groups(services.duplicates.find_people()) == {("name", frozenset({a, b}))}


def test_trashed_and_merged_people_are_not_offered_as_duplicates(services: Services) -> None:
    a = person(services, "Ana Ruiz")
    b = person(services, "Ana Ruiz")
    c = person(services, "Ana Ruiz")
    services.people.delete([c])
    assert groups(services.duplicates.find_people()) == {("name", frozenset({a, b}))}
    services.duplicates.merge_people(a, [b])
    assert services.duplicates.find_people() == []


def test_organisations_are_grouped_by_name_and_tax_id(services: Services) -> None:
    paz = organisation(services, "Asociación La Paz")
    paz2 = organisation(services, "ASOCIACION  la paz")
    sol = organisation(services, "El Sol", tax_id="B12345674")
    sol2 = organisation(services, "Asoc. El Sol", tax_id="b-1234567-4")
    gone = organisation(services, "Otra", tax_id="B12345674")
    services.organisations.delete([gone])
    assert groups(services.duplicates.find_organisations()) == {
        ("name", frozenset({paz, paz2})),
        ("tax_id", frozenset({sol, sol2})),
    }


@pytest.fixture
def two_anas(services: Services) -> tuple[Services, str, str, dict[str, str]]:
    orgs = {name: organisation(services, name) for name in ("La Paz", "El Sol", "Mar")}
    keep = person(
        services,
        "Ana Ruiz",
        phone="600 11 22 33",
        memberships=(MembershipData(orgs["La Paz"], role="staff"),),
    )
    other = person(
        services,
        "Ana Ruiz Gil",
        gender="woman",
        email="ana@example.org",
        birth_year=1980,
        phone="611 99 99 99",
        notes="Prefiere por la tarde.",
        memberships=(
            MembershipData(orgs["La Paz"], role="volunteer"),
            MembershipData(orgs["El Sol"], role="board_member"),
        ),
        consents=(ConsentData("photos", datetime(2024, 3, 1)),),
    )
    return services, keep, other, orgs


def test_merge_keeps_every_membership_and_consent_and_fills_empty_fields(
    two_anas: tuple[Services, str, str, dict[str, str]],
) -> None:
    services, keep, other, orgs = two_anas
    result = services.duplicates.merge_people(keep, [other])
    assert (result.kept_id, result.merged) == (keep, 1)

    kept = services.people.get(keep)
    assert {(m.organisation_name, m.role) for m in kept.memberships} == {
        ("La Paz", "staff"),  # the kept person's own role wins where both were members
        ("El Sol", "board_member"),
    }
    assert [c.purpose for c in kept.consents] == ["photos"]
    # Empty fields are filled in; fields the kept record had stay as they were.
    assert (kept.email, kept.birth_year, kept.gender) == ("ana@example.org", 1980, "woman")
    assert kept.notes == "Prefiere por la tarde."
    assert (kept.full_name, kept.phone) == ("Ana Ruiz", "600 11 22 33")

    # The other La Paz membership is not lost: it stays with the merged record, in the trash.
    assert memberships_of(services, other) == [(orgs["La Paz"], "volunteer", False)]
    assert [row.people_count for row in services.organisations.list("la paz")] == [1]

    assert [row.id for row in services.people.list()] == [keep]
    assert services.people.count(trash=True) == 0
    with pytest.raises(NotFoundError):
        services.people.get(other)
    # The merged record's e-mail now finds the kept person.
    assert [row.id for row in services.people.list("ana@example.org")] == [keep]


def test_merge_makes_a_backup_first(
    two_anas: tuple[Services, str, str, dict[str, str]], data_dir: Path
) -> None:
    services, keep, other, _orgs = two_anas
    assert not list(data_dir.glob("backups/*before-merge*"))
    services.duplicates.merge_people(keep, [other])
    backups = list(data_dir.glob("backups/*before-merge*.db"))
    assert len(backups) == 1
    con = sqlite3.connect(f"file:{backups[0].as_posix()}?mode=ro", uri=True)
    try:
        rows = con.execute("SELECT id, merged_into_id FROM people ORDER BY id").fetchall()
    finally:
        con.close()
    assert sorted(rows) == sorted([(keep, None), (other, None)])  # the state before the merge


def test_a_membership_the_kept_person_had_left_comes_back_when_the_other_was_live(
    services: Services,
) -> None:
    paz = organisation(services, "La Paz")
    keep = person(services, "Ana Ruiz", memberships=(MembershipData(paz),))
    services.people.save(replace(services.people.get(keep), memberships=()))  # left La Paz
    other = person(services, "Ana Ruiz", memberships=(MembershipData(paz, role="volunteer"),))

    services.duplicates.merge_people(keep, [other])

    assert [m.organisation_id for m in services.people.get(keep).memberships] == [paz]
    assert services.organisations.list()[0].people_count == 1


def test_merge_into_a_trashed_record_brings_it_back(services: Services) -> None:
    keep = person(services, "Ana Ruiz")
    other = person(services, "Ana Ruiz")
    services.people.delete([keep])
    services.duplicates.merge_people(keep, [other])
    assert [row.id for row in services.people.list()] == [keep]
    assert services.people.list(trash=True) == []


def test_merge_several_at_once(services: Services) -> None:
    paz, sol, mar = (organisation(services, n) for n in ("La Paz", "El Sol", "Mar"))
    keep = person(services, "Ana Ruiz", memberships=(MembershipData(paz),))
    b = person(services, "Ana Ruiz", memberships=(MembershipData(sol),))
    c = person(services, "Ana Ruiz", memberships=(MembershipData(mar),))
    result = services.duplicates.merge_people(keep, [b, c, b])
    assert result.merged == 2
    assert {m.organisation_id for m in services.people.get(keep).memberships} == {paz, sol, mar}
    assert services.people.count() == 1


def test_merge_organisations_moves_their_people(services: Services) -> None:
    keep = organisation(services, "Asociación La Paz", municipality="Valencia")
    other = organisation(services, "Asoc. La Paz", tax_id="B12345674", email="paz@example.org")
    only_other = person(services, "Berta Gil", memberships=(MembershipData(other, role="staff"),))
    both = person(
        services,
        "Carla Díaz",
        memberships=(MembershipData(keep, role="member"), MembershipData(other, role="volunteer")),
    )

    services.duplicates.merge_organisations(keep, [other])

    assert [(m.organisation_id, m.role) for m in services.people.get(only_other).memberships] == [
        (keep, "staff")
    ]
    assert [(m.organisation_id, m.role) for m in services.people.get(both).memberships] == [
        (keep, "member")
    ]
    assert (other, "volunteer", False) in memberships_of(services, both)  # kept in the trash
    rows = services.organisations.list()
    assert [(row.id, row.people_count) for row in rows] == [(keep, 2)]
    kept = services.organisations.get(keep)
    assert (kept.tax_id, kept.email, kept.municipality) == (
        "B12345674",
        "paz@example.org",
        "Valencia",
    )
    with pytest.raises(NotFoundError):
        services.organisations.get(other)
    assert services.people.list(organisation_id=other) == []


def test_merging_a_record_with_itself_is_refused_and_changes_nothing(services: Services) -> None:
    ana = person(services, "Ana Ruiz")
    before = snapshot(services)
    for others in ([ana], []):
        with pytest.raises(ValidationError):
            services.duplicates.merge_people(ana, others)
    assert snapshot(services) == before


def test_merging_an_already_merged_record_is_refused_and_changes_nothing(
    services: Services,
) -> None:
    a, b, c = (person(services, "Ana Ruiz") for _ in range(3))
    services.duplicates.merge_people(a, [b])
    before = snapshot(services)
    for keep, others in ((c, [b]), (b, [c]), (c, ["no-such-id"])):
        with pytest.raises(ValidationError):
            services.duplicates.merge_people(keep, others)
    assert snapshot(services) == before
    assert {row.id for row in services.people.list()} == {a, c}


def test_people_and_organisations_cannot_be_merged_across(services: Services) -> None:
    paz = organisation(services, "La Paz")
    ana = person(services, "Ana Ruiz")
    before = snapshot(services)
    with pytest.raises(ValidationError):
        services.duplicates.merge_people(ana, [paz])
    with pytest.raises(ValidationError):
        services.duplicates.merge_organisations(paz, [ana])
    assert snapshot(services) == before
