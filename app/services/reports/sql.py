"""The SQL behind the indicators: the sets of rows each figure counts, as common table
expressions shared by the counts (:mod:`indicators`) and the records behind them (:mod:`records`).

Every statement takes the parameters ``start`` and ``end`` (ISO dates, both included) and
``after`` (the day after ``end``, for the date-and-time columns stored as ISO text).
Records in the trash, and people and organisations merged into others, are never counted.
The definitions are those of docs/report-format.md; keep both true together.
"""

from __future__ import annotations

from app.services.vocabulary import ATTENDED_MARKS

# Fixed codes from the vocabulary, never input: safe inside the statement.
ATTENDED = ", ".join(f"'{mark}'" for mark in sorted(ATTENDED_MARKS))
RAN = "'active', 'paused', 'closed'"
COMPLETED_REASONS = "'goals_achieved', 'planned_end'"

LIVE_PERSON = "p.deleted_at IS NULL AND p.merged_into_id IS NULL"
LIVE_ORGANISATION = "o.deleted_at IS NULL AND o.merged_into_id IS NULL"


# Age bands by birth year against the period's end year (parameter ``year``).
AGE_BAND = """
CASE WHEN p.birth_year IS NULL THEN 'unknown'
    WHEN :year - p.birth_year < 18 THEN 'under_18'
    WHEN :year - p.birth_year < 30 THEN '18_29'
    WHEN :year - p.birth_year < 55 THEN '30_54'
    ELSE '55_plus' END"""


def _clock(column: str) -> str:
    """Minutes since midnight of a time stored as "HH:MM:SS..." text."""
    return (
        f"(CAST(substr({column}, 1, 2) AS INTEGER) * 60 + CAST(substr({column}, 4, 2) AS INTEGER))"
    )


# As app.services.activity_values.session_minutes: 0 when either time is missing.
SESSION_MINUTES = (
    "(CASE WHEN x.start_time IS NULL OR x.end_time IS NULL THEN 0 "
    f"ELSE max(0, {_clock('x.end_time')} - {_clock('x.start_time')}) END)"
)

# Live sessions of live activities dated in the period, with their length in minutes.
HELD = f"""
held AS MATERIALIZED (
    SELECT x.id, x.activity_id, x.date, act.kind, {SESSION_MINUTES} AS minutes
    FROM activity_sessions x JOIN activities act ON act.id = x.activity_id
    WHERE x.deleted_at IS NULL AND act.deleted_at IS NULL AND x.date BETWEEN :start AND :end
)"""

# Live activities whose last live session is in the period, with their number of live sessions
# and their completion rule.
ENDED = """
ended AS MATERIALIZED (
    SELECT x.activity_id, count(*) AS total, max(act.min_attendance_percent) AS min_percent,
        max(act.min_minutes) AS min_minutes
    FROM activity_sessions x JOIN activities act ON act.id = x.activity_id
    WHERE x.deleted_at IS NULL AND act.deleted_at IS NULL
    GROUP BY x.activity_id HAVING max(x.date) BETWEEN :start AND :end
)"""

# The sessions whose marks are read: those held in the period, and the earlier sessions of the
# activities that ended in it (their completion counts every session). Read once for both.
SCOPE = f"""
scope AS (
    SELECT id, activity_id, kind, minutes, 1 AS in_period FROM held
    UNION ALL
    SELECT x.id, x.activity_id, act.kind, {SESSION_MINUTES}, 0
    FROM ended e JOIN activity_sessions x ON x.activity_id = e.activity_id
    JOIN activities act ON act.id = x.activity_id
    WHERE x.deleted_at IS NULL AND x.date < :start
)"""

# Attended marks at those sessions, with the minutes each counts (the partial time recorded,
# or the whole session; a partial time longer than the session is the session, as
# app.services.completion counts it). Whether the person is live is checked once per person
# (``attendees``, ``completers``), not once per mark.
MARKS = f"""
marks AS (
    SELECT a.person_id, h.activity_id, h.kind, h.id AS session_id, h.in_period,
        CASE WHEN a.minutes IS NULL OR (h.minutes > 0 AND a.minutes > h.minutes)
            THEN h.minutes ELSE a.minutes END AS minutes
    FROM scope h CROSS JOIN attendance a ON a.session_id = h.id
    WHERE a.deleted_at IS NULL AND a.status IN ({ATTENDED})
)"""

# Each person at each activity: sessions attended and minutes received in the period, and in
# all (for the activities that ended in the period).
VISITS = """
visits AS MATERIALIZED (
    SELECT person_id, activity_id, min(kind) AS kind,
        sum(in_period) AS sessions_in, sum(in_period * minutes) AS minutes_in,
        count(*) AS attended, sum(minutes) AS minutes
    FROM marks GROUP BY person_id, activity_id
)"""

# Every common table expression the attendance figures need, in order.
ATTENDANCE = (HELD, ENDED, SCOPE, MARKS, VISITS)

# The live people who attended in the period, each once, with what the report breaks them
# down by and the minutes they received. Needs the parameter ``year``.
ATTENDEES = f"""
attendees AS MATERIALIZED (
    SELECT p.id AS person_id, p.gender, {AGE_BAND} AS band, t.minutes
    FROM (SELECT person_id, sum(minutes_in) AS minutes FROM visits WHERE sessions_in > 0
          GROUP BY person_id) t
    JOIN people p ON p.id = t.person_id
    WHERE {LIVE_PERSON}
)"""

