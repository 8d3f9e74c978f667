"""Exporting a catalogue bundle of 5,000 practices with 500 attachments, then importing it into
an empty catalogue (the dry run and the one transaction), against a plain ``zipfile`` copy of
the same bundle's bytes, in the same run.

The catalogue is generated here (published practices with Spanish texts of a realistic length
over every area; PDFs and PNGs of 20–200 KB, a fifth of their bytes incompressible), so the
figure does not move when the demo data changes. The import runs on a fresh data folder each
time (made before the clock starts); it includes the safety backup, reading and checking the
hostile-proof way, the classification, writing and the search index.

Baseline: every entry of the exported bundle read and written again to a new ZIP with the same
compression (``zipfile`` read + write, nothing else). Figures are medians over a few runs.
Target: export + import ≤ 5× the baseline.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
import zipfile
from datetime import date
from pathlib import Path

from sqlalchemy import insert, select

from app.models import Practice, PracticeArea, PracticeAttachment, new_id
from app.services.attachments import store_bytes
from app.services.catalogue import ensure_areas, own_identity
from app.services.catalogue_search import rebuild_index
from app.services.catalogue_values import EXCHANGED_FIELDS, content_hash
from app.services.context import DataFolder
from app.services.profile import ProfileData
from app.services.registry import Services, build_services
from app.services.vocabulary import CROSS_CUTTING_THEMES
from benchmarks.common import report

COUNT, FILES, RUNS = 5000, 500, 3
WORDS = (
    "vecinas vecinos barrio huerto comunitario voluntariado jóvenes mayores mujeres empleo "
    "formación acompañamiento participación ayuntamiento entidad red colaboración cuidado "
    "inclusión digital igualdad diversidad cultural sostenibilidad evaluación resultados "
    "aprendizaje mentoría talleres sesiones familias infancia salud convivencia mediación"
).split()
TITLES = ("Huertos", "Banco del tiempo", "Mentoría", "Comedor", "Taller", "Red", "Escuela")


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(sentence(rng, rng.randint(8, 18)) for _ in range(sentences))


def attachment_bytes(rng: random.Random, number: int) -> tuple[bytes, str]:
    """A PDF or a PNG of 20-200 KB: the right first bytes, text-like and random content."""
    size = rng.randint(20_000, 200_000)
    noise = rng.randbytes(size // 5)
    body = (paragraph(rng, 20).encode() * (size // 2000 + 1))[: size - len(noise)]
    if number % 2:
        return b"%PDF-1.4\n" + body + noise + b"\n%%EOF\n", "application/pdf"
    return b"\x89PNG\r\n\x1a\n" + noise + body, "image/png"


def fill(services: Services, rng: random.Random) -> None:
    """COUNT published practices of ours, FILES of them with an attachment each."""
    with services.db.session() as s:
        ensure_areas(s)
        own_id, own_name = own_identity(s)
        areas = list(s.execute(select(PracticeArea.id, PracticeArea.name)).all())
        files = []
        for number in range(FILES):
            data, media_type = attachment_bytes(rng, number)
            files.append((store_bytes(s, data, media_type), media_type, len(data)))
        practices, attachments = [], []
        for number in range(COUNT):
            row = practice_row(rng, number, own_id, own_name)
            area_id, area_name = areas[number % len(areas)]
            hashes = []
            if number < FILES:
                sha256, media_type, size = files[number]
                hashes.append(sha256)
                attachments.append(attachment_row(row["id"], sha256, media_type, size))
            row["area_id"] = area_id
            row["content_hash"] = content_hash({**row, "area": area_name}, hashes)
            practices.append(row)
        for start in range(0, COUNT, 1000):
            s.execute(insert(Practice), practices[start : start + 1000])
        s.execute(insert(PracticeAttachment), attachments)
        rebuild_index(s)


def practice_row(rng: random.Random, number: int, own_id: str, own_name: str) -> dict:
    row: dict[str, object] = {name: "" for name in EXCHANGED_FIELDS if name != "area"}
    title = f"{rng.choice(TITLES)} {sentence(rng, 4)[:-1].lower()} {number}"
    row.update(
        id=new_id(),
        origin_id=own_id,
        origin_name=own_name,
        revision=rng.randint(1, 4),
        title=title,
        title_key=title.lower(),
        themes=rng.sample(sorted(CROSS_CUTTING_THEMES), 2),
        year=rng.randint(2015, 2025),
        links=[f"https://example.org/practica/{number}"],
        status="published",
        reviewer="Comité técnico",
        reviewed_on=date(2025, 1, 1 + number % 28),
        organisation_name="Asociación Raíces",
        territory="Zaragoza",
        target_group="Personas mayores",
        licence="CC BY 4.0",
        summary=paragraph(rng, 2),
        context=paragraph(rng, 3),
        objectives=paragraph(rng, 2),
        description=paragraph(rng, 6),
        results=paragraph(rng, 3),
        lessons=paragraph(rng, 2),
    )
    return row


def attachment_row(practice_id: str, sha256: str, media_type: str, size: int) -> dict:
    return {
        "practice_id": practice_id,
        "sha256": sha256,
        "media_type": media_type,
        "size": size,
        "title": "Ficha",
        "original_name": "ficha.pdf" if media_type == "application/pdf" else "grafico.png",
        "position": 1,
    }


def fresh(folder: Path) -> Services:
    folder.mkdir(parents=True)
    services = build_services(DataFolder(folder))
    services.profile.save(ProfileData(name="Fundación Puente"))
    return services


def zip_copy(source: Path, target: Path) -> None:
    """The baseline: every entry read and written again, with the same compression."""
    with zipfile.ZipFile(source) as reading, zipfile.ZipFile(target, "w") as writing:
        for info in reading.infolist():
            writing.writestr(info, reading.read(info))


def timed(function, *arguments) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    value = function(*arguments)
    return time.perf_counter() - start, value


def import_into(services: Services, path: Path) -> tuple[float, float, object]:
    """The dry run and the import: seconds of each, and the import's result."""
    dry_run, plan = timed(services.bundles.inspect, path)
    applying, result = timed(services.bundles.apply, plan)
    return dry_run, applying, result


def main() -> None:
    """Export and import against the copy, alternating runs so both see the same machine."""
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        origin = fresh(root / "origin")
        origin.profile.save(ProfileData(name="Asociación Raíces"))
        fill(origin, random.Random(6))
        exports, dry_runs, applies, copies = [], [], [], []
        for run in range(RUNS):
            bundle = root / f"raices-{run}.tejido"
            exports.append(timed(origin.bundles.export, bundle)[0])
            copies.append(timed(zip_copy, bundle, root / "copy.zip")[0])
            target = fresh(root / f"here-{run}")
            dry_run, applying, result = import_into(target, bundle)
            assert result.added == COUNT and result.attachments == FILES, result  # noqa: S101
            dry_runs.append(dry_run)
            applies.append(applying)
            target.db.dispose()
        size = (root / "raices-0.tejido").stat().st_size / 1e6
        parts = {
            "export": statistics.median(exports),
            "import, dry run (read, check, classify)": statistics.median(dry_runs),
            "import, apply (backup, one transaction)": statistics.median(applies),
        }
        baseline = statistics.median(copies)
        name = f"{COUNT} practices with {FILES} attachments ({size:.0f} MB bundle)"
        report(f"export then import {name}", sum(parts.values()), baseline, "s", "≤ 5×")
        for part, seconds in parts.items():
            report(f"  of which {part}", seconds, baseline, "s", "-")
        origin.db.dispose()
    sys.stdout.flush()


if __name__ == "__main__":
    main()
