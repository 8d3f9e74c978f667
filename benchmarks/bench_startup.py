"""Start-up to an interactive main window with the large data, against a bare PySide6 window.

Both run as whole processes under QT_QPA_PLATFORM=offscreen; each quits right after its first
window is shown (Tejido's with its first page of people loaded). Median of 5 runs; the peak
memory of each is reported too. Target: ≤ 2.5× the bare window; memory ≤ 250 MB.
"""

from __future__ import annotations

import os
import sys

from benchmarks.common import large_data_folder, median, report, run_process

BARE_WINDOW = """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.show()
QTimer.singleShot(0, app.quit)
app.exec()
"""


def main(runs: int = 5) -> None:
    folder = large_data_folder()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TEJIDO_EXIT_AFTER_START="1")
    bare, tejido, bare_mem, tejido_mem = [], [], [], []
    for _ in range(runs):
        seconds, memory = run_process([sys.executable, "-c", BARE_WINDOW], env)
        bare.append(seconds)
        bare_mem.append(memory)
        seconds, memory = run_process([sys.executable, "-m", "app", "--data-dir", str(folder)], env)
        tejido.append(seconds)
        tejido_mem.append(memory)
    report("start-up, large data", median(tejido), median(bare), "s", "≤ 2.5x")
    report(
        "memory after start-up, large data",
        max(tejido_mem) / 2**20,
        max(bare_mem) / 2**20,
        "MB",
        "≤ 250 MB",
    )


if __name__ == "__main__":
    main()
