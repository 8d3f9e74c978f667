"""Long work off the GUI thread, with a progress dialog that can be cancelled.

``run_job(parent, label, work, on_done)`` runs ``work(progress, cancelled)`` in a worker
thread. ``progress(done, total)`` moves the bar; ``cancelled()`` turns true when the person
presses Cancel, and the work then raises :class:`app.errors.Cancelled` after rolling back.
The result (or the error) comes back on the GUI thread. The window never freezes.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from app.i18n import _
from app.views.errors import show_error

log = logging.getLogger(__name__)

Work = Callable[[Callable[[int, int], None], Callable[[], bool]], Any]
_running: set[Job] = set()
_relays: dict[int, QObject] = {}


class Job(QObject):
    """One piece of background work and its progress dialog."""

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, work: Work):
        super().__init__()
        self._work = work
        self._cancel = threading.Event()
        self.thread = QThread()
        self.moveToThread(self.thread)
        self.thread.started.connect(self._run)

    def _run(self) -> None:
        try:
            result = self._work(self._report, self._cancel.is_set)
        except BaseException as error:  # noqa: BLE001 - handed to the GUI thread, shown there
            self.failed.emit(error)
        else:
            self.succeeded.emit(result)
        finally:
            self.thread.quit()

    def _report(self, done: int, total: int) -> None:
        self.progressed.emit(done, total)

    def cancel(self) -> None:
        self._cancel.set()

    def wait(self, msecs: int = 30000) -> bool:
        return self.thread.wait(msecs)


class _Relay(QObject):
    """Lives on the GUI thread, so the job's signals reach these slots there (queued).

    A plain function connected to a signal would run in the emitting (worker) thread.
    """

    def __init__(self, progressed, succeeded, failed):  # type: ignore[no-untyped-def]
        super().__init__()
        self._progressed, self._succeeded, self._failed = progressed, succeeded, failed

    @Slot(int, int)
    def progressed(self, done: int, total: int) -> None:
        self._progressed(done, total)

    @Slot(object)
    def succeeded(self, result: Any) -> None:
        self._succeeded(result)

    @Slot(object)
    def failed(self, error: BaseException) -> None:
        self._failed(error)


def run_job(
    parent: QWidget | None,
    label: str,
    work: Work,
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None] | None = None,
    *,
    cancellable: bool = True,
) -> Job:
    """Start ``work`` in the background with a progress dialog; returns the running job."""
    job = Job(work)
    dialog = QProgressDialog(label, _("Cancel") if cancellable else "", 0, 0, parent)
    dialog.setWindowTitle(_("Working…"))
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    if not cancellable:
        dialog.setCancelButton(None)

    def progressed(done: int, total: int) -> None:
        dialog.setMaximum(max(total, 0))
        dialog.setValue(min(done, total) if total else 0)

    def finish() -> None:
        job.wait()
        dialog.close()
        dialog.deleteLater()
        _running.discard(job)
        _relays.pop(id(job), None)

    def succeeded(result: Any) -> None:
        finish()
        on_done(result)

    def failed(error: BaseException) -> None:
        finish()
        (on_error or (lambda e: show_error(parent, e)))(error)

    relay = _Relay(progressed, succeeded, failed)
    _relays[id(job)] = relay
    job.progressed.connect(relay.progressed, Qt.ConnectionType.QueuedConnection)
    job.succeeded.connect(relay.succeeded, Qt.ConnectionType.QueuedConnection)
    job.failed.connect(relay.failed, Qt.ConnectionType.QueuedConnection)
    dialog.canceled.connect(job.cancel)
    _running.add(job)
    job.thread.start()
    return job
