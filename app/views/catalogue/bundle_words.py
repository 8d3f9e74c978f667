"""The words of a bundle import: what will happen to each practice, the choices, the counts
of the dry run, where the file comes from, and what the import did."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from app.i18n import N_, _, format_datetime, ngettext

log = logging.getLogger(__name__)

OUTCOME_LABELS: dict[str, str] = {
    "new": N_("New"),
    "updated": N_("Updated to a newer revision"),
    "unchanged": N_("Already here, unchanged"),
    "older": N_("Older than the copy here (skipped)"),
    "conflict": N_("Conflict: changed here and by its origin"),
    "anomaly": N_("Same revision, different content"),
    "identical": N_("Looks identical to a practice here"),
    "duplicate": N_("Possible duplicate"),
    "withdrawn": N_("Withdrawn by its origin"),
    "hidden": N_("Hidden here; a newer revision came"),
    "rejected": N_("Rejected"),
}
CHOICE_LABELS: dict[str, str] = {
    "theirs": N_("Take theirs"),
    "mine": N_("Keep mine"),
    "both": N_("Keep both"),
    "import": N_("Import it"),
    "skip": N_("Skip it"),
    "show": N_("Show it again"),
    "keep_hidden": N_("Keep it hidden"),
}
# Decisions first, then problems, then what simply happens.
ORDER = (
    "conflict",
    "anomaly",
    "duplicate",
    "identical",
    "hidden",
    "rejected",
    "new",
    "updated",
    "withdrawn",
    "unchanged",
    "older",
)


def outcome_label(outcome: str) -> str:
    """What will happen to a practice, in words (never shown by colour alone)."""
    label = OUTCOME_LABELS.get(outcome)
    return _(label) if label else outcome


def choice_label(choice: str) -> str:
    """A choice offered for a practice, in words."""
    label = CHOICE_LABELS.get(choice)
    return _(label) if label else choice


def default_choice(item: Any) -> str:
    """The choice taken when the person makes none: the plan's default, else the first."""
    if item.default in item.choices:
        return item.default
    return item.choices[0] if item.choices else ""


def plan_counts(items: Iterable[Any]) -> str:
    """What the import will do, one count a line, in the order of :data:`ORDER`."""
    counts = Counter(item.outcome for item in items)
    texts = {
        "new": ngettext("{count} new practice.", "{count} new practices.", counts["new"]),
        "updated": ngettext(
            "{count} practice will be updated to a newer revision; the old one is kept in its "
            "history.",
            "{count} practices will be updated to a newer revision; the old ones are kept in "
            "their history.",
            counts["updated"],
        ),
        "unchanged": ngettext(
            "{count} is already here, unchanged.",
            "{count} are already here, unchanged.",
            counts["unchanged"],
        ),
        "older": ngettext(
            "{count} is older than the copy here and will be skipped.",
            "{count} are older than the copies here and will be skipped.",
            counts["older"],
        ),
        "conflict": ngettext(
            "{count} conflict: changed here and by its origin. Choose what to keep.",
            "{count} conflicts: changed here and by their origin. Choose what to keep.",
            counts["conflict"],
        ),
        "anomaly": ngettext(
            "{count} has the same revision as here but different content. Choose what to keep.",
            "{count} have the same revision as here but different content. Choose what to keep.",
            counts["anomaly"],
        ),
        "duplicate": ngettext(
            "{count} possible duplicate (similar title in the same area): skipped unless you "
            "choose to import it.",
            "{count} possible duplicates (similar title in the same area): skipped unless you "
            "choose to import them.",
            counts["duplicate"],
        ),
        "identical": ngettext(
            "{count} looks identical to a practice here: skipped unless you choose otherwise.",
            "{count} look identical to practices here: skipped unless you choose otherwise.",
            counts["identical"],
        ),
        "withdrawn": ngettext(
            "{count} was withdrawn by its origin: marked so if it is here, never deleted.",
            "{count} were withdrawn by their origin: marked so where they are here, never deleted.",
            counts["withdrawn"],
        ),
        "hidden": ngettext(
            "{count} is hidden here and a newer revision came: it is updated and stays hidden "
            "unless you choose to show it.",
            "{count} are hidden here and newer revisions came: they are updated and stay hidden "
            "unless you choose to show them.",
            counts["hidden"],
        ),
        "rejected": ngettext(
            "{count} rejected: the list says why.",
            "{count} rejected: the list says why.",
            counts["rejected"],
        ),
    }
    return "\n".join(texts[o].format(count=counts[o]) for o in ORDER if counts[o])


