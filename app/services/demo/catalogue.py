"""The example catalogue of good practices: practices over every area of the taxonomy, most
collected from organisations of the directory (written here, so ours), a third that came in
bundles from three other networks (with their origin ids, names, revisions, the bundle rows and
provenance), a few hidden here, withdrawn by their origin, edited here or in the trash; summary
sheets (PDF) and result charts (PNG) attached; adoptions by organisations of the directory; and
some practices handed out at activities.

Every practice passes the form's validation and carries the content hash the catalogue service
would give it, so opening one and saving it unchanged changes nothing. Rows are inserted in
batches and the search index is rebuilt once at the end.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from app.i18n import _
from app.models import Activity, Organisation, Practice, PracticeArea, PracticeAttachment
from app.services import text
from app.services.catalogue import ensure_areas, own_identity
from app.services.catalogue_search import rebuild_index
from app.services.catalogue_values import content_hash
from app.services.catalogue_vocabulary import LICENCES
from app.services.demo import catalogue_links
from app.services.demo.people import STAMP, ascii_word
from app.services.demo.practice_seeds import OTHER_NETWORKS, OTHER_ORGANISATIONS, SEEDS, Seed
from app.services.demo.practice_texts import practice_texts
from app.services.vocabulary import AREAS_OF_ACTION

NewId = Callable[[], str]
Row = dict[str, object]
Progress = Callable[[int], None]
BATCH = 2000
REVIEWERS = ("Carmen Ibáñez Soler", "Comité técnico de la red", "Jordi Puig Ferrer")


@dataclass(frozen=True, slots=True)
class CatalogueCounts:
    """How many rows of each kind the example catalogue holds."""

    practices: int = 0
    imported: int = 0
    attachments: int = 0
    adoptions: int = 0


@dataclass(frozen=True, slots=True)
class Places:
    """Where practices happen: the directory's organisations (id, name, municipality) for ours,
    and the other networks (id, name, towns) for the imported ones."""

    organisations: Sequence[tuple[str, str, str]]
    networks: Sequence[tuple[str, str, tuple[str, ...]]]


def fill_catalogue(
    s: Session,
    rng: random.Random,
    new_id: NewId,
    sizes: dict[str, int],
    reference: date,
    progress: Progress,
) -> CatalogueCounts:
    """Insert the example catalogue; ``progress(n)`` when n more practices are written."""
    ensure_areas(s)
    s.execute(update(PracticeArea).values(created_at=STAMP, updated_at=STAMP))  # same every fill
    areas = _areas(s)
    own = own_identity(s)
    places = _places(s, new_id)
    label_ids = {label: area_id_of(s, label) for label in AREAS_OF_ACTION}
    rows = [
        _practice(rng, new_id, number, places, own, reference, label_ids)
        for number in range(sizes["practices"])
    ]
    files = catalogue_links.attachments(s, rng, new_id, rows, sizes["practice_attachments"])
    for start in range(0, len(rows), BATCH):
        batch = rows[start : start + BATCH]
        for row in batch:
            row["content_hash"] = content_hash(
                {**row, "area": areas[row["area_id"]]}, files.hashes.get(row["id"], [])
            )
            published = row["status"] == "published" and row["origin_id"] == own[0]
            row["published_hash"] = row["content_hash"] if published else ""
        s.execute(insert(Practice.__table__), batch)
        progress(len(batch))
    if files.rows:
        s.execute(insert(PracticeAttachment.__table__), files.rows)
    adoptions = _links(s, rng, new_id, rows, places, sizes, reference)
    rebuild_index(s)
    return CatalogueCounts(
        practices=len(rows),
        imported=sum(1 for row in rows if row["origin_id"] != own[0]),
        attachments=len(files.rows),
        adoptions=adoptions,
    )


def _places(s: Session, new_id: NewId) -> Places:
    organisations = s.execute(
        select(Organisation.id, Organisation.name, Organisation.municipality).order_by(
            Organisation.name_key, Organisation.id
        )
    ).all()
    networks = [(new_id(), name, towns) for name, towns in OTHER_NETWORKS]
    return Places(organisations=[tuple(row) for row in organisations], networks=networks)


def _links(
    s: Session,
    rng: random.Random,
    new_id: NewId,
    rows: list[Row],
    places: Places,
    sizes: dict[str, int],
    reference: date,
) -> int:
    """Adoptions, the bundles of the imported practices, and handouts; returns the adoptions."""
    organisation_ids = [organisation[0] for organisation in places.organisations]
    adoptions = catalogue_links.adoptions(
        s, rng, new_id, rows, organisation_ids, sizes["adoptions"], reference
    )
    catalogue_links.bundles(s, new_id, rows, places.networks)
    activities = s.scalars(
        select(Activity.id).order_by(Activity.first_date, Activity.id).limit(sizes["handouts"])
    )
    catalogue_links.handouts(s, rng, list(activities), rows)
    return adoptions


def _areas(s: Session) -> dict[str | None, str]:
    """Area id -> name (None: no area), as :func:`ensure_areas` named them in the program's
    language."""
    names: dict[str | None, str] = dict(s.execute(select(PracticeArea.id, PracticeArea.name)).all())
    names[None] = ""
    return names


def area_id_of(s: Session, label: str) -> str | None:
    """The id of the taxonomy's area for the English source ``label``."""
    return s.scalar(select(PracticeArea.id).where(PracticeArea.name_key == text.fold(_(label))))


