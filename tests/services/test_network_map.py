"""The network map: which organisations are linked, how strongly, what the filters keep, the
cap on what is drawn, and the same picture for the same data."""

from __future__ import annotations

from datetime import date, time

import pytest

from app.errors import ValidationError
from app.i18n import set_language
from app.services import network_map
from app.services.activities import ActivityData, SessionData
from app.services.network_map import Edge, NetworkMap
from app.services.project_values import ProjectData, ProjectMember
from app.services.registry import Services
from tests.services.mentor_helpers import organisation, pair, person

YEAR = (date(2026, 1, 1), date(2026, 12, 31))
TODAY = date(2026, 6, 1)


def activity(
    services: Services, *days: str, areas: tuple[str, ...] = ("Social inclusion",)
) -> ActivityData:
    """An activity with a two-hour session on each day."""
    sessions = tuple(SessionData(date.fromisoformat(d), time(10), time(12)) for d in days)
    return services.activities.save(ActivityData(title="Forum", areas=areas, sessions=sessions))


def attend(
    services: Services, held: ActivityData, organisation_id: str, mark: str = "present"
) -> str:
    """A new person registered for ``organisation_id`` and marked at every session."""
    someone = person(services, "Someone")
    services.registrations.register(held.id or "", someone, organisation_id=organisation_id)
    for session in held.sessions:
        services.attendance.mark(session.id or "", someone, mark)
    return someone


def project(services: Services, *orgs: str, **values: object) -> str:
    members = tuple(ProjectMember(org) for org in orgs)
    data = ProjectData(title="Shared project", organisations=members, **values)  # type: ignore[arg-type]
    saved = services.projects.save(data)
    return saved.id or ""


def edge(result: NetworkMap, a: str, b: str) -> Edge | None:
    wanted = tuple(sorted((a, b)))
    return next((e for e in result.edges if (e.a, e.b) == wanted), None)


def people(result: NetworkMap) -> dict[str, int]:
    return {node.organisation_id: node.people for node in result.nodes}


@pytest.fixture
def orgs(services: Services) -> dict[str, str]:
    return {name: organisation(services, name) for name in ("Alba", "Brisa", "Cierzo", "Duna")}


def test_people_at_the_same_activity_link_their_organisations_once_per_activity(services, orgs):
    forum = activity(services, "2026-03-02")
    for _ in range(3):
        attend(services, forum, orgs["Alba"])
    attend(services, forum, orgs["Brisa"])
    second = activity(services, "2026-05-04", "2026-05-11")
    attend(services, second, orgs["Alba"])
    attend(services, second, orgs["Brisa"])

    result = services.network.build(*YEAR)

    assert edge(result, orgs["Alba"], orgs["Brisa"]) == Edge(
        *sorted((orgs["Alba"], orgs["Brisa"])), met=2, mentoring=0, projects=0, weight=2
    )
    assert people(result) == {orgs["Alba"]: 4, orgs["Brisa"]: 2}
    assert not result.capped and result.note() == ""


def test_the_registration_names_the_organisation_not_the_membership(services, orgs):
    forum = activity(services, "2026-03-02")
    member_of_alba = person(services, "Marta", orgs["Alba"])
    services.registrations.register(forum.id or "", member_of_alba, organisation_id=orgs["Duna"])
    services.attendance.mark(forum.sessions[0].id or "", member_of_alba, "present")
    attend(services, forum, orgs["Brisa"])

    result = services.network.build(*YEAR)

    assert {node.organisation_id for node in result.nodes} == {orgs["Duna"], orgs["Brisa"]}


def test_only_attending_a_live_session_in_the_period_links(services, orgs):
    absent = activity(services, "2026-03-02")
    attend(services, absent, orgs["Alba"])
    attend(services, absent, orgs["Brisa"], mark="absent")
    excused = activity(services, "2026-03-09")
    attend(services, excused, orgs["Alba"], mark="excused")
    attend(services, excused, orgs["Cierzo"])
    last_year = activity(services, "2025-12-31")
    attend(services, last_year, orgs["Alba"])
    attend(services, last_year, orgs["Duna"])
    trashed = activity(services, "2026-04-06")
    attend(services, trashed, orgs["Brisa"])
    attend(services, trashed, orgs["Cierzo"])
    services.activities.delete([trashed.id or ""])

    assert services.network.build(*YEAR).edges == ()
    late = services.network.build(date(2025, 12, 31), date(2025, 12, 31))
    assert edge(late, orgs["Alba"], orgs["Duna"]) is not None
    assert services.network.build(None, None).edges == late.edges


