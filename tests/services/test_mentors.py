"""The mentors service: who offers to mentor, their places, the trash, and merging duplicates."""

from __future__ import annotations

from datetime import date

import pytest

from app.errors import NotFoundError, ValidationError
from app.models import natural_id
from app.services.mentors import MentorData
from app.services.registry import Services
from tests.services.mentor_helpers import mentor, organisation, pair, person

TODAY = date(2026, 3, 1)


@pytest.fixture
def world(services: Services) -> dict[str, str]:
    """Two organisations, a future mentor in one and a few people in the other."""
    ids = {"alba": organisation(services, "Asociación Alba")}
    ids["brisa"] = organisation(services, "Fundación Brisa")
    ids["marta"] = person(services, "Marta Núñez", ids["brisa"])
    ids["eva"] = person(services, "Eva Alba", ids["alba"])
    ids["juan"] = person(services, "Juan Alba", ids["alba"])
    ids["ana"] = person(services, "Ana Alba", ids["alba"])
    return ids


def test_a_new_mentor_gets_the_natural_id_and_their_only_organisation(services, world):
    row = mentor(services, world["marta"], areas=("fundraising", "quality"), capacity=2)

    assert row.id == natural_id("mentor", world["marta"])
    assert row.person_name == "Marta Núñez"
    assert row.organisation_id == world["brisa"]
    assert row.organisation_name == "Fundación Brisa"
    assert row.areas == ("fundraising", "quality")
    assert (row.capacity, row.active_pairs, row.available) == (2, 0, True)
    assert services.mentors.get(row.id).expertise == ""
    assert services.mentors.for_person(world["marta"]) == services.mentors.get(row.id)


def test_a_person_of_several_organisations_gets_none_chosen_for_them(services, world):
    both = person(services, "Doble", world["alba"], world["brisa"])
    assert mentor(services, both).organisation_id is None
    chosen = mentor(services, world["marta"], organisation_id=world["alba"])
    assert chosen.organisation_name == "Asociación Alba"


def test_active_pairs_count_the_pairs_that_take_a_place(services, world):
    marta, brisa, alba = world["marta"], world["brisa"], world["alba"]
    mentor(services, marta, capacity=3)
    pair(services, marta, world["eva"], brisa, alba, TODAY, status="active")
    pair(services, marta, world["juan"], brisa, alba, TODAY, status="paused")
    closed = pair(services, marta, world["ana"], brisa, alba, TODAY, status="closed")
    trashed = pair(services, marta, world["ana"], brisa, alba, TODAY, status="proposed")
    services.mentoring.delete([trashed])

    assert services.mentors.list()[0].active_pairs == 2
    services.mentoring.restore([trashed])
    assert services.mentors.list()[0].active_pairs == 3
    assert closed  # a closed pair frees its place


def test_list_searches_names_organisations_and_expertise_without_accents(services, world):
    mentor(services, world["marta"], areas=("fundraising",), expertise="Captación de fondos")
    mentor(services, world["eva"], areas=("leadership",), available=False)

    assert [r.person_name for r in services.mentors.list()] == ["Eva Alba", "Marta Núñez"]
    assert [r.person_name for r in services.mentors.list("nunez")] == ["Marta Núñez"]
    assert [r.person_name for r in services.mentors.list("BRISA")] == ["Marta Núñez"]
    assert [r.person_name for r in services.mentors.list("captacion fondos")] == ["Marta Núñez"]
    assert [r.person_name for r in services.mentors.list(area="leadership")] == ["Eva Alba"]
    assert [r.person_name for r in services.mentors.list(available_only=True)] == ["Marta Núñez"]
    assert services.mentors.count("alba") == 1
    assert services.mentors.count(available_only=True) == 1
    assert services.mentors.list("nobody") == []


def test_list_pages_without_overlap(services, world):
    for key in ("marta", "eva", "juan", "ana"):
        mentor(services, world[key])
    first = services.mentors.list(limit=2)
    second = services.mentors.list(offset=2, limit=2)
    names = [r.person_name for r in first + second]
    assert names == ["Ana Alba", "Eva Alba", "Juan Alba", "Marta Núñez"]
    assert services.mentors.count() == 4


def test_trash_and_restore(services, world):
    row = mentor(services, world["marta"])
    assert services.mentors.delete([row.id]) == 1

    assert services.mentors.list() == []
    assert [r.id for r in services.mentors.list(trash=True)] == [row.id]
    assert services.mentors.list(trash=True)[0].deleted_at is not None
    assert services.mentors.for_person(world["marta"]) is None
    assert services.mentors.restore([row.id]) == 1
    assert services.mentors.for_person(world["marta"]) is not None
    assert services.mentors.delete([]) == 0


