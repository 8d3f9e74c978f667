"""``tejido export-data``: everything in one documented JSON file (data portability).

The format is described in docs/export-format.md. Each section is a function that reads one
kind of record; :data:`SECTIONS` lists them with the tables they cover, and a test fails when a
table of the schema is covered by no section, so a new table cannot be forgotten silently.
"""

from __future__ import annotations

import base64
import json
import logging
from collections.abc import Callable
from datetime import UTC, date, datetime, time
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import __version__
from app.db import Database
from app.errors import ValidationError
from app.i18n import _
from app.models import (
    Activity,
    ActivityDemand,
    ActivityPractice,
    ActivitySession,
    AttachmentBlob,
    Attendance,
    Bundle,
    Certificate,
    CertificateWording,
    Consent,
    Demand,
    GoalProgress,
    KnownIssuer,
    Membership,
    Mentor,
    MentoringGoal,
    MentoringRelationship,
    MentoringSession,
    Organisation,
    OrganisationProfile,
    Person,
    Practice,
    PracticeAdoption,
    PracticeArea,
    PracticeAttachment,
    PracticeProvenance,
    PracticeVersion,
    Registration,
    SigningKey,
)
from app.settings import write_atomically

log = logging.getLogger(__name__)

EXPORT_FORMAT = "tejido-export"
EXPORT_VERSION = 1
Progress = Callable[[int, int], None]


def _stamp(value: datetime | None) -> str | None:
    return value.replace(tzinfo=UTC).isoformat().replace("+00:00", "Z") if value else None


def _image(data: bytes | None) -> str | None:
    return base64.b64encode(data).decode("ascii") if data else None


def _profile(s: Session) -> dict[str, object] | None:
    row = s.scalar(select(OrganisationProfile).limit(1))
    if row is None:
        return None
    values = {c.key: getattr(row, c.key) for c in OrganisationProfile.__table__.columns}
    values["logo"] = _image(row.logo)
    values["signature_image"] = _image(row.signature_image)
    values["public_key"] = _image(row.public_key)
    for key in ("created_at", "updated_at", "deleted_at"):
        values[key] = _stamp(values[key])
    return values


def _organisations(s: Session) -> list[dict[str, object]]:
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
            values[key] = _stamp(values[key])
        result.append(values)
    return result


def _people(s: Session) -> list[dict[str, object]]:
    memberships: dict[str, list[dict[str, object]]] = {}
    for person_id, organisation_id, name, role in s.execute(
        select(Membership.person_id, Membership.organisation_id, Organisation.name, Membership.role)
        .join(Organisation, Organisation.id == Membership.organisation_id)
        .where(Membership.deleted_at.is_(None))
        .order_by(Organisation.name_key)
    ):
        memberships.setdefault(person_id, []).append(
            {"id": organisation_id, "name": name, "role": role}
        )
    consents: dict[str, list[dict[str, object]]] = {}
    for c in s.scalars(
        select(Consent).where(Consent.deleted_at.is_(None)).order_by(Consent.granted_at)
    ):
        consents.setdefault(c.person_id, []).append(
            {
                "purpose": c.purpose,
                "granted_at": _stamp(c.granted_at),
                "collected_by": c.collected_by,
                "notice_version": c.notice_version,
                "withdrawn_at": _stamp(c.withdrawn_at),
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
                "created_at": _stamp(p.created_at),
                "updated_at": _stamp(p.updated_at),
                "deleted_at": _stamp(p.deleted_at),
            }
        )
    return result


def _plain(value: object) -> object:
    """A column value as JSON: stamps in UTC with a Z, dates and times in ISO form."""
    if isinstance(value, datetime):
        return _stamp(value)
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    return value


def _rows(
    model: type, *order: object, leave_out: tuple[str, ...] = ()
) -> Callable[[Session], list[dict[str, object]]]:
    """A section reader that writes every column of every row of ``model`` (trashed rows too,
    with their ``deleted_at``), in a stable order, but the columns in ``leave_out``."""
    columns = [c.key for c in model.__table__.columns if c.key not in leave_out]  # type: ignore[attr-defined]

    def read(s: Session) -> list[dict[str, object]]:
        rows = s.execute(select(*(getattr(model, c) for c in columns)).order_by(*order))
        return [{c: _plain(v) for c, v in zip(columns, row, strict=True)} for row in rows]

    return read