def _practice(
    rng: random.Random,
    new_id: NewId,
    number: int,
    places: Places,
    own: tuple[str, str],
    reference: date,
    label_ids: dict[str, str | None],
) -> Row:
    seed: Seed = SEEDS[number % len(SEEDS)]
    imported = number % 3 == 2
    year = rng.randint(2014, reference.year)
    if imported:
        network = (number // 3) % len(places.networks)
        origin_id, origin_name, towns = places.networks[network]
        organisation_id, organisation = None, rng.choice(OTHER_ORGANISATIONS)
        place = rng.choice(towns)
        status = "published"
    else:
        origin_id, origin_name = own
        organisation_id, organisation, place = rng.choice(places.organisations)
        status = rng.choices(("published", "reviewed", "draft"), (6, 2, 2))[0]
    title = seed.title if number < len(SEEDS) else f"{seed.title} en {place}"
    # One in thirty of ours is a draft not filed under any area yet.
    unfiled = not imported and number % 30 == 13
    status = "draft" if unfiled else status
    area_id = None if unfiled else label_ids[seed.area]
    row: Row = {
        "id": new_id(),
        "origin_id": origin_id,
        "origin_name": origin_name,
        "revision": _revision(rng, imported, status),
        "derived_from": None,
        "title": title,
        "title_key": text.fold(title),
        "summary": seed.summary,
        "area_id": area_id,
        "themes": list(seed.themes),
        "organisation_id": organisation_id,
        "organisation_name": organisation,
        "territory": place,
        "target_group": seed.people[0].upper() + seed.people[1:],
        "year": year,
        **practice_texts(rng, seed, place, year),
        "contact": _contact(organisation),
        "links": [f"https://{_slug(organisation)}.example.org/buenas-practicas/{_slug(title)}"],
        "licence": rng.choices((*LICENCES, ""), (8, 2, 1, 1, 1, 2))[0],
        "status": status,
        **_review(rng, status, year, reference, imported),
        **_state(number, imported),
        **_stamps(rng, year, reference),
    }
    if imported:  # it came in its network's bundle (and some were edited here since)
        row["created_at"] = row["updated_at"] = catalogue_links.import_stamp(network)
        if row["edited_locally"]:
            row["updated_at"] = row["created_at"] + timedelta(days=20)
    return row


def _revision(rng: random.Random, imported: bool, status: str) -> int:
    if imported:
        return rng.choice((1, 1, 2, 2, 3, 4))
    return rng.choice((1, 1, 1, 2, 3)) if status == "published" else 1


def _review(rng: random.Random, status: str, year: int, reference: date, imported: bool) -> Row:
    if status == "draft":
        return {"reviewer": "", "reviewed_on": None}
    start = date(year, 6, 1)
    days = max(0, (reference - start).days)
    reviewer = "Comisión de buenas prácticas" if imported else rng.choice(REVIEWERS)
    return {"reviewer": reviewer, "reviewed_on": start + timedelta(days=rng.randint(0, days))}


def _state(number: int, imported: bool) -> Row:
    """Local state: every so often an imported practice is hidden here, withdrawn by its origin
    or edited here; one of ours in forty is in the trash."""
    turn = number // 3
    return {
        "hidden": imported and turn % 7 == 3,
        "withdrawn": imported and turn % 9 == 5,
        "edited_locally": imported and turn % 8 == 6,
        "deleted_at": (
            datetime(2026, 10, 2, 12, 0) if not imported and number % 40 == 16 else None
        ),
    }


def _stamps(rng: random.Random, year: int, reference: date) -> Row:
    created = datetime(year, rng.randint(1, 12), rng.randint(1, 28), 10, 0)
    if created.date() > reference:
        created = datetime(reference.year, reference.month, 1, 10, 0)
    updated = created + timedelta(days=rng.randint(0, 200))
    return {"created_at": created, "updated_at": min(updated, datetime(2026, 11, 27, 18, 0))}


def _contact(organisation: str) -> str:
    return f"Coordinación del proyecto · buenaspracticas@{_slug(organisation)}.example.org"


def _slug(value: str) -> str:
    return "-".join(filter(None, (ascii_word(word) for word in value.split())))[:60]
