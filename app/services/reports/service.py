"""The reports service of the program (``services.reports``)."""

from __future__ import annotations

import logging

from app.db import Database
from app.services.reports.indicators import build_report
from app.services.reports.period import Period
from app.services.reports.records import FigureRecords, figure_records
from app.services.reports.values import Report, report_json

log = logging.getLogger(__name__)


class ReportService:
    """The indicators of a period for funders, their JSON form and the records behind them."""

    def __init__(self, db: Database):
        self.db = db

    def build(self, period: Period, suppress_below: int = 0) -> Report:
        """Every indicator of ``period``; counts of people or organisations under
        ``suppress_below`` (and above 0) are hidden as None."""
        return build_report(self.db, period, suppress_below)

    def json(self, period: Period, suppress_below: int = 0) -> dict:
        """The report as JSON data with the documented keys (docs/report-format.md)."""
        return report_json(self.build(period, suppress_below))

    def records(self, period: Period, key: str) -> FigureRecords:
        """The records behind one figure, by its JSON key path ("participants.by_gender.woman",
        "organisations.reached" ...); raises NotFoundError for a key that is not a figure."""
        return figure_records(self.db, period, key)
