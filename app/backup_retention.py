"""The retention rule for backups: which ones may go. Pure: it deletes nothing itself.

One backup a day for a week, one an ISO week for a month, one a month for a year; the newest
:data:`ALWAYS_KEEP` of any kind always stay, and a backup the person was told about (before a
restore, an import or a merge) stays at least :data:`PROTECTED_FOR`.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Protocol, TypeVar

log = logging.getLogger(__name__)

ALWAYS_KEEP = 3
# The person was told about these backups when they were made: kept a month whatever comes after.
PROTECTED_REASONS = frozenset({"before-restore", "before-import", "before-merge"})
PROTECTED_FOR = timedelta(days=30)
DAILY_FOR = timedelta(days=7)
WEEKLY_FOR = timedelta(days=31)
MONTHLY_FOR = timedelta(days=365)


class _Dated(Protocol):
    @property
    def made_at(self) -> datetime: ...

    @property
    def reason(self) -> str: ...


T = TypeVar("T", bound=_Dated)


def _slot(made_at: datetime, now: datetime) -> tuple[object, ...] | None:
    """The retention slot a backup of that age competes for; ``None`` when it is too old."""
    age = now - made_at
    if age < DAILY_FOR:
        return ("day", made_at.date())
    if age < WEEKLY_FOR:
        iso = made_at.isocalendar()
        return ("week", iso.year, iso.week)
    if age < MONTHLY_FOR:
        return ("month", made_at.year, made_at.month)
    return None


def backups_to_delete(backups: Sequence[T], now: datetime) -> list[T]:
    """The backups that the retention rule lets go, newest first.

    Each day of the last week, each ISO week of the last month and each month of the last year
    keeps its newest backup, whatever its reason; anything older than a year goes. The newest
    :data:`ALWAYS_KEEP` backups of any kind are always kept, and so is a backup the person was
    told about (:data:`PROTECTED_REASONS`) for :data:`PROTECTED_FOR`, whatever came after it.
    Pure: it deletes nothing itself.
    """
    taken: set[tuple[object, ...]] = set()
    doomed: list[T] = []
    for index, backup in enumerate(sorted(backups, key=lambda b: b.made_at, reverse=True)):
        slot = _slot(backup.made_at, now)
        promised = backup.reason in PROTECTED_REASONS and now - backup.made_at < PROTECTED_FOR
        if index < ALWAYS_KEEP or promised:
            if slot is not None:
                taken.add(slot)
        elif slot is None or slot in taken:
            doomed.append(backup)
        else:
            taken.add(slot)
    return doomed
