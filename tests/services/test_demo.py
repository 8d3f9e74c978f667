"""Example data: the right amounts, the same every time, valid, varied, and never over real data."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.errors import ValidationError
from app.models import Consent, Membership, Organisation, Person
from app.services.context import DataFolder
from app.services.demo import fill_demo
from app.services.organisations import validate_organisation
from app.services.people import PersonData, validate_person
from app.services.profile import ProfileData
from app.services.registry import Services, build_services


def counts(services: Services) -> dict[str, int]:
    with services.db.session() as s:
        return {
            model.__tablename__: s.scalar(select(func.count()).select_from(model)) or 0
            for model in (Organisation, Person, Membership, Consent)
        }


def all_names(services: Services) -> tuple[list[str], list[str]]:
    people = [row.full_name for row in services.people.list(limit=None, sort="updated_at")]
    organisations = [row.name for row in services.organisations.list(limit=None)]
    return people, organisations


@pytest.fixture
def demo(services: Services) -> Services:
    steps: list[tuple[int, int]] = []
    summary = fill_demo(services.db, "small", lambda done, total: steps.append((done, total)))
    assert (summary.organisations, summary.people) == (40, 400)
    assert steps and steps[-1][0] == steps[-1][1]  # the progress reaches the end
    return services


def test_small_demo_fills_organisations_people_memberships_and_consent(demo: Services) -> None:
    numbers = counts(demo)
    assert numbers["organisations"] == 40 and numbers["people"] == 400
    assert 400 <= numbers["memberships"] <= 800
    assert numbers["consents"] == 400
    assert demo.people.count() == 400 and demo.organisations.count() == 40
    # Everyone belongs somewhere and has given consent for the programme.
    for row in demo.people.list(limit=None):
        assert row.organisations, row.id
    person = demo.people.get(demo.people.list(limit=1)[0].id)
    assert [c.purpose for c in person.consents] == ["programme"]
    assert (
        sum(row.people_count for row in demo.organisations.list(limit=None))
        == numbers["memberships"]
    )


def test_the_demo_profile_is_complete_and_can_be_saved_again(demo: Services) -> None:
    profile = demo.profile.get()
    assert profile.is_complete
    assert profile.logo and profile.signature_image
    # What a user does first: open the profile and press Save without changing anything.
    assert demo.profile.save(profile) == profile
    assert demo.profile.get() != ProfileData()


def test_every_demo_record_passes_the_forms_validation(demo: Services) -> None:
    for row in demo.people.list(limit=None):
        validate_person(demo.people.get(row.id))
    for row in demo.organisations.list(limit=None):
        validate_organisation(demo.organisations.get(row.id))


def test_the_same_names_come_out_on_every_run(demo: Services, tmp_path: Path) -> None:
    other_folder = tmp_path / "other"
    other_folder.mkdir()
    other = build_services(DataFolder(other_folder))
    try:
        fill_demo(other.db, "small")
        assert all_names(other) == all_names(demo)
    finally:
        other.db.dispose()


def test_names_include_accents_and_other_scripts(demo: Services) -> None:
    people, organisations = all_names(demo)
    scripts = {
        unicodedata.name(char).split()[0] for name in people for char in name if char.isalpha()
    }
    assert {"LATIN", "CYRILLIC", "GREEK"} <= scripts
    assert any(not name.isascii() for name in organisations)
    assert any(char in "áéíóúñÁÉÍÓÚÑ" for name in people for char in name)
    # Folded search reaches them.
    assert demo.people.count("nunez") == demo.people.count("NÚÑEZ") > 0


def test_a_folder_with_data_is_refused_and_nothing_added(services: Services) -> None:
    services.people.save(PersonData(full_name="Ana Ruiz"))
    before = counts(services)
    with pytest.raises(ValidationError) as caught:
        fill_demo(services.db, "small")
    assert "no example data was added" in str(caught.value)
    assert counts(services) == before
    assert services.profile.get() == ProfileData()


def test_a_folder_with_only_a_profile_is_refused(services: Services) -> None:
    services.profile.save(ProfileData(name="Mi asociación"))
    with pytest.raises(ValidationError):
        fill_demo(services.db, "small")
    assert counts(services) == {"organisations": 0, "people": 0, "memberships": 0, "consents": 0}
    assert services.profile.get().name == "Mi asociación"


def test_a_second_fill_is_refused(demo: Services) -> None:
    before = counts(demo)
    with pytest.raises(ValidationError):
        fill_demo(demo.db, "small")
    assert counts(demo) == before


def test_an_unknown_scale_is_refused(services: Services) -> None:
    with pytest.raises(ValidationError):
        fill_demo(services.db, "huge")
    assert counts(services)["people"] == 0
