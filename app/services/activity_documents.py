"""The printed documents of an activity: a session's sign-in sheet and the activity's handout.

Each function reads what the document shows in one unit of work, closes the database session,
and only then draws the PDF (drawing can take a moment; the database is not held meanwhile).
The PDF is written atomically: an existing file is left as it was when anything goes wrong.

A document's language is the one asked for, else the activity's language when Tejido can print
in it, else the program's language.
"""

from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy.orm import Session

from app.db import Database
from app.errors import NotFoundError, ValidationError
from app.i18n import LANGUAGES, _, current_language
from app.models import ActivitySession, the_profile
from app.services.activities import ActivityData, read_activity
from app.services.activity_practices import handout_practices
from app.services.documents.content import (
    HandoutContent,
    Letterhead,
    SignInPerson,
    SignInSheetContent,
)
from app.services.registrations import HOLDING_PLACE, registration_rows

log = logging.getLogger(__name__)

CONTACT_ROLES = ("facilitator", "expert")
MAX_BLANK_ROWS = 200
DEFAULT_COLOUR = "#2E6B5E"


def letterhead(s: Session) -> Letterhead:
    """Inside an open session: our organisation as documents show it (from the profile).

    Without a profile yet, a letterhead with an empty name (documents then leave it out)."""
    profile = s.scalar(the_profile())
    if profile is None:
        return Letterhead(name="")
    place = " ".join(x for x in (profile.postal_code.strip(), profile.municipality.strip()) if x)
    address = ", ".join(x for x in (profile.address.strip(), place) if x)
    return Letterhead(
        name=profile.name.strip(),
        logo=profile.logo or None,
        colour=profile.document_colour or DEFAULT_COLOUR,
        address=address,
        website=profile.website.strip(),
        email=profile.email.strip(),
        tax_id=profile.tax_id.strip(),
        signatory_name=profile.signatory_name.strip(),
        signatory_role=profile.signatory_role.strip(),
        signature_image=profile.signature_image or None,
    )


def document_language(language: str | None, activity_language: str) -> str:
    """The language to print in: ``language`` if given (it must be one Tejido prints in),
    else the activity's when Tejido can print in it, else the program's."""
    if language:
        if language not in LANGUAGES:
            raise ValidationError(
                _("Documents can be printed in: {languages}.").format(
                    languages=", ".join(LANGUAGES)
                ),
                field="language",
            )
        return language
    return activity_language if activity_language in LANGUAGES else current_language()


def sign_in_content(
    s: Session,
    activity_id: str,
    session_id: str,
    language: str | None = None,
    blank_rows: int = 10,
) -> SignInSheetContent:
    """Inside an open session: what the sign-in sheet of one session shows. Everyone holding a
    place (registered or invited, any role) in name order, with the organisation they came for."""
    if not 0 <= blank_rows <= MAX_BLANK_ROWS:
        raise ValidationError(
            _("The blank rows must be between 0 and {most}.").format(most=MAX_BLANK_ROWS),
            field="blank_rows",
        )
    activity = _live_activity(s, activity_id)
    session = s.get(ActivitySession, session_id)
    if session is None or session.activity_id != activity.id or session.deleted_at is not None:
        raise NotFoundError(_("This session is not part of the activity any more."))
    people = tuple(
        SignInPerson(name=row.full_name, organisation=row.organisation_name)
        for row in registration_rows(s, activity_id)
        if row.status in HOLDING_PLACE
    )
    return SignInSheetContent(
        language=document_language(language, activity.language),
        activity_title=activity.title,
        activity_kind=activity.kind,
        session_date=session.date,
        start_time=session.start_time,
        end_time=session.end_time,
        place=session.place.strip() or activity.venue.strip(),
        people=people,
        blank_rows=blank_rows,
        letterhead=letterhead(s),
    )


def handout_content(s: Session, activity_id: str, language: str | None = None) -> HandoutContent:
    """Inside an open session: what the handout of an activity shows. The contacts are the
    facilitators and experts holding a place, with the organisation they came for."""
    activity = _live_activity(s, activity_id)
    contacts = tuple(
        (row.full_name, row.organisation_name)
        for row in registration_rows(s, activity_id)
        if row.role in CONTACT_ROLES and row.status in HOLDING_PLACE
    )
    dates = [x.date for x in activity.sessions]
    return HandoutContent(
        language=document_language(language, activity.language),
        activity_title=activity.title,
        activity_kind=activity.kind,
        first_date=min(dates) if dates else None,
        last_date=max(dates) if dates else None,
        summary=activity.description,
        objectives=activity.objectives,
        key_content=activity.key_content,
        sessions=tuple((x.date, x.content) for x in activity.sessions),
        practices=handout_practices(s, activity_id),
        contacts=contacts,
        letterhead=letterhead(s),
    )


def sign_in_sheet(
    db: Database,
    activity_id: str,
    session_id: str,
    path: Path,
    language: str | None = None,
    blank_rows: int = 10,
) -> int:
    """Write the sign-in sheet of one session of an activity to ``path`` (PDF); returns pages."""
    from app.services.documents.sign_in_pdf import render_sign_in_sheet

    with db.session() as s:
        content = sign_in_content(s, activity_id, session_id, language, blank_rows)
    pages = render_sign_in_sheet(content, Path(path))
    log.info("sign-in sheet of session %s written: %d pages", session_id, pages)
    return pages


def handout(db: Database, activity_id: str, path: Path, language: str | None = None) -> int:
    """Write the handout of an activity to ``path`` (PDF); returns the pages written."""
    from app.services.documents.handout_pdf import render_handout

    with db.session() as s:
        content = handout_content(s, activity_id, language)
    pages = render_handout(content, Path(path))
    log.info("handout of activity %s written: %d pages", activity_id, pages)
    return pages


def _live_activity(s: Session, activity_id: str) -> ActivityData:
    activity = read_activity(s, activity_id)
    if activity.deleted_at is not None:
        raise NotFoundError(_("That activity is in the trash. Restore it first."))
    return activity
