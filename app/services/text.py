"""Text folding for search and duplicate detection: no accents, no case, single spaces."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def fold(text: str | None) -> str:
    """``"  José   MARÍA Núñez "`` -> ``"jose maria nunez"``. Non-Latin scripts are kept."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACES.sub(" ", stripped.casefold()).strip()


def clean(text: str | None) -> str:
    """Trim and collapse inner spaces, keeping case and accents (what is stored and shown)."""
    if not text:
        return ""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", str(text))).strip()


def normalise_email(email: str | None) -> str:
    return clean(email).lower()


def normalise_phone(phone: str | None) -> str:
    """Digits only, without a Spanish +34/0034 prefix, to compare numbers typed differently."""
    text = clean(phone)
    digits = re.sub(r"\D", "", text)
    if digits.startswith("0034") or (text.startswith("+34") and len(digits) == 11):
        digits = digits[-9:]
    return digits


def like_pattern(query: str) -> str:
    """A LIKE pattern matching ``query`` folded anywhere, with LIKE's wildcards escaped."""
    escaped = fold(query).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def clean_block(text: str | None) -> str:
    """A paragraph field as stored: NFC, trimmed, its line breaks kept."""
    if not text:
        return ""
    return unicodedata.normalize("NFC", str(text)).strip()
