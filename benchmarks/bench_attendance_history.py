"""The attendance history over the large data (about 250,000 marks): first rows, the count,
jumping through the list to its end, a search, and resident memory before and after.

Baseline: the same first page read with plain ``sqlite3`` (the history's query, LIMIT 200).
"First rows" is the model created (its first page read from SQL) and the cells of a screenful
read; the count runs in a background thread and is timed apart. Memory is the resident set of
this process (``/proc/self/statm``) before and after reading pages all over the list.
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from app.services.context import DataFolder  # noqa: E402
from app.services.registry import build_services  # noqa: E402
from app.views.attendance_history_model import PAGE_SIZE, AttendanceHistoryModel  # noqa: E402
from app.views.attendance_history_view import AttendanceHistoryView  # noqa: E402
from benchmarks.common import large_data_folder, report  # noqa: E402

SCREEN_ROWS = 40


def raw_page(raw: sqlite3.Connection, query: str = "", offset: int = 0) -> None:
    """The history's page read with plain sqlite3 (the same joins, filters and order)."""
    words = query.split()
    like = "".join(" AND (p.name_key LIKE ? OR act.title_key LIKE ?)" for _word in words)
    raw.execute(
        "SELECT a.id, s.date, act.id, act.title, p.id, p.full_name, a.status, a.minutes, "
        "a.remarks, a.taken_by FROM activity_sessions s "
        "JOIN attendance a ON a.session_id = s.id || '' "
        "JOIN activities act ON act.id = s.activity_id JOIN people p ON p.id = a.person_id "
        "WHERE a.deleted_at IS NULL AND s.deleted_at IS NULL AND act.deleted_at IS NULL"
        f"{like} ORDER BY s.date DESC, s.id, p.name_key, p.id LIMIT 200 OFFSET ?",
        [pattern for word in words for pattern in (f"%{word}%",) * 2] + [offset],
    ).fetchall()


def resident_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def timed(function, repeat: int = 10) -> list[float]:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return times


def screenful(model: AttendanceHistoryModel, first: int = 0) -> None:
    """Read the cells of the rows a screen shows (as a paint would)."""
    for row in range(first, min(model.rowCount(), first + SCREEN_ROWS)):
        for column in range(model.columnCount()):
            model.index(row, column).data()


def first_rows(services, raw: sqlite3.Connection) -> None:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(10):
        start = time.perf_counter()
        model = AttendanceHistoryModel(services.attendance)
        screenful(model)
        times.append(time.perf_counter() - start)
        model.wait_for_count()  # not timed: the count runs beside, in its own thread
    base = statistics.median(timed(lambda: raw_page(raw)))
    report(
        "attendance history, first rows shown (model + first page + a screenful)",
        statistics.median(times) * 1000,
        base * 1000,
        "ms",
        "≤ 150 ms",
    )
    model = AttendanceHistoryModel(services.attendance)
    start = time.perf_counter()
    model.wait_for_count()
    report(
        f"attendance history, count in the background ({model.total():,} marks)",
        (time.perf_counter() - start) * 1000,
        base * 1000,
        "ms",
        "off the GUI thread",
    )


def whole_view(services, app: QApplication, raw: sqlite3.Connection) -> None:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(5):
        start = time.perf_counter()
        view = AttendanceHistoryView(services)
        view.resize(1200, 800)
        view.show()
        app.processEvents()
        times.append(time.perf_counter() - start)
        view.model.wait_for_count()
        view.close()
        view.deleteLater()
        app.processEvents()
    report(
        "attendance history view built, shown and painted",
        statistics.median(times) * 1000,
        statistics.median(timed(lambda: raw_page(raw))) * 1000,
        "ms",
        "≤ 150 ms",
    )


def show_rows(model: AttendanceHistoryModel, first: int) -> float:
    """Seconds to bring the rows from ``first`` on screen (their page read if needed)."""
    start = time.perf_counter()
    model.load_rows(first, first + SCREEN_ROWS - 1)
    screenful(model, first)
    return time.perf_counter() - start


def scrolling(services, raw: sqlite3.Connection) -> None:  # type: ignore[no-untyped-def]
    model = AttendanceHistoryModel(services.attendance)
    model.wait_for_count()
    total = model.rowCount()
    before = resident_mb()
    steps = [show_rows(model, number * PAGE_SIZE) for number in range(1, 26)]
    base = [timed(lambda n=n: raw_page(raw, offset=n * PAGE_SIZE), 1)[0] for n in range(1, 26)]
    report(
        "attendance history, next page while scrolling down (median of 25)",
        statistics.median(steps) * 1000,
        statistics.median(base) * 1000,
        "ms",
        "≤ 100 ms",
    )
    pages = total // PAGE_SIZE
    jumps = [show_rows(model, n * PAGE_SIZE) for n in range(0, pages, max(1, pages // 20))]
    end = show_rows(model, total - SCREEN_ROWS)
    after = resident_mb()
    base_end = timed(lambda: raw_page(raw, offset=(total - 1) // PAGE_SIZE * PAGE_SIZE), 1)[0]
    report("attendance history, jump to the end", end * 1000, base_end * 1000, "ms", "≤ 150 ms")
    report(
        f"attendance history, jumps along the list (median of {len(jumps)})",
        statistics.median(jumps) * 1000,
        base_end * 1000,
        "ms",
        "baseline = raw page at the end",
    )
    report(
        f"resident memory after reading {len(jumps) + 26} pages ({model.pages_in_memory()} kept)",
        after,
        before,
        "MB",
        "flat (ratio ≈ 1)",
    )


def searching(services, raw: sqlite3.Connection) -> None:  # type: ignore[no-untyped-def]
    model = AttendanceHistoryModel(services.attendance)
    model.wait_for_count()
    typed = ["m", "ma", "mar", "mari", "maria", "maria g", "maria ga", "fondos"]
    times, base = [], []
    for text in typed:
        start = time.perf_counter()
        model.reload(text)
        screenful(model)
        times.append(time.perf_counter() - start)
        model.wait_for_count()
        base += timed(lambda t=text: raw_page(raw, t), 1)
    report(
        "attendance history, search: first rows per keystroke (worst)",
        max(times) * 1000,
        max(base) * 1000,
        "ms",
        "≤ 150 ms",
    )
    start = time.perf_counter()
    model.reload("maria g")
    model.wait_for_count()
    report(
        f"attendance history, search counted in the background ({model.total():,} marks)",
        (time.perf_counter() - start) * 1000,
        max(base) * 1000,
        "ms",
        "off the GUI thread",
    )


def main() -> None:
    app = QApplication.instance() or QApplication([])
    folder = large_data_folder()
    services = build_services(DataFolder(folder))
    raw = sqlite3.connect(folder / "tejido.db")
    first_rows(services, raw)
    whole_view(services, app, raw)
    scrolling(services, raw)
    searching(services, raw)
    services.db.dispose()


if __name__ == "__main__":
    main()
