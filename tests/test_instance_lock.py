"""One Tejido per data folder, and a crash never leaves a stale lock."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.errors import AlreadyRunningError
from app.instance_lock import InstanceLock

HOLD = """
import sys, time
from pathlib import Path
from app.instance_lock import InstanceLock
InstanceLock(Path(sys.argv[1])).acquire()
print("locked", flush=True)
time.sleep(60)
"""


def test_second_lock_in_the_same_folder_is_refused(tmp_path: Path) -> None:
    with InstanceLock(tmp_path):
        with pytest.raises(AlreadyRunningError, match="already open"):
            InstanceLock(tmp_path).acquire()
    InstanceLock(tmp_path).acquire().release()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_lock_of_a_killed_process_is_taken_over(tmp_path: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(tmp_path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout.readline().strip() == "locked"
        with pytest.raises(AlreadyRunningError):
            InstanceLock(tmp_path).acquire()
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
    deadline = time.monotonic() + 5
    while True:
        try:
            InstanceLock(tmp_path).acquire().release()
            break
        except AlreadyRunningError:
            assert time.monotonic() < deadline
            time.sleep(0.05)
