"""The records behind the figures of mentoring, practices, certificates and cascades (see
:mod:`records`). Rows are text, ready for a table or an export; confidential notes of mentoring
sessions are never read."""

from __future__ import annotations

import logging
from datetime import date

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.i18n import N_, _, format_date, format_number
from app.services.catalogue import own_id
from app.services.mentoring_vocabulary import CLOSURE_REASONS, RELATIONSHIP_STATUSES
from app.services.network_vocabulary import CASCADE_FORMATS
from app.services.reports import sql

log = logging.getLogger(__name__)

Params = dict[str, object]
Rows = tuple[tuple[str, ...], ...]
Table = tuple[tuple[str, ...], Rows]

CERTIFICATE_KINDS = {"attendance": N_("Attendance"), "completion": N_("Completion")}


def show_date(value: object) -> str:
    """A date (or date and time) read as ISO text, in the current language's format."""
    if not value:
        return ""
    return format_date(date.fromisoformat(str(value)[:10]))


def hours(minutes: int | None) -> str:
    """Minutes as hours with one decimal, in the current language's format."""
    return format_number(round((minutes or 0) / 60, 1))


def _word(words: dict[str, str], code: str) -> str:
    return _(words[code]) if code in words else code


def pair_rows(s: Session, params: Params, cte: str, name: str) -> Table:
    """The mentoring pairs of the CTE ``name`` (active or closed in the period)."""
    rows = s.execute(
        text(
            sql.with_(cte) + "SELECT mentor.full_name, coalesce(mo.name, ''), mentee.full_name, "
            "coalesce(eo.name, ''), r.status, r.start_date, r.closed_on, r.closure_reason "
            f"FROM {name} r JOIN people mentor ON mentor.id = r.mentor_id "
            "JOIN people mentee ON mentee.id = r.mentee_id "
            "LEFT JOIN organisations mo ON mo.id = r.mentor_organisation_id "
            "LEFT JOIN organisations eo ON eo.id = r.mentee_organisation_id "
            "ORDER BY mentee.name_key, r.id"
        ),
        params,
    )
    columns = (
        _("Mentor"),
        _("Mentor's organisation"),
        _("Mentee"),
        _("Mentee's organisation"),
        _("Status"),
        _("Started"),
        _("Closed"),
        _("Reason for closing"),
    )
    return columns, tuple(
        (
            mentor,
            mentor_org,
            mentee,
            mentee_org,
            _word(RELATIONSHIP_STATUSES, status),
            show_date(started),
            show_date(closed),
            _word(CLOSURE_REASONS, reason) if reason else "",
        )
        for mentor, mentor_org, mentee, mentee_org, status, started, closed, reason in rows
    )


# As app.services.mentoring_totals: live sessions of live pairs, by their date.
_MENTORING_SESSIONS = (
    "SELECT ms.date, mentor.full_name, mentee.full_name, ms.minutes "
    "FROM mentoring_sessions ms JOIN mentoring_relationships r ON r.id = ms.relationship_id "
    "JOIN people mentor ON mentor.id = r.mentor_id JOIN people mentee ON mentee.id = r.mentee_id "
    "WHERE ms.deleted_at IS NULL AND r.deleted_at IS NULL AND ms.date BETWEEN :start AND :end "
    "ORDER BY ms.date, mentee.name_key, ms.id"
)


def mentoring_session_rows(s: Session, params: Params) -> Table:
    """The mentoring sessions held in the period (never their notes)."""
    columns = (_("Date"), _("Mentor"), _("Mentee"), _("Hours"))
    return columns, tuple(
        (show_date(day), mentor, mentee, hours(minutes))
        for day, mentor, mentee, minutes in s.execute(text(_MENTORING_SESSIONS), params)
    )


_GOALS = (
    "SELECT g.achieved_on, g.description, mentor.full_name, mentee.full_name "
    "FROM mentoring_goals g JOIN mentoring_relationships r ON r.id = g.relationship_id "
    "JOIN people mentor ON mentor.id = r.mentor_id JOIN people mentee ON mentee.id = r.mentee_id "
    "WHERE g.deleted_at IS NULL AND r.deleted_at IS NULL "
    "AND g.achieved_on BETWEEN :start AND :end ORDER BY g.achieved_on, g.id"
)


