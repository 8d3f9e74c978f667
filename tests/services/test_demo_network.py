"""The example network: projects between organisations that really met (at an activity, through
a mentoring pair), cascades by people who really attended, every record as the forms would save
it, and exported with the documented keys."""

from __future__ import annotations

from collections import Counter

import pytest
from sqlalchemy import func, select

from app.models import (
    Activity,
    ActivityPractice,
    ActivitySession,
    Attendance,
    Cascade,
    CollaborativeProject,
    MentoringRelationship,
    ProjectOrganisation,
    Registration,
    natural_id,
)
from app.services.context import DataFolder
from app.services.demo import DemoSummary, fill_demo
from app.services.demo.activities import REFERENCE_DATE
from app.services.export_data import build_export
from app.services.network_vocabulary import CASCADE_FORMATS, PROJECT_ORIGINS
from app.services.registry import Services, build_services
from app.services.vocabulary import ATTENDED_MARKS


@pytest.fixture(scope="module")
def filled(tmp_path_factory) -> tuple[Services, DemoSummary]:
    """One small fill shared by the read-only tests of this module."""
    services = build_services(DataFolder(tmp_path_factory.mktemp("demo")))
    yield services, fill_demo(services.db, "small")
    services.db.dispose()


@pytest.fixture
def demo(filled: tuple[Services, DemoSummary]) -> Services:
    return filled[0]


def rows(services: Services, model: type) -> list:
    with services.db.session() as s:
        return list(s.scalars(select(model)))


def test_the_small_demo_has_eight_projects_and_forty_cascades(
    filled: tuple[Services, DemoSummary],
) -> None:
    demo, summary = filled
    assert (summary.projects, summary.cascades) == (8, 40)
    assert demo.projects.count() == 8 and demo.cascades.count() == 40
    members = Counter(m.project_id for m in rows(demo, ProjectOrganisation))
    assert set(members) == {p.id for p in rows(demo, CollaborativeProject)}
    assert all(2 <= n <= 5 for n in members.values())
    for row in demo.projects.list():
        project = demo.projects.get(row.id)
        assert [m.role for m in project.organisations].count("lead") == 1
        assert project.areas and project.description
        assert project.start_date is not None and project.start_date <= REFERENCE_DATE
        assert project.end_date is None or project.end_date > project.start_date
        finished = project.end_date is not None and project.end_date < REFERENCE_DATE
        assert bool(project.outcome) == finished
    assert sum(c.people_reached for c in demo.cascades.list()) > 40


def test_every_project_and_cascade_is_saved_unchanged_by_its_form(demo: Services) -> None:
    for row in demo.projects.list(limit=None):
        project = demo.projects.get(row.id)
        assert demo.projects.save(project) == project
    for row in demo.cascades.list():
        assert demo.cascades.save(demo.cascades.get(row.id), today=REFERENCE_DATE) == row
    project_ids = {m.id: (m.project_id, m.organisation_id) for m in rows(demo, ProjectOrganisation)}
    assert all(
        key == natural_id("project-organisation", *pair) for key, pair in project_ids.items()
    )


def test_projects_come_about_where_their_organisations_met(demo: Services) -> None:
    with demo.db.session() as s:
        registered = set(s.execute(select(Registration.activity_id, Registration.organisation_id)))
        kinds = dict(s.execute(select(Activity.id, Activity.kind)).all())
        pairs = {
            r.id: {r.mentee_organisation_id, r.mentor_organisation_id}
            for r in s.scalars(select(MentoringRelationship))
        }
    origins = Counter()
    for row in demo.projects.list(limit=None):
        project = demo.projects.get(row.id)
        origins[project.origin] += 1
        assert project.origin in PROJECT_ORIGINS
        lead = project.organisations[0].organisation_id
        if project.origin in ("forum", "capsule"):
            assert kinds[project.origin_activity_id] == project.origin
            assert (project.origin_activity_id, lead) in registered
        elif project.origin == "mentoring":
            assert lead in pairs[project.origin_relationship_id]
        else:
            assert (project.origin_activity_id, project.origin_relationship_id) == (None, None)
    assert len(origins) >= 3  # more than one way of coming about


def test_cascades_are_passed_on_by_people_who_attended(demo: Services) -> None:
    with demo.db.session() as s:
        last_attended = dict(
            ((person, activity), day)
            for person, activity, day in s.execute(
                select(
                    Attendance.person_id,
                    ActivitySession.activity_id,
                    func.max(ActivitySession.date),
                )
                .join(ActivitySession, ActivitySession.id == Attendance.session_id)
                .where(Attendance.status.in_(ATTENDED_MARKS))
                .group_by(Attendance.person_id, ActivitySession.activity_id)
            )
        )
        handed = set(s.execute(select(ActivityPractice.activity_id, ActivityPractice.practice_id)))
    cascades = rows(demo, Cascade)
    for cascade in cascades:
        attended = last_attended[(cascade.person_id, cascade.activity_id)]
        assert attended < cascade.held_on <= REFERENCE_DATE
        assert cascade.how in CASCADE_FORMATS and cascade.people_reached > 0
        if cascade.practice_id:
            assert (cascade.activity_id, cascade.practice_id) in handed
    assert len({c.how for c in cascades}) >= 3
    assert sum(1 for c in cascades if c.organisation_id) > 30
    assert any(c.practice_id for c in cascades)
    assert len({c.held_on for c in cascades}) > 20  # spread over time, not piled on one day


# The keys docs/export-format.md promises for the network's sections.
EXPORTED_KEYS = {
    "projects": {
        "title", "title_key", "description", "start_date", "end_date", "outcome", "origin",
        "origin_activity_id", "origin_relationship_id", "areas", "notes",
    },
    "project_organisations": {"project_id", "organisation_id", "role"},
    "cascades": {
        "person_id", "organisation_id", "activity_id", "practice_id", "held_on",
        "people_reached", "how", "notes",
    },
}  # fmt: skip
RECORD_KEYS = {"id", "created_at", "updated_at", "deleted_at"}


def test_the_export_holds_every_network_record_with_the_documented_keys(demo: Services) -> None:
    document = build_export(demo.db)
    models = {
        "projects": CollaborativeProject,
        "project_organisations": ProjectOrganisation,
        "cascades": Cascade,
    }
    for section, keys in EXPORTED_KEYS.items():
        records = document[section]
        assert len(records) == len(rows(demo, models[section]))
        assert all(set(record) == keys | RECORD_KEYS for record in records), section
    project = document["projects"][0]
    assert isinstance(project["areas"], list) and len(project["start_date"]) == 10
    assert isinstance(document["cascades"][0]["people_reached"], int)
