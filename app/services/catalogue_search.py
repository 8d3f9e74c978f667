"""The catalogue's search: ranked pages, counts and counts per area, over the FTS5 index kept by
:mod:`app.services.catalogue_index` (whose functions are importable from here too).

Every typed word is a prefix and all must match; results rank with BM25, the title weighing
most, then by position in the table. The filters become sets of practice rowids read from
indexes: the practices set aside (in the trash, or hidden here) and, when a filter narrows the
list, the practices it keeps. The full-text index then does all the work on its own rowids, and
only the rows of the page shown are read from the practices table. Reading a practice row for
every match instead costs a page of the database each, which with thousands of matches is most
of the time a search takes.
"""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import text as sql
from sqlalchemy.orm import Session

from app.services.catalogue_index import (
    index_practice,
    match_expression,
    one_line,
    rebuild_index,
    reindex_practices,
)
from app.services.catalogue_values import AreaCount, CatalogueFilters, PracticeRow

__all__ = [
    "area_counts",
    "index_practice",
    "match_expression",
    "rebuild_index",
    "reindex_practices",
    "search_count",
    "search_rows",
]

# A word in the title weighs most: a title match comes before one in a long text.
RANK = "bm25(practice_search, 50.0, 5.0, 1.0)"
SNIPPET = "snippet(practice_search, -1, '[', ']', '…', 14)"
ROW_COLUMNS = (
    "p.id, p.title, coalesce(a.name, ''), p.organisation_name, p.year, p.status, {snippet}, "
    "p.origin_id = :own_id, p.origin_name, p.hidden, p.withdrawn, p.edited_locally, p.deleted_at"
)
PLAIN_COLUMNS = ROW_COLUMNS.format(snippet="''")
ROWS_FROM = "practices p LEFT JOIN practice_areas a ON a.id = p.area_id"
# Practices in the trash, and those hidden here (each read from its own small index).
TRASHED = "SELECT rowid FROM practices WHERE deleted_at IS NOT NULL"
HIDDEN = "SELECT rowid FROM practices WHERE hidden = 1"


def _narrowing(filters: CatalogueFilters, params: dict[str, object], with_area: bool) -> list[str]:
    """The conditions on practices ``p`` of the filters that narrow the list, if any."""
    parts = []
    if with_area and filters.area_id == "-":
        parts.append("p.area_id IS NULL")
    elif with_area and filters.area_id:
        parts.append("p.area_id = :area_id")
        params["area_id"] = filters.area_id
    if filters.theme:
        parts.append("EXISTS (SELECT 1 FROM json_each(p.themes) WHERE value = :theme)")
        params["theme"] = filters.theme
    if filters.organisation:
        parts.append("p.organisation_name = :organisation")
        params["organisation"] = filters.organisation
    if filters.year:
        parts.append("p.year = :year")
        params["year"] = filters.year
    if filters.status:
        parts.append("p.status = :status")
        params["status"] = filters.status
    return parts


def _kept(
    filters: CatalogueFilters, params: dict[str, object], rowid: str, *, with_area: bool = True
) -> str:
    """Conditions on ``rowid`` (a column of practices or of the index) keeping the practices
    the filters show. The leading ``+`` keeps SQLite from handing each rowid of a set to the
    full-text index as a lookup of its own."""
    narrowing = _narrowing(filters, params, with_area)
    if filters.trash:
        narrowing.append("p.deleted_at IS NOT NULL")
        parts = []
    else:
        aside = TRASHED if filters.include_hidden else f"{TRASHED} UNION ALL {HIDDEN}"
        parts = [f"+{rowid} NOT IN ({aside})"]
    if narrowing:
        kept = " AND ".join(narrowing)
        parts.append(f"+{rowid} IN (SELECT p.rowid FROM practices p WHERE {kept})")
    return " AND ".join(parts) or "1"


def _shown(filters: CatalogueFilters, params: dict[str, object]) -> str:
    """The same as :func:`_kept` on a practice's own columns (for lists without a search,
    which read the rows anyway)."""
    parts = _narrowing(filters, params, with_area=True)
    parts.append("p.deleted_at IS NOT NULL" if filters.trash else "p.deleted_at IS NULL")
    if not filters.include_hidden and not filters.trash:
        parts.append("NOT p.hidden")
    return " AND ".join(parts)


