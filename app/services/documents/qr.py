"""QR codes drawn as one vector path, fast enough for hundreds of certificates in one PDF.

``segno.make`` spends about 13 ms on a certificate's payload, most of it trying the eight data
masks and placing bits one by one, which alone would make 500 certificates twenty times slower
than the benchmark allows. So the symbol is built here from segno's own tables and functions, in
bulk: for each QR version a template is made once (segno's finder, timing and alignment patterns,
format and version information, the order in which data bits fill the free cells, the mask), and
a payload then costs its Reed–Solomon codewords (with per-generator lookup tables on Python ints)
and one ``itemgetter`` that permutes the bit string into rows. The mask is fixed (any of the eight
is read by every decoder; the penalty search only polishes the pattern). The result is identical
to ``segno.make(payload, error="m", mask=MASK, boost_error=False, micro=False)`` — the tests hold
this — and the dark modules are drawn as rectangles merged along each row, in one fill.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import cache
from operator import itemgetter

from segno import consts, encoder

log = logging.getLogger(__name__)

ERROR = consts.ERROR_LEVEL_M
MASK = 2  # of the eight, the one the standard's penalty rates best for signed payloads most often
QUIET_ZONE = 4  # modules of white around the symbol, as the standard asks
_ALPHANUMERIC = consts.ALPHANUMERIC_CHARS.decode()
_ALPHANUMERIC_VALUE = {char: value for value, char in enumerate(_ALPHANUMERIC)}
_DARK_RUN = re.compile("1+")
_ALPHANUMERIC_ONLY = re.compile(f"[{re.escape(_ALPHANUMERIC)}]*")


@dataclass(frozen=True, slots=True)
class _Template:
    """What every symbol of one version shares."""

    size: int  # modules per side
    chunks: int  # bytes per row (rows are padded with light modules to whole bytes)
    data_codewords: int
    data_bits: int  # cells for data and error correction (codewords * 8 + remainder bits)
    mask_bits: int  # the mask along the data cells, as one int (first cell = highest bit)
    cells: itemgetter  # from "data bits + '01'" to the padded rows' cells, row by row


def qr_rows(payload: str) -> tuple[str, ...]:
    """The symbol of ``payload`` (error correction M, smallest version), as rows of '0'/'1'."""
    template, flat = _symbol(payload)
    width, size = template.chunks * 8, template.size
    return tuple(flat[start : start + size] for start in range(0, size * width, width))


def draw_qr(canvas, payload: str, x: float, y: float, size: float) -> None:  # type: ignore[no-untyped-def]
    """Draw the QR code of ``payload`` in black in the square (x, y, size), quiet zone inside it.

    All dark modules are one path of rectangles filled at once (runs of dark modules merged
    within each group of eight columns), drawn in module units through a transformation so the
    numbers stay short.
    """
    template, flat = _symbol(payload)
    module = size / (template.size + 2 * QUIET_ZONE)
    left, top = x + QUIET_ZONE * module, y + size - QUIET_ZONE * module
    path = _path(template, flat)
    canvas.addLiteral(f"q 0 g {module:.5f} 0 0 {-module:.5f} {left:.3f} {top:.3f} cm\n{path}\nf Q")


def _symbol(payload: str) -> tuple[_Template, str]:
    """The template of the payload's version and its modules as '0'/'1', padded rows in turn."""
    data, alphanumeric = _data(payload)
    version = _smallest_version(len(payload) if alphanumeric else len(data), alphanumeric)
    template = _template(version)
    codewords = _data_codewords(data, alphanumeric, version, template.data_codewords)
    message = _final_message(codewords, version)
    bits = int.from_bytes(message, "big") << (template.data_bits - 8 * len(message))
    stream = format(bits ^ template.mask_bits, f"0{template.data_bits}b") + "01"
    return template, "".join(template.cells(stream))


def _path(template: _Template, flat: str) -> str:
    """The rectangles of the dark modules, row by row (y grows downwards, one unit a module).

    The rows are read as bytes and each byte looked up in a table of its ready-made
    rectangles, the row number put in afterwards: a few calls in C per row, not one per run.
    """
    chunks = template.chunks
    tables = _tables(chunks)
    symbol = int(flat, 2).to_bytes(template.size * chunks, "big")
    return "\n".join(
        "".join(map(tuple.__getitem__, tables, symbol[start : start + chunks])).replace("R", row)
        for row, start in zip(_ROW_NUMBERS, range(0, len(symbol), chunks), strict=False)
    )


_ROW_NUMBERS = tuple(str(row) for row in range(177))


@cache
def _tables(chunks: int) -> list[tuple[str, ...]]:
    return [_chunk_rectangles(chunk) for chunk in range(chunks)]


@cache
def _chunk_rectangles(chunk: int) -> tuple[str, ...]:
    """For each byte value, the rectangles of its dark runs in columns chunk*8 .. chunk*8+7."""
    table = []
    for value in range(256):
        runs = _DARK_RUN.finditer(format(value, "08b"))
        left = chunk * 8
        table.append("".join(f"{left + run.start()} R {len(run.group())} 1 re " for run in runs))
    return tuple(table)


def _data(payload: str) -> tuple[bytes, bool]:
    """The payload's bytes and whether it fits the denser alphanumeric mode."""
    if _ALPHANUMERIC_ONLY.fullmatch(payload):
        return payload.encode("ascii"), True
    return payload.encode("utf-8"), False


def _count_bits(version: int, alphanumeric: bool) -> int:
    if alphanumeric:
        return 9 if version < 10 else 11 if version < 27 else 13
    return 8 if version < 10 else 16


