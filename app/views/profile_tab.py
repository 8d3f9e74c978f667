"""The "Our organisation" tab: the profile shown on every certificate, handout and report."""

from __future__ import annotations

import logging
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.errors import TejidoError, ValidationError
from app.i18n import LANGUAGES, _
from app.services import validation
from app.services.profile import ProfileData
from app.services.registry import Services
from app.views.errors import show_error
from app.views.profile_fields import LABELS, PLACEHOLDERS, SECTIONS, watch_tax_id
from app.views.widgets.areas_editor import AreasEditor
from app.views.widgets.colour_button import ColourButton
from app.views.widgets.form_fields import FormFields
from app.views.widgets.image_picker import ImagePicker
from app.views.widgets.translatable import Retranslatable

log = logging.getLogger(__name__)


class ProfileTab(Retranslatable, QWidget):
    """The organisation profile as a form, saved with Save (Ctrl+S) or undone with Revert.

    Save is enabled only when something changed. A problem the service finds is shown by the field
    it names, and everything typed stays in the form. ``saved`` is emitted after a successful save.
    """

    saved = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self._loading = False
        self._baseline = ProfileData()
        self._just_saved = False
        self.form = FormFields()
        self.fields = self.form.widgets
        self.groups: list[QGroupBox] = []
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setFrameShape(QFrame.Shape.StyledPanel)
        self.note.setMargin(8)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(self._build_form())
        self.status = QLabel()
        self.revert_button = QPushButton()
        self.revert_button.clicked.connect(self._on_revert_button_clicked)
        self.save_button = QPushButton()
        # A shortcut of its own: the button's text would reset a shortcut set on the button.
        self.save_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        self.save_shortcut.activated.connect(self.save)
        self.save_button.clicked.connect(self.save)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.scroll, 1)
        layout.addLayout(buttons)
        self._watch_fields()
        self.retranslate_ui()
        self.refresh()

    def _watch_fields(self) -> None:
        """Check the name, tax id and e-mail as they are typed."""
        name, email = self.fields["name"], self.fields["email"]
        self.form.watch(
            "name",
            lambda: validation.check_required(
                name.text(), "name", _("The name of the organisation")
            ),
        )
        watch_tax_id(self.form, self.fields["country"].text)
        self.form.watch("email", lambda: validation.check_email(email.text()))

    def _build_form(self) -> QWidget:
        form = QWidget()
        column = QVBoxLayout(form)
        for _title, names in SECTIONS:
            group = QGroupBox()
            layout = QFormLayout(group)
            layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
            for name in names:
                self.form.add(layout, name, self._make_field(name))
            self.groups.append(group)
            column.addWidget(group)
        column.addStretch(1)
        return form

    def _make_field(self, name: str) -> QWidget:
        if name in {"logo", "signature_image"}:
            widget: QWidget = ImagePicker(name)
            widget.changed.connect(self._on_changed)
        elif name == "document_colour":
            widget = ColourButton()
            widget.changed.connect(self._on_changed)
        elif name == "areas_of_action":
            widget = AreasEditor()
            widget.changed.connect(self._on_changed)
        elif name == "default_language":
            widget = QComboBox()
            for code, language in LANGUAGES.items():
                widget.addItem(language, code)
            widget.currentIndexChanged.connect(self._on_changed)
        else:
            widget = QLineEdit()
            widget.textChanged.connect(self._on_changed)
        return widget

    def retranslate_ui(self) -> None:
        for group, (title, _names) in zip(self.groups, SECTIONS, strict=True):
            group.setTitle(_(title))
        self.form.set_texts({name: _(LABELS[name]) for name in self.fields})
        for name, widget in self.fields.items():
            if isinstance(widget, ImagePicker):
                widget.set_subject(_(LABELS[name]))
            elif name in PLACEHOLDERS:
                widget.setPlaceholderText(_(PLACEHOLDERS[name]))
        self.fields["tax_id"].setToolTip(
            _("Spanish CIF, NIF or NIE; ids of other countries are kept as typed.")
        )
        self.revert_button.setText(_("Revert"))
        self.revert_button.setToolTip(_("Undo the changes made since the last save."))
        self.save_button.setText(_("Save"))
        self.save_button.setToolTip(_("Save the profile (Ctrl+S)."))
        self.note.setText(
            _(
                "Certificates need a name and a signatory: fill in the name of the organisation "
                "and the signatory's name under Documents."
            )
        )
        if not self._loading:
            self._update_state()

    # -- data -------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Show the saved profile again (after a restore or an import), dropping unsaved edits."""
        self._load(self.services.profile.get())

    def has_unsaved_changes(self) -> bool:
        return self.profile_data() != self._baseline

    def profile_data(self) -> ProfileData:
        """The profile as it is in the form now (not validated)."""
        values: dict[str, object] = {
            name: widget.text()
            for name, widget in self.fields.items()
            if isinstance(widget, QLineEdit)
        }
        values["logo"] = self.fields["logo"].image_bytes()
        values["signature_image"] = self.fields["signature_image"].image_bytes()
        values["document_colour"] = self.fields["document_colour"].colour()
        values["areas_of_action"] = self.fields["areas_of_action"].areas()
        values["default_language"] = self.fields["default_language"].currentData()
        return replace(self._baseline, **values)

    def _load(self, data: ProfileData) -> None:
        self._loading = True
        try:
            for name, widget in self.fields.items():
                value = getattr(data, name)
                if isinstance(widget, QLineEdit):
                    widget.setText(value)
                elif isinstance(widget, ImagePicker):
                    widget.set_image_bytes(value)
                elif isinstance(widget, ColourButton):
                    widget.set_colour(value)
                elif isinstance(widget, AreasEditor):
                    widget.set_areas(value)
                elif isinstance(widget, QComboBox):
                    widget.setCurrentIndex(max(0, widget.findData(value)))
            self.form.clear_all()
            self._baseline = data
            self._baseline = self.profile_data()
        finally:
            self._loading = False
        self._just_saved = False
        self._update_state()

    def save(self) -> bool:
        """Validate and save the form; False (with the problem shown by its field) if refused."""
        if not self.save_button.isEnabled():
            return False
        try:
            saved = self.services.profile.save(self.profile_data())
        except ValidationError as error:
            self._show_problem(error)
            return False
        except TejidoError as error:
            show_error(self, error)
            return False
        self._load(saved)
        self._just_saved = True
        self._update_state()
        self.saved.emit()
        return True

    def _show_problem(self, error: ValidationError) -> None:
        log.info("profile not saved: problem in field %s", error.field)
        widget = self.fields.get(error.field or "")
        if widget is None:
            show_error(self, error)
            return
        if isinstance(widget, ImagePicker):
            widget.show_problem(str(error))
        else:
            self.form.show_error(error.field, str(error))
        self.scroll.ensureWidgetVisible(widget)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- slots ------------------------------------------------------------------------------

    def _on_changed(self) -> None:
        if not self._loading:
            self._just_saved = False
            self._update_state()

    def _on_revert_button_clicked(self) -> None:
        self._load(self._baseline)

    def _update_state(self) -> None:
        data = self.profile_data()
        dirty = data != self._baseline
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)
        self.note.setVisible(not data.is_complete)
        if dirty:
            self.status.setText(_("There are unsaved changes."))
        elif self._just_saved:
            self.status.setText(_("The profile was saved."))
        else:
            self.status.setText("")
