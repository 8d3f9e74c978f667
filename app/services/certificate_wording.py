"""What a certificate says: the built-in wordings, checking edited ones, and filling them in.

A wording is a heading and a body template in one language. Templates name the fields in braces:
{name} {activity} {kind} {dates} {hours} {organisation}, and {rule} (the completion rule met).
The built-in wordings are marked with ``N_`` here and translated with the document's own words
(``app.i18n.document_words``), so a certificate can be printed in English while the program
speaks Spanish.
"""

from __future__ import annotations

import logging
import string
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import ValidationError
from app.i18n import N_, DocumentWords, _
from app.models import CertificateWording

log = logging.getLogger(__name__)

FIELDS = ("name", "activity", "kind", "dates", "hours", "organisation", "rule")
MAX_HEADING = 200
MAX_BODY = 2000

DEFAULT_HEADINGS = {
    "attendance": N_("Certificate of attendance"),
    "completion": N_("Certificate of completion"),
}
# With the hours attended, and without them (an activity whose sessions have no times).
DEFAULT_BODIES = {
    "attendance": N_(
        "{organisation} certifies that {name} attended the {kind} “{activity}”, held {dates}, "
        "for a total of {hours}."
    ),
    "completion": N_(
        "{organisation} certifies that {name} has completed the {kind} “{activity}”, held "
        "{dates}, with {hours} of attendance, meeting its requirement of {rule}."
    ),
}
DEFAULT_BODIES_WITHOUT_HOURS = {
    "attendance": N_(
        "{organisation} certifies that {name} attended the {kind} “{activity}”, held {dates}."
    ),
    "completion": N_(
        "{organisation} certifies that {name} has completed the {kind} “{activity}”, held "
        "{dates}, meeting its requirement of {rule}."
    ),
}
# The activity's kind in the middle of a sentence.
KIND_IN_SENTENCE = {
    "forum": N_("forum meeting"),
    "capsule": N_("training capsule"),
    "other": N_("activity"),
}


@dataclass(frozen=True, slots=True)
class Wording:
    """The heading and body template of one kind of certificate in one language.
    ``custom`` is true when it was edited (saved), false for the built-in one."""

    kind: str
    language: str
    heading: str
    body: str
    custom: bool = False


def default_wording(kind: str, words: DocumentWords) -> Wording:
    """The built-in wording of ``kind`` in the language of ``words``."""
    return Wording(
        kind, words.language, words._(DEFAULT_HEADINGS[kind]), words._(DEFAULT_BODIES[kind])
    )


def check_template(template: str, field: str) -> str:
    """``template`` if it only names known fields with well-formed braces; otherwise
    :class:`ValidationError` saying what is wrong (``field``: "heading" or "body")."""
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as error:
        raise ValidationError(
            _(
                "A brace {{ or }} has no pair. Write the fields like {{name}}; to print a "
                "brace itself, write it twice."
            ).format(),
            field=field,
        ) from error
    for _literal, field_name, spec, conversion in parsed:
        if field_name is None:
            continue
        if field_name not in FIELDS or spec or conversion:
            raise ValidationError(
                _("“{field}” is not one of the fields. The fields are: {fields}.").format(
                    field="{" + field_name + "}",
                    fields=" ".join("{" + f + "}" for f in FIELDS),
                ),
                field=field,
            )
    return template


def names_field(template: str, field_name: str) -> bool:
    """Whether a (checked) template uses ``{field_name}``."""
    return any(f == field_name for _l, f, _s, _c in string.Formatter().parse(template))


def format_hours(minutes: int, words: DocumentWords) -> str:
    """Hours in words: "12 hours", "12 hours and 30 minutes", "45 minutes"."""
    hours, rest = divmod(max(0, minutes), 60)
    hours_text = words.ngettext("{count} hour", "{count} hours", hours).format(
        count=words.number(hours)
    )
    minutes_text = words.ngettext("{count} minute", "{count} minutes", rest).format(
        count=words.number(rest)
    )
    if not rest:
        return hours_text
    if not hours:
        return minutes_text
    return words._("{hours} and {minutes}").format(hours=hours_text, minutes=minutes_text)


def format_dates(first: date | None, last: date | None, words: DocumentWords) -> str:
    """ "on 3 March 2025" for one day, "from 3 March 2025 to 24 March 2025" for several."""
    first, last = first or last, last or first
    if first is None or last is None:
        return ""
    if first == last:
        return words._("on {date}").format(date=words.date(first))
    return words._("from {first} to {last}").format(first=words.date(first), last=words.date(last))


def format_rule(min_percent: int | None, min_minutes: int | None, words: DocumentWords) -> str:
    """The completion rule in words, to follow "meeting its requirement of"."""
    percent = (
        words._("attending at least {percent}% of the sessions").format(
            percent=words.number(min_percent)
        )
        if min_percent is not None
        else ""
    )
    hours = (
        words._("at least {hours} of attendance").format(hours=format_hours(min_minutes, words))
        if min_minutes is not None
        else ""
    )
    if percent and hours:
        return words._("{first} and {second}").format(first=percent, second=hours)
    return percent or hours or words._("attending at least one session")


def fill(template: str, values: dict[str, str]) -> str:
    """``template`` (already checked) with ``values`` put in."""
    return template.format(**{name: values.get(name, "") for name in FIELDS})


def check_wording(heading: str, body: str) -> None:
    """:class:`ValidationError` unless an edited wording can be printed: a heading, known
    fields only, paired braces, and a body that names the person."""
    if len(heading) > MAX_HEADING or len(body) > MAX_BODY:
        raise ValidationError(_("The wording is too long for one page; shorten it."))
    if not heading:
        raise ValidationError(_("Write a heading."), field="heading")
    check_template(heading, "heading")
    check_template(body, "body")
    if not names_field(body, "name"):
        raise ValidationError(
            _("The text must name the person: put {name} where the name goes."), field="body"
        )


def saved_wording(s: Session, kind: str, language: str) -> CertificateWording | None:
    return s.scalars(
        select(CertificateWording)
        .where(
            CertificateWording.kind == kind,
            CertificateWording.language == language,
            CertificateWording.deleted_at.is_(None),
        )
        .order_by(CertificateWording.updated_at.desc())
    ).first()


def wording_of(s: Session, kind: str, words: DocumentWords) -> Wording:
    """The saved wording of ``kind`` in the language of ``words``, else the built-in one."""
    saved = saved_wording(s, kind, words.language)
    if saved is not None:
        return Wording(kind, words.language, saved.heading, saved.body, custom=True)
    return default_wording(kind, words)
