"""The table of the "Needs attention" page: pairs with what to look at, in words."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from app.i18n import _, format_date
from app.services.mentoring_health import HealthRow
from app.services.mentoring_vocabulary import RELATIONSHIP_STATUSES
from app.views.widgets.choices import choice_label
from app.views.widgets.sorted_rows import SortColumn, SortedRowsModel

log = logging.getLogger(__name__)

Cell = str | int | float | None
# Flags that mean the pair may be dropping away; the others ask for a look.
URGENT_FLAGS = frozenset({"no_session", "overdue_goals", "past_end"})


def flags_text(row: HealthRow) -> str:
    """What needs attention, in words ("No session for 9 weeks; 2 goals overdue")."""
    if not row.flags:
        return _("Nothing to flag")
    return "; ".join(flag.message for flag in row.flags)


def attention_tone(row: HealthRow) -> str | None:
    """The colour of the attention text (the words say the same: never colour alone)."""
    if not row.flags:
        return "good"
    return "bad" if any(flag.code in URGENT_FLAGS for flag in row.flags) else "warning"


HEALTH_COLUMNS: tuple[SortColumn[HealthRow], ...] = (
    SortColumn(lambda: _("Mentee"), lambda r: r.mentee_name, width=22),
    SortColumn(lambda: _("Mentee's organisation"), lambda r: r.mentee_organisation, width=24),
    SortColumn(lambda: _("Mentor"), lambda r: r.mentor_name, width=22),
    SortColumn(
        lambda: _("Status"), lambda r: choice_label(RELATIONSHIP_STATUSES, r.status), width=10
    ),
    SortColumn(
        lambda: _("Last session"),
        lambda r: format_date(r.last_session_on) if r.last_session_on else _("None yet"),
        key=lambda r: r.last_session_on,
        width=12,
    ),
    SortColumn(
        lambda: _("What needs attention"),
        flags_text,
        key=lambda r: -r.score,
        width=44,
        tone=attention_tone,
    ),
)


class HealthTableModel(SortedRowsModel[HealthRow]):
    """Pairs in the order the health check gives (most in need first) until a header is
    clicked. ``UserRole`` holds the pair's id; the tool tip lists the flags one a line."""

    def __init__(self, parent=None):  # type: ignore[no-untyped-def]
        super().__init__(HEALTH_COLUMNS, parent)

    def tool_tip(self, row: HealthRow) -> str | None:
        return "\n".join(flag.message for flag in row.flags) or _("Nothing to flag")

    def user_data(self, row: HealthRow) -> Any:
        return row.relationship_id

    def total(self) -> int:
        """How many pairs are listed (for the export's log)."""
        return self.rowCount()

    def export_work(self) -> tuple[list[str], Callable[..., list[list[Cell]]]]:
        """The headers as shown and work giving the rows as shown (already all in memory)."""
        headers = [column.title() for column in self.columns]
        cells = [[column.value(row) for column in self.columns] for row in self.rows()]

        def work(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> list:
            progress(len(cells), len(cells))
            return cells

        return headers, work
