"""Searching the catalogue: accents and case, prefixes, several words, other scripts, ranking,
snippets, areas and filters, hidden practices and the trash, and paging."""

from __future__ import annotations

from dataclasses import replace

import pytest

from app.services.catalogue_search import match_expression
from app.services.catalogue_values import AreaData, CatalogueFilters
from app.services.registry import Services
from tests.services.catalogue_helpers import add, imported, titles


@pytest.fixture
def catalogue(services: Services) -> Services:
    add(
        services,
        "Educación financiera para familias",
        area="Education",
        summary="Talleres sobre presupuesto doméstico.",
        themes=("equality",),
        organisation_name="Asociación Arcoíris",
        year=2023,
        status="published",
    )
    add(
        services,
        "Huerto comunitario del barrio",
        area="Environment",
        summary="Un solar convertido en huerto.",
        territory="Valencia",
        description="Las familias cultivan juntas cada sábado.",
        organisation_name="Colectivo Sembrando",
        year=2021,
        status="reviewed",
    )
    add(
        services,
        "Banco del tiempo",
        area="Volunteering",
        summary="Intercambio de horas entre vecinas.",
        lessons="La educación entre iguales funciona.",
        themes=("volunteering", "participation"),
        organisation_name="Asociación Arcoíris",
        year=2023,
    )
    add(services, "Cuidados sin área", summary="Grupo de apoyo a cuidadoras.")
    return services


def search(services: Services, query: str = "", **filters: object) -> list[str]:
    return titles(services.catalogue.search(query, CatalogueFilters(**filters), limit=100))


@pytest.mark.parametrize("typed", ["educacion", "EDUCACIÓN", "Educación", "eDuCaCiOn", "educaciÓn"])
def test_accents_and_case_are_ignored(catalogue: Services, typed: str) -> None:
    found = search(catalogue, typed)
    assert found[0] == "Educación financiera para familias"
    assert set(found) == {"Educación financiera para familias", "Banco del tiempo"}


def test_a_word_typed_with_accents_finds_it_written_without(services: Services) -> None:
    add(services, "Educacion vial en la escuela")
    assert search(services, "educación") == ["Educacion vial en la escuela"]


def test_every_word_is_a_prefix_but_not_a_middle(catalogue: Services) -> None:
    assert search(catalogue, "hue") == ["Huerto comunitario del barrio"]
    assert search(catalogue, "h") == ["Huerto comunitario del barrio", "Banco del tiempo"]
    assert search(catalogue, "uerto") == []


def test_several_words_must_all_match_in_any_field_and_order(catalogue: Services) -> None:
    assert search(catalogue, "huerto valencia") == ["Huerto comunitario del barrio"]
    assert search(catalogue, "valencia huerto") == ["Huerto comunitario del barrio"]
    assert search(catalogue, "huerto sabado fami") == ["Huerto comunitario del barrio"]
    assert search(catalogue, "huerto madrid") == []


def test_the_organisation_and_the_area_are_searchable(catalogue: Services) -> None:
    assert set(search(catalogue, "arcoiris")) == {
        "Banco del tiempo",
        "Educación financiera para familias",
    }
    assert search(catalogue, "environment") == ["Huerto comunitario del barrio"]


@pytest.mark.parametrize(
    "title, typed",
    [
        ("Encuentro con Ελένη Παπαδοπούλου", "Ελένη"),
        ("Encuentro con Ελένη Παπαδοπούλου", "ΕΛΈΝΗ"),
        ("Viaje a Йошкар-Ола", "йошкар"),
        ("Taller con Оксана", "оксана"),
        ("Diálogo con أحمد", "أحمد"),
        ("Straßenfest im Viertel", "straße"),
        ("Grupo de mujeres 日本語", "日本語"),
    ],
)
def test_words_in_other_scripts_are_found_as_written(
    services: Services, title: str, typed: str
) -> None:
    add(services, title)
    assert search(services, typed) == [title]


@pytest.mark.parametrize(
    "typed", ['"', "AND", "OR NOT", "*", "huerto-comun", "(huerto", "col·lectiu", "NEAR(a b)", "'"]
)
def test_search_syntax_typed_by_accident_never_fails(catalogue: Services, typed: str) -> None:
    rows = catalogue.catalogue.search(typed)
    assert catalogue.catalogue.count(typed) == len(rows)


def test_punctuation_alone_is_no_search(catalogue: Services) -> None:
    assert match_expression(' " * ( ) - ') is None
    assert len(search(catalogue, ' " * ')) == 4


def test_a_match_in_the_title_ranks_above_one_in_the_text(catalogue: Services) -> None:
    assert search(catalogue, "educ") == ["Educación financiera para familias", "Banco del tiempo"]


def test_the_snippet_marks_the_matching_words_on_one_line(catalogue: Services) -> None:
    row = catalogue.catalogue.search("cultivan")[0]
    assert "[cultivan]" in row.snippet
    assert "\n" not in row.snippet
    row = catalogue.catalogue.search("valencia")[0]
    assert "[Valencia]" in row.snippet and " · " in row.snippet  # pieces of the text apart
    assert all(r.snippet == "" for r in catalogue.catalogue.search(""))


def test_without_a_search_the_list_is_by_title(catalogue: Services) -> None:
    assert search(catalogue) == [
        "Banco del tiempo",
        "Cuidados sin área",
        "Educación financiera para familias",
        "Huerto comunitario del barrio",
    ]


