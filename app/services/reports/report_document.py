"""What the PDF report for funders shows: our letterhead, the report's language, its tables.

The letterhead (name, logo, colour, address) and the profile's language are read in one unit
of work; the session is closed before the PDF is drawn (by
:func:`app.services.documents.report_pdf.export_report_pdf`).

The report's language is the one asked for, else the profile's default language when Tejido
can print in it, else the program's language.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import date
from typing import Any

from app.db import Database
from app.i18n import document_words
from app.models import OrganisationProfile, the_profile
from app.services.activity_documents import document_language, letterhead
from app.services.documents.content import Letterhead
from app.services.documents.report_content import ReportContent
from app.services.reports.report_tables import (
    figure_row,
    hidden_below,
    period_of,
    report_tables,
)
from app.services.reports.values import Report, report_json

log = logging.getLogger(__name__)

# The figures printed large under the title.
HEADLINE = ("participants.total", "completed.total", "hours.delivered", "organisations.reached")


def read_report_content(db: Database, report: Report, language: str | None = None) -> ReportContent:
    """What the PDF of ``report`` shows, with our letterhead, in its language."""
    with db.session() as s:
        head = letterhead(s)
        profile_language = s.scalar(the_profile(OrganisationProfile.default_language))
    chosen = document_language(language, profile_language or "")
    return report_content(report_json(report), chosen, head)


def report_content(
    data: Mapping[str, Any],
    language: str,
    head: Letterhead,
    today: date | None = None,
) -> ReportContent:
    """What the PDF shows of the report in its JSON shape ``data``, in ``language``."""
    words = document_words(language)
    start, end = period_of(data)
    return ReportContent(
        language=words.language,
        start=start,
        end=end,
        hidden_below=hidden_below(data),
        headline=tuple(figure_row(data, words, key) for key in HEADLINE),
        tables=report_tables(data, words),
        printed_on=today or date.today(),
        letterhead=head,
    )
