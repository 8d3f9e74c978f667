"""The fixed lists of collaborative projects, cascades and reports.

Codes are stored; labels are marked with ``N_`` and shown with ``_(label)``.
"""

from __future__ import annotations

from app.i18n import N_

# How a collaborative project came about.
PROJECT_ORIGINS: dict[str, str] = {
    "forum": N_("Met at a forum meeting"),
    "capsule": N_("Met at a training capsule"),
    "mentoring": N_("Through mentoring"),
    "catalogue": N_("Through a good practice of the catalogue"),
    "other": N_("Another way"),
}

PROJECT_ROLES: dict[str, str] = {
    "lead": N_("Leads it"),
    "partner": N_("Partner"),
    "supporter": N_("Supports it"),
}

# How an attendee passed the content on in their organisation.
CASCADE_FORMATS: dict[str, str] = {
    "meeting": N_("Team meeting"),
    "training": N_("Internal training"),
    "handout": N_("Handout shared"),
    "volunteers": N_("Session with volunteers"),
    "other": N_("Other"),
}

# Age bands of funders' indicators (ESF+), by birth year against the period's end.
AGE_BANDS: dict[str, str] = {
    "under_18": N_("Under 18"),
    "18_29": N_("18–29"),
    "30_54": N_("30–54"),
    "55_plus": N_("55 and over"),
    "unknown": N_("Age not known"),
}
