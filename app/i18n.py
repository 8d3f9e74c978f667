"""Translations through gettext, switchable while the program runs.

Source strings are English. ``_`` always looks the message up in the *current* language, so a
widget's ``retranslate_ui()`` only has to call ``_`` again after :func:`set_language`.
Dates and numbers are formatted with Babel for the same language.
"""

from __future__ import annotations

import functools
import gettext
import io
import logging
from collections.abc import Callable
from datetime import date, datetime

from app.paths import resource_path

log = logging.getLogger(__name__)

DOMAIN = "tejido"
DEFAULT_LANGUAGE = "es"
# The languages whose catalogues are complete, with their names in their own language.
LANGUAGES: dict[str, str] = {"es": "Español", "en": "English"}

_current: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"
_listeners: list[Callable[[str], None]] = []


def _(message: str) -> str:
    """Translate ``message`` into the current language."""
    return _current.gettext(message)


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it now (translate it where shown)."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message whose form depends on the count ``n``."""
    return _current.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """Translate ``message`` in ``context`` (for short words with several meanings)."""
    return _current.pgettext(context, message)


def current_language() -> str:
    return _language


def normalise_language(language: str | None) -> str:
    """Return a supported language code for ``language`` (``es_ES`` -> ``es``), or the default."""
    if language:
        code = language.replace("-", "_").split("_")[0].lower()
        if code in LANGUAGES:
            return code
    return DEFAULT_LANGUAGE


def _load_catalogue(language: str) -> gettext.NullTranslations:
    base = resource_path("translations") / language / "LC_MESSAGES"
    mo, po = base / f"{DOMAIN}.mo", base / f"{DOMAIN}.po"
    if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as fp:
            return gettext.GNUTranslations(fp)
    if po.exists():
        # A source checkout where the .mo was not built yet: compile the catalogue in memory.
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        with po.open("rb") as fp:
            catalogue = read_po(fp, locale=language)
        buffer = io.BytesIO()
        write_mo(buffer, catalogue)
        buffer.seek(0)
        return gettext.GNUTranslations(buffer)
    log.warning("no catalogue for language %s", language)
    return gettext.NullTranslations()


def set_language(language: str | None) -> str:
    """Make ``language`` current for every later ``_`` call; returns the code actually used."""
    global _current, _language
    code = normalise_language(language)
    _current = _load_catalogue(code)
    _language = code
    for listener in list(_listeners):
        listener(code)
    return code


def on_language_changed(listener: Callable[[str], None]) -> None:
    """Call ``listener(code)`` after every :func:`set_language`."""
    _listeners.append(listener)


def format_date(value: date | datetime | None, fmt: str = "medium") -> str:
    """A date in the current language's format (empty for ``None``)."""
    if value is None:
        return ""
    from babel.dates import format_date as babel_format_date

    return babel_format_date(value, format=fmt, locale=_language)


def format_datetime(value: datetime | None, fmt: str = "medium") -> str:
    """A date and time in the current language's format (empty for ``None``)."""
    if value is None:
        return ""
    from babel.dates import format_datetime as babel_format_datetime

    return babel_format_datetime(value, format=fmt, locale=_language)


def format_number(value: float | int) -> str:
    """A number with the current language's separators."""
    from babel.numbers import format_decimal

    return format_decimal(value, locale=_language)


class DocumentWords:
    """Translations and formats in one given language, for a document printed in a language
    other than the program's (a certificate in English while the program is in Spanish).

    Use ``words._("...")`` and ``words.ngettext(...)`` (extracted like the module's functions).
    """

    def __init__(self, language: str):
        self.language = normalise_language(language)
        self._catalogue = _load_catalogue(self.language)

    def _(self, message: str) -> str:
        return self._catalogue.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._catalogue.ngettext(singular, plural, n)

    def date(self, value: date | datetime | None, fmt: str = "long") -> str:
        """A date in this language's format (empty for ``None``)."""
        if value is None:
            return ""
        from babel.dates import format_date as babel_format_date

        return babel_format_date(value, format=fmt, locale=self.language)

    def number(self, value: float | int) -> str:
        """A number with this language's separators."""
        from babel.numbers import format_decimal

        return format_decimal(value, locale=self.language)


def document_words(language: str | None) -> DocumentWords:
    """The words of documents in ``language`` (the program's language when ``None``)."""
    return _document_words(normalise_language(language or _language))


@functools.cache
def _document_words(language: str) -> DocumentWords:
    return DocumentWords(language)
