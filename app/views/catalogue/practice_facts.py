"""What the practice's panel says, in words: its facts, the headings of its texts, its links and
where it comes from (origin, revision, edited here, withdrawn by its origin, hidden)."""

from __future__ import annotations

import html
import logging

from app.i18n import _, format_date, format_datetime
from app.services.catalogue_values import PracticeData
from app.services.catalogue_vocabulary import PRACTICE_STATUSES
from app.services.vocabulary import CROSS_CUTTING_THEMES
from app.views.widgets.choices import choice_label

log = logging.getLogger(__name__)

FACTS = (
    "area",
    "themes",
    "organisation",
    "territory",
    "target_group",
    "year",
    "status",
    "licence",
    "links",
)
PROVENANCE = ("origin", "revision", "derived_from", "state", "updated")
SAFE_SCHEMES = ("http://", "https://")


def fact_labels() -> dict[str, str]:
    """The label of each fact, in the current language."""
    return {
        "area": _("Area of action:"),
        "themes": _("Themes:"),
        "organisation": _("Organisation:"),
        "territory": _("Territory:"),
        "target_group": _("Target group:"),
        "year": _("Year:"),
        "status": _("Review:"),
        "licence": _("Licence:"),
        "links": _("Links:"),
    }


def text_headings() -> dict[str, str]:
    """The heading of each text of a practice, in the order the panel shows them."""
    return {
        "summary": _("Summary"),
        "context": _("Context and problem"),
        "objectives": _("Objectives"),
        "description": _("What was done"),
        "resources": _("Resources used"),
        "results": _("Results"),
        "evidence": _("Evidence of the results"),
        "lessons": _("Difficulties and lessons"),
        "sustainability": _("Sustainability"),
        "transferability": _("Transferability: how others can adopt it"),
        "gender_perspective": _("Gender perspective"),
        "accessibility": _("Accessibility"),
        "contact": _("Contact"),
    }


def provenance_labels() -> dict[str, str]:
    return {
        "origin": _("Origin:"),
        "revision": _("Revision:"),
        "derived_from": _("Derived from:"),
        "state": _("Here:"),
        "updated": _("Last changed:"),
    }


def review_text(data: PracticeData) -> str:
    """ "Reviewed by Marta Gil on 3 Mar 2026", or the status alone."""
    status = choice_label(PRACTICE_STATUSES, data.status)
    if data.reviewer and data.reviewed_on:
        return _("{status}, by {reviewer} on {date}").format(
            status=status, reviewer=data.reviewer, date=format_date(data.reviewed_on)
        )
    if data.reviewer:
        return _("{status}, by {reviewer}").format(status=status, reviewer=data.reviewer)
    if data.reviewed_on:
        return _("{status} on {date}").format(status=status, date=format_date(data.reviewed_on))
    return status


def links_html(links: tuple[str, ...]) -> str:
    """One link a line; only web addresses can be clicked (a bundle may carry anything)."""
    lines = []
    for link in links:
        shown = html.escape(link)
        if link.lower().startswith(SAFE_SCHEMES):
            lines.append(f'<a href="{html.escape(link, quote=True)}">{shown}</a>')
        else:
            lines.append(shown)
    return "<br>".join(lines)


def fact_values(data: PracticeData) -> dict[str, str]:
    """The text of each fact (``links`` as rich text); empty facts are not shown."""
    return {
        "area": data.area,
        "themes": ", ".join(choice_label(CROSS_CUTTING_THEMES, t) for t in data.themes),
        "organisation": data.organisation_name,
        "territory": data.territory,
        "target_group": data.target_group,
        "year": str(data.year) if data.year else "",
        "status": review_text(data),
        "licence": data.licence,
        "links": links_html(data.links),
    }


def origin_text(data: PracticeData, own_name: str) -> str:
    if data.own:
        if own_name:
            return _("This organisation ({name})").format(name=own_name)
        return _("This organisation")
    return data.origin_name or _("Another organisation")


def state_lines(data: PracticeData) -> list[str]:
    """The practice's local state, one sentence each."""
    lines = []
    if data.deleted_at is not None:
        lines.append(_("In the trash since {date}.").format(date=format_date(data.deleted_at)))
    if data.withdrawn:
        lines.append(
            _("Withdrawn by its origin: they no longer publish it. It stays here for reference.")
        )
    if data.hidden:
        lines.append(_("Hidden from the catalogue here: listed only when “Show hidden” is ticked."))
    if data.edited_locally:
        lines.append(
            _(
                "Edited here: your changes are kept. A newer revision from its origin will ask "
                "before replacing them."
            )
        )
    if not lines and not data.own:
        lines.append(_("As its origin published it."))
    return lines


def provenance_values(data: PracticeData, own_name: str, derived_title: str) -> dict[str, str]:
    """The text of each line of the provenance page."""
    return {
        "origin": origin_text(data, own_name),
        "revision": str(data.revision),
        "derived_from": derived_title,
        "state": "\n".join(state_lines(data)),
        "updated": format_datetime(data.updated_at) if data.updated_at else "",
    }


def practice_heading(data: PracticeData) -> str:
    """The title, marked when the practice is in the trash."""
    if data.deleted_at is not None:
        return _("{title} (in the trash)").format(title=data.title)
    return data.title
