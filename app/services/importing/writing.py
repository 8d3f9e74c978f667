"""Writing a classified import inside one open session, in bulk (no object per row).

People are inserted with ``session.execute(insert(Person), rows)``; updated people, memberships and
consents likewise in batches. An update never blanks a value out: an empty cell leaves the stored
value alone, and a stored name is never replaced (it is how the staff know the person) — only
empty name parts are filled. A row matched by e-mail writes the other values it gives; a possible
duplicate treated as the same person (``only_empty``) only fills in what the person is missing.
A programme consent is added only for a person with no programme consent record (see
:mod:`checks`). The caller owns the transaction: any exception here, including
:class:`app.errors.Cancelled`, rolls the whole import back.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from app.errors import Cancelled
from app.i18n import _
from app.models import Consent, Membership, Person, natural_id, new_id, utcnow
from app.services.importing.checks import programme_consents
from app.services.importing.matching import CREATE, RowOutcome
from app.services.importing.values import ParsedRow
from app.services.organisations import find_or_create_organisation
from app.services.text import fold, normalise_phone

log = logging.getLogger(__name__)

BATCH = 500
_NAME_COLUMNS = ("full_name", "given_name", "family_name")
_KEY_COLUMNS = ("name_key", "phone_key")
_Columns = tuple[Mapping[str, object], bool]  # a row's columns, and whether only to fill gaps


@dataclass(frozen=True, slots=True)
class Written:
    """What writing the rows did to the organisations."""

    organisations_created: int
    organisations_restored: tuple[str, ...]  # stored names, brought back from the trash


class Ticker:
    """Reports progress after each batch and stops the work when the user cancels."""

    def __init__(
        self,
        total: int,
        progress: Callable[[int, int], None] | None,
        cancelled: Callable[[], bool] | None,
    ):
        self.total, self.done = total, 0
        self._progress, self._cancelled = progress, cancelled

    def __call__(self, steps: int) -> None:
        if self._cancelled is not None and self._cancelled():
            log.info("import cancelled after %d of %d steps; rolling back", self.done, self.total)
            raise cancelled_error()
        self.done = min(self.total, self.done + steps)
        if self._progress is not None:
            self._progress(self.done, self.total)


def cancelled_error() -> Cancelled:
    """Raised inside the transaction when the person cancels, so that all of it rolls back."""
    return Cancelled(_("The import was cancelled; nothing was imported."))


def batches(items: Sequence[Any], size: int = BATCH) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _is_empty(key: str, value: object) -> bool:
    return value in ("", None) or (key == "gender" and value == "not_stated")


def overlay(
    target: dict[str, Any], columns: Mapping[str, object], *, only_empty: bool = False
) -> bool:
    """Put the values the file gives into ``target``; returns whether anything changed.

    Empty values never blank anything out and name parts are only filled in; with
    ``only_empty`` no stored value at all is replaced.
    """
    changed = False
    for key, value in columns.items():
        if key in _KEY_COLUMNS or _is_empty(key, value) or target.get(key) == value:
            continue
        if (only_empty or key in _NAME_COLUMNS) and not _is_empty(key, target.get(key)):
            continue
        target[key], changed = value, True
    if changed:
        target["name_key"] = fold(target["full_name"])
        target["phone_key"] = normalise_phone(target["phone"])
    return changed


def write_rows(
    s: Session,
    rows: Sequence[ParsedRow],
    outcomes: Sequence[RowOutcome],
    collected_by: str,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Written:
    """Write every created and updated row; says what happened to the organisations."""
    now = utcnow()
    new_people: dict[str, dict[str, Any]] = {}
    updates: dict[str, list[_Columns]] = {}
    written: list[tuple[str, ParsedRow]] = []
    for row, outcome in zip(rows, outcomes, strict=True):
        pid = outcome.person_id
        if pid is None:
            continue
        written.append((pid, row))
        if outcome.action == CREATE:
            new_people[pid] = _new_person(pid, row.columns, now)
        elif pid in new_people:
            overlay(new_people[pid], row.columns, only_empty=outcome.only_empty)
        else:
            updates.setdefault(pid, []).append((row.columns, outcome.only_empty))
    # Organisations, memberships and consents come last, weighed as a quarter of the people.
    tail = max(1, (len(new_people) + len(updates)) // 4)
    tick = Ticker(len(new_people) + len(updates) + tail, progress, cancelled)
    tick(0)
    for chunk in batches(list(new_people.values())):
        s.execute(insert(Person.__table__), chunk)
        tick(len(chunk))
    _update_people(s, updates, now, tick)
    organisation_ids, organisations = _organisations(s, written)
    _write_memberships(s, written, organisation_ids, set(updates), now)
    _write_consents(s, written, collected_by, set(updates), now)
    tick(tail)
    log.info("import written: %d new, %d updated people", len(new_people), len(updates))
    return organisations


def _new_person(person_id: str, columns: Mapping[str, object], now: datetime) -> dict[str, Any]:
    return {
        **columns,
        "id": person_id,
        "created_at": now,
        "updated_at": now,
        "deleted_at": None,
        "merged_into_id": None,
    }


def _update_people(
    s: Session, updates: dict[str, list[_Columns]], now: datetime, tick: Ticker
) -> None:
    """Overlay each person's rows, in file order, on what is stored; write only real changes."""
    table = Person.__table__
    names = [c.name for c in table.columns if c.name not in ("created_at", "deleted_at")]
    for chunk in batches(list(updates)):
        current = s.execute(select(*(table.c[n] for n in names)).where(table.c.id.in_(chunk)))
        changed = []
        for row in current.mappings():
            record = dict(row)
            # A list, not a generator: every row is overlaid even after the first change.
            overlaid = [overlay(record, c, only_empty=o) for c, o in updates[record["id"]]]
            if any(overlaid):
                changed.append({**record, "updated_at": now})
        if changed:
            s.execute(update(Person), changed)
        tick(len(chunk))


