"""Who is already there: matching imported rows against the directory and against each other.

The keys of the live people are loaded into dictionaries once, then every row is classified in
memory (no query per row). The rule, decided with the staff:

- the same e-mail as a live person (or as an earlier row of the file) is the same person: the row
  updates that person;
- otherwise the same folded name ("José  PÉREZ" = "jose perez") or the same phone number makes the
  row a *possible duplicate*, handled by the chosen policy: ``"skip"`` writes nothing for it,
  ``"create"`` creates a new person anyway, ``"update"`` updates the matched person. Either way
  the row is reported with the person it matched.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Organisation, Person, new_id
from app.services.importing.values import ParsedRow

log = logging.getLogger(__name__)

CREATE, UPDATE, SKIP, REJECT = "create", "update", "skip", "reject"
POLICIES = ("skip", "create", "update")
_POLICY_ACTION = {"skip": SKIP, "create": CREATE, "update": UPDATE}
MIN_PHONE_DIGITS = 6  # shorter numbers ("0", "112") match too much to mean anything


@dataclass(frozen=True, slots=True)
class Match:
    """A person a row may be: ``line`` is set when it is an earlier row of the same file."""

    person_id: str
    name: str
    line: int | None = None


@dataclass(frozen=True, slots=True)
class DuplicateMatch:
    """A row that may be a person already there; ``action`` is what was done with it."""

    line: int
    name: str
    matched_id: str | None  # None when the match is an earlier row of the file
    matched_name: str
    matched_line: int | None
    action: str


@dataclass(frozen=True, slots=True)
class RowOutcome:
    """What happens (or happened) to one row of the file."""

    line: int
    name: str
    action: str  # create, update, skip or reject
    person_id: str | None = None
    email: str = ""
    organisation: str = ""
    reason: str = ""
    duplicate: DuplicateMatch | None = None
    warnings: tuple[str, ...] = ()


class KeyIndex:
    """E-mail, folded name and phone of the people a row can match, each to its first person."""

    def __init__(self) -> None:
        self.emails: dict[str, Match] = {}
        self.names: dict[str, Match] = {}
        self.phones: dict[str, Match] = {}

    @classmethod
    def load(cls, s: Session) -> KeyIndex:
        """The keys of every live person (not in the trash, not merged), oldest first."""
        index = cls()
        rows = s.execute(
            select(Person.id, Person.full_name, Person.email, Person.name_key, Person.phone_key)
            .where(Person.deleted_at.is_(None), Person.merged_into_id.is_(None))
            .order_by(Person.created_at, Person.id)
        )
        for person_id, name, email, name_key, phone_key in rows:
            index.add(email, name_key, phone_key, Match(person_id, name))
        return index

    def add(self, email: str, name_key: str, phone_key: str, match: Match) -> None:
        if email:
            self.emails.setdefault(email, match)
        if name_key:
            self.names.setdefault(name_key, match)
        if len(phone_key) >= MIN_PHONE_DIGITS:
            self.phones.setdefault(phone_key, match)

    def find(self, columns: Mapping[str, object]) -> tuple[Match | None, bool]:
        """``(match, by_email)`` for a row's columns; ``(None, False)`` when nobody matches."""
        email = str(columns["email"])
        if email and email in self.emails:
            return self.emails[email], True
        phone_key = str(columns["phone_key"])
        match = self.names.get(str(columns["name_key"]))
        if match is None and len(phone_key) >= MIN_PHONE_DIGITS:
            match = self.phones.get(phone_key)
        return match, False


def organisation_keys(s: Session) -> set[str]:
    """The folded names of the organisations an imported name would be matched to."""
    return set(
        s.scalars(select(Organisation.name_key).where(Organisation.merged_into_id.is_(None)))
    )


def _decide(
    row: ParsedRow, index: KeyIndex, default: str
) -> tuple[str, Match | None, DuplicateMatch | None]:
    """``(action, the person the row becomes or updates, the duplicate to report)``."""
    name = str(row.columns["full_name"])
    match, by_email = index.find(row.columns)
    if match is None:
        return CREATE, Match(new_id(), name, row.line), None
    action = UPDATE if by_email else default
    duplicate = None
    if not by_email or match.line is not None:
        matched_id = match.person_id if match.line is None else None
        duplicate = DuplicateMatch(row.line, name, matched_id, match.name, match.line, action)
    if action == CREATE:
        return action, Match(new_id(), name, row.line), duplicate
    return action, (match if action == UPDATE else None), duplicate


def classify(rows: Sequence[ParsedRow], index: KeyIndex, policy: str) -> list[RowOutcome]:
    """The outcome of every row, in file order; rows are added to ``index`` as they are planned."""
    outcomes: list[RowOutcome] = []
    default = _POLICY_ACTION[policy]
    for row in rows:
        c = row.columns
        action, target, duplicate = _decide(row, index, default)
        if target is not None:
            index.add(str(c["email"]), str(c["name_key"]), str(c["phone_key"]), target)
        outcomes.append(
            RowOutcome(
                line=row.line,
                name=str(c["full_name"]),
                action=action,
                person_id=target.person_id if target else None,
                email=str(c["email"]),
                organisation=row.organisation,
                duplicate=duplicate,
                warnings=row.warnings,
            )
        )
    return outcomes


def count(outcomes: Iterable[RowOutcome], action: str) -> int:
    return sum(1 for o in outcomes if o.action == action)
