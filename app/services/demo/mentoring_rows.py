"""The rows of one example mentoring pair: the relationship with its agreement, the session log
(a few sessions with confidential notes), and the goals with a progress history that follows
the sessions and agrees with the status (achieved when the pair closed with its goals met,
some overdue among the live pairs)."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from app.services.demo import mentoring_texts as texts
from app.services.demo.mentoring_plans import PairPlan

Row = dict[str, object]
NewId = Callable[[], str]
CONFIDENTIAL_SHARE = 0.08
MINUTES = (45, 60, 60, 60, 90, 90, 120)
MODES = (("in_person", "video", "phone"), (50, 35, 15))
RATINGS = ((3, 4, 5), (12, 45, 43))


def _stamp(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour, 0))


def relationship_row(rng: random.Random, plan: PairPlan, goals: list[Row]) -> Row:
    """The relationship as stored, its agreement listing its goals."""
    notes = rng.choice(texts.PAIR_NOTES)
    if plan.paused_on is not None:
        notes = texts.PAUSE_NOTE.format(
            date=plan.paused_on.strftime("%d/%m/%Y"), reason=rng.choice(texts.PAUSE_REASONS)
        )
    last = plan.last if plan.sessions else None
    changed = max(d for d in (plan.proposed_on, last, plan.closed_on, plan.paused_on) if d)
    return {
        "id": plan.id,
        "mentor_id": plan.mentor.person_id,
        "mentor_organisation_id": plan.mentor.organisation_id,
        "mentee_id": plan.mentee_id,
        "mentee_organisation_id": plan.mentee_organisation_id,
        "areas": list(plan.areas),
        "start_date": plan.start,
        "planned_end": plan.planned_end,
        "frequency": plan.frequency,
        "status": plan.status,
        "closed_on": plan.closed_on,
        "closure_reason": plan.closure_reason,
        "final_assessment": texts.FINAL_ASSESSMENTS.get(plan.closure_reason, ""),
        "agreement_goals": "\n".join(f"- {goal['description']}" for goal in goals),
        "agreement_commitments": texts.COMMITMENTS.format(
            frequency=texts.FREQUENCY_WORDS[plan.frequency]
        ),
        "agreement_confidentiality": texts.CONFIDENTIALITY,
        "notes": notes,
        "last_session_on": last,
        "created_at": _stamp(plan.proposed_on),
        "updated_at": _stamp(changed, 19),
    }


def session_rows(rng: random.Random, new_id: NewId, plan: PairPlan, dates: list[date]) -> list[Row]:
    """The log of the pair's sessions on ``dates``."""
    topics = [topic for area in plan.areas for topic in texts.TOPICS[area]]
    rows = []
    for day in dates:
        chosen = rng.sample(topics, k=min(len(topics), rng.choice((1, 1, 2))))
        topic = chosen[0]
        rows.append(
            {
                "id": new_id(),
                "relationship_id": plan.id,
                "date": day,
                "minutes": rng.choice(MINUTES),
                "mode": rng.choices(*MODES)[0],
                "topics": "; ".join(chosen),
                "summary": rng.choice(texts.SUMMARIES).format(topic=topic[0].lower() + topic[1:]),
                "agreements": rng.choice(texts.AGREEMENTS),
                "next_steps": rng.choice(texts.NEXT_STEPS),
                "mentor_rating": _rating(rng),
                "mentee_rating": _rating(rng),
                "confidential_notes": (
                    rng.choice(texts.CONFIDENTIAL_NOTES)
                    if rng.random() < CONFIDENTIAL_SHARE
                    else ""
                ),
                "created_at": _stamp(day, 19),
                "updated_at": _stamp(day, 19),
            }
        )
    return rows


def _rating(rng: random.Random) -> int | None:
    return rng.choices(*RATINGS)[0] if rng.random() < 0.9 else None


def goal_rows(
    rng: random.Random, new_id: NewId, plan: PairPlan, dates: list[date], reference: date
) -> tuple[list[Row], list[Row]]:
    """The pair's goals and their progress history (a first step of 0 % when agreed, then steps
    on some session days up to the goal's final progress)."""
    pool = [goal for area in plan.areas for goal in texts.GOALS[area]]
    amount = rng.choice((1, 2)) if plan.status == "proposed" else rng.choice((2, 2, 3))
    chosen = rng.sample(pool, k=min(len(pool), amount))
    chosen += list(texts.GENERIC_GOALS[: amount - len(chosen)])
    span = max(60, (plan.planned_end - plan.start).days)
    agreed = plan.proposed_on if plan.status == "proposed" else plan.start
    goals, history = [], []
    for position, (description, baseline, target) in enumerate(chosen, start=1):
        due = plan.start + timedelta(days=span * position // len(chosen))
        final = _final_progress(rng, plan, due, reference)
        goal_id = new_id()
        steps = _steps(rng, new_id, goal_id, agreed, final, dates, due)
        history += steps
        achieved = [s["recorded_on"] for s in steps if s["progress"] == 100]
        goals.append(
            {
                "id": goal_id,
                "relationship_id": plan.id,
                "position": position,
                "description": description,
                "baseline": baseline,
                "target": target,
                "due_date": due,
                "progress": final,
                "achieved_on": achieved[0] if achieved else None,
                "created_at": _stamp(agreed),
                "updated_at": _stamp(steps[-1]["recorded_on"], 19),  # type: ignore[arg-type]
            }
        )
    return goals, history


def _final_progress(rng: random.Random, plan: PairPlan, due: date, reference: date) -> int:
    if plan.status == "proposed":
        return 0
    if plan.status == "closed":
        if plan.closure_reason == "goals_achieved":
            return 100
        if plan.closure_reason == "planned_end":
            return rng.choice((60, 70, 80, 90, 100, 100))
        return rng.choice((10, 20, 30, 40, 50))
    end = plan.last or reference
    elapsed = (end - plan.start).days / max(1, (due - plan.start).days)
    value = elapsed * 100 * rng.uniform(0.55, 1.1)
    if plan.status == "paused" or plan.kind == "lapsed":
        value *= 0.6
    value = min(100, 5 * round(value / 5))
    return 100 if value >= 95 and rng.random() < 0.7 else min(value, 90)


def _steps(
    rng: random.Random,
    new_id: NewId,
    goal_id: str,
    agreed: date,
    final: int,
    dates: list[date],
    due: date,
) -> list[Row]:
    """At most one step a day: 0 % when agreed, then rising to ``final`` on session days."""
    points = [(agreed, 0)]
    eligible = [d for d in dates if agreed < d <= due + timedelta(days=45)] or dates[-1:]
    if final and eligible:
        chosen = sorted(rng.sample(eligible, k=min(len(eligible), rng.randint(2, 5))))
        ceiling = 95 if final == 100 else final  # 100 % only on the last step
        for index, day in enumerate(chosen):
            share = 5 * round(final * (index + 1) / len(chosen) / 5)
            points.append((day, min(share, ceiling)))
        points[-1] = (points[-1][0], final)
    return [
        {
            "id": new_id(),
            "goal_id": goal_id,
            "recorded_on": day,
            "progress": value,
            "note": texts.ACHIEVED_NOTE if value == 100 else "",
            "created_at": _stamp(day, 19),
            "updated_at": _stamp(day, 19),
        }
        for day, value in points
    ]
