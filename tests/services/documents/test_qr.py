"""QR codes: the fast encoder gives segno's very symbol, and the drawn path shows it exactly."""

from __future__ import annotations

import random
import string

import pypdfium2
import pytest
import segno
from reportlab.pdfgen.canvas import Canvas

from app.services.documents.qr import MASK, QUIET_ZONE, draw_qr, qr_rows

ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
BYTE_CHARACTERS = string.ascii_letters + string.digits + "-_.~"


def segno_rows(payload: str, mode: str) -> tuple[str, ...]:
    data = payload if mode == "alphanumeric" else payload.encode("utf-8")
    code = segno.make(data, error="m", mask=MASK, boost_error=False, micro=False, mode=mode)
    return tuple("".join(str(module) for module in row) for row in code.matrix)


def random_payload(rng: random.Random, length: int, alphabet: str) -> str:
    text = "".join(rng.choice(alphabet) for _ in range(length))
    return text if alphabet == ALPHANUMERIC else "x" + text[1:]  # one lowercase: byte mode


@pytest.mark.parametrize("length", [*range(1, 40), 60, 100, 150, 217, 300, 421, 600, 1000])
def test_byte_payloads_give_segnos_symbol(length: int) -> None:
    rng = random.Random(length)
    for _ in range(3):
        payload = random_payload(rng, length, BYTE_CHARACTERS)
        assert qr_rows(payload) == segno_rows(payload, "byte")


@pytest.mark.parametrize("length", [*range(1, 30), 77, 150, 400, 800])
def test_alphanumeric_payloads_give_segnos_symbol(length: int) -> None:
    rng = random.Random(length)
    payload = random_payload(rng, length, ALPHANUMERIC)
    assert qr_rows(payload) == segno_rows(payload, "alphanumeric")


def test_text_beyond_latin_is_utf8() -> None:
    payload = "TJ1.Νίκος Παπαδόπουλος · Анна · Łukasz"
    assert qr_rows(payload) == segno_rows(payload, "byte")


def test_the_smallest_version_is_chosen() -> None:
    payload = "x" * 200
    expected = segno.make(payload.encode(), error="m", micro=False, boost_error=False)
    assert len(qr_rows(payload)) == expected.symbol_size(border=0)[0]


def test_a_payload_too_long_for_any_qr_code_is_refused() -> None:
    with pytest.raises(ValueError):
        qr_rows("x" * 3000)


def test_the_drawn_code_shows_every_module(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Rendered at 4 pixels a module, each module's centre is dark exactly where it should be,
    and the quiet zone around it is white."""
    payload = "TJ1.eyJjIjoiSzdRMi05WEhEIn0.c2lnbmF0dXJl-_" * 3
    rows = qr_rows(payload)
    modules = len(rows) + 2 * QUIET_ZONE
    size = modules * 3.0  # points: 4 pixels a module at 96 dpi
    path = tmp_path / "qr.pdf"
    canvas = Canvas(str(path), pagesize=(size + 20, size + 20))
    draw_qr(canvas, payload, 10, 10, size)
    canvas.save()
    image = pypdfium2.PdfDocument(path)[0].render(scale=96 / 72).to_pil().convert("L")
    pixels = 4
    for row in range(-QUIET_ZONE, len(rows) + QUIET_ZONE):
        for column in range(-QUIET_ZONE, len(rows) + QUIET_ZONE):
            x = round((10 / 3 + QUIET_ZONE + column) * pixels + pixels / 2)
            y = round((10 / 3 + QUIET_ZONE + row) * pixels + pixels / 2)
            inside = 0 <= row < len(rows) and 0 <= column < len(rows)
            dark = inside and rows[row][column] == "1"
            assert (image.getpixel((x, y)) < 128) == dark, (row, column)
