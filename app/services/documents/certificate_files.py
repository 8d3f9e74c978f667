"""File names for certificates, and a ZIP of one PDF per person.

File names are safe on Windows and macOS alike: no characters either refuses (<>:"/\\|?* and
control characters), no trailing dot or space, no name Windows reserves (CON, PRN, AUX, NUL,
COM1…9, LPT1…9, with or without an extension), in NFC, at most 120 characters (and 200 bytes
in UTF-8, so that no file system refuses a long name in Greek or Cyrillic), never empty.
Inside a ZIP two names never differ only by case (Windows and macOS would extract one over
the other): the second gets " (2)".
"""

from __future__ import annotations

import logging
import re
import unicodedata
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from string import Formatter

from app.errors import ValidationError
from app.i18n import N_, _
from app.services.documents.certificate_parts import words_for
from app.services.documents.content import CertificateContent
from app.services.documents.pdf_files import check_cancelled, writing_to

log = logging.getLogger(__name__)

DEFAULT_PATTERN = "{name} - {activity}"
FIELDS = ("name", "activity", "date", "code", "kind")
MAX_CHARACTERS, MAX_BYTES = 120, 200
KIND_WORDS = {"attendance": N_("attendance"), "completion": N_("completion")}
_REPLACED = str.maketrans({'"': "'", **{char: "-" for char in "<>:/\\|?*"}})
_RESERVED = re.compile(r"(CON|PRN|AUX|NUL|CONIN\$|CONOUT\$|(COM|LPT)[0-9¹²³])", re.IGNORECASE)


def safe_file_name(text: str) -> str:
    """``text`` made into a file name (without extension) every system accepts; see above."""
    text = " ".join(unicodedata.normalize("NFC", text).translate(_REPLACED).split())
    text = "".join(char for char in text if unicodedata.category(char) not in ("Cc", "Cs"))
    text = _trim(" ".join(text.split())[: MAX_CHARACTERS + 1])
    while len(text) > MAX_CHARACTERS or len(text.encode("utf-8")) > MAX_BYTES:
        text = _trim(_cut(text))
    if not text:
        return _("untitled")
    stem, dot, rest = text.partition(".")
    if _RESERVED.fullmatch(stem.strip()):
        text = f"{stem.strip()}_{dot}{rest}"
    return text


def file_name(pattern: str, content: CertificateContent) -> str:
    """The safe file name (without ".pdf") that ``pattern`` gives for ``content``.

    Fields: {name} the person, {activity} the activity's title, {date} the activity's last
    day (else its first, else the issue date) as YYYY-MM-DD, {code} the certificate's code,
    {kind} "attendance" or "completion" in the certificate's language. Raises
    :class:`ValidationError` (field "pattern") for any other field or a stray brace.
    """
    check_pattern(pattern)
    day = content.last_date or content.first_date or content.issued_on
    kind = KIND_WORDS.get(content.kind)
    values = {
        "name": content.person_name,
        "activity": content.activity_title,
        "date": day.isoformat(),
        "code": content.code,
        "kind": words_for(content.language)._(kind) if kind else content.kind,
    }
    return safe_file_name(pattern.format(**values))


def check_pattern(pattern: str) -> None:
    """:class:`ValidationError` unless ``pattern`` uses only the known fields, plainly."""
    try:
        parts = list(Formatter().parse(pattern))
    except ValueError as error:
        raise _pattern_error() from error
    for _literal, field, spec, conversion in parts:
        if field is not None and (field not in FIELDS or spec or conversion):
            raise _pattern_error()


def _pattern_error() -> ValidationError:
    return ValidationError(
        _(
            "File names can only use these fields, in braces: {fields}. For example: {example}."
        ).format(
            fields=", ".join(f"{{{field}}}" for field in FIELDS),
            example=DEFAULT_PATTERN,
        ),
        field="pattern",
    )


def write_certificate_zip(
    contents: Sequence[CertificateContent],
    path: Path,
    pattern: str = DEFAULT_PATTERN,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Write a ZIP at ``path`` with one PDF per certificate, named by ``pattern``.

    Names are unique inside the ZIP (ignoring case; a repeated one gets " (2)", " (3)" ...).
    The ZIP appears only when complete; on an error or a cancel (``cancelled()`` turned true:
    :class:`app.errors.Cancelled`) nothing is left behind. Returns the number of PDFs.
    """
    from app.services.documents.certificate_pdf import certificate_pdf_bytes

    if not contents:
        raise ValidationError(_("There are no certificates to make."))
    check_pattern(pattern)
    message = _("Making the certificates was cancelled; no file was written.")
    taken: set[str] = set()
    with writing_to(Path(path)) as temporary:
        with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
            for done, content in enumerate(contents, start=1):
                check_cancelled(cancelled, message)
                name = unique_name(file_name(pattern, content), taken)
                archive.writestr(name, certificate_pdf_bytes(content))
                if progress is not None:
                    progress(done, len(contents))
        check_cancelled(cancelled, message)
    log.info("%d certificates written to a ZIP", len(contents))
    return len(contents)


def unique_name(stem: str, taken: set[str], suffix: str = ".pdf") -> str:
    """``stem + suffix``, or with " (2)", " (3)" ... when a name equal but for case is taken;
    the name is added to ``taken`` (which holds case-folded names)."""
    name, number = f"{stem}{suffix}", 1
    while name.casefold() in taken:
        number += 1
        name = f"{stem} ({number}){suffix}"
    taken.add(name.casefold())
    return name


def _trim(text: str) -> str:
    """No leading dots or spaces (hidden files), no trailing dots or spaces (Windows)."""
    return text.lstrip(" .").rstrip(" .")


def _cut(text: str) -> str:
    """``text`` without its last letter and that letter's combining marks."""
    end = len(text) - 1
    while end > 0 and unicodedata.combining(text[end]):
        end -= 1
    return text[:end]
