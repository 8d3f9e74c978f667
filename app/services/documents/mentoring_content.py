"""What the mentoring documents (the agreement and the summary) show, as plain data.

There is no field for a session's confidential notes anywhere here: what is not in the content
cannot be printed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from app.services.documents.content import Letterhead


@dataclass(frozen=True, slots=True)
class MentoringGoalLine:
    """A goal as printed: from a baseline to a target by a date, with its progress history."""

    description: str
    baseline: str = ""
    target: str = ""
    due_date: date | None = None
    progress: int = 0  # 0-100
    achieved_on: date | None = None
    history: tuple[tuple[date, int], ...] = ()  # (recorded on, progress), oldest first


@dataclass(frozen=True, slots=True)
class MentoringSessionLine:
    """One session of the log as printed (never its confidential notes)."""

    date: date
    minutes: int
    mode: str  # a SESSION_MODES code
    topics: str = ""
    summary: str = ""
    agreements: str = ""
    next_steps: str = ""
    mentor_rating: int | None = None
    mentee_rating: int | None = None


@dataclass(frozen=True, slots=True)
class MentoringContent:
    """A mentoring pair as its agreement and its summary show it. Codes (areas, frequency,
    status, closure reason, modes) are translated by the renderer in ``language``."""

    language: str
    mentor: str
    mentor_organisation: str
    mentee: str
    mentee_organisation: str
    areas: tuple[str, ...]
    start_date: date | None
    planned_end: date | None
    frequency: str
    status: str
    printed_on: date
    closed_on: date | None = None
    closure_reason: str = ""
    final_assessment: str = ""
    agreement_goals: str = ""
    agreement_commitments: str = ""
    agreement_confidentiality: str = ""
    goals: tuple[MentoringGoalLine, ...] = ()
    sessions: tuple[MentoringSessionLine, ...] = ()  # oldest first; empty for the agreement
    letterhead: Letterhead = field(default_factory=lambda: Letterhead(""))

    @property
    def minutes(self) -> int:
        """The time spent in the sessions listed."""
        return sum(x.minutes for x in self.sessions)

    @property
    def goals_achieved(self) -> int:
        """How many goals reached 100 %."""
        return sum(1 for goal in self.goals if goal.progress >= 100)