def test_late_and_left_early_count_as_attending(services, orgs):
    forum = activity(services, "2026-03-02")
    attend(services, forum, orgs["Alba"], mark="late")
    attend(services, forum, orgs["Brisa"], mark="left_early")

    assert edge(services.network.build(*YEAR), orgs["Alba"], orgs["Brisa"]).met == 1


def test_mentoring_pairs_that_ran_in_the_period_link_their_organisations(services, orgs):
    mentor = person(services, "Lucía", orgs["Alba"])
    for mentee_org, values in (
        (orgs["Brisa"], {"status": "active", "start_date": date(2026, 2, 1)}),
        (orgs["Cierzo"], {"status": "proposed", "start_date": date(2026, 2, 1)}),
        (
            orgs["Duna"],
            {
                "status": "closed",
                "start_date": date(2025, 1, 10),
                "closed_on": date(2025, 6, 30),
                "closure_reason": "planned_end",
            },
        ),
        (None, {"status": "active", "start_date": date(2026, 2, 1)}),
    ):
        mentee = person(services, "Mentee", *([mentee_org] if mentee_org else []))
        pair(services, mentor, mentee, orgs["Alba"], mentee_org, TODAY, **values)

    result = services.network.build(*YEAR)

    assert [(e.mentoring, e.weight) for e in result.edges] == [(1, 2)]
    assert edge(result, orgs["Alba"], orgs["Brisa"]) is not None
    assert people(result) == {orgs["Alba"]: 1, orgs["Brisa"]: 1}  # Lucía, her mentee


def test_a_pair_closed_before_the_period_does_not_link(services, orgs):
    mentor = person(services, "Lucía", orgs["Alba"])
    mentee = person(services, "Pablo", orgs["Brisa"])
    pair(
        services,
        mentor,
        mentee,
        orgs["Alba"],
        orgs["Brisa"],
        date(2025, 12, 1),
        status="closed",
        start_date=date(2025, 1, 10),
        closed_on=date(2025, 11, 30),
        closure_reason="goals_achieved",
    )

    assert services.network.build(*YEAR).edges == ()
    assert len(services.network.build(date(2025, 1, 1), date(2025, 12, 31)).edges) == 1


def test_projects_overlapping_the_period_link_all_their_organisations(services, orgs):
    project(services, orgs["Alba"], orgs["Brisa"], orgs["Cierzo"], start_date=date(2025, 9, 1))
    project(
        services,
        orgs["Alba"],
        orgs["Duna"],
        start_date=date(2024, 1, 1),
        end_date=date(2025, 6, 30),
    )
    gone = project(services, orgs["Brisa"], orgs["Duna"])
    services.projects.delete([gone])

    result = services.network.build(*YEAR)

    assert sorted((e.projects, e.weight) for e in result.edges) == [(1, 3)] * 3
    assert edge(result, orgs["Alba"], orgs["Duna"]) is None
    assert people(result) == dict.fromkeys((orgs["Alba"], orgs["Brisa"], orgs["Cierzo"]), 0)


def test_the_weight_adds_up_the_ways_two_organisations_are_linked(services, orgs):
    forum = activity(services, "2026-03-02")
    attend(services, forum, orgs["Alba"])
    attend(services, forum, orgs["Brisa"])
    mentor = person(services, "Lucía", orgs["Alba"])
    mentee = person(services, "Pablo", orgs["Brisa"])
    pair(services, mentee, mentor, orgs["Brisa"], orgs["Alba"], TODAY, status="active")
    project(services, orgs["Brisa"], orgs["Alba"], start_date=date(2026, 1, 1))

    link = edge(services.network.build(*YEAR), orgs["Alba"], orgs["Brisa"])

    assert (link.met, link.mentoring, link.projects, link.weight) == (1, 1, 1, 6)


def test_the_area_keeps_the_activities_pairs_and_projects_of_that_area(services, orgs):
    housing = activity(services, "2026-03-02", areas=("Housing",))
    attend(services, housing, orgs["Alba"])
    attend(services, housing, orgs["Brisa"])
    health = activity(services, "2026-03-09", areas=("Health",))
    attend(services, health, orgs["Cierzo"])
    attend(services, health, orgs["Duna"])
    mentor = person(services, "Lucía", orgs["Alba"])
    mentee = person(services, "Pablo", orgs["Cierzo"])
    pair(
        services,
        mentor,
        mentee,
        orgs["Alba"],
        orgs["Cierzo"],
        TODAY,
        areas=["fundraising"],
        status="active",
    )
    project(services, orgs["Brisa"], orgs["Duna"], areas=("Housing",))

    def linked(area: str) -> set[frozenset[str]]:
        names = {v: k for k, v in orgs.items()}
        result = services.network.build(*YEAR, area=area)
        return {frozenset((names[e.a], names[e.b])) for e in result.edges}

    assert linked("housing") == {frozenset(("Alba", "Brisa")), frozenset(("Brisa", "Duna"))}
    assert linked("Health") == {frozenset(("Cierzo", "Duna"))}
    assert linked("fundraising") == {frozenset(("Alba", "Cierzo"))}
    assert len(linked("")) == 4
    set_language("es")
    assert linked("VIVIENDA") == linked("Housing")
    assert linked("Captación de fondos") == linked("fundraising")


