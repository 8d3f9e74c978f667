"""What ties a person to the rest of the directory: memberships of organisations, and consent.

Used inside the people service's sessions: reading and saving the links is part of reading and
saving the person, in the same unit of work.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import ValidationError
from app.i18n import _
from app.models import Consent, Membership, Organisation, natural_id, utcnow
from app.services import text, validation
from app.services.organisations import find_or_create_organisation
from app.services.vocabulary import CONSENT_PURPOSES, MEMBERSHIP_ROLES

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class MembershipData:
    """A person's place in one organisation (``role`` from :data:`MEMBERSHIP_ROLES`).

    ``organisation_id`` is ``None`` for an organisation known only by ``organisation_name``: it is
    found by that name, or created, in the same unit of work that saves the person.
    """

    organisation_id: str | None
    organisation_name: str = ""
    role: str = "member"


@dataclass(frozen=True, slots=True)
class ConsentData:
    """One consent a person gave (``purpose`` from :data:`CONSENT_PURPOSES`), maybe withdrawn."""

    purpose: str
    granted_at: datetime
    collected_by: str = ""
    notice_version: str = ""
    withdrawn_at: datetime | None = None
    notes: str = ""
    id: str | None = None


def read_memberships(s: Session, person_id: str) -> tuple[MembershipData, ...]:
    """The person's live memberships, by organisation name."""
    rows = s.execute(
        select(Membership.organisation_id, Organisation.name, Membership.role)
        .join(Organisation, Organisation.id == Membership.organisation_id)
        .where(Membership.person_id == person_id, Membership.deleted_at.is_(None))
        .order_by(Organisation.name_key)
    ).all()
    return tuple(MembershipData(*row) for row in rows)


def read_consents(s: Session, person_id: str) -> tuple[ConsentData, ...]:
    """The person's consents (withdrawn ones too), oldest first."""
    consents = s.scalars(
        select(Consent)
        .where(Consent.person_id == person_id, Consent.deleted_at.is_(None))
        .order_by(Consent.granted_at)
    ).all()
    return tuple(
        ConsentData(
            id=c.id,
            purpose=c.purpose,
            granted_at=c.granted_at,
            collected_by=c.collected_by,
            notice_version=c.notice_version,
            withdrawn_at=c.withdrawn_at,
            notes=c.notes,
        )
        for c in consents
    )


def resolve_new_organisations(s: Session, wanted: Sequence[MembershipData]) -> list[MembershipData]:
    """Inside an open session: ``wanted`` with an id for every organisation given only by name.

    A name already in the directory is that organisation; another one is created here, so it is
    kept only if the rest of the unit of work (the person, their consent) is saved too.
    """
    resolved = []
    for item in wanted:
        if item.organisation_id is None:
            name = validation.check_required(
                text.clean(item.organisation_name), "memberships", _("The name of the organisation")
            )
            organisation_id, created = find_or_create_organisation(s, name)
            if created:
                log.info("organisation %s created with a person", organisation_id)
            item = replace(item, organisation_id=organisation_id)
        resolved.append(item)
    return resolved


def save_memberships(s: Session, person_id: str, wanted: Sequence[MembershipData]) -> None:
    """Make the person's live memberships exactly ``wanted`` (removed ones go to the trash).

    Organisations given only by name are found or created first (:func:`resolve_new_organisations`).
    """
    resolved = resolve_new_organisations(s, wanted)
    wanted = list({item.organisation_id: item for item in resolved}.values())
    ids = [item.organisation_id for item in wanted]
    live = select(Organisation.id).where(Organisation.merged_into_id.is_(None))
    if set(s.scalars(live.where(Organisation.id.in_(ids)))) != set(ids):
        raise ValidationError(
            _("This organisation no longer exists (perhaps merged with another)."),
            field="memberships",
        )
    current = {
        m.organisation_id: m
        for m in s.scalars(select(Membership).where(Membership.person_id == person_id))
    }
    keep: set[str] = set()
    for item in wanted:
        if item.role not in MEMBERSHIP_ROLES:
            raise ValidationError(_("Choose one of the roles."), field="memberships")
        keep.add(item.organisation_id)
        row = current.get(item.organisation_id)
        if row is None:
            s.add(
                Membership(
                    id=natural_id("membership", person_id, item.organisation_id),
                    person_id=person_id,
                    organisation_id=item.organisation_id,
                    role=item.role,
                )
            )
        elif row.role != item.role or row.deleted_at is not None:
            row.role, row.deleted_at = item.role, None
    for organisation_id, row in current.items():
        if organisation_id not in keep and row.deleted_at is None:
            row.deleted_at = utcnow()


def save_consents(s: Session, person_id: str, consents: Sequence[ConsentData]) -> None:
    """Add the new consents (no ``id``) and update the others; raises on an impossible one."""
    existing = {c.id: c for c in s.scalars(select(Consent).where(Consent.person_id == person_id))}
    for item in consents:
        if item.purpose not in CONSENT_PURPOSES:
            raise ValidationError(_("Choose what the consent is for."), field="consents")
        if item.withdrawn_at and item.withdrawn_at < item.granted_at:
            raise ValidationError(
                _("A consent cannot be withdrawn before it was given."), field="consents"
            )
        values = {
            "purpose": item.purpose,
            "granted_at": item.granted_at,
            "collected_by": text.clean(item.collected_by),
            "notice_version": text.clean(item.notice_version),
            "withdrawn_at": item.withdrawn_at,
            "notes": item.notes.strip(),
        }
        row = existing.get(item.id) if item.id else None
        if row is None:
            s.add(Consent(person_id=person_id, **values))
        else:
            for key, value in values.items():
                setattr(row, key, value)
