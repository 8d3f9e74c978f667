"""Benchmark: import 10,000 people from a spreadsheet, with duplicate detection.

Target (shared/design/performance.md): preview + apply of a 10,000-row CSV into a fresh data
folder in at most 20x a raw ``sqlite3.executemany`` of the same people rows into a table of the
same shape (same columns and indexes, same connection settings as Tejido: ``synchronous=FULL``,
the same journal mode, one transaction). Median of 3 runs of each.

Run: ``.venv/bin/python benchmarks/bench_import.py [--rows N] [--runs N]``
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.db import journal_mode_for, runtime_sqlite_version  # noqa: E402
from app.i18n import set_language  # noqa: E402
from app.models import Person, new_id, utcnow  # noqa: E402
from app.services.context import DataFolder  # noqa: E402
from app.services.importing import ImportService  # noqa: E402
from app.services.registry import build_services  # noqa: E402
from app.services.text import fold, normalise_phone  # noqa: E402

TARGET_RATIO = 20.0
GIVEN = (
    "José María Ángela Íñigo Lucía Begoña Núria Raúl Álvaro Inés Jesús Sofía Martín Zoë Adrián "
    "Noemí Ramón Mónica Joaquín Verónica Óscar Irene Andrés Pilar Rocío Tomás Fátima Yolanda"
).split()
FAMILY = (
    "García Fernández Núñez Pérez López Martínez Sánchez Gómez Díaz Muñoz Álvarez Romero "
    "Jiménez Ruiz Hernández Ibáñez Domínguez Vázquez Castaño Peña Güell Etxeberria Zubiría"
).split()
ORGANISATIONS = [
    f"{kind} {place}"
    for kind in ("Asociación Vecinal", "Fundación", "Cooperativa", "Asociación Cultural")
    for place in ("San Martín", "Ribera", "La Peña", "Órbigo", "Albaicín", "Triana", "Gràcia")
]
GENDERS = ("Mujer", "Hombre", "No binario", "", "M", "H")
HEADER = "Nombre;Apellidos;Entidad;Cargo;Sexo;Año de nacimiento;Correo;Teléfono;Consentimiento"


def make_rows(count: int, seed: int = 7) -> list[list[str]]:
    """Realistic rows (accents, repeated names, a few people without e-mail or phone)."""
    rng = random.Random(seed)
    rows = []
    for i in range(count):
        given = rng.choice(GIVEN)
        family = f"{rng.choice(FAMILY)} {rng.choice(FAMILY)}"
        email = "" if i % 7 == 0 else f"{fold(given).replace(' ', '.')}.{i}@example.org"
        phone = "" if i % 5 == 0 else f"6{rng.randrange(10**7, 10**8)}"
        rows.append(
            [
                given,
                f"{family} {i}",
                rng.choice(ORGANISATIONS),
                rng.choice(("socia", "voluntario", "", "presidenta")),
                rng.choice(GENDERS),
                str(rng.randint(1940, 2006)),
                email,
                phone,
                rng.choice(("sí", "x", "", "no")),
            ]
        )
    return rows


def write_csv(path: Path, rows: list[list[str]]) -> None:
    """A Spanish Excel CSV: semicolons, Windows-1252, CRLF."""
    lines = [HEADER, *(";".join(r) for r in rows)]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))


def time_import(csv_path: Path, folder: Path) -> tuple[float, float]:
    """Seconds for preview + apply into a fresh folder, then for importing the same file again
    (every row then matches someone already there: e-mail matches update, the rest are skipped
    as possible duplicates)."""
    services = build_services(DataFolder(folder))
    try:
        importer = ImportService(services.db, services.folder)
        times = []
        for _round in range(2):
            start = time.perf_counter()
            summary = importer.apply(importer.preview(csv_path))
            times.append(time.perf_counter() - start)
            if summary.rejected or not (summary.created or summary.updated):
                raise SystemExit(f"the import did not run as expected: {summary.as_dict()}")
    finally:
        services.db.dispose()
    return times[0], times[1]


def time_raw(db_path: Path, rows: list[list[str]]) -> float:
    """``sqlite3.executemany`` of the same people into a table of the same shape."""
    con = sqlite3.connect(db_path, isolation_level=None)
    con.execute(f"PRAGMA journal_mode={journal_mode_for(runtime_sqlite_version())}")
    con.execute("PRAGMA synchronous=FULL")
    table = Person.__table__
    columns = [c.name for c in table.columns]
    con.execute(f"CREATE TABLE people ({', '.join(columns)}, PRIMARY KEY (id))")
    for index in table.indexes:
        names = ", ".join(c.name for c in index.columns)
        con.execute(f"CREATE INDEX {index.name} ON people ({names})")
    now = utcnow().isoformat(" ")
    values = [
        {
            "id": new_id(),
            "full_name": f"{r[0]} {r[1]}",
            "given_name": r[0],
            "family_name": r[1],
            "name_key": fold(f"{r[0]} {r[1]}"),
            "gender": "not_stated",
            "birth_year": int(r[5]),
            "email": r[6],
            "phone": r[7],
            "phone_key": normalise_phone(r[7]),
            "preferred_language": "",
            "expertise": "",
            "interests": "",
            "accessibility_needs": "",
            "notes": "",
            "merged_into_id": None,
            "created_at": now,
            "updated_at": now,
            "deleted_at": None,
        }
        for r in rows
    ]
    placeholders = ", ".join(f":{c}" for c in columns)
    start = time.perf_counter()
    con.execute("BEGIN")
    con.executemany(f"INSERT INTO people ({', '.join(columns)}) VALUES ({placeholders})", values)
    con.execute("COMMIT")
    elapsed = time.perf_counter() - start
    con.close()
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    set_language("en")
    rows = make_rows(args.rows)
    figures, again, baselines = [], [], []
    with tempfile.TemporaryDirectory(prefix="tejido-bench-") as tmp:
        base = Path(tmp)
        csv_path = base / "personas.csv"
        write_csv(csv_path, rows)
        for run in range(args.runs):
            folder = base / f"data-{run}"
            folder.mkdir()
            first, second = time_import(csv_path, folder)
            figures.append(first)
            again.append(second)
            baselines.append(time_raw(base / f"raw-{run}.db", rows))
    figure, baseline = statistics.median(figures), statistics.median(baselines)
    ratio = figure / baseline
    print(f"import {args.rows:,} people (preview + apply): {figure:.3f} s (median of {args.runs})")
    print(f"baseline raw sqlite3.executemany of the same rows: {baseline:.3f} s")
    verdict = "ok" if ratio <= TARGET_RATIO else "OVER TARGET"
    print(f"ratio: {ratio:.1f}x (target <= {TARGET_RATIO:.0f}x) {verdict}")
    repeat = statistics.median(again)
    print(f"the same file again, every row matching: {repeat:.3f} s ({repeat / baseline:.1f}x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
