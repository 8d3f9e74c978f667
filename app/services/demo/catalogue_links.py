"""What hangs from the example practices: their attachments (the bytes stored once by hash),
adoptions by organisations of the directory, the bundles the imported ones came in (with their
provenance), and the practices handed out at activities. Used by :mod:`catalogue`."""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import insert
from sqlalchemy.orm import Session

from app.models import (
    ActivityPractice,
    AttachmentBlob,
    Bundle,
    PracticeAdoption,
    PracticeProvenance,
    natural_id,
)
from app.services.demo.people import ascii_word
from app.services.demo.practice_files import figures, result_chart, summary_pdf
from app.services.demo.practice_texts import adoption_texts

NewId = Callable[[], str]
Row = dict[str, object]
IMPORTED_BY = "Carmen Ibáñez Soler"


@dataclass(slots=True)
class Files:
    """The attachment rows to insert after the practices, and each practice's hashes in order."""

    hashes: dict[str, list[str]] = field(default_factory=dict)
    rows: list[Row] = field(default_factory=list)


def import_stamp(network: int) -> datetime:
    """When the bundle of the ``network``-th other network was imported."""
    return datetime(2026, 3 + 2 * network, 15, 11, 0)


def _slug(value: str) -> str:
    return "-".join(filter(None, (ascii_word(word) for word in value.split())))[:50]


def _shown(row: Row) -> bool:
    return (
        row["status"] == "published"
        and row["deleted_at"] is None
        and not row["hidden"]
        and not row["withdrawn"]
    )


def attachments(
    s: Session, rng: random.Random, new_id: NewId, rows: list[Row], count: int
) -> Files:
    """Store ``count`` attachments' bytes: a summary sheet (PDF) on some published practices,
    and on one in four of those also a chart of results (PNG). Returns the rows to insert once
    the practices are in."""
    charts = count // 5
    candidates = [row for row in rows if row["status"] == "published" and not row["deleted_at"]]
    chosen = rng.sample(candidates, min(count - charts, len(candidates)))
    files, blobs = Files(), dict[str, Row]()
    for index, row in enumerate(chosen):
        title, slug = str(row["title"]), _slug(str(row["title"]))
        sheet = summary_pdf(title, str(row["organisation_name"]), str(row["summary"]), figures(rng))
        items = [(sheet, "application/pdf", "Ficha resumen", f"ficha-{slug}.pdf")]
        if index < charts:
            chart = result_chart(rng)
            items.append((chart, "image/png", "Gráfico de resultados", f"resultados-{slug}.png"))
        for position, (data, media_type, label, name) in enumerate(items, start=1):
            digest = hashlib.sha256(data).hexdigest()
            blobs[digest] = {
                "sha256": digest,
                "size": len(data),
                "data": data,
                "created_at": row["created_at"],
            }
            files.hashes.setdefault(str(row["id"]), []).append(digest)
            files.rows.append(
                {
                    "id": new_id(),
                    "practice_id": row["id"],
                    "sha256": digest,
                    "media_type": media_type,
                    "title": label,
                    "original_name": name,
                    "size": len(data),
                    "position": position,
                    "created_at": row["created_at"],
                    "updated_at": row["created_at"],
                }
            )
    if blobs:
        s.execute(insert(AttachmentBlob.__table__), list(blobs.values()))
    return files


def adoptions(
    s: Session,
    rng: random.Random,
    new_id: NewId,
    rows: list[Row],
    organisations: Sequence[str],
    count: int,
    reference: date,
) -> int:
    """Insert ``count`` adoptions of shown practices by organisations of the directory (never
    the practice's own organisation); one in ten has no date."""
    candidates = [row for row in rows if _shown(row)]
    if not candidates or len(organisations) < 2:
        return 0
    adopted: list[Row] = []
    for number in range(count):
        practice = rng.choice(candidates)
        organisation = rng.choice(organisations)
        while organisation == practice["organisation_id"]:
            organisation = rng.choice(organisations)
        start = date(int(practice["year"]), 3, 1) + timedelta(days=60)  # type: ignore[arg-type]
        days = (reference - start).days
        on = start + timedelta(days=rng.randint(0, days)) if days > 0 else reference
        adaptation, result = adoption_texts(rng)
        stamp = datetime.combine(on, datetime.min.time()) + timedelta(hours=17)
        adopted.append(
            {
                "id": new_id(),
                "practice_id": practice["id"],
                "organisation_id": organisation,
                "adopted_on": None if number % 10 == 7 else on,
                "adaptation": adaptation,
                "result": result,
                "notes": "",
                "created_at": stamp,
                "updated_at": stamp,
            }
        )
    s.execute(insert(PracticeAdoption.__table__), adopted)
    return len(adopted)


def bundles(
    s: Session,
    new_id: NewId,
    rows: list[Row],
    networks: Sequence[tuple[str, str, tuple[str, ...]]],
) -> None:
    """One imported bundle per other network, listing its practices, with their provenance."""
    for index, (origin_id, name, _towns) in enumerate(networks):
        practices = [row for row in rows if row["origin_id"] == origin_id]
        if not practices:
            continue
        at, bundle_id = import_stamp(index), new_id()
        s.execute(
            insert(Bundle.__table__),
            {
                "id": bundle_id,
                "direction": "import",
                "bundle_id": hashlib.sha256(f"demo-bundle-{origin_id}".encode()).hexdigest(),
                "file_name": f"{_slug(name)}.tejido",
                "publisher_id": origin_id,
                "publisher_name": name,
                "at": at,
                "by": IMPORTED_BY,
                "practice_ids": [row["id"] for row in practices],
                "summary": {"new": len(practices)},
                "created_at": at,
                "updated_at": at,
            },
        )
        s.execute(
            insert(PracticeProvenance.__table__),
            [
                {
                    "id": new_id(),
                    "practice_id": row["id"],
                    "bundle_record_id": bundle_id,
                    "revision": row["revision"],
                    "outcome": "new",
                    "created_at": at,
                    "updated_at": at,
                }
                for row in practices
            ],
        )


def handouts(s: Session, rng: random.Random, activities: Sequence[str], rows: list[Row]) -> int:
    """Hand out one or two shown practices at each of ``activities``; returns how many links."""
    candidates = [row for row in rows if _shown(row)]
    links: list[Row] = []
    for activity_id in activities:
        if not candidates:
            break
        for position, practice in enumerate(rng.sample(candidates, rng.randint(1, 2)), start=1):
            stamp = practice["updated_at"]
            links.append(
                {
                    "id": natural_id("activity-practice", activity_id, str(practice["id"])),
                    "activity_id": activity_id,
                    "practice_id": practice["id"],
                    "position": position,
                    "created_at": stamp,
                    "updated_at": stamp,
                }
            )
    if links:
        s.execute(insert(ActivityPractice.__table__), links)
    return len(links)