# Pairs that ran (active, paused or closed) with a span overlapping the period, as
# app.services.mentoring_totals counts them.
PAIRS_ACTIVE = f"""
pairs_active AS MATERIALIZED (
    SELECT * FROM mentoring_relationships
    WHERE deleted_at IS NULL AND status IN ({RAN})
        AND (start_date IS NULL OR start_date <= :end)
        AND (closed_on IS NULL OR closed_on >= :start)
)"""

PAIRS_CLOSED = """
pairs_closed AS (
    SELECT * FROM mentoring_relationships
    WHERE deleted_at IS NULL AND status = 'closed' AND closed_on BETWEEN :start AND :end
)"""

# Organisations reached: registration organisations of the people at the activities they
# attended in the period, and both organisations of the pairs active in it. Asked per
# organisation (its registrations, until one is of a visit), so a reached organisation costs a
# few lookups rather than one per person and activity.
REACHED = f"""
reached AS MATERIALIZED (
    SELECT o.* FROM organisations o
    WHERE {LIVE_ORGANISATION} AND (
        EXISTS (
            SELECT 1 FROM registrations r
            CROSS JOIN visits v ON v.activity_id = r.activity_id AND v.person_id = r.person_id
            WHERE r.organisation_id = o.id AND r.deleted_at IS NULL AND v.sessions_in > 0
                AND v.person_id IN (SELECT person_id FROM attendees))
        OR o.id IN (SELECT mentor_organisation_id FROM pairs_active)
        OR o.id IN (SELECT mentee_organisation_id FROM pairs_active))
)"""

# Who completed: the activity's rule met by the attended marks (app.services.completion.rule_met)
# at an activity that ended in the period, or a live, unrevoked completion certificate issued
# in the period. One row per person and activity, live people only.
DONE = f"""
done_any AS (
    SELECT v.activity_id, v.person_id FROM visits v JOIN ended e ON e.activity_id = v.activity_id
    WHERE (e.min_percent IS NULL OR v.attended * 100 >= e.min_percent * e.total)
        AND (e.min_minutes IS NULL OR v.minutes >= e.min_minutes)
    UNION
    SELECT c.activity_id, c.person_id
    FROM certificates c JOIN activities act ON act.id = c.activity_id
    WHERE c.kind = 'completion' AND c.deleted_at IS NULL AND c.revoked_at IS NULL
        AND act.deleted_at IS NULL AND c.issued_at >= :start AND c.issued_at < :after
),
completers AS MATERIALIZED (
    SELECT p.id AS person_id, p.gender
    FROM (SELECT DISTINCT person_id FROM done_any) d JOIN people p ON p.id = d.person_id
    WHERE {LIVE_PERSON}
),
done AS MATERIALIZED (
    SELECT activity_id, person_id FROM done_any
    WHERE person_id IN (SELECT person_id FROM completers)
)"""

# Organisations that completed: registration organisations of who completed, and the mentee
# organisations of pairs closed in the period having reached their goals or their planned end.
COMPLETED_ORGANISATIONS = f"""
completed_organisations AS (
    SELECT o.* FROM organisations o
    WHERE {LIVE_ORGANISATION} AND (
        EXISTS (
            SELECT 1 FROM registrations r
            CROSS JOIN done d ON d.activity_id = r.activity_id AND d.person_id = r.person_id
            WHERE r.organisation_id = o.id AND r.deleted_at IS NULL)
        OR o.id IN (
            SELECT mentee_organisation_id FROM pairs_closed
            WHERE closure_reason IN ({COMPLETED_REASONS})))
)"""

TERRITORY = "coalesce(nullif(trim(o.territory), ''), trim(o.municipality))"


def with_(*parts: str) -> str:
    """A WITH clause of the given common table expressions."""
    return "WITH " + ",".join(parts) + "\n"


# The practices counted (one column: id); ``own`` is our profile's id.
PRACTICES_COLLECTED = (
    "SELECT id FROM practices WHERE deleted_at IS NULL AND created_at >= :start "
    "AND created_at < :after"
)
PRACTICES_PUBLISHED = (
    "SELECT id FROM practices WHERE deleted_at IS NULL AND origin_id = :own "
    "AND status = 'published' "
    "AND coalesce(reviewed_on, date(updated_at)) BETWEEN :start AND :end"
)
PRACTICES_SHARED = (
    "SELECT DISTINCT j.value AS id FROM bundles b, json_each(b.practice_ids) j "
    "WHERE b.direction = 'export' AND b.deleted_at IS NULL AND b.at >= :start AND b.at < :after"
)
PRACTICES_ADOPTED = (
    "SELECT DISTINCT ad.practice_id AS id FROM practice_adoptions ad "
    "JOIN practices pr ON pr.id = ad.practice_id WHERE ad.deleted_at IS NULL "
    "AND pr.deleted_at IS NULL AND ad.adopted_on BETWEEN :start AND :end"
)
CERTIFICATES_ISSUED = (
    "SELECT * FROM certificates WHERE deleted_at IS NULL AND revoked_at IS NULL "
    "AND replaced_by_id IS NULL AND issued_at >= :start AND issued_at < :after"
)
CASCADES_HELD = (
    "SELECT * FROM cascades WHERE deleted_at IS NULL AND held_on BETWEEN :start AND :end"
)
