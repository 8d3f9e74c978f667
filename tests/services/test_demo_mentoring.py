"""Example mentoring: pairs across two organisations with every status, dates that agree, goals
whose history leads to their progress, session logs with a few confidential notes, some pairs
needing attention, and needs and expertise for suggestions; the large scale's amounts exactly."""

from __future__ import annotations

import random
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.cli import main
from app.models import (
    GoalProgress,
    Membership,
    Mentor,
    MentoringGoal,
    MentoringRelationship,
    MentoringSession,
    Organisation,
    Person,
    natural_id,
)
from app.services.context import DataFolder
from app.services.demo import DemoSummary, fill_demo
from app.services.demo.activities import REFERENCE_DATE
from app.services.demo.generate import SCALES, DemoIds, _organisations
from app.services.demo.mentoring import fill_mentoring
from app.services.demo.people import fill_people
from app.services.export_data import build_export
from app.services.mentoring_matching import detect_areas
from app.services.mentoring_values import (
    validate_goal,
    validate_relationship,
    validate_session_log,
)
from app.services.mentoring_vocabulary import (
    CLOSURE_REASONS,
    HOLDING_CAPACITY,
    MENTORING_AREAS,
    RELATIONSHIP_STATUSES,
)
from app.services.registry import Services, build_services

R = MentoringRelationship


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


def sessions_by_pair(services: Services) -> dict[str, list[MentoringSession]]:
    found: dict[str, list[MentoringSession]] = {}
    for session in rows(services, MentoringSession):
        found.setdefault(session.relationship_id, []).append(session)
    return found


def test_the_summary_counts_the_small_mentoring(filled: tuple[Services, DemoSummary]) -> None:
    demo, summary = filled
    assert (summary.mentors, summary.mentoring_pairs, summary.mentoring_sessions) == (15, 20, 150)
    assert len(rows(demo, Mentor)) == 15 and demo.mentoring.count() == 20
    assert len(rows(demo, MentoringSession)) == 150
    assert summary.mentoring_goals == len(rows(demo, MentoringGoal)) >= 40
    assert {m.id for m in rows(demo, Mentor)} == {
        natural_id("mentor", m.person_id) for m in rows(demo, Mentor)
    }


def test_every_pair_joins_two_organisations_each_person_belongs_to(demo: Services) -> None:
    members = {(m.person_id, m.organisation_id) for m in rows(demo, Membership)}
    mentors = {m.person_id: m for m in rows(demo, Mentor)}
    for pair in rows(demo, R):
        assert pair.mentor_organisation_id and pair.mentee_organisation_id
        assert pair.mentor_organisation_id != pair.mentee_organisation_id
        assert (pair.mentor_id, pair.mentor_organisation_id) in members
        assert (pair.mentee_id, pair.mentee_organisation_id) in members
        assert pair.mentee_id not in mentors
        mentor = mentors[pair.mentor_id]
        assert mentor.organisation_id == pair.mentor_organisation_id
        assert set(pair.areas) <= set(mentor.areas)


def test_every_status_is_there_with_dates_that_agree(demo: Services) -> None:
    logs = sessions_by_pair(demo)
    statuses = Counter()
    for pair in rows(demo, R):
        statuses[pair.status] += 1
        dates = sorted(session.date for session in logs.get(pair.id, []))
        assert pair.last_session_on == (dates[-1] if dates else None)
        assert pair.start_date < pair.planned_end
        if pair.status == "closed":
            assert pair.closure_reason in CLOSURE_REASONS and pair.final_assessment
            assert pair.start_date < dates[0] and dates[-1] <= pair.closed_on < REFERENCE_DATE
        else:
            assert pair.closed_on is None and pair.closure_reason == ""
        if pair.status == "proposed":
            assert not dates
        else:
            assert dates and pair.start_date < dates[0] and dates[-1] < REFERENCE_DATE
            assert len(set(dates)) == len(dates)
    assert set(statuses) == set(RELATIONSHIP_STATUSES)
    assert statuses["active"] >= 8 and statuses["closed"] >= 6


