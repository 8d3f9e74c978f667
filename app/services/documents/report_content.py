"""What the PDF report for funders shows, as plain data: the renderer draws exactly this."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from app.services.documents.content import Letterhead
from app.services.reports.report_tables import ReportRow, ReportTable


@dataclass(frozen=True, slots=True)
class ReportContent:
    """The report in ``language``: its period, the large figures at the top, its tables."""

    language: str
    start: date
    end: date
    hidden_below: int  # counts under this are hidden (None in the rows); 0: nothing hidden
    headline: tuple[ReportRow, ...]  # the few figures printed large under the title
    tables: tuple[ReportTable, ...]
    printed_on: date
    letterhead: Letterhead = field(default_factory=lambda: Letterhead(""))
