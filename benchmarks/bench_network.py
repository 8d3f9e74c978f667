"""The network map over the large data (2,000 organisations, 5,000 activities with 250,000
attendance marks, 1,000 mentoring pairs, 300 projects): what the Network page computes when it
opens or a filter changes.

- one year (the demo's reference year): the links of every organisation, the 300 most
  connected, the links between them, and the layout;
- the same year filtered by an area of action;
- every date (no period).

Each is timed through the service (the median of several calls) against a baseline measured in
the same run: plain ``sqlite3`` queries reading the same rows (who attended which activity for
which organisation, the pairs, the projects' organisations) without the service's work. The
split (reading, choosing and linking, layout) is printed for the year. Target: ≤ 1 s.
"""

from __future__ import annotations

import sqlite3
import statistics
import time
from datetime import date

from app.services import network_map
from app.services import network_queries as queries
from app.services.context import DataFolder
from app.services.demo.activities import REFERENCE_DATE
from app.services.network_layout import force_layout
from app.services.registry import Services, build_services
from benchmarks.common import large_data_folder, report

TARGET = "≤ 1 s"
ATTENDED = (
    "SELECT r.activity_id, r.organisation_id, r.person_id FROM registrations r "
    "WHERE r.deleted_at IS NULL AND r.organisation_id IS NOT NULL "
    "AND r.activity_id IN (SELECT activity_id FROM activity_sessions s WHERE {period}) "
    "AND EXISTS (SELECT 1 FROM activity_sessions s JOIN attendance a ON a.session_id = s.id "
    "AND a.person_id = r.person_id WHERE s.activity_id = r.activity_id AND {period} "
    "AND a.status IN ('present', 'late', 'left_early') AND a.deleted_at IS NULL)"
)
PERIOD = "s.deleted_at IS NULL AND s.date BETWEEN ?1 AND ?2"
EVERY_DATE = "s.deleted_at IS NULL"
PAIRS = (
    "SELECT mentor_organisation_id, mentor_id, mentee_organisation_id, mentee_id "
    "FROM mentoring_relationships WHERE deleted_at IS NULL "
    "AND status IN ('active', 'paused', 'closed')"
)
PROJECTS = (
    "SELECT po.project_id, po.organisation_id FROM project_organisations po "
    "JOIN projects p ON p.id = po.project_id WHERE po.deleted_at IS NULL AND p.deleted_at IS NULL"
)


def timed(function, repeat: int = 7) -> float:  # type: ignore[no-untyped-def]
    """The median seconds of ``repeat`` calls, after one call to warm caches up."""
    function()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def raw_reads(raw: sqlite3.Connection, period: str, *args: object) -> None:
    raw.execute(ATTENDED.format(period=period), args).fetchall()
    raw.execute(PAIRS).fetchall()
    raw.execute(PROJECTS).fetchall()


def split(services: Services, start: date, end: date) -> None:
    """Where the year's time goes: reading, choosing and linking, laying out."""
    with services.db.session() as s:
        began = time.perf_counter()
        facts = queries.read_links(s, start, end, "")
        read = time.perf_counter() - began
    began = time.perf_counter()
    strength = network_map._strength(facts)
    chosen = sorted(strength, key=lambda org: (-strength[org], org))[: network_map.MAX_NODES]
    edges, links = network_map._edges(facts, set(chosen))
    linking = time.perf_counter() - began
    index = {org: position for position, org in enumerate(chosen)}
    began = time.perf_counter()
    force_layout(len(chosen), [(index[e.a], index[e.b], e.weight) for e in edges])
    layout = time.perf_counter() - began
    print(
        f"split: reading {read * 1000:.0f} ms, choosing and linking {linking * 1000:.0f} ms "
        f"({len(strength)} organisations, {links} links between the {len(chosen)} drawn, "
        f"{len(edges)} drawn), layout {layout * 1000:.0f} ms"
    )


def main() -> None:
    """Time each map against its baseline and print the report lines."""
    folder = large_data_folder()
    services = build_services(DataFolder(folder))
    raw = sqlite3.connect(f"file:{folder / 'tejido.db'}?mode=ro", uri=True)
    start, end = date(REFERENCE_DATE.year, 1, 1), date(REFERENCE_DATE.year, 12, 31)
    year = services.network.build(start, end)
    print(f"{start.year}: {year.note() or 'nothing left out'}")
    split(services, start, end)
    area = "Social inclusion"
    cases = (
        (f"network map, one year ({start.year})", (start, end, ""), (PERIOD, start, end)),
        (f"network map, one year, area “{area}”", (start, end, area), (PERIOD, start, end)),
        ("network map, every date", (None, None, ""), (EVERY_DATE,)),
    )
    for name, (first, last, chosen_area), baseline in cases:
        figure = timed(lambda: services.network.build(first, last, chosen_area))  # noqa: B023
        base = timed(lambda: raw_reads(raw, *baseline))  # noqa: B023
        report(name, figure, base, "s", TARGET)
    raw.close()
    services.db.dispose()


if __name__ == "__main__":
    main()
