"""Adding or editing an activity: what it is, its sessions, content, topics, completion rule."""

from __future__ import annotations

import logging
from dataclasses import replace

from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLineEdit, QWidget

from app.errors import ValidationError
from app.i18n import N_, _, format_number
from app.services.activities import ActivityData
from app.services.registry import Services
from app.services.vocabulary import (
    ACTIVITY_KINDS,
    ACTIVITY_LANGUAGES,
    ACTIVITY_STATUSES,
    CROSS_CUTTING_THEMES,
)
from app.views.widgets.areas_editor import AreasEditor
from app.views.widgets.choices import ChoiceBox
from app.views.widgets.codes_checklist import CodesChecklist
from app.views.widgets.form_dialog import FormDialog
from app.views.widgets.form_fields import int_edit, int_value, text_box
from app.views.widgets.paragraph import paragraph
from app.views.widgets.practice_links import PracticeLinksEditor
from app.views.widgets.sessions_editor import SessionsEditor

log = logging.getLogger(__name__)

MAX_CAPACITY = 99_999
LINES = ("title", "venue", "online_link")
TEXT_BOXES = ("description", "objectives", "key_content", "notes")
CHOICES = {"kind": ACTIVITY_KINDS, "status": ACTIVITY_STATUSES, "language": ACTIVITY_LANGUAGES}
LABELS: dict[str, str] = {
    "kind": N_("&Kind:"),
    "title": N_("&Title (required):"),
    "status": N_("Stat&us:"),
    "language": N_("&Language:"),
    "capacity": N_("&Capacity:"),
    "venue": N_("&Venue:"),
    "online_link": N_("O&nline link:"),
    "sessions": N_("Sessions:"),
    "description": N_("Descr&iption:"),
    "objectives": N_("O&bjectives:"),
    "key_content": N_("Ke&y content (for the handout):"),
    "areas": N_("Areas of action:"),
    "themes": N_("Cross-cuttin&g themes:"),
    "min_attendance_percent": N_("Minimum share o&f sessions attended (%):"),
    "min_minutes": N_("Minimum &hours attended:"),
    "demand_ids": N_("Demands it ans&wers:"),
    "practice_ids": N_("Good practices handed out (printed in the handout):"),
    "notes": N_("Notes:"),
}
SECTION_TITLES: dict[str, str] = {
    "activity": N_("Activity"),
    "sessions": N_("Sessions"),
    "content": N_("Content"),
    "topics": N_("Topics"),
    "completion": N_("Completion"),
    "demands": N_("Demands of organisations"),
    "practices": N_("Good practices"),
    "notes": N_("Notes"),
}
NEW_TITLES: dict[str, str] = {
    "forum": N_("New forum meeting"),
    "capsule": N_("New training capsule"),
    "other": N_("New activity"),
}


def parse_hours(value: str) -> int | None:
    """Minutes for hours typed as "2", "1.5", "1,5" or "1:30"; ``None`` when left empty."""
    typed = value.strip()
    if not typed:
        return None
    try:
        if ":" in typed:
            hours, minutes = typed.split(":", 1)
            if not 0 <= int(minutes) < 60:
                raise ValueError(typed)
            total = int(hours or "0") * 60 + int(minutes)
        else:
            total = round(float(typed.replace(",", ".")) * 60)
    except (ValueError, OverflowError):
        raise ValidationError(
            _("Write the hours as a number, for example 1.5 or 1:30."), field="min_minutes"
        ) from None
    if total < 1:
        raise ValidationError(
            _("The minimum hours must be more than zero, or left empty."), field="min_minutes"
        )
    return total


def hours_text(minutes: int | None) -> str:
    """``90`` -> "1.5" (with the language's decimal sign); empty for ``None``."""
    return "" if minutes is None else format_number(round(minutes / 60, 2))


