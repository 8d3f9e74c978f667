"""What an import did (or, in a dry run, would do), as the dialog and the command line show it."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.services.importing.matching import DuplicateMatch
from app.services.importing.values import RejectedRow

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class RowWarning:
    """Something in a row that was left out, and why (the row itself was imported)."""

    line: int
    message: str


@dataclass(frozen=True, slots=True)
class ImportSummary:
    """What an import did (or, with ``dry_run``, would do). ``created``/``updated`` count rows."""

    file_name: str
    created: int
    updated: int
    duplicates: tuple[DuplicateMatch, ...]
    rejected: tuple[RejectedRow, ...]
    warnings: tuple[RowWarning, ...]
    organisations_created: int
    dry_run: bool
    backup: Path | None = None
    # Stored names of the organisations in the trash that the import brought (or would bring) back.
    organisations_restored: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """The summary as plain JSON-ready values (the command line's ``--json``)."""
        return {
            "file": self.file_name,
            "created": self.created,
            "updated": self.updated,
            "duplicates": [
                {
                    "line": d.line,
                    "name": d.name,
                    "matched_id": d.matched_id,
                    "matched_name": d.matched_name,
                    "matched_line": d.matched_line,
                    "action": d.action,
                }
                for d in self.duplicates
            ],
            "rejected": [{"line": r.line, "reason": r.reason} for r in self.rejected],
            "warnings": [{"line": w.line, "message": w.message} for w in self.warnings],
            "organisations_created": self.organisations_created,
            "organisations_restored": list(self.organisations_restored),
            "dry_run": self.dry_run,
            "backup": str(self.backup) if self.backup else None,
        }
