"""The pages of the first-run assistant: the language, the organisation's essentials, backups.

Each page holds its own fields and checks; :class:`FirstRunWizard` gathers what they hold and
saves it.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWizardPage,
)

from app.errors import ValidationError
from app.i18n import LANGUAGES, _, current_language
from app.services import validation
from app.services.profile import ProfileData, validate_profile
from app.services.registry import Services
from app.settings import load_settings
from app.views.errors import show_error
from app.views.language import apply_language
from app.views.profile_fields import LABELS, PLACEHOLDERS, watch_tax_id
from app.views.widgets.form_fields import FormFields
from app.views.widgets.image_picker import ImagePicker
from app.views.widgets.paragraph import paragraph
from app.views.widgets.translatable import Retranslatable

log = logging.getLogger(__name__)

ESSENTIALS = ("name", "tax_id", "municipality", "email", "logo", "signatory_name", "signatory_role")


class LanguagePage(Retranslatable, QWizardPage):
    """Page 1: the language, applied at once so the rest of the assistant speaks it."""

    def __init__(self) -> None:
        super().__init__()
        self.intro = paragraph(plain=False)
        self.box = QGroupBox()
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        choices = QVBoxLayout(self.box)
        for code, name in LANGUAGES.items():
            button = QRadioButton(name)  # each language named in its own language
            button.setChecked(code == current_language())
            button.toggled.connect(lambda on, c=code: self._on_language_toggled(c, on))
            self.group.addButton(button)
            self.buttons[code] = button
            choices.addWidget(button)
        self.demo_note = paragraph(plain=False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.box)
        layout.addStretch(1)
        layout.addWidget(self.demo_note)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setTitle(_("Welcome to Tejido"))
        self.setSubTitle(_("Choose your language. You can change it later in the Language menu."))
        self.intro.setText(
            _(
                "Tejido keeps the forum meetings, training capsules, mentoring and good "
                "practices of your programme on this computer. Three short steps get it ready."
            )
        )
        self.demo_note.setText(
            _(
                "Just looking? Press \u201cTry with example data\u201d to explore Tejido with an "
                "invented association. Your own data stays empty and untouched."
            )
        )
        self.box.setTitle(_("Language"))

    def language(self) -> str:
        return next((c for c, b in self.buttons.items() if b.isChecked()), current_language())

    def _on_language_toggled(self, code: str, on: bool) -> None:
        if on:
            apply_language(code)


class EssentialsPage(Retranslatable, QWizardPage):
    """Page 2: the essentials of the organisation profile (the rest is in "Our organisation")."""

    def __init__(self, profile: ProfileData) -> None:
        super().__init__()
        self._profile = profile
        self.form = FormFields()
        self.fields = self.form.widgets
        layout = QFormLayout(self)
        layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for name in ESSENTIALS:
            if name == "logo":
                picker = ImagePicker("logo", preview=QSize(150, 80))
                picker.set_image_bytes(profile.logo)
                self.form.add(layout, name, picker)
            else:
                self.form.add(layout, name, QLineEdit(getattr(profile, name)))
        self.fields["name"].textChanged.connect(self.completeChanged)
        email = self.fields["email"]
        self.form.watch("email", lambda: validation.check_email(email.text()))
        watch_tax_id(self.form, lambda: profile.country)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setTitle(_("Your organisation"))
        self.setSubTitle(
            _(
                "Certificates and handouts carry these details. Only the name is required now; "
                "the rest can be completed later in \u201cOur organisation\u201d."
            )
        )
        self.form.set_texts({name: _(LABELS[name]) for name in ESSENTIALS})
        for name, widget in self.fields.items():
            if isinstance(widget, ImagePicker):
                widget.set_subject(_(LABELS[name]))
            elif name in PLACEHOLDERS:
                widget.setPlaceholderText(_(PLACEHOLDERS[name]))

    def isComplete(self) -> bool:  # noqa: N802 (Qt's name)
        """Next is enabled once there is a name (a prefilled one counts)."""
        return bool(self.fields["name"].text().strip())

    def profile_data(self, language: str) -> ProfileData:
        """The saved profile with this page's fields and ``language`` as its default language."""
        values: dict[str, object] = {
            name: widget.text()
            for name, widget in self.fields.items()
            if isinstance(widget, QLineEdit)
        }
        values["logo"] = self.fields["logo"].image_bytes()
        return replace(self._profile, default_language=language, **values)

    def show_problem(self, error: ValidationError) -> bool:
        """Show ``error`` by its field; False when the field is not on this page."""
        widget = self.fields.get(error.field or "")
        if widget is None:
            return False
        if isinstance(widget, ImagePicker):
            widget.show_problem(str(error))
        else:
            self.form.show_error(error.field, str(error))
        widget.setFocus()
        return True

    def validatePage(self) -> bool:  # noqa: N802 (Qt's name)
        try:
            validate_profile(self.wizard().profile_data())
        except ValidationError as error:
            if not self.show_problem(error):
                show_error(self, error)
            return False
        return True


