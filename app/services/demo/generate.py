"""Fill an empty data folder with a realistic programme: the profile, organisations, people,
activities with their sessions, registrations and attendance, demands, social mentoring, the
catalogue of good practices, and the network (collaborative projects and cascades).

Deterministic (fixed seeds, ids drawn from their own seeded stream, stamps from fixed dates) so
two fills give the same export, and benchmarks and screenshots are comparable. Rows are inserted
in bulk, in one transaction. Later kinds of data (mentoring, the catalogue) add their own step.
"""

from __future__ import annotations

import logging
import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func, insert, select
from sqlalchemy import text as sql_text
from sqlalchemy.orm import Session

from app.db import Database
from app.errors import ValidationError
from app.i18n import _
from app.models import Activity, Demand, Organisation, OrganisationProfile, Person
from app.services import text
from app.services.demo import names
from app.services.demo.activities import REFERENCE_DATE, ActivityCounts, fill_activities
from app.services.demo.attendance import PeoplePool
from app.services.demo.catalogue import CatalogueCounts, fill_catalogue
from app.services.demo.certificates import issue_demo_certificates
from app.services.demo.images import demo_logo_png, demo_signature_png
from app.services.demo.mentoring import MentoringCounts, fill_mentoring
from app.services.demo.network import NetworkCounts, fill_network
from app.services.demo.people import STAMP, ascii_word, fill_people
from app.services.vocabulary import AREAS_OF_ACTION

log = logging.getLogger(__name__)

# forum_percent: the share of forum meetings (one session); most of the rest are capsules of 2-4
# sessions, so small has about 70 sessions and large about 15,000 (and 250,000 marks). Mentoring:
# mentors, pairs and the sessions of their logs (exactly). The catalogue: practices, attachments,
# adoptions, and activities at which practices are handed out (exactly). The network: collaborative
# projects and cascades (exactly).
SCALES: dict[str, dict[str, int]] = {
    "small": {
        "organisations": 40,
        "people": 400,
        "activities": 30,
        "forum_percent": 50,
        "mentors": 15,
        "pairs": 20,
        "mentoring_sessions": 150,
        "practices": 60,
        "practice_attachments": 15,
        "adoptions": 25,
        "handouts": 10,
        "projects": 8,
        "cascades": 40,
    },
    "large": {
        "organisations": 2000,
        "people": 50000,
        "activities": 5000,
        "forum_percent": 15,
        "mentors": 450,
        "pairs": 1000,
        "mentoring_sessions": 15000,
        "practices": 20000,
        "practice_attachments": 500,
        "adoptions": 3000,
        "handouts": 500,
        "projects": 300,
        "cascades": 5000,
    },
}
Progress = Callable[[int, int], None]
# Progress units: a person is one, an activity (with its people and marks) about twenty, a
# mentoring pair (with its goals and sessions) two.
ACTIVITY_WEIGHT = 20
PAIR_WEIGHT = 2
# Mentoring and the catalogue are drawn from their own streams, so they stay the same when
# activities change.
MENTORING_SEED = 20261201
CATALOGUE_SEED = 20261202
NETWORK_SEED = 20261203
# A larger page cache while filling: rows with random keys touch pages all over the indexes.
FILL_CACHE_KIB = 128 * 1024


@dataclass(frozen=True, slots=True)
class DemoSummary:
    """How many records of each kind the example data holds."""

    organisations: int
    people: int
    activities: int = 0
    sessions: int = 0
    registrations: int = 0
    attendance: int = 0
    evaluations: int = 0
    demands: int = 0
    certificates: int = 0
    mentors: int = 0
    mentoring_pairs: int = 0
    mentoring_sessions: int = 0
    mentoring_goals: int = 0
    practices: int = 0
    practice_attachments: int = 0
    adoptions: int = 0
    projects: int = 0
    cascades: int = 0


class DemoIds:
    """Random-looking ids (uuid4 form) drawn from their own seeded stream: the same every fill."""

    def __init__(self, seed: int):
        self._rng = random.Random(seed)

    def __call__(self) -> str:
        return str(uuid.UUID(int=self._rng.getrandbits(128), version=4))


class _Steps:
    """One progress bar over the whole fill: ``advance(n)`` units done of ``total``."""

    def __init__(self, total: int, progress: Progress | None):
        self.total, self.done, self.progress = total, 0, progress

    def advance(self, units: int) -> None:
        self.done = min(self.total, self.done + units)
        if self.progress:
            self.progress(self.done, self.total)


def has_data(s: Session) -> bool:
    for model in (OrganisationProfile, Organisation, Person, Activity, Demand):
        if s.scalar(select(func.count()).select_from(model)):
            return True
    return False


