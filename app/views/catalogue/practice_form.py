"""The words and checks of the practice form: its tabs and labels, the year and links as typed,
and the note saying where a practice came from and what saving it does."""

from __future__ import annotations

import logging
from datetime import date

from app.errors import ValidationError
from app.i18n import N_, _, format_number
from app.services.catalogue_values import MAX_TEXT, PracticeData

log = logging.getLogger(__name__)

# The tabs in order: their title and the fields they hold. Tab titles carry the letters
# O W R T A V (Alt+letter opens them), so the labels inside use other letters.
TABS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        N_("&Overview"),
        (
            "title",
            "summary",
            "area",
            "themes",
            "organisation_name",
            "territory",
            "target_group",
            "year",
        ),
    ),
    (N_("&What was done"), ("context", "objectives", "description", "resources")),
    (N_("&Results and lessons"), ("results", "evidence", "lessons")),
    (
        N_("&Transfer"),
        (
            "transferability",
            "sustainability",
            "gender_perspective",
            "accessibility",
            "contact",
            "links",
            "licence",
        ),
    ),
    (N_("&Attachments"), ("attachments",)),
    (N_("Re&view"), ("status", "reviewer", "reviewed_on")),
)
LABELS: dict[str, str] = {
    "title": N_("T&itle (required):"),
    "summary": N_("Su&mmary:"),
    "area": N_("Area of a&ction:"),
    "themes": N_("Cross-cutting t&hemes:"),
    "organisation_name": N_("Or&ganisation of origin:"),
    "territory": N_("Territor&y:"),
    "target_group": N_("Target gro&up:"),
    "year": N_("Y&ear:"),
    "context": N_("&Context or problem it answers:"),
    "objectives": N_("O&bjectives:"),
    "description": N_("&Description of what was done:"),
    "resources": N_("R&esources used:"),
    "results": N_("Res&ults:"),
    "evidence": N_("&Evidence of the results:"),
    "lessons": N_("Difficulties and &lessons learnt:"),
    "transferability": N_("&How others can adopt it:"),
    "sustainability": N_("Sustai&nability:"),
    "gender_perspective": N_("&Gender perspective:"),
    "accessibility": N_("Access&ibility:"),
    "contact": N_("&Contact:"),
    "links": N_("&Links (one per line):"),
    "licence": N_("Lic&ence:"),
    "attachments": N_("Attached files:"),
    "status": N_("Review stat&us:"),
    "reviewer": N_("Reviewed &by:"),
    "reviewed_on": N_("Reviewed o&n:"),
}
# How many lines each text box shows (the longer stories get more room).
TEXT_LINES: dict[str, int] = {
    "summary": 4,
    "context": 5,
    "objectives": 4,
    "description": 8,
    "resources": 4,
    "results": 6,
    "evidence": 4,
    "lessons": 6,
    "transferability": 5,
    "sustainability": 3,
    "gender_perspective": 3,
    "accessibility": 3,
    "contact": 2,
    "links": 3,
}
LINES = ("title", "territory", "target_group", "reviewer")
FIRST_YEAR = 1950


def parse_year(typed: str, this_year: int) -> int | None:
    """The year typed (``None`` when empty); a ValidationError when it cannot be right."""
    typed = typed.strip()
    if not typed:
        return None
    year = int(typed) if typed.isdigit() else 0
    if not FIRST_YEAR <= year <= this_year + 1:
        raise ValidationError(
            _("Write a year between {first} and {last}, or leave it empty.").format(
                first=FIRST_YEAR, last=this_year + 1
            ),
            field="year",
        )
    return year


def parse_links(typed: str) -> tuple[str, ...]:
    """One link a line, blank lines dropped; a ValidationError for a line with spaces inside
    (two links on one line, or words that are not a link)."""
    links = tuple(line.strip() for line in typed.splitlines() if line.strip())
    for link in links:
        if any(sign.isspace() for sign in link):
            raise ValidationError(
                _("“{line}” does not look like a link. Put each link on its own line.").format(
                    line=link[:80]
                ),
                field="links",
            )
    return links


def check_length(key: str, typed: str) -> None:
    """A ValidationError under the field when its text is longer than a practice may hold."""
    if len(typed.strip()) > MAX_TEXT:
        raise ValidationError(
            _(
                "This text is too long: at most {count} characters. Shorten it, or attach the "
                "whole text as a file."
            ).format(count=format_number(MAX_TEXT)),
            field=key,
        )


def check_title(typed: str) -> None:
    if not typed.strip():
        raise ValidationError(_("Give the practice a title."), field="title")


def provenance_note(practice: PracticeData) -> str:
    """What to know before editing: where the practice came from, its revision, and what
    saving does to it (empty for a draft of our own)."""
    if not practice.id:
        return ""
    if not practice.own:
        origin = practice.origin_name or _("another organisation")
        lines = [
            _(
                "This practice comes from {origin} (their revision {revision}). Changes you "
                "make are kept here and marked as edited here; if {origin} sends a newer "
                "revision, Tejido will ask which one to keep."
            ).format(origin=origin, revision=practice.revision)
        ]
        if practice.edited_locally:
            lines.append(_("It has already been edited here."))
        if practice.withdrawn:
            lines.append(_("{origin} has withdrawn it from their catalogue.").format(origin=origin))
    elif practice.status == "published":
        lines = [
            _(
                "This practice is published (revision {revision}). If you change what it "
                "says, it becomes revision {next}, and catalogues that received it will take "
                "the new one."
            ).format(revision=practice.revision, next=practice.revision + 1)
        ]
    else:
        lines = []
    if practice.hidden:
        lines.append(_("It is hidden in this catalogue."))
    return "\n".join(lines)


def today() -> date:
    """Today (a function, so tests can move the clock)."""
    return date.today()
