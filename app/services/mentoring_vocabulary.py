"""The fixed lists of social mentoring: areas, frequencies, statuses, closure reasons, modes.

Codes are stored; labels are marked with ``N_`` and shown with ``_(label)``.
"""

from __future__ import annotations

from app.i18n import N_

# What a pair works on: the organisational skills mentors of the network offer.
MENTORING_AREAS: dict[str, str] = {
    "quality": N_("Quality"),
    "leadership": N_("Leadership"),
    "fundraising": N_("Fundraising"),
    "management": N_("Management"),
    "equality": N_("Equality"),
    "communication": N_("Communication"),
    "volunteering": N_("Volunteer management"),
    "digital": N_("Digital skills"),
    "finance": N_("Finance and accounts"),
    "governance": N_("Governance and board"),
    "projects": N_("Project design and evaluation"),
    "networking": N_("Networking and alliances"),
}

# Word stems (folded: lower case, no accents) that reveal an area in free text, in Spanish and
# English, so a declared need ("captación de fondos") meets a mentor's area (fundraising).
MENTORING_AREA_WORDS: dict[str, tuple[str, ...]] = {
    "quality": ("calidad", "quality", "iso", "efqm", "mejora continua", "improvement"),
    "leadership": ("liderazgo", "leadership", "lider", "leader", "direccion de equipos"),
    "fundraising": (
        "fundrais",
        "captacion",
        "fondos",
        "financiacion",
        "subvencion",
        "donacion",
        "donor",
        "grant",
        "mecenazgo",
        "patrocinio",
    ),
    "management": ("gestion", "management", "planificacion", "estrategi", "strateg", "planning"),
    "equality": ("igualdad", "equality", "genero", "gender", "diversidad", "inclusion"),
    "communication": ("comunicacion", "communication", "redes sociales", "social media", "prensa"),
    "volunteering": ("voluntari", "volunteer"),
    "digital": ("digital", "informatica", "tecnolog", "software", "datos", "web"),
    "finance": ("contabilidad", "finanza", "accounting", "finance", "presupuesto", "budget"),
    "governance": (
        "gobernanza",
        "governance",
        "junta directiva",
        "board",
        "estatutos",
        "transparencia",
    ),
    "projects": ("proyecto", "project", "evaluacion", "evaluation", "indicador", "justificacion"),
    "networking": ("red", "redes", "network", "alianza", "alliance", "colaboracion", "partnership"),
}

# Expected frequency of sessions, with the days between two sessions it implies.
FREQUENCIES: dict[str, str] = {
    "weekly": N_("Weekly"),
    "fortnightly": N_("Every two weeks"),
    "monthly": N_("Monthly"),
    "bimonthly": N_("Every two months"),
    "as_needed": N_("As needed"),
}
FREQUENCY_DAYS: dict[str, int | None] = {
    "weekly": 7,
    "fortnightly": 14,
    "monthly": 30,
    "bimonthly": 61,
    "as_needed": None,
}

RELATIONSHIP_STATUSES: dict[str, str] = {
    "proposed": N_("Proposed"),
    "active": N_("Active"),
    "paused": N_("Paused"),
    "closed": N_("Closed"),
}
# Statuses that take one of the mentor's places.
HOLDING_CAPACITY: tuple[str, ...] = ("proposed", "active", "paused")

CLOSURE_REASONS: dict[str, str] = {
    "goals_achieved": N_("Goals achieved"),
    "planned_end": N_("Reached the planned end"),
    "mentee_left": N_("The mentee left"),
    "mentor_left": N_("The mentor left"),
    "not_a_match": N_("Not a good match"),
    "no_time": N_("No time to continue"),
    "other": N_("Other reason"),
}

SESSION_MODES: dict[str, str] = {
    "in_person": N_("In person"),
    "phone": N_("Phone"),
    "video": N_("Video call"),
}

RATINGS: tuple[int, ...] = (1, 2, 3, 4, 5)
