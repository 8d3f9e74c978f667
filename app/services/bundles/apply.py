"""Applying a bundle import in one transaction, after its dry run.

The records are classified again against the catalogue as it is now (it may have changed since
the dry run); each person's choice applies where it is still allowed, the default elsewhere
(conflicts keep mine, duplicates and identical ones are skipped, hidden practices stay hidden).
A replaced version is kept in :class:`PracticeVersion`; "keep both" makes a local fork with a
new id and ``derived_from``; withdrawn practices are marked, never deleted. Every practice
written gets a provenance row pointing at the import's :class:`Bundle` row; the publisher's key
is trusted for certificates; the search index follows. The caller owns the transaction: any
error, :class:`app.errors.Cancelled` included, rolls all of it back.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from app.errors import ValidationError
from app.i18n import _
from app.models import Bundle, KnownIssuer, Practice, PracticeProvenance, new_id, utcnow
from app.services import text
from app.services.bundles import apply_steps as steps
from app.services.bundles.incoming import Incoming, publisher_key
from app.services.bundles.plan import Classified, ImportPlan, PlanItem, Read, classify
from app.services.bundles.plan_rules import (
    ANOMALY,
    BOTH,
    CONFLICT,
    DUPLICATE,
    HIDDEN,
    IDENTICAL,
    IMPORT,
    MINE,
    NEW,
    REJECTED,
    SHOW,
    UPDATED,
    WITHDRAWN,
    writes,
)
from app.services.catalogue import ensure_areas, own_identity
from app.services.catalogue_search import index_practice, rebuild_index
from app.services.importing.writing import Ticker

log = logging.getLogger(__name__)

# Above this many practices written, the whole search index is rebuilt (faster than one by one).
REBUILD_ABOVE = 100
TICK = 100


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import did. ``added``: practices new here; ``updated``: replaced by a newer (or
    chosen) version; ``forked``: local copies kept beside theirs; ``kept_mine``: conflicts
    settled by keeping ours; ``withdrawn``: marked withdrawn; ``shown``: hidden ones shown
    again; ``skipped``: records that changed nothing; ``rejected``: records refused;
    ``attachments``: attachment files stored that were not here; ``issuer_added``: the
    publisher's key is now trusted for certificates. ``bundle_record_id`` is the import's row
    in the bundles register (``None`` when nothing changed and nothing was recorded)."""

    file_name: str
    sha256: str
    added: int = 0
    updated: int = 0
    forked: int = 0
    kept_mine: int = 0
    withdrawn: int = 0
    shown: int = 0
    skipped: int = 0
    rejected: int = 0
    attachments: int = 0
    issuer_added: bool = False
    practice_ids: tuple[str, ...] = ()
    bundle_record_id: str | None = None
    report: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    backup: Path | None = None

    @property
    def changed(self) -> bool:
        """Whether the import changed anything in the database."""
        return self.bundle_record_id is not None


@dataclass
class _Tally:
    counts: dict[str, int] = field(default_factory=dict)
    touched: list[str] = field(default_factory=list)
    provenance: list[dict[str, object]] = field(default_factory=list)

    def add(self, key: str, practice_id: str | None = None, outcome: str = "", revision: int = 0):
        self.counts[key] = self.counts.get(key, 0) + 1
        if practice_id is not None:
            self.touched.append(practice_id)
            if outcome:
                self.provenance.append(
                    {"practice_id": practice_id, "revision": revision, "outcome": outcome}
                )


def check_choices(plan: ImportPlan, choices: Mapping[str, str]) -> None:
    """Raise :class:`ValidationError` for a choice the plan does not allow for that record."""
    for record_id, choice in choices.items():
        item = plan.item(record_id)
        if item is None or choice not in item.choices:
            title = item.title if item else record_id
            raise ValidationError(
                _("“{choice}” is not a possible choice for “{title}”.").format(
                    choice=choice, title=title
                )
            )


def apply_import(
    s: Session,
    contents: Any,
    plan: ImportPlan,
    choices: Mapping[str, str] | None = None,
    imported_by: str = "",
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    read: Read | None = None,
) -> ImportResult:
    """Inside a session: import ``contents`` as ``plan`` showed it, with the person's
    ``choices`` (record id → "theirs" / "mine" / "both", "import" / "skip", "show" /
    "keep_hidden"). When nothing would change, nothing is written at all. ``read`` is what
    the dry run read of the records (:attr:`Classified.read`), to spare reading them again."""
    choices = dict(choices or {})
    check_choices(plan, choices)
    ensure_areas(s)
    classified = classify(s, contents, read=read)
    fresh = classified.plan
    picked = {item.id: _choice(item, choices) for item in fresh.items}
    tally = _Tally()
    if not fresh.writes(picked):
        log.info("bundle %s: nothing to change", contents.sha256[:12])
        return _result(contents, fresh, tally)
    missing = steps.missing_blobs(s, _written(classified, picked))
    ticker = Ticker(len(fresh.items) + len(missing) + 1, progress, cancelled)
    steps.store_blobs(s, contents, missing, ticker)
    own = own_identity(s)
    creating: list[Incoming] = []
    for position, item in enumerate(fresh.items):
        inc = classified.incoming[position]
        if inc is not None and item.outcome != REJECTED:
            _apply_one(s, item, inc, classified, picked[item.id], own, tally, creating)
        if position % TICK == TICK - 1:
            ticker(TICK)
    steps.create_practices(s, creating)
    bundle_id = _record_bundle(s, contents, fresh, tally, imported_by)
    issuer = _trust_publisher(s, contents, fresh.issuer)
    _reindex(s, tally.touched)
    ticker(len(fresh.items) % TICK + 1)
    log.info("bundle %s imported: %s", contents.sha256[:12], tally.counts)
    return _result(contents, fresh, tally, bundle_id, len(missing), issuer)


