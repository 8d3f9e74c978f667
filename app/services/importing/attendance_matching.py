"""Who each row of an attendance sheet is: someone in the directory, a new person, or unsure.

The rule, on top of the people import's keys (:class:`matching.KeyIndex`):

- a row is the person with the same e-mail; otherwise the person with the same phone number
  (when the names share a word: a shared family phone is not enough); otherwise the only person
  with the same name (folded: "José  PÉREZ" = "jose perez") — as in the people import, a row
  and a person who both have an e-mail, and not the same one, are different people;
- a row that only *looks like* someone (the same name as several people, or as someone with
  another e-mail; the same phone under another name) is a *possible duplicate*. By default a
  new person is created for it ("create") and it is reported, so that the coordinator can merge
  them later with Find duplicates; "skip" leaves the row out, "match" takes it as that person;
- a later row that is the same person as an earlier row of the file is that person again; for
  the same session, the later row's mark wins and a warning says so.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.i18n import _
from app.models import Attendance, Person, new_id
from app.services.importing.attendance_values import AttendanceCells
from app.services.importing.checks import with_consent_warnings
from app.services.importing.matching import (
    CREATE,
    MIN_PHONE_DIGITS,
    SKIP,
    UPDATE,
    DuplicateMatch,
    KeyIndex,
    Match,
    RowOutcome,
)
from app.services.importing.writing import batches
from app.services.text import fold
from app.services.vocabulary import ATTENDANCE_MARKS

log = logging.getLogger(__name__)

# What to do with a possible duplicate: the action it gets (see :mod:`matching`).
DUPLICATE_POLICIES = {"create": CREATE, "skip": SKIP, "match": UPDATE}
BY_EMAIL, BY_PHONE, BY_NAME, BY_ROW = "email", "phone", "name", "row"


@dataclass(frozen=True, slots=True)
class AttendanceRow:
    """A row that can be imported, with the session it goes to."""

    cells: AttendanceCells
    session_id: str
    session_date: date


@dataclass(frozen=True, slots=True)
class AttendanceOutcome:
    """What happens (or happened) to one row: ``person`` says who (``action`` ``"update"`` is
    a person already there, matched ``matched_by`` e-mail, phone, name or an earlier row)."""

    person: RowOutcome
    matched_by: str = ""
    matched_name: str = ""
    session_id: str = ""
    session_date: date | None = None
    mark: str = ""
    minutes: int | None = None

    @property
    def line(self) -> int:
        return self.person.line

    @property
    def name(self) -> str:
        return self.person.name

    @property
    def action(self) -> str:
        return self.person.action

    @property
    def reason(self) -> str:
        return self.person.reason


@dataclass(frozen=True, slots=True)
class _Decision:
    action: str
    target: Match | None
    by: str = ""
    looks_like: Match | None = None


def ambiguous_names(s: Session) -> set[str]:
    """The folded names that several live people share (a name alone cannot say who)."""
    live = (Person.deleted_at.is_(None), Person.merged_into_id.is_(None), Person.name_key != "")
    return set(
        s.scalars(
            select(Person.name_key)
            .where(*live)
            .group_by(Person.name_key)
            .having(func.count(Person.id) > 1)
        )
    )


def _share_a_word(one: str, other: str) -> bool:
    return bool(set(fold(one).split()) & set(fold(other).split()))


def same_person(index: KeyIndex, columns: Mapping[str, object]) -> tuple[Match | None, str]:
    """The person ``columns`` are, by e-mail, then phone, then name; ``(None, "")`` if none."""
    email, name = str(columns["email"]), str(columns["full_name"])
    if email and email in index.emails:
        return index.emails[email], BY_EMAIL
    phone_key = str(columns["phone_key"])
    if len(phone_key) >= MIN_PHONE_DIGITS:
        match = index.phones.get(phone_key, email)
        if match is not None and _share_a_word(match.name, name):
            return match, BY_PHONE
    match = index.names.get(str(columns["name_key"]), email)
    return (match, BY_NAME) if match is not None else (None, "")


def looks_like(index: KeyIndex, columns: Mapping[str, object]) -> Match | None:
    """Someone with the row's name or phone, whatever their e-mail."""
    phone_key = str(columns["phone_key"])
    found = index.names.first.get(str(columns["name_key"]))
    if found is None and len(phone_key) >= MIN_PHONE_DIGITS:
        found = index.phones.first.get(phone_key)
    return found