def test_filters_by_area_theme_organisation_year_and_status(catalogue: Services) -> None:
    areas = {a.name: a.id for a in catalogue.catalogue.areas()}
    assert search(catalogue, area_id=areas["Education"]) == ["Educación financiera para familias"]
    assert search(catalogue, area_id="-") == ["Cuidados sin área"]
    assert search(catalogue, theme="volunteering") == ["Banco del tiempo"]
    assert search(catalogue, organisation="Asociación Arcoíris") == [
        "Banco del tiempo",
        "Educación financiera para familias",
    ]
    assert search(catalogue, year=2021) == ["Huerto comunitario del barrio"]
    assert search(catalogue, status="published") == ["Educación financiera para familias"]
    assert search(catalogue, "educ", year=2023, theme="equality") == [
        "Educación financiera para familias"
    ]
    assert search(catalogue, "educ", area_id=areas["Volunteering"]) == ["Banco del tiempo"]
    assert catalogue.catalogue.count("educ", CatalogueFilters(area_id=areas["Housing"])) == 0


def test_area_counts_follow_the_search_and_the_filters(catalogue: Services) -> None:
    def counts(query: str = "", **filters: object) -> dict[str, int]:
        result = catalogue.catalogue.area_counts(query, CatalogueFilters(**filters))
        return {a.name: a.count for a in result if a.count}

    assert counts() == {"Education": 1, "Environment": 1, "Volunteering": 1, "": 1}
    assert counts("educ") == {"Education": 1, "Volunteering": 1}
    assert counts(year=2023) == {"Education": 1, "Volunteering": 1}
    areas = catalogue.catalogue.area_counts()
    assert [a.name for a in areas[:3]] == [
        "Social inclusion",
        "Childhood and youth",
        "Older people",
    ]
    assert areas[-1].id is None  # "no area" last
    # The area filter does not narrow its own counts (the panel shows every area).
    education = next(a.id for a in areas if a.name == "Education")
    assert counts(area_id=education) == counts()


def test_no_area_is_listed_only_when_some_practice_has_none(services: Services) -> None:
    add(services, "Con área", area="Health")
    assert all(a.id is not None for a in services.catalogue.area_counts())


def test_hidden_practices_and_the_trash_are_shown_only_when_asked(catalogue: Services) -> None:
    hidden = add(catalogue, "Práctica escondida", summary="huerto")
    trashed = add(catalogue, "Práctica descartada", summary="huerto")
    catalogue.catalogue.set_hidden([hidden], True)
    catalogue.catalogue.delete([trashed])
    assert search(catalogue, "huerto") == ["Huerto comunitario del barrio"]
    assert catalogue.catalogue.count("huerto") == 1
    assert set(search(catalogue, "huerto", include_hidden=True)) == {
        "Huerto comunitario del barrio",
        "Práctica escondida",
    }
    assert search(catalogue, "huerto", trash=True) == ["Práctica descartada"]
    assert search(catalogue, trash=True) == ["Práctica descartada"]
    assert catalogue.catalogue.count("", CatalogueFilters(trash=True)) == 1
    assert sum(a.count for a in catalogue.catalogue.area_counts()) == 4
    rows = catalogue.catalogue.search("descartada", CatalogueFilters(trash=True))
    assert rows[0].deleted_at is not None
    catalogue.catalogue.restore([trashed])
    catalogue.catalogue.set_hidden([hidden], False)
    assert len(search(catalogue, "huerto")) == 3


def test_pages_cover_every_match_once_in_a_stable_order(services: Services) -> None:
    for number in range(23):
        add(
            services, f"Práctica número {number:02d}", summary="taller de huerto" * (number % 3 + 1)
        )
    for query in ("", "huerto", "prac"):
        total = services.catalogue.count(query)
        assert total == 23
        pages = [
            services.catalogue.search(query, offset=start, limit=5) for start in range(0, 25, 5)
        ]
        seen = [row.id for page in pages for row in page]
        assert len(seen) == len(set(seen)) == 23
        assert seen == [row.id for row in services.catalogue.search(query, limit=100)]
    assert services.catalogue.search("huerto", offset=30) == []


def test_an_edited_practice_is_found_by_its_new_words_only(catalogue: Services) -> None:
    row = catalogue.catalogue.search("huerto")[0]
    practice = catalogue.catalogue.get(row.id)
    catalogue.catalogue.save(replace(practice, title="Jardín vecinal", summary="Flores."))
    assert search(catalogue, "huerto") == []
    assert search(catalogue, "jardin") == ["Jardín vecinal"]


def test_renaming_or_removing_an_area_changes_what_its_name_finds(catalogue: Services) -> None:
    areas = {a.name: a for a in catalogue.catalogue.areas()}
    environment = areas["Environment"]
    catalogue.catalogue.save_area(AreaData("Medio ambiente urbano", environment.id))
    assert search(catalogue, "environment") == []
    assert search(catalogue, "medio ambiente") == ["Huerto comunitario del barrio"]
    catalogue.catalogue.delete_area(environment.id)
    assert search(catalogue, "medio ambiente") == []
    assert search(catalogue, "huerto") == ["Huerto comunitario del barrio"]
    assert set(search(catalogue, area_id="-")) == {
        "Cuidados sin área",
        "Huerto comunitario del barrio",
    }


def test_rows_say_whose_practice_it_is(catalogue: Services) -> None:
    imported(catalogue, "Mentoría entre entidades", area="Education")
    rows = {row.title: row for row in catalogue.catalogue.search("", limit=100)}
    assert rows["Banco del tiempo"].own and not rows["Mentoría entre entidades"].own
    assert rows["Mentoría entre entidades"].origin_name == "Red Asociativa del Cantábrico"
    assert rows["Mentoría entre entidades"].area == "Education"
    assert search(catalogue, "mentoria") == ["Mentoría entre entidades"]
    assert catalogue.catalogue.search("mentoria")[0].own is False


def test_ranking_starts_at_the_third_letter():
    from app.services.catalogue_search import ranks

    assert not ranks("v") and not ranks("vo de")
    assert ranks("vol") and ranks("de vol")
