"""One Tejido per data folder.

An operating-system lock on ``tejido.lock`` beside the database: the system releases it when the
process ends, even after a crash or a power cut, so a stale lock never blocks the next start.
The command line takes the same lock, so a restore cannot run under an open window.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from types import TracebackType

from app.errors import AlreadyRunningError

LOCK_NAME = "tejido.lock"


class InstanceLock:
    """Hold the data folder's lock while in use; ``acquire()`` raises if another Tejido holds it."""

    def __init__(self, data_dir: Path):
        self.path = data_dir / LOCK_NAME
        self._fd: int | None = None

    def acquire(self) -> InstanceLock:
        from app.i18n import _

        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            _lock(fd)
        except OSError:
            os.close(fd)
            raise AlreadyRunningError(
                _(
                    "Tejido is already open with this data folder ({path}). Use the window that "
                    "is open, or close it first."
                ).format(path=self.path.parent)
            ) from None
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is not None:
            try:
                _unlock(self._fd)
            finally:
                os.close(self._fd)
                self._fd = None

    def __enter__(self) -> InstanceLock:
        return self.acquire()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


if sys.platform == "win32":
    import msvcrt

    def _lock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
