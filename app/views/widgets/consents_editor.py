"""A person's consent records: what for, when given, by whom, which notice, when withdrawn.

A consent is never deleted from here: it is withdrawn, so the record of what was agreed stays.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _, format_date
from app.services.person_links import ConsentData
from app.services.vocabulary import CONSENT_PURPOSES
from app.views.widgets.choices import ChoiceBox, choice_label
from app.views.widgets.record_table import RecordTable
from app.views.widgets.translatable import Retranslatable

log = logging.getLogger(__name__)


def _now() -> datetime:
    """Now in UTC without tzinfo, like every date Tejido stores."""
    return datetime.now(UTC).replace(tzinfo=None)


class ConsentsEditor(Retranslatable, QWidget):
    """Add a consent (purpose, date, who collected it, notice version) or withdraw one."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.consents: list[ConsentData] = []
        self.purpose = ChoiceBox(CONSENT_PURPOSES)
        self.given = QDateEdit(QDate.currentDate())
        self.given.setCalendarPopup(True)
        self.given.setMaximumDate(QDate.currentDate())
        self.collected_by, self.notice_version = QLineEdit(), QLineEdit()
        self.add_button, self.withdraw_button = QPushButton(), QPushButton()
        form = QFormLayout()
        self.labels: list[QLabel] = []
        for widget in (self.purpose, self.given, self.collected_by, self.notice_version):
            label = QLabel()
            label.setBuddy(widget)
            self.labels.append(label)
            form.addRow(label, widget)
        self.table = RecordTable(5)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.withdraw_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.withdraw_button.clicked.connect(self._on_withdraw_button_clicked)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        texts = [
            _("P&urpose:"),
            _("Given &on:"),
            _("&Collected by:"),
            _("Privac&y notice version:"),
        ]
        widgets = (self.purpose, self.given, self.collected_by, self.notice_version)
        for label, widget, text in zip(self.labels, widgets, texts, strict=True):
            label.setText(text)
            widget.setAccessibleName(_("Consent: {field}").format(field=text.replace("&", "")[:-1]))
        self.purpose.retranslate_ui()
        self.collected_by.setPlaceholderText(_("Who asked for it"))
        self.notice_version.setPlaceholderText(_("For example 2026-01"))
        self.add_button.setText(_("Record consen&t"))
        self.withdraw_button.setText(_("&Withdraw"))
        self.withdraw_button.setToolTip(_("Mark the selected consent as withdrawn today"))
        self.table.setHorizontalHeaderLabels(
            [_("Purpose"), _("Given on"), _("Collected by"), _("Notice"), _("Withdrawn on")]
        )
        self.table.setAccessibleName(_("Consent records of this person"))
        self._fill()

    def set_consents(self, consents: Sequence[ConsentData]) -> None:
        self.consents = list(consents)
        self._fill()

    def _fill(self) -> None:
        self.table.set_texts(
            [
                (
                    choice_label(CONSENT_PURPOSES, consent.purpose),
                    format_date(consent.granted_at),
                    consent.collected_by,
                    consent.notice_version,
                    format_date(consent.withdrawn_at),
                )
                for consent in self.consents
            ]
        )
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = self.table.selected_row()
        self.withdraw_button.setEnabled(row is not None and not self.consents[row].withdrawn_at)

    def _on_add_button_clicked(self) -> None:
        day = self.given.date()
        granted = datetime(day.year(), day.month(), day.day())
        self.consents.append(
            ConsentData(
                purpose=self.purpose.currentData(),
                granted_at=min(granted, _now()),
                collected_by=self.collected_by.text().strip(),
                notice_version=self.notice_version.text().strip(),
            )
        )
        self._fill()

    def _on_withdraw_button_clicked(self) -> None:
        row = self.table.selected_row()
        if row is None or self.consents[row].withdrawn_at:
            return
        consent = self.consents[row]
        self.consents[row] = replace(consent, withdrawn_at=max(_now(), consent.granted_at))
        self._fill()
