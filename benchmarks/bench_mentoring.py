"""Mentoring over the large data (1,000 pairs, 15,000 logged sessions, 450 mentors, 2,000
organisations): what each list and panel of the Mentoring tab reads when it opens.

- the pairs list, first page + count, and a search typed in it;
- the health check (every pair not closed, flagged and sorted);
- one pair's panel: its detail, goals, progress history and session log (the pair with most
  sessions);
- the mentors list, first page + count;
- suggestions: the organisations with needs, and the ranked mentors for one of them.

Each is timed through the services (the median of many calls) against a baseline measured in
the same run: a plain ``sqlite3`` query reading the same rows without the service's work.
Target: each ≤ 150 ms.
"""

from __future__ import annotations

import sqlite3
import statistics
import time

from app.services.context import DataFolder
from app.services.demo.activities import REFERENCE_DATE
from app.services.registry import Services, build_services
from benchmarks.common import large_data_folder, report

TARGET = "≤ 150 ms"
PAIRS_PAGE = (
    "SELECT r.id, mentor.full_name, mentee.full_name, mo.name, eo.name, r.areas, r.status, "
    "r.start_date, r.planned_end, r.last_session_on FROM mentoring_relationships r "
    "JOIN people mentor ON mentor.id = r.mentor_id JOIN people mentee ON mentee.id = r.mentee_id "
    "LEFT JOIN organisations mo ON mo.id = r.mentor_organisation_id "
    "LEFT JOIN organisations eo ON eo.id = r.mentee_organisation_id "
    "WHERE r.deleted_at IS NULL AND (mentee.name_key LIKE ?1 OR mentor.name_key LIKE ?1) "
    "ORDER BY mentee.name_key, r.id LIMIT 200"
)
PAIRS_COUNT = (
    "SELECT count(*) FROM mentoring_relationships r JOIN people mentor ON mentor.id = "
    "r.mentor_id JOIN people mentee ON mentee.id = r.mentee_id WHERE r.deleted_at IS NULL "
    "AND (mentee.name_key LIKE ?1 OR mentor.name_key LIKE ?1)"
)
LIVE_PAIRS = (
    "SELECT r.id, r.status, r.start_date, r.planned_end, r.last_session_on, mentee.full_name "
    "FROM mentoring_relationships r JOIN people mentee ON mentee.id = r.mentee_id "
    "WHERE r.deleted_at IS NULL AND r.status != 'closed'"
)
PAIR_SESSIONS = (
    "SELECT id, date, minutes, mode, topics, summary, agreements, next_steps, mentor_rating, "
    "mentee_rating FROM mentoring_sessions WHERE relationship_id = ? AND deleted_at IS NULL "
    "ORDER BY date DESC"
)
PAIR_GOALS = (
    "SELECT g.id, g.description, g.progress, p.recorded_on, p.progress FROM mentoring_goals g "
    "LEFT JOIN mentoring_goal_progress p ON p.goal_id = g.id WHERE g.relationship_id = ? "
    "AND g.deleted_at IS NULL ORDER BY g.position, p.recorded_on"
)
MENTORS_PAGE = (
    "SELECT m.id, p.full_name, o.name, m.areas, m.expertise, m.capacity, m.available "
    "FROM mentors m JOIN people p ON p.id = m.person_id "
    "LEFT JOIN organisations o ON o.id = m.organisation_id WHERE m.deleted_at IS NULL "
    "ORDER BY p.name_key LIMIT 200"
)
NEEDS = (
    "SELECT id, name, needs FROM organisations WHERE deleted_at IS NULL AND needs != '' "
    "ORDER BY name_key"
)
OFFERS = (
    "SELECT m.id, m.areas, m.expertise, p.expertise, o.expertise, m.capacity FROM mentors m "
    "JOIN people p ON p.id = m.person_id LEFT JOIN organisations o ON o.id = m.organisation_id "
    "WHERE m.deleted_at IS NULL AND m.available"
)


def timed(function, repeat: int = 20) -> float:  # type: ignore[no-untyped-def]
    """The median seconds of ``repeat`` calls, after one call to warm caches up."""
    function()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def compare(name: str, tejido, raw) -> None:  # type: ignore[no-untyped-def]
    """Print the service's median against the raw query's, with their ratio."""
    report(name, timed(tejido) * 1000, timed(raw) * 1000, "ms", TARGET)


def busiest_pair(raw: sqlite3.Connection) -> str:
    """The pair with the longest session log (the slowest panel to open)."""
    return raw.execute(
        "SELECT relationship_id FROM mentoring_sessions GROUP BY relationship_id "
        "ORDER BY count(*) DESC, relationship_id LIMIT 1"
    ).fetchone()[0]


def neediest_organisation(services: Services) -> str:
    """The organisation whose needs speak of most areas (the most mentors to rank)."""
    needs = services.mentoring_suggestions.needs()
    return max(needs, key=lambda row: (len(row.areas), row.organisation_id)).organisation_id


def pair_panel(services: Services, pair_id: str) -> None:
    """What the pair's panel reads when it opens: overview, goals with history, session log."""
    services.mentoring.get(pair_id)
    for goal in services.mentoring.goals(pair_id):
        services.mentoring.goal_history(goal.id or "")
    services.mentoring.sessions(pair_id)


def main() -> None:
    """Time each read against its baseline and print the report lines."""
    folder = large_data_folder()
    services = build_services(DataFolder(folder))
    raw = sqlite3.connect(folder / "tejido.db")
    rows = lambda sql, *args: raw.execute(sql, args).fetchall()  # noqa: E731
    pairs = rows("SELECT count(*) FROM mentoring_relationships")[0][0]
    sessions = rows("SELECT count(*) FROM mentoring_sessions")[0][0]
    print(f"{pairs} pairs, {sessions} sessions")
    compare(
        "mentoring pairs list, first page + count",
        lambda: (services.mentoring.list(), services.mentoring.count()),
        lambda: (rows(PAIRS_PAGE, "%"), rows(PAIRS_COUNT, "%")),
    )
    compare(
        "mentoring pairs list, search “mar” (page + count)",
        lambda: (services.mentoring.list("mar"), services.mentoring.count("mar")),
        lambda: (rows(PAIRS_PAGE, "%mar%"), rows(PAIRS_COUNT, "%mar%")),
    )
    flagged = services.mentoring_health.check(today=REFERENCE_DATE)
    print(f"health: {len(flagged)} pairs need attention")
    compare(
        "mentoring health check (every pair not closed)",
        lambda: services.mentoring_health.check(today=REFERENCE_DATE),
        lambda: rows(LIVE_PAIRS),
    )
    pair_id = busiest_pair(raw)
    compare(
        "one pair's panel: detail, goals with history, session log",
        lambda: pair_panel(services, pair_id),
        lambda: (rows(PAIR_SESSIONS, pair_id), rows(PAIR_GOALS, pair_id)),
    )
    compare(
        "mentors list, first page + count",
        lambda: (services.mentors.list(), services.mentors.count()),
        lambda: rows(MENTORS_PAGE),
    )
    compare(
        "suggestions: organisations with needs",
        lambda: services.mentoring_suggestions.needs(),
        lambda: rows(NEEDS),
    )
    organisation_id = neediest_organisation(services)
    compare(
        "suggestions: ranked mentors for one organisation",
        lambda: services.mentoring_suggestions.suggest(organisation_id),
        lambda: rows(OFFERS),
    )
    raw.close()
    services.db.dispose()


if __name__ == "__main__":
    main()
