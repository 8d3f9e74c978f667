"""The values of cascades (an attendee passing what they learned on in their organisation): what
a list and a form hold, and the checks of what a person typed. No database here:
:mod:`app.services.cascades` checks that the person, organisation, activity and practice exist."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.errors import ValidationError
from app.i18n import _
from app.services import text
from app.services.network_vocabulary import CASCADE_FORMATS

MAX_TEXT = 20_000
MAX_REACHED = 100_000
EARLIEST_YEAR = 1950


@dataclass(frozen=True, slots=True)
class CascadeData:
    """What a cascade's form shows and saves; ``id`` is ``None`` for a new one. ``how`` is a
    ``CASCADE_FORMATS`` code; ``people_reached`` how many people it reached (0 when not known)."""

    person_id: str
    held_on: date
    id: str | None = None
    organisation_id: str | None = None
    activity_id: str | None = None
    practice_id: str | None = None
    people_reached: int = 0
    how: str = "meeting"
    notes: str = ""


@dataclass(frozen=True, slots=True)
class CascadeRow:
    """One line of the cascades list, with the names of what it refers to ("" when none)."""

    id: str
    held_on: date
    person_id: str
    person_name: str
    organisation_id: str | None
    organisation_name: str
    activity_id: str | None
    activity_title: str
    practice_id: str | None
    practice_title: str
    people_reached: int
    how: str


@dataclass(frozen=True, slots=True)
class CascadeChoices:
    """What a cascade of one person may refer to, for the form's pickers: the organisations the
    person belongs to or came on behalf of, the activities they attended (newest first) and the
    practices handed out at those activities. Each is ``(id, label)``."""

    organisations: tuple[tuple[str, str], ...] = ()
    activities: tuple[tuple[str, str], ...] = ()
    practices: tuple[tuple[str, str], ...] = ()


def _check_reached(reached: object) -> None:
    if isinstance(reached, bool) or not isinstance(reached, int) or not 0 <= reached <= MAX_REACHED:
        raise ValidationError(
            _("The people reached must be a whole number between 0 and {most}.").format(
                most=MAX_REACHED
            ),
            field="people_reached",
        )


def validate_cascade(data: CascadeData, today: date) -> dict[str, object]:
    """The columns to store for ``data`` (what it refers to is checked by the caller); raises
    :class:`ValidationError` naming the field at fault."""
    if not data.person_id:
        raise ValidationError(_("Choose who passed the content on."), field="person_id")
    if data.held_on is None:
        raise ValidationError(_("Enter the date it was passed on."), field="held_on")
    if data.held_on > today or data.held_on.year < EARLIEST_YEAR:
        raise ValidationError(
            _("The date {day} looks wrong: a cascade is recorded once it happened.").format(
                day=data.held_on.isoformat()
            ),
            field="held_on",
        )
    _check_reached(data.people_reached)
    if data.how not in CASCADE_FORMATS:
        raise ValidationError(_("Choose how the content was passed on."), field="how")
    notes = text.clean_block(data.notes)
    if len(notes) > MAX_TEXT:
        raise ValidationError(
            _("{field} is too long: at most {count} characters.").format(
                field=_("The notes"), count=MAX_TEXT
            ),
            field="notes",
        )
    return {
        "person_id": data.person_id,
        "held_on": data.held_on,
        "organisation_id": data.organisation_id or None,
        "activity_id": data.activity_id or None,
        "practice_id": data.practice_id or None,
        "people_reached": data.people_reached,
        "how": data.how,
        "notes": notes,
    }
