"""The catalogue's full-text index: keeping the FTS5 table ``practice_search`` in step with the
practices, and turning what was typed into an FTS5 query.

The index holds one row per practice under the practice's SQLite ``rowid``: the title, the
summary, and every other text field together (the area's name, the organisation, the territory
and the target group first, one per line). Its tokenizer folds case and removes diacritics, so
"educacion" finds "Educación". The typed words go to the same tokenizer as the indexed text
(they are not folded here first), so a word typed as it is written is always found, whatever
its script: folding "Ελένη" or "Йошкар" in Python would give words the tokenizer never made.
"""

from __future__ import annotations

import re
import unicodedata

from sqlalchemy import text as sql
from sqlalchemy.orm import Session

from app.models import Practice
from app.services.catalogue_values import TEXT_FIELDS

# The snippet's pieces of the body are on lines of their own; shown on one line, " · " apart.
_BREAKS = re.compile(r"\s*\n\s*")
_SPACES = re.compile(r"\s+")


def _words(query: str) -> list[str]:
    """The words of ``query`` as the unicode61 tokenizer splits them: runs of letters, digits
    and combining marks (NFC, as the indexed text is stored); everything else separates."""
    words, current = [], []
    for char in unicodedata.normalize("NFC", query):
        if unicodedata.category(char)[0] in "LNM" or unicodedata.category(char) == "Co":
            current.append(char)
        elif current:
            words.append("".join(current))
            current = []
    if current:
        words.append("".join(current))
    return words


def match_expression(query: str) -> str | None:
    """FTS5 syntax for what was typed: every word a quoted prefix, all required. ``None``
    when nothing searchable was typed."""
    words = _words(query)
    if not words:
        return None
    return " ".join(f'"{word}"*' for word in words)


def one_line(snippet: str) -> str:
    """A snippet on one line: the breaks between the indexed fields (and paragraphs) shown as
    " · ", other runs of spaces as one space."""
    joined = _SPACES.sub(" ", _BREAKS.sub(" · ", snippet.strip())).replace("· •", "•")
    if joined.startswith("… · "):
        joined = "…" + joined[4:]
    return joined.removesuffix(" · …").removesuffix(" ·") + ("…" if joined.endswith(" · …") else "")


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


_FILL = (
    "INSERT INTO practice_search(rowid, title, summary, body) "
    "SELECT p.rowid, p.title, p.summary, "
    "coalesce(a.name, '') || char(10) || p.organisation_name || char(10) || p.territory "
    "|| char(10) || p.target_group || char(10) || "
    + " || char(10) || ".join(f"p.{f}" for f in TEXT_FIELDS if f != "summary")
    + " FROM practices p LEFT JOIN practice_areas a ON a.id = p.area_id"
)


def rebuild_index(s: Session) -> int:
    """Index every practice again (after a bulk fill or import); returns how many."""
    s.execute(sql("DELETE FROM practice_search"))
    s.execute(sql(_FILL))
    return s.execute(sql("SELECT count(*) FROM practices")).scalar_one()


def reindex_practices(s: Session, condition: str, params: dict[str, object]) -> None:
    """Index again the practices (``p``) meeting the SQL ``condition`` (e.g. those of an area
    just renamed), leaving the rest of the index as it is."""
    chosen = f"SELECT p.rowid FROM practices p WHERE {condition}"
    s.execute(sql(f"DELETE FROM practice_search WHERE rowid IN ({chosen})"), params)
    s.execute(sql(f"{_FILL} WHERE {condition}"), params)


def _rowid(s: Session, practice_id: str) -> int:
    return s.execute(
        sql("SELECT rowid FROM practices WHERE id = :i"), {"i": practice_id}
    ).scalar_one()