def fill_demo(db: Database, scale: str = "small", progress: Progress | None = None) -> DemoSummary:
    """Fill an empty database with example data; refuses a database that holds data already."""
    if scale not in SCALES:
        raise ValidationError(_("The scale must be small or large."))
    sizes = SCALES[scale]
    units = sizes["people"] + sizes["activities"] * ACTIVITY_WEIGHT + sizes["pairs"] * PAIR_WEIGHT
    units += sizes["practices"]
    steps = _Steps(units, progress)
    with db.session() as s:
        if has_data(s):
            raise ValidationError(
                _(
                    "This data folder already holds data, so no example data was added. Use an "
                    "empty folder, for example with --data-dir."
                )
            )
        cache = s.scalar(sql_text("PRAGMA cache_size"))
        s.execute(sql_text(f"PRAGMA cache_size = -{FILL_CACHE_KIB}"))
        counts, mentoring, catalogue, network = _fill(s, sizes, steps)
        s.execute(sql_text(f"PRAGMA cache_size = {int(cache)}"))
    certificates = issue_demo_certificates(db, scale)
    db.analyze()  # the planner's statistics for tables that just went from empty to full
    steps.advance(steps.total)
    log.info("demo data (%s) created", scale)
    return DemoSummary(
        organisations=sizes["organisations"],
        people=sizes["people"],
        activities=counts.activities,
        sessions=counts.sessions,
        registrations=counts.registrations,
        attendance=counts.attendance,
        evaluations=counts.evaluations,
        demands=counts.demands,
        certificates=certificates,
        mentors=mentoring.mentors,
        mentoring_pairs=mentoring.pairs,
        mentoring_sessions=mentoring.sessions,
        mentoring_goals=mentoring.goals,
        practices=catalogue.practices,
        practice_attachments=catalogue.attachments,
        adoptions=catalogue.adoptions,
        projects=network.projects,
        cascades=network.cascades,
    )


def _fill(
    s: Session, sizes: dict[str, int], steps: _Steps
) -> tuple[ActivityCounts, MentoringCounts, CatalogueCounts, NetworkCounts]:
    rng, new_id = random.Random(20261128), DemoIds(20261128)
    _profile(s, new_id)
    organisations = _organisations(s, rng, new_id, sizes["organisations"])
    people = fill_people(s, rng, new_id, sizes["people"], organisations, steps.advance)
    pool = PeoplePool(people, random.Random(rng.random()))
    activities = fill_activities(
        s,
        rng,
        new_id,
        pool,
        organisations,
        sizes,
        lambda done: steps.advance(done * ACTIVITY_WEIGHT),
        REFERENCE_DATE,
    )
    mentoring = fill_mentoring(
        s,
        random.Random(MENTORING_SEED),
        DemoIds(MENTORING_SEED),
        people,
        organisations,
        sizes,
        REFERENCE_DATE,
    )
    steps.advance(sizes["pairs"] * PAIR_WEIGHT)
    catalogue = fill_catalogue(
        s,
        random.Random(CATALOGUE_SEED),
        DemoIds(CATALOGUE_SEED),
        sizes,
        REFERENCE_DATE,
        steps.advance,
    )
    network = fill_network(
        s, random.Random(NETWORK_SEED), DemoIds(NETWORK_SEED), sizes, REFERENCE_DATE
    )
    return activities, mentoring, catalogue, network


def _profile(s: Session, new_id: DemoIds) -> None:
    s.add(
        OrganisationProfile(
            id=new_id(),
            created_at=STAMP,
            updated_at=STAMP,
            name="Red Tejido Asociativo",
            legal_form="Asociación",
            tax_id="G46123451",
            registration_number="CV-01-012345-V",
            address="Calle de la Paz, 12",
            postal_code="46003",
            municipality="Valencia",
            province="Valencia",
            country="España",
            phone="+34 963 00 00 00",
            email="hola@tejido.example.org",
            website="https://tejido.example.org",
            logo=demo_logo_png(),
            signatory_name="Carmen Ibáñez Soler",
            signatory_role="Coordinadora del programa",
            signature_image=demo_signature_png(),
            areas_of_action=list(AREAS_OF_ACTION[:5]),
            default_language="es",
        )
    )


def _organisations(s: Session, rng: random.Random, new_id: DemoIds, count: int) -> list[str]:
    rows, seen = [], set()
    kinds = ["association"] * 6 + ["foundation", "federation", "cooperative", "informal_group"]
    now = STAMP
    while len(rows) < count:
        place, province = rng.choice(names.PLACES)
        word = rng.choice(names.ORGANISATION_WORDS)
        name = rng.choice(names.ORGANISATION_PATTERNS).format(a=word, place=place)
        if name in seen:
            name = f"{name} {len(rows) + 1}"
        seen.add(name)
        rows.append(
            {
                "id": new_id(),
                "name": name,
                "name_key": text.fold(name),
                "kind": rng.choice(kinds),
                "municipality": place,
                "province": province,
                "country": "España",
                "email": f"info@{ascii_word(word)}{len(rows)}.example.org",
                "phone": f"+34 9{rng.randint(10, 99)} {rng.randint(100000, 999999)}",
                "areas_of_action": rng.sample(AREAS_OF_ACTION, k=rng.randint(1, 3)),
                "year_founded": rng.randint(1975, 2024),
                "staff_count": rng.randint(0, 40),
                "volunteer_count": rng.randint(0, 200),
                "created_at": now,
                "updated_at": now,
            }
        )
    s.execute(insert(Organisation.__table__), rows)
    return [r["id"] for r in rows]
