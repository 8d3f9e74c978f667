"""What a report holds, how small cells are hidden, and its JSON form (docs/report-format.md).

A count is an ``int``, or ``None`` when it was hidden because it is under the threshold. A
breakdown is a tuple of ``(code, count)`` pairs in a fixed order (the vocabulary's, or the
largest first for territories), so tables and JSON list them the same way every time.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace

from app.services.reports.period import Period

log = logging.getLogger(__name__)

Count = int | None
Cells = tuple[tuple[str, Count], ...]


@dataclass(frozen=True, slots=True)
class Participants:
    """Unique people who attended; each person once in the total and once per kind."""

    total: Count
    by_gender: Cells
    by_age_band: Cells
    by_kind: Cells


@dataclass(frozen=True, slots=True)
class Completed:
    """Unique people who completed an activity (by its rule) or hold a completion certificate."""

    total: Count
    by_gender: Cells


@dataclass(frozen=True, slots=True)
class Hours:
    """Hours of the sessions held, and hours received by the people who attended them."""

    delivered: float
    person_hours: float


@dataclass(frozen=True, slots=True)
class Organisations:
    """Unique organisations reached and that completed; the breakdowns are of those reached."""

    reached: Count
    completed: Count
    by_type: Cells
    by_territory: Cells


@dataclass(frozen=True, slots=True)
class Mentoring:
    """The mentoring programme's totals (pairs are counts of people, so they may be hidden)."""

    pairs_active: Count
    pairs_closed: Count
    sessions: int
    hours: float
    goals_achieved: int


@dataclass(frozen=True, slots=True)
class Practices:
    collected: int
    published: int
    shared: int
    adopted: int


@dataclass(frozen=True, slots=True)
class Certificates:
    issued: int


@dataclass(frozen=True, slots=True)
class Cascades:
    count: int
    people_reached: int


@dataclass(frozen=True, slots=True)
class Report:
    """Every indicator of one period. ``suppressed_below`` is the threshold applied (0: none)."""

    period: Period
    participants: Participants
    completed: Completed
    hours: Hours
    sessions: int
    organisations: Organisations
    mentoring: Mentoring
    practices: Practices
    certificates: Certificates
    cascades: Cascades
    suppressed_below: int = 0


def hide(value: Count, below: int) -> Count:
    """``value``, or None when it is a small count (0 < value < below) that could identify."""
    if value is not None and below > 0 and 0 < value < below:
        return None
    return value


def _hide_cells(cells: Cells, below: int) -> Cells:
    return tuple((code, hide(value, below)) for code, value in cells)


def suppress(report: Report, below: int) -> Report:
    """The report with every count of people or organisations under ``below`` hidden (None).

    Hours, sessions, practices, certificates, cascades and the people reached by cascades are
    never hidden: they count things, not who.
    """
    if below <= 0:
        return replace(report, suppressed_below=0)
    p, c, o, m = report.participants, report.completed, report.organisations, report.mentoring
    return replace(
        report,
        participants=Participants(
            hide(p.total, below),
            _hide_cells(p.by_gender, below),
            _hide_cells(p.by_age_band, below),
            _hide_cells(p.by_kind, below),
        ),
        completed=Completed(hide(c.total, below), _hide_cells(c.by_gender, below)),
        organisations=Organisations(
            hide(o.reached, below),
            hide(o.completed, below),
            _hide_cells(o.by_type, below),
            _hide_cells(o.by_territory, below),
        ),
        mentoring=replace(
            m, pairs_active=hide(m.pairs_active, below), pairs_closed=hide(m.pairs_closed, below)
        ),
        suppressed_below=below,
    )


def report_json(report: Report) -> dict:
    """The report as plain JSON data with the documented keys (hidden cells are ``null``)."""
    p, c, o, m = report.participants, report.completed, report.organisations, report.mentoring
    return {
        "period": {"from": report.period.start.isoformat(), "to": report.period.end.isoformat()},
        "participants": {
            "total": p.total,
            "by_gender": dict(p.by_gender),
            "by_age_band": dict(p.by_age_band),
            "by_kind": dict(p.by_kind),
        },
        "completed": {"total": c.total, "by_gender": dict(c.by_gender)},
        "hours": {"delivered": report.hours.delivered, "person_hours": report.hours.person_hours},
        "sessions": report.sessions,
        "organisations": {
            "reached": o.reached,
            "completed": o.completed,
            "by_type": dict(o.by_type),
            "by_territory": dict(o.by_territory),
        },
        "mentoring": {
            "pairs_active": m.pairs_active,
            "pairs_closed": m.pairs_closed,
            "sessions": m.sessions,
            "hours": m.hours,
            "goals_achieved": m.goals_achieved,
        },
        "practices": {
            "collected": report.practices.collected,
            "published": report.practices.published,
            "shared": report.practices.shared,
            "adopted": report.practices.adopted,
        },
        "certificates": {"issued": report.certificates.issued},
        "cascades": {
            "count": report.cascades.count,
            "people_reached": report.cascades.people_reached,
        },
        "suppressed_below": report.suppressed_below,
    }


NOT_FIGURES = frozenset({"period", "suppressed_below"})


def figure_keys(report: Report) -> tuple[str, ...]:
    """Every key path of the report's figures ("participants.by_gender.woman", "sessions" ...),
    in the JSON's order: the keys :func:`figure_records` opens."""
    keys: list[str] = []

    def walk(prefix: str, value: object) -> None:
        if isinstance(value, dict):
            for name, inner in value.items():
                walk(f"{prefix}.{name}" if prefix else name, inner)
        else:
            keys.append(prefix)

    for name, value in report_json(report).items():
        if name not in NOT_FIGURES:
            walk(name, value)
    return tuple(keys)
