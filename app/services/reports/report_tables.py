"""The report's figures as tables in one language: what the XLSX sheets and the PDF show.

Built from the JSON shape of the report (:func:`app.services.reports.values.report_json`),
so both exports say exactly what ``tejido report --format json`` says. Every value keeps its
JSON key path (``participants.by_gender.woman``), so whoever shows a cell can open the records
behind it. A value of ``None`` is a count hidden because it is under the report's threshold.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from app.i18n import N_, DocumentWords
from app.services.reports.labels import CELL_WORDS, FIGURES, NO_TERRITORY

log = logging.getLogger(__name__)

Figure = int | float | None

# The single figures of the report (no breakdowns), in the report's order.
SINGLE_FIGURES = (
    "participants.total",
    "completed.total",
    "sessions",
    "hours.delivered",
    "hours.person_hours",
    "organisations.reached",
    "organisations.completed",
    "mentoring.pairs_active",
    "mentoring.pairs_closed",
    "mentoring.sessions",
    "mentoring.hours",
    "mentoring.goals_achieved",
    "practices.collected",
    "practices.published",
    "practices.shared",
    "practices.adopted",
    "certificates.issued",
    "cascades.count",
    "cascades.people_reached",
)
# Figures that are hours (one decimal), never counts.
HOURS = frozenset({"hours.delivered", "hours.person_hours", "mentoring.hours"})


@dataclass(frozen=True, slots=True)
class ReportRow:
    """One row: its label, its values, and the JSON key path of each value."""

    label: str
    values: tuple[Figure, ...]
    keys: tuple[str, ...]
    total: bool = False  # the row that sums up the rows above it


@dataclass(frozen=True, slots=True)
class ReportTable:
    """One table of the report (one XLSX sheet): ``headers[0]`` names the labels' column."""

    key: str  # the JSON key path of the table ("participants.by_gender")
    title: str
    sheet: str  # a short name for the XLSX sheet
    headers: tuple[str, ...]
    rows: tuple[ReportRow, ...]
    note: str = ""


def value_at(data: Mapping[str, Any], key: str) -> Figure:
    """The figure at the JSON key path ``key`` (0 when the report has no such key)."""
    value: Any = data
    for part in key.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return 0
        value = value[part]
    return value if value is None or isinstance(value, int | float) else 0


def period_of(data: Mapping[str, Any]) -> tuple[date, date]:
    """The first and last day of the report."""
    period = data["period"]
    return _day(period["from"]), _day(period["to"])


