"""Suggestions for new mentoring pairs: declared needs, the ranking and its reasons."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from app.errors import NotFoundError
from app.services.demands import DemandData
from app.services.mentoring_matching import detect_areas, excerpt, quick_fold, significant_words
from app.services.registry import Services
from app.services.text import fold
from tests.services.mentor_helpers import mentor, organisation, pair, person

TODAY = date(2026, 3, 10)


@pytest.fixture
def network(services: Services) -> dict[str, str]:
    """Alba needs fundraising and volunteers; three mentors in other organisations offer
    different things, and one member of Alba is a mentor too."""
    ids = {
        "alba": organisation(
            services, "Asociación Alba", needs="Queremos mejorar la gestión del voluntariado."
        ),
        "brisa": organisation(services, "Fundación Brisa", expertise="Evaluación de proyectos"),
        "cierzo": organisation(services, "Colectivo Cierzo"),
    }
    services.demands.save(
        DemandData(
            topic="Captación de fondos",
            organisation_id=ids["alba"],
            declared_on=date(2026, 3, 4),
            description="Subvenciones europeas y evaluación de proyectos",
        )
    )
    ids["eva"] = person(services, "Eva Alba", ids["alba"])
    ids["fundraiser"] = person(services, "Marta Brisa", ids["brisa"])
    ids["volunteers"] = person(services, "Luis Cierzo", ids["cierzo"])
    ids["writer"] = person(services, "Ana Cierzo", ids["cierzo"], expertise="Voluntariado")
    ids["colleague"] = person(services, "Juan Alba", ids["alba"])
    mentor(services, ids["fundraiser"], areas=("fundraising",), capacity=3)
    mentor(services, ids["volunteers"], areas=("volunteering",), capacity=1)
    mentor(services, ids["writer"], areas=("communication",), capacity=2)
    mentor(services, ids["colleague"], areas=("fundraising", "volunteering"), capacity=5)
    return ids


def names(services: Services, organisation_id: str) -> list[str]:
    return [s.mentor_name for s in services.mentoring_suggestions.suggest(organisation_id)]


def test_needs_lists_organisations_with_a_needs_text_or_demands(services, network):
    organisation(services, "Sin necesidades")
    only_demand = organisation(services, "Dunas")
    services.demands.save(DemandData(topic="Liderazgo de equipos", organisation_id=only_demand))
    dropped = organisation(services, "Eco")
    gone = services.demands.save(DemandData(topic="Calidad", organisation_id=dropped))
    services.demands.delete([gone.id])

    rows = services.mentoring_suggestions.needs()

    assert [r.organisation_name for r in rows] == ["Asociación Alba", "Dunas"]
    alba = rows[0]
    assert alba.need_texts == (
        "Captación de fondos",
        "Queremos mejorar la gestión del voluntariado.",
    )
    assert alba.areas == ("fundraising", "management", "volunteering", "projects")
    assert rows[1].areas == ("leadership",)
    assert [r.organisation_name for r in services.mentoring_suggestions.needs("dunas")] == ["Dunas"]


def test_needs_count_the_pairs_supporting_the_organisation_now(services, network):
    pair(services, network["fundraiser"], network["eva"], network["brisa"], network["alba"], TODAY)
    assert services.mentoring_suggestions.needs()[0].pairs_now == 1


def test_listed_areas_rank_above_expertise_words_and_colleagues_are_never_suggested(
    services, network
):
    suggestions = services.mentoring_suggestions.suggest(network["alba"])

    assert [s.mentor_name for s in suggestions] == ["Marta Brisa", "Luis Cierzo", "Ana Cierzo"]
    fundraiser, volunteers, writer = suggestions
    assert fundraiser.matched_areas == ("fundraising", "projects")
    assert fundraiser.reasons[0] == (
        "Asked for “Captación de fondos” (demand, March 4, 2026); offers Fundraising"
    )
    assert any("speaks of Project design" in reason for reason in fundraiser.reasons)
    assert volunteers.reasons[0] == (
        "Declared needs: “Queremos mejorar la gestión del voluntariado”; "
        "offers Volunteer management"
    )
    assert volunteers.reasons[-1] == "1 of 1 place free"
    assert writer.matched_areas == ("volunteering",)
    assert writer.reasons[0].startswith("Their expertise speaks of Volunteer management")
    assert fundraiser.score > volunteers.score > writer.score
    assert (fundraiser.free_places, fundraiser.capacity) == (3, 3)
    assert fundraiser.organisation_name == "Fundación Brisa"


def test_shared_words_count_and_are_named(services, network):
    quiet = person(services, "Sara Dunas", organisation(services, "Dunas"))
    mentor(services, quiet, expertise="Subvenciones y justificación de proyectos europeos")

    sara = next(
        s for s in services.mentoring_suggestions.suggest(network["alba"]) if s.person_id == quiet
    )
    assert sara.matched_areas == ("fundraising", "projects")
    assert "Their expertise and the needs share “europeas”" in sara.reasons


def test_unavailable_full_and_trashed_mentors_are_left_out(services, network):
    assert names(services, network["alba"]) == ["Marta Brisa", "Luis Cierzo", "Ana Cierzo"]
    other = person(services, "Otra", network["brisa"])
    pair(
        services,
        network["volunteers"],
        other,
        network["cierzo"],
        network["brisa"],
        TODAY,
        status="active",
    )
    services.mentors.delete([services.mentors.for_person(network["writer"]).id])
    fundraiser = services.mentors.for_person(network["fundraiser"])
    services.mentors.save(replace(fundraiser, available=False))

    assert names(services, network["alba"]) == []


def test_a_mentor_already_paired_with_the_organisation_ranks_lower_and_says_so(services, network):
    pair(
        services,
        network["fundraiser"],
        network["eva"],
        network["brisa"],
        network["alba"],
        TODAY,
        status="active",
    )
    suggestions = services.mentoring_suggestions.suggest(network["alba"])

    assert [s.mentor_name for s in suggestions] == ["Luis Cierzo", "Marta Brisa", "Ana Cierzo"]
    marta = suggestions[1]
    assert marta.free_places == 2
    assert "2 of 3 places free" in marta.reasons
    assert marta.reasons[-1] == "Already mentors 1 pair at Asociación Alba, so ranked lower"


def test_a_mentor_who_belongs_to_the_organisation_is_never_suggested(services, network):
    other = person(services, "Pablo", network["brisa"], network["alba"])
    mentor(services, other, organisation_id=network["brisa"], areas=("fundraising",), capacity=4)
    assert "Pablo" not in names(services, network["alba"])


def test_limit_and_organisations_without_needs(services, network):
    assert len(services.mentoring_suggestions.suggest(network["alba"], limit=1)) == 1
    assert services.mentoring_suggestions.suggest(network["cierzo"]) == []
    with pytest.raises(NotFoundError):
        services.mentoring_suggestions.suggest("no-such-organisation")


def test_a_demand_without_a_date_is_quoted_without_one(services, network):
    dunas = organisation(services, "Dunas")
    services.demands.save(DemandData(topic="Plan de voluntariado", organisation_id=dunas))
    luis = next(
        s
        for s in services.mentoring_suggestions.suggest(dunas)
        if s.person_id == network["volunteers"]
    )
    assert (
        luis.reasons[0] == "Asked for “Plan de voluntariado” (demand); offers Volunteer management"
    )


@pytest.mark.parametrize(
    ("text", "areas"),
    [
        ("Captación de FONDOS", ("fundraising",)),
        ("Fundraising and grants", ("fundraising",)),
        ("trasfondo del asunto", ()),
        ("Trabajo en red con otras entidades", ("networking",)),
        ("Reducir costes", ()),
        ("Igualdad de género y liderazgo", ("leadership", "equality")),
        ("", ()),
    ],
)
def test_areas_are_read_from_the_start_of_words(text, areas):
    assert detect_areas(text) == areas


def test_significant_words_skip_short_and_common_words_and_meet_their_variants():
    words = significant_words("Necesitamos apoyo con los voluntarios y la web")
    assert list(words.values()) == ["voluntarios"]
    assert set(words) == set(significant_words("Voluntariado"))
    assert set(significant_words("europeas")) == set(significant_words("Europeos"))


def test_an_excerpt_quotes_the_sentence_that_reveals_the_area():
    needs = "Somos pequeños. Buscamos ayuda con la captación de fondos; también formación."
    assert excerpt(needs, "fundraising") == "Buscamos ayuda con la captación de fondos"
    assert excerpt("x " * 80, "fundraising").endswith("…")


def test_a_mentor_whose_person_is_in_the_trash_is_not_suggested(services, network):
    services.people.delete([network["fundraiser"]])
    assert "Marta Brisa" not in names(services, network["alba"])


@pytest.mark.parametrize(
    "text", ["Captación de FONDOS", "  Igualdad   de género ", "Ñandú", "Straße", "Παπαδόπουλος"]
)
def test_the_quick_fold_reads_like_the_directory_fold(text):
    assert quick_fold(text) == fold(text)
