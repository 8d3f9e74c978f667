"""The catalogue's search as you type over the large example data (20,000 practices), against a
raw FTS5 query on the same rows.

Tejido: ``CatalogueService.search`` — one page of 50 practices, ranked, with their snippets,
leaving out the trash and hidden practices. Baseline: plain ``sqlite3`` asking the full-text
index alone for the same page (the same match expression, the same ranking and snippets, no
filters and no practice columns): the least any search of this index can cost. Every prefix of
a few words is typed five times; the figures are the p95 per keystroke (and the median).

Then, for information, what the catalogue tab asks on each keystroke: the page, the count and
the counts per area.
"""

from __future__ import annotations

import sqlite3
import statistics
import time

from app.services.catalogue_search import RANK, SNIPPET, match_expression
from app.services.context import DataFolder
from app.services.registry import build_services
from benchmarks.common import large_data_folder, report

WORDS = ["voluntariado", "vivienda", "huerto comunitario", "lectura facil", "mujeres mayores"]
TYPED = [word[:end] for word in WORDS for end in range(1, len(word) + 1) if word[end - 1] != " "]
ROUNDS = 5


def timed(function) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18]


def main() -> None:
    folder = large_data_folder()
    services = build_services(DataFolder(folder))
    raw = sqlite3.connect(folder / "tejido.db")
    total = raw.execute("SELECT count(*) FROM practices").fetchone()[0]

    def raw_page(query: str) -> None:
        raw.execute(
            f"SELECT rowid, {SNIPPET} FROM practice_search WHERE practice_search MATCH ? "
            f"ORDER BY {RANK} LIMIT 50",
            (match_expression(query),),
        ).fetchall()

    def tab(query: str) -> None:
        services.catalogue.search(query)
        services.catalogue.count(query)
        services.catalogue.area_counts(query)

    for text in TYPED:  # warm both caches alike
        services.catalogue.search(text)
        raw_page(text)
    ours, base, whole = [], [], []
    for _ in range(ROUNDS):
        for text in TYPED:
            ours.append(timed(lambda t=text: services.catalogue.search(t)))
            base.append(timed(lambda t=text: raw_page(t)))
            whole.append(timed(lambda t=text: tab(t)))
    name = f"catalogue search as you type ({total:,} practices), p95 per keystroke"
    report(name, p95(ours) * 1000, p95(base) * 1000, "ms", "p95 ≤ 20 ms and ≤ 3×")
    report(
        "catalogue search as you type, median per keystroke",
        statistics.median(ours) * 1000,
        statistics.median(base) * 1000,
        "ms",
        "≤ 3×",
    )
    longer = [t for t, text in zip(ours, TYPED * ROUNDS, strict=True) if len(text) >= 3]
    longer_base = [t for t, text in zip(base, TYPED * ROUNDS, strict=True) if len(text) >= 3]
    report(
        "catalogue search, p95 once three letters are typed",
        p95(longer) * 1000,
        p95(longer_base) * 1000,
        "ms",
        "p95 ≤ 20 ms",
    )
    print(
        f"catalogue tab per keystroke (page + count + counts per area): "
        f"p95 {p95(whole) * 1000:.1f} ms, median {statistics.median(whole) * 1000:.1f} ms"
    )
    services.db.dispose()
    raw.close()


if __name__ == "__main__":
    main()
