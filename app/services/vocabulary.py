"""The fixed choices of the directory, with their labels marked for translation.

Codes are stored and exported; labels are translated where shown: ``_(GENDERS[code])``.
"""

from app.i18n import N_

GENDERS: dict[str, str] = {
    "woman": N_("Woman"),
    "man": N_("Man"),
    "non_binary": N_("Non-binary"),
    "not_stated": N_("Prefers not to say"),
}

MEMBERSHIP_ROLES: dict[str, str] = {
    "staff": N_("Staff"),
    "volunteer": N_("Volunteer"),
    "board_member": N_("Board member"),
    "member": N_("Member"),
    "citizen": N_("Citizen with no organisation"),
}

ORGANISATION_KINDS: dict[str, str] = {
    "association": N_("Association"),
    "foundation": N_("Foundation"),
    "federation": N_("Federation"),
    "cooperative": N_("Cooperative"),
    "public_body": N_("Public body"),
    "informal_group": N_("Informal group"),
    "other": N_("Other"),
}

CONSENT_PURPOSES: dict[str, str] = {
    "programme": N_("Processing of data for the programme"),
    "photos": N_("Photos and recordings"),
    "contact": N_("Contact about future activities"),
}

AREAS_OF_ACTION: tuple[str, ...] = (
    N_("Social inclusion"),
    N_("Childhood and youth"),
    N_("Older people"),
    N_("Disability"),
    N_("Migration and cultural diversity"),
    N_("Gender equality"),
    N_("Health"),
    N_("Education"),
    N_("Employment"),
    N_("Housing"),
    N_("Environment"),
    N_("Culture"),
    N_("Community participation"),
    N_("Volunteering"),
)

LANGUAGE_NAMES: dict[str, str] = {"es": "Español", "en": "English"}
