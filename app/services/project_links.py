"""What a collaborative project is linked to, inside the unit of work of
:class:`app.services.projects.ProjectService`: its organisations (one row per pair, kept in step
with the form), and the activity or mentoring pair it came about at (checked, and offered for the
form's pickers)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from app.errors import ValidationError
from app.i18n import _
from app.models import (
    Activity,
    MentoringRelationship,
    Organisation,
    Person,
    ProjectOrganisation,
    natural_id,
    utcnow,
)
from app.services.project_values import OriginChoice

PO = ProjectOrganisation


def activity_choices(s: Session, kind: str) -> list[OriginChoice]:
    statement = (
        select(Activity.id, Activity.title, Activity.first_date)
        .where(Activity.deleted_at.is_(None), Activity.kind == kind)
        .order_by(Activity.first_date.desc().nulls_last(), Activity.title_key, Activity.id)
    )
    return [OriginChoice(*row) for row in s.execute(statement)]


def relationship_choices(s: Session) -> list[OriginChoice]:
    R = MentoringRelationship
    mentee_org, mentor_org = aliased(Organisation), aliased(Organisation)
    mentee = aliased(Person)
    statement = (
        select(R.id, mentee_org.name, mentor_org.name, mentee.full_name, R.start_date)
        .join(mentee, mentee.id == R.mentee_id)
        .outerjoin(mentee_org, mentee_org.id == R.mentee_organisation_id)
        .outerjoin(mentor_org, mentor_org.id == R.mentor_organisation_id)
        .where(R.deleted_at.is_(None))
        .order_by(R.start_date.desc().nulls_last(), R.id)
    )
    choices = []
    for pair_id, mentee_name, mentor_name, person, start in s.execute(statement):
        label = _("{mentee} — {mentor}").format(
            mentee=mentee_name or person, mentor=mentor_name or "?"
        )
        choices.append(OriginChoice(pair_id, label, start))
    return choices


def check_origin(s: Session, values: dict[str, object]) -> None:
    """The activity or the mentoring pair the project came about at must exist."""
    activity_id = values["origin_activity_id"]
    if activity_id:
        activity = s.get(Activity, activity_id)
        if activity is None or activity.deleted_at is not None:
            raise ValidationError(
                _("That activity is no longer in the programme. Choose another one."),
                field="origin_activity_id",
            )
    relationship_id = values["origin_relationship_id"]
    if relationship_id:
        pair = s.get(MentoringRelationship, relationship_id)
        if pair is None or pair.deleted_at is not None:
            raise ValidationError(
                _("That mentoring pair is no longer recorded. Choose another one."),
                field="origin_relationship_id",
            )


def save_members(s: Session, project_id: str, wanted: dict[str, str]) -> None:
    """Make the project's live organisations exactly ``wanted`` (``{id: role}``): new ones are
    added, removed ones go to the trash. An organisation merged, gone, or in the directory's
    trash cannot be added (one already in the project may stay)."""
    current = {
        row.organisation_id: row for row in s.scalars(select(PO).where(PO.project_id == project_id))
    }
    for organisation_id, role in wanted.items():
        row = current.get(organisation_id)
        if row is None or row.deleted_at is not None:
            _check_organisation(s, organisation_id)
        if row is None:
            s.add(
                PO(
                    id=natural_id("project-organisation", project_id, organisation_id),
                    project_id=project_id,
                    organisation_id=organisation_id,
                    role=role,
                )
            )
        elif row.role != role or row.deleted_at is not None:
            row.role, row.deleted_at = role, None
    for organisation_id, row in current.items():
        if organisation_id not in wanted and row.deleted_at is None:
            row.deleted_at = utcnow()


def _check_organisation(s: Session, organisation_id: str) -> None:
    organisation = s.get(Organisation, organisation_id)
    if organisation is not None and organisation.merged_into_id is not None:
        raise ValidationError(
            _(
                "An organisation was merged into another one, so the project was not saved. "
                "Choose the organisation it was merged into."
            ),
            field="organisations",
        )
    if organisation is None or organisation.deleted_at is not None:
        raise ValidationError(
            _(
                "An organisation is no longer in the directory, so the project was not saved. "
                "Choose another one."
            ),
            field="organisations",
        )