class ActivityDialog(FormDialog):
    """The form of one activity: a new one when ``data`` is ``None`` or has no id (a prefill,
    for instance from a demand). After ``exec()`` returns accepted, ``saved_id`` is its id.

    The demands section shows only when the services offer demands.
    """

    def __init__(
        self, services: Services, data: ActivityData | None = None, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.services = services
        self.activity = data or ActivityData(title="")
        self.demand_service = getattr(services, "demands", None)
        self.section_keys: list[str] = []
        self._build()
        self._load(self.activity)
        self.fields.watch("title", self._check_title)
        self.fields.watch("min_minutes", lambda: parse_hours(self.widget("min_minutes").text()))
        self.widget("kind").currentIndexChanged.connect(lambda _index: self._update_title())
        self.widget("venue").textChanged.connect(self._on_venue_text_changed)
        self.finish()
        self._fit_to_screen()

    def widget(self, key: str):  # type: ignore[no-untyped-def]
        return self.fields.widgets[key]

    def _section(self, key: str) -> QFormLayout:
        self.section_keys.append(key)
        return self.section()

    def _build(self) -> None:
        add = self.fields.add
        main = self._section("activity")
        for key in ("kind", "title", "status", "language", "capacity", "venue", "online_link"):
            if key in CHOICES:
                add(main, key, ChoiceBox(CHOICES[key]))
            else:
                add(main, key, int_edit(MAX_CAPACITY) if key == "capacity" else QLineEdit())
        self.sessions = SessionsEditor()
        add(self._section("sessions"), "sessions", self.sessions, above=True)
        content = self._section("content")
        for key in TEXT_BOXES[:3]:
            add(content, key, text_box())
        self.areas = AreasEditor()
        self.themes = CodesChecklist(CROSS_CUTTING_THEMES, translate=True)
        columns = QHBoxLayout()
        for key, editor in (("areas", self.areas), ("themes", self.themes)):
            column = QFormLayout()
            add(column, key, editor, above=True)
            columns.addLayout(column, 1)
        self._section("topics").addRow(columns)
        completion = self._section("completion")
        add(completion, "min_attendance_percent", int_edit(100))
        hours = QLineEdit()
        hours.setMaxLength(8)
        add(completion, "min_minutes", hours)
        self.rule_help = paragraph()
        completion.addRow(self.rule_help)
        self.demands: CodesChecklist | None = None
        self.no_demands = paragraph()
        if self.demand_service is not None:
            self.demands = CodesChecklist(self.demand_service.choices(), rows=4)
            self.demands.setMaximumHeight(self.demands.minimumHeight() * 2)
            form = self._section("demands")
            add(form, "demand_ids", self.demands, above=True)
            form.addRow(self.no_demands)
        self.practices: PracticeLinksEditor | None = None
        if getattr(self.services, "catalogue", None) is not None:
            self.practices = PracticeLinksEditor(self.services.catalogue)
            add(self._section("practices"), "practice_ids", self.practices, above=True)
        add(self._section("notes"), "notes", text_box(4))

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self._update_title()
        for group, key in zip(self.sections, self.section_keys, strict=True):
            group.setTitle(_(SECTION_TITLES[key]))
        labels = {key: _(text) for key, text in LABELS.items() if key in self.fields.widgets}
        self.fields.set_texts(labels)
        self.fields.labels["sessions"].hide()  # the section's title says it
        self.widget("capacity").setPlaceholderText(_("Leave empty when there is no limit"))
        self.widget("online_link").setPlaceholderText(_("https://…"))
        self.widget("key_content").setToolTip(
            _("The main ideas, printed on the handout for the participants")
        )
        self.widget("min_attendance_percent").setPlaceholderText(_("For example 80"))
        self.widget("min_minutes").setPlaceholderText(_("For example 1.5 or 1:30"))
        self.rule_help.setText(
            _(
                "A person completes the activity by attending at least this share of its "
                "sessions and/or these hours. With both, both must be met. With neither, "
                "attending one session is enough."
            )
        )
        if self.demands is not None:
            self.demands.unknown_label = _("A demand no longer in the list")
            self.demands.retranslate_ui()
            self.no_demands.setText(
                _("No demands are recorded yet. They are kept in the Demands tab.")
            )

    def _update_title(self) -> None:
        if self.activity.id:
            title = _("Edit activity: {title}").format(title=self.activity.title)
        else:
            kind = self.widget("kind").currentData()
            title = _(NEW_TITLES.get(kind, NEW_TITLES["other"]))
        self.setWindowTitle(title)

    def _fit_to_screen(self) -> None:
        """As large as the form wants, within the screen (at any scaling it scrolls)."""
        screen = self.screen().availableGeometry()
        self.resize(min(860, screen.width() - 40), min(800, screen.height() - 60))

    # -- data ---------------------------------------------------------------------------------

    def _load(self, activity: ActivityData) -> None:
        for key in CHOICES:
            self.widget(key).choose(getattr(activity, key))
        for key in LINES:
            self.widget(key).setText(getattr(activity, key))
        for key in TEXT_BOXES:
            self.widget(key).setPlainText(getattr(activity, key))
        for key in ("capacity", "min_attendance_percent"):
            value = getattr(activity, key)
            self.widget(key).setText("" if value is None else str(value))
        self.widget("min_minutes").setText(hours_text(activity.min_minutes))
        self.areas.set_areas(activity.areas)
        self.themes.set_checked(activity.themes)
        self.sessions.default_place = activity.venue
        self.sessions.set_values(activity.sessions)
        if self.practices is not None:
            self.practices.set_ids(activity.practice_ids or ())
        if self.demands is not None:
            self.demands.set_checked(activity.demand_ids)
            listed = self.demands.count() > 0
            self.demands.setVisible(listed)
            self.fields.labels["demand_ids"].setVisible(listed)
            self.no_demands.setVisible(not listed)

    def activity_data(self) -> ActivityData:
        """What the form holds now; raises ValidationError for hours that are not a number."""
        values: dict[str, object] = {key: self.widget(key).text() for key in LINES}
        values.update({key: self.widget(key).toPlainText() for key in TEXT_BOXES})
        values.update({key: self.widget(key).currentData() for key in CHOICES})
        demand_ids = self.demands.checked() if self.demands else self.activity.demand_ids
        return replace(
            self.activity,
            capacity=int_value(self.widget("capacity")),
            min_attendance_percent=int_value(self.widget("min_attendance_percent")),
            min_minutes=parse_hours(self.widget("min_minutes").text()),
            areas=self.areas.areas(),
            themes=self.themes.checked(),
            sessions=self.sessions.values(),
            demand_ids=demand_ids,
            practice_ids=self.practices.ids() if self.practices else self.activity.practice_ids,
            **values,  # type: ignore[arg-type]
        )

    def _check_title(self) -> None:
        if not self.widget("title").text().strip():
            raise ValidationError(_("An activity needs a title."), field="title")

    def _on_venue_text_changed(self, venue: str) -> None:
        self.sessions.default_place = venue.strip()

    def show_problem(self, error: ValidationError) -> None:
        super().show_problem(error)
        if error.field == "sessions":
            self.sessions.focus_problem()

    def save(self) -> str:
        """Save the activity with its sessions (and the demands it answers)."""
        saved = self.services.activities.save(self.activity_data())
        return saved.id or ""
