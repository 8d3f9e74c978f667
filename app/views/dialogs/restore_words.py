"""What the Backups window says around a restore: the question before it, the report after it.

A restore replaces all the data, so the question says what will be lost and that a safety backup
is made first; the report says where that safety backup is.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from app.i18n import _, format_datetime
from app.services.backups import RestoreResult

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class RestoreWords:
    """The texts of one restore: what it will do, the question, and what is said once done."""

    what: str
    ask: str
    done: str


def words_for_backup(made_at: datetime) -> RestoreWords:
    """For restoring a backup of the list, made at ``made_at``."""
    when = format_datetime(made_at)
    return RestoreWords(
        what=_(
            "Your data will go back to how it was on {when}. Whatever was entered or changed "
            "after that will no longer be there."
        ).format(when=when),
        ask=_("Restore the backup of {when}?").format(when=when),
        done=_("Your data is back as it was on {when}.").format(when=when),
    )


def words_for_file(path: Path) -> RestoreWords:
    """For restoring a backup file chosen anywhere (a USB stick, another disk)."""
    return RestoreWords(
        what=_(
            "Your data will be replaced by the data in {path}. Whatever is in Tejido now and "
            "not in that file will no longer be there."
        ).format(path=path),
        ask=_("Restore {path}?").format(path=path),
        done=_("The data in {path} was restored.").format(path=path),
    )


def confirm_restore(parent: QWidget, words: RestoreWords) -> bool:
    """Ask before restoring (No is the default answer); True when the person said Yes."""
    safety = _(
        "First, Tejido backs up your data as it is now, so you can come back to it by "
        "restoring that backup."
    )
    answer = QMessageBox.question(
        parent,
        _("Restore a backup"),
        "\n\n".join((words.what, safety, words.ask)),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def restored_report(result: RestoreResult, done: str) -> list[str]:
    """The paragraphs said after a restore: ``done``, an upgrade, where the safety backup is."""
    paragraphs = [done]
    if result.migrated:
        paragraphs.append(_("The backup was upgraded to this version of Tejido."))
    if result.safety is not None:
        kept = _(
            "Your data as it was just before the restore is kept in {path}. Restore it if "
            "you need it back."
        )
        paragraphs.append(kept.format(path=result.safety.path))
    return paragraphs
