"""The wording of one kind of certificate in one language: its heading and the body's template,
with the fields it may use, and a way back to the built-in wording."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QLineEdit, QPushButton, QWidget

from app.i18n import LANGUAGES, N_, _
from app.services.registry import Services
from app.views.certificate_words import kind_title
from app.views.widgets.form_dialog import FormDialog
from app.views.widgets.form_fields import text_box
from app.views.widgets.paragraph import paragraph

log = logging.getLogger(__name__)

# The fields a wording may name, and what each puts there.
FIELD_HELP: dict[str, str] = {
    "name": N_("the person's name, exactly as written"),
    "activity": N_("the activity's title"),
    "kind": N_("forum meeting, training capsule or activity"),
    "dates": N_("when it was held (“on 3 March 2025”, “from … to …”)"),
    "hours": N_("the hours attended (“12 hours and 30 minutes”)"),
    "organisation": N_("your organisation's name"),
    "rule": N_("the completion rule met (for certificates of completion)"),
}


def fields_help() -> str:
    """One line per field: "{name} — the person's name…"."""
    return "\n".join(f"{{{key}}} — {_(text)}" for key, text in FIELD_HELP.items())


class WordingDialog(FormDialog):
    """Edit the heading and body of certificates of ``kind`` in ``language``. Saving an empty
    heading and body, or pressing "Back to the built-in wording", uses the built-in one again.

    After Accepted, ``wording`` is what certificates will say from now on."""

    def __init__(self, services: Services, kind: str, language: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.services, self.kind, self.language = services, kind, language
        self.wording = services.certificates.wording(kind, language)
        form = self.section()
        self.intro = paragraph()
        form.addRow(self.intro)
        self.fields.add(form, "heading", QLineEdit())
        self.fields.add(form, "body", text_box(7), above=True)
        self.help = paragraph(selectable=True)
        form.addRow(self.help)
        self.reset_button = QPushButton()
        form.addRow(self.reset_button)
        self.reset_button.clicked.connect(self.reset_to_default)
        self.show_wording(self.wording.heading, self.wording.body)
        self.finish()
        self.resize(640, 560)

    def widget(self, key: str):  # type: ignore[no-untyped-def]
        return self.fields.widgets[key]

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.setWindowTitle(
            _("Wording of the {kind} in {language}").format(
                kind=kind_title(self.kind).lower(), language=LANGUAGES.get(self.language, "")
            )
        )
        self.sections[0].setTitle(_("What the certificate says"))
        self.intro.setText(
            _(
                "Write the text in {language}. Put a field in braces where its value goes: it is "
                "filled in for each person. The body must name the person with {{name}}."
            ).format(language=LANGUAGES.get(self.language, ""))
        )
        self.fields.set_texts({"heading": _("&Heading:"), "body": _("&Body:")})
        self.help.setText(_("Fields you can use:") + "\n" + fields_help())
        self.reset_button.setText(_("Back to the &built-in wording"))
        self.reset_button.setToolTip(_("Put back the text Tejido comes with (saved on Save)"))

    def show_wording(self, heading: str, body: str) -> None:
        self.widget("heading").setText(heading)
        self.widget("body").setPlainText(body)

    def reset_to_default(self) -> None:
        """Put the built-in wording in the fields (it is used once saved)."""
        default = self.services.certificates.default_wording(self.kind, self.language)
        self.show_wording(default.heading, default.body)
        self.fields.clear_all()

    def save(self) -> str:
        default = self.services.certificates.default_wording(self.kind, self.language)
        heading = self.widget("heading").text()
        body = self.widget("body").toPlainText()
        if (heading.strip(), body.strip()) == (default.heading, default.body):
            heading, body = "", ""  # the built-in one: follows later translations
        self.wording = self.services.certificates.save_wording(
            self.kind, self.language, heading, body
        )
        log.info("certificate wording saved: %s %s", self.kind, self.language)
        return f"{self.kind}-{self.language}"
