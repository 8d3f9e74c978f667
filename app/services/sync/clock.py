"""The hybrid logical clock: wall-clock milliseconds, a counter, and the device id.

Stamps are strings that sort in time order: ``0001764300000000.00000.<device id>`` (13 digits of
milliseconds, 5 of counter). A laptop that sees a later stamp moves its clock past it, so an edit
made after seeing another always wins over it, even when the laptops' clocks disagree.
"""

from __future__ import annotations

import re
import time

_WALL = 13
_COUNTER = 5
DEVICE_AT = _WALL + 1 + _COUNTER + 1  # where the device id starts in a stamp
_COUNTER_MAX = 10**_COUNTER - 1


def now_ms() -> int:
    return time.time_ns() // 1_000_000


def make(wall_ms: int, counter: int, device: str) -> str:
    return f"{wall_ms:0{_WALL}d}.{counter:0{_COUNTER}d}.{device}"


def wall_ms(stamp: str) -> int:
    return int(stamp[:_WALL]) if stamp else 0


def device_of(stamp: str) -> str:
    return stamp[DEVICE_AT:]


def tick(last: str, device: str, now: int | None = None) -> str:
    """The next stamp of ``device``: later than ``last`` and than the wall clock."""
    now = now_ms() if now is None else now
    last_wall = wall_ms(last)
    if now > last_wall or not last:  # no stamp yet: even a wall clock at 0 starts the count
        return make(max(now, 0), 0, device)
    counter = int(last[_WALL + 1 : _WALL + 1 + _COUNTER]) + 1
    if counter > _COUNTER_MAX:
        return make(last_wall + 1, 0, device)
    return make(last_wall, counter, device)


_STAMP = re.compile(rf"^[0-9]{{{_WALL}}}\.[0-9]{{{_COUNTER}}}\.[^\s,]{{1,60}}$")


def is_stamp(text: object) -> bool:
    """Whether ``text`` has the shape of a stamp (for files read from other laptops)."""
    return isinstance(text, str) and _STAMP.match(text) is not None


# Knowledge: what an author had seen of a field (or a record) when writing, as the latest stamp
# of each laptop, comma-separated ("a vector"). A laptop's later stamp on a field supersedes
# its earlier ones, so "saw" is exact: unlike a single stamp, a laptop that saved twice without
# reading a third laptop's change has not "seen" it because its own second save is later.


def saw(knowledge: str | None, stamp: str | None) -> int:
    """1 when ``knowledge`` covers ``stamp`` (it holds that laptop's stamp or a later one)."""
    if not knowledge or not stamp:
        return 0
    device = stamp[DEVICE_AT:]
    for known in knowledge.split(","):
        if known[DEVICE_AT:] == device:
            return 1 if known >= stamp else 0
    return 0


def add_known(knowledge: str | None, stamp: str | None) -> str:
    """``knowledge`` with ``stamp`` added: the latest stamp per laptop, in a fixed order."""
    if not stamp:
        return knowledge or ""
    device = stamp[DEVICE_AT:]
    parts = knowledge.split(",") if knowledge else []
    for index, known in enumerate(parts):
        if known[DEVICE_AT:] == device:
            if stamp <= known:
                return knowledge or ""
            parts[index] = stamp
            break
    else:
        parts.append(stamp)
    return ",".join(sorted(parts))


def merge_known(*knowledge: str) -> str:
    """Everything any of several knowledges covers."""
    merged = ""
    for each in knowledge:
        for stamp in each.split(",") if each else ():
            merged = add_known(merged, stamp)
    return merged
