"""The rows of a spreadsheet in the import preview: what will happen to each one, and why."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from app.i18n import _, ngettext
from app.services.importing import ImportSummary, RowOutcome

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex
ACTION_ROLE = Qt.ItemDataRole.UserRole


def action_label(outcome: RowOutcome) -> str:
    """What will happen to the row, in words (never shown by colour alone)."""
    if outcome.action == "reject":
        return _("Rejected")
    if outcome.action == "skip":
        return _("Skipped (possible duplicate)")
    if outcome.action == "update":
        return _("Updates a person already there")
    if outcome.duplicate is not None:
        return _("New person (possible duplicate)")
    return _("New person")


def reason_text(outcome: RowOutcome) -> str:
    """Why: the reason a row is rejected, who it may be, and what in it was not understood."""
    parts: list[str] = []
    if outcome.reason:
        parts.append(outcome.reason)
    match = outcome.duplicate
    if match is not None and match.matched_line is not None:
        parts.append(
            _("Same person as row {line} ({name}).").format(
                line=match.matched_line, name=match.matched_name
            )
        )
    elif match is not None:
        parts.append(_("May be {name}, already in Tejido.").format(name=match.matched_name))
    parts.extend(outcome.warnings)
    return " ".join(parts)


def rejected_report(outcomes: Sequence[Any]) -> str:
    """The rejected rows as lines of text to paste elsewhere: row, name, reason."""
    lines = [_("Row\tName\tReason")]
    for row in outcomes:
        lines.append(f"{row.line}\t{row.name}\t{row.reason}")
    return "\n".join(lines)


def _lines(counts: list[tuple[str, int]]) -> str:
    return "\n".join(text.format(count=count) for text, count in counts)


def planned_counts(summary: ImportSummary) -> str:
    """What importing will do, one count a line (the preview's dry-run summary)."""
    created, updated = summary.created, summary.updated
    duplicates, rejected = len(summary.duplicates), len(summary.rejected)
    organisations = summary.organisations_created
    return _lines(
        [
            (
                ngettext(
                    "{count} person will be created.", "{count} people will be created.", created
                ),
                created,
            ),
            (
                ngettext(
                    "{count} person will be updated.", "{count} people will be updated.", updated
                ),
                updated,
            ),
            (
                ngettext("{count} possible duplicate.", "{count} possible duplicates.", duplicates),
                duplicates,
            ),
            (ngettext("{count} row rejected.", "{count} rows rejected.", rejected), rejected),
            (
                ngettext(
                    "{count} organisation will be created.",
                    "{count} organisations will be created.",
                    organisations,
                ),
                organisations,
            ),
        ]
    )


def done_counts(summary: ImportSummary) -> str:
    """What the import did, one count a line, and where the backup made before it is."""
    created, updated = summary.created, summary.updated
    duplicates, rejected = len(summary.duplicates), len(summary.rejected)
    organisations, warnings = summary.organisations_created, len(summary.warnings)
    counts = [
        (ngettext("{count} person was created.", "{count} people were created.", created), created),
        (ngettext("{count} person was updated.", "{count} people were updated.", updated), updated),
        (
            ngettext("{count} possible duplicate.", "{count} possible duplicates.", duplicates),
            duplicates,
        ),
        (ngettext("{count} row was rejected.", "{count} rows were rejected.", rejected), rejected),
        (
            ngettext(
                "{count} organisation was created.",
                "{count} organisations were created.",
                organisations,
            ),
            organisations,
        ),
    ]
    if warnings:
        counts.append(
            (
                ngettext(
                    "{count} value was not understood and was left out.",
                    "{count} values were not understood and were left out.",
                    warnings,
                ),
                warnings,
            )
        )
    text = _lines(counts)
    if summary.backup is not None:
        text += "\n" + _("A backup was made just before: {path}").format(path=summary.backup)
    return text


@dataclass(frozen=True, slots=True)
class _Column:
    title: Callable[[], str]
    value: Callable[[RowOutcome], str]
    right: bool = False


COLUMNS: tuple[_Column, ...] = (
    _Column(lambda: _("Row"), lambda o: str(o.line), right=True),
    _Column(lambda: _("Name"), lambda o: o.name),
    _Column(lambda: _("E-mail"), lambda o: o.email),
    _Column(lambda: _("Organisation"), lambda o: o.organisation),
    _Column(lambda: _("What will happen"), action_label),
    _Column(lambda: _("Why"), reason_text),
)


class ImportPreviewModel(QAbstractTableModel):
    """A thin adapter over the :class:`RowOutcome` list of an import plan, in file order."""

    def __init__(self, parent=None):  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self._rows: list[RowOutcome] = []

    def set_rows(self, rows: Sequence[RowOutcome]) -> None:
        """Show ``rows`` (every row of the file, rejected ones too)."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def outcome(self, row: int) -> RowOutcome:
        return self._rows[row]

    def retranslate(self) -> None:
        """Say the headers and cells again in the current language."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self._rows:
            last = self.index(len(self._rows) - 1, len(COLUMNS) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    # -- Qt's model interface ------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 (Qt's name)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        outcome = self._rows[index.row()]
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.value(outcome)
        if role == Qt.ItemDataRole.ToolTipRole:
            return reason_text(outcome) or None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignRight if column.right else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == ACTION_ROLE:
            return outcome.action
        return None

    def headerData(  # noqa: N802 (Qt's name)
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section].title()
        return None
