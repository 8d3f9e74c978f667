"""The organisations taking part in a project, each with its role: add, change the role, remove."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QWidget

from app.i18n import _
from app.services.network_vocabulary import PROJECT_ROLES
from app.services.projects import ProjectMember
from app.services.text import fold
from app.views.widgets.organisation_roles import Entry, OrganisationRolesEditor


class ProjectMembersEditor(OrganisationRolesEditor):
    """A project's organisations with their role in it. A name typed that is not in the
    directory is added to it (if the person agrees) when the project is saved."""

    def __init__(self, choices: Sequence[tuple[str, str]], parent: QWidget | None = None):
        super().__init__(choices, PROJECT_ROLES, "partner", parent)

    def words(self) -> tuple[str, str, str]:
        return _("R&ole:"), _("Role in the project"), _("Organisations taking part")

    def set_members(self, members: Sequence[ProjectMember]) -> None:
        self.entries = [Entry(m.organisation_id, m.name, m.role) for m in members]
        self._fill()

    def new_names(self) -> list[str]:
        """The names typed that are not in the directory, in the order listed."""
        return [entry.name for entry in self.entries if entry.organisation_id is None]

    def members(self, added: dict[str, str] | None = None) -> tuple[ProjectMember, ...]:
        """Every row as a member; a new name takes its id from ``added`` (folded name -> id)
        and is left out when it has none there."""
        added = added or {}
        members = []
        for entry in self.entries:
            organisation_id = entry.organisation_id or added.get(fold(entry.name))
            if organisation_id:
                members.append(ProjectMember(organisation_id, entry.role, entry.name))
        return tuple(members)
