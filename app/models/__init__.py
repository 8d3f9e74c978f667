"""The ORM models. Importing this package registers every table on ``Base.metadata``."""

from app.models.activity import (
    Activity,
    ActivityDemand,
    ActivitySession,
    Attendance,
    Demand,
    Registration,
)
from app.models.base import Base, Record, natural_id, new_id, utcnow
from app.models.catalogue import (
    ActivityPractice,
    AttachmentBlob,
    Bundle,
    Practice,
    PracticeAdoption,
    PracticeArea,
    PracticeAttachment,
    PracticeProvenance,
    PracticeVersion,
)
from app.models.certificate import (
    Certificate,
    CertificateWording,
    KnownIssuer,
    SigningKey,
)
from app.models.mentoring import (
    GoalProgress,
    Mentor,
    MentoringGoal,
    MentoringRelationship,
    MentoringSession,
)
from app.models.network import Cascade, CollaborativeProject, ProjectOrganisation
from app.models.organisation import Organisation, OrganisationProfile, the_profile
from app.models.person import Consent, Membership, Person
from app.models.sync import (
    SyncConflict,
    SyncDevice,
    SyncDirty,
    SyncField,
    SyncFile,
    SyncOp,
    SyncSegment,
    SyncState,
)

__all__ = [
    "the_profile",
    "SyncConflict",
    "SyncDevice",
    "SyncDirty",
    "SyncField",
    "SyncFile",
    "SyncOp",
    "SyncSegment",
    "SyncState",
    "Activity",
    "ActivityPractice",
    "ActivityDemand",
    "ActivitySession",
    "Attendance",
    "Demand",
    "Registration",
    "AttachmentBlob",
    "Base",
    "Cascade",
    "CollaborativeProject",
    "ProjectOrganisation",
    "Bundle",
    "Practice",
    "PracticeAdoption",
    "PracticeArea",
    "PracticeAttachment",
    "PracticeProvenance",
    "PracticeVersion",
    "Certificate",
    "CertificateWording",
    "KnownIssuer",
    "SigningKey",
    "Consent",
    "GoalProgress",
    "Mentor",
    "MentoringGoal",
    "MentoringRelationship",
    "MentoringSession",
    "Membership",
    "Organisation",
    "OrganisationProfile",
    "Person",
    "Record",
    "natural_id",
    "new_id",
    "utcnow",
]
