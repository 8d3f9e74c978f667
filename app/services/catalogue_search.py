"""The catalogue's full-text search: keeping the FTS5 index in step with the practices, turning
what was typed into a query, and reading ranked pages, counts and counts per area.

The index (``practice_search``) holds one row per practice under the practice's SQLite
``rowid``: the title, the summary, and every other text field together. Its tokenizer folds
case and removes diacritics, so "educacion" finds "Educación"; every typed word is a prefix and
all must match. Results rank with BM25, the title weighing most.
"""

from __future__ import annotations

import re

from sqlalchemy import text as sql
from sqlalchemy.orm import Session

from app.models import Practice
from app.services import text
from app.services.catalogue_values import TEXT_FIELDS, AreaCount, CatalogueFilters, PracticeRow

# Words as the unicode61 tokenizer sees them: runs of letters and digits.
_WORD = re.compile(r"\w+", re.UNICODE)
RANK = "bm25(practice_search, 10.0, 4.0, 1.0)"
SNIPPET = "snippet(practice_search, -1, '[', ']', '…', 14)"
ROW_COLUMNS = (
    "p.id, p.title, coalesce(a.name, ''), p.organisation_name, p.year, p.status, {snippet}, "
    "p.origin_id = :own_id, p.origin_name, p.hidden, p.withdrawn, p.edited_locally, p.deleted_at"
)


def match_expression(query: str) -> str | None:
    """FTS5 syntax for what was typed: every word a quoted prefix, all required. ``None``
    when nothing searchable was typed."""
    words = _WORD.findall(text.fold(query).replace("_", " "))
    if not words:
        return None
    return " ".join(f'"{word}"*' for word in words)


def index_practice(s: Session, practice: Practice, area_name: str) -> None:
    """Put the practice's current text in the index (replacing what was there)."""
    rowid = _rowid(s, practice.id)
    s.execute(sql("DELETE FROM practice_search WHERE rowid = :r"), {"r": rowid})
    body = "\n".join(
        [area_name, practice.organisation_name, practice.territory, practice.target_group]
        + [getattr(practice, f) for f in TEXT_FIELDS if f != "summary"]
    )
    s.execute(
        sql("INSERT INTO practice_search(rowid, title, summary, body) VALUES (:r, :t, :s, :b)"),
        {"r": rowid, "t": practice.title, "s": practice.summary, "b": body},
    )


def rebuild_index(s: Session) -> int:
    """Index every practice again (after a bulk fill or import); returns how many."""
    s.execute(sql("DELETE FROM practice_search"))
    s.execute(
        sql(
            "INSERT INTO practice_search(rowid, title, summary, body) "
            "SELECT p.rowid, p.title, p.summary, "
            "coalesce(a.name, '') || char(10) || p.organisation_name || char(10) || p.territory "
            "|| char(10) || p.target_group || char(10) || "
            + " || char(10) || ".join(f"p.{f}" for f in TEXT_FIELDS if f != "summary")
            + " FROM practices p LEFT JOIN practice_areas a ON a.id = p.area_id"
        )
    )
    return s.execute(sql("SELECT count(*) FROM practices")).scalar_one()


def _rowid(s: Session, practice_id: str) -> int:
    return s.execute(
        sql("SELECT rowid FROM practices WHERE id = :i"), {"i": practice_id}
    ).scalar_one()


def _conditions(filters: CatalogueFilters, params: dict[str, object], with_area: bool) -> str:
    parts = ["p.deleted_at IS NOT NULL" if filters.trash else "p.deleted_at IS NULL"]
    if not filters.include_hidden and not filters.trash:
        parts.append("NOT p.hidden")
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
    return " AND ".join(parts)


def _source(match: str | None) -> str:
    if match is None:
        return "practices p LEFT JOIN practice_areas a ON a.id = p.area_id"
    return (
        "practice_search JOIN practices p ON p.rowid = practice_search.rowid "
        "LEFT JOIN practice_areas a ON a.id = p.area_id"
    )


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
    where = _conditions(filters, params, with_area=True)
    if match is not None:
        params["match"] = match
        where = f"practice_search MATCH :match AND {where}"
    columns = ROW_COLUMNS.format(snippet=SNIPPET if match else "''")
    order = f"{RANK}, p.title_key" if match else "p.title_key, p.id"
    statement = (
        f"SELECT {columns} FROM {_source(match)} WHERE {where} "
        f"ORDER BY {order} LIMIT :limit OFFSET :offset"
    )
    return [
        PracticeRow(*row[:7], bool(row[7]), row[8], *map(bool, row[9:12]), _stamp(row[12]))
        for row in s.execute(sql(statement), params)
    ]


def search_count(s: Session, query: str, filters: CatalogueFilters) -> int:
    """How many practices :func:`search_rows` would give without paging."""
    match = match_expression(query)
    params: dict[str, object] = {}
    where = _conditions(filters, params, with_area=True)
    if match is not None:
        params["match"] = match
        where = f"practice_search MATCH :match AND {where}"
    return s.execute(
        sql(f"SELECT count(*) FROM {_source(match)} WHERE {where}"), params
    ).scalar_one()


def area_counts(s: Session, query: str, filters: CatalogueFilters) -> list[AreaCount]:
    """Every area of the taxonomy (in its order) with how many practices match the search and
    the other filters in it; practices with no area last, when there are some."""
    match = match_expression(query)
    params: dict[str, object] = {}
    where = _conditions(filters, params, with_area=False)
    if match is not None:
        params["match"] = match
        where = f"practice_search MATCH :match AND {where}"
    counts = dict(
        s.execute(
            sql(
                f"SELECT p.area_id, count(*) FROM {_source(match)} WHERE {where} GROUP BY p.area_id"
            ),
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


def _stamp(value):  # type: ignore[no-untyped-def]
    """A datetime from SQLite's text form (raw SQL does not go through the ORM's types)."""
    if value is None or not isinstance(value, str):
        return value
    from datetime import datetime

    return datetime.fromisoformat(value)
