"""Words of the sync screens: when and where a value was written, what a conflict is about, and
a stored value as a person reads it (dates in their language, the trash in words)."""

from __future__ import annotations

import json
import logging
import re
from datetime import UTC, date, datetime

from app.i18n import _, current_language, format_date
from app.services.catalogue_vocabulary import PRACTICE_STATUSES
from app.services.mentoring_vocabulary import RELATIONSHIP_STATUSES
from app.services.sync.inbox import Conflict, HistoryEntry, Version
from app.services.vocabulary import (
    ACTIVITY_KINDS,
    ACTIVITY_LANGUAGES,
    ACTIVITY_STATUSES,
    CROSS_CUTTING_THEMES,
    GENDERS,
    MEMBERSHIP_ROLES,
    ORGANISATION_KINDS,
)
from app.views.widgets.choices import choice_label

log = logging.getLogger(__name__)

# Fields that say a record went to the trash (a time) or was removed ("true"/"false").
TRASHED = "deleted_at"
REMOVED = "_deleted"

# Fields holding codes, said by their labels (a code written by hand would not be one of them).
CODES: dict[tuple[str, str], dict[str, str]] = {
    ("people", "gender"): GENDERS,
    ("organisations", "kind"): ORGANISATION_KINDS,
    ("memberships", "role"): MEMBERSHIP_ROLES,
    ("activities", "kind"): ACTIVITY_KINDS,
    ("activities", "status"): ACTIVITY_STATUSES,
    ("activities", "language"): ACTIVITY_LANGUAGES,
    ("activities", "themes"): CROSS_CUTTING_THEMES,
    ("practices", "status"): PRACTICE_STATUSES,
    ("practices", "themes"): CROSS_CUTTING_THEMES,
    ("mentoring_relationships", "status"): RELATIONSHIP_STATUSES,
}
# Values that say nothing: a record created with them did not "change" them.
EMPTY = frozenset({"null", '""', '"[]"', '"{}"'})

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_STAMP = re.compile(r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$")


def local_time(value: datetime) -> datetime:
    """A stored UTC time (naive) as this computer's local time (naive)."""
    return value.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


def when_text(value: datetime, now: datetime | None = None) -> str:
    """A stored UTC time, short, in the person's language: "28 nov, 10:42" (the year only when
    it is not this year's)."""
    from babel.dates import format_skeleton, format_time, get_datetime_format

    language = current_language()
    moment = local_time(value)
    this_year = (now or datetime.now()).year
    day = format_skeleton("MMMd" if moment.year == this_year else "yMMMd", moment, locale=language)
    hour = format_time(moment, "short", locale=language)
    pattern = str(get_datetime_format("medium", locale=language))
    return pattern.replace("{1}", day).replace("{0}", hour)


def laptop_name(name: str, this_laptop: bool) -> str:
    """A laptop's name, marked when it is the one in front of the person."""
    if this_laptop:
        return _("{laptop} (this laptop)").format(laptop=name)
    return name


def version_title(version: Version) -> str:
    """Where and when a value was written: "Laptop A (this laptop), 28 Nov, 10:42"."""
    return _("{laptop}, {when}").format(
        laptop=laptop_name(version.device_name, version.is_this_laptop),
        when=when_text(version.when),
    )


def is_removal(conflict: Conflict) -> bool:
    """Whether a "deleted" conflict is about a record removed for good (not in the trash)."""
    return conflict.current.value == "true"


def conflict_title(conflict: Conflict) -> str:
    """One line of the inbox: "Person · Ana García · Phone", or what happened to a record."""
    if conflict.kind != "deleted":
        return _("{kind} · {record} · {field}").format(
            kind=conflict.table_label, record=conflict.record_label, field=conflict.field_label
        )
    edit = conflict.others[0] if conflict.others else conflict.current
    if is_removal(conflict):
        text = _("{kind} · {record} — deleted on {deleted_on} while edited on {edited_on}")
    else:
        text = _(
            "{kind} · {record} — moved to the trash on {deleted_on} while edited on {edited_on}"
        )
    return text.format(
        kind=conflict.table_label,
        record=conflict.record_label,
        deleted_on=laptop_name(conflict.current.device_name, conflict.current.is_this_laptop),
        edited_on=laptop_name(edit.device_name, edit.is_this_laptop),
    )


def full_text(value: str) -> str:
    """A stored value (canonical JSON) whole, as text: what a person would edit."""
    try:
        raw = json.loads(value)
    except ValueError:
        return value
    if raw is None:
        return ""
    if isinstance(raw, dict):
        return _("(a file)")
    if isinstance(raw, str):
        return raw
    return json.dumps(raw, ensure_ascii=False)


def value_text(table: str, field: str, value: str, shown: str | None = None) -> str:
    """A stored value as a person reads it: dates in their language, codes by their name,
    lists one after another, the trash in words. ``shown`` is the service's text (kept for
    confidential values)."""
    if field == REMOVED:
        return _("Deleted") if value == "true" else _("Brought back")
    if field == TRASHED:
        return _("Taken out of the trash") if value in EMPTY else _("Moved to the trash")
    text = full_text(value) if shown is None else shown
    codes = CODES.get((table, field), {})
    if text.startswith("[") and text.endswith("]"):
        items = _json_list(text)
        if items is not None:
            return ", ".join(choice_label(codes, str(item)) for item in items)
    if text in codes:
        return choice_label(codes, text)
    if _DATE.match(text):
        return format_date(date.fromisoformat(text))
    if _STAMP.match(text) and field.endswith("_at"):
        return when_text(datetime.fromisoformat(text))
    return text


def _json_list(text: str) -> list[object] | None:
    try:
        found = json.loads(text)
    except ValueError:
        return None
    return found if isinstance(found, list) else None


def entry_text(table: str, entry: HistoryEntry) -> str:
    """A value in a record's history, "(empty)" when the change emptied the field."""
    text = value_text(table, entry.field, entry.value, entry.shown)
    return text if text else _("(empty)")


def field_name(entry: HistoryEntry) -> str:
    """The name of a changed field; the trash is said by the value, not the field's name."""
    if entry.field in (TRASHED, REMOVED):
        return _("Trash")
    return entry.field_label
