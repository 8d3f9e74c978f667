"""The printed documents of a mentoring pair: the agreement both sides sign, and the summary.

Each function reads what the document shows in one unit of work, closes the database session,
and only then draws the PDF. The PDF is written atomically: an existing file is left as it was
when anything goes wrong.

Confidential notes of the sessions are never read here: the session log comes from
:func:`app.services.mentoring.session_rows`, which leaves them out, and the content handed to
the renderers has no field for them.

A document's language is the one asked for, else the profile's default language when Tejido
can print in it, else the program's language.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from app.db import Database
from app.errors import NotFoundError
from app.i18n import _
from app.models import MentoringRelationship, Organisation, OrganisationProfile, Person, the_profile
from app.services.activity_documents import document_language, letterhead
from app.services.documents.mentoring_content import (
    MentoringContent,
    MentoringGoalLine,
    MentoringSessionLine,
)
from app.services.mentoring import session_rows
from app.services.mentoring_goals import goal_history, read_goals

log = logging.getLogger(__name__)


def mentoring_content(
    s: Session,
    relationship_id: str,
    language: str | None = None,
    *,
    with_sessions: bool = False,
    today: date | None = None,
) -> MentoringContent:
    """Inside an open session: what the agreement (``with_sessions=False``) or the summary
    (``with_sessions=True``, the session log oldest first) of a live pair shows."""
    pair = _live_pair(s, relationship_id)
    return MentoringContent(
        language=document_language(language, _profile_language(s)),
        mentor=_person(s, pair.mentor_id),
        mentor_organisation=_organisation(s, pair.mentor_organisation_id),
        mentee=_person(s, pair.mentee_id),
        mentee_organisation=_organisation(s, pair.mentee_organisation_id),
        areas=tuple(pair.areas or ()),
        start_date=pair.start_date,
        planned_end=pair.planned_end,
        frequency=pair.frequency,
        status=pair.status,
        printed_on=today or date.today(),
        closed_on=pair.closed_on,
        closure_reason=pair.closure_reason,
        final_assessment=pair.final_assessment,
        agreement_goals=pair.agreement_goals,
        agreement_commitments=pair.agreement_commitments,
        agreement_confidentiality=pair.agreement_confidentiality,
        goals=_goals(s, pair.id),
        sessions=_sessions(s, pair.id) if with_sessions else (),
        letterhead=letterhead(s),
    )


def agreement_pdf(
    db: Database, relationship_id: str, path: Path, language: str | None = None
) -> int:
    """Write the mentoring agreement of a pair to ``path`` (PDF), for both sides to sign:
    parties, areas, dates, frequency, goals, commitments, confidentiality and two signature
    boxes. Returns the pages written."""
    from app.services.documents.mentoring_agreement_pdf import render_agreement

    with db.session() as s:
        content = mentoring_content(s, relationship_id, language)
    pages = render_agreement(content, Path(path))
    log.info("mentoring agreement of %s written: %d pages", relationship_id, pages)
    return pages


def summary_pdf(db: Database, relationship_id: str, path: Path, language: str | None = None) -> int:
    """Write the summary of a pair to ``path`` (PDF): parties, dates, status, goals with their
    progress drawn, the session log and the totals, never any confidential note. Returns the
    pages written."""
    from app.services.documents.mentoring_summary_pdf import render_summary

    with db.session() as s:
        content = mentoring_content(s, relationship_id, language, with_sessions=True)
    pages = render_summary(content, Path(path))
    log.info("mentoring summary of %s written: %d pages", relationship_id, pages)
    return pages


def _live_pair(s: Session, relationship_id: str) -> MentoringRelationship:
    pair = s.get(MentoringRelationship, relationship_id)
    if pair is None:
        raise NotFoundError(
            _("That mentoring relationship no longer exists. It may have been deleted.")
        )
    if pair.deleted_at is not None:
        raise NotFoundError(_("That mentoring relationship is in the trash. Restore it first."))
    return pair


def _profile_language(s: Session) -> str:
    language = s.scalar(the_profile(OrganisationProfile.default_language))
    return language or ""


def _person(s: Session, person_id: str) -> str:
    person = s.get(Person, person_id)
    return person.full_name if person is not None else ""


def _organisation(s: Session, organisation_id: str | None) -> str:
    organisation = s.get(Organisation, organisation_id) if organisation_id else None
    return organisation.name if organisation is not None else ""


def _goals(s: Session, relationship_id: str) -> tuple[MentoringGoalLine, ...]:
    return tuple(
        MentoringGoalLine(
            description=goal.description,
            baseline=goal.baseline,
            target=goal.target,
            due_date=goal.due_date,
            progress=goal.progress,
            achieved_on=goal.achieved_on,
            history=tuple(
                (point.recorded_on, point.progress) for point in goal_history(s, goal.id or "")
            ),
        )
        for goal in read_goals(s, relationship_id)
    )


def _sessions(s: Session, relationship_id: str) -> tuple[MentoringSessionLine, ...]:
    """The live sessions, oldest first; built field by field from rows that hold no
    confidential notes."""
    return tuple(
        MentoringSessionLine(
            date=row.date,
            minutes=row.minutes,
            mode=row.mode,
            topics=row.topics,
            summary=row.summary,
            agreements=row.agreements,
            next_steps=row.next_steps,
            mentor_rating=row.mentor_rating,
            mentee_rating=row.mentee_rating,
        )
        for row in reversed(session_rows(s, [relationship_id]))
    )