def goal_rows(s: Session, params: Params) -> Table:
    """The mentoring goals achieved in the period."""
    columns = (_("Achieved"), _("Goal"), _("Mentor"), _("Mentee"))
    return columns, tuple(
        (show_date(day), goal, mentor, mentee)
        for day, goal, mentor, mentee in s.execute(text(_GOALS), params)
    )


# Which practices, and the date that puts each in the period.
_PRACTICE_SETS = {
    "collected": (sql.PRACTICES_COLLECTED, "pr.created_at", N_("Collected")),
    "published": (
        sql.PRACTICES_PUBLISHED,
        "coalesce(pr.reviewed_on, date(pr.updated_at))",
        N_("Published"),
    ),
    "shared": (
        "SELECT j.value AS id, min(b.at) AS day FROM bundles b, json_each(b.practice_ids) j "
        "WHERE b.direction = 'export' AND b.deleted_at IS NULL AND b.at >= :start "
        "AND b.at < :after GROUP BY j.value",
        "chosen.day",
        N_("First shared"),
    ),
    "adopted": (
        "SELECT ad.practice_id AS id, min(ad.adopted_on) AS day FROM practice_adoptions ad "
        "JOIN practices pr ON pr.id = ad.practice_id WHERE ad.deleted_at IS NULL "
        "AND pr.deleted_at IS NULL AND ad.adopted_on BETWEEN :start AND :end "
        "GROUP BY ad.practice_id",
        "chosen.day",
        N_("First adopted"),
    ),
}


def practice_rows(s: Session, params: Params, which: str) -> Table:
    """The practices collected, published, shared or adopted in the period."""
    chosen, day, heading = _PRACTICE_SETS[which]
    rows = s.execute(
        text(
            f"SELECT coalesce(pr.title, chosen.id), coalesce(pr.organisation_name, ''), {day} "
            f"FROM ({chosen}) chosen LEFT JOIN practices pr ON pr.id = chosen.id "
            "ORDER BY pr.title_key, chosen.id"
        ),
        {**params, "own": own_id(s)},
    )
    columns = (_("Practice"), _("Organisation"), _(heading))
    return columns, tuple((title, org, show_date(when)) for title, org, when in rows)


def certificate_rows(s: Session, params: Params) -> Table:
    """The certificates issued in the period (not revoked, not replaced)."""
    rows = s.execute(
        text(
            "SELECT code, kind, person_name, activity_title, issued_at "
            f"FROM ({sql.CERTIFICATES_ISSUED}) ORDER BY issued_at, code"
        ),
        params,
    )
    columns = (_("Code"), _("Kind"), _("Name"), _("Activity"), _("Issued"))
    return columns, tuple(
        (code, _word(CERTIFICATE_KINDS, kind), name, title, show_date(at))
        for code, kind, name, title, at in rows
    )


def cascade_rows(s: Session, params: Params) -> Table:
    """The cascades held in the period, with the people each reached."""
    rows = s.execute(
        text(
            "SELECT c.held_on, p.full_name, coalesce(o.name, ''), coalesce(act.title, ''), "
            f"c.how, c.people_reached FROM ({sql.CASCADES_HELD}) c "
            "JOIN people p ON p.id = c.person_id "
            "LEFT JOIN organisations o ON o.id = c.organisation_id "
            "LEFT JOIN activities act ON act.id = c.activity_id "
            "ORDER BY c.held_on, p.name_key, c.id"
        ),
        params,
    )
    columns = (
        _("Date"),
        _("Person"),
        _("Organisation"),
        _("Activity"),
        _("How"),
        _("People reached"),
    )
    return columns, tuple(
        (show_date(day), person, org, title, _word(CASCADE_FORMATS, how), str(reached))
        for day, person, org, title, how, reached in rows
    )
