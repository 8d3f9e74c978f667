"""What the ``tejido mentoring`` commands share: finding the pair or the organisation a person
typed, and printing aligned columns."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from app.errors import NotFoundError, ValidationError
from app.i18n import _
from app.services import text
from app.services.mentoring_values import RelationshipRow
from app.services.mentoring_vocabulary import RELATIONSHIP_STATUSES
from app.services.registry import Services

log = logging.getLogger(__name__)

MOST_SHOWN = 5  # candidates named in the message when the words fit several


@dataclass(frozen=True, slots=True)
class PairFound:
    """The pair a command works on: its id and the two names, for the messages."""

    id: str
    mentee_name: str
    mentor_name: str


def find_pair(services: Services, words: str) -> PairFound:
    """The pair whose id is ``words``, or the only live pair whose mentee's and mentor's
    names hold every one of the words (accents and case ignored)."""
    wanted = words.strip()
    if wanted:
        try:
            detail = services.mentoring.get(wanted)
        except NotFoundError:
            pass
        else:
            return PairFound(detail.data.id or wanted, detail.mentee_name, detail.mentor_name)
    folded = text.fold(wanted).split()
    rows = [
        row
        for row in services.mentoring.list(wanted, limit=None)
        if all(word in text.fold(f"{row.mentee_name} {row.mentor_name}") for word in folded)
    ]
    if not folded or not rows:
        raise NotFoundError(
            _(
                "No mentoring pair has “{words}” in the mentee's or the mentor's name. See the "
                "pairs with 'tejido mentoring list'."
            ).format(words=words)
        )
    if len(rows) > 1:
        raise _several_pairs(words, rows)
    row = rows[0]
    return PairFound(row.id, row.mentee_name, row.mentor_name)


def _several_pairs(words: str, rows: Sequence[RelationshipRow]) -> ValidationError:
    """The error naming the first few pairs the words fit, with their ids."""
    shown = "; ".join(
        _("{mentee} with {mentor} ({status}, id {id})").format(
            mentee=row.mentee_name,
            mentor=row.mentor_name,
            status=_(RELATIONSHIP_STATUSES.get(row.status, row.status)).lower(),
            id=row.id,
        )
        for row in rows[:MOST_SHOWN]
    )
    return ValidationError(
        _(
            "{count} mentoring pairs match “{words}”: {pairs}. Add more of a name, or give "
            "the pair's id."
        ).format(count=len(rows), words=words, pairs=shown)
    )


def find_organisation(services: Services, words: str) -> tuple[str, str]:
    """``(id, name)`` of the organisation whose id is ``words``, or whose name is exactly
    ``words``, or the only one whose name holds every word (accents and case ignored)."""
    wanted = words.strip()
    choices = services.organisations.choices()
    for organisation_id, name in choices:
        if organisation_id == wanted:
            return organisation_id, name
    folded = text.fold(wanted)
    exact = [(i, n) for i, n in choices if text.fold(n) == folded]
    if len(exact) == 1:
        return exact[0]
    found = [(i, n) for i, n in choices if all(w in text.fold(n) for w in folded.split())]
    if not folded or not found:
        raise NotFoundError(
            _("No organisation in the directory is called “{words}”. Check the name.").format(
                words=words
            )
        )
    if len(found) > 1:
        names = "; ".join(name for _id, name in found[:MOST_SHOWN])
        raise ValidationError(
            _(
                "{count} organisations match “{words}”: {names}. Give more of the name, or its id."
            ).format(count=len(found), words=words, names=names)
        )
    return found[0]


def print_rows(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """Aligned columns under their headers; the last column is not padded."""
    lines = [list(headers), *(list(row) for row in rows)]
    widths = [max(len(line[i]) for line in lines) for i in range(len(headers) - 1)]
    for line in lines:
        cells = [cell.ljust(width) for cell, width in zip(line, widths, strict=False)]
        print("  ".join([*cells, line[-1]]).rstrip())