def _choice(item: PlanItem, choices: Mapping[str, str]) -> str:
    """The person's choice where still allowed (the situation may have changed), else the
    default."""
    wanted = choices.get(item.id, item.default)
    return wanted if wanted in item.choices else item.default


def _written(classified: Classified, picked: Mapping[str, str]) -> list[Incoming]:
    """The records whose content is written (so whose attachments must be stored)."""
    found = []
    for item, inc in zip(classified.plan.items, classified.incoming, strict=True):
        choice = picked[item.id]
        if inc is None or not writes(item.outcome, item.other_id, choice):
            continue
        if item.outcome in (CONFLICT, ANOMALY) and choice == MINE:
            continue
        if item.outcome != WITHDRAWN:
            found.append(inc)
    return found


def _apply_one(
    s: Session,
    item: PlanItem,
    inc: Incoming,
    classified: Classified,
    choice: str,
    own: tuple[str, str],
    tally: _Tally,
    creating: list[Incoming],
) -> None:
    """Do what one record's outcome and choice say."""
    outcome = item.outcome
    practice = classified.local.get(inc.id)
    if outcome == NEW or (outcome in (IDENTICAL, DUPLICATE) and choice == IMPORT):
        creating.append(inc)
        tally.add("added", inc.id, "new", inc.revision)
    elif practice is None or not writes(outcome, item.other_id, choice):
        tally.add("skipped")
    elif outcome == WITHDRAWN:
        practice.withdrawn = True
        tally.add("withdrawn", practice.id, "withdrawn", inc.revision)
    elif outcome in (CONFLICT, ANOMALY) and choice == MINE:
        steps.keep_mine(s, practice, inc, own[0])
        tally.add("kept_mine", practice.id)
    elif outcome == UPDATED and inc.revision <= practice.revision:
        practice.withdrawn = False  # shared again by its origin, at the same revision
        tally.add("updated", practice.id, "updated", inc.revision)
    else:
        if outcome == CONFLICT and choice == BOTH:
            tally.add("forked", steps.fork(s, practice, own))
        steps.replace(s, practice, inc)
        if outcome == HIDDEN and choice == SHOW:
            practice.hidden, practice.deleted_at = False, None
            tally.add("shown")
        label = "theirs" if outcome in (CONFLICT, ANOMALY) else "updated"
        tally.add("updated", practice.id, "kept_both" if choice == BOTH else label, inc.revision)


def _record_bundle(
    s: Session, contents: Any, plan: ImportPlan, tally: _Tally, imported_by: str
) -> str:
    """The import's row in the bundles register, and each written practice's provenance."""
    bundle = Bundle(
        id=new_id(),
        direction="import",
        bundle_id=contents.sha256,
        file_name=str(contents.file_name)[:300],
        publisher_id=plan.publisher_id[:36],
        publisher_name=plan.publisher_name[:300],
        at=utcnow(),
        by=text.clean(imported_by)[:200],
        practice_ids=sorted(set(tally.touched)),
        summary={"plan": plan.counts(), "applied": dict(sorted(tally.counts.items()))},
    )
    s.add(bundle)
    s.flush()
    rows = [dict(row, bundle_record_id=bundle.id) for row in tally.provenance]
    for start in range(0, len(rows), 500):
        s.execute(insert(PracticeProvenance.__table__), rows[start : start + 500])
    return bundle.id


def _trust_publisher(s: Session, contents: Any, status: str) -> bool:
    """Remember the publisher's public key, so its certificates verify here."""
    key = publisher_key(dict(contents.publisher or {}))
    if status != "new" or key is None:
        return False
    s.add(
        KnownIssuer(
            name=key.name or str(contents.file_name)[:300],
            public_key=key.public_key,
            fingerprint=key.fingerprint,
            source=f"bundle: {contents.file_name}"[:300],
        )
    )
    log.info("known issuer added: %s", key.fingerprint)
    return True


def _reindex(s: Session, touched: list[str]) -> None:
    s.flush()
    if len(touched) > REBUILD_ABOVE:
        rebuild_index(s)
        return
    for practice_id in dict.fromkeys(touched):
        practice = s.get(Practice, practice_id)
        if practice is not None:
            index_practice(s, practice, steps.area_name(s, practice))


def _result(
    contents: Any,
    plan: ImportPlan,
    tally: _Tally,
    bundle_id: str | None = None,
    stored: int = 0,
    issuer: bool = False,
) -> ImportResult:
    counts = tally.counts
    rejected = sum(1 for item in plan.items if item.outcome == REJECTED)
    return ImportResult(
        file_name=contents.file_name,
        sha256=contents.sha256,
        added=counts.get("added", 0),
        updated=counts.get("updated", 0),
        forked=counts.get("forked", 0),
        kept_mine=counts.get("kept_mine", 0),
        withdrawn=counts.get("withdrawn", 0),
        shown=counts.get("shown", 0),
        skipped=counts.get("skipped", 0) if bundle_id else len(plan.items) - rejected,
        rejected=rejected,
        attachments=stored,
        issuer_added=issuer,
        practice_ids=tuple(dict.fromkeys(tally.touched)),
        bundle_record_id=bundle_id,
        report=plan.report(),
    )
