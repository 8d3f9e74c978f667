"""The words of the report's figures: the name of each key of the JSON report, what it counts,
and how a figure is shown (a number in the local format, or "hidden" when suppressed)."""

from __future__ import annotations

import logging

from app.i18n import N_, _, format_number
from app.services.network_vocabulary import AGE_BANDS
from app.services.vocabulary import ACTIVITY_KINDS, ORGANISATION_KINDS

log = logging.getLogger(__name__)

# The groups in the order shown (the top-level "sessions" is shown with the hours).
SECTIONS: dict[str, str] = {
    "participants": N_("Participants"),
    "completed": N_("Participants who completed"),
    "hours": N_("Sessions and hours"),
    "organisations": N_("Organisations"),
    "mentoring": N_("Mentoring"),
    "practices": N_("Good practices"),
    "certificates": N_("Certificates"),
    "cascades": N_("Cascades"),
}
# Keys of the JSON report that are about the report itself, not figures.
NOT_FIGURES = frozenset({"period", "suppressed_below"})

GENDER_WORDS: dict[str, str] = {
    "woman": N_("Women"),
    "man": N_("Men"),
    "non_binary": N_("Non-binary"),
    "not_stated": N_("Not stated"),
}
KIND_WORDS: dict[str, str] = {
    "forum": N_("Forum meetings"),
    "capsule": N_("Training capsules"),
    "other": N_("Other activities"),
}

# Names of keys wherever they appear, then of whole paths (which win).
KEY_WORDS: dict[str, str] = {
    "total": N_("Total (each person once)"),
    "by_gender": N_("By gender"),
    "by_age_band": N_("By age band"),
    "by_kind": N_("By kind of activity"),
    "by_type": N_("Reached, by type"),
    "by_territory": N_("Reached, by territory"),
    "sessions": N_("Sessions"),
    "delivered": N_("Hours delivered"),
    "person_hours": N_("Person-hours received"),
    "reached": N_("Reached (each once)"),
    "pairs_active": N_("Pairs active"),
    "pairs_closed": N_("Pairs closed"),
    "hours": N_("Hours"),
    "goals_achieved": N_("Goals achieved"),
    "collected": N_("Collected"),
    "published": N_("Published"),
    "shared": N_("Shared in bundles"),
    "adopted": N_("Adopted"),
    "issued": N_("Issued"),
    "count": N_("Cascades held"),
    "people_reached": N_("People reached"),
}
PATH_WORDS: dict[str, str] = {
    "sessions": N_("Sessions delivered"),
    "completed.total": N_("Total (each person once)"),
    "organisations.completed": N_("Completed a training or mentoring programme (each once)"),
    "mentoring.sessions": N_("Mentoring sessions"),
    "mentoring.hours": N_("Mentoring hours"),
    "certificates.issued": N_("Certificates issued"),
}

# What a figure counts, shown as its tool tip (the definitions of docs/report-format.md).
HELP: dict[str, str] = {
    "participants": N_(
        "People with at least one attendance (present, late or left early) at a session of the "
        "period. Each person counts once, however many activities they attended."
    ),
    "participants.by_age_band": N_("Age by year of birth, at the end of the period."),
    "participants.by_kind": N_(
        "A person at a forum meeting and a training capsule counts once in each kind, and once "
        "in the total."
    ),
    "completed": N_(
        "People who completed an activity ending in the period (by its rule of minimum "
        "attendance), or received a certificate in the period. Each person counts once."
    ),
    "sessions": N_("Sessions of the period, of activities not in the trash."),
    "hours.delivered": N_("The sum of the length of the sessions of the period."),
    "hours.person_hours": N_("The sum of the time each attendee spent at the sessions."),
    "organisations.reached": N_(
        "Organisations of the participants (as registered) and of the mentoring pairs active "
        "in the period. Each organisation counts once."
    ),
    "organisations.by_type": N_("Organisations reached, by their type."),
    "organisations.by_territory": N_("Organisations reached, by their territory or town."),
    "organisations.completed": N_(
        "Organisations of the people who completed, and of mentees whose pair closed in the "
        "period having achieved its goals or at its planned end."
    ),
    "mentoring": N_(
        "Mentoring pairs active in the period, pairs closed in it, their sessions, hours and "
        "goals achieved."
    ),
    "practices.collected": N_("Good practices added to the catalogue in the period."),
    "practices.published": N_("Own good practices published in the period."),
    "practices.shared": N_("Good practices sent to others in bundles in the period."),
    "practices.adopted": N_("Good practices adopted by an organisation in the period."),
    "certificates": N_("Certificates issued in the period and not revoked (a reissue once)."),
    "cascades": N_("Attendees passing the content on in their organisations, in the period."),
}


def key_words(parent: str, key: str) -> str:
    """The translated name of the figure or group ``key`` inside ``parent`` (a dotted path,
    empty at the top): ``key_words("participants.by_gender", "woman")`` is "Women"."""
    path = f"{parent}.{key}" if parent else key
    if path in PATH_WORDS:
        return _(PATH_WORDS[path])
    if not parent and key in SECTIONS:
        return _(SECTIONS[key])
    family = parent.rsplit(".", 1)[-1]
    vocabulary = {
        "by_gender": GENDER_WORDS,
        "by_age_band": AGE_BANDS,
        "by_kind": KIND_WORDS,
        "by_type": ORGANISATION_KINDS,
    }.get(family)
    if vocabulary is not None and key in vocabulary:
        return _(vocabulary[key])
    if family == "by_territory":
        return key or _("Territory not stated")
    if family == "by_kind" and key in ACTIVITY_KINDS:
        return _(ACTIVITY_KINDS[key])
    if key in KEY_WORDS:
        return _(KEY_WORDS[key])
    return key.replace("_", " ").capitalize() or _("Not stated")


def key_help(parent: str, key: str) -> str | None:
    """What the figure ``key`` inside ``parent`` counts, in words (its own definition or that
    of the nearest group that has one)."""
    parts = [*parent.split("."), key] if parent else [key]
    for end in range(len(parts), 0, -1):
        words = HELP.get(".".join(parts[:end]))
        if words:
            return _(words)
    return None


def hidden_words(threshold: int) -> str:
    """How a suppressed figure is shown: "hidden (fewer than 5)"."""
    return _("hidden (fewer than {count})").format(count=format_number(threshold))


def figure_text(value: object, threshold: int) -> str:
    """A figure as shown: whole numbers as such, hours with one decimal, ``None`` hidden."""
    if value is None:
        return hidden_words(threshold)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return format_number(round(value, 1))
    if isinstance(value, int):
        return format_number(value)
    return str(value)