def test_offering_a_trashed_mentor_again_brings_the_record_back(services, world):
    row = mentor(services, world["marta"], areas=("quality",))
    services.mentors.delete([row.id])

    again = mentor(services, world["marta"], areas=("equality",), capacity=4)

    assert again.id == row.id
    assert again.areas == ("equality",)
    assert again.capacity == 4
    assert again.deleted_at is None


def test_a_second_mentor_record_for_one_person_is_refused(services, world):
    mentor(services, world["marta"])
    with pytest.raises(ValidationError, match="already a mentor"):
        mentor(services, world["marta"], capacity=5)
    assert services.mentors.count() == 1


def test_editing_changes_the_record_but_not_its_person(services, world):
    row = mentor(services, world["marta"], expertise="Calidad")
    data = services.mentors.get(row.id)
    edited = services.mentors.save(
        MentorData(person_id=data.person_id, id=data.id, expertise="  Calidad y EFQM\n", capacity=2)
    )
    assert services.mentors.get(row.id).expertise == "Calidad y EFQM"
    assert edited.capacity == 2

    with pytest.raises(ValidationError, match="one person"):
        services.mentors.save(MentorData(person_id=world["eva"], id=row.id))


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"capacity": 0}, "from 1 to 20"),
        ({"capacity": 21}, "from 1 to 20"),
        ({"areas": ("cooking",)}, "not a known mentoring area"),
    ],
)
def test_invalid_mentors_are_refused_with_the_reason(services, world, values, message):
    with pytest.raises(ValidationError, match=message):
        mentor(services, world["marta"], **values)
    assert services.mentors.count() == 0


def test_people_and_organisations_that_are_gone_are_refused(services, world):
    with pytest.raises(ValidationError, match="Choose the person"):
        services.mentors.save(MentorData(person_id=""))
    services.people.delete([world["eva"]])
    with pytest.raises(NotFoundError, match="no longer in the directory"):
        mentor(services, world["eva"])
    with pytest.raises(NotFoundError, match="organisation"):
        mentor(services, world["marta"], organisation_id="no-such-organisation")
    with pytest.raises(NotFoundError):
        services.mentors.get("no-such-mentor")


def test_merging_two_mentors_keeps_one_record_with_both_offers(services, world):
    kept = mentor(services, world["marta"], areas=("quality",), capacity=2)
    twin = person(services, "Marta Nuñez", world["brisa"])
    other = mentor(services, twin, areas=("fundraising", "quality"), capacity=3, notes="Tardes")
    mentee_pair = pair(services, twin, world["eva"], world["brisa"], world["alba"], TODAY)

    services.duplicates.merge_people(world["marta"], [twin])

    rows = services.mentors.list()
    assert [r.id for r in rows] == [kept.id]
    assert rows[0].areas == ("quality", "fundraising")
    assert rows[0].capacity == 3
    assert rows[0].active_pairs == 1  # the pair followed the kept person
    assert services.mentors.get(kept.id).notes == "Tardes"
    assert services.mentors.get(other.id).person_id == twin  # stays, trashed, with the twin
    assert services.mentoring.get(mentee_pair).data.mentor_id == world["marta"]


def test_merging_into_a_person_who_is_not_a_mentor_moves_the_record(services, world):
    twin = person(services, "Marta N.", world["brisa"])
    other = mentor(services, twin, areas=("leadership",))

    services.duplicates.merge_people(world["marta"], [twin])

    found = services.mentors.for_person(world["marta"])
    assert found is not None and found.id == other.id
    assert found.areas == ("leadership",)
    # Editing it afterwards updates that record rather than creating a second one.
    services.mentors.save(MentorData(person_id=world["marta"], id=found.id, capacity=2))
    assert services.mentors.count() == 1


def test_merging_a_live_mentor_into_a_trashed_one_keeps_a_live_mentor(services, world):
    kept = mentor(services, world["marta"], areas=("quality",))
    services.mentors.delete([kept.id])
    twin = person(services, "Marta Nunez", world["brisa"])
    mentor(services, twin, areas=("equality",))

    services.duplicates.merge_people(world["marta"], [twin])

    found = services.mentors.for_person(world["marta"])
    assert found is not None and found.id == kept.id
    assert set(found.areas) == {"quality", "equality"}
    assert services.mentors.count() == 1


def test_only_available_leaves_out_a_mentor_whose_places_are_all_taken(services, world):
    mentor(services, world["marta"], capacity=1)
    assert services.mentors.count(available_only=True) == 1
    pair(
        services,
        world["marta"],
        world["eva"],
        world["brisa"],
        world["alba"],
        date(2026, 3, 1),
        status="active",
    )
    assert services.mentors.list(available_only=True) == []
    assert services.mentors.list()[0].active_pairs == 1  # still listed without the filter
