"""Reading free text for mentoring suggestions: which mentoring areas a text speaks of, and
which significant words two texts share (used by :mod:`app.services.mentoring_suggestions`).

Texts are folded (no accents, no case) before they are compared, so "Captación de FONDOS" and
"captacion de fondos" read alike. Area words are stems that must start a word ("fondos" in
"fondos europeos", not in "trasfondo"); stems of three letters or fewer must be the whole word.
Significant words are compared by their first letters, which is enough to make "voluntarios"
meet "voluntariado" in Spanish and "volunteers" meet "volunteering" in English.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache

from app.services.mentoring_vocabulary import MENTORING_AREA_WORDS, MENTORING_AREAS
from app.services.text import clean, fold

log = logging.getLogger(__name__)

_WORD = re.compile(r"\w+")
_FRAGMENT = re.compile(r"[^.;:\n!?]+")
MIN_WORD = 5
KEY_LENGTH = 7
EXCERPT_LENGTH = 70

# Words too common in what associations write to say anything about a match (folded).
STOPWORDS = frozenset(
    """
    sobre entre desde hasta porque cuando donde nuestra nuestro nuestras nuestros tambien
    mejorar necesitamos necesita necesitan queremos tenemos tener hacer puede pueden ayuda
    apoyo apoyar otras otros todas todos mucho muchas muchos menos cosas forma manera parte
    entidad entidades asociacion asociaciones fundacion organizacion organizaciones personas
    trabajo trabajar social sociales general actual nuevas nuevos nueva nuevo estar siendo
    about their there which would should could other these those where while using being
    needs better improve support working organisation organization people through
    """.split()
)


@dataclass(frozen=True, slots=True)
class NeedSource:
    """One place where an organisation declared a need: its ``needs`` text or a demand."""

    kind: str  # "needs" or "demand"
    quote: str  # what a reason quotes: the demand's topic, or the needs text
    text: str  # everything read for areas and words
    declared_on: date | None = None


_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_SPACES = re.compile(r"\s+")


def quick_fold(text: str) -> str:
    """:func:`app.services.text.fold` done by the regular-expression engine: the same result
    for Latin scripts, several times faster on long texts (needs of 2,000 organisations)."""
    if not text:
        return ""
    stripped = _MARKS.sub("", unicodedata.normalize("NFKD", text))
    return _SPACES.sub(" ", stripped.casefold()).strip()


@cache
def _area_patterns() -> dict[str, re.Pattern[str]]:
    """One pattern per area (for quoting the words that reveal it)."""
    patterns = {}
    for area, stems in MENTORING_AREA_WORDS.items():
        parts = [
            rf"\b{re.escape(stem)}\b" if len(stem) <= 3 else rf"\b{re.escape(stem)}"
            for stem in stems
        ]
        patterns[area] = re.compile("|".join(parts))
    return patterns


PREFIX = 3  # stems are found through their first letters


@cache
def _stem_index() -> dict[str, tuple[tuple[str, str], ...]]:
    """First letters -> (stem, area) for every stem of every area."""
    index: dict[str, list[tuple[str, str]]] = {}
    for area, stems in MENTORING_AREA_WORDS.items():
        for stem in stems:
            index.setdefault(stem[:PREFIX], []).append((stem, area))
    return {key: tuple(value) for key, value in index.items()}


def _stem_found(stem: str, word: str, folded: str, start: int) -> bool:
    """Whether ``stem`` starts the word ``word`` found at ``start`` of ``folded``."""
    if " " in stem:
        return folded.startswith(stem, start)
    return word == stem if len(stem) <= PREFIX else word.startswith(stem)


@lru_cache(maxsize=8192)
def detect_areas(text: str) -> tuple[str, ...]:
    """The mentoring areas ``text`` speaks of, in the order of :data:`MENTORING_AREAS`.

    Looks each word up by its first letters instead of running a pattern per area, and
    remembers the answer for texts seen before: the needs of 2,000 organisations are read in
    a few dozen milliseconds the first time and in a few after that.
    """
    folded = quick_fold(text)
    index = _stem_index()
    found: set[str] = set()
    for match in _WORD.finditer(folded):
        word = match.group()
        for stem, area in index.get(word[:PREFIX], ()):
            if area not in found and _stem_found(stem, word, folded, match.start()):
                found.add(area)
    return tuple(area for area in MENTORING_AREAS if area in found)


def word_key(folded_word: str) -> str:
    """The comparison key of a folded word: its first letters once a plural "s" and a final
    vowel are dropped ("europeas" and "europeos" meet, so do "proyecto" and "proyectos")."""
    word = folded_word
    if word.endswith("s") and len(word) > MIN_WORD:
        word = word[:-1]
    if word[-1:] in ("a", "e", "o") and len(word) > MIN_WORD:
        word = word[:-1]
    return word[:KEY_LENGTH]


def significant_words(text: str) -> dict[str, str]:
    """The words of ``text`` that may say something about a match: key -> the word as written
    (the first time it appears)."""
    return dict(_significant_words(text or ""))


@lru_cache(maxsize=4096)
def _significant_words(text: str) -> tuple[tuple[str, str], ...]:
    written = _WORD.findall(text)
    folded = _WORD.findall(quick_fold(text))
    if len(folded) != len(written):  # a script where folding splits or joins words
        folded = [fold(word) for word in written]
    words: dict[str, str] = {}
    for word, folded_word in zip(written, folded, strict=True):
        if len(folded_word) < MIN_WORD or folded_word in STOPWORDS or folded_word.isdigit():
            continue
        words.setdefault(word_key(folded_word), word)
    return tuple(words.items())


def need_words(sources: list[NeedSource]) -> dict[str, str]:
    """The significant words of all the needs, as the organisation wrote them."""
    words: dict[str, str] = {}
    for source in sources:
        for key, word in significant_words(source.text).items():
            words.setdefault(key, word)
    return words


def shared_words(needs: dict[str, str], offer_text: str) -> tuple[str, ...]:
    """The needs' words (as written there) that also appear in ``offer_text``."""
    offered = significant_words(offer_text)
    return tuple(word for key, word in needs.items() if key in offered)


def excerpt(text: str, area: str) -> str:
    """The part of ``text`` (a sentence or clause) that reveals ``area``, shortened to quote."""
    pattern = _area_patterns()[area]
    for fragment in _FRAGMENT.findall(text):
        if pattern.search(fold(fragment)):
            return _shorten(clean(fragment))
    return _shorten(clean(text))


def _shorten(value: str) -> str:
    if len(value) <= EXCERPT_LENGTH:
        return value
    return value[: EXCERPT_LENGTH - 1].rstrip(" ,") + "…"


def evidence(sources: list[NeedSource], area: str) -> NeedSource | None:
    """The first source that asks for ``area`` (sources come newest demand first)."""
    for source in sources:
        if area in detect_areas(source.text):
            return source
    return None
