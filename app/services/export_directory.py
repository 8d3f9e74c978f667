"""The directory's sections of ``tejido export-data``: our organisation's profile, the
organisations and the people (with their memberships and consents). Documented in
docs/export-format.md; :mod:`app.services.export_data` lists them among its sections."""

from __future__ import annotations

import base64
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Consent, Membership, Organisation, OrganisationProfile, Person, the_profile


def stamp(value: datetime | None) -> str | None:
    return value.replace(tzinfo=UTC).isoformat().replace("+00:00", "Z") if value else None


def _image(data: bytes | None) -> str | None:
    return base64.b64encode(data).decode("ascii") if data else None


def profile(s: Session) -> dict[str, object] | None:
    row = s.scalar(the_profile())
    if row is None:
        return None
    values = {c.key: getattr(row, c.key) for c in OrganisationProfile.__table__.columns}
    values["logo"] = _image(row.logo)
    values["signature_image"] = _image(row.signature_image)
    values["public_key"] = _image(row.public_key)
    for key in ("created_at", "updated_at", "deleted_at"):
        values[key] = stamp(values[key])
    return values


def organisations(s: Session) -> list[dict[str, object]]:
    skip = {"name_key"}
    result = []
    for row in s.scalars(
        select(Organisation)
        .where(Organisation.merged_into_id.is_(None))
        .order_by(Organisation.name_key, Organisation.id)
    ):
        values = {c.key: getattr(row, c.key) for c in Organisation.__table__.columns}
        for key in skip | {"merged_into_id"}:
            values.pop(key)
        for key in ("created_at", "updated_at", "deleted_at"):
            values[key] = stamp(values[key])
        result.append(values)
    return result


def people(s: Session) -> list[dict[str, object]]:
    memberships: dict[str, list[dict[str, object]]] = {}
    for person_id, organisation_id, name, role in s.execute(
        select(Membership.person_id, Membership.organisation_id, Organisation.name, Membership.role)
        .join(Organisation, Organisation.id == Membership.organisation_id)
        .where(Membership.deleted_at.is_(None))
        .order_by(Organisation.name_key, Organisation.id)
    ):
        memberships.setdefault(person_id, []).append(
            {"id": organisation_id, "name": name, "role": role}
        )
    consents: dict[str, list[dict[str, object]]] = {}
    for c in s.scalars(
        select(Consent).where(Consent.deleted_at.is_(None)).order_by(Consent.granted_at, Consent.id)
    ):
        consents.setdefault(c.person_id, []).append(
            {
                "purpose": c.purpose,
                "granted_at": stamp(c.granted_at),
                "collected_by": c.collected_by,
                "notice_version": c.notice_version,
                "withdrawn_at": stamp(c.withdrawn_at),
                "notes": c.notes,
            }
        )
    result = []
    for p in s.scalars(
        select(Person).where(Person.merged_into_id.is_(None)).order_by(Person.name_key, Person.id)
    ):
        result.append(
            {
                "id": p.id,
                "full_name": p.full_name,
                "given_name": p.given_name,
                "family_name": p.family_name,
                "gender": p.gender,
                "birth_year": p.birth_year,
                "email": p.email,
                "phone": p.phone,
                "preferred_language": p.preferred_language,
                "expertise": p.expertise,
                "interests": p.interests,
                "accessibility_needs": p.accessibility_needs,
                "notes": p.notes,
                "organisations": memberships.get(p.id, []),
                "consent": consents.get(p.id, []),
                "created_at": stamp(p.created_at),
                "updated_at": stamp(p.updated_at),
                "deleted_at": stamp(p.deleted_at),
            }
        )
    return result