# name in the file -> (reader, tables it covers). Later kinds of data add their section here.
SECTIONS: dict[str, tuple[Callable[[Session], object], tuple[str, ...]]] = {
    "organisation": (_profile, ("organisation_profile",)),
    "organisations": (_organisations, ("organisations",)),
    "people": (_people, ("people", "memberships", "consents")),
    "activities": (_rows(Activity, Activity.title_key, Activity.id), ("activities",)),
    "sessions": (
        _rows(
            ActivitySession, ActivitySession.activity_id, ActivitySession.date, ActivitySession.id
        ),
        ("activity_sessions",),
    ),
    "registrations": (
        _rows(Registration, Registration.activity_id, Registration.person_id),
        ("registrations",),
    ),
    "attendance": (
        _rows(Attendance, Attendance.session_id, Attendance.person_id),
        ("attendance",),
    ),
    "demands": (_rows(Demand, Demand.topic_key, Demand.id), ("demands",)),
    "activity_demands": (
        _rows(ActivityDemand, ActivityDemand.activity_id, ActivityDemand.demand_id),
        ("activity_demands",),
    ),
    "certificates": (_rows(Certificate, Certificate.issued_at, Certificate.id), ("certificates",)),
    "certificate_wordings": (
        _rows(CertificateWording, CertificateWording.kind, CertificateWording.language),
        ("certificate_wordings",),
    ),
    # Our public keys only: the private key never leaves the data folder but through backups.
    "signing_keys": (
        _rows(SigningKey, SigningKey.created_at, leave_out=("private_key",)),
        ("signing_keys",),
    ),
    "known_issuers": (_rows(KnownIssuer, KnownIssuer.name, KnownIssuer.id), ("known_issuers",)),
    "mentors": (_rows(Mentor, Mentor.person_id, Mentor.id), ("mentors",)),
    "mentoring_relationships": (
        _rows(MentoringRelationship, MentoringRelationship.start_date, MentoringRelationship.id),
        ("mentoring_relationships",),
    ),
    "mentoring_goals": (
        _rows(
            MentoringGoal, MentoringGoal.relationship_id, MentoringGoal.position, MentoringGoal.id
        ),
        ("mentoring_goals",),
    ),
    "mentoring_goal_progress": (
        _rows(GoalProgress, GoalProgress.goal_id, GoalProgress.recorded_on, GoalProgress.id),
        ("mentoring_goal_progress",),
    ),
    # Confidential notes are kept (and synced) but never leave the data folder otherwise.
    "mentoring_sessions": (
        _rows(
            MentoringSession,
            MentoringSession.relationship_id,
            MentoringSession.date,
            MentoringSession.id,
            leave_out=("confidential_notes",),
        ),
        ("mentoring_sessions",),
    ),
    "practice_areas": (
        _rows(PracticeArea, PracticeArea.position, PracticeArea.name_key, PracticeArea.id),
        ("practice_areas",),
    ),
    "practices": (_rows(Practice, Practice.title_key, Practice.id), ("practices",)),
    "practice_attachments": (
        _rows(
            PracticeAttachment,
            PracticeAttachment.practice_id,
            PracticeAttachment.position,
            PracticeAttachment.id,
        ),
        ("practice_attachments",),
    ),
    # Which files exist (hash and size), not their bytes: a bundle or a backup carries those.
    "attachment_blobs": (
        _rows(AttachmentBlob, AttachmentBlob.sha256, leave_out=("data",)),
        ("attachment_blobs",),
    ),
    "practice_adoptions": (
        _rows(PracticeAdoption, PracticeAdoption.practice_id, PracticeAdoption.id),
        ("practice_adoptions",),
    ),
    "practice_versions": (
        _rows(
            PracticeVersion,
            PracticeVersion.practice_id,
            PracticeVersion.revision,
            PracticeVersion.id,
        ),
        ("practice_versions",),
    ),
    "practice_provenance": (
        _rows(PracticeProvenance, PracticeProvenance.practice_id, PracticeProvenance.id),
        ("practice_provenance",),
    ),
    "bundles": (_rows(Bundle, Bundle.at, Bundle.id), ("bundles",)),
    "activity_practices": (
        _rows(
            ActivityPractice,
            ActivityPractice.activity_id,
            ActivityPractice.position,
            ActivityPractice.id,
        ),
        ("activity_practices",),
    ),
}
# Tables that hold no programme data of their own.
NOT_EXPORTED = {"alembic_version"}


def build_export(db: Database, progress: Progress | None = None) -> dict[str, object]:
    """The whole export as a JSON-ready dict."""
    document: dict[str, object] = {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "app_version": __version__,
        "exported_at": _stamp(datetime.now(UTC).replace(tzinfo=None)),
    }
    with db.session() as s:
        for index, (name, (reader, _tables)) in enumerate(SECTIONS.items()):
            document[name] = reader(s)
            if progress:
                progress(index + 1, len(SECTIONS))
    return document


def export_all(db: Database, path: Path, progress: Progress | None = None) -> dict[str, int]:
    """Write everything to ``path`` (atomically); returns how many records of each kind."""
    document = build_export(db, progress)
    data = json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")
    try:
        write_atomically(path, data)
    except OSError as error:
        raise ValidationError(
            _("The file {path} could not be written ({reason}). Nothing was changed.").format(
                path=path, reason=error.strerror or error
            )
        ) from error
    counts = {k: len(v) for k, v in document.items() if isinstance(v, list)}
    log.info("exported all data: %s", counts)
    return counts
