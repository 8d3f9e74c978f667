"""The verdict of a certificate's check, as a card: VALID / NOT VALID in big words with a symbol
(colour is never the only signal), the explanation in plain words, and what the certificate says."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtWidgets import QFormLayout, QFrame, QLabel, QVBoxLayout, QWidget

from app.i18n import _, format_date
from app.views.certificate_words import dates_text, hours_text, kind_title, local_text
from app.views.widgets.paragraph import paragraph

log = logging.getLogger(__name__)

# The verdict's look: symbol and (light, dark) border colours; the words say it too.
VERDICTS = {
    "valid": ("✔", ("#1B5E20", "#81C784")),
    "warning": ("⚠", ("#7A4A00", "#FFCC80")),
    "invalid": ("✘", ("#B3261E", "#FF8A80")),
}
DETAIL_ROWS = (
    ("person_name", lambda: _("Person:")),
    ("kind", lambda: _("Certificate:")),
    ("activity_title", lambda: _("Activity:")),
    ("hours", lambda: _("Hours:")),
    ("dates", lambda: _("Dates:")),
    ("issued_on", lambda: _("Issued on:")),
    ("issuer", lambda: _("Issued by:")),
    ("code", lambda: _("Code:")),
    ("revoked", lambda: _("Revoked on:")),
    ("revoke_reason", lambda: _("Reason given:")),
)


def verdict_of(result: Any) -> str:
    """ "valid", "warning" (genuine but replaced by a corrected one) or "invalid"."""
    if not result.valid:
        return "invalid"
    return "warning" if result.reason == "replaced" else "valid"


def verdict_heading(result: Any) -> str:
    verdict = verdict_of(result)
    words = {
        "valid": _("VALID"),
        "warning": _("VALID, BUT REPLACED"),
        "invalid": _("NOT VALID"),
    }[verdict]
    return f"{VERDICTS[verdict][0]} {words}"


def detail_values(result: Any) -> dict[str, str]:
    """What the certificate claims, as shown (empty values are left out)."""
    revoked = getattr(result, "revoked_at", None)
    return {
        "person_name": result.person_name,
        "kind": kind_title(result.kind) if result.kind else "",
        "activity_title": result.activity_title,
        "hours": hours_text(result.minutes),
        "dates": dates_text(result.first_date, result.last_date),
        "issued_on": format_date(result.issued_on),
        "issuer": result.issuer,
        "code": result.code,
        "revoked": local_text(revoked),
        "revoke_reason": getattr(result, "revoke_reason", "") if revoked else "",
    }


class VerdictCard(QFrame):
    """One verdict: the big VALID / NOT VALID line, the plain-words message, and the details."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("verdict")
        self.heading = QLabel()
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.6)
        self.heading.setFont(font)
        self.message = paragraph(selectable=True)
        self.form = QFormLayout()
        self.labels: dict[str, QLabel] = {}
        self.values: dict[str, QLabel] = {}
        for key, _title in DETAIL_ROWS:
            label, value = QLabel(), paragraph(selectable=True)
            self.labels[key], self.values[key] = label, value
            self.form.addRow(label, value)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.message)
        layout.addLayout(self.form)
        self.result: Any = None
        self.show_result(None)

    def show_result(self, result: Any) -> None:
        """Show ``result`` (a Verification), or nothing."""
        self.result = result
        self.setVisible(result is not None)
        if result is None:
            return
        verdict = verdict_of(result)
        light = self.palette().window().color().lightness() > 128
        colour = VERDICTS[verdict][1][0 if light else 1]
        self.setStyleSheet(f"QFrame#verdict {{ border: 3px solid {colour}; border-radius: 6px; }}")
        self.heading.setStyleSheet(f"color: {colour};")
        self.heading.setText(verdict_heading(result))
        self.message.setText(result.message)
        values = detail_values(result)
        for key, title in DETAIL_ROWS:
            self.labels[key].setText(title())
            self.values[key].setText(values[key])
            self.form.setRowVisible(self.labels[key], bool(values[key]))
        self.setAccessibleName(verdict_heading(result))
        self.setAccessibleDescription(result.message)
