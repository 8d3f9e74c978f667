"""The words and figures of the dashboard: each chart built from a period's
:class:`~app.services.reports.series.DashboardSeries` with its title, its tool tips and its
description for screen readers, and the headline figures above the charts."""

from __future__ import annotations

import html
import logging
from collections.abc import Callable

from app.i18n import N_, _, format_number, ngettext
from app.services.reports.series import DashboardSeries
from app.services.reports.series_buckets import MONTH, QUARTER, YEAR
from app.views.reports.dashboard_axis import Drawn
from app.views.reports.dashboard_charts import Measure, chart_title, ranking_chart, time_chart
from app.views.reports.report_words import GENDER_WORDS

log = logging.getLogger(__name__)

CHARTS = ("participation", "gender", "areas", "hours", "mentoring")
MAX_AREAS = 8  # the areas with most people; more bars leave their names no room at 1100x700

TITLES: dict[str, dict[str, str]] = {
    "participation": {
        MONTH: N_("People who attended and sessions held, by month"),
        QUARTER: N_("People who attended and sessions held, by quarter"),
        YEAR: N_("People who attended and sessions held, by year"),
    },
    "hours": {
        MONTH: N_("Hours of the sessions, by month"),
        QUARTER: N_("Hours of the sessions, by quarter"),
        YEAR: N_("Hours of the sessions, by year"),
    },
    "mentoring": {
        MONTH: N_("Mentoring sessions and hours, by month"),
        QUARTER: N_("Mentoring sessions and hours, by quarter"),
        YEAR: N_("Mentoring sessions and hours, by year"),
    },
}

# The chart (with its ways of labelling its axis), its accessible name and description.
Built = tuple[Drawn, str, str]


def build(key: str, series: DashboardSeries) -> Built:
    """The chart ``key`` (one of :data:`CHARTS`) of ``series``, its accessible name (the title)
    and its accessible description (every figure in words)."""
    builders: dict[str, Callable[[DashboardSeries], Built]] = {
        "participation": _participation,
        "gender": _gender,
        "areas": _areas,
        "hours": _hours,
        "mentoring": _mentoring,
    }
    return builders[key](series)


def _in_words(describe: Callable[[int], str], count: int) -> str:
    """Every step's tool tip, one sentence each, for screen readers."""
    return " ".join(describe(index).replace("\n", ", ") + "." for index in range(count))


def _participation(series: DashboardSeries) -> Built:
    points = series.participation_by_month

    def describe(index: int) -> str:
        point = points[index]
        return _("{step}\nPeople who attended: {people}\nSessions held: {sessions}").format(
            step=point.label,
            people=format_number(point.people),
            sessions=format_number(point.sessions),
        )

    title = _(TITLES["participation"][series.step])
    drawn = time_chart(
        title,
        series.axes,
        Measure(_("People"), tuple(p.people for p in points)),
        Measure(_("Sessions"), tuple(p.sessions for p in points)),
        describe,
    )
    return drawn, title, _in_words(describe, len(points))


def _hours(series: DashboardSeries) -> Built:
    points = series.hours_by_month

    def describe(index: int) -> str:
        point = points[index]
        return _("{step}\nPerson-hours received: {received}\nHours delivered: {delivered}").format(
            step=point.label,
            received=format_number(point.person_hours),
            delivered=format_number(point.delivered),
        )

    title = _(TITLES["hours"][series.step])
    drawn = time_chart(
        title,
        series.axes,
        Measure(_("Person-hours"), tuple(p.person_hours for p in points)),
        Measure(_("Hours delivered"), tuple(p.delivered for p in points)),
        describe,
    )
    return drawn, title, _in_words(describe, len(points))


def _mentoring(series: DashboardSeries) -> Built:
    points = series.mentoring_by_month

    def describe(index: int) -> str:
        point = points[index]
        return _("{step}\nMentoring sessions: {sessions}\nHours: {hours}").format(
            step=point.label,
            sessions=format_number(point.sessions),
            hours=format_number(point.hours),
        )

    title = _(TITLES["mentoring"][series.step])
    drawn = time_chart(
        title,
        series.axes,
        Measure(_("Sessions"), tuple(p.sessions for p in points)),
        Measure(_("Hours"), tuple(p.hours for p in points)),
        describe,
    )
    return drawn, title, _in_words(describe, len(points))


def _gender(series: DashboardSeries) -> Built:
    total = sum(count for _code, count in series.by_gender)
    parts = [(_(GENDER_WORDS[code]), count) for code, count in series.by_gender]

    def share(count: int) -> str:
        percent = round(100 * count / total) if total else 0
        return _("{percent} %").format(percent=format_number(percent))

    def describe(index: int) -> str:
        name, count = parts[index]
        return _("{group}: {count} ({share})").format(
            group=name, count=format_number(count), share=share(count)
        )

    title = _("Participants by gender")
    labelled = [(_("{group} ({share})").format(group=n, share=share(c)), c) for n, c in parts]
    drawn = ranking_chart(title, _("People"), labelled, describe, hue=0)
    if not total:
        drawn.chart.setTitle(chart_title(title, _("No one attended in this period")))
    return drawn, title, _in_words(describe, len(parts))


def _areas(series: DashboardSeries) -> Built:
    # Areas of action are stored by their English label (custom ones as typed): shown translated.
    rows = [(_(name) if name else _("No area of action"), count) for name, count in series.by_area]
    shown = rows[:MAX_AREAS]

    def describe(index: int) -> str:
        name, count = rows[index]
        return ngettext("{area}: {count} person", "{area}: {count} people", count).format(
            area=name, count=format_number(count)
        )

    title = _("Participants by area of action")
    drawn = ranking_chart(title, _("People"), shown, describe)
    note = ""
    if not shown:
        note = _("No one attended in this period")
    elif len(rows) > len(shown):
        note = _("The {shown} areas with most people, of {count}").format(
            shown=format_number(len(shown)), count=format_number(len(rows))
        )
    if note:
        drawn.chart.setTitle(chart_title(title, note))
    # Screen readers hear every area, the ones left out of the chart too.
    return drawn, title, _in_words(describe, len(rows))


# -- the headline figures ------------------------------------------------------------------------


def headline_figures(series: DashboardSeries) -> list[tuple[str, str]]:
    """The period's totals (as the report counts them) as (figure, what it counts) pairs."""
    totals = series.totals
    return [
        (format_number(totals.participants), _("people attended (each once)")),
        (format_number(totals.sessions), _("sessions held")),
        (format_number(totals.delivered), _("hours delivered")),
        (format_number(totals.person_hours), _("person-hours received")),
        (format_number(totals.mentoring_sessions), _("mentoring sessions")),
        (format_number(totals.mentoring_hours), _("hours of mentoring")),
    ]


def headline_html(series: DashboardSeries) -> str:
    """The period and its totals as a row of figures, each over what it counts."""
    cells = [
        "<td style='padding-right:18px'><span style='font-size:x-large; font-weight:600'>"
        f"{html.escape(series.period.label())}</span></td>"
    ]
    for figure, words in headline_figures(series):
        cells.append(
            "<td style='padding-right:18px'>"
            f"<span style='font-size:large; font-weight:600'>{html.escape(figure)}</span>"
            f"<br>{html.escape(words)}</td>"
        )
    return f"<table><tr>{''.join(cells)}</tr></table>"


def headline_text(series: DashboardSeries) -> str:
    """The same figures in one plain line, for screen readers."""
    figures = "; ".join(f"{figure} {words}" for figure, words in headline_figures(series))
    return _("{period}: {figures}").format(period=series.period.label(), figures=figures)
