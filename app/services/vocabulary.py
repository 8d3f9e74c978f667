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

ACTIVITY_KINDS: dict[str, str] = {
    "forum": N_("Forum meeting"),
    "capsule": N_("Training capsule"),
    "other": N_("Other activity"),
}

ACTIVITY_STATUSES: dict[str, str] = {
    "planned": N_("Planned"),
    "open": N_("Open for registration"),
    "closed": N_("Closed"),
    "cancelled": N_("Cancelled"),
}

CROSS_CUTTING_THEMES: dict[str, str] = {
    "good_practices": N_("Good practices"),
    "gender": N_("Gender mainstreaming"),
    "social_innovation": N_("Social innovation"),
    "social_entrepreneurship": N_("Social entrepreneurship"),
    "accessibility": N_("Accessibility"),
    "cultural_diversity": N_("Cultural diversity"),
    "participation": N_("Participation"),
    "quality": N_("Quality"),
    "leadership": N_("Leadership"),
    "fundraising": N_("Fundraising"),
    "management": N_("Management models"),
    "equality": N_("Equality"),
    "digital": N_("Digital skills"),
    "volunteering": N_("Volunteering"),
}

REGISTRATION_ROLES: dict[str, str] = {
    "attendee": N_("Attendee"),
    "facilitator": N_("Facilitator"),
    "expert": N_("Expert"),
    "organiser": N_("Organiser"),
    "volunteer": N_("Volunteer"),
}

REGISTRATION_STATUSES: dict[str, str] = {
    "invited": N_("Invited"),
    "registered": N_("Registered"),
    "waiting_list": N_("Waiting list"),
    "cancelled": N_("Cancelled"),
}

# Attendance marks, in the order of their keys on the roster (1 present ... 5 absent).
ATTENDANCE_MARKS: dict[str, str] = {
    "present": N_("Present"),
    "late": N_("Late"),
    "left_early": N_("Left early"),
    "excused": N_("Excused"),
    "absent": N_("Absent"),
}
# The marks that count as having been at the session.
ATTENDED_MARKS: frozenset[str] = frozenset({"present", "late", "left_early"})

DEMAND_SOURCES: dict[str, str] = {
    "form": N_("Needs form"),
    "meeting": N_("Meeting"),
    "evaluation": N_("Activity evaluation"),
    "survey": N_("Survey"),
    "other": N_("Other"),
}

ACTIVITY_LANGUAGES: dict[str, str] = {
    "es": N_("Spanish"),
    "en": N_("English"),
    "ca": N_("Catalan"),
    "eu": N_("Basque"),
    "gl": N_("Galician"),
    "other": N_("Other language"),
}
