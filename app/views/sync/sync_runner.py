"""Sync passes for the main window: the Sync menu, the conflicts badge in the status bar, a pass
shortly after the start, one every five minutes and a quick one at close.

Automatic passes run in the background with no dialog: the status bar says "Syncing…" and then
"Synced at 10:42" (or the problem, in plain words). Only "Sync now" shows progress. Nothing modal
ever pops up from the timer: a file waiting for review is mentioned in the status bar and listed
in the sync panel.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime

from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication, QMainWindow, QProgressDialog

from app.errors import TejidoError
from app.i18n import _
from app.services.sync.service import PassResult
from app.views.errors import show_error
from app.views.sync.sync_menu import SyncMenu, conflicts_badge, pass_words, review_badge
from app.views.workers import Job, run_job

log = logging.getLogger(__name__)

AUTOMATIC_MS = 5 * 60 * 1000
START_DELAY_MS = 4000  # after the first paint and the daily backup's start
RETRY_MS = 30_000  # a form is open: try again a little later
MESSAGE_MS = AUTOMATIC_MS
CLOSING_DIALOG_MS = 500


class SyncRunner(QObject):
    """Runs the passes of one main window and keeps its menu, badge and panel up to date.

    ``passed`` carries each pass's result; ``changed`` says the settings or counts may differ.
    """

    passed = Signal(object)
    changed = Signal()

    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self.window = window
        self.sync = window.services.sync  # type: ignore[attr-defined]
        self.enabled = False
        self.conflicts = 0
        self.busy = 0  # passes running
        self.closing = False
        self.panel = None
        self._jobs: set[Job] = set()
        self.menu = SyncMenu(self, window)
        self.badge = conflicts_badge()
        self.badge.clicked.connect(self.open_conflicts)
        self.review_badge = review_badge()
        self.review_badge.clicked.connect(self.open_panel)
        window.statusBar().addPermanentWidget(self.review_badge)
        window.statusBar().addPermanentWidget(self.badge)
        self.timer = QTimer(self, interval=AUTOMATIC_MS)
        self.timer.timeout.connect(self.run_automatic)
        self.soon = QTimer(self, singleShot=True)
        self.soon.timeout.connect(self.run_automatic)
        self.update_state()

    def start(self) -> None:
        """A first pass shortly after the window shows, then one every five minutes."""
        self.timer.start()
        self.soon.start(START_DELAY_MS)

    def update_state(self) -> None:
        """Read the settings and the conflicts count again; menu, badge and panel follow."""
        status = self.sync.status()
        self.enabled = status.settings.enabled
        self.conflicts = status.conflicts if self.enabled else 0
        self.badge.set_count(self.conflicts)
        self.review_badge.set_count(len(status.held) if self.enabled else 0)
        self.menu.retranslate_ui()
        self.changed.emit()

    def _say(self, message: str, timeout: int = MESSAGE_MS) -> None:
        self.window.statusBar().showMessage(message, timeout)

    # -- passes ---------------------------------------------------------------------------------

    def run_automatic(self) -> None:
        """A pass in the background without a dialog (the timer's and the start's)."""
        if self.closing or self.busy or not self.enabled:
            return
        if QApplication.activeModalWidget() is not None:
            self.soon.start(RETRY_MS)  # never under an open form: its values would be stale
            return
        self._say(_("Syncing…"), 0)
        self._start(visible=False)

    def sync_now(self) -> None:
        """Sync now, with progress (sets sync up first when it is not yet)."""
        if not self.enabled:
            self.open_setup()
            return
        self._start(visible=True)

    def apply_held(self, sha256s: Iterable[str]) -> None:
        """A pass that applies the files a person reviewed (with progress)."""
        self._start(visible=True, approve=tuple(sha256s))

    def _start(self, *, visible: bool, approve: tuple[str, ...] = ()) -> None:
        self.busy += 1

        def work(progress, _cancelled):  # type: ignore[no-untyped-def]
            return self.sync.run_pass(progress, approve)

        if visible:
            run_job(
                self.window,
                _("Syncing with the other laptops…"),
                work,
                lambda result: self._finished(result, visible=True),
                lambda error: self._failed(error, visible=True),
                cancellable=False,
            )
            return
        job = Job(work)
        job.succeeded.connect(self._on_job_succeeded, Qt.ConnectionType.QueuedConnection)
        job.failed.connect(self._on_job_failed, Qt.ConnectionType.QueuedConnection)
        self._jobs.add(job)
        job.thread.start()

    def _reap(self) -> None:
        job = self.sender()
        if isinstance(job, Job):
            job.wait()
            self._jobs.discard(job)

    @Slot(object)
    def _on_job_succeeded(self, result: PassResult) -> None:
        self._reap()
        self._finished(result, visible=False)

    @Slot(object)
    def _on_job_failed(self, error: BaseException) -> None:
        self._reap()
        self._failed(error, visible=False)

    def _finished(self, result: PassResult, *, visible: bool) -> None:
        self.busy -= 1
        log.info("sync pass: %s files in, %s operations out", result.ingested, result.exported)
        if self.closing:
            return
        self.update_state()
        self._say(pass_words(result, datetime.now()))
        if result.operations:
            refresh_window(self.window)
        self.passed.emit(result)
        if visible and result.review:
            self.open_panel()

    def _failed(self, error: BaseException, *, visible: bool) -> None:
        self.busy -= 1
        log.warning("sync pass failed: %s", type(error).__name__)
        if self.closing:
            return
        if visible:
            show_error(self.window, error)
        elif isinstance(error, TejidoError):
            self._say(_("Not synced: {reason}").format(reason=error))
        else:
            log.error("unexpected problem in a sync pass", exc_info=error)
            self._say(_("Not synced: an unexpected problem (the details are in the log)."))
        self.changed.emit()

    def finish(self) -> None:
        """The quick pass at close: this laptop's changes go out. Waits for a pass running;
        never shows an error (an unreachable folder just means no pass)."""
        self.timer.stop()
        self.soon.stop()
        self.closing = True
        if self.panel is not None:
            self.panel.close()
        if not self.sync.settings().enabled:
            return
        dialog = QProgressDialog(
            _("Sending your changes to the other laptops…"), "", 0, 0, self.window
        )
        dialog.setWindowTitle(_("Closing Tejido"))
        dialog.setCancelButton(None)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(CLOSING_DIALOG_MS)
        self._wait_idle()
        self._start(visible=False)
        self._wait_idle()
        dialog.close()
        dialog.deleteLater()

    def _wait_idle(self) -> None:
        """Let the running passes end (their results arrive as events); input waits."""
        loop = QEventLoop()
        check = QTimer(interval=100)
        check.timeout.connect(lambda: None if self.busy else loop.quit())
        check.start()
        if self.busy:
            loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        check.stop()

    # -- dialogs --------------------------------------------------------------------------------

    def open_setup(self) -> None:
        from app.views.sync.setup_dialog import SetupDialog

        dialog = SetupDialog(self.sync, self.window)
        dialog.exec()
        self.update_state()
        if dialog.set_up:
            self._start(visible=True)  # the first pass

    def open_panel(self) -> None:
        """Show the sync panel (non-modal), or the set-up when sync is not set up."""
        if not self.enabled:
            self.open_setup()
            return
        from app.views.sync.sync_panel import SyncPanel

        if self.panel is None:
            self.panel = SyncPanel(self, self.window)
        self.panel.show()
        self.panel.refresh()
        self.panel.raise_()
        self.panel.activateWindow()

    def open_conflicts(self) -> None:
        """The conflicts inbox (modal); the window and the counts follow what was settled."""
        from app.views.sync.conflicts_inbox import open_conflicts_inbox

        open_conflicts_inbox(self.window, self.window.services)  # type: ignore[attr-defined]
        self.update_state()
        refresh_window(self.window)


def refresh_window(window: QMainWindow) -> None:
    """Show fresh data in every tab, keeping what is being typed on "Our organisation"."""
    profile = window.profile_tab  # type: ignore[attr-defined]
    if not profile.has_unsaved_changes():
        window.refresh_all()  # type: ignore[attr-defined]
        return
    for index in range(window.tabs.count()):  # type: ignore[attr-defined]
        tab = window.tabs.widget(index)  # type: ignore[attr-defined]
        if tab is not profile and hasattr(tab, "refresh"):
            tab.refresh()
