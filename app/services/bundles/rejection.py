"""How a bundle is refused: :class:`BundleRejected`, with the reason in plain words, and the
helpers that put a hostile file's names and sizes into such words safely."""

from __future__ import annotations

from app.errors import ImportRejected
from app.i18n import _, format_number, ngettext
from app.services.bundles.format import MB


class BundleRejected(ImportRejected):
    """A bundle refused as a whole. ``reason`` is the plain-words cause (one sentence);
    ``str(error)`` adds that nothing was imported and what to do next. ``newer`` is True when
    the file was made by a newer Tejido (the advice is then to update)."""

    def __init__(self, reason: str, *, newer: bool = False):
        if newer:
            message = _(
                "This bundle cannot be read yet: {reason} Nothing was imported. Please update "
                "Tejido and open the bundle again."
            )
        else:
            message = _(
                "This bundle was refused: {reason} Nothing was imported and your catalogue is "
                "unchanged. Ask whoever sent it for a new copy."
            )
        super().__init__(message.format(reason=reason))
        self.reason = reason
        self.newer = newer


def shown(name: str) -> str:
    """An entry name fit to show in a message: control characters escaped, at most 120."""
    text = "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in name)
    return text if len(text) <= 120 else text[:119] + "…"


def size_text(count: int) -> str:
    """A size in words: bytes, KB or MB."""
    if count >= MB:
        return _("{count} MB").format(count=format_number(round(count / MB, 1)))
    if count >= 1024:
        return _("{count} KB").format(count=format_number(round(count / 1024, 1)))
    return ngettext("{count} byte", "{count} bytes", count).format(count=format_number(count))
