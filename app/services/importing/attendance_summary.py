"""What an attendance import did (or, in a dry run, would do), as the dialog and the command
line show it: the marks by kind, the people matched and created, the possible duplicates to
merge later with Find duplicates, the rows rejected and the warnings, each with its line."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from app.services.importing.attendance_matching import AttendanceOutcome
from app.services.importing.matching import CREATE, UPDATE, DuplicateMatch
from app.services.importing.summary import RowWarning
from app.services.importing.values import RejectedRow
from app.services.vocabulary import ATTENDANCE_MARKS

log = logging.getLogger(__name__)


class _Plan(Protocol):
    path: Path
    activity_id: str
    activity_title: str
    rejected: tuple[RejectedRow, ...]


@dataclass(frozen=True, slots=True)
class AttendanceImportSummary:
    """What an attendance import did (or, with ``dry_run``, would do).

    ``marks`` counts the marks written by kind (one per person and session: a person twice
    in a session counts once); ``people_matched`` the different people already there;
    ``registered`` the people registered in the activity by the import.
    """

    file_name: str
    activity_id: str
    activity_title: str
    sessions: tuple[date, ...]
    marks: dict[str, int]
    people_matched: int
    people_created: int
    registered: int
    duplicates: tuple[DuplicateMatch, ...]
    rejected: tuple[RejectedRow, ...]
    warnings: tuple[RowWarning, ...]
    organisations_created: int
    organisations_restored: tuple[str, ...]
    dry_run: bool
    backup: Path | None = None

    @property
    def marked(self) -> int:
        """How many marks are written (people times sessions)."""
        return sum(self.marks.values())

    def duplicate_names(self) -> tuple[str, ...]:
        """The names of the rows that were possible duplicates, as the file spells them."""
        return tuple(dict.fromkeys(d.name for d in self.duplicates))

    def as_dict(self) -> dict[str, Any]:
        """The summary as plain JSON-ready values (the command line's ``--json``)."""
        return {
            "file": self.file_name,
            "activity": {"id": self.activity_id, "title": self.activity_title},
            "sessions": [d.isoformat() for d in self.sessions],
            "marked": self.marked,
            "marks": dict(self.marks),
            "people_matched": self.people_matched,
            "people_created": self.people_created,
            "registered": self.registered,
            "possible_duplicates": [
                {
                    "line": d.line,
                    "name": d.name,
                    "looks_like_id": d.matched_id,
                    "looks_like_name": d.matched_name,
                    "action": d.action,
                }
                for d in self.duplicates
            ],
            "rejected": [
                {"line": r.line, "name": r.name, "reason": r.reason} for r in self.rejected
            ],
            "warnings": [{"line": w.line, "message": w.message} for w in self.warnings],
            "organisations_created": self.organisations_created,
            "organisations_restored": list(self.organisations_restored),
            "dry_run": self.dry_run,
            "backup": str(self.backup) if self.backup else None,
        }


def summarise(
    plan: _Plan,
    outcomes: Sequence[AttendanceOutcome],
    registered: int,
    organisations_created: int,
    organisations_restored: tuple[str, ...],
    *,
    dry_run: bool,
    backup: Path | None = None,
) -> AttendanceImportSummary:
    """The summary of ``outcomes`` (the plan's, or those of the rows as really written)."""
    last: dict[tuple[str, str], AttendanceOutcome] = {}  # the mark kept: the last row's
    for outcome in outcomes:
        if outcome.person.person_id and outcome.action in (CREATE, UPDATE):
            last[(outcome.session_id, outcome.person.person_id)] = outcome
    created = {o.person.person_id for o in outcomes if o.action == CREATE}
    matched = {o.person.person_id for o in outcomes if o.action == UPDATE} - created
    counts = Counter(o.mark for o in last.values())
    return AttendanceImportSummary(
        file_name=plan.path.name,
        activity_id=plan.activity_id,
        activity_title=plan.activity_title,
        sessions=tuple(sorted({o.session_date for o in last.values() if o.session_date})),
        marks={mark: counts[mark] for mark in ATTENDANCE_MARKS if counts[mark]},
        people_matched=len(matched),
        people_created=len(created),
        registered=registered,
        duplicates=tuple(o.person.duplicate for o in outcomes if o.person.duplicate),
        rejected=plan.rejected,
        warnings=tuple(RowWarning(o.line, w) for o in outcomes for w in o.person.warnings),
        organisations_created=organisations_created,
        organisations_restored=organisations_restored,
        dry_run=dry_run,
        backup=backup,
    )
