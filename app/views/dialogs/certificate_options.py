"""The choices of a batch of certificates: language, design, who issues them, the wording, and
the files to write (one merged PDF to print, a ZIP of one PDF per person to send)."""

from __future__ import annotations

import logging
import string

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import LANGUAGES, _
from app.views.certificate_words import DESIGN_DESCRIPTIONS, DESIGN_LABELS
from app.views.widgets.form_fields import WARNING_SIGN, problem_style
from app.views.widgets.paragraph import paragraph
from app.views.widgets.translatable import Retranslatable
from app.views.your_name import remember_your_name, your_name

log = logging.getLogger(__name__)

DEFAULT_PATTERN = "{name} - {activity}"
PATTERN_FIELDS = ("name", "activity", "code")
SETTINGS = "certificates/"


def pattern_problem(pattern: str) -> str:
    """What is wrong with a file-name pattern, or an empty string."""
    if not pattern.strip():
        return _("Write how the files are named, for example {{name}} - {{activity}}.").format()
    try:
        names = [f for _l, f, _s, _c in string.Formatter().parse(pattern) if f is not None]
    except ValueError:
        return _("A brace {{ or }} is missing its pair.").format()
    unknown = [n for n in names if n not in PATTERN_FIELDS]
    if unknown:
        return _(
            "“{field}” is not a field. File names can use {{name}}, {{activity}} and {{code}}."
        ).format(field="{" + unknown[0] + "}")
    if "name" not in names and "code" not in names:
        return _(
            "Put {{name}} or {{code}} in it, so that each person's file has its own name."
        ).format()
    return ""