def _day(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def period_text(words: DocumentWords, start: date, end: date) -> str:
    """ "From January 1, 2025 to December 31, 2025" in the words' language."""
    if start == end:
        return words._("On {date}").format(date=words.date(start))
    return words._("From {start} to {end}").format(start=words.date(start), end=words.date(end))


def hidden_below(data: Mapping[str, Any]) -> int:
    """The threshold under which counts are hidden (0: nothing hidden)."""
    return int(data.get("suppressed_below") or 0)


def figure_row(data: Mapping[str, Any], words: DocumentWords, key: str) -> ReportRow:
    """The row of one single figure, with its label."""
    return ReportRow(words._(FIGURES[key]), (value_at(data, key),), (key,))


def summary_rows(data: Mapping[str, Any], words: DocumentWords) -> tuple[ReportRow, ...]:
    """Every single figure of the report (no breakdowns), in the order of the report."""
    return tuple(figure_row(data, words, key) for key in SINGLE_FIGURES)


def report_tables(data: Mapping[str, Any], words: DocumentWords) -> tuple[ReportTable, ...]:
    """The report's tables: participants by gender, age band and kind; sessions and hours;
    organisations, by type and by territory; mentoring; good practices; certificates and
    cascades."""
    return (
        *participant_tables(data, words),
        _figures_table(
            data,
            words,
            ("hours", N_("Sessions and hours"), N_("Hours")),
            ("sessions", "hours.delivered", "hours.person_hours"),
        ),
        *organisation_tables(data, words),
        _figures_table(
            data,
            words,
            ("mentoring", N_("Mentoring"), N_("Mentoring")),
            tuple(k for k in SINGLE_FIGURES if k.startswith("mentoring.")),
        ),
        _figures_table(
            data,
            words,
            ("practices", N_("Good practices"), N_("Good practices")),
            tuple(k for k in SINGLE_FIGURES if k.startswith("practices.")),
        ),
        _figures_table(
            data,
            words,
            ("certificates", N_("Certificates and cascades"), N_("Certificates, cascades")),
            ("certificates.issued", "cascades.count", "cascades.people_reached"),
        ),
    )


def participant_tables(
    data: Mapping[str, Any], words: DocumentWords
) -> tuple[ReportTable, ReportTable, ReportTable]:
    """Participants by gender (with those who completed), by age band and by activity kind."""
    _ = words._
    by_gender = _breakdown_table(
        data,
        words,
        ("participants.by_gender", "completed.by_gender"),
        _("By gender"),
        (_("Gender"), _("Participants"), _("Completed")),
    )
    by_age = _breakdown_table(
        data,
        words,
        ("participants.by_age_band",),
        _("By age band"),
        (_("Age band"), _("Participants")),
    )
    by_kind = _breakdown_table(
        data,
        words,
        ("participants.by_kind",),
        _("By activity kind"),
        (_("Kind of activity"), _("Participants")),
        _(
            "A person who took part in two kinds of activity counts once in each, "
            "and once in the total."
        ),
    )
    return by_gender, by_age, by_kind


def organisation_tables(
    data: Mapping[str, Any], words: DocumentWords
) -> tuple[ReportTable, ReportTable, ReportTable]:
    """Organisations reached and completed; those reached by type and by territory."""
    _ = words._
    figures = _figures_table(
        data,
        words,
        ("organisations", N_("Organisations"), N_("Organisations")),
        ("organisations.reached", "organisations.completed"),
    )
    by_type = _breakdown_table(
        data,
        words,
        ("organisations.by_type",),
        _("Organisations by type"),
        (_("Type of organisation"), _("Organisations")),
    )
    by_territory = _breakdown_table(
        data,
        words,
        ("organisations.by_territory",),
        _("Organisations by territory"),
        (_("Territory"), _("Organisations")),
    )
    return figures, by_type, by_territory


def _figures_table(
    data: Mapping[str, Any],
    words: DocumentWords,
    names: tuple[str, str, str],
    keys: tuple[str, ...],
) -> ReportTable:
    key, title, sheet = names
    rows = tuple(figure_row(data, words, k) for k in keys)
    headers = (words._("Figure"), words._("Value"))
    return ReportTable(key, words._(title), words._(sheet), headers, rows)


def _breakdown_table(
    data: Mapping[str, Any],
    words: DocumentWords,
    breakdowns: tuple[str, ...],
    sheet: str,
    headers: tuple[str, ...],
    note: str = "",
) -> ReportTable:
    """A row per code of the breakdowns (``participants.by_gender.woman``...) in the report's
    order, one column per breakdown, then the total row (``participants.total``...)."""
    kind = breakdowns[0].split(".")[1]
    codes: list[str] = []
    for breakdown in breakdowns:
        codes += [code for code in _mapping(data, breakdown) if code not in codes]
    rows = []
    for code in codes:
        keys = tuple(f"{breakdown}.{code}" for breakdown in breakdowns)
        values = tuple(_cell(data, breakdown, code) for breakdown in breakdowns)
        rows.append(ReportRow(_label(words, kind, code), values, keys))
    totals = tuple(_total_key(breakdown) for breakdown in breakdowns)
    values = tuple(value_at(data, key) for key in totals)
    rows.append(ReportRow(words._("Total"), values, totals, total=True))
    title = words._(FIGURES[breakdowns[0]])
    return ReportTable(breakdowns[0], title, sheet, headers, tuple(rows), note)


def _mapping(data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value: Any = data
    for part in key.split("."):
        value = value.get(part, {}) if isinstance(value, Mapping) else {}
    return value if isinstance(value, Mapping) else {}


def _cell(data: Mapping[str, Any], breakdown: str, code: str) -> Figure:
    """A breakdown's cell (a territory's name may hold dots): 0 when the report lacks it."""
    value = _mapping(data, breakdown).get(code, 0)
    return value if value is None or isinstance(value, int | float) else 0


def _total_key(breakdown: str) -> str:
    section = breakdown.split(".")[0]
    return "organisations.reached" if section == "organisations" else f"{section}.total"


def _label(words: DocumentWords, kind: str, code: str) -> str:
    """A cell's words in the document's language (as :func:`labels.cell_label` says them)."""
    if kind == "by_territory":
        return code or words._(NO_TERRITORY)
    vocabulary = CELL_WORDS.get(kind, {})
    return words._(vocabulary[code]) if code in vocabulary else code
