"""The dry run of a bundle import: what each record would do here, in plain words, and which
records need a person to choose. Nothing is written.

Same id: a lower revision is skipped; the same revision and content is nothing to do; the same
revision with other content is an anomaly to ask about; a higher revision updates an untouched
copy (keeping the old one in its history), but over a copy edited here it is a conflict (take
theirs / keep mine / keep both). No id match: identical content or a similar title in the same
area is shown for a person to decide, never merged on a guess. Withdrawn records are marked,
never deleted; a hidden practice that gets a newer revision asks whether to show it again.
The rules themselves are in :mod:`app.services.bundles.plan_rules`.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import ValidationError
from app.i18n import _
from app.models import (
    AttachmentBlob,
    Bundle,
    OrganisationProfile,
    Practice,
    PracticeArea,
    the_profile,
)
from app.services.bundles.incoming import (
    Incoming,
    publisher_key,
    read_record,
    record_title,
    still_spelled,
)
from app.services.bundles.plan_rules import (
    CHOICES,
    REPORT_KEYS,
    Others,
    Verdict,
    classify_match,
    classify_unmatched,
    issuer_status,
    rejected,
    writes,
)

log = logging.getLogger(__name__)
CHUNK = 500


@dataclass(frozen=True, slots=True)
class PlanItem:
    """What importing one record would do. ``choices`` are the allowed choices (empty when
    there is nothing to choose) and ``default`` the one taken when the person says nothing;
    ``other_id`` / ``other_title`` name the practice here it was matched with (same id, or the
    identical or similar one)."""

    id: str
    title: str
    outcome: str
    reason: str
    choices: tuple[str, ...] = ()
    default: str = ""
    revision: int = 0
    local_revision: int | None = None
    other_id: str | None = None
    other_title: str = ""
    area: str = ""
    origin_name: str = ""
    attachments: int = 0


@dataclass(frozen=True, slots=True)
class ImportPlan:
    """The dry-run report of one bundle file. ``issuer`` says what becomes of the publisher's
    public key (see :func:`app.services.bundles.plan_rules.issuer_status`): "new" (it will be
    trusted to verify that organisation's certificates), "known", "ours", "removed",
    "other_key" (not trusted: another key is known under that name) or "none".
    ``imported_before`` is when this very file was last imported here, if it was."""

    file_name: str
    sha256: str
    publisher_id: str
    publisher_name: str
    issuer: str
    items: tuple[PlanItem, ...]
    imported_before: datetime | None = None

    def counts(self) -> dict[str, int]:
        """How many records have each outcome (only outcomes that occur)."""
        counts: dict[str, int] = {}
        for item in self.items:
            counts[item.outcome] = counts.get(item.outcome, 0) + 1
        return counts

    def asking(self) -> tuple[PlanItem, ...]:
        """The items a person may decide about (conflicts, duplicates, identical, hidden)."""
        return tuple(item for item in self.items if item.choices)

    def item(self, record_id: str) -> PlanItem | None:
        """The first item of the record with this id."""
        return next((item for item in self.items if item.id == record_id), None)

    def report(self) -> dict[str, list[dict[str, Any]]]:
        """The report as plain data, keyed ``new``, ``updated``, ``unchanged``, ``older``,
        ``conflicts`` (anomalies too), ``duplicates``, ``rejected``, ``withdrawn``,
        ``identical``, ``hidden``: lists of ``{id, title, reason, outcome, choices, default}``."""
        report: dict[str, list[dict[str, Any]]] = {key: [] for key in REPORT_KEYS.values()}
        for item in self.items:
            report[REPORT_KEYS[item.outcome]].append(
                {
                    "id": item.id,
                    "title": item.title,
                    "reason": item.reason,
                    "outcome": item.outcome,
                    "choices": list(item.choices),
                    "default": item.default,
                }
            )
        return report

    def writes(self, choices: Mapping[str, str] | None = None) -> bool:
        """Whether applying with ``choices`` would change anything in the database."""
        choices = choices or {}
        return self.issuer == "new" or any(
            writes(item.outcome, item.other_id, choices.get(item.id, item.default))
            for item in self.items
        )


@dataclass(frozen=True, slots=True)
class Read:
    """Every record read and checked on its own, by position in the file: what it would store
    (``None`` when refused) or why it was refused. Kept from the dry run to the import, where
    only records whose area is now spelled otherwise here are read again."""

    incoming: tuple[Incoming | None, ...]
    verdicts: tuple[Verdict | None, ...]


@dataclass(frozen=True, slots=True)
class Classified:
    """A plan with what applying it needs: each record checked (by position in the file; ``None``
    when refused), the practices here matched by id (objects of the planning session), and the
    records as read (to pass to the next :func:`classify` of the same file)."""

    plan: ImportPlan
    incoming: tuple[Incoming | None, ...]
    local: dict[str, Practice]
    read: Read


def plan_import(s: Session, contents: Any) -> ImportPlan:
    """Inside a session: the dry-run report of the bundle ``contents`` (a
    :class:`app.services.bundles.reading.BundleContents`). Writes nothing."""
    return classify(s, contents).plan


def classify(
    s: Session, contents: Any, today: date | None = None, read: Read | None = None
) -> Classified:
    """Check every record and decide its outcome against the catalogue as it is now; ``read``
    is what an earlier classification of the same file read (so it need not be read again)."""
    own_id = s.scalar(the_profile(OrganisationProfile.id)) or ""
    publisher = dict(contents.publisher or {})
    publisher_id = str(publisher.get("id") or "")
    area_names = dict(s.execute(select(PracticeArea.name_key, PracticeArea.name)).all())
    records = list(contents.records)
    read = _read_all(records, area_names, (today or date.today()).year, read)
    incoming, verdicts = list(read.incoming), list(read.verdicts)
    _refuse_missing_files(s, contents, incoming, verdicts)
    local = _local_practices(s, [inc.id for inc in incoming if inc is not None])
    others = Others.load(s, [inc for inc in incoming if inc and inc.id not in local])
    for position, inc in enumerate(incoming):
        if inc is None:
            continue
        practice = local.get(inc.id)
        if practice is not None:
            verdicts[position] = classify_match(inc, practice, own_id)
        elif own_id and inc.origin_id == own_id and publisher_id != own_id:
            sender = str(publisher.get("name") or "") or _("another organisation")
            verdicts[position] = rejected(inc.title, "claims_ours", sender)
        else:
            verdicts[position] = classify_unmatched(inc, others)
    items = tuple(
        _item(str(record.get("id") or ""), inc, verdict, local)
        for record, inc, verdict in zip(records, incoming, verdicts, strict=True)
    )
    plan = ImportPlan(
        file_name=contents.file_name,
        sha256=contents.sha256,
        publisher_id=publisher_id,
        publisher_name=str(publisher.get("name") or ""),
        issuer=issuer_status(s, publisher_key(publisher)),
        items=items,
        imported_before=_imported_at(s, contents.sha256),
    )
    log.info("bundle %s planned: %s", contents.sha256[:12], plan.counts())
    return Classified(plan, tuple(incoming), local, read)


def _read_all(
    records: list[dict[str, Any]],
    area_names: dict[str, str],
    this_year: int,
    earlier: Read | None,
) -> Read:
    """Every record read and checked, by position; those refused get their verdict now."""
    if earlier is not None and len(earlier.incoming) != len(records):
        earlier = None
    incoming: list[Incoming | None] = []
    verdicts: list[Verdict | None] = []
    seen: set[str] = set()
    for position, record in enumerate(records):
        record_id = str(record.get("id") or "")
        inc, verdict = _earlier(earlier, position, area_names)
        if record_id in seen:
            inc, verdict = None, rejected(record_title(record), "twice")
        elif inc is None and verdict is None:
            try:
                inc = read_record(record, area_names, this_year)
            except ValidationError as error:
                verdict = rejected(record_title(record), "refused", str(error))
            except (KeyError, TypeError, ValueError):
                verdict = rejected(record_title(record), "invalid")
        seen.add(record_id)
        incoming.append(inc)
        verdicts.append(verdict)
    return Read(tuple(incoming), tuple(verdicts))


def _earlier(
    earlier: Read | None, position: int, area_names: dict[str, str]
) -> tuple[Incoming | None, Verdict | None]:
    """What an earlier reading gave for this record, if still true (its area spelled the same)."""
    if earlier is None:
        return None, None
    inc = earlier.incoming[position]
    if inc is None:
        return None, earlier.verdicts[position]
    return (inc, None) if still_spelled(inc, area_names) else (None, None)


def _refuse_missing_files(
    s: Session, contents: Any, incoming: list[Incoming | None], verdicts: list[Verdict | None]
) -> None:
    """Refuse records whose attachment is neither in the file nor already stored here."""
    wanted = {a.sha256 for inc in incoming if inc for a in inc.attachments}
    wanted -= set(contents.attachments)
    stored: set[str] = set()
    for chunk in _chunks(sorted(wanted)):
        query = select(AttachmentBlob.sha256).where(AttachmentBlob.sha256.in_(chunk))
        stored.update(s.scalars(query))
    missing = wanted - stored
    for position, inc in enumerate(incoming):
        lost = [a for a in inc.attachments if a.sha256 in missing] if inc else []
        if inc and lost:
            name = lost[0].original_name or lost[0].title or lost[0].sha256[:12]
            verdicts[position] = rejected(inc.title, "missing_file", name)
            incoming[position] = None


def _local_practices(s: Session, ids: list[str]) -> dict[str, Practice]:
    local: dict[str, Practice] = {}
    for chunk in _chunks(ids):
        local.update((p.id, p) for p in s.scalars(select(Practice).where(Practice.id.in_(chunk))))
    return local


def _chunks(items: list[str]) -> list[list[str]]:
    return [items[start : start + CHUNK] for start in range(0, len(items), CHUNK)]


def _imported_at(s: Session, sha256: str) -> datetime | None:
    return s.scalar(
        select(Bundle.at)
        .where(Bundle.bundle_id == sha256, Bundle.direction == "import")
        .order_by(Bundle.at.desc())
        .limit(1)
    )


def _item(
    record_id: str, inc: Incoming | None, verdict: Verdict | None, local: dict[str, Practice]
) -> PlanItem:
    assert verdict is not None
    choices = CHOICES.get(verdict.outcome, ())
    practice = local.get(record_id) if inc is not None else None
    return PlanItem(
        id=record_id,
        title=inc.title if inc else verdict.title,
        outcome=verdict.outcome,
        reason=verdict.reason,
        choices=choices,
        default=choices[0] if choices else "",
        revision=inc.revision if inc else 0,
        local_revision=practice.revision if practice is not None else None,
        other_id=verdict.other_id,
        other_title=verdict.other_title,
        area=inc.area if inc else "",
        origin_name=inc.origin_name if inc else "",
        attachments=len(inc.attachments) if inc else 0,
    )
