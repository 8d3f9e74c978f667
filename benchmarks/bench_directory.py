"""The people list with the large data: first page, and search as you type, against raw SQL.

Baseline: the same page read with plain ``sqlite3`` (a LIKE over the folded names, ordered,
LIMIT 200). Figures are medians (and p95 for typing) over many calls.
"""

from __future__ import annotations

import sqlite3
import statistics
import time

from app.services.context import DataFolder
from app.services.registry import build_services
from benchmarks.common import large_data_folder, report

TYPED = ["m", "ma", "mar", "mari", "maria", "maria g", "maria ga", "maria gar", "maria garc"]


def timed(function, repeat: int = 20) -> list[float]:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    folder = large_data_folder()
    services = build_services(DataFolder(folder))
    raw = sqlite3.connect(folder / "tejido.db")

    def raw_page(query: str = "") -> None:
        raw.execute(
            "SELECT count(*) FROM people WHERE deleted_at IS NULL AND merged_into_id IS NULL "
            "AND name_key LIKE ?",
            (f"%{query}%",),
        ).fetchall()
        raw.execute(
            "SELECT id, full_name, gender, birth_year, email, phone FROM people "
            "WHERE deleted_at IS NULL AND merged_into_id IS NULL AND name_key LIKE ? "
            "ORDER BY name_key, id LIMIT 200",
            (f"%{query}%",),
        ).fetchall()

    def tejido_page(query: str = "") -> None:
        services.people.list(query)
        services.people.count(query)

    first = statistics.median(timed(tejido_page))
    base = statistics.median(timed(raw_page))
    report(
        "people list, first page + count (50,000 people)",
        first * 1000,
        base * 1000,
        "ms",
        "first rows ≤ 150 ms",
    )
    typing, typing_raw = [], []
    for _ in range(5):
        for text in TYPED:
            typing += timed(lambda t=text: tejido_page(t), 1)
            typing_raw += timed(lambda t=text: raw_page(t), 1)
    p95 = statistics.quantiles(typing, n=20)[18]
    p95_raw = statistics.quantiles(typing_raw, n=20)[18]
    report(
        "people search as you type, p95 per keystroke",
        p95 * 1000,
        p95_raw * 1000,
        "ms",
        "≤ 100 ms a keystroke",
    )
    services.db.dispose()


if __name__ == "__main__":
    main()
