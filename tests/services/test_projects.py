"""Collaborative projects: saved with their organisations and roles, searched, trashed and
restored, linked to where they came about, and kept whole through merges of organisations."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select

from app.errors import NotFoundError, ValidationError
from app.models import ProjectOrganisation, natural_id
from app.services.activities import ActivityData
from app.services.organisations import OrganisationData
from app.services.projects import ProjectData, ProjectMember
from app.services.registry import Services
from tests.services.mentoring_helpers import make_parties, pair


def organisation(services: Services, name: str) -> str:
    saved = services.organisations.save(OrganisationData(name=name))
    assert saved.id is not None
    return saved.id


@pytest.fixture
def orgs(services: Services) -> dict[str, str]:
    return {name: organisation(services, name) for name in ("Alba", "Río", "Zarza")}


def project(services: Services, orgs: dict[str, str], **values: object) -> ProjectData:
    members = (ProjectMember(orgs["Río"], "partner"), ProjectMember(orgs["Alba"], "lead"))
    data = ProjectData(**{"title": "Huerto compartido", "organisations": members, **values})  # type: ignore[arg-type]
    return services.projects.save(data)


def test_a_project_is_saved_and_read_back_with_its_organisations_lead_first(
    services: Services, orgs: dict[str, str]
) -> None:
    saved = project(
        services,
        orgs,
        title="  Huerto   compartido ",
        description="Un huerto entre dos barrios.",
        start_date=date(2026, 2, 1),
        end_date=date(2026, 12, 31),
        outcome="Dos huertos abiertos",
        areas=("Environment", " Environment ", "Community participation"),
    )
    assert saved.id is not None
    again = services.projects.get(saved.id)
    assert again == saved
    assert again.title == "Huerto compartido"
    assert again.areas == ("Community participation", "Environment")
    assert [(m.name, m.role) for m in again.organisations] == [("Alba", "lead"), ("Río", "partner")]
    [row] = services.projects.list()
    assert (row.title, row.start_date, row.organisations) == (
        "Huerto compartido",
        date(2026, 2, 1),
        ("Alba", "Río"),
    )


def test_the_organisation_rows_have_the_pairs_deterministic_id(
    services: Services, orgs: dict[str, str]
) -> None:
    saved = project(services, orgs)
    with services.db.session() as s:
        ids = set(s.scalars(select(ProjectOrganisation.id)))
    assert ids == {
        natural_id("project-organisation", saved.id or "", orgs[n]) for n in ("Alba", "Río")
    }


def test_changing_the_organisations_trashes_the_removed_and_revives_the_returning(
    services: Services, orgs: dict[str, str]
) -> None:
    saved = project(services, orgs)
    fewer = services.projects.save(
        replace(
            saved,
            organisations=(ProjectMember(orgs["Alba"]), ProjectMember(orgs["Zarza"], "supporter")),
        )
    )
    assert [(m.name, m.role) for m in fewer.organisations] == [
        ("Alba", "partner"),
        ("Zarza", "supporter"),
    ]
    back = services.projects.save(replace(fewer, organisations=saved.organisations))
    assert [m.name for m in back.organisations] == ["Alba", "Río"]
    with services.db.session() as s:
        rows = {r.organisation_id: r.deleted_at for r in s.scalars(select(ProjectOrganisation))}
    assert len(rows) == 3  # Río came back on its old row, Zarza waits in the trash
    assert rows[orgs["Zarza"]] is not None and rows[orgs["Río"]] is None


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"title": "  "}, "title"),
        ({"title": "x" * 301}, "title"),
        ({"origin": "magic"}, "origin"),
        ({"start_date": date(2026, 5, 1), "end_date": date(2026, 4, 30)}, "end_date"),
        ({"start_date": date(1900, 1, 1)}, "start_date"),
        ({"organisations": ()}, "organisations"),
    ],
)
def test_what_cannot_be_saved_names_the_field(
    services: Services, orgs: dict[str, str], values: dict[str, object], field: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        project(services, orgs, **values)
    assert caught.value.field == field
    assert services.projects.count() == 0


def test_a_role_must_be_known_and_an_organisation_listed_once(
    services: Services, orgs: dict[str, str]
) -> None:
    with pytest.raises(ValidationError, match="role"):
        project(services, orgs, organisations=(ProjectMember(orgs["Alba"], "boss"),))
    twice = (ProjectMember(orgs["Alba"], "lead"), ProjectMember(orgs["Alba"], "partner"))
    with pytest.raises(ValidationError, match="twice"):
        project(services, orgs, organisations=twice)


def test_an_organisation_in_the_trash_cannot_join_but_a_member_may_stay(
    services: Services, orgs: dict[str, str]
) -> None:
    saved = project(services, orgs)
    services.organisations.delete([orgs["Río"], orgs["Zarza"]])
    with pytest.raises(ValidationError, match="no longer in the directory"):
        services.projects.save(
            replace(saved, organisations=(*saved.organisations, ProjectMember(orgs["Zarza"])))
        )
    kept = services.projects.save(replace(saved, title="Huerto grande"))
    assert [m.name for m in kept.organisations] == ["Alba", "Río"]
    # The list shows the organisations that are in the directory.
    assert services.projects.list()[0].organisations == ("Alba",)


def test_the_list_searches_titles_and_organisations_and_pages_newest_first(
    services: Services, orgs: dict[str, str]
) -> None:
    project(services, orgs, title="Huerto", start_date=date(2025, 1, 1))
    project(services, orgs, title="Radio comunitaria", start_date=date(2026, 1, 1))
    only_zarza = (ProjectMember(orgs["Zarza"], "lead"),)
    project(services, orgs, title="Banco del tiempo", organisations=only_zarza)
    assert [r.title for r in services.projects.list()] == [
        "Radio comunitaria",
        "Huerto",
        "Banco del tiempo",
    ]
    assert [r.title for r in services.projects.list("RADIO")] == ["Radio comunitaria"]
    assert [r.title for r in services.projects.list("zarza")] == ["Banco del tiempo"]
    assert [r.title for r in services.projects.list("rio huerto")] == ["Huerto"]
    assert [r.title for r in services.projects.list("", 1, 1)] == ["Huerto"]
    assert services.projects.count("alba") == 2
    by_zarza = services.projects.list(organisation_id=orgs["Zarza"])
    assert [r.title for r in by_zarza] == ["Banco del tiempo"]


def test_the_area_filter_matches_whole_areas(services: Services, orgs: dict[str, str]) -> None:
    project(services, orgs, title="Huerto", areas=("Environment",))
    project(services, orgs, title="Radio", areas=("Culture", "Education"))
    assert [r.title for r in services.projects.list(area="Culture")] == ["Radio"]
    assert services.projects.list(area="Cult") == []
    assert services.projects.areas() == ["Culture", "Education", "Environment"]


def test_trash_and_restore(services: Services, orgs: dict[str, str]) -> None:
    saved = project(services, orgs)
    assert services.projects.delete(saved.id or "") == 1  # one id alone is one project
    assert services.projects.list() == [] and services.projects.count() == 0
    [trashed] = services.projects.list(trash=True)
    assert trashed.deleted_at is not None and trashed.organisations == ("Alba", "Río")
    assert services.projects.get(saved.id or "").deleted_at is not None
    assert services.projects.restore([saved.id or ""]) == 1
    assert [r.id for r in services.projects.list()] == [saved.id]
    assert services.projects.delete([]) == 0


def test_a_project_that_does_not_exist_is_not_found(services: Services) -> None:
    with pytest.raises(NotFoundError):
        services.projects.get("no-such-project")


def test_where_it_came_about_is_kept_only_for_the_matching_origin(
    services: Services, orgs: dict[str, str]
) -> None:
    forum = services.activities.save(ActivityData(title="Foro de otoño", kind="forum"))
    services.activities.save(ActivityData(title="Cápsula de datos", kind="capsule"))
    relationship = pair(services, make_parties(services)).data
    choices = services.projects.origin_choices("forum")
    assert [(c.id, c.label) for c in choices] == [(forum.id, "Foro de otoño")]
    [mentoring] = services.projects.origin_choices("mentoring")
    assert mentoring.id == relationship.id
    assert mentoring.label == "Asociación Río — Fundación Alba"
    assert services.projects.origin_choices("other") == []

    saved = project(services, orgs, origin="forum", origin_activity_id=forum.id)
    assert (saved.origin_activity_id, saved.origin_relationship_id) == (forum.id, None)
    moved = services.projects.save(
        replace(saved, origin="mentoring", origin_relationship_id=relationship.id)
    )
    assert (moved.origin_activity_id, moved.origin_relationship_id) == (None, relationship.id)


def test_an_origin_in_the_trash_is_refused(services: Services, orgs: dict[str, str]) -> None:
    forum = services.activities.save(ActivityData(title="Foro", kind="forum"))
    services.activities.delete([forum.id or ""])
    with pytest.raises(ValidationError) as caught:
        project(services, orgs, origin="forum", origin_activity_id=forum.id)
    assert caught.value.field == "origin_activity_id"


def test_merging_two_organisations_of_a_project_keeps_one_row(
    services: Services, orgs: dict[str, str]
) -> None:
    saved = project(services, orgs)
    services.duplicates.merge_organisations(orgs["Alba"], [orgs["Río"]])
    again = services.projects.get(saved.id or "")
    assert [(m.name, m.role) for m in again.organisations] == [("Alba", "lead")]
    # Saving it again (as the form does) works after the merge.
    assert services.projects.save(again).organisations == again.organisations


def test_merging_into_an_organisation_moves_its_projects(
    services: Services, orgs: dict[str, str]
) -> None:
    saved = project(services, orgs)
    services.duplicates.merge_organisations(orgs["Zarza"], [orgs["Río"]])
    again = services.projects.get(saved.id or "")
    assert [(m.name, m.role) for m in again.organisations] == [
        ("Alba", "lead"),
        ("Zarza", "partner"),
    ]
    changed = services.projects.save(replace(again, organisations=again.organisations[:1]))
    assert [m.name for m in changed.organisations] == ["Alba"]
