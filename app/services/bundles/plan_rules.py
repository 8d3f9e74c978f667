"""The rules of a bundle import, record by record: the outcomes, the choices a person may make,
the reason each outcome gives in plain words, and how a record with no id match is compared
with the practices here (identical content; a similar title in the same area)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.i18n import N_, _
from app.models import (
    KnownIssuer,
    OrganisationProfile,
    Practice,
    PracticeArea,
    SigningKey,
    the_profile,
)
from app.services import text
from app.services.bundles.incoming import Incoming, PublisherKey

NEW, UPDATED, UNCHANGED, OLDER = "new", "updated", "unchanged", "older"
CONFLICT, ANOMALY, IDENTICAL, DUPLICATE = "conflict", "anomaly", "identical", "duplicate"
WITHDRAWN, HIDDEN, REJECTED = "withdrawn", "hidden", "rejected"
OUTCOMES = (NEW, UPDATED, UNCHANGED, OLDER, CONFLICT, ANOMALY, IDENTICAL, DUPLICATE)
OUTCOMES += (WITHDRAWN, HIDDEN, REJECTED)

THEIRS, MINE, BOTH = "theirs", "mine", "both"
IMPORT, SKIP = "import", "skip"
SHOW, KEEP_HIDDEN = "show", "keep_hidden"
# The choices each outcome allows; the first is what happens when nobody chooses.
CHOICES: dict[str, tuple[str, ...]] = {
    CONFLICT: (MINE, THEIRS, BOTH),
    ANOMALY: (MINE, THEIRS),
    DUPLICATE: (SKIP, IMPORT),
    IDENTICAL: (SKIP, IMPORT),
    HIDDEN: (KEEP_HIDDEN, SHOW),
}
# What to call outcomes and choices on screen (shown with ``_(label)``).
OUTCOME_LABELS: dict[str, str] = {
    NEW: N_("New"),
    UPDATED: N_("Updated"),
    UNCHANGED: N_("Unchanged"),
    OLDER: N_("Older: skipped"),
    CONFLICT: N_("Conflict"),
    ANOMALY: N_("Same revision, other content"),
    IDENTICAL: N_("Looks identical"),
    DUPLICATE: N_("Possible duplicate"),
    WITHDRAWN: N_("Withdrawn by its origin"),
    HIDDEN: N_("Hidden here"),
    REJECTED: N_("Rejected"),
}
CHOICE_LABELS: dict[str, str] = {
    MINE: N_("Keep mine"),
    THEIRS: N_("Take theirs"),
    BOTH: N_("Keep both"),
    SKIP: N_("Skip it"),
    IMPORT: N_("Import it"),
    KEEP_HIDDEN: N_("Keep it hidden"),
    SHOW: N_("Show it again"),
}
# Where each outcome goes in the report (the keys the command line prints).
REPORT_KEYS: dict[str, str] = {
    NEW: "new",
    UPDATED: "updated",
    UNCHANGED: "unchanged",
    OLDER: "older",
    CONFLICT: "conflicts",
    ANOMALY: "conflicts",
    DUPLICATE: "duplicates",
    REJECTED: "rejected",
    WITHDRAWN: "withdrawn",
    IDENTICAL: "identical",
    HIDDEN: "hidden",
}
# Above this many title comparisons, only equal titles count as possible duplicates.
MAX_COMPARISONS = 2_000_000
SIMILAR = 0.85


@dataclass(frozen=True, slots=True)
class Verdict:
    """The outcome of one record, why, and the practice here it concerns (if any)."""

    outcome: str
    reason: str
    title: str = ""
    other_id: str | None = None
    other_title: str = ""


def rejected(title: str, why: str, detail: str = "") -> Verdict:
    """A record refused on its own (the others still import)."""
    reasons = {
        "invalid": _("The record is incomplete or malformed: not imported."),
        "refused": _("Not imported: {detail}"),
        "twice": _("The file lists this practice twice: only the first is used."),
        "missing_file": _("Its attachment “{detail}” is missing from the file: not imported."),
        "claims_ours": _(
            "It says it was written by your organisation, but the file comes from {detail}: "
            "not imported."
        ),
        "other_origin": _(
            "A practice here from another organisation ({detail}) has the same id: not imported."
        ),
    }
    reason = reasons[why].format(detail=detail)
    return Verdict(REJECTED, reason, title)


def classify_match(inc: Incoming, practice: Practice, own_id: str) -> Verdict:
    """The outcome of a record whose id is a practice here."""
    numbers = {"revision": inc.revision, "local": practice.revision}
    if practice.origin_id != inc.origin_id:
        return rejected(inc.title, "other_origin", practice.origin_name or practice.origin_id)
    if inc.withdrawn:
        if practice.withdrawn:
            return _matched(UNCHANGED, _("Already marked as withdrawn by its origin."), practice)
        reason = _("Withdrawn by its origin: it will be marked as withdrawn here, not deleted.")
        return _matched(WITHDRAWN, reason, practice)
    if inc.revision < practice.revision:
        reason = _("Older (revision {revision}) than the one here (revision {local}): skipped.")
        return _matched(OLDER, reason.format(**numbers), practice)
    if inc.revision == practice.revision:
        return _same_revision(inc, practice, numbers)
    if inc.content_hash != practice.content_hash:
        if practice.edited_locally or practice.origin_id == own_id:
            return _conflict(practice, own_id, numbers)
        if practice.hidden or practice.deleted_at is not None:
            return _hidden(practice, numbers)
    reason = _(
        "Revision {revision} replaces revision {local} here; the earlier one is kept in its "
        "history."
    )
    return _matched(UPDATED, reason.format(**numbers), practice)


def _same_revision(inc: Incoming, practice: Practice, numbers: dict[str, int]) -> Verdict:
    if inc.content_hash != practice.content_hash and not practice.edited_locally:
        reason = _(
            "Same revision ({revision}) as the one here, but with other content: its origin may "
            "have changed it without a new revision. Choose which to keep."
        )
        return _matched(ANOMALY, reason.format(**numbers), practice)
    if practice.withdrawn:
        reason = _("Its origin had withdrawn it and now shares it again.")
        return _matched(UPDATED, reason, practice)
    if practice.edited_locally:
        reason = _("Already here (revision {revision}); the changes made here are kept.")
        return _matched(UNCHANGED, reason.format(**numbers), practice)
    reason = _("Already here, the same (revision {revision}).")
    return _matched(UNCHANGED, reason.format(**numbers), practice)


def _conflict(practice: Practice, own_id: str, numbers: dict[str, int]) -> Verdict:
    if practice.origin_id == own_id:
        reason = _(
            "Written here (revision {local}), and the file has a newer revision ({revision}), "
            "perhaps from another computer of your organisation. Choose: take theirs, keep "
            "mine, or keep both."
        )
    else:
        reason = _(
            "Changed here, and its origin sent a newer revision ({revision}). Choose: take "
            "theirs, keep mine, or keep both (yours becomes a copy derived from theirs)."
        )
    return _matched(CONFLICT, reason.format(**numbers), practice)


def _hidden(practice: Practice, numbers: dict[str, int]) -> Verdict:
    if practice.deleted_at is not None:
        reason = _(
            "In the trash here, and its origin sent a newer revision ({revision}). It is "
            "updated; choose whether to bring it back."
        )
    else:
        reason = _(
            "Hidden here, and its origin sent a newer revision ({revision}). It is updated; "
            "choose whether to show it again."
        )
    return _matched(HIDDEN, reason.format(**numbers), practice)


def _matched(outcome: str, reason: str, practice: Practice) -> Verdict:
    return Verdict(outcome, reason, practice.title, practice.id, practice.title)


def classify_unmatched(inc: Incoming, others: Others) -> Verdict:
    """The outcome of a record whose id is not here."""
    if inc.withdrawn:
        reason = _("Withdrawn by its origin, and not in this catalogue: not added.")
        return Verdict(WITHDRAWN, reason, inc.title)
    same = others.identical(inc)
    if same is not None:
        reason = _("Looks identical to “{title}”, already here: skipped unless you import it.")
        return Verdict(IDENTICAL, reason.format(title=same[1]), inc.title, *same)
    similar = others.similar(inc)
    if similar is not None:
        reason = _(
            "Possible duplicate of “{title}” in the same area: skipped unless you import it."
        )
        return Verdict(DUPLICATE, reason.format(title=similar[1]), inc.title, *similar)
    return Verdict(NEW, _("New in this catalogue."), inc.title)


class Others:
    """The practices here (not in the trash) that records with no id match are compared with:
    by content hash, and by folded title within each area."""

    def __init__(self, by_hash: dict[str, tuple[str, str]], by_area: dict[str, dict[str, Any]]):
        self.by_hash = by_hash
        self.by_area = by_area
        self.budget = MAX_COMPARISONS

    @classmethod
    def load(cls, s: Session, unmatched: list[Incoming]) -> Others:
        """Only what the unmatched records can match: their hashes and their areas."""
        by_hash: dict[str, tuple[str, str]] = {}
        by_area: dict[str, dict[str, Any]] = {}
        if not unmatched:
            return cls(by_hash, by_area)
        hashes = sorted({inc.content_hash for inc in unmatched})
        for start in range(0, len(hashes), 500):
            query = select(Practice.content_hash, Practice.id, Practice.title).where(
                Practice.content_hash.in_(hashes[start : start + 500]),
                Practice.deleted_at.is_(None),
            )
            for digest, practice_id, title in s.execute(query.order_by(Practice.created_at)):
                by_hash.setdefault(digest, (practice_id, title))
        query = (
            select(PracticeArea.name_key, Practice.title_key, Practice.id, Practice.title)
            .select_from(Practice)
            .outerjoin(PracticeArea, PracticeArea.id == Practice.area_id)
            .where(Practice.deleted_at.is_(None))
            .order_by(Practice.created_at)
        )
        wanted = {text.fold(inc.area) for inc in unmatched}
        for area_key, title_key, practice_id, title in s.execute(query):
            if (area_key or "") in wanted:
                by_area.setdefault(area_key or "", {}).setdefault(title_key, (practice_id, title))
        return cls(by_hash, by_area)

    def identical(self, inc: Incoming) -> tuple[str, str] | None:
        """The practice here with exactly this content (id, title), if any."""
        return self.by_hash.get(inc.content_hash)

    def similar(self, inc: Incoming) -> tuple[str, str] | None:
        """A practice here in the same area whose title is the same or nearly (id, title)."""
        titles = self.by_area.get(text.fold(inc.area), {})
        key = str(inc.values["title_key"])
        if key in titles:
            return titles[key]
        if not titles or self.budget < len(titles):
            return None
        self.budget -= len(titles)
        close = difflib.get_close_matches(key, list(titles), n=1, cutoff=SIMILAR)
        return titles[close[0]] if close else None


def issuer_status(s: Session, key: PublisherKey | None) -> str:
    """What importing does with the publisher's key: "new" (trusted from now on to verify
    that organisation's certificates), "known", "removed" (taken out here; left out), "ours",
    "other_key" (left out: we trust another key under that name, or it is our own name, so
    trusting it would let its holder sign certificates in that name), or "none" (no usable
    key in the file)."""
    if key is None:
        return "none"
    if s.scalar(select(SigningKey.id).where(SigningKey.fingerprint == key.fingerprint).limit(1)):
        return "ours"
    known = s.scalars(select(KnownIssuer).where(KnownIssuer.fingerprint == key.fingerprint)).all()
    if any(issuer.deleted_at is None for issuer in known):
        return "known"
    if known:
        return "removed"
    name = text.fold(key.name)
    own_name = s.scalar(the_profile(OrganisationProfile.name)) or ""
    others = s.scalars(select(KnownIssuer.name).where(KnownIssuer.deleted_at.is_(None)))
    if name and (name == text.fold(own_name) or name in {text.fold(n) for n in others}):
        return "other_key"
    return "new"


def writes(outcome: str, other_id: str | None, choice: str) -> bool:
    """Whether a record with this outcome and choice changes anything when applied."""
    if outcome in (UNCHANGED, OLDER, REJECTED):
        return False
    if outcome == WITHDRAWN:
        return other_id is not None
    if outcome in (IDENTICAL, DUPLICATE):
        return choice == IMPORT
    if outcome == ANOMALY:
        return choice == THEIRS
    return True