def _organisations(
    s: Session, written: Sequence[tuple[str, ParsedRow]]
) -> tuple[dict[str, str], Written]:
    """``{folded name: id}`` of the organisations the written rows name, and what was done:
    how many were created, which were brought back from the trash."""
    ids: dict[str, str] = {}
    created = 0
    restored: list[str] = []
    for _pid, row in written:
        if row.organisation_key and row.organisation_key not in ids:
            ids[row.organisation_key], new = find_or_create_organisation(
                s, row.organisation, restored=restored
            )
            created += new
    return ids, Written(created, tuple(restored))


def _memberships_of(
    s: Session, people: set[str]
) -> dict[tuple[str, str], tuple[str, str, datetime | None]]:
    """``{(person, organisation): (membership id, role, deleted_at)}`` of these people."""
    found = {}
    m = Membership
    for chunk in batches(sorted(people)):
        statement = select(m.id, m.person_id, m.organisation_id, m.role, m.deleted_at).where(
            m.person_id.in_(chunk)
        )
        for mid, pid, oid, role, deleted in s.execute(statement):
            found[(pid, oid)] = (mid, role, deleted)
    return found


def _write_memberships(
    s: Session,
    written: Sequence[tuple[str, ParsedRow]],
    organisation_ids: dict[str, str],
    existing_people: set[str],
    now: datetime,
) -> None:
    """Add each written row's membership; a trashed one comes back, a given role is updated."""
    wanted: dict[tuple[str, str], str] = {}  # the first role the file gives wins
    for pid, row in written:
        if row.organisation_key:
            pair = (pid, organisation_ids[row.organisation_key])
            wanted[pair] = wanted.get(pair) or row.role
    found = _memberships_of(s, existing_people)
    new, changed = [], []
    for (pid, oid), role in wanted.items():
        if (pid, oid) not in found:
            new.append(
                {
                    "id": natural_id("membership", pid, oid),
                    "person_id": pid,
                    "organisation_id": oid,
                    "role": role or "member",
                    "created_at": now,
                    "updated_at": now,
                    "deleted_at": None,
                }
            )
            continue
        mid, old_role, deleted = found[(pid, oid)]
        if deleted is not None or (role and role != old_role):
            changed.append(
                {"id": mid, "role": role or old_role, "deleted_at": None, "updated_at": now}
            )
    for chunk in batches(new):
        s.execute(insert(Membership.__table__), chunk)
    if changed:
        s.execute(update(Membership), changed)


def _write_consents(
    s: Session,
    written: Sequence[tuple[str, ParsedRow]],
    collected_by: str,
    existing_people: set[str],
    now: datetime,
) -> None:
    """Record the programme consent of each written row for the people with no programme
    consent record: one who holds it needs no other, one who withdrew it must not get it back
    from a spreadsheet (the row was warned about by :func:`checks.with_consent_warnings`)."""
    wanted = {pid for pid, row in written if row.consent}
    holding = set(programme_consents(s, existing_people & wanted))
    new = [
        {
            "id": new_id(),
            "person_id": pid,
            "purpose": "programme",
            "granted_at": now,
            "collected_by": collected_by,
            "notice_version": "",
            "withdrawn_at": None,
            "notes": "",
            "created_at": now,
            "updated_at": now,
            "deleted_at": None,
        }
        for pid in sorted(wanted - holding)
    ]
    for chunk in batches(new):
        s.execute(insert(Consent.__table__), chunk)
