"""Adding or editing a good practice: every field, in tabs, with its attachments and review."""

from __future__ import annotations

import logging
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import ValidationError
from app.i18n import _
from app.services.catalogue_values import MAX_TITLE, TEXT_FIELDS, PracticeData
from app.services.catalogue_vocabulary import LICENCES, PRACTICE_STATUSES
from app.services.registry import Services
from app.services.text import clean, fold
from app.services.vocabulary import CROSS_CUTTING_THEMES
from app.views.catalogue.attachments_editor import AttachmentsEditor
from app.views.catalogue.practice_form import (
    LABELS,
    LINES,
    TABS,
    TEXT_LINES,
    check_length,
    check_title,
    parse_links,
    parse_year,
    provenance_note,
    today,
)
from app.views.mentoring.pair_fields import OptionalDate, show_check
from app.views.widgets.choices import ChoiceBox
from app.views.widgets.codes_checklist import CodesChecklist
from app.views.widgets.form_dialog import FormDialog
from app.views.widgets.form_fields import int_edit, text_box
from app.views.widgets.organisation_picker import OrganisationPicker
from app.views.widgets.paragraph import paragraph
from app.views.your_name import your_name

log = logging.getLogger(__name__)

ABOVE = {"themes", "attachments", "links", *TEXT_FIELDS}  # wide fields: the label on top
# Overview fields laid out in two columns under the title and summary.
SIDE = ("area", "organisation_name", "territory", "target_group", "year", "themes")


