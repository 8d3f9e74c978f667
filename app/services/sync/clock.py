"""The hybrid logical clock: wall-clock milliseconds, a counter, and the device id.

Stamps are strings that sort in time order: ``0001764300000000.00000.<device id>`` (13 digits of
milliseconds, 5 of counter). A laptop that sees a later stamp moves its clock past it, so an edit
made after seeing another always wins over it, even when the laptops' clocks disagree.
"""

from __future__ import annotations

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


def is_stamp(text: object) -> bool:
    return (
        isinstance(text, str)
        and len(text) > DEVICE_AT
        and text[:_WALL].isdigit()
        and text[_WALL] == "."
        and text[_WALL + 1 : _WALL + 1 + _COUNTER].isdigit()
        and text[DEVICE_AT - 1] == "."
        and len(text) <= 80
    )
