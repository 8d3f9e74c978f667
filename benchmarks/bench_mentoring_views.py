"""The Mentoring tab's lists as a coordinator opens them, over the large example data
(1,000 pairs, 15,000 sessions): each page built, shown and painted with its first rows.

- Pairs: the Mentoring tab built (the pairs list with its first page and count) and painted.
- Needs attention, Suggested pairs, Mentors: the page shown the first time: built, its list
  read, painted.
- A pair: choosing the pair with the longest log, its panel filled and painted.

Baseline: a bare ``QTableView`` over a ``QStandardItemModel`` of 50 rows × 6 texts, built, shown
and painted in the same process. Figures are medians of repeated opens. Target: ≤ 150 ms.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import sqlite3  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402

from PySide6.QtCore import qInstallMessageHandler  # noqa: E402
from PySide6.QtGui import QStandardItem, QStandardItemModel  # noqa: E402
from PySide6.QtWidgets import QApplication, QTableView  # noqa: E402

from app.i18n import set_language  # noqa: E402
from app.services.context import DataFolder  # noqa: E402
from app.services.registry import build_services  # noqa: E402
from app.views.mentoring.mentoring_tab import (  # noqa: E402
    ATTENTION,
    MENTORS,
    PAIRS,
    SUGGESTIONS,
    MentoringTab,  # noqa: E402
)
from benchmarks.bench_mentoring import busiest_pair  # noqa: E402
from benchmarks.common import large_data_folder, report  # noqa: E402

TARGET = "≤ 150 ms"
REPEAT = 7


def painted(app: QApplication, widget) -> None:  # type: ignore[no-untyped-def]
    """Process events until what was asked is laid out and painted."""
    app.processEvents()
    widget.repaint()
    app.processEvents()


def median_ms(function) -> float:  # type: ignore[no-untyped-def]
    function()  # warm caches up
    times = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def bare_table(app: QApplication) -> None:
    model = QStandardItemModel(50, 6)
    for row in range(50):
        for column in range(6):
            model.setItem(row, column, QStandardItem(f"Texto {row}·{column}"))
    view = QTableView()
    view.setModel(model)
    view.resize(1000, 650)
    view.show()
    painted(app, view)
    view.close()
    view.deleteLater()


def open_tab(app: QApplication, services) -> MentoringTab:  # type: ignore[no-untyped-def]
    tab = MentoringTab(services)
    tab.resize(1100, 680)
    tab.show()
    tab.ensure_built()
    painted(app, tab)
    assert tab.pairs.model.rowCount() > 0
    return tab


def main() -> None:
    qInstallMessageHandler(lambda *_args: None)
    app = QApplication.instance() or QApplication([])
    set_language("en")
    folder = large_data_folder()
    services = build_services(DataFolder(folder))
    raw = sqlite3.connect(folder / "tejido.db")
    pair_id = busiest_pair(raw)
    raw.close()
    baseline = median_ms(lambda: bare_table(app))

    def pairs_page() -> None:
        tab = open_tab(app, services)
        tab.close()
        tab.deleteLater()

    report("Mentoring tab opened on its pairs list", median_ms(pairs_page), baseline, "ms", TARGET)
    for index, name in (
        (ATTENTION, "Needs attention page shown the first time (health of every pair)"),
        (SUGGESTIONS, "Suggested pairs page shown the first time (organisations with needs)"),
        (MENTORS, "Mentors page shown the first time"),
    ):
        times = []
        for _ in range(REPEAT):
            fresh = open_tab(app, services)
            start = time.perf_counter()
            fresh.views.setCurrentIndex(index)  # the page is built, reads its list, is painted
            painted(app, fresh)
            times.append(time.perf_counter() - start)
            fresh.close()
            fresh.deleteLater()
        report(name, statistics.median(times) * 1000, baseline, "ms", TARGET)
    tab = open_tab(app, services)
    tab.views.setCurrentIndex(PAIRS)

    def choose_pair() -> None:
        tab.panel.show_relationship(None)
        tab.panel.show_relationship(pair_id)
        painted(app, tab)

    report(
        "a pair chosen: its panel filled (longest log)",
        median_ms(choose_pair),
        baseline,
        "ms",
        TARGET,
    )
    services.db.dispose()


if __name__ == "__main__":
    main()
