"""The report for funders over the large data (50,000 people, 15,000 sessions and 250,000
attendance marks, 1,000 mentoring pairs, 20,000 practices, cascades), for its busiest year.

- the full report (every indicator and breakdown), first call on a fresh connection and the
  median of warm calls;
- the records behind the largest figure (every participant of the year, by name).

The baseline, measured in the same run, is a handful of plain ``sqlite3`` counting queries over
the same rows (unique people attending, sessions and their hours, organisations of the
registrations, mentoring sessions, certificates, practices, cascades) without the report's
breakdowns, trash and merge rules. Target: the full report ≤ 1 s.
"""

from __future__ import annotations

import sqlite3
import statistics
import time
from collections.abc import Callable

from app.services.context import DataFolder
from app.services.registry import build_services
from app.services.reports.period import Period
from benchmarks.common import large_data_folder, report

TARGET = "≤ 1 s"
ATTENDED = "a.status IN ('present', 'late', 'left_early')"
COUNTS = (
    "SELECT count(DISTINCT a.person_id) FROM activity_sessions x "
    f"JOIN attendance a ON a.session_id = x.id WHERE x.date BETWEEN ?1 AND ?2 AND {ATTENDED}",
    "SELECT count(*), sum((strftime('%s', end_time) - strftime('%s', start_time)) / 60) "
    "FROM activity_sessions WHERE date BETWEEN ?1 AND ?2",
    "SELECT count(DISTINCT r.organisation_id) FROM activity_sessions x "
    "JOIN attendance a ON a.session_id = x.id JOIN registrations r "
    "ON r.activity_id = x.activity_id AND r.person_id = a.person_id "
    f"WHERE x.date BETWEEN ?1 AND ?2 AND {ATTENDED}",
    "SELECT count(*), sum(minutes) FROM mentoring_sessions WHERE date BETWEEN ?1 AND ?2",
    "SELECT count(*) FROM certificates WHERE date(issued_at) BETWEEN ?1 AND ?2",
    "SELECT count(*) FROM practices WHERE date(created_at) BETWEEN ?1 AND ?2",
    "SELECT count(*), sum(people_reached) FROM cascades WHERE held_on BETWEEN ?1 AND ?2",
)


def timed(function: Callable[[], object], repeat: int = 7) -> float:
    """The median seconds of ``repeat`` calls, after one call to warm caches up."""
    function()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def busiest_year(raw: sqlite3.Connection) -> int:
    """The year with the most sessions (the heaviest report)."""
    year = raw.execute(
        "SELECT substr(date, 1, 4) FROM activity_sessions WHERE deleted_at IS NULL "
        "GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()[0]
    return int(year)


def main() -> None:
    """Time the report against the raw counting queries and print the report lines."""
    folder = large_data_folder()
    raw = sqlite3.connect(folder / "tejido.db")
    period = Period.year(busiest_year(raw))
    bounds = (period.start.isoformat(), period.end.isoformat())

    def counts() -> None:
        for statement in COUNTS:
            raw.execute(statement, bounds).fetchall()

    baseline = timed(counts)
    services = build_services(DataFolder(folder))
    start = time.perf_counter()
    built = services.reports.build(period, suppress_below=5)
    first = time.perf_counter() - start
    print(
        f"{period.label()}: {built.participants.total} participants, {built.sessions} sessions, "
        f"{built.organisations.reached} organisations reached, {built.cascades.count} cascades"
    )
    report("full report, first call (fresh connection)", first, baseline, "s", TARGET)
    report(
        "full report, warm (median)",
        timed(lambda: services.reports.build(period, suppress_below=5)),
        baseline,
        "s",
        TARGET,
    )
    report(
        "records of every participant of the year",
        timed(lambda: services.reports.records(period, "participants.total"), repeat=3),
        baseline,
        "s",
        "≤ 2 s",
    )
    raw.close()
    services.db.dispose()


if __name__ == "__main__":
    main()
