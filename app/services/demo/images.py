"""Small PNG images drawn in code for the example organisation (no binary files to ship)."""

from __future__ import annotations

import struct
import zlib


def _png(width: int, height: int, pixel) -> bytes:  # type: ignore[no-untyped-def]
    raw = b"".join(
        b"\x00" + b"".join(bytes(pixel(x, y)) for x in range(width)) for y in range(height)
    )

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def demo_logo_png() -> bytes:
    """A woven pattern in the programme's green, 96×96."""

    def pixel(x: int, y: int) -> tuple[int, int, int]:
        weft = (y // 12) % 2 == 0
        warp = (x // 12) % 2 == 0
        if weft == warp:
            return (46, 107, 94)
        return (233, 196, 106) if (x + y) % 24 < 12 else (244, 162, 97)

    return _png(96, 96, pixel)


def demo_signature_png() -> bytes:
    """A hand-drawn-looking stroke on white, 200×60."""
    import math

    def pixel(x: int, y: int) -> tuple[int, int, int]:
        curve = 30 + 18 * math.sin(x / 14.0) * math.cos(x / 37.0)
        return (20, 30, 80) if abs(y - curve) < 1.6 else (255, 255, 255)

    return _png(200, 60, pixel)


def demo_chart_png(values: list[int], colour: tuple[int, int, int]) -> bytes:
    """A bar chart of ``values`` (0–100) on white, 160×100: the kind of picture a practice
    attaches to show its results."""
    width, height, gap = 160, 100, 4
    bar = max(1, (width - gap * (len(values) + 1)) // max(1, len(values)))
    tops: list[int] = []
    for x in range(width):
        index, offset = divmod(x - gap, bar + gap)
        inside = 0 <= index < len(values) and offset < bar and x >= gap
        tops.append(height - 8 - values[index] * (height - 16) // 100 if inside else height)

    def pixel(x: int, y: int) -> tuple[int, int, int]:
        if y == height - 8:
            return (60, 60, 60)  # the axis
        return colour if tops[x] <= y < height - 8 else (255, 255, 255)

    return _png(width, height, pixel)