def _decide(
    row: AttendanceRow, directory: KeyIndex, ambiguous: set[str], earlier: KeyIndex, policy: str
) -> _Decision:
    columns = row.cells.person.columns
    match, by = same_person(earlier, columns)
    if match is not None:
        return _Decision(UPDATE, match, BY_ROW)
    match, by = same_person(directory, columns)
    if match is not None and not (by == BY_NAME and columns["name_key"] in ambiguous):
        return _Decision(UPDATE, match, by)
    name, email = str(columns["full_name"]), str(columns["email"])
    new = Match(new_id(), name, row.cells.person.line, email)
    similar = match or looks_like(directory, columns)
    if similar is None:
        return _Decision(CREATE, new)
    action = DUPLICATE_POLICIES[policy]
    target = {CREATE: new, SKIP: None, UPDATE: similar}[action]
    return _Decision(action, target, looks_like=similar)


def classify_rows(
    rows: Sequence[AttendanceRow], directory: KeyIndex, ambiguous: set[str], policy: str
) -> list[AttendanceOutcome]:
    """The outcome of every row, in file order (the directory's index is not changed)."""
    earlier = KeyIndex()
    marked: dict[tuple[str, str], int] = {}  # (session, person) -> the last row marking them
    lines: dict[str, int] = {}  # person -> the first row that was them
    outcomes: list[AttendanceOutcome] = []
    for row in rows:
        columns = row.cells.person.columns
        decision = _decide(row, directory, ambiguous, earlier, policy)
        target, warnings = decision.target, list(row.cells.person.warnings)
        if target is not None:
            pair = (row.session_id, target.person_id)
            if pair in marked:
                warnings.append(_later_wins(marked[pair]))
            marked[pair] = row.cells.person.line
            lines.setdefault(target.person_id, row.cells.person.line)
            keys = (str(columns[k]) for k in ("email", "name_key", "phone_key"))
            earlier.add(*keys, target)
        outcomes.append(_outcome(row, decision, policy, tuple(warnings), lines))
    return outcomes


def _outcome(
    row: AttendanceRow,
    decision: _Decision,
    policy: str,
    warnings: tuple[str, ...],
    lines: Mapping[str, int],
) -> AttendanceOutcome:
    person, target, similar = row.cells.person, decision.target, decision.looks_like
    name = str(person.columns["full_name"])
    duplicate = None
    if similar is not None:
        duplicate = DuplicateMatch(person.line, name, similar.person_id, similar.name, None, policy)
    outcome = RowOutcome(
        line=person.line,
        name=name,
        action=decision.action,
        person_id=target.person_id if target else None,
        email=str(person.columns["email"]),
        organisation=person.organisation,
        duplicate=duplicate,
        warnings=warnings,
        only_empty=decision.action == UPDATE,
    )
    return AttendanceOutcome(
        outcome,
        matched_by=decision.by,
        matched_name=_matched_name(decision, lines),
        session_id=row.session_id,
        session_date=row.session_date,
        mark=row.cells.mark,
        minutes=row.cells.minutes,
    )


def _matched_name(decision: _Decision, lines: Mapping[str, int]) -> str:
    target = decision.target
    if target is None or decision.action != UPDATE:
        return ""
    if decision.by == BY_ROW:
        return _("{name} (row {line})").format(name=target.name, line=lines[target.person_id])
    return target.name


def _later_wins(line: int) -> str:
    return _(
        "The same person is on row {line} for the same session; this row's mark is the one kept."
    ).format(line=line)


def classify(s: Session, rows: Sequence[AttendanceRow], policy: str) -> list[AttendanceOutcome]:
    """Inside an open session: who every row is, against the directory as it is now, with
    warnings on rows giving consent for someone who withdrew it and on rows changing a mark."""
    outcomes = classify_rows(rows, KeyIndex.load(s), ambiguous_names(s), policy)
    persons = [r.cells.person for r in rows]
    people = with_consent_warnings(s, persons, [o.person for o in outcomes])
    people = _with_replaced_marks(s, rows, people)
    return [replace(o, person=p) for o, p in zip(outcomes, people, strict=True)]


def _with_replaced_marks(
    s: Session, rows: Sequence[AttendanceRow], people: Sequence[RowOutcome]
) -> list[RowOutcome]:
    """A warning on each row that changes a mark already taken (at the roster, say)."""
    found: dict[tuple[str, str], str] = {}
    for chunk in batches(sorted({r.session_id for r in rows})):
        statement = select(Attendance.session_id, Attendance.person_id, Attendance.status).where(
            Attendance.session_id.in_(chunk), Attendance.deleted_at.is_(None)
        )
        found.update({(sid, pid): mark for sid, pid, mark in s.execute(statement)})
    marked: list[RowOutcome] = []
    for row, outcome in zip(rows, people, strict=True):
        new = row.cells.mark
        old = found.get((row.session_id, outcome.person_id or ""), new)
        if old != new:
            warning = _(
                "Was already marked “{old}” at this session; the file's “{new}” replaces it."
            ).format(old=_(ATTENDANCE_MARKS.get(old, old)), new=_(ATTENDANCE_MARKS[new]))
            outcome = replace(outcome, warnings=(*outcome.warnings, warning))
        marked.append(outcome)
    return marked
