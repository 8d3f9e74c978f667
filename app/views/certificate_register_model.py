"""The certificate register as a table model: every certificate issued, newest first, paged from
SQL; the status says itself in words with a symbol, and in a colour as well."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush

from app.i18n import LANGUAGES, _
from app.services.certificates import CertificateService, RegisterRow
from app.views.certificate_words import (
    STATUS_TONES,
    hours_text,
    kind_label,
    local_text,
    status_text,
)
from app.views.widgets.paged_table_model import Column, Index, PagedTableModel
from app.views.widgets.sorted_rows import tone_colour

log = logging.getLogger(__name__)

ROW_ROLE = Qt.ItemDataRole.UserRole + 1

REGISTER_COLUMNS: tuple[Column, ...] = (
    Column(lambda: _("Status"), lambda r: status_text(r.status), width=11),
    Column(lambda: _("Kind"), lambda r: kind_label(r.kind), width=10),
    Column(lambda: _("Person"), lambda r: r.person_name, width=22),
    Column(lambda: _("Activity"), lambda r: r.activity_title, width=24),
    Column(lambda: _("Hours"), lambda r: hours_text(r.minutes), numeric=True, width=6),
    Column(lambda: _("Code"), lambda r: r.code, width=14),
    Column(lambda: _("Issued at"), lambda r: local_text(r.issued_at), width=17),
    Column(lambda: _("Issued by"), lambda r: r.issued_by, width=12),
    Column(lambda: _("Language"), lambda r: LANGUAGES.get(r.language, r.language), width=8),
    Column(lambda: _("Notes"), lambda r: status_note(r), width=24),
)


def status_note(row: RegisterRow) -> str:
    """What happened to a certificate that is no longer valid, in words (empty when valid)."""
    if row.status == "revoked":
        note = _("Revoked on {date}.").format(date=local_text(row.revoked_at))
        if row.revoke_reason:
            note += " " + _("Reason: {reason}").format(reason=row.revoke_reason)
        return note
    if row.status == "replaced":
        return _("Replaced by a corrected certificate.")
    return ""


class CertificateRegisterModel(PagedTableModel):
    """The register over ``CertificateService.register``/``register_count``, newest first.

    The register has one order (newest first); searching is by person, activity or code."""

    def __init__(self, certificates: CertificateService, parent=None):  # type: ignore[no-untyped-def]
        def fetch(query: str, *, offset: int, limit: int, **_state: Any) -> list[RegisterRow]:
            return certificates.register(query, offset=offset, limit=limit)

        def count(query: str, **_state: Any) -> int:
            return certificates.register_count(query)

        super().__init__(REGISTER_COLUMNS, fetch, count, parent)

    def row_record(self, row: int) -> RegisterRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        record = self._rows[index.row()]
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 0:
            colour = tone_colour(STATUS_TONES.get(record.status))
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0:
            return status_note(record) or None
        if role == ROW_ROLE:
            return record
        return super().data(index, role)
