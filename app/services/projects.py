"""Collaborative projects between organisations of the network: who takes part and with what
role, the dates, what it is about, its outcome, and how it came about (met at a forum meeting or
a training capsule, through mentoring ...).

A project goes to the trash and comes back with its organisations as they were. The organisations
of a project are one row per pair (deterministic id), so two laptops adding the same organisation
to the same project agree; one taken out of the project goes to the trash and comes back if it is
added again.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, String, exists, func, select, type_coerce, update
from sqlalchemy.orm import Session

from app.db import Database
from app.errors import NotFoundError
from app.i18n import _
from app.models import (
    CollaborativeProject,
    Organisation,
    ProjectOrganisation,
    utcnow,
)
from app.services import project_links as links
from app.services import text
from app.services.activity_queries import _json_string
from app.services.project_values import (
    ACTIVITY_ORIGINS,
    OriginChoice,
    ProjectData,
    ProjectMember,
    ProjectRow,
    check_members,
    member_order,
    validate_project,
)

log = logging.getLogger(__name__)

__all__ = ["OriginChoice", "ProjectData", "ProjectMember", "ProjectRow", "ProjectService"]

P = CollaborativeProject
PO = ProjectOrganisation


def _member_of(organisation_condition: ColumnElement[bool]) -> ColumnElement[bool]:
    """The project has a live organisation row whose organisation meets the condition."""
    return exists(
        select(PO.id)
        .join(Organisation, Organisation.id == PO.organisation_id)
        .where(PO.project_id == P.id, PO.deleted_at.is_(None), organisation_condition)
        .correlate(P)
    )


def _filters(
    query: str, organisation_id: str | None, area: str, trash: bool
) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [
        P.deleted_at.is_not(None) if trash else P.deleted_at.is_(None)
    ]
    for word in text.fold(query).split():
        pattern = text.like_pattern(word)
        conditions.append(
            P.title_key.like(pattern, escape="\\")
            | _member_of(Organisation.name_key.like(pattern, escape="\\"))
        )
    if organisation_id:
        conditions.append(_member_of(Organisation.id == organisation_id))
    if area:
        # areas is a JSON list of strings: match one whole element.
        stored = f"%{_json_string(text.clean(area))}%"
        conditions.append(type_coerce(P.areas, String).like(stored, escape="\\"))
    return conditions


def _members(s: Session, project_ids: Sequence[str], live_only: bool) -> dict[str, list]:
    """``{project_id: [ProjectMember]}`` of the live organisation rows, who leads first.
    With ``live_only``, organisations in the directory's trash are left out."""
    statement = (
        select(PO.project_id, PO.organisation_id, PO.role, Organisation.name)
        .join(Organisation, Organisation.id == PO.organisation_id)
        .where(PO.project_id.in_(project_ids), PO.deleted_at.is_(None))
    )
    if live_only:
        statement = statement.where(Organisation.deleted_at.is_(None))
    found: dict[str, list[ProjectMember]] = {}
    for project_id, organisation_id, role, name in s.execute(statement):
        found.setdefault(project_id, []).append(ProjectMember(organisation_id, role, name))
    return {key: sorted(members, key=member_order) for key, members in found.items()}


