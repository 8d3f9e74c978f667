"""Goals of a mentoring pair: their order, what is refused, the dated progress history (one
point per day) and the day a goal is achieved."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from app.errors import NotFoundError, ValidationError
from app.services.mentoring_values import GoalData
from app.services.registry import Services
from tests.services.mentoring_helpers import TODAY, make_parties, pair


@pytest.fixture
def rid(services: Services) -> str:
    return pair(services, make_parties(services), status="active").data.id or ""


def goal(
    services: Services, rid: str, description: str, day: date = TODAY, **values: object
) -> GoalData:
    data = GoalData(relationship_id=rid, description=description, **values)  # type: ignore[arg-type]
    return services.mentoring.save_goal(data, today=day)


def progress_to(
    services: Services, saved: GoalData, progress: int, day: date, note: str = ""
) -> GoalData:
    return services.mentoring.save_goal(replace(saved, progress=progress), note=note, today=day)


def test_goals_keep_the_order_they_were_added_in(services: Services, rid: str) -> None:
    plan = goal(
        services, rid, "  A fundraising plan\nfor 2027 ", baseline="None", target="Approved"
    )
    goal(services, rid, "A quality manual", due_date=date(2026, 9, 30))
    goal(services, rid, "Two new donors")

    goals = services.mentoring.goals(rid)

    assert [g.description for g in goals] == [
        "A fundraising plan\nfor 2027",
        "A quality manual",
        "Two new donors",
    ]
    assert [g.position for g in goals] == [1, 2, 3]
    assert (goals[0].baseline, goals[0].target, goals[1].due_date) == (
        "None",
        "Approved",
        date(2026, 9, 30),
    )
    assert services.mentoring.get(rid).goals == tuple(goals)
    assert goals[0] == plan


def test_editing_a_goal_keeps_its_place_in_the_list(services: Services, rid: str) -> None:
    goal(services, rid, "First")
    second = goal(services, rid, "Second")
    goal(services, rid, "Third")

    services.mentoring.save_goal(replace(second, description="Second, reworded", position=0))

    assert [g.description for g in services.mentoring.goals(rid)] == [
        "First",
        "Second, reworded",
        "Third",
    ]


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"description": "  \n "}, "description", "Describe the goal"),
        ({"progress": -1}, "progress", "from 0 to 100"),
        ({"progress": 101}, "progress", "from 0 to 100"),
    ],
)
def test_a_goal_that_cannot_be_saved_says_what_to_fix(
    services: Services, rid: str, change: dict[str, object], field: str, words: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        goal(services, rid, **{"description": "A plan", **change})  # type: ignore[arg-type]

    assert words in str(caught.value)
    assert caught.value.field == field
    assert services.mentoring.goals(rid) == []


def test_a_goal_for_an_unknown_pair_is_refused(services: Services) -> None:
    with pytest.raises(NotFoundError):
        goal(services, "no-such-pair", "A plan")


def test_the_history_keeps_one_point_per_day(services: Services, rid: str) -> None:
    saved = goal(services, rid, "A fundraising plan", day=date(2026, 1, 10))
    saved = progress_to(services, saved, 20, date(2026, 2, 1), "Draft started")
    saved = progress_to(services, saved, 35, date(2026, 2, 1))
    saved = progress_to(services, saved, 40, date(2026, 2, 1), "Draft reviewed")
    saved = progress_to(services, saved, 60, date(2026, 3, 1))
    services.mentoring.save_goal(replace(saved, target="Board approval"), today=date(2026, 3, 5))

    history = services.mentoring.goal_history(saved.id or "")

    assert [(p.recorded_on, p.progress, p.note) for p in history] == [
        (date(2026, 1, 10), 0, ""),
        (date(2026, 2, 1), 40, "Draft reviewed"),
        (date(2026, 3, 1), 60, ""),
    ]
    assert services.mentoring.goals(rid)[0].progress == 60


def test_a_second_change_on_the_same_day_without_a_note_keeps_the_days_note(
    services: Services, rid: str
) -> None:
    saved = goal(services, rid, "A plan", day=date(2026, 1, 10))
    saved = progress_to(services, saved, 20, date(2026, 2, 1), "Draft started")
    progress_to(services, saved, 25, date(2026, 2, 1))

    last = services.mentoring.goal_history(saved.id or "")[-1]

    assert (last.recorded_on, last.progress, last.note) == (date(2026, 2, 1), 25, "Draft started")


def test_reaching_100_marks_the_goal_achieved_on_that_day(services: Services, rid: str) -> None:
    saved = goal(services, rid, "A plan", day=date(2026, 1, 10), progress=50)
    assert saved.achieved_on is None

    saved = progress_to(services, saved, 100, date(2026, 2, 1))
    assert saved.achieved_on == date(2026, 2, 1)
    saved = services.mentoring.save_goal(replace(saved, target="Done"), today=date(2026, 3, 1))
    assert saved.achieved_on == date(2026, 2, 1)  # later edits keep the day

    saved = progress_to(services, saved, 90, date(2026, 3, 2))
    assert saved.achieved_on is None
    saved = progress_to(services, saved, 100, date(2026, 3, 9))
    assert services.mentoring.goals(rid)[0].achieved_on == date(2026, 3, 9)


def test_a_goal_created_at_100_is_achieved_the_day_it_is_written_down(
    services: Services, rid: str
) -> None:
    assert goal(services, rid, "Already done", progress=100).achieved_on == TODAY


def test_a_deleted_goal_leaves_the_pair_but_keeps_its_history(services: Services, rid: str) -> None:
    saved = goal(services, rid, "A plan", day=date(2026, 1, 10))
    saved = progress_to(services, saved, 30, date(2026, 2, 1))
    kept = goal(services, rid, "Another")

    services.mentoring.delete_goal(saved.id or "")

    assert services.mentoring.goals(rid) == [kept]
    assert services.mentoring.get(rid).goals == (kept,)
    assert [p.progress for p in services.mentoring.goal_history(saved.id or "")] == [0, 30]
    with pytest.raises(NotFoundError, match="no longer exists"):
        services.mentoring.delete_goal(saved.id or "")
    with pytest.raises(NotFoundError):
        progress_to(services, saved, 50, date(2026, 3, 1))
