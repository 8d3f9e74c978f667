"""``tejido export-data``: everything in one documented JSON file (data portability).

The format is described in docs/export-format.md. Each section is a function that reads one
kind of record; :data:`SECTIONS` lists them with the tables they cover, and a test fails when a
table of the schema is covered by no section, so a new table cannot be forgotten silently.
Sync's tables (``sync_*``) belong to this laptop, not to the programme: only the ``sync`` section
reads a few of them (settings, laptops, open conflicts), never the values they carry.
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
    Cascade,
    Certificate,
    CertificateWording,
    CollaborativeProject,
    Demand,
    GoalProgress,
    KnownIssuer,
    Mentor,
    MentoringGoal,
    MentoringRelationship,
    MentoringSession,
    Practice,
    PracticeAdoption,
    PracticeArea,
    PracticeAttachment,
    PracticeProvenance,
    PracticeVersion,
    ProjectOrganisation,
    Registration,
    SigningKey,
)
from app.services import export_directory as directory
from app.services.export_directory import stamp
from app.services.export_sync import SYNC_TABLES, sync_section
from app.services.sync.tables import is_local_table
from app.settings import write_atomically

log = logging.getLogger(__name__)

EXPORT_FORMAT = "tejido-export"
EXPORT_VERSION = 1
Progress = Callable[[int, int], None]


def _plain(value: object) -> object:
    """A column value as JSON: stamps in UTC with a Z, dates and times in ISO form."""
    if isinstance(value, datetime):
        return stamp(value)
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
    "organisation": (directory.profile, ("organisation_profile",)),
    "organisations": (directory.organisations, ("organisations",)),
    "people": (directory.people, ("people", "memberships", "consents")),
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
    "projects": (
        _rows(CollaborativeProject, CollaborativeProject.title_key, CollaborativeProject.id),
        ("projects",),
    ),
    "project_organisations": (
        _rows(ProjectOrganisation, ProjectOrganisation.project_id, ProjectOrganisation.id),
        ("project_organisations",),
    ),
    "cascades": (_rows(Cascade, Cascade.held_on, Cascade.id), ("cascades",)),
    # This laptop's sync state (per laptop, not programme data): never a synced value.
    "sync": (sync_section, SYNC_TABLES),
}
# Tables that hold no programme data of their own.
NOT_EXPORTED = {"alembic_version"}


def left_out(table: str) -> bool:
    """A table no programme section needs: bookkeeping, or this laptop's own sync state."""
    return table in NOT_EXPORTED or is_local_table(table)


def build_export(db: Database, progress: Progress | None = None) -> dict[str, object]:
    """The whole export as a JSON-ready dict."""
    document: dict[str, object] = {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "app_version": __version__,
        "exported_at": stamp(datetime.now(UTC).replace(tzinfo=None)),
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
