"""A person's evaluation of an activity: satisfaction and usefulness (1 to 5, or not given), a
comment, and the topics they would like next."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QSpinBox, QWidget

from app.i18n import N_, _
from app.services.registrations import RegistrationRow
from app.services.registry import Services
from app.views.widgets.form_dialog import FormDialog
from app.views.widgets.form_fields import text_box

log = logging.getLogger(__name__)

LABELS: dict[str, str] = {
    "satisfaction": N_("Sa&tisfaction (1 to 5):"),
    "usefulness": N_("&Usefulness (1 to 5):"),
    "comment": N_("&Comment:"),
    "wanted_topics": N_("Topics &wanted next:"),
}
SCORES = ("satisfaction", "usefulness")


def score_box() -> QSpinBox:
    """1 to 5, or empty (shown as "Not given", below 1)."""
    box = QSpinBox()
    box.setRange(0, 5)
    box.setFixedWidth(box.fontMetrics().averageCharWidth() * 18 + 40)
    return box


def score_of(box: QSpinBox) -> int | None:
    return box.value() or None


class EvaluationDialog(FormDialog):
    """The evaluation one registered person gave; saved with
    ``services.registrations.save_evaluation``. Empty scores are not counted in the averages."""

    def __init__(
        self, services: Services, registration: RegistrationRow, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.services = services
        self.registration = registration
        form = self.section()
        for key in SCORES:
            self.fields.add(form, key, score_box())
        self.fields.add(form, "comment", text_box(4), above=True)
        self.fields.add(form, "wanted_topics", text_box(3), above=True)
        self.widget("satisfaction").setValue(registration.satisfaction or 0)
        self.widget("usefulness").setValue(registration.usefulness or 0)
        self.widget("comment").setPlainText(registration.evaluation_comment)
        self.widget("wanted_topics").setPlainText(registration.wanted_topics)
        self.finish()
        self.resize(540, 420)

    def widget(self, key: str):  # type: ignore[no-untyped-def]
        return self.fields.widgets[key]

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.setWindowTitle(_("Evaluation by {name}").format(name=self.registration.full_name))
        self.sections[0].setTitle(_("Evaluation of the activity"))
        self.fields.set_texts({key: _(text) for key, text in LABELS.items()})
        for key in SCORES:
            box = self.widget(key)
            box.setSpecialValueText(_("Not given"))
            box.setToolTip(_("1 is the lowest, 5 the highest; below 1 leaves it empty"))

    def save(self) -> str:
        self.services.registrations.save_evaluation(
            self.registration.id,
            satisfaction=score_of(self.widget("satisfaction")),
            usefulness=score_of(self.widget("usefulness")),
            comment=self.widget("comment").toPlainText(),
            wanted_topics=self.widget("wanted_topics").toPlainText(),
        )
        log.info("evaluation saved: %s", self.registration.id)
        return self.registration.id
