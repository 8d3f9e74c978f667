"""The form of a collaborative project: its title and dates, the organisations taking part with
their roles, how it came about (at which activity or through which mentoring pair), its areas,
what it is about and its outcome."""

from __future__ import annotations

import logging
from dataclasses import replace

from PySide6.QtWidgets import QFormLayout, QLineEdit, QMessageBox, QSizePolicy, QWidget

from app.errors import NotFoundError, ValidationError
from app.i18n import N_, _, format_date, ngettext
from app.services.network_vocabulary import PROJECT_ORIGINS
from app.services.organisations import OrganisationData
from app.services.project_values import (
    ACTIVITY_ORIGINS,
    RELATIONSHIP_ORIGINS,
    check_members,
    validate_project,
)
from app.services.projects import OriginChoice, ProjectData
from app.services.registry import Services
from app.services.text import fold
from app.views.mentoring.pair_fields import OptionalDate
from app.views.reports.link_field import Choice, LinkField
from app.views.reports.project_members import ProjectMembersEditor
from app.views.widgets.areas_editor import AreasEditor
from app.views.widgets.choices import ChoiceBox
from app.views.widgets.form_dialog import FormDialog
from app.views.widgets.form_fields import text_box

log = logging.getLogger(__name__)

TEXT_BOXES = ("description", "outcome", "notes")
ORIGIN_LINKS = {
    "origin_activity_id": ACTIVITY_ORIGINS,
    "origin_relationship_id": RELATIONSHIP_ORIGINS,
}
LABELS: dict[str, str] = {
    "title": N_("&Title (required):"),
    "start_date": N_("Sta&rts on:"),
    "end_date": N_("&Ends on:"),
    "description": N_("&What it is about:"),
    "organisations": N_("Organisations taking &part (at least one):"),
    "origin": N_("How it came a&bout:"),
    "origin_activity_id": N_("At which acti&vity:"),
    "origin_relationship_id": N_("Through which mentoring pa&ir:"),
    "areas": N_("Areas of action:"),
    "outcome": N_("O&utcome:"),
    "notes": N_("&Notes:"),
}
SECTION_TITLES = (
    N_("The project"),
    N_("Who takes part"),
    N_("How it came about"),
    N_("What came of it"),
)
SHOWN_CHOICES = 50


def origin_name(services: Services, data: ProjectData) -> str:
    """The activity or the mentoring pair the project came about at, in words ("" for none)."""
    try:
        if data.origin_activity_id:
            return services.activities.get(data.origin_activity_id).title
        if data.origin_relationship_id:
            pair = services.mentoring.get(data.origin_relationship_id)
            return _("{mentee} — {mentor}").format(
                mentee=pair.mentee_organisation or pair.mentee_name,
                mentor=pair.mentor_organisation or pair.mentor_name,
            )
    except NotFoundError:
        return _("No longer recorded")
    return ""


def choice_text(choice: OriginChoice) -> str:
    """An activity or a pair as listed to choose from: its label and its date."""
    if choice.on is None:
        return choice.label
    return _("{label} ({date})").format(label=choice.label, date=format_date(choice.on))