class CertificateOptions(Retranslatable, QWidget):
    """Language, design, issued by, wording, output. ``changed`` when any choice changes;
    ``wording_requested`` when "Edit wording…" is pressed."""

    changed = Signal()
    wording_requested = Signal()

    def __init__(self, language: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.example: tuple[str, str] = ("", "")  # a person's name and the activity, to show
        self.fields_help = ""
        settings = QSettings()
        self.document = self._build_document(language, settings)
        self.output = self._build_output(settings)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.document)
        layout.addWidget(self.output)
        layout.addStretch(1)
        for signal in (self.language.currentIndexChanged, self.design.currentIndexChanged):
            signal.connect(self._on_choice_changed)
        for box in (self.merged, self.zip):
            box.toggled.connect(self._on_choice_changed)
        self.pattern.textChanged.connect(self._on_choice_changed)
        self.wording_button.clicked.connect(self.wording_requested.emit)
        self.retranslate_ui()

    def _build_document(self, language: str, settings: QSettings) -> QGroupBox:
        group = QGroupBox()
        form = QFormLayout(group)
        self.language_label, self.language = QLabel(), QComboBox()
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(language)))
        self.design_label, self.design = QLabel(), QComboBox()
        for code in DESIGN_LABELS:
            self.design.addItem("", code)
        design = settings.value(SETTINGS + "design", "classic")
        self.design.setCurrentIndex(max(0, self.design.findData(design)))
        self.design_help = paragraph()
        self.issued_by_label = QLabel()
        self.issued_by = QLineEdit(str(settings.value(SETTINGS + "issued_by", "") or your_name()))
        self.wording_button = QPushButton()
        for label, widget in (
            (self.language_label, self.language),
            (self.design_label, self.design),
            (None, self.design_help),
            (self.issued_by_label, self.issued_by),
            (None, self.wording_button),
        ):
            if label is None:
                form.addRow("", widget)
            else:
                label.setBuddy(widget)
                form.addRow(label, widget)
        return group

    def _build_output(self, settings: QSettings) -> QGroupBox:
        group = QGroupBox()
        self.merged = QCheckBox(checked=bool(settings.value(SETTINGS + "merged", True, type=bool)))
        self.zip = QCheckBox(checked=bool(settings.value(SETTINGS + "zip", False, type=bool)))
        self.pattern_label = QLabel()
        self.pattern = QLineEdit(str(settings.value(SETTINGS + "pattern", DEFAULT_PATTERN)))
        self.pattern_label.setBuddy(self.pattern)
        self.pattern_help, self.problem = paragraph(), paragraph()
        out = QVBoxLayout(group)
        for widget in (self.merged, self.zip, self.pattern_label, self.pattern):
            out.addWidget(widget)
        out.addWidget(self.pattern_help)
        out.addWidget(self.problem)
        return group

    def retranslate_ui(self) -> None:
        self.document.setTitle(_("The certificate"))
        self.language_label.setText(_("&Language:"))
        self.design_label.setText(_("&Design:"))
        for number, code in enumerate(DESIGN_LABELS):
            self.design.setItemText(number, _(DESIGN_LABELS[code]))
        self.issued_by_label.setText(_("Issued &by:"))
        self.issued_by.setPlaceholderText(_("Your name, kept in the register"))
        self.wording_button.setText(_("Edit &wording…"))
        self.wording_button.setToolTip(_("Change the heading and text of this kind of certificate"))
        self.output.setTitle(_("Files to save"))
        self.merged.setText(_("One &PDF with every certificate, to print"))
        self.zip.setText(_("A &ZIP with one PDF per person, to send by email"))
        self.pattern_label.setText(_("&Names of the files in the ZIP:"))
        self.fields_help = _(
            "Fields: {name} the person, {activity} the activity, {code} the certificate's code."
        )
        for widget, name in (
            (self.language, _("Language of the certificates")),
            (self.design, _("Design of the certificates")),
            (self.issued_by, _("Issued by")),
            (self.pattern, _("Names of the files in the ZIP")),
            (self.problem, _("Problem with the files to save")),
        ):
            widget.setAccessibleName(name)
        self._update()

    # -- values ---------------------------------------------------------------------------------

    def language_code(self) -> str:
        return str(self.language.currentData())

    def design_code(self) -> str:
        return str(self.design.currentData())

    def problem_text(self) -> str:
        """Why the files cannot be written as chosen, or an empty string."""
        if not self.merged.isChecked() and not self.zip.isChecked():
            return _("Choose at least one: the PDF to print or the ZIP.")
        return pattern_problem(self.pattern.text()) if self.zip.isChecked() else ""

    def remember(self) -> None:
        """Keep these choices for the next time (not the language: it follows the activity)."""
        settings = QSettings()
        settings.setValue(SETTINGS + "design", self.design_code())
        settings.setValue(SETTINGS + "issued_by", self.issued_by.text().strip())
        remember_your_name(self.issued_by.text())
        settings.setValue(SETTINGS + "merged", self.merged.isChecked())
        settings.setValue(SETTINGS + "zip", self.zip.isChecked())
        settings.setValue(SETTINGS + "pattern", self.pattern.text().strip())

    def set_example(self, name: str, activity: str) -> None:
        """Show what the file of ``name`` would be called in the ZIP."""
        self.example = (name, activity)
        self._update()

    def example_file(self) -> str:
        """The file name the pattern gives the example person ("" when it cannot)."""
        name, activity = self.example
        if not name or pattern_problem(self.pattern.text()):
            return ""
        from app.services.documents.certificate_files import safe_file_name

        stem = self.pattern.text().format(name=name, activity=activity, code="K7Q2M-9XHDA")
        return f"{safe_file_name(stem)}.pdf"

    def _on_choice_changed(self) -> None:
        self._update()
        self.changed.emit()

    def _update(self) -> None:
        self.design_help.setText(_(DESIGN_DESCRIPTIONS.get(self.design_code(), "")))
        for widget in (self.pattern_label, self.pattern, self.pattern_help):
            widget.setEnabled(self.zip.isChecked())
        example = self.example_file()
        if example:
            self.pattern_help.setText(
                self.fields_help + "\n" + _("For example: {file}").format(file=example)
            )
        else:
            self.pattern_help.setText(self.fields_help)
        problem = self.problem_text()
        self.problem.setStyleSheet(problem_style(self.problem))
        self.problem.setText(f"{WARNING_SIGN} {problem}" if problem else "")
        self.problem.setVisible(bool(problem))