def test_live_pairs_stay_within_their_mentors_places(demo: Services) -> None:
    mentors = {m.person_id: m for m in rows(demo, Mentor)}
    holding = Counter(p.mentor_id for p in rows(demo, R) if p.status in HOLDING_CAPACITY)
    for person_id, count in holding.items():
        assert count <= mentors[person_id].capacity
    for pair in rows(demo, R):
        if pair.status == "proposed":
            assert mentors[pair.mentor_id].available
    listed = demo.mentors.list()
    assert any(row.active_pairs == row.capacity for row in listed)  # someone is full
    assert any(row.active_pairs == 0 for row in listed)  # someone is free
    assert any(not row.available for row in listed)
    assert all(row.areas and row.expertise for row in listed)


def test_goals_history_leads_to_their_progress(demo: Services) -> None:
    history: dict[str, list[GoalProgress]] = {}
    for step in rows(demo, GoalProgress):
        history.setdefault(step.goal_id, []).append(step)
    pairs = {pair.id: pair for pair in rows(demo, R)}
    for goal in rows(demo, MentoringGoal):
        steps = sorted(history[goal.id], key=lambda step: step.recorded_on)
        days = [step.recorded_on for step in steps]
        assert len(set(days)) == len(days)  # one step a day
        values = [step.progress for step in steps]
        assert values[0] == 0 and values == sorted(values) and values[-1] == goal.progress
        reached = [step.recorded_on for step in steps if step.progress == 100]
        assert goal.achieved_on == (reached[0] if reached else None)
        pair = pairs[goal.relationship_id]
        if pair.closure_reason == "goals_achieved":
            assert goal.progress == 100
        if pair.status == "proposed":
            assert values == [0]
        assert goal.description in pair.agreement_goals
    with_steps = [g for g in history.values() if len(g) >= 3]
    assert len(with_steps) >= 10


def test_some_pairs_need_attention_and_others_are_healthy(demo: Services) -> None:
    checked = demo.mentoring_health.check(today=REFERENCE_DATE, include_healthy=True)
    codes = Counter(flag.code for row in checked for flag in row.flags)
    assert {"no_session", "overdue_goals", "stalled", "past_end"} <= set(codes)
    assert {"proposed_waiting", "paused_long"} <= set(codes)
    healthy = [row for row in checked if not row.flags]
    assert healthy and len(healthy) < len(checked)


def test_some_sessions_have_confidential_notes_that_only_their_form_shows(
    demo: Services,
) -> None:
    secret = [s for s in rows(demo, MentoringSession) if s.confidential_notes]
    assert 3 <= len(secret) <= 30
    logged = demo.mentoring.sessions(secret[0].relationship_id)
    assert any(row.has_confidential_notes for row in logged)
    assert (
        demo.mentoring.get_session(secret[0].id).confidential_notes == secret[0].confidential_notes
    )
    modes = Counter(s.mode for s in rows(demo, MentoringSession))
    assert set(modes) == {"in_person", "video", "phone"}


def test_every_pair_session_and_goal_passes_the_forms_validation(demo: Services) -> None:
    for row in demo.mentoring.list(limit=None):
        detail = demo.mentoring.get(row.id)
        validate_relationship(detail.data, REFERENCE_DATE)
        for goal in detail.goals:
            validate_goal(goal)
        for session in demo.mentoring.sessions(row.id):
            validate_session_log(demo.mentoring.get_session(session.id), REFERENCE_DATE)
        assert detail.data.agreement_commitments and detail.data.agreement_confidentiality


def test_organisations_declare_needs_and_expertise_for_suggestions(demo: Services) -> None:
    organisations = {o.id: o for o in rows(demo, Organisation)}
    for pair in rows(demo, R):
        asked = detect_areas(organisations[pair.mentee_organisation_id].needs)
        assert set(pair.areas) & set(asked), organisations[pair.mentee_organisation_id].needs
    for mentor in rows(demo, Mentor):
        offered = detect_areas(organisations[mentor.organisation_id].expertise)
        assert set(mentor.areas) & set(offered)
    with_needs = [o for o in organisations.values() if o.needs]
    assert len(organisations) > len(with_needs) > len(organisations) / 2
    people = {p.id: p for p in rows(demo, Person)}
    assert all(people[m.person_id].expertise for m in rows(demo, Mentor))
    needy = max(demo.mentoring_suggestions.needs(), key=lambda row: len(row.areas))
    suggestions = demo.mentoring_suggestions.suggest(needy.organisation_id)
    assert suggestions and suggestions[0].matched_areas and suggestions[0].reasons


