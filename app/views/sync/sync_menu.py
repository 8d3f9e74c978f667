"""The Sync menu, the badges of the status bar ("⚠ 3 conflicts", "⚠ 1 file to review"), and what
the status bar says after a pass. The menu follows a :class:`~app.views.sync.sync_runner.SyncRunner`
(its ``enabled`` and ``conflicts``)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QToolButton

from app.i18n import _, current_language, format_number, ngettext
from app.services.sync.service import PassResult
from app.views.widgets.form_fields import WARNING_SIGN
from app.views.widgets.translatable import Retranslatable

if TYPE_CHECKING:
    from app.views.sync.sync_runner import SyncRunner

log = logging.getLogger(__name__)


class SyncMenu(Retranslatable, QMenu):
    """Sync ▸ Set up sync… / Sync now / Sync panel… / Conflicts (3)…"""

    def __init__(self, runner: SyncRunner, parent: QMainWindow):
        super().__init__(parent)
        self.runner = runner
        self.setup_action = self.addAction("", runner.open_setup)
        self.sync_now_action = self.addAction("", runner.sync_now)
        self.sync_now_action.setShortcuts([QKeySequence("F5"), QKeySequence("Ctrl+Shift+S")])
        self.panel_action = self.addAction("", runner.open_panel)
        self.addSeparator()
        self.conflicts_action = self.addAction("", runner.open_conflicts)
        parent.addAction(self.sync_now_action)  # the shortcut works with the menu closed
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        runner = self.runner
        self.setTitle(_("S&ync"))
        self.setup_action.setText(_("Sync &settings…") if runner.enabled else _("Set &up sync…"))
        self.sync_now_action.setText(_("Sync &now"))
        self.panel_action.setText(_("Sync &panel…"))
        count = runner.conflicts
        self.conflicts_action.setText(
            _("&Conflicts ({count})…").format(count=count) if count else _("&Conflicts…")
        )
        for action in (self.panel_action, self.conflicts_action):
            action.setEnabled(runner.enabled)


class StatusBadge(Retranslatable, QToolButton):
    """A "⚠ 3 conflicts" button of the status bar, hidden at none; it stays while menus are
    browsed (the status bar's messages do not)."""

    def __init__(self, words: Callable[[int], str], tip: Callable[[], str]):
        super().__init__()
        self.count = 0
        self._words, self._tip = words, tip
        self.setAutoRaise(True)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.hide()

    def set_count(self, count: int) -> None:
        self.count = count
        self.setVisible(count > 0)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        text = self._words(self.count)
        self.setText(f"{WARNING_SIGN} {text}")
        self.setToolTip(self._tip())
        self.setAccessibleName(text)
        self.setAccessibleDescription(self._tip())


def conflicts_badge() -> StatusBadge:
    """Opens the conflicts inbox."""
    return StatusBadge(
        lambda n: ngettext("{count} conflict", "{count} conflicts", n).format(count=n),
        lambda: _("Values changed on two laptops at once: choose which to keep"),
    )


def review_badge() -> StatusBadge:
    """Opens the sync panel, where files waiting for review are listed."""
    return StatusBadge(
        lambda n: ngettext("{count} file to review", "{count} files to review", n).format(count=n),
        lambda: _(
            "Files from other laptops that would remove many records here: review them in "
            "the sync panel"
        ),
    )


def pass_words(result: PassResult, now: datetime) -> str:
    """What the status bar says after a pass."""
    from babel.dates import format_time

    time = format_time(now, "short", locale=current_language())
    if result.review:
        return _(
            "Synced at {time}. A file from another laptop would remove many records here: "
            "review it in Sync ▸ Sync panel."
        ).format(time=time)
    records = sum(result.brought.values())
    if records:
        return ngettext(
            "Synced at {time}: {count} record changed by the other laptops.",
            "Synced at {time}: {count} records changed by the other laptops.",
            records,
        ).format(time=time, count=format_number(records))
    return _("Synced at {time}.").format(time=time)