def test_the_area_choices_are_those_in_use_shown_translated(services, orgs):
    activity(services, "2026-03-02", areas=("Housing", "Barrio Norte"))
    mentor = person(services, "Lucía", orgs["Alba"])
    mentee = person(services, "Pablo", orgs["Cierzo"])
    pair(
        services,
        mentor,
        mentee,
        orgs["Alba"],
        orgs["Cierzo"],
        TODAY,
        areas=["fundraising"],
        status="active",
    )

    assert [(c.value, c.label) for c in services.network.areas()] == [
        ("Barrio Norte", "Barrio Norte"),
        ("fundraising", "Fundraising"),
        ("Housing", "Housing"),
    ]
    set_language("es")
    assert [c.label for c in services.network.areas()] == [
        "Barrio Norte",
        "Captación de fondos",
        "Vivienda",
    ]


def test_organisations_in_the_trash_or_merged_are_not_drawn(services, orgs):
    forum = activity(services, "2026-03-02")
    for name in ("Alba", "Brisa", "Cierzo", "Duna"):
        attend(services, forum, orgs[name])
    services.organisations.delete([orgs["Cierzo"]])
    services.duplicates.merge_organisations(orgs["Alba"], [orgs["Duna"]])

    result = services.network.build(*YEAR)

    assert {node.organisation_id for node in result.nodes} == {orgs["Alba"], orgs["Brisa"]}
    assert people(result)[orgs["Alba"]] == 2  # its own attendee and Duna's, merged into it


def test_the_most_connected_are_kept_and_the_map_says_so(services, orgs):
    hub, spoke = orgs["Alba"], orgs["Brisa"]
    for other in (orgs["Brisa"], orgs["Cierzo"], orgs["Duna"]):
        forum = activity(services, "2026-03-02")
        attend(services, forum, hub)
        attend(services, forum, other)
    forum = activity(services, "2026-04-06")
    attend(services, forum, spoke)
    attend(services, forum, orgs["Duna"])

    result = services.network.build(*YEAR, limit=2)

    assert [node.organisation_id for node in result.nodes] == [hub, spoke]
    assert [(e.a, e.b) for e in result.edges] == [tuple(sorted((hub, spoke)))]
    assert result.organisations == 4 and result.capped
    assert result.note() == "The map shows the 2 most connected of 4 linked organisations."


def test_beyond_the_cap_on_links_every_organisation_keeps_its_heaviest(services, orgs, monkeypatch):
    monkeypatch.setattr(network_map, "MAX_EDGES", 2)
    names = list(orgs)
    for first, second, times in ((0, 1, 3), (0, 2, 2), (1, 2, 2), (2, 3, 1)):
        for _ in range(times):
            forum = activity(services, "2026-03-02")
            attend(services, forum, orgs[names[first]])
            attend(services, forum, orgs[names[second]])

    result = services.network.build(*YEAR)

    assert [e.weight for e in result.edges] == [3, 2, 1]  # Duna's only link is kept too
    assert result.links == 4
    assert result.note() == "Only the 3 strongest of their 4 links are drawn."


def test_the_same_data_give_the_same_map_inside_the_square(services, orgs):
    for first, second in (("Alba", "Brisa"), ("Brisa", "Cierzo"), ("Cierzo", "Duna")):
        forum = activity(services, "2026-03-02")
        attend(services, forum, orgs[first])
        attend(services, forum, orgs[second])

    result = services.network.build(*YEAR)

    assert services.network.build(*YEAR) == result
    assert all(0.0 <= n.x <= 1.0 and 0.0 <= n.y <= 1.0 for n in result.nodes)
    assert len({(n.x, n.y) for n in result.nodes}) == 4


def test_an_empty_period_gives_an_empty_map(services):
    result = services.network.build(*YEAR)

    assert result == NetworkMap(nodes=(), edges=(), organisations=0, links=0)


def test_a_period_ending_before_it_starts_is_refused(services):
    with pytest.raises(ValidationError, match="ends before it starts"):
        services.network.build(date(2026, 2, 1), date(2026, 1, 1))
    with pytest.raises(ValidationError):
        services.network.build(*YEAR, limit=0)
