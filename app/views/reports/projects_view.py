"""The Collaborative projects page: projects that organisations of the network undertake
together, who takes part and with what role, and how each came about; added, changed, trashed
and restored here."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QVBoxLayout, QWidget

from app.errors import NotFoundError, TejidoError
from app.i18n import _, format_number, ngettext
from app.services.network_vocabulary import PROJECT_ORIGINS, PROJECT_ROLES
from app.services.projects import ProjectData
from app.services.registry import Services
from app.views.errors import show_error
from app.views.reports.project_dialog import ProjectDialog, origin_name
from app.views.reports.projects_table_model import ProjectsTableModel, area_label, dates_text
from app.views.widgets.choices import choice_label
from app.views.widgets.paragraph import paragraph
from app.views.widgets.record_list import RecordListPanel
from app.views.widgets.translatable import Retranslatable

log = logging.getLogger(__name__)


class ProjectDetails(Retranslatable, QWidget):
    """Beside the list: the selected project's organisations and roles, how it came about,
    what it is about and what came of it."""

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.project: ProjectData | None = None
        self.title = paragraph(selectable=True)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.text = paragraph(selectable=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addStretch(1)
        self.retranslate_ui()

    def show_record(self, project_id: str | None) -> None:
        """Show the project ``project_id`` (a hint when ``None``)."""
        try:
            self.project = self.services.projects.get(project_id) if project_id else None
        except NotFoundError:
            self.project = None
        self._render()

    def retranslate_ui(self) -> None:
        self._render()

    def _render(self) -> None:
        project = self.project
        if project is None:
            self.title.setText("")
            self.text.setText(_("Select one project to see who takes part and what came of it."))
            return
        self.title.setText(project.title)
        lines = [dates_text(project.start_date, project.end_date) or _("No dates yet.")]
        lines += ["", _("Organisations:")]
        lines += [
            _("{name} — {role}").format(name=m.name, role=choice_label(PROJECT_ROLES, m.role))
            for m in project.organisations
        ]
        lines += ["", _("How it came about: {origin}").format(origin=self._origin(project))]
        if project.areas:
            areas = ", ".join(area_label(a) for a in project.areas)
            lines.append(_("Areas: {areas}").format(areas=areas))
        for heading, body in (
            (_("What it is about:"), project.description),
            (_("Outcome:"), project.outcome),
        ):
            if body:
                lines += ["", heading, body]
        self.text.setText("\n".join(lines))

    def _origin(self, project: ProjectData) -> str:
        origin = choice_label(PROJECT_ORIGINS, project.origin)
        name = origin_name(self.services, project)
        return _("{origin} ({name})").format(origin=origin, name=name) if name else origin


class ProjectsView(RecordListPanel):
    """The collaborative projects, the newest first: searched as you type (title and
    organisations), filtered by area of action, with a trash and an export.

    ``changed`` (from the list panel) is emitted after a project is added, changed, trashed or
    restored, so the pages that count projects (report, network) can be read again.
    """

    history_table = "projects"

    def __init__(self, services: Services, parent: QWidget | None = None):
        self.services = services
        model = ProjectsTableModel(services.projects)
        super().__init__(model, ProjectDetails(services), parent)
        self.duplicates_button.hide()  # projects are not merged

    def _build(self) -> None:
        super()._build()
        self.area_filter = QComboBox()
        self.area_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        row = QHBoxLayout()
        row.addWidget(self.area_filter)
        row.addStretch(1)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertLayout(1, row)
        self.table.setSortingEnabled(False)  # the newest first, always
        self.table.horizontalHeader().setSortIndicatorShown(False)
        QWidget.setTabOrder(self.search, self.area_filter)
        QWidget.setTabOrder(self.area_filter, self.trash_toggle)

    def _connect(self) -> None:
        super()._connect()
        self.area_filter.currentIndexChanged.connect(self._on_area_filter_changed)

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.area_filter.setAccessibleName(_("Area"))
        self.area_filter.setToolTip(_("Show only the projects of this area of action"))
        self._fill_areas()

    def refresh(self) -> None:
        """Read the list (and the areas to filter by) again, keeping the search and selection."""
        self._fill_areas()
        super().refresh()

    def _fill_areas(self) -> None:
        """The areas the projects are filed under, in the current language, keeping the one
        chosen."""
        chosen = self.area_filter.currentData() or ""
        areas = sorted(self.services.projects.areas(), key=area_label)
        if chosen and chosen not in areas:
            areas.append(chosen)
        self.area_filter.blockSignals(True)
        self.area_filter.clear()
        self.area_filter.addItem(_("All areas"), "")
        for area in areas:
            self.area_filter.addItem(area_label(area), area)
        self.area_filter.setCurrentIndex(max(0, self.area_filter.findData(chosen)))
        self.area_filter.blockSignals(False)

    def _on_area_filter_changed(self) -> None:
        self.model.set_area(self.area_filter.currentData() or "")

    def clear_filters(self) -> None:
        self.area_filter.setCurrentIndex(0)
        self.model.set_area("", reload=False)

    # -- hooks of the list panel ------------------------------------------------------------------

    def list_name(self) -> str:
        return _("Collaborative projects")

    def search_hint(self) -> str:
        return _("Type part of a title or of an organisation's name")

    def count_text(self, count: int, trash: bool) -> str:
        if trash:
            text = ngettext("{count} project in the trash", "{count} projects in the trash", count)
        else:
            text = ngettext("{count} project", "{count} projects", count)
        return text.format(count=format_number(count))

    def trash_question(self, count: int) -> str:
        return ngettext(
            "Move {count} project to the trash? It no longer links its organisations on the "
            "network map. You can restore it later from the trash.",
            "Move {count} projects to the trash? They no longer link their organisations on the "
            "network map. You can restore them later from the trash.",
            count,
        ).format(count=format_number(count))

    def export_file_stem(self) -> str:
        return _("projects")

    def open_editor(self, record_id: str | None) -> str | None:
        try:
            data = self.services.projects.get(record_id) if record_id else None
            dialog = ProjectDialog(self.services, data, self)
        except TejidoError as error:  # removed since the list was read
            show_error(self, error)
            return None
        return dialog.saved_id if dialog.exec() else None

    def find_duplicates(self) -> bool:
        return False

    def move_to_trash(self, ids: list[str]) -> int:
        return self.services.projects.delete(ids)

    def is_live(self, record_id: str) -> bool:
        try:
            return self.services.projects.get(record_id).deleted_at is None
        except NotFoundError:
            return False

    def restore(self, ids: list[str]) -> int:
        return self.services.projects.restore(ids)