class ProjectService:
    """Collaborative projects between organisations: list, search, read, save, trash, restore."""

    def __init__(self, db: Database):
        self.db = db

    def list(
        self,
        query: str = "",
        offset: int = 0,
        limit: int | None = 200,
        *,
        organisation_id: str | None = None,
        area: str = "",
        trash: bool = False,
    ) -> list[ProjectRow]:
        """A page of projects whose title or organisations match every word of ``query``, of
        one organisation or area if given: the newest first (undated ones last), then by title."""
        statement = (
            select(P.id, P.title, P.start_date, P.end_date, P.origin, P.deleted_at)
            .where(*_filters(query, organisation_id, area, trash))
            .order_by(P.start_date.desc().nulls_last(), P.title_key, P.id)
            .offset(offset)
            .limit(limit)
        )
        with self.db.session() as s:
            rows = s.execute(statement).all()
            members = _members(s, [row[0] for row in rows], live_only=True)
        return [
            ProjectRow(*row[:5], tuple(m.name for m in members.get(row[0], ())), deleted_at=row[5])
            for row in rows
        ]

    def count(
        self,
        query: str = "",
        *,
        organisation_id: str | None = None,
        area: str = "",
        trash: bool = False,
    ) -> int:
        """How many projects :meth:`list` would give without paging."""
        statement = select(func.count(P.id)).where(*_filters(query, organisation_id, area, trash))
        with self.db.session() as s:
            return s.scalar(statement) or 0

    def get(self, project_id: str) -> ProjectData:
        """The whole project with its organisations (in the trash or not); raises
        :class:`NotFoundError` when it does not exist."""
        with self.db.session() as s:
            return _read(s, _load(s, project_id))

    def save(self, data: ProjectData) -> ProjectData:
        """Validate and save a project and its organisations (new when ``data.id`` is
        ``None``); returns what was saved."""
        values = validate_project(data)
        wanted = check_members(data.organisations)
        with self.db.session() as s:
            links.check_origin(s, values)
            if data.id is None:
                project = P(**values)
                s.add(project)
                s.flush()
            else:
                project = _load(s, data.id)
                for key, value in values.items():
                    setattr(project, key, value)
            links.save_members(s, project.id, wanted)
            s.flush()
            log.info("project saved: %s (%d organisations)", project.id, len(wanted))
            return _read(s, project)

    def delete(self, ids: Iterable[str]) -> int:
        """Move projects to the trash (their organisations stay as they were)."""
        return self._set_deleted(ids, utcnow())

    def restore(self, ids: Iterable[str]) -> int:
        """Bring projects back from the trash."""
        return self._set_deleted(ids, None)

    def _set_deleted(self, ids: Iterable[str], when: datetime | None) -> int:
        ids = [ids] if isinstance(ids, str) else list(ids)
        if not ids:
            return 0
        with self.db.session() as s:
            result = s.execute(
                update(P).where(P.id.in_(ids)).values(deleted_at=when, updated_at=utcnow())
            )
            log.info("projects: %d moved %s the trash", result.rowcount, "to" if when else "out of")
            return result.rowcount or 0

    def areas(self) -> list[str]:
        """The areas of action the live projects are filed under (for the area filter)."""
        with self.db.session() as s:
            lists = s.scalars(select(P.areas).where(P.deleted_at.is_(None)))
            return sorted({area for areas in lists for area in areas or ()}, key=text.fold)

    def origin_choices(self, origin: str) -> list[OriginChoice]:
        """What a project of ``origin`` may have come about at, newest first: the live activities
        of that kind for ``forum`` and ``capsule``, the live mentoring pairs (labelled "mentee's
        organisation — mentor's organisation") for ``mentoring``, nothing otherwise."""
        with self.db.session() as s:
            if origin in ACTIVITY_ORIGINS:
                return links.activity_choices(s, origin)
            if origin == "mentoring":
                return links.relationship_choices(s)
        return []


def _load(s: Session, project_id: str) -> CollaborativeProject:
    project = s.get(P, project_id)
    if project is None:
        raise NotFoundError(_("This project no longer exists."))
    return project


def _read(s: Session, project: CollaborativeProject) -> ProjectData:
    members = _members(s, [project.id], live_only=False).get(project.id, [])
    return ProjectData(
        title=project.title,
        id=project.id,
        description=project.description,
        start_date=project.start_date,
        end_date=project.end_date,
        outcome=project.outcome,
        origin=project.origin,
        origin_activity_id=project.origin_activity_id,
        origin_relationship_id=project.origin_relationship_id,
        areas=tuple(project.areas or ()),
        notes=project.notes,
        organisations=tuple(members),
        deleted_at=project.deleted_at,
    )
