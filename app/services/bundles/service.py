"""Catalogue bundles for the program and the command line: export a selection to a file, and
import a file in two steps (a dry run to look at, then one transaction).

:meth:`BundleService.inspect` reads a file (which may be hostile) into a temporary folder and
returns its dry-run report; the file's checked contents are remembered until
:meth:`BundleService.apply` or :meth:`BundleService.discard`. ``apply`` backs the database up
first and leaves it exactly as it was on any error.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.backup_files import make_backup_file
from app.db import Database
from app.errors import ValidationError
from app.i18n import _
from app.services.bundles.apply import ImportResult, apply_import, check_choices
from app.services.bundles.plan import ImportPlan, Read, classify
from app.services.context import DataFolder

if TYPE_CHECKING:
    from app.services.bundles.export import ExportResult

log = logging.getLogger(__name__)

BACKUP_REASON = "before-bundle-import"


@dataclass(frozen=True, slots=True)
class _Pending:
    plan: ImportPlan
    contents: Any
    work_dir: Path
    read: Read


class BundleService:
    """Export catalogue bundles, and import them after a dry run."""

    def __init__(self, db: Database, folder: DataFolder):
        self.db = db
        self.folder = folder
        self._pending: _Pending | None = None
        self._lock = threading.Lock()

    def export(self, path: Path | str, **options: Any) -> ExportResult:
        """Write a bundle to ``path``; ``options`` as
        :func:`app.services.bundles.export.export_bundle` takes them (``practice_ids``,
        ``areas``, ``published_only``, ``exported_by``)."""
        from app.services.bundles.export import export_bundle

        return export_bundle(self.db, Path(path), **options)

    def inspect(self, path: Path | str) -> ImportPlan:
        """Read and check the bundle at ``path`` and say what importing it would do; nothing
        is written to the database. Raises :class:`BundleRejected` (an
        :class:`app.errors.ImportRejected`) with the reason for a file that cannot be
        imported at all. A file inspected earlier and not applied is forgotten."""
        from app.services.bundles.reading import read_bundle

        self.discard()
        work_dir = Path(tempfile.mkdtemp(prefix="tejido-bundle-"))
        try:
            contents = read_bundle(Path(path), work_dir)
            with self.db.session() as s:
                classified = classify(s, contents)
                s.rollback()  # a dry run: whatever the session did is not kept
        except BaseException:
            shutil.rmtree(work_dir, ignore_errors=True)
            raise
        with self._lock:
            self._pending = _Pending(classified.plan, contents, work_dir, classified.read)
        return classified.plan

    def pending(self) -> ImportPlan | None:
        """The plan inspected and not yet applied or discarded, if any."""
        with self._lock:
            return self._pending.plan if self._pending else None

    def apply(
        self,
        plan: ImportPlan | None = None,
        choices: Mapping[str, str] | None = None,
        imported_by: str = "",
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> ImportResult:
        """Import the inspected bundle in one transaction with the person's ``choices``
        (record id → choice; see :data:`app.services.bundles.plan_rules.CHOICES`).

        The database is backed up first (when anything would change) and is left exactly as
        it was if anything fails, the person cancels included (:class:`app.errors.Cancelled`).
        ``progress(done, total)`` and ``cancelled()`` are called from the applying thread."""
        with self._lock:
            pending = self._pending
        if pending is None or (plan is not None and plan.sha256 != pending.plan.sha256):
            raise ValidationError(
                _(
                    "Open the bundle again: Tejido no longer has the file it showed. Nothing "
                    "was imported."
                )
            )
        choices = dict(choices or {})
        check_choices(pending.plan, choices)
        backup = None
        if pending.plan.writes(choices):
            backup = make_backup_file(self.folder.database, self.folder.backups, BACKUP_REASON).path
        with self.db.session() as s:
            result = apply_import(
                s,
                pending.contents,
                pending.plan,
                choices,
                imported_by,
                progress,
                cancelled,
                read=pending.read,
            )
        self.discard()
        log.info(
            "bundle %s applied (backup %s)", result.sha256[:12], backup.name if backup else "-"
        )
        return _with_backup(result, backup)

    def discard(self) -> None:
        """Forget the inspected bundle and remove its temporary files."""
        with self._lock:
            pending, self._pending = self._pending, None
        if pending is not None:
            shutil.rmtree(pending.work_dir, ignore_errors=True)


def _with_backup(result: ImportResult, backup: Path | None) -> ImportResult:
    import dataclasses

    return dataclasses.replace(result, backup=backup)
