"""Background jobs: the result and the error come back on the GUI thread; cancel is honoured."""

from __future__ import annotations

import threading

from app.errors import Cancelled
from app.views.workers import run_job


def test_result_arrives_on_the_gui_thread(qtbot) -> None:
    seen: dict[str, object] = {}

    def work(progress, cancelled):
        seen["worker"] = threading.current_thread()
        progress(1, 2)
        return 42

    def done(result):
        seen["result"] = result
        seen["done_thread"] = threading.current_thread()

    run_job(None, "working", work, done)
    qtbot.waitUntil(lambda: "result" in seen, timeout=5000)
    assert seen["result"] == 42
    assert seen["done_thread"] is threading.main_thread()
    assert seen["worker"] is not threading.main_thread()


def test_errors_arrive_on_the_gui_thread(qtbot) -> None:
    seen: dict[str, object] = {}

    def work(progress, cancelled):
        raise ValueError("boom")

    def failed(error):
        seen["error"] = error
        seen["thread"] = threading.current_thread()

    run_job(None, "working", work, lambda r: None, failed)
    qtbot.waitUntil(lambda: "error" in seen, timeout=5000)
    assert isinstance(seen["error"], ValueError)
    assert seen["thread"] is threading.main_thread()


def test_cancel_reaches_the_work(qtbot) -> None:
    seen: dict[str, object] = {}
    started = threading.Event()

    def work(progress, cancelled):
        started.set()
        while not cancelled():
            threading.Event().wait(0.01)
        raise Cancelled("stopped")

    job = run_job(None, "working", work, lambda r: None, lambda e: seen.setdefault("error", e))
    assert started.wait(5)
    job.cancel()
    qtbot.waitUntil(lambda: "error" in seen, timeout=5000)
    assert isinstance(seen["error"], Cancelled)
