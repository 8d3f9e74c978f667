"""Correcting a certificate: re-issue it (the name as the person writes it, another language or
design) or revoke it (with a reason; asked once)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import TejidoError
from app.i18n import LANGUAGES, _
from app.services.certificates import RegisterRow
from app.services.registry import Services
from app.views.certificate_words import DESIGN_LABELS, kind_title
from app.views.widgets.form_dialog import FormDialog
from app.views.widgets.form_fields import text_box
from app.views.widgets.paragraph import paragraph
from app.views.widgets.translatable import Retranslatable

log = logging.getLogger(__name__)

ISSUED_BY_KEY = "certificates/issued_by"


def combo(choices: dict[str, str], current: str) -> QComboBox:
    box = QComboBox()
    for code, label in choices.items():
        box.addItem(label, code)
    box.setCurrentIndex(max(0, box.findData(current)))
    return box


class ReissueDialog(FormDialog):
    """A corrected certificate in place of ``row``: a new code and signature, the same activity
    and hours; the old one is marked replaced. After Accepted, ``content`` is the new one."""

    def __init__(self, services: Services, row: RegisterRow, parent: QWidget | None = None):
        super().__init__(parent)
        self.services, self.row, self.content = services, row, None
        form = self.section()
        self.intro = paragraph()
        form.addRow(self.intro)
        self.fields.add(form, "person_name", QLineEdit(row.person_name))
        self.fields.add(form, "language", combo(LANGUAGES, row.language))
        self.fields.add(form, "design", combo(dict.fromkeys(DESIGN_LABELS, ""), row.design))
        issued_by = str(QSettings().value(ISSUED_BY_KEY, ""))
        self.fields.add(form, "issued_by", QLineEdit(issued_by))
        self.finish()
        self.resize(560, 320)

    def widget(self, key: str):  # type: ignore[no-untyped-def]
        return self.fields.widgets[key]

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.setWindowTitle(_("Re-issue a corrected certificate"))
        self.sections[0].setTitle(
            _("{kind} {code}").format(kind=kind_title(self.row.kind), code=self.row.code)
        )
        self.intro.setText(
            _(
                "The corrected certificate gets a new code and signature; the activity and hours "
                "stay as they are. The old one stays in the register, marked replaced."
            )
        )
        self.fields.set_texts(
            {
                "person_name": _("&Name, as the person writes it:"),
                "language": _("&Language:"),
                "design": _("&Design:"),
                "issued_by": _("Issued &by:"),
            }
        )
        design = self.widget("design")
        for number, code in enumerate(DESIGN_LABELS):
            design.setItemText(number, _(DESIGN_LABELS[code]))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(_("&Re-issue"))

    def save(self) -> str:
        issued_by = self.widget("issued_by").text().strip()
        self.content = self.services.certificates.reissue(
            self.row.id,
            person_name=self.widget("person_name").text(),
            language=self.widget("language").currentData(),
            design=self.widget("design").currentData(),
            issued_by=issued_by,
        )
        QSettings().setValue(ISSUED_BY_KEY, issued_by)
        log.info("certificate %s re-issued", self.row.id)
        return self.row.id


class RevokeDialog(Retranslatable, QDialog):
    """Revoke one certificate, with a reason. It stays in the register; verifying it on this
    computer then says it is no longer valid. This one dialog is the only question asked."""

    def __init__(self, services: Services, row: RegisterRow, parent: QWidget | None = None):
        super().__init__(parent)
        self.services, self.row = services, row
        self.message = paragraph()
        self.reason_label = QLabel()
        self.reason = text_box(3)
        self.reason_label.setBuddy(self.reason)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.message, self.reason_label, self.reason):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.retranslate_ui()
        self.reason.setFocus()
        self.resize(520, 260)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Revoke a certificate"))
        self.message.setText(
            _(
                "Revoke the certificate {code} of {name} for “{activity}”? It stays in the "
                "register, and verifying it in Tejido will say it is no longer valid. This "
                "cannot be undone; a mistake in it is better corrected with Re-issue."
            ).format(
                code=self.row.code, name=self.row.person_name, activity=self.row.activity_title
            )
        )
        self.reason_label.setText(_("&Reason (kept in the register):"))
        self.reason.setAccessibleName(_("Reason for revoking"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("&Revoke"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))

    def accept(self) -> None:
        try:
            self.services.certificates.revoke(self.row.id, self.reason.toPlainText())
        except TejidoError as error:
            from app.views.errors import show_error

            show_error(self, error)
            return
        log.info("certificate %s revoked", self.row.id)
        super().accept()
