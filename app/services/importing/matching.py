"""Who is already there: matching imported rows against the directory and against each other.

The keys of the live people are loaded into dictionaries once, then every row is classified in
memory (no query per row). The rule, decided with the staff:

- the same e-mail as a live person (or as an earlier row of the file) is the same person: the row
  updates that person;
- otherwise the same folded name ("José  PÉREZ" = "jose perez") or the same phone number makes the
  row a *possible duplicate*, handled by the chosen policy: ``"skip"`` writes nothing for it,
  ``"create"`` creates a new person anyway, ``"update"`` treats it as the matched person but only
  fills in what that person is missing (nothing stored is replaced). Either way the row is
  reported with the person it matched;
- a row and a person who both have an e-mail, and not the same one, are different people, even
  with the same name or phone: the row is not matched to that person.
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
    email: str = ""


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
    only_empty: bool = False  # an update that only fills in what the person is missing


class _FirstByKey:
    """The first person under each key, and the first one of them with no e-mail."""

    def __init__(self) -> None:
        self.first: dict[str, Match] = {}
        self.without_email: dict[str, Match] = {}

    def add(self, key: str, match: Match) -> None:
        self.first.setdefault(key, match)
        if not match.email:
            self.without_email.setdefault(key, match)

    def get(self, key: str, email: str) -> Match | None:
        """The person a row with ``email`` may be: someone with another e-mail is not."""
        # A person with this very e-mail was already found by e-mail, so any other e-mail differs.
        return self.without_email.get(key) if email else self.first.get(key)


class KeyIndex:
    """E-mail, folded name and phone of the people a row can match, each to its first person."""

    def __init__(self) -> None:
        self.emails: dict[str, Match] = {}
        self.names = _FirstByKey()
        self.phones = _FirstByKey()

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
            index.add(email, name_key, phone_key, Match(person_id, name, email=email or ""))
        return index

    def add(self, email: str, name_key: str, phone_key: str, match: Match) -> None:
        if email:
            self.emails.setdefault(email, match)
        if name_key:
            self.names.add(name_key, match)
        if len(phone_key) >= MIN_PHONE_DIGITS:
            self.phones.add(phone_key, match)

    def find(self, columns: Mapping[str, object]) -> tuple[Match | None, bool]:
        """``(match, by_email)`` for a row's columns; ``(None, False)`` when nobody matches.

        A name or phone match with a person who has another e-mail than the row is no match.
        """
        email = str(columns["email"])
        if email and email in self.emails:
            return self.emails[email], True
        phone_key = str(columns["phone_key"])
        match = self.names.get(str(columns["name_key"]), email)
        if match is None and len(phone_key) >= MIN_PHONE_DIGITS:
            match = self.phones.get(phone_key, email)
        return match, False


def organisation_keys(s: Session) -> set[str]:
    """The folded names of the organisations an imported name would be matched to."""
    return set(
        s.scalars(select(Organisation.name_key).where(Organisation.merged_into_id.is_(None)))
    )


@dataclass(frozen=True, slots=True)
class _Decision:
    action: str
    target: Match | None  # the person the row becomes or updates
    duplicate: DuplicateMatch | None = None  # the possible duplicate to report
    only_empty: bool = False  # an update of a possible duplicate fills in only what is missing


def _decide(row: ParsedRow, index: KeyIndex, default: str) -> _Decision:
    """What to do with one row, given the people (and earlier rows) in ``index``."""
    name, email = str(row.columns["full_name"]), str(row.columns["email"])
    match, by_email = index.find(row.columns)
    if match is None:
        return _Decision(CREATE, Match(new_id(), name, row.line, email))
    action = UPDATE if by_email else default
    duplicate = None
    if not by_email or match.line is not None:
        matched_id = match.person_id if match.line is None else None
        duplicate = DuplicateMatch(row.line, name, matched_id, match.name, match.line, action)
    if action == CREATE:
        return _Decision(action, Match(new_id(), name, row.line, email), duplicate)
    if action == SKIP:
        return _Decision(action, None, duplicate)
    return _Decision(action, match, duplicate, only_empty=not by_email)


def classify(rows: Sequence[ParsedRow], index: KeyIndex, policy: str) -> list[RowOutcome]:
    """The outcome of every row, in file order; rows are added to ``index`` as they are planned.

    An update found by e-mail writes what the row gives; an update of a possible duplicate (the
    ``"update"`` policy) is marked ``only_empty``: it only fills in what the person is missing.
    """
    outcomes: list[RowOutcome] = []
    default = _POLICY_ACTION[policy]
    for row in rows:
        c = row.columns
        decision = _decide(row, index, default)
        target = decision.target
        if target is not None:
            index.add(str(c["email"]), str(c["name_key"]), str(c["phone_key"]), target)
        outcomes.append(
            RowOutcome(
                line=row.line,
                name=str(c["full_name"]),
                action=decision.action,
                person_id=target.person_id if target else None,
                email=str(c["email"]),
                organisation=row.organisation,
                duplicate=decision.duplicate,
                warnings=row.warnings,
                only_empty=decision.only_empty,
            )
        )
    return outcomes


def count(outcomes: Iterable[RowOutcome], action: str) -> int:
    return sum(1 for o in outcomes if o.action == action)
