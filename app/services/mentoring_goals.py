"""Goals of a mentoring relationship and their dated progress history (used by
:class:`app.services.mentoring.MentoringService`; each function works inside a given session)."""

from __future__ import annotations

import logging
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import NotFoundError
from app.i18n import _
from app.models import GoalProgress, MentoringGoal, MentoringRelationship
from app.services.mentoring_values import GoalData, ProgressPoint, validate_goal

log = logging.getLogger(__name__)


def goal_data(goal: MentoringGoal) -> GoalData:
    return GoalData(
        relationship_id=goal.relationship_id,
        description=goal.description,
        id=goal.id,
        baseline=goal.baseline,
        target=goal.target,
        due_date=goal.due_date,
        progress=goal.progress,
        achieved_on=goal.achieved_on,
        position=goal.position,
    )


def read_goals(s: Session, relationship_id: str) -> list[GoalData]:
    """The live goals of a relationship, in their order."""
    goals = s.scalars(
        select(MentoringGoal)
        .where(MentoringGoal.relationship_id == relationship_id, MentoringGoal.deleted_at.is_(None))
        .order_by(MentoringGoal.position, MentoringGoal.created_at, MentoringGoal.id)
    )
    return [goal_data(g) for g in goals]


def save_goal(s: Session, data: GoalData, today: date, note: str = "") -> GoalData:
    """Create or update a goal. A change of progress is added to its history (dated ``today``);
    reaching 100 % marks it achieved on that day, and going back below clears that."""
    values = validate_goal(data)
    if data.id is None:
        relationship = s.get(MentoringRelationship, data.relationship_id)
        if relationship is None or relationship.deleted_at is not None:
            raise NotFoundError(_("That mentoring relationship no longer exists."))
        if not data.position:
            values["position"] = _next_position(s, data.relationship_id)
        goal = MentoringGoal(relationship_id=data.relationship_id, **values)
        s.add(goal)
        s.flush()
        changed = True
    else:
        goal = _load_goal(s, data.id)
        changed = goal.progress != values["progress"]
        if not data.position:  # a form that does not carry the place keeps it
            values["position"] = goal.position
        for key, value in values.items():
            setattr(goal, key, value)
    if changed:
        _record(s, goal.id, goal.progress, today, note)
    if goal.progress >= 100 and goal.achieved_on is None:
        goal.achieved_on = today
    elif goal.progress < 100:
        goal.achieved_on = None
    s.flush()
    log.info("mentoring goal saved: %s", goal.id)
    return goal_data(goal)


def _next_position(s: Session, relationship_id: str) -> int:
    highest = s.scalar(
        select(func.max(MentoringGoal.position)).where(
            MentoringGoal.relationship_id == relationship_id
        )
    )
    return (highest or 0) + 1


def _record(s: Session, goal_id: str, progress: int, today: date, note: str) -> None:
    """One step of history per goal and day: a second change on the same day replaces it."""
    same_day = s.scalar(
        select(GoalProgress).where(
            GoalProgress.goal_id == goal_id,
            GoalProgress.recorded_on == today,
            GoalProgress.deleted_at.is_(None),
        )
    )
    if same_day is not None:
        same_day.progress = progress
        same_day.note = note.strip() or same_day.note
    else:
        s.add(
            GoalProgress(goal_id=goal_id, recorded_on=today, progress=progress, note=note.strip())
        )


def _load_goal(s: Session, goal_id: str) -> MentoringGoal:
    goal = s.get(MentoringGoal, goal_id)
    if goal is None or goal.deleted_at is not None:
        raise NotFoundError(_("That goal no longer exists. It may have been deleted."))
    return goal


def delete_goal(s: Session, goal_id: str, when) -> None:  # type: ignore[no-untyped-def]
    """Move a goal to the trash (its history stays with it)."""
    _load_goal(s, goal_id).deleted_at = when


def goal_history(s: Session, goal_id: str) -> list[ProgressPoint]:
    """A goal's progress, oldest first."""
    rows = s.execute(
        select(GoalProgress.recorded_on, GoalProgress.progress, GoalProgress.note)
        .where(GoalProgress.goal_id == goal_id, GoalProgress.deleted_at.is_(None))
        .order_by(GoalProgress.recorded_on, GoalProgress.created_at)
    )
    return [ProgressPoint(*row) for row in rows]