def test_every_area_appears(demo: Services) -> None:
    areas = {area for mentor in rows(demo, Mentor) for area in mentor.areas}
    assert len(areas) >= len(MENTORING_AREAS) - 3


def test_the_demo_command_reports_mentoring(data_dir: Path, capsys) -> None:
    assert main(["demo", "--data-dir", str(data_dir)]) == 0
    out = capsys.readouterr().out
    assert "20 mentoring pairs" in out and "150 sessions" in out


def test_the_large_scale_has_its_pairs_and_sessions_exactly(services: Services) -> None:
    """The mentoring step alone at the large scale's sizes, over 4,000 people (fast enough
    for a unit test; the whole large demo is built by the benchmarks)."""
    rng, new_id = random.Random(5), DemoIds(5)
    with services.db.session() as s:
        organisations = _organisations(s, rng, new_id, 300)
        people = fill_people(s, rng, new_id, 4000, organisations, lambda done: None)
        counts = fill_mentoring(
            s, rng, new_id, people, organisations, SCALES["large"], REFERENCE_DATE
        )
    assert (counts.mentors, counts.pairs, counts.sessions) == (450, 1000, 15000)
    with services.db.session() as s:
        assert s.scalar(select(func.count()).select_from(MentoringSession)) == 15000
        holding = s.execute(
            select(R.mentor_id, func.count())
            .where(R.status.in_(HOLDING_CAPACITY))
            .group_by(R.mentor_id)
        ).all()
        capacity = dict(s.execute(select(Mentor.person_id, Mentor.capacity)).all())
        statuses = Counter(s.scalars(select(R.status)))
        newest = s.scalar(select(func.max(MentoringSession.date)))
    assert all(count <= capacity[mentor] for mentor, count in holding)
    assert statuses["active"] > 350 and statuses["closed"] > 350
    assert REFERENCE_DATE - timedelta(days=30) < newest < REFERENCE_DATE
    flagged = services.mentoring_health.check(today=REFERENCE_DATE)
    assert 100 < len(flagged) < 600


# The keys docs/export-format.md promises for the mentoring sections.
EXPORTED_KEYS = {
    "mentors": {
        "person_id", "organisation_id", "areas", "expertise", "capacity", "available", "notes",
    },
    "mentoring_relationships": {
        "mentor_id", "mentee_id", "mentor_organisation_id", "mentee_organisation_id", "areas",
        "start_date", "planned_end", "frequency", "status", "closed_on", "closure_reason",
        "final_assessment", "agreement_goals", "agreement_commitments",
        "agreement_confidentiality", "notes", "last_session_on",
    },
    "mentoring_goals": {
        "relationship_id", "position", "description", "baseline", "target", "due_date",
        "progress", "achieved_on",
    },
    "mentoring_goal_progress": {"goal_id", "recorded_on", "progress", "note"},
    "mentoring_sessions": {
        "relationship_id", "date", "minutes", "mode", "topics", "summary", "agreements",
        "next_steps", "mentor_rating", "mentee_rating",
    },
}  # fmt: skip
RECORD_KEYS = {"id", "created_at", "updated_at", "deleted_at"}


def test_the_export_holds_every_mentoring_record_with_the_documented_keys(
    demo: Services,
) -> None:
    document = build_export(demo.db)
    models = {
        "mentors": Mentor,
        "mentoring_relationships": R,
        "mentoring_goals": MentoringGoal,
        "mentoring_goal_progress": GoalProgress,
        "mentoring_sessions": MentoringSession,
    }
    for section, keys in EXPORTED_KEYS.items():
        records = document[section]
        assert len(records) == len(rows(demo, models[section]))
        assert all(set(record) == keys | RECORD_KEYS for record in records), section
    pair = document["mentoring_relationships"][0]
    assert isinstance(pair["areas"], list) and len(pair["start_date"]) == 10