class BackupsPage(Retranslatable, QWizardPage):
    """Page 3: where backups go, and an optional extra copy (a USB stick, another disk)."""

    def __init__(self, services: Services) -> None:
        super().__init__()
        self._backups = services.folder.backups
        self._root = services.folder.root
        self.explanation = paragraph(plain=False)
        self.copy_folder = QLineEdit(load_settings(self._root).backup_copy_dir or "")
        self.copy_folder.setReadOnly(True)
        self.choose_button = QPushButton()
        self.choose_button.clicked.connect(self._on_choose_button_clicked)
        self.clear_button = QPushButton()
        self.clear_button.clicked.connect(self.copy_folder.clear)
        self.copy_note = paragraph(plain=False)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.choose_button)
        row.addWidget(self.clear_button)
        row.addStretch(1)
        self.form = FormFields()
        form = QFormLayout()
        self.form.add(form, "backup_copy_dir", self.copy_folder)
        form.addRow("", row)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addSpacing(12)
        layout.addLayout(form)
        layout.addWidget(self.copy_note)
        layout.addStretch(1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setTitle(_("Where backups go"))
        self.setSubTitle(_("Tejido makes backups by itself; you do not have to remember."))
        self.explanation.setText(
            _(
                "Every day Tejido saves a copy of all its data in the backups folder of the "
                "data folder:\n{path}\nAny copy can be restored from File \u2192 Backups."
            ).format(path=self._backups)
        )
        self.form.set_texts({"backup_copy_dir": _("Extra copy folder (optional)")})
        self.copy_folder.setPlaceholderText(_("No extra copy"))
        self.choose_button.setText(_("Choose a folder…"))
        self.choose_button.setAccessibleName(_("Choose the extra copy folder"))
        self.clear_button.setText(_("Clear"))
        self.clear_button.setAccessibleName(_("No extra copy"))
        self.copy_note.setText(
            _(
                "If the laptop is lost or breaks, a copy elsewhere saves the programme's "
                "records. Choose a USB stick or another disk, and Tejido also copies each "
                "backup there when it is connected."
            )
        )

    def copy_dir(self) -> str | None:
        return self.copy_folder.text() or None

    def validatePage(self) -> bool:  # noqa: N802 (Qt's name)
        chosen = self.copy_dir()
        if chosen and Path(chosen).resolve().is_relative_to(self._root.resolve()):
            self.form.show_error(
                "backup_copy_dir",
                _(
                    "The extra copy must be outside the data folder (a USB stick or another "
                    "disk), or it would be lost together with the data."
                ),
            )
            return False
        self.form.clear("backup_copy_dir")
        return True

    def _on_choose_button_clicked(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, _("Choose the extra copy folder"), self.copy_folder.text()
        )
        if folder:
            self.copy_folder.setText(folder)
            self.validatePage()