def _smallest_version(length: int, alphanumeric: bool) -> int:
    for version in range(1, 41):
        payload_bits = 11 * (length // 2) + 6 * (length % 2) if alphanumeric else 8 * length
        needed = 4 + _count_bits(version, alphanumeric) + payload_bits
        if needed <= consts.SYMBOL_CAPACITY[version][ERROR]:
            return version
    raise ValueError("payload too long for a QR code")


def _data_codewords(data: bytes, alphanumeric: bool, version: int, capacity: int) -> bytes:
    """Mode, count, data, terminator and padding, as the data codewords (ISO 18004 7.4)."""
    if alphanumeric:
        value, bits = 0b0010, 4
        value = (value << _count_bits(version, True)) | len(data)
        bits += _count_bits(version, True)
        text = data.decode("ascii")
        for start in range(0, len(text) - 1, 2):
            pair = _ALPHANUMERIC_VALUE[text[start]] * 45 + _ALPHANUMERIC_VALUE[text[start + 1]]
            value, bits = (value << 11) | pair, bits + 11
        if len(text) % 2:
            value, bits = (value << 6) | _ALPHANUMERIC_VALUE[text[-1]], bits + 6
    else:
        count_bits = _count_bits(version, False)
        value = (0b0100 << count_bits | len(data)) << 8 * len(data) | int.from_bytes(data, "big")
        bits = 4 + count_bits + 8 * len(data)
    terminator = min(4, capacity * 8 - bits)
    value, bits = value << terminator, bits + terminator
    padding = 8 - bits % 8  # as segno does: a whole zero byte when already aligned
    body = (value << padding).to_bytes((bits + padding) // 8, "big")[:capacity]
    fill = b"\xec\x11" * capacity
    return body + fill[: capacity - len(body)]


def _final_message(codewords: bytes, version: int) -> bytes:
    """Data blocks and their error correction, interleaved (ISO 18004 7.6)."""
    data_blocks: list[bytes] = []
    error_blocks: list[bytes] = []
    start = 0
    for info in consts.ECC[version][ERROR]:
        error_words = info.num_total - info.num_data
        for _block in range(info.num_blocks):
            block = codewords[start : start + info.num_data]
            start += info.num_data
            data_blocks.append(block)
            error_blocks.append(_reed_solomon(block, error_words))
    return _interleave(data_blocks) + _interleave(error_blocks)


def _interleave(blocks: list[bytes]) -> bytes:
    """The blocks' bytes column by column (the shorter blocks come first and lack the last)."""
    count, shortest = len(blocks), min(len(block) for block in blocks)
    columns = bytearray(count * shortest)
    for index, block in enumerate(blocks):
        columns[index::count] = block[:shortest]
    return bytes(columns) + bytes(block[shortest] for block in blocks if len(block) > shortest)


def _reed_solomon(block: bytes, error_words: int) -> bytes:
    """The error correction codewords of a block: polynomial division as a shift register."""
    table = _generator_table(error_words)
    shift = 8 * (error_words - 1)
    full = (1 << 8 * error_words) - 1
    remainder = 0
    for byte in block:
        remainder = ((remainder << 8) & full) ^ table[(remainder >> shift) ^ byte]
    return remainder.to_bytes(error_words, "big")


@cache
def _generator_table(error_words: int) -> tuple[int, ...]:
    """For each feedback byte, the generator polynomial multiplied by it, as one int."""
    generator = consts.GEN_POLY[error_words]
    exp, log_of = consts.GALIOS_EXP, consts.GALIOS_LOG
    rows = [0]
    for factor in range(1, 256):
        product = bytes(exp[log_of[factor] + power] for power in generator)
        rows.append(int.from_bytes(product, "big"))
    return tuple(rows)


@cache
def _template(version: int) -> _Template:
    """The function patterns, the order of the data cells and the mask of one version."""
    size = version * 4 + 17
    matrix = encoder.make_matrix(size, size)
    encoder.add_finder_patterns(matrix, size, size)
    encoder.add_alignment_patterns(matrix, size, size)
    order = _data_cell_order(matrix, size)
    encoder.add_format_info(matrix, version, ERROR, MASK)
    encoder.add_version_info(matrix, version)
    masked = encoder.get_data_mask_functions(False)[MASK]
    total = len(order)
    index = {cell: position for position, cell in enumerate(order)}
    chunks = (size + 7) // 8
    sources = [
        index.get((row, column), total + matrix[row][column]) if column < size else total
        for row in range(size)
        for column in range(chunks * 8)
    ]
    mask_bits = int("".join("1" if masked(row, column) else "0" for row, column in order), 2)
    data_codewords = sum(info.num_blocks * info.num_data for info in consts.ECC[version][ERROR])
    log.debug("QR template for version %d made", version)
    return _Template(size, chunks, data_codewords, total, mask_bits, itemgetter(*sources))


def _data_cell_order(matrix, size: int) -> list[tuple[int, int]]:  # type: ignore[no-untyped-def]
    """The free cells in the order the bit stream fills them: two-cell-wide columns from the
    right, alternately upwards and downwards, skipping the vertical timing column (7.7.3)."""
    order = []
    upwards = True
    right = size - 1
    while right > 0:
        if right == 6:
            right = 5
        rows = range(size - 1, -1, -1) if upwards else range(size)
        for row in rows:
            for column in (right, right - 1):
                if matrix[row][column] == 0x2:
                    order.append((row, column))
        upwards = not upwards
        right -= 2
    return order
