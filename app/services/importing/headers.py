"""Which column of a spreadsheet holds which field of a person, guessed from its header.

Headers are compared as keys with no case, accents, spaces or punctuation ("Año de nacimiento",
"AÑO DE NACIMIENTO:" and "año_nacimiento" are alike). An exact synonym wins; otherwise the synonym
found earliest in the header ("Rol en la entidad" is a role, "Teléfono móvil" a phone), and the
generic word "nombre"/"name" only when nothing else is there ("Nombre de la entidad" is the
organisation). The guess is a starting point: the mapping dialog lets the user correct it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence

from app.i18n import N_
from app.services.text import fold

log = logging.getLogger(__name__)

# The fields a column can fill, in the order the mapping dialog lists them.
FIELDS: dict[str, str] = {
    "full_name": N_("Full name"),
    "given_name": N_("Given name"),
    "family_name": N_("Family name(s)"),
    "organisation": N_("Organisation"),
    "role": N_("Role in the organisation"),
    "gender": N_("Gender"),
    "birth_year": N_("Year of birth"),
    "email": N_("E-mail"),
    "phone": N_("Phone"),
    "preferred_language": N_("Preferred language"),
    "expertise": N_("Expertise"),
    "interests": N_("Interests"),
    "notes": N_("Notes"),
    "consent": N_("Consent for the programme"),
}
NAME_FIELDS = ("full_name", "given_name", "family_name")
# Fields that several columns may fill together, joined in column order ("Primer apellido",
# "Segundo apellido"; "Notas", "Observaciones").
JOINED_FIELDS = {"family_name": " ", "notes": "\n", "expertise": "\n", "interests": "\n"}

# Header keys of each field: whole headers, or words found in longer ones.
_SYNONYMS: dict[str, str] = {
    "full_name": (
        "nombrecompleto nombreyapellidos apellidosynombre apellidosnombre nombreapellidos "
        "fullname name personname nomicognoms nomcomplet participante persona asistente"
    ),
    "given_name": "nombre nombrepila firstname givenname forename nom",
    "family_name": (
        "apellidos apellido primerapellido segundoapellido lastname surname familyname cognoms "
        "cognom"
    ),
    "organisation": (
        "entidad organizacion organisation organization asociacion association fundacion empresa "
        "institucion colectivo company entitat"
    ),
    "role": "rol role cargo puesto funcion position jobtitle vinculacion",
    "gender": "sexo genero gender sex sexe genere",
    "birth_year": (
        "anodenacimiento anonacimiento fechadenacimiento fechanacimiento nacimiento fechanac "
        "anonac nacido fnac birthyear yearofbirth birthdate dateofbirth born dob anydenaixement "
        "datadenaixement"
    ),
    "email": "correoelectronico correo email mail correoe emailaddress",
    "phone": "telefono movil tel tfno tlf celular phone mobile whatsapp",
    "preferred_language": "idioma lengua language idiomapreferido llengua",
    "expertise": "experiencia especialidad expertise conocimientos skills",
    "interests": "intereses interes interests temasdeinteres",
    "notes": "notas nota observaciones observacion comentarios notes comments",
    "consent": (
        "consentimiento consiente consent rgpd gdpr lopd protecciondedatos privacidad autoriza "
        "acepta dataprotection privacy"
    ),
}
_GENERIC = {"nombre", "name", "nom"}
# Headers about something else that a synonym would catch ("Lugar de nacimiento", "País").
_OTHER_THINGS = tuple(
    "lugar pais place country ciudad provincia municipio localidad direccion address "
    "nacionalidad nationality edad age".split()
)
# A person's contact field that names the organisation is the organisation's ("Email entidad").
_CONTACT_FIELDS = {"email", "phone"}
_SHORT = 4  # synonyms shorter than this only match a whole header or its beginning
_NON_ALNUM = re.compile(r"[^a-z0-9]")

_EXACT: dict[str, str] = {s: field for field, words in _SYNONYMS.items() for s in words.split()}


def header_key(header: str) -> str:
    """``"¿Año de nacimiento?"`` -> ``"anodenacimiento"``: no case, accents, spaces, signs."""
    return _NON_ALNUM.sub("", fold(header))


def guess_field(header: str) -> str | None:
    """The field a column with this header most likely holds, or ``None``."""
    key = header_key(header)
    if not key:
        return None
    if key in _EXACT:
        return _EXACT[key]
    if key.startswith(_OTHER_THINGS):
        return None
    found: list[tuple[int, int, str, str]] = []  # (position, -length, synonym, field)
    for synonym, field in _EXACT.items():
        position = key.find(synonym)
        if position < 0 or (len(synonym) < _SHORT and position != 0):
            continue
        found.append((position, -len(synonym), synonym, field))
    specific = [f for f in found if f[2] not in _GENERIC]
    chosen = min(specific or found, default=None)
    if chosen is None:
        return None
    if chosen[3] in _CONTACT_FIELDS and any(f[3] == "organisation" for f in found):
        return None
    return chosen[3]


def guess_mapping(headers: Sequence[str]) -> dict[int, str]:
    """``{column index: field}`` for the headers that were recognised.

    A field is taken by its first column, except the fields in :data:`JOINED_FIELDS`. A lone
    "Nombre" column (no family name, no full name) is taken as the full name.
    """
    mapping: dict[int, str] = {}
    for index, header in enumerate(headers):
        field = guess_field(header)
        if field and (field in JOINED_FIELDS or field not in mapping.values()):
            mapping[index] = field
    fields = set(mapping.values())
    if "given_name" in fields and not fields & {"full_name", "family_name"}:
        mapping = {i: "full_name" if f == "given_name" else f for i, f in mapping.items()}
    log.debug("guessed mapping of %d columns: %s", len(headers), sorted(mapping.values()))
    return mapping


def has_name(mapping: Mapping[int, str]) -> bool:
    """Whether the mapping fills at least one name field (a person cannot be made without one)."""
    return any(field in NAME_FIELDS for field in mapping.values())


def check_mapping(mapping: Mapping[int, str]) -> dict[int, str]:
    """The mapping with unknown fields dropped and single-column fields kept once (first column)."""
    checked: dict[int, str] = {}
    for index in sorted(mapping):
        field = mapping[index]
        if field in FIELDS and (field in JOINED_FIELDS or field not in checked.values()):
            checked[int(index)] = field
    return checked
