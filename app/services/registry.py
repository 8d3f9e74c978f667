"""All the services of one open data folder, built once at start and handed to the GUI or CLI."""

from __future__ import annotations

from dataclasses import dataclass

from app.db import Database
from app.services.activities import ActivityService
from app.services.adoptions import AdoptionService
from app.services.attendance import AttendanceService
from app.services.backups import BackupService
from app.services.bundles.service import BundleService
from app.services.cascades import CascadeService
from app.services.catalogue import CatalogueService
from app.services.certificates import CertificateService
from app.services.completion import CompletionService
from app.services.context import DataFolder, open_database
from app.services.demands import DemandService
from app.services.duplicates import DuplicatesService
from app.services.health import HealthService
from app.services.importing import ImportService
from app.services.mentoring import MentoringService
from app.services.mentoring_health import MentoringHealthService
from app.services.mentoring_suggestions import MentoringSuggestionService
from app.services.mentors import MentorService
from app.services.network_map import NetworkService
from app.services.organisations import OrganisationService
from app.services.people import PeopleService
from app.services.profile import ProfileService
from app.services.projects import ProjectService
from app.services.registrations import RegistrationService
from app.services.reports.service import ReportService
from app.services.sync.service import SyncService


@dataclass(frozen=True, slots=True)
class Services:
    folder: DataFolder
    db: Database
    profile: ProfileService
    organisations: OrganisationService
    people: PeopleService
    duplicates: DuplicatesService
    backups: BackupService
    health: HealthService
    importing: ImportService
    activities: ActivityService
    registrations: RegistrationService
    attendance: AttendanceService
    completion: CompletionService
    demands: DemandService
    certificates: CertificateService
    catalogue: CatalogueService
    adoptions: AdoptionService
    bundles: BundleService
    mentoring: MentoringService
    mentors: MentorService
    mentoring_health: MentoringHealthService
    mentoring_suggestions: MentoringSuggestionService
    network: NetworkService
    projects: ProjectService
    cascades: CascadeService
    reports: ReportService
    sync: SyncService


def build_services(folder: DataFolder, db: Database | None = None) -> Services:
    """Open (and migrate) the folder's database unless ``db`` is given, and build the services."""
    db = db or open_database(folder)
    return Services(
        folder=folder,
        db=db,
        profile=ProfileService(db),
        organisations=OrganisationService(db),
        people=PeopleService(db),
        duplicates=DuplicatesService(db, folder),
        backups=BackupService(db, folder),
        health=HealthService(db, folder),
        importing=ImportService(db, folder),
        activities=ActivityService(db),
        registrations=RegistrationService(db),
        attendance=AttendanceService(db),
        completion=CompletionService(db),
        demands=DemandService(db),
        certificates=CertificateService(db),
        catalogue=CatalogueService(db),
        adoptions=AdoptionService(db),
        bundles=BundleService(db, folder),
        mentoring=MentoringService(db),
        mentors=MentorService(db),
        mentoring_health=MentoringHealthService(db),
        mentoring_suggestions=MentoringSuggestionService(db),
        network=NetworkService(db),
        projects=ProjectService(db),
        cascades=CascadeService(db),
        reports=ReportService(db),
        sync=SyncService(db, folder),
    )
