"""The words of the report's figures, by JSON key path, for every place that shows them (the
Reports page, the XLSX and PDF exports, the records dialog), so they name figures alike."""

from __future__ import annotations

import logging

from app.i18n import N_, _
from app.services.network_vocabulary import AGE_BANDS
from app.services.vocabulary import ACTIVITY_KINDS, GENDERS, ORGANISATION_KINDS

log = logging.getLogger(__name__)

GROUPS: dict[str, str] = {
    "participants": N_("Participants"),
    "completed": N_("Participants who completed"),
    "hours": N_("Hours"),
    "sessions": N_("Sessions"),
    "organisations": N_("Organisations"),
    "mentoring": N_("Mentoring"),
    "practices": N_("Good practices"),
    "certificates": N_("Certificates"),
    "cascades": N_("Cascades"),
}

FIGURES: dict[str, str] = {
    "participants.total": N_("Unique participants"),
    "participants.by_gender": N_("Participants by gender"),
    "participants.by_age_band": N_("Participants by age band"),
    "participants.by_kind": N_("Participants by kind of activity"),
    "completed.total": N_("Participants who completed"),
    "completed.by_gender": N_("Participants who completed, by gender"),
    "hours.delivered": N_("Hours delivered"),
    "hours.person_hours": N_("Person-hours received"),
    "sessions": N_("Sessions held"),
    "organisations.reached": N_("Organisations reached"),
    "organisations.completed": N_("Organisations that completed a programme"),
    "organisations.by_type": N_("Organisations reached, by type"),
    "organisations.by_territory": N_("Organisations reached, by territory"),
    "mentoring.pairs_active": N_("Mentoring pairs active"),
    "mentoring.pairs_closed": N_("Mentoring pairs closed"),
    "mentoring.sessions": N_("Mentoring sessions"),
    "mentoring.hours": N_("Mentoring hours"),
    "mentoring.goals_achieved": N_("Mentoring goals achieved"),
    "practices.collected": N_("Good practices collected"),
    "practices.published": N_("Good practices published"),
    "practices.shared": N_("Good practices shared in bundles"),
    "practices.adopted": N_("Good practices adopted"),
    "certificates.issued": N_("Certificates issued"),
    "cascades.count": N_("Cascades held"),
    "cascades.people_reached": N_("People reached by cascades"),
}

# The vocabularies of the breakdowns whose cells are codes (territories are names as written).
CELL_WORDS: dict[str, dict[str, str]] = {
    "by_gender": GENDERS,
    "by_age_band": AGE_BANDS,
    "by_kind": ACTIVITY_KINDS,
    "by_type": ORGANISATION_KINDS,
}

NO_TERRITORY = N_("Territory not recorded")


def group_label(group: str) -> str:
    """The heading of a group of figures ("participants" → "Participants")."""
    return _(GROUPS[group]) if group in GROUPS else group


def cell_label(breakdown: str, code: str) -> str:
    """The words of one cell of a breakdown ("by_gender", "woman" → "Woman")."""
    if breakdown == "by_territory":
        return code or _(NO_TERRITORY)
    words = CELL_WORDS.get(breakdown, {})
    return _(words[code]) if code in words else code


def figure_label(key: str) -> str:
    """The words of a figure by its key path: "participants.total" → "Unique participants";
    a breakdown cell "participants.by_gender.woman" → "Participants by gender: Woman" (the
    organisations with no territory are the cell "" : "organisations.by_territory.")."""
    group, _dot, rest = key.partition(".")
    figure, dot, code = rest.partition(".")
    base = f"{group}.{figure}" if figure else group
    if base not in FIGURES:
        return key
    if not dot:
        return _(FIGURES[base])
    return _("{figure}: {cell}").format(figure=_(FIGURES[base]), cell=cell_label(figure, code))
