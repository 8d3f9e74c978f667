"""Adoptions: an organisation reports that it adopted a good practice of the catalogue, how it
adapted it and with what result. This is the evidence that knowledge travelled.

An organisation may adopt the same practice more than once (a second edition, another centre),
so nothing is unique but the id. Removing an adoption moves it to the trash (``deleted_at``);
adoptions of a practice in the trash are still listed with that practice, but not in an
organisation's list.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db import Database
from app.errors import NotFoundError, ValidationError
from app.i18n import _
from app.models import Organisation, Practice, PracticeAdoption, utcnow
from app.services import text

log = logging.getLogger(__name__)

MAX_TEXT = 20_000
EARLIEST_YEAR = 1950


@dataclass(frozen=True, slots=True)
class AdoptionData:
    """What the adoption form shows and saves; ``id`` is ``None`` for a new adoption."""

    practice_id: str
    organisation_id: str
    id: str | None = None
    adopted_on: date | None = None
    adaptation: str = ""
    result: str = ""
    notes: str = ""


@dataclass(frozen=True, slots=True)
class AdoptionRow:
    """One line of a list of adoptions, with the practice's title and the organisation's name."""

    id: str
    practice_id: str
    practice_title: str
    organisation_id: str
    organisation_name: str
    adopted_on: date | None
    adaptation: str
    result: str


def _block(value: str, label: str) -> str:
    value = text.clean_block(value)
    if len(value) > MAX_TEXT:
        raise ValidationError(
            _("{field} is too long: at most {count} characters.").format(
                field=label, count=MAX_TEXT
            )
        )
    return value


def validate_adoption(data: AdoptionData, today: date) -> dict[str, object]:
    """The columns to store for ``data`` (practice and organisation checked by the caller), or a
    ValidationError saying what to fix."""
    if not data.practice_id:
        raise ValidationError(_("Choose the practice that was adopted."), field="practice_id")
    if not data.organisation_id:
        raise ValidationError(
            _("Choose the organisation that adopted the practice."), field="organisation_id"
        )
    if data.adopted_on is not None and not (
        EARLIEST_YEAR <= data.adopted_on.year and data.adopted_on <= today
    ):
        raise ValidationError(
            _("The date {day} looks wrong: an adoption is recorded once it happened.").format(
                day=data.adopted_on.isoformat()
            ),
            field="adopted_on",
        )
    return {
        "practice_id": data.practice_id,
        "organisation_id": data.organisation_id,
        "adopted_on": data.adopted_on,
        "adaptation": _block(data.adaptation, _("How it was adapted")),
        "result": _block(data.result, _("Result")),
        "notes": _block(data.notes, _("Notes")),
    }


def _check_references(s: Session, practice_id: str, organisation_id: str) -> None:
    practice = s.get(Practice, practice_id)
    if practice is None or practice.deleted_at is not None:
        raise NotFoundError(
            _("That practice is no longer in the catalogue, so the adoption was not saved.")
        )
    organisation = s.get(Organisation, organisation_id)
    if organisation is not None and organisation.merged_into_id is not None:
        raise NotFoundError(
            _(
                "That organisation was merged into another one, so the adoption was not saved. "
                "Choose the organisation it was merged into."
            )
        )
    if organisation is None or organisation.deleted_at is not None:
        raise NotFoundError(
            _(
                "That organisation is no longer in the directory, so the adoption was not "
                "saved. Choose another one."
            )
        )


def _load(s: Session, adoption_id: str) -> PracticeAdoption:
    row = s.get(PracticeAdoption, adoption_id)
    if row is None or row.deleted_at is not None:
        raise NotFoundError(_("That adoption is no longer recorded."))
    return row


def _rows_statement():  # type: ignore[no-untyped-def]
    return (
        select(
            PracticeAdoption.id,
            PracticeAdoption.practice_id,
            Practice.title,
            PracticeAdoption.organisation_id,
            Organisation.name,
            PracticeAdoption.adopted_on,
            PracticeAdoption.adaptation,
            PracticeAdoption.result,
        )
        .join(Practice, Practice.id == PracticeAdoption.practice_id)
        .join(Organisation, Organisation.id == PracticeAdoption.organisation_id)
        .where(PracticeAdoption.deleted_at.is_(None))
    )


class AdoptionService:
    """Which organisations adopted which practices, how they adapted them and the result."""

    def __init__(self, db: Database):
        self.db = db

    def list(
        self, practice_id: str | None = None, organisation_id: str | None = None
    ) -> list[AdoptionRow]:
        """The live adoptions of a practice, of an organisation, or all of them: the newest
        first (undated ones last), then by organisation and practice."""
        statement = _rows_statement()
        if practice_id is not None:
            statement = statement.where(PracticeAdoption.practice_id == practice_id)
        else:
            statement = statement.where(Practice.deleted_at.is_(None))
        if organisation_id is not None:
            statement = statement.where(PracticeAdoption.organisation_id == organisation_id)
        statement = statement.order_by(
            PracticeAdoption.adopted_on.is_(None),
            PracticeAdoption.adopted_on.desc(),
            Organisation.name_key,
            Practice.title_key,
            PracticeAdoption.id,
        )
        with self.db.session() as s:
            return [AdoptionRow(*row) for row in s.execute(statement)]

    def count(self, practice_id: str) -> int:
        """How many live adoptions a practice has."""
        with self.db.session() as s:
            return s.scalar(
                select(func.count(PracticeAdoption.id)).where(
                    PracticeAdoption.practice_id == practice_id,
                    PracticeAdoption.deleted_at.is_(None),
                )
            )

    def get(self, adoption_id: str) -> AdoptionData:
        """One adoption as its form shows it (notes included)."""
        with self.db.session() as s:
            row = _load(s, adoption_id)
            return AdoptionData(
                practice_id=row.practice_id,
                organisation_id=row.organisation_id,
                id=row.id,
                adopted_on=row.adopted_on,
                adaptation=row.adaptation,
                result=row.result,
                notes=row.notes,
            )

    def save(self, data: AdoptionData, today: date | None = None) -> AdoptionRow:
        """Validate and record an adoption (new, or changed when ``data.id`` is given); the
        practice must be in the catalogue and the organisation in the directory."""
        values = validate_adoption(data, today or date.today())
        with self.db.session() as s:
            _check_references(s, data.practice_id, data.organisation_id)
            if data.id is None:
                row = PracticeAdoption(**values)
                s.add(row)
            else:
                row = _load(s, data.id)
                for key, value in values.items():
                    setattr(row, key, value)
            s.flush()
            log.info("adoption saved: %s (practice %s)", row.id, row.practice_id)
            return AdoptionRow(
                *s.execute(_rows_statement().where(PracticeAdoption.id == row.id)).one()
            )

    def delete(self, adoption_id: str) -> None:
        """Move an adoption to the trash."""
        with self.db.session() as s:
            row = _load(s, adoption_id)
            row.deleted_at = utcnow()
            log.info("adoption deleted: %s", adoption_id)