def plan_report(items: Sequence[Any], choices: dict[str, str]) -> str:
    """The plan as lines of text to paste elsewhere: title, what will happen, why, choice."""
    lines = [_("Title\tWhat will happen\tWhy\tYour choice")]
    for item in items:
        choice = choices.get(item.id, "")
        lines.append(
            "\t".join((item.title, outcome_label(item.outcome), item.reason, choice_label(choice)))
        )
    return "\n".join(lines)


ISSUER_TEXTS: dict[str, str] = {
    "new": N_(
        "The file carries the public key of {publisher}: once imported, Tejido can verify "
        "the certificates that organisation issues."
    ),
    "removed": N_(
        "The file carries the public key of {publisher}, which was taken out of this Tejido: "
        "it is left out."
    ),
}


def source_text(plan: Any) -> str:
    """Which file, from which organisation, how many practices, and what becomes of its key."""
    publisher = plan.publisher_name or _("an organisation that gave no name")
    count = len(plan.items)
    lines = [
        ngettext(
            "The file {file} comes from {publisher} and holds {count} practice.",
            "The file {file} comes from {publisher} and holds {count} practices.",
            count,
        ).format(file=plan.file_name, publisher=publisher, count=count)
    ]
    if plan.imported_before is not None:
        lines.append(
            _("This same file was already imported on {date}.").format(
                date=format_datetime(plan.imported_before, "short")
            )
        )
    issuer = ISSUER_TEXTS.get(plan.issuer)
    if issuer:
        lines.append(_(issuer).format(publisher=publisher))
    return "\n".join(lines)


def done_text(result: Any) -> str:
    """What the import did, one count a line, and where the backup made before it is."""
    if not result.changed:
        return _("Nothing was changed: your catalogue already had everything in this file.")
    counts = (
        (
            result.added,
            ngettext("{count} practice was added.", "{count} practices were added.", result.added),
        ),
        (
            result.updated,
            ngettext(
                "{count} practice was updated.", "{count} practices were updated.", result.updated
            ),
        ),
        (
            result.forked,
            ngettext(
                "{count} practice was kept in both versions.",
                "{count} practices were kept in both versions.",
                result.forked,
            ),
        ),
        (
            result.kept_mine,
            ngettext(
                "{count} conflict kept your version.",
                "{count} conflicts kept your version.",
                result.kept_mine,
            ),
        ),
        (
            result.withdrawn,
            ngettext(
                "{count} practice was marked as withdrawn by its origin.",
                "{count} practices were marked as withdrawn by their origin.",
                result.withdrawn,
            ),
        ),
        (
            result.shown,
            ngettext(
                "{count} hidden practice is shown again.",
                "{count} hidden practices are shown again.",
                result.shown,
            ),
        ),
        (
            result.skipped,
            ngettext(
                "{count} practice changed nothing and was skipped.",
                "{count} practices changed nothing and were skipped.",
                result.skipped,
            ),
        ),
        (
            result.rejected,
            ngettext(
                "{count} practice was rejected.",
                "{count} practices were rejected.",
                result.rejected,
            ),
        ),
        (
            result.attachments,
            ngettext(
                "{count} new attachment was stored.",
                "{count} new attachments were stored.",
                result.attachments,
            ),
        ),
    )
    lines = [text.format(count=count) for count, text in counts if count]
    if result.issuer_added:
        lines.append(_("The organisation's key is now known: its certificates can be verified."))
    if result.backup is not None:
        lines.append(_("A backup was made just before: {path}").format(path=result.backup))
    return "\n".join(lines)
