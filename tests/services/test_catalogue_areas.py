"""The catalogue's areas: seeded in the program's language, added, renamed (practices follow),
reordered and removed (practices are left with no area), names unique accents and case aside."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.errors import NotFoundError, ValidationError
from app.i18n import set_language
from app.models import natural_id
from app.services import text
from app.services.catalogue_values import AreaData, CatalogueFilters
from app.services.registry import Services
from app.services.vocabulary import AREAS_OF_ACTION
from tests.services.catalogue_helpers import add, titles


def names(services: Services) -> list[str]:
    return [area.name for area in services.catalogue.areas()]


def test_the_taxonomy_starts_with_the_programs_areas_in_order(services: Services) -> None:
    assert names(services) == list(AREAS_OF_ACTION)
    assert [a.position for a in services.catalogue.areas()] == list(range(1, 15))


@pytest.fixture
def spanish() -> Iterator[None]:
    set_language("es")
    yield
    set_language("en")  # module fixtures of later files are made before the autouse reset


@pytest.mark.usefixtures("spanish")
def test_the_taxonomy_is_seeded_in_the_language_of_the_program(services: Services) -> None:
    areas = names(services)
    assert "Educación" in areas and "Education" not in areas
    practice = add(services, "Aula abierta", area="educacion")  # typed without the accent
    assert services.catalogue.get(practice).area == "Educación"
    assert titles(services.catalogue.search("educación")) == ["Aula abierta"]


def test_an_area_is_added_at_the_end_and_its_name_is_unique(services: Services) -> None:
    added = services.catalogue.save_area(AreaData("  Economía   social "))
    assert (added.name, added.position) == ("Economía social", 15)
    assert names(services)[-1] == "Economía social"
    for clash in ("economia social", "ECONOMÍA SOCIAL", "Education"):
        with pytest.raises(ValidationError) as caught:
            services.catalogue.save_area(AreaData(clash))
        assert caught.value.field == "name"
    for wrong in ("   ", "x" * 201):
        with pytest.raises(ValidationError):
            services.catalogue.save_area(AreaData(wrong))
    assert len(names(services)) == 15


def test_two_laptops_adding_the_same_area_give_it_the_same_id(services: Services) -> None:
    added = services.catalogue.save_area(AreaData("Economía social"))
    assert added.id == natural_id("practice-area", text.fold("Economía social"))


def test_a_renamed_area_keeps_its_practices(services: Services) -> None:
    practice = add(services, "Huerto", area="Environment")
    environment = next(a for a in services.catalogue.areas() if a.name == "Environment")
    renamed = services.catalogue.save_area(AreaData("Medio ambiente", environment.id))
    assert (renamed.id, renamed.position) == (environment.id, environment.position)
    assert services.catalogue.get(practice).area == "Medio ambiente"
    # Changing only the case or accents of its own name is not a clash with itself.
    services.catalogue.save_area(AreaData("MEDIO AMBIENTE", environment.id))
    assert services.catalogue.get(practice).area == "MEDIO AMBIENTE"


def test_a_new_area_may_take_the_name_an_area_had_before_its_rename(services: Services) -> None:
    practice = add(services, "Huerto", area="Environment")
    environment = next(a for a in services.catalogue.areas() if a.name == "Environment")
    services.catalogue.save_area(AreaData("Medio ambiente", environment.id))
    again = services.catalogue.save_area(AreaData("Environment"))
    assert again.id != environment.id
    assert services.catalogue.get(practice).area == "Medio ambiente"  # not moved back
    other = add(services, "Reciclaje", area="environment")  # found by name, not remade
    assert services.catalogue.get(other).area == "Environment"
    assert names(services).count("Environment") == 1
    assert names(services).count("Medio ambiente") == 1


def test_a_practice_may_name_an_area_freed_by_a_rename(services: Services) -> None:
    environment = next(a for a in services.catalogue.areas() if a.name == "Environment")
    services.catalogue.save_area(AreaData("Medio ambiente", environment.id))
    practice = add(services, "Reciclaje", area="Environment")  # makes the area again
    assert services.catalogue.get(practice).area == "Environment"
    assert len(names(services)) == 15


def test_areas_are_reordered_by_position(services: Services) -> None:
    areas = services.catalogue.areas()
    volunteering = areas[-1]
    services.catalogue.save_area(AreaData(volunteering.name, volunteering.id, position=0))
    assert names(services)[-1] == "Volunteering"  # 0: keep where it is
    for position, area in enumerate(reversed(areas), start=1):
        services.catalogue.save_area(AreaData(area.name, area.id, position))
    assert names(services) == list(reversed(AREAS_OF_ACTION))


def test_removing_an_area_leaves_its_practices_with_none(services: Services) -> None:
    first = add(services, "Huerto", area="Environment")
    second = add(services, "Reciclaje", area="Environment")
    environment = next(a for a in services.catalogue.areas() if a.name == "Environment")
    assert services.catalogue.delete_area(environment.id) == 2
    assert "Environment" not in names(services)
    assert services.catalogue.get(first).area == services.catalogue.get(second).area == ""
    assert services.catalogue.count("", CatalogueFilters(area_id="-")) == 2
    assert services.catalogue.area_counts()[-1].count == 2
    with pytest.raises(NotFoundError):
        services.catalogue.delete_area(environment.id)
    with pytest.raises(NotFoundError):
        services.catalogue.save_area(AreaData("Otra", "no-such-area"))


def test_an_area_added_again_after_removal_comes_back_under_its_id(services: Services) -> None:
    environment = next(a for a in services.catalogue.areas() if a.name == "Environment")
    services.catalogue.delete_area(environment.id)
    again = services.catalogue.save_area(AreaData("environment"))
    assert again.id == environment.id and again.name == "environment"
    assert len(names(services)) == 14


def test_a_practice_naming_a_removed_area_brings_it_back(services: Services) -> None:
    environment = next(a for a in services.catalogue.areas() if a.name == "Environment")
    services.catalogue.delete_area(environment.id)
    practice = add(services, "Huerto", area="Environment")
    assert services.catalogue.get(practice).area == "Environment"
    assert "Environment" in names(services)
