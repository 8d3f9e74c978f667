"""The organisations a person belongs to, each with a role: add, change the role, remove."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QWidget

from app.i18n import _
from app.services.person_links import MembershipData
from app.services.vocabulary import MEMBERSHIP_ROLES
from app.views.widgets.organisation_roles import Entry, OrganisationRolesEditor


class MembershipsEditor(OrganisationRolesEditor):
    """A person's organisations with their role in each."""

    def __init__(self, choices: Sequence[tuple[str, str]], parent: QWidget | None = None):
        super().__init__(choices, MEMBERSHIP_ROLES, "member", parent)

    def words(self) -> tuple[str, str, str]:
        return _("&Role:"), _("Role in the organisation"), _("Organisations of this person")

    def set_memberships(self, memberships: Sequence[MembershipData]) -> None:
        self.entries = [Entry(m.organisation_id, m.organisation_name, m.role) for m in memberships]
        self._fill()

    def memberships(self) -> list[MembershipData]:
        """Every row; a new organisation has no id and is created when the person is saved."""
        return [MembershipData(e.organisation_id, e.name, e.role) for e in self.entries]
