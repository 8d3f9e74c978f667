"""Adding or editing one session of a mentoring pair's log: when, how long, how they met, what
was talked about and agreed, each side's rating, and confidential notes that stay in Tejido."""

from __future__ import annotations

import logging
from dataclasses import replace

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialogButtonBox, QHBoxLayout, QLabel, QSpinBox, QWidget

from app.i18n import N_, _
from app.services.mentoring_values import SessionLogData
from app.services.mentoring_vocabulary import SESSION_MODES
from app.services.registry import Services
from app.views.dialogs.evaluation_dialog import score_box, score_of
from app.views.mentoring.goal_dialog import date_field
from app.views.mentoring.session_log_model import lock_pixmap
from app.views.widgets.choices import ChoiceBox
from app.views.widgets.form_dialog import FormDialog
from app.views.widgets.form_fields import text_box
from app.views.widgets.paragraph import paragraph
from app.views.widgets.sorted_rows import tone_colour

log = logging.getLogger(__name__)

EARLIEST = QDate(2000, 1, 1)
LABELS: dict[str, str] = {
    "date": N_("&Date:"),
    "minutes": N_("D&uration:"),
    "mode": N_("&Mode:"),
    "topics": N_("&Topics:"),
    "summary": N_("&Summary:"),
    "agreements": N_("&Agreements:"),
    "next_steps": N_("&Next steps:"),
    "mentor_rating": N_("M&entor's rating (1 to 5):"),
    "mentee_rating": N_("Ment&ee's rating (1 to 5):"),
    "confidential_notes": N_("&Confidential notes:"),
}
TEXTS = ("topics", "summary", "agreements", "next_steps", "confidential_notes")


def minutes_box() -> QSpinBox:
    box = QSpinBox()
    box.setRange(1, 24 * 60)
    box.setSingleStep(15)
    return box


class SessionLogDialog(FormDialog):
    """The form of one session of the log; ``data`` without an id makes a new one. Saved with
    ``services.mentoring.save_session``. After ``exec()`` returns accepted, ``saved_id`` is the
    session's id.

    The confidential notes are marked as such: they are kept and synced, and never appear in a
    printout, summary, export or list.
    """

    def __init__(self, services: Services, data: SessionLogData, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.session = data
        self.read_only = False
        self._build()
        self._load(data)
        self.finish()
        self.resize(600, 760)

    def widget(self, key: str):  # type: ignore[no-untyped-def]
        return self.fields.widgets[key]

    def _build(self) -> None:
        add = self.fields.add
        when = self.section()
        add(when, "date", date_field(None, EARLIEST))
        add(when, "minutes", minutes_box())
        add(when, "mode", ChoiceBox(SESSION_MODES))
        add(when, "mentor_rating", score_box())
        add(when, "mentee_rating", score_box())
        talk = self.section()
        add(talk, "topics", text_box(2), above=True)
        add(talk, "summary", text_box(3), above=True)
        add(talk, "agreements", text_box(2), above=True)
        add(talk, "next_steps", text_box(2), above=True)
        private = self.section()
        self.lock = QLabel()
        self.lock.setPixmap(lock_pixmap(20, tone_colour("warning")))
        self.confidential_warning = paragraph()
        self.confidential_warning.setStyleSheet(
            f"color: {(tone_colour('warning') or self.palette().text().color()).name()};"
            " font-weight: bold;"
        )
        warning = QHBoxLayout()
        warning.addWidget(self.lock)
        warning.addWidget(self.confidential_warning, 1)
        private.addRow(warning)
        self.confidential_detail = paragraph()
        private.addRow(self.confidential_detail)
        add(private, "confidential_notes", text_box(3), above=True)

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.setWindowTitle(_("Edit the session") if self.session.id else _("New session"))
        titles = (_("Session"), _("What was talked about"), _("Confidential notes"))
        for section, title in zip(self.sections, titles, strict=True):
            section.setTitle(title)
        self.fields.set_texts({key: _(label) for key, label in LABELS.items()})
        self.widget("minutes").setSuffix(" " + _("min"))
        self.widget("mode").retranslate_ui()
        for key in ("mentor_rating", "mentee_rating"):
            box = self.widget(key)
            box.setSpecialValueText(_("Not given"))
            box.setToolTip(_("1 is the lowest, 5 the highest; below 1 leaves it empty"))
        self.widget("topics").setPlaceholderText(_("What the session was about"))
        self.widget("next_steps").setPlaceholderText(_("What each side does before the next one"))
        self.confidential_warning.setText(_("Confidential: never printed or exported."))
        self.confidential_detail.setText(
            _(
                "These notes stay in Tejido for your organisation. They are left out of every "
                "PDF, summary, report, list and export."
            )
        )
        self.widget("confidential_notes").setAccessibleDescription(
            _("Confidential: never printed or exported.")
        )
        if self.read_only:
            self.setWindowTitle(_("Session (the pair is in the trash)"))
            self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Close"))

    def _load(self, data: SessionLogData) -> None:
        self.widget("date").setDate(QDate(data.date))
        self.widget("minutes").setValue(data.minutes)
        self.widget("mode").choose(data.mode)
        for key in TEXTS:
            self.widget(key).setPlainText(getattr(data, key))
        self.widget("mentor_rating").setValue(data.mentor_rating or 0)
        self.widget("mentee_rating").setValue(data.mentee_rating or 0)

    def set_read_only(self) -> None:
        """Show the session without letting it change (its pair is in the trash)."""
        for key, widget in self.fields.widgets.items():
            if key in TEXTS:
                widget.setReadOnly(True)
            else:
                widget.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).hide()
        self.read_only = True
        self.retranslate_ui()

    def session_data(self) -> SessionLogData:
        """What the form holds now (not validated)."""
        texts = {key: self.widget(key).toPlainText() for key in TEXTS}
        return replace(
            self.session,
            date=self.widget("date").date().toPython(),
            minutes=self.widget("minutes").value(),
            mode=self.widget("mode").currentData(),
            mentor_rating=score_of(self.widget("mentor_rating")),
            mentee_rating=score_of(self.widget("mentee_rating")),
            **texts,
        )

    def save(self) -> str:
        saved = self.services.mentoring.save_session(self.session_data())
        log.info("mentoring session saved: %s", saved.id)
        return saved.id