class ProjectDialog(FormDialog):
    """The form of one project: a new one when ``data`` is ``None``. After ``exec()`` returns
    accepted, ``saved_id`` is its id.

    Organisations are picked from the directory; names typed that are not there are added to
    the directory when the project is saved, if the person agrees.
    """

    def __init__(
        self, services: Services, data: ProjectData | None = None, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.services = services
        self.project = data or ProjectData(title="")
        self._choices: dict[str, list[OriginChoice]] = {}
        self.forms: list[QFormLayout] = []
        self._build()
        self._load(self.project)
        self.widget("origin").currentIndexChanged.connect(self._on_origin_changed)
        self.body_layout.addStretch(1)
        self.finish()
        self.resize(680, 760)

    def widget(self, key: str):  # type: ignore[no-untyped-def]
        return self.fields.widgets[key]

    def _build(self) -> None:
        add = self.fields.add
        about, who, origin, result = (self.section() for _title in SECTION_TITLES)
        self.forms = [about, who, origin, result]
        add(about, "title", QLineEdit())
        for key in ("start_date", "end_date"):
            when = OptionalDate()
            when.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            add(about, key, when)
        add(about, "description", text_box(5), above=True)
        choices = self.services.organisations.choices()
        add(who, "organisations", ProjectMembersEditor(choices), above=True)
        add(origin, "origin", ChoiceBox(PROJECT_ORIGINS))
        for key in ORIGIN_LINKS:
            add(origin, key, self._link_field(key))
        add(result, "areas", AreasEditor(), above=True)
        add(result, "outcome", text_box(4), above=True)
        add(result, "notes", text_box(3), above=True)

    def _link_field(self, key: str) -> LinkField:
        if key == "origin_activity_id":
            title, hint = (lambda: _("Choose the activity")), (lambda: _("Words of its title"))
            empty = lambda: _("No activity chosen")  # noqa: E731
        else:
            title, hint = (lambda: _("Choose the mentoring pair")), (lambda: _("Organisations"))
            empty = lambda: _("No pair chosen")  # noqa: E731
        return LinkField(self._search_origin, title, hint, empty)

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.setWindowTitle(_("Edit project") if self.project.id else _("New project"))
        for group, title in zip(self.sections, SECTION_TITLES, strict=True):
            group.setTitle(_(title))
        self.fields.set_texts({key: _(text) for key, text in LABELS.items()})
        self.widget("title").setPlaceholderText(_("For example: Shared volunteer training"))
        self.widget("outcome").setToolTip(
            _("What came of it: a service started, people reached, a grant won…")
        )

    # -- how it came about ----------------------------------------------------------------------

    def _origin_choices(self) -> list[OriginChoice]:
        origin = self.widget("origin").currentData()
        if origin not in self._choices:
            self._choices[origin] = self.services.projects.origin_choices(origin)
        return self._choices[origin]

    def _search_origin(self, query: str) -> list[Choice]:
        """The activities of the chosen kind (or the pairs) whose label holds every word typed."""
        words = fold(query).split()
        found = []
        for choice in self._origin_choices():
            text = choice_text(choice)
            if all(word in fold(text) for word in words):
                found.append((choice.id, text))
                if len(found) >= SHOWN_CHOICES:
                    break
        return found

    def _on_origin_changed(self) -> None:
        """Show the activity or the pair field that goes with the origin (emptied on a change)."""
        for key in ORIGIN_LINKS:
            self.widget(key).set_value(None)
        self._show_origin_links()

    def _show_origin_links(self) -> None:
        origin = self.widget("origin").currentData()
        for key, origins in ORIGIN_LINKS.items():
            self.forms[2].setRowVisible(self.fields.labels[key], origin in origins)

    # -- data -----------------------------------------------------------------------------------

    def _load(self, data: ProjectData) -> None:
        self.widget("title").setText(data.title)
        self.widget("start_date").set_value(data.start_date)
        self.widget("end_date").set_value(data.end_date)
        self.widget("organisations").set_members(data.organisations)
        self.widget("origin").choose(data.origin)
        name = origin_name(self.services, data)
        self.widget("origin_activity_id").set_value(data.origin_activity_id, name)
        self.widget("origin_relationship_id").set_value(data.origin_relationship_id, name)
        self._show_origin_links()
        self.widget("areas").set_areas(data.areas)
        for key in TEXT_BOXES:
            self.widget(key).setPlainText(getattr(data, key))

    def project_data(self, added: dict[str, str] | None = None) -> ProjectData:
        """What the form holds now; names typed take their ids from ``added`` (folded -> id)."""
        return replace(
            self.project,
            title=self.widget("title").text(),
            start_date=self.widget("start_date").value(),
            end_date=self.widget("end_date").value(),
            organisations=self.widget("organisations").members(added),
            origin=self.widget("origin").currentData(),
            origin_activity_id=self.widget("origin_activity_id").value(),
            origin_relationship_id=self.widget("origin_relationship_id").value(),
            areas=self.widget("areas").areas(),
            **{key: self.widget(key).toPlainText() for key in TEXT_BOXES},  # type: ignore[arg-type]
        )

    def _add_new_organisations(self) -> dict[str, str]:
        """Add the names typed to the directory if the person agrees; ``{folded name: id}``.
        Otherwise a ValidationError asks to choose organisations of the directory."""
        names = self.widget("organisations").new_names()
        if not names:
            return {}
        if not self._ask_to_add(names):
            raise ValidationError(
                _("Choose organisations of the directory, or agree to add the new ones."),
                field="organisations",
            )
        added = {}
        for name in names:
            saved = self.services.organisations.save(OrganisationData(name=name))
            log.info("organisation added from the project form: %s", saved.id)
            added[fold(name)] = saved.id or ""
        return added

    def _ask_to_add(self, names: list[str]) -> bool:
        listed = ", ".join(f"“{name}”" for name in names)
        answer = QMessageBox.question(
            self,
            _("Add organisations"),
            ngettext(
                "{names} is not in the directory. Add it to the directory and to the project? "
                "You can fill in its details later in the Directory tab.",
                "{names} are not in the directory. Add them to the directory and to the project? "
                "You can fill in their details later in the Directory tab.",
                len(names),
            ).format(names=listed),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        return answer == QMessageBox.StandardButton.Yes

    def save(self) -> str:
        """Save the project through the projects service."""
        # What can be seen to be wrong is said before any organisation is added for it.
        placeholders = {fold(n): f"new:{fold(n)}" for n in self.widget("organisations").new_names()}
        validate_project(self.project_data())
        check_members(self.project_data(placeholders).organisations)
        saved = self.services.projects.save(self.project_data(self._add_new_organisations()))
        log.info("project saved from the form: %s", saved.id)
        return saved.id or ""
