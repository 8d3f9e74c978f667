"""The rows of a spreadsheet in the import preview: what will happen to each one, and why."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt

from app.i18n import _, ngettext
from app.services.importing import ImportSummary, RowOutcome
from app.views.widgets.rows_table_model import RowsTableModel, TextColumn

log = logging.getLogger(__name__)

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
        + _restored_line(summary, future=True)
    )


def _restored_line(summary: ImportSummary, future: bool) -> list[tuple[str, int]]:
    restored = len(summary.organisations_restored)
    if not restored:
        return []
    if future:
        text = ngettext(
            "{count} organisation will be brought back from the trash.",
            "{count} organisations will be brought back from the trash.",
            restored,
        )
    else:
        text = ngettext(
            "{count} organisation was brought back from the trash.",
            "{count} organisations were brought back from the trash.",
            restored,
        )
    return [(text, restored)]


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
    counts += _restored_line(summary, future=False)
    text = _lines(counts)
    if summary.backup is not None:
        text += "\n" + _("A backup was made just before: {path}").format(path=summary.backup)
    if warnings:
        text += (
            "\n\n"
            + _("Notes on rows that were imported:")
            + "\n"
            + warnings_report(summary.warnings)
        )
    return text


MAX_LISTED_WARNINGS = 20


def warnings_report(warnings: Sequence[Any]) -> str:
    """The first notes on imported rows (a value left out, a consent not recorded again)."""
    lines = [
        _("Row {line}: {message}").format(line=w.line, message=w.message)
        for w in warnings[:MAX_LISTED_WARNINGS]
    ]
    if len(warnings) > MAX_LISTED_WARNINGS:
        rest = len(warnings) - MAX_LISTED_WARNINGS
        lines.append(ngettext("…and {count} more.", "…and {count} more.", rest).format(count=rest))
    return "\n".join(lines)


COLUMNS: tuple[TextColumn[RowOutcome], ...] = (
    TextColumn(lambda: _("Row"), lambda o: str(o.line), right=True),
    TextColumn(lambda: _("Name"), lambda o: o.name),
    TextColumn(lambda: _("E-mail"), lambda o: o.email),
    TextColumn(lambda: _("Organisation"), lambda o: o.organisation),
    TextColumn(lambda: _("What will happen"), action_label),
    TextColumn(lambda: _("Why"), reason_text),
)


class ImportPreviewModel(RowsTableModel[RowOutcome]):
    """A thin adapter over the :class:`RowOutcome` list of an import plan, in file order.

    Every row of the file is shown, rejected ones too; a row's tool tip says why, and its
    ``ACTION_ROLE`` data is the planned action code.
    """

    def __init__(self, parent=None):  # type: ignore[no-untyped-def]
        super().__init__(COLUMNS, parent)

    def outcome(self, row: int) -> RowOutcome:
        return self.row_at(row)

    def tool_tip(self, row: RowOutcome) -> str | None:
        return reason_text(row) or None

    def user_data(self, row: RowOutcome) -> str:
        return row.action
