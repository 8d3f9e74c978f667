"""The organisation profile's fields as the forms show them: labels, hints, sections, checks.

Shared by the "Our organisation" tab and the first-run assistant, so both name a field alike.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from app.i18n import N_
from app.services import validation
from app.views.widgets.form_fields import FormFields

log = logging.getLogger(__name__)

LABELS: dict[str, str] = {
    "name": N_("Name (required)"),
    "legal_form": N_("Legal form"),
    "tax_id": N_("Tax id (CIF/NIF)"),
    "registration_number": N_("Number in the register of associations"),
    "address": N_("Address"),
    "postal_code": N_("Postal code"),
    "municipality": N_("Municipality"),
    "province": N_("Province or region"),
    "country": N_("Country"),
    "phone": N_("Phone"),
    "email": N_("E-mail"),
    "website": N_("Website"),
    "logo": N_("Logo"),
    "signatory_name": N_("Signatory's name"),
    "signatory_role": N_("Signatory's role"),
    "signature_image": N_("Signature image"),
    "document_colour": N_("Document colour"),
    "areas_of_action": N_("Areas of action"),
    "default_language": N_("Default language"),
}
PLACEHOLDERS: dict[str, str] = {
    "legal_form": N_("Association, foundation…"),
    "tax_id": N_("G12345678"),
    "email": N_("info@example.org"),
    "website": N_("https://www.example.org"),
    "signatory_role": N_("President, coordinator…"),
}
SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (N_("Identity"), ("name", "legal_form", "tax_id", "registration_number")),
    (N_("Address"), ("address", "postal_code", "municipality", "province", "country")),
    (N_("Contact"), ("phone", "email", "website")),
    (
        N_("Documents"),
        ("logo", "signatory_name", "signatory_role", "signature_image", "document_colour"),
    ),
    (N_("Areas of action"), ("areas_of_action",)),
    (N_("Language"), ("default_language",)),
)


def watch_tax_id(fields: FormFields, country: Callable[[], str]) -> None:
    """Check the ``tax_id`` field as typed (a Spanish CIF, NIF or NIE unless another country)."""
    edit = fields.widgets["tax_id"]
    fields.watch("tax_id", lambda: validation.check_tax_id(edit.text(), country()))