class PracticeDialog(FormDialog):
    """The form of one good practice: a new one when ``data`` is ``None`` or has no id (a
    prefill). After ``exec()`` returns accepted, ``saved_id`` is its id.

    The area is chosen from the taxonomy or typed (a new name is added to it on saving); the
    organisation of origin is picked from the directory or typed. Problems show under their
    field, on the tab that holds it. A note above the tabs says where an imported practice came
    from, and what saving a published one does to its revision.
    """

    def __init__(
        self, services: Services, data: PracticeData | None = None, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.services = services
        self.practice = data or PracticeData(title="")
        self.tab_of: dict[str, int] = {}
        self._build()
        self._load(self.practice)
        self._connect()
        self.finish()
        self._fit_to_screen()

    def widget(self, key: str):  # type: ignore[no-untyped-def]
        return self.fields.widgets[key]

    # -- building -------------------------------------------------------------------------------

    def _build(self) -> None:
        self.note = paragraph()
        self.body_layout.addWidget(self.note)
        self.tabs = QTabWidget()
        self.body_layout.addWidget(self.tabs, 1)
        self.area_hint = paragraph()
        for index, (_title, keys) in enumerate(TABS):
            page = QWidget()
            layout = QVBoxLayout(page)
            form = QFormLayout()
            layout.addLayout(form)
            for key in keys:
                self.tab_of[key] = index
                if key not in SIDE:
                    self.fields.add(form, key, self._make(key), above=key in ABOVE)
            if index == 0:
                layout.addLayout(self._overview_columns())
            if keys[0] == "status":
                self.status_help = paragraph()
                layout.addWidget(self.status_help)
            layout.addStretch(1)
            self.tabs.addTab(page, "")

    def _overview_columns(self) -> QHBoxLayout:
        """Where the practice belongs beside its themes (a long list to tick)."""
        where, themes = QFormLayout(), QFormLayout()
        for key in SIDE:
            form = themes if key == "themes" else where
            self.fields.add(form, key, self._make(key), above=key in ABOVE)
            if key == "area":
                where.addRow(self.area_hint)
        columns = QHBoxLayout()
        columns.addLayout(where, 3)
        columns.addLayout(themes, 2)
        return columns

    def _make(self, key: str) -> QWidget:
        if key in LINES:
            line = QLineEdit()
            line.setMaxLength(MAX_TITLE)  # the service keeps at most this of a line
            return line
        if key in TEXT_LINES:
            return text_box(TEXT_LINES[key])
        if key == "area":
            self.areas = self.services.catalogue.areas()
            # An editable list found by any part of a name: the organisation picker does it.
            picker = OrganisationPicker([(a.id or "", a.name) for a in self.areas])
            return picker
        if key == "organisation_name":
            return OrganisationPicker(self.services.organisations.choices())
        if key == "themes":
            return CodesChecklist(
                CROSS_CUTTING_THEMES, translate=True, rows=len(CROSS_CUTTING_THEMES)
            )
        if key == "year":
            return int_edit(9999)
        if key == "licence":
            licence = QComboBox()
            licence.setEditable(True)
            licence.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            licence.addItems(LICENCES)
            return licence
        if key in ("status", "reviewed_on"):  # a word or a date: no need for the full width
            short = ChoiceBox(PRACTICE_STATUSES) if key == "status" else OptionalDate()
            short.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            return short
        if key == "attachments":
            self.attachments = AttachmentsEditor(self.services)
            return self.attachments
        raise KeyError(key)

    def _connect(self) -> None:
        self.fields.watch("title", lambda: check_title(self.widget("title").text()))
        self.fields.watch("year", lambda: parse_year(self.widget("year").text(), today().year))
        self.widget("title").textChanged.connect(lambda _text: self._update_title())
        self.widget("area").editTextChanged.connect(lambda _text: self._update_area_hint())
        for key in ("area", "organisation_name"):
            self.widget(key).entered.connect(self.focusNextChild)
        self.widget("status").currentIndexChanged.connect(lambda _i: self._on_status_changed())
        links = self.widget("links")
        links.textChanged.connect(
            lambda: show_check(self.fields, "links", lambda: parse_links(links.toPlainText()))
        )

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self._update_title()
        for index, (title, _keys) in enumerate(TABS):
            self.tabs.setTabText(index, _(title))
        self.fields.set_texts({key: _(text) for key, text in LABELS.items()})
        self.fields.labels["attachments"].hide()  # the tab's title says it
        self.widget("area").lineEdit().setPlaceholderText(_("Choose an area, or type a new one"))
        self.widget("organisation_name").lineEdit().setPlaceholderText(
            _("Pick from the directory, or type a name")
        )
        year = self.widget("year")
        year.setPlaceholderText(_("For example {year}").format(year=today().year))
        year.setFixedWidth(year.fontMetrics().horizontalAdvance(year.placeholderText()) + 24)
        self.widget("summary").setToolTip(_("A few lines shown in the list and on the sheet"))
        self.widget("links").setPlaceholderText(_("https://…"))
        self.widget("licence").lineEdit().setPlaceholderText(
            _("Under which terms others may use it")
        )
        self.status_help.setText(
            _(
                "Draft: still being written. Reviewed: someone has checked it. Published: "
                "ready to share; only published practices go into bundles for other "
                "organisations."
            )
        )
        self._update_area_hint()

    def _update_title(self) -> None:
        if self.practice.id:
            title = _("Edit practice: {title}").format(
                title=clean(self.widget("title").text()) or self.practice.title
            )
        else:
            title = _("New good practice")
        self.setWindowTitle(title)

    def _fit_to_screen(self) -> None:
        """As large as the form wants, within the screen (at any scaling it scrolls)."""
        screen = self.screen().availableGeometry()
        self.resize(min(900, screen.width() - 40), min(760, screen.height() - 60))

    # -- data -----------------------------------------------------------------------------------

    def _load(self, data: PracticeData) -> None:
        for key in LINES:
            self.widget(key).setText(getattr(data, key))
        for key in TEXT_FIELDS:
            self.widget(key).setPlainText(getattr(data, key))
        self.widget("links").setPlainText("\n".join(data.links))
        self.widget("year").setText("" if data.year is None else str(data.year))
        self.widget("area").setEditText(data.area)
        self._load_organisation(data)
        self.widget("themes").set_checked(data.themes)
        self.widget("licence").setEditText(data.licence)
        self.widget("status").choose(data.status)
        self.widget("reviewed_on").set_value(data.reviewed_on)
        self.attachments.set_attachments(data.attachments)
        note = provenance_note(data)
        self.note.setText(note)
        self.note.setVisible(bool(note))

    def _load_organisation(self, data: PracticeData) -> None:
        picker = self.widget("organisation_name")
        index = picker.findData(data.organisation_id, Qt.ItemDataRole.UserRole)
        if data.organisation_id and index >= 0:
            picker.setCurrentIndex(index)
        else:
            picker.setEditText(data.organisation_name)

    def _organisation(self) -> tuple[str | None, str]:
        """The organisation of origin: one of the directory (id and name) or a name only."""
        organisation_id, name = self.widget("organisation_name").chosen()
        if organisation_id is None and fold(name) == fold(self.practice.organisation_name):
            organisation_id = self.practice.organisation_id  # no longer listed, but not changed
        return organisation_id, name

    def practice_data(self) -> PracticeData:
        """What the form holds now; raises ValidationError for what can be seen to be wrong."""
        check_title(self.widget("title").text())
        for key in TEXT_FIELDS:
            check_length(key, self.widget(key).toPlainText())
        organisation_id, organisation_name = self._organisation()
        values: dict[str, object] = {key: self.widget(key).text() for key in LINES}
        values.update({key: self.widget(key).toPlainText() for key in TEXT_FIELDS})
        return replace(
            self.practice,
            area=clean(self.widget("area").currentText()),
            themes=self.widget("themes").checked(),
            organisation_id=organisation_id,
            organisation_name=organisation_name,
            year=parse_year(self.widget("year").text(), today().year),
            links=parse_links(self.widget("links").toPlainText()),
            licence=clean(self.widget("licence").currentText()),
            status=self.widget("status").currentData(),
            reviewed_on=self.widget("reviewed_on").value(),
            attachments=self.attachments.attachments(),
            **values,  # type: ignore[arg-type]
        )

    # -- reactions ------------------------------------------------------------------------------

    def _update_area_hint(self) -> None:
        typed = clean(self.widget("area").currentText())
        known = {fold(area.name) for area in self.areas}
        new = bool(typed) and fold(typed) not in known
        self.area_hint.setText(
            _("“{name}” is a new area: it is added to the list when you save.").format(name=typed)
            if new
            else ""
        )
        self.area_hint.setVisible(new)

    def _on_status_changed(self) -> None:
        """Reviewing a practice proposes who reviewed it and when (both may be changed)."""
        if self.widget("status").currentData() == "draft":
            return
        if not self.widget("reviewer").text().strip():
            self.widget("reviewer").setText(your_name())
        if self.widget("reviewed_on").value() is None:
            self.widget("reviewed_on").set_value(today())

    def show_problem(self, error: ValidationError) -> None:
        """Open the tab holding the field before showing the problem under it."""
        if error.field in self.tab_of:
            self.tabs.setCurrentIndex(self.tab_of[error.field])
        super().show_problem(error)

    def save(self) -> str:
        """Save the practice and its attachments through the catalogue service."""
        saved = self.services.catalogue.save(self.practice_data())
        return saved.id or ""
