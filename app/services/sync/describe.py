"""Words for sync's screens: what a table's records are called, a record's name, a field's name.

Names come from the merged fields, so a record removed here still has one in its history.
"""

from __future__ import annotations

import json

from sqlalchemy import Connection

from app.i18n import N_, _
from app.services.sync.field_labels import FIELD_LABELS, INTERNAL_FIELDS

TABLE_LABELS = {
    "activities": N_("Activity"),
    "activity_sessions": N_("Activity session"),
    "registrations": N_("Registration"),
    "attendance": N_("Attendance"),
    "demands": N_("Training demand"),
    "activity_demands": N_("Demand answered by an activity"),
    "practice_areas": N_("Catalogue area"),
    "practices": N_("Good practice"),
    "attachment_blobs": N_("Attached file"),
    "practice_attachments": N_("Practice attachment"),
    "practice_adoptions": N_("Practice adoption"),
    "practice_versions": N_("Practice revision"),
    "bundles": N_("Catalogue bundle"),
    "practice_provenance": N_("Practice provenance"),
    "activity_practices": N_("Practice handed out at an activity"),
    "signing_keys": N_("Certificate signing key"),
    "known_issuers": N_("Known certificate issuer"),
    "certificates": N_("Certificate"),
    "certificate_wordings": N_("Certificate wording"),
    "mentors": N_("Mentor"),
    "mentoring_relationships": N_("Mentoring pair"),
    "mentoring_goals": N_("Mentoring goal"),
    "mentoring_goal_progress": N_("Goal progress"),
    "mentoring_sessions": N_("Mentoring session"),
    "projects": N_("Collaborative project"),
    "project_organisations": N_("Organisation in a project"),
    "cascades": N_("Cascade"),
    "organisation_profile": N_("Our organisation"),
    "organisations": N_("Organisation"),
    "people": N_("Person"),
    "memberships": N_("Membership"),
    "consents": N_("Consent"),
}

# Never printed in a history (the session's own form shows them; a conflict shows both).
CONFIDENTIAL = frozenset({("mentoring_sessions", "confidential_notes")})

# Fields whose value names the record, in order of preference.
_NAMING = ("full_name", "name", "title", "topic", "code", "description", "date", "held_on")
# References whose record's name says what a link record is about.
_REFERENCES = {
    "person_id": "people",
    "mentee_id": "people",
    "organisation_id": "organisations",
    "activity_id": "activities",
    "session_id": "activity_sessions",
    "practice_id": "practices",
    "project_id": "projects",
    "relationship_id": "mentoring_relationships",
    "goal_id": "mentoring_goals",
    "demand_id": "demands",
}


def table_label(table: str) -> str:
    label = TABLE_LABELS.get(table)
    return _(label) if label else table.replace("_", " ").capitalize()


def is_internal(field: str) -> bool:
    """Stamps, hashes and search keys derived from other fields: never shown on their own."""
    return field in INTERNAL_FIELDS or field.endswith("_key")


def field_label(field: str) -> str:
    label = FIELD_LABELS.get(field)
    return _(label) if label else field.replace("_", " ").capitalize()


def record_label(conn: Connection, table: str, record: str, depth: int = 0) -> str:
    """A short name for a record, e.g. "Ana García" or "Ana García · Taller de redes"."""
    fields = dict(
        conn.exec_driver_sql(
            "SELECT field, value FROM sync_fields WHERE table_name = ? AND record_id = ?",
            (table, record),
        ).fetchall()
    )
    for name in _NAMING:
        text = _text(fields.get(name))
        if text:
            if (
                depth == 0
                and "session_id" not in fields
                and "activity_id" in fields
                and name != "title"
            ):
                parent = record_label(conn, "activities", _text(fields["activity_id"]), depth + 1)
                return f"{parent} · {text}" if parent else text
            return text[:80]
    if depth > 1:
        return ""
    parts = []
    for reference, target in _REFERENCES.items():
        other = _text(fields.get(reference))
        if other:
            found = record_label(conn, target, other, depth + 1)
            if found:
                parts.append(found)
    return " · ".join(parts[:2]) or record[:8]


def reference_label(conn: Connection, field: str, value: str) -> str | None:
    """The name of the record a reference field points to ("Ana García" for a person_id)."""
    target = _REFERENCES.get(field) or {
        "mentor_id": "mentors",
        "mentor_organisation_id": "organisations",
        "mentee_organisation_id": "organisations",
        "area_id": "practice_areas",
        "merged_into_id": None,
    }.get(field)
    record = _text(value)
    if not target or not record:
        return None
    return record_label(conn, target, record) or None


def _text(value: str | None) -> str:
    if not value:
        return ""
    raw = json.loads(value)
    return raw.strip() if isinstance(raw, str) else ""
