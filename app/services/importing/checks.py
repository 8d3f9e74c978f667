"""What the directory already holds that limits what an import may write.

- A programme consent is recorded by an import only for a person with no programme consent
  record at all. A person who *withdrew* consent must never get a fresh one from a re-imported
  sheet (data protection): the row says so in a warning, and staff record it by hand if the
  person really agreed again.
- An organisation the file names whose only record is in the trash is brought back from the
  trash rather than duplicated (pickers never show trashed organisations).

Both are read in bulk (one query per batch of people, one for the organisations), in the
session of the preview or of the import itself.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.i18n import _, format_date
from app.models import Consent, Organisation
from app.services.importing.matching import SKIP, UPDATE, RowOutcome
from app.services.importing.values import ParsedRow

log = logging.getLogger(__name__)

_BATCH = 500


def programme_consents(s: Session, people: Iterable[str]) -> dict[str, datetime | None]:
    """The people that have a programme consent record, withdrawn or not.

    Each maps to ``None`` when the person holds a consent now, or else to the date of the last
    withdrawal. A record moved to the trash that was never withdrawn does not count (it was
    removed as a mistake); a withdrawn one always does.
    """
    found: dict[str, datetime | None] = {}
    held: set[str] = set()
    ordered = sorted(set(people))
    for start in range(0, len(ordered), _BATCH):
        statement = select(Consent.person_id, Consent.withdrawn_at, Consent.deleted_at).where(
            Consent.person_id.in_(ordered[start : start + _BATCH]),
            Consent.purpose == "programme",
            or_(Consent.deleted_at.is_(None), Consent.withdrawn_at.is_not(None)),
        )
        for person_id, withdrawn_at, deleted_at in s.execute(statement):
            if withdrawn_at is None and deleted_at is None:
                held.add(person_id)
            last = found.get(person_id)
            if withdrawn_at is not None and (last is None or withdrawn_at > last):
                found[person_id] = withdrawn_at
            found.setdefault(person_id, None)
    return {pid: None if pid in held else when for pid, when in found.items()}


def with_consent_warnings(
    s: Session, rows: Sequence[ParsedRow], outcomes: Sequence[RowOutcome]
) -> list[RowOutcome]:
    """``outcomes`` with a warning on each row giving consent for a person who withdrew it."""
    asking = {
        o.person_id
        for row, o in zip(rows, outcomes, strict=True)
        if row.consent and o.action == UPDATE and o.person_id
    }
    withdrawn = {pid: when for pid, when in programme_consents(s, asking).items() if when}
    if withdrawn:
        log.info("import: %d people had withdrawn consent; not recorded again", len(withdrawn))
    marked: list[RowOutcome] = []
    for row, outcome in zip(rows, outcomes, strict=True):
        when = withdrawn.get(outcome.person_id or "") if row.consent else None
        if when is not None and outcome.action == UPDATE:
            outcome = replace(outcome, warnings=(*outcome.warnings, _withdrawn(when)))
        marked.append(outcome)
    return marked


def _withdrawn(when: datetime) -> str:
    return _(
        "Consent was withdrawn on {date}; not recorded again — record it by hand if the person "
        "agreed again."
    ).format(date=format_date(when))


def trashed_organisations(s: Session) -> dict[str, str]:
    """``{folded name: stored name}`` of the organisations that are only in the trash."""
    rows = s.execute(
        select(Organisation.name_key, Organisation.name, Organisation.deleted_at)
        .where(Organisation.merged_into_id.is_(None))
        .order_by(Organisation.created_at)
    )
    live: set[str] = set()
    trashed: dict[str, str] = {}
    for key, name, deleted_at in rows:
        if deleted_at is None:
            live.add(key)
        else:
            trashed.setdefault(key, name)
    return {key: name for key, name in trashed.items() if key not in live}


def organisations_to_restore(
    rows: Sequence[ParsedRow], outcomes: Sequence[RowOutcome], trashed: dict[str, str]
) -> tuple[str, ...]:
    """The stored names of the trashed organisations that the written rows name, in file order."""
    wanted: dict[str, str] = {}
    for row, outcome in zip(rows, outcomes, strict=True):
        key = row.organisation_key
        if key in trashed and outcome.action != SKIP:
            wanted.setdefault(key, trashed[key])
    return tuple(wanted.values())
