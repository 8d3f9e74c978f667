"""Reading the network map in the background, one reading at a time, so the window never
freezes while a large map is worked out."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot

from app.views.workers import Job, Work

log = logging.getLogger(__name__)

_jobs: set[Job] = set()  # readings under way, kept until their thread ends
WAITS_FOR_MAPS = "tejido_waits_for_network_maps"  # set on the application once hooked


def _keep(job: Job) -> None:
    """Hold a running job until its thread ends; a program closing meanwhile waits for it
    (a thread destroyed while it runs would crash the program on its way out)."""
    app = QCoreApplication.instance()
    if app is not None and not app.property(WAITS_FOR_MAPS):
        app.setProperty(WAITS_FOR_MAPS, True)
        app.aboutToQuit.connect(_wait_for_jobs)
    _jobs.add(job)
    job.thread.finished.connect(lambda: _jobs.discard(job))


def _wait_for_jobs() -> None:
    for job in list(_jobs):
        job.wait()


class LatestReader(QObject):
    """Runs one reading at a time in a worker thread. A reading asked for while one runs is
    not started: ``again()`` is called when the running one ends (instead of handing over its
    now stale result), so the newest choices are read. Results and errors come back on the GUI
    thread through ``succeeded`` and ``failed``."""

    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, again: Callable[[], None], parent: QObject | None = None):
        super().__init__(parent)
        self._again_call = again
        self._job: Job | None = None
        self._again = False

    def busy(self) -> bool:
        """Whether a reading is under way."""
        return self._job is not None

    def read(self, work: Work) -> None:
        """Start ``work`` now, or ask for a reading again once the running one ends."""
        if self._job is not None:
            self._again = True
            return
        job = self._job = Job(work)
        job.succeeded.connect(self._on_job_succeeded, Qt.ConnectionType.QueuedConnection)
        job.failed.connect(self._on_job_failed, Qt.ConnectionType.QueuedConnection)
        _keep(job)
        job.thread.start()

    @Slot(object)
    def _on_job_succeeded(self, result: Any) -> None:
        if not self._end():
            self.succeeded.emit(result)

    @Slot(object)
    def _on_job_failed(self, error: BaseException) -> None:
        if not self._end():
            self.failed.emit(error)

    def _end(self) -> bool:
        """Forget the finished job; ask again if that was asked for (then true)."""
        if self._job is not None:
            self._job.wait()
        self._job = None
        again, self._again = self._again, False
        if again:
            self._again_call()
        return again