def search_rows(
    s: Session,
    query: str,
    filters: CatalogueFilters,
    own_id: str,
    offset: int,
    limit: int,
) -> list[PracticeRow]:
    """A page of practices: ranked by relevance when words were typed, else by title."""
    match = match_expression(query)
    params: dict[str, object] = {"own_id": own_id, "offset": offset, "limit": limit}
    if match is None:
        statement = (
            f"SELECT {PLAIN_COLUMNS} FROM {ROWS_FROM} "
            f"WHERE {_shown(filters, params)} "
            "ORDER BY p.title_key, p.id LIMIT :limit OFFSET :offset"
        )
        return [_row(row) for row in s.execute(sql(statement), params)]
    params["match"] = match
    # Ranking is worth its cost once a word has three letters; one or two letters match most of
    # a large catalogue, so those pages come in the catalogue's order, at once.
    order = f"{RANK}, rowid" if ranks(query) else "rowid"
    ranked = s.execute(
        sql(
            f"SELECT rowid, {SNIPPET} FROM practice_search WHERE practice_search MATCH :match "
            f"AND {_kept(filters, params, 'rowid')} ORDER BY {order} "
            "LIMIT :limit OFFSET :offset"
        ),
        params,
    ).all()
    if not ranked:
        return []
    snippets = dict(ranked)
    found = s.execute(
        sql(
            f"SELECT p.rowid, {PLAIN_COLUMNS} FROM {ROWS_FROM} "
            "WHERE p.rowid IN (SELECT value FROM json_each(:rowids))"
        ),
        {"own_id": own_id, "rowids": json.dumps(list(snippets))},
    )
    rows = {row[0]: row[1:] for row in found}
    return [
        _row((*rows[rowid][:6], snippet, *rows[rowid][7:]))
        for rowid, snippet in snippets.items()
        if rowid in rows
    ]


def ranks(query: str) -> bool:
    """Whether results are ranked by relevance: some typed word has three letters or more."""
    return any(len(word) >= 3 for word in query.split())


def _row(row) -> PracticeRow:  # type: ignore[no-untyped-def]
    return PracticeRow(
        *row[:6], one_line(row[6]), bool(row[7]), row[8], *map(bool, row[9:12]), _stamp(row[12])
    )


def search_count(s: Session, query: str, filters: CatalogueFilters) -> int:
    """How many practices :func:`search_rows` would give without paging."""
    match = match_expression(query)
    params: dict[str, object] = {"match": match}
    if match is None:
        statement = f"SELECT count(*) FROM practices p WHERE {_kept(filters, params, 'p.rowid')}"
    else:
        statement = (
            "SELECT count(*) FROM practice_search WHERE practice_search MATCH :match AND "
            f"{_kept(filters, params, 'rowid')}"
        )
    return s.execute(sql(statement), params).scalar_one()


def area_counts(s: Session, query: str, filters: CatalogueFilters) -> list[AreaCount]:
    """Every area of the taxonomy (in its order) with how many practices match the search and
    the other filters in it; practices with no area last, when there are some."""
    match = match_expression(query)
    params: dict[str, object] = {"match": match}
    where = _kept(filters, params, "p.rowid", with_area=False)
    if match is not None:
        where += (
            " AND +p.rowid IN "
            "(SELECT rowid FROM practice_search WHERE practice_search MATCH :match)"
        )
    counts = dict(
        s.execute(
            sql(f"SELECT p.area_id, count(*) FROM practices p WHERE {where} GROUP BY p.area_id"),
            params,
        ).all()
    )
    areas = s.execute(
        sql(
            "SELECT id, name FROM practice_areas WHERE deleted_at IS NULL "
            "ORDER BY position, name_key"
        )
    ).all()
    result = [AreaCount(area_id, name, counts.get(area_id, 0)) for area_id, name in areas]
    if counts.get(None):
        result.append(AreaCount(None, "", counts[None]))
    return result


def _stamp(value: object) -> object:
    """A datetime from SQLite's text form (raw SQL does not go through the ORM's types)."""
    if isinstance(value, str):
        return datetime.fromisoformat(value)
    return value
