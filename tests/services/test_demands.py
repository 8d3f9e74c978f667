"""Demands of organisations: counts by topic, answered or not, trash, activities made of them."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from app.errors import NotFoundError, ValidationError
from app.services.activities import ActivityData
from app.services.demands import DemandData
from app.services.organisations import OrganisationData
from app.services.people import PersonData
from app.services.registry import Services


def organisation(services: Services, name: str) -> str:
    return services.organisations.save(OrganisationData(name=name)).id


def demand(services: Services, topic: str, organisation_id: str | None = None, **values) -> str:
    data = DemandData(topic=topic, organisation_id=organisation_id, **values)
    return services.demands.save(data).id


def activity(services: Services, title: str, demand_ids: tuple[str, ...] = ()) -> str:
    return services.activities.save(ActivityData(title=title, demand_ids=demand_ids)).id


@pytest.fixture
def network(services: Services) -> dict[str, str]:
    """Three organisations asking for fundraising (spelt three ways) and one for volunteers."""
    ids = {name: organisation(services, name) for name in ("Alba", "Brisa", "Cauce")}
    ids["fund_a"] = demand(services, "Captación de fondos", ids["Alba"], area="Social inclusion")
    ids["fund_b"] = demand(services, "captacion de FONDOS ", ids["Brisa"])
    ids["fund_b2"] = demand(services, "Captación  de fondos", ids["Brisa"])
    ids["fund_c"] = demand(
        services, "Captación de fondos", ids["Cauce"], declared_on=date(2024, 5, 2)
    )
    ids["volunteers"] = demand(services, "Gestión del voluntariado", ids["Alba"])
    return ids


def test_topics_count_organisations_across_spellings(services: Services, network) -> None:
    topics = services.demands.topics()

    assert [t.topic_key for t in topics] == ["captacion de fondos", "gestion del voluntariado"]
    funds = topics[0]
    assert funds.topic == "Captación de fondos"  # the most used spelling
    assert (funds.organisations, funds.demands, funds.answered) == (3, 4, 0)
    assert funds.latest == date(2024, 5, 2)
    assert topics[1].organisations == 1


def test_answered_counts_follow_live_links_to_live_activities(services: Services, network) -> None:
    activity_id = activity(services, "Fundraising capsule", (network["fund_a"], network["fund_b"]))
    assert services.demands.topics()[0].answered == 2
    assert services.demands.count(answered=True) == 2
    assert services.demands.count(answered=False) == 3

    # The link taken out of the activity no longer answers the demand.
    saved = services.activities.get(activity_id)
    services.activities.save(replace(saved, demand_ids=(network["fund_a"],)))
    assert services.demands.topics()[0].answered == 1
    [row] = services.demands.list(answered=True)
    assert (row.id, row.activities) == (network["fund_a"], 1)

    # An activity in the trash answers nothing; restored, it answers again.
    services.activities.delete([activity_id])
    assert services.demands.topics()[0].answered == 0
    assert services.demands.activities_of(network["fund_a"]) == []
    services.activities.restore([activity_id])
    assert [a.id for a in services.demands.activities_of(network["fund_a"])] == [activity_id]


def test_list_searches_topic_and_organisation_and_filters_by_area(
    services: Services, network
) -> None:
    assert services.demands.count("CAPTACIÓN") == 4
    assert {r.organisation_name for r in services.demands.list("cauce")} == {"Cauce"}
    assert services.demands.count("fondos brisa") == 2
    [row] = services.demands.list(area="Social inclusion")
    assert row.id == network["fund_a"]
    assert services.demands.areas() == ["Social inclusion"]
    assert services.demands.count(organisation_id=network["Alba"]) == 2
    ordered = services.demands.list(sort="organisation", descending=True)
    assert ordered[0].organisation_name == "Cauce"


def test_trash_and_restore(services: Services, network) -> None:
    assert services.demands.delete([network["fund_c"], network["fund_b"]]) == 2

    assert services.demands.count() == 3
    assert {r.id for r in services.demands.list(trash=True)} == {
        network["fund_c"],
        network["fund_b"],
    }
    assert services.demands.topics()[0].organisations == 2
    assert network["fund_c"] not in dict(services.demands.choices())
    assert services.demands.get(network["fund_c"]).deleted_at is not None

    assert services.demands.restore([network["fund_c"]]) == 1
    assert services.demands.count() == 4
    assert services.demands.get(network["fund_c"]).deleted_at is None


def test_choices_are_labelled_with_the_organisation_newest_first(services: Services) -> None:
    alba = organisation(services, "Alba")
    old = demand(services, "Old topic", alba, declared_on=date(2023, 1, 1))
    new = demand(services, "New topic", alba, declared_on=date(2025, 1, 1))
    lone = demand(services, "Nobody's topic")

    choices = services.demands.choices()

    assert choices[:2] == [(new, "New topic — Alba"), (old, "Old topic — Alba")]
    assert (lone, "Nobody's topic") in choices


def test_activity_from_demands_prefills_an_unsaved_capsule(services: Services, network) -> None:
    demand(services, "Other", network["Cauce"], area="Health")
    chosen = (network["fund_a"], network["fund_b"], network["fund_c"])

    prefill = services.demands.activity_from_demands(chosen)

    assert prefill.id is None
    assert prefill.kind == "capsule"
    assert prefill.title == "Captación de fondos"
    assert prefill.areas == ("Social inclusion",)
    for name in ("Alba", "Brisa", "Cauce"):
        assert name in prefill.description
    assert set(prefill.demand_ids) == set(chosen)
    assert services.activities.count() == 0  # nothing saved yet


def test_saving_the_prefilled_activity_links_the_demands(services: Services, network) -> None:
    prefill = services.demands.activity_from_demands([network["fund_a"], network["volunteers"]])
    assert prefill.title == "Captación de fondos, Gestión del voluntariado"

    saved = services.activities.save(prefill)

    assert set(saved.demand_ids) == {network["fund_a"], network["volunteers"]}
    assert services.demands.count(answered=True) == 2
    assert [a.title for a in services.demands.activities_of(network["volunteers"])] == [saved.title]


def test_activity_from_no_live_demand_is_refused(services: Services, network) -> None:
    services.demands.delete([network["volunteers"]])
    with pytest.raises(ValidationError):
        services.demands.activity_from_demands([network["volunteers"]])
    with pytest.raises(ValidationError):
        services.demands.activity_from_demands([])


def test_save_validates_and_cleans(services: Services) -> None:
    with pytest.raises(ValidationError) as missing:
        services.demands.save(DemandData(topic="   "))
    assert missing.value.field == "topic"
    with pytest.raises(ValidationError) as source:
        services.demands.save(DemandData(topic="Fundraising", source="rumour"))
    assert source.value.field == "source"
    tomorrow = date.today() + timedelta(days=1)
    with pytest.raises(ValidationError) as future:
        services.demands.save(DemandData(topic="Fundraising", declared_on=tomorrow))
    assert future.value.field == "declared_on"
    assert services.demands.count() == 0

    saved = services.demands.save(DemandData(topic="  Digital   skills ", source="form"))
    assert (saved.topic, saved.organisation_id, saved.source) == ("Digital skills", None, "form")
    changed = services.demands.save(replace(saved, topic="Digital skills for staff"))
    assert services.demands.get(saved.id).topic == changed.topic == "Digital skills for staff"
    with pytest.raises(NotFoundError):
        services.demands.get("no-such-demand")


def test_an_organisation_typed_by_name_is_found_or_created(services: Services) -> None:
    alba = organisation(services, "Asociación Alba")

    known = services.demands.save(DemandData(topic="A", organisation_name="asociacion alba"))
    new = services.demands.save(DemandData(topic="B", organisation_name="Colectivo Nuevo"))

    assert known.organisation_id == alba
    assert new.organisation_name == "Colectivo Nuevo"
    assert ("Colectivo Nuevo" in dict(services.organisations.choices()).values()) is True


def test_wanted_topics_from_evaluations(services: Services) -> None:
    alba = organisation(services, "Alba")
    activity_id = activity(services, "Forum on inclusion")
    person = services.people.save(PersonData(full_name="Ana Ruiz")).id
    row = services.registrations.register(activity_id, person, organisation_id=alba)
    services.registrations.save_evaluation(
        row.id, satisfaction=5, wanted_topics="Fundraising; Social media\nEvaluation"
    )

    wanted = services.demands.wanted_topics()
    assert [w.topic for w in wanted] == ["Fundraising", "Social media", "Evaluation"]
    assert {w.activity_title for w in wanted} == {"Forum on inclusion"}
    assert wanted[0].organisation_name == "Alba"
    assert not any(w.recorded for w in wanted)

    demand(services, "social MEDIA", alba, source="evaluation")
    wanted = services.demands.wanted_topics()
    assert [(w.topic, w.recorded) for w in wanted][-1] == ("Social media", True)
