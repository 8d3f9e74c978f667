"""The mentoring relationships list: search by names and organisations, the status and area
filters, sorting by each column both ways, and pages that neither overlap nor skip a pair."""

from __future__ import annotations

from datetime import date

import pytest

from app.services.mentoring_queries import SORT_COLUMNS
from app.services.mentoring_values import RelationshipData, RelationshipRow
from app.services.registry import Services
from tests.services.mentoring_helpers import TODAY, log_session, organisation, person


@pytest.fixture
def network(services: Services) -> dict[int, str]:
    """Four pairs numbered 1-4 (see the table) -> their ids."""
    alba, sol = organisation(services, "Fundación Alba"), organisation(services, "Cooperativa Sol")
    rio, mar = organisation(services, "Asociación Río"), organisation(services, "Asociación Mar")
    lucia = person(services, "Lucía Núñez")
    table = [
        # mentor, mentor org, mentee, mentee org, status, areas, start, planned end, sessions
        (lucia, alba, "Pablo Ortega", rio, "active", ("fundraising", "quality"),
         "2026-01-10", "2026-12-31", ("2026-02-01", "2026-03-01")),
        ("Óscar Bello", sol, "Ana Zubiri", mar, "proposed", ("leadership",), None, None, ()),
        ("Marta Díaz", alba, "Carmen Vidal", None, "closed", ("quality",),
         "2025-06-01", "2026-01-31", ("2025-09-15",)),
        (lucia, alba, "Ángel Ruiz", rio, "paused", ("equality",), "2025-11-01", None,
         ("2025-12-01",)),
    ]  # fmt: skip
    ids = {}
    for number, row in enumerate(table, start=1):
        mentor, mentor_org, mentee, mentee_org, status, areas, start, end, days = row
        saved = services.mentoring.save(
            RelationshipData(
                mentor_id=mentor if mentor == lucia else person(services, mentor),
                mentee_id=person(services, mentee),
                mentor_organisation_id=mentor_org,
                mentee_organisation_id=mentee_org,
                status=status,
                areas=areas,
                start_date=date.fromisoformat(start) if start else None,
                planned_end=date.fromisoformat(end) if end else None,
            ),
            today=TODAY,
        )
        ids[number] = saved.data.id or ""
        for day in days:
            log_session(services, ids[number], date.fromisoformat(day))
    return ids


def numbers(network: dict[int, str], rows: list[RelationshipRow]) -> list[int]:
    by_id = {v: k for k, v in network.items()}
    return [by_id[row.id] for row in rows]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("nunez", [4, 1]),  # the mentor's name, without accents
        ("NÚÑEZ  ruiz", [4]),  # every word must match, in any of the four names
        ("alba", [4, 3, 1]),  # the mentor's organisation
        ("río", [4, 1]),  # the mentee's organisation
        ("zubi", [2]),  # part of a word
        ("bello zubiri", [2]),
        ("ortega vidal", []),
        ("%", []),  # LIKE's wildcards are plain characters
        ("_", []),
        ("", [2, 4, 3, 1]),
    ],
)
def test_search_finds_pairs_by_names_and_organisations(
    services: Services, network: dict[int, str], query: str, expected: list[int]
) -> None:
    assert numbers(network, services.mentoring.list(query)) == expected
    assert services.mentoring.count(query) == len(expected)


@pytest.mark.parametrize(
    ("query", "status", "area", "expected"),
    [
        ("", "active", "", [1]),
        ("", "closed", "", [3]),
        ("", "", "quality", [3, 1]),
        ("", "", "equality", [4]),  # not confused with "quality"
        ("", "", "finance", []),
        ("vidal", "", "quality", [3]),
        ("nunez", "paused", "equality", [4]),
        ("nunez", "active", "equality", []),
    ],
)
def test_filters_by_status_and_area_combine_with_the_search(
    services: Services,
    network: dict[int, str],
    query: str,
    status: str,
    area: str,
    expected: list[int],
) -> None:
    rows = services.mentoring.list(query, status=status, area=area)

    assert numbers(network, rows) == expected
    assert services.mentoring.count(query, status=status, area=area) == len(expected)


def test_a_row_shows_names_organisations_and_live_sessions(
    services: Services, network: dict[int, str]
) -> None:
    extra = log_session(services, network[1], date(2026, 3, 5))
    services.mentoring.delete_session(extra.id)

    listed = services.mentoring.list()
    rows = dict(zip(numbers(network, listed), listed, strict=True))

    first = rows[1]
    assert (first.mentor_name, first.mentor_organisation) == ("Lucía Núñez", "Fundación Alba")
    assert (first.mentee_name, first.mentee_organisation) == ("Pablo Ortega", "Asociación Río")
    assert (first.status, first.areas) == ("active", ("fundraising", "quality"))
    assert (first.sessions, first.last_session_on) == (2, date(2026, 3, 1))
    assert (rows[2].sessions, rows[2].last_session_on, rows[3].mentee_organisation) == (0, None, "")


@pytest.mark.parametrize(
    ("sort", "ascending", "descending"),
    [
        ("mentee", [2, 4, 3, 1], [1, 3, 4, 2]),
        # equal values read in the mentee's name order, whichever the direction
        ("mentor", [4, 1, 3, 2], [2, 3, 4, 1]),
        # pairs without a value come last either way
        ("mentee_organisation", [2, 4, 1, 3], [4, 1, 2, 3]),
        # statuses in the order a pair lives them, not by their codes
        ("status", [2, 1, 4, 3], [3, 4, 1, 2]),
        ("start_date", [3, 4, 1, 2], [1, 4, 3, 2]),
        ("planned_end", [3, 1, 2, 4], [1, 3, 2, 4]),
        ("last_session_on", [3, 4, 1, 2], [1, 4, 3, 2]),
    ],
)
def test_the_list_sorts_by_each_column_both_ways(
    services: Services,
    network: dict[int, str],
    sort: str,
    ascending: list[int],
    descending: list[int],
) -> None:
    assert numbers(network, services.mentoring.list(sort=sort)) == ascending
    assert numbers(network, services.mentoring.list(sort=sort, descending=True)) == descending


def test_an_unknown_sort_falls_back_to_the_mentee(
    services: Services, network: dict[int, str]
) -> None:
    assert numbers(network, services.mentoring.list(sort="colour")) == [2, 4, 3, 1]


@pytest.mark.parametrize("sort", sorted(SORT_COLUMNS))
def test_pages_neither_overlap_nor_skip_a_pair(services: Services, sort: str) -> None:
    mentor = person(services, "Marta Díaz")
    alba, rio = organisation(services, "Fundación Alba"), organisation(services, "Asociación Río")
    for n in range(13):
        services.mentoring.save(
            RelationshipData(
                mentor_id=mentor,
                mentee_id=person(services, f"Mentee {n % 4}"),  # names repeat: ties everywhere
                mentor_organisation_id=alba,
                mentee_organisation_id=rio if n % 3 else None,
                start_date=date(2026, 1, 1) if n % 2 else None,
            )
        )
    everything = [r.id for r in services.mentoring.list(sort=sort)]

    for descending in (False, True):
        pages = [
            services.mentoring.list(sort=sort, descending=descending, offset=start, limit=5)
            for start in range(0, 15, 5)
        ]
        ids = [row.id for page in pages for row in page]
        assert [len(page) for page in pages] == [5, 5, 3]
        assert sorted(ids) == sorted(everything)
