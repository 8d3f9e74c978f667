"""Our organisation: the one profile shown on every certificate, handout and report."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, fields, replace

from app.db import Database
from app.errors import ValidationError
from app.i18n import LANGUAGES, _
from app.models import OrganisationProfile, the_profile
from app.services import text, validation

log = logging.getLogger(__name__)

MAX_IMAGE_BYTES = 2 * 1024 * 1024
_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")
_IMAGE_SIGNATURES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a")


@dataclass(frozen=True, slots=True)
class ProfileData:
    """The organisation profile. Images are the file bytes (PNG, JPEG or GIF)."""

    name: str = ""
    legal_form: str = ""
    tax_id: str = ""
    registration_number: str = ""
    address: str = ""
    postal_code: str = ""
    municipality: str = ""
    province: str = ""
    country: str = "España"
    phone: str = ""
    email: str = ""
    website: str = ""
    logo: bytes | None = None
    signatory_name: str = ""
    signatory_role: str = ""
    signature_image: bytes | None = None
    areas_of_action: tuple[str, ...] = ()
    default_language: str = "es"
    document_colour: str = "#2E6B5E"

    @property
    def is_complete(self) -> bool:
        """Whether the minimum for documents is there: a name and a signatory."""
        return bool(self.name and self.signatory_name)


_FIELDS = [f.name for f in fields(ProfileData)]


def check_image(data: bytes | None, field: str) -> bytes | None:
    """Accept a PNG, JPEG or GIF of at most 2 MB; raises :class:`ValidationError` otherwise."""
    if not data:
        return None
    if len(data) > MAX_IMAGE_BYTES:
        raise ValidationError(_("The image is larger than 2 MB; use a smaller one."), field=field)
    if not data.startswith(_IMAGE_SIGNATURES):
        raise ValidationError(_("The image must be a PNG, JPEG or GIF file."), field=field)
    return data


class ProfileService:
    """Read and save the organisation profile (a single row, created on first save)."""

    def __init__(self, db: Database):
        self.db = db

    def get(self) -> ProfileData:
        with self.db.session() as s:
            row = s.scalar(the_profile())
            if row is None:
                return ProfileData()
            values = {name: getattr(row, name) for name in _FIELDS}
            values["areas_of_action"] = tuple(values["areas_of_action"] or ())
            return ProfileData(**values)

    def save(self, data: ProfileData) -> ProfileData:
        """Validate and save the profile; returns what was saved."""
        checked = validate_profile(data)
        with self.db.session() as s:
            row = s.scalar(the_profile())
            if row is None:
                row = OrganisationProfile()
                s.add(row)
            for name in _FIELDS:
                value = getattr(checked, name)
                setattr(row, name, list(value) if name == "areas_of_action" else value)
        log.info("organisation profile saved")
        return checked


def validate_profile(data: ProfileData) -> ProfileData:
    cleaned = {
        name: text.clean(getattr(data, name))
        for name in _FIELDS
        if isinstance(getattr(data, name), str)
    }
    checked = replace(data, **cleaned)
    validation.check_required(checked.name, "name", _("The name of the organisation"))
    if checked.default_language not in LANGUAGES:
        raise ValidationError(_("Choose one of the languages."), field="default_language")
    colour = checked.document_colour
    if not _COLOUR.fullmatch(colour):
        raise ValidationError(_("The colour must look like #2E6B5E."), field="document_colour")
    return replace(
        checked,
        tax_id=validation.check_tax_id(checked.tax_id, checked.country),
        email=validation.check_email(checked.email),
        logo=check_image(checked.logo, "logo"),
        signature_image=check_image(checked.signature_image, "signature_image"),
        areas_of_action=tuple(a for a in (text.clean(x) for x in checked.areas_of_action) if a),
    )
