"""Small drawing helpers shared by every printed document (certificates, sign-in sheets, handouts).

What a renderer needs, and where it is here:

- Making the file: :mod:`pdf_files` (``write_pdf`` with a canvas that never declares Helvetica,
  atomic writing, ``check_cancelled``). Draw text only with the names from :mod:`fonts`
  (``SANS``, ``SERIF_BOLD`` ...): they are embedded; the 14 standard fonts are not.
- ``colour(text)``, ``tint(colour, amount)``, ``GREY``, ``INK``: the organisation's colour (any
  "#RRGGBB", with a safe default) and lighter shades of it for backgrounds.
- ``image(data)``: a logo or signature (PNG/JPEG bytes) ready to draw, or ``None`` when absent
  or unreadable; ``draw_image_in_box(canvas, reader, x, y, width, height, align)`` keeps its
  aspect ratio.
- ``style(...)`` and ``paragraph(text, style)``: a platypus Paragraph of plain text (escaped,
  so "<" or "&" in a title print as they are), for flowing documents.
- On a canvas, text repeated on many pages, fast: ``text_width`` (cached), ``fitted_size(text,
  font, size, width)`` (the largest size up to ``size`` at which one line fits), ``wrap`` and
  ``balanced_wrap`` (lines with their widths; even lengths for centred text) and
  ``draw_lines`` (left, centred or right).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import lru_cache
from io import BytesIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

log = logging.getLogger(__name__)

DEFAULT_COLOUR = "#2E6B5E"
INK = colors.HexColor("#1F2328")  # near black, for text
GREY = colors.HexColor("#5F6670")  # secondary text
LIGHT_GREY = colors.HexColor("#B8BEC6")  # hairlines
MAX_IMAGE_PIXELS = 900  # a logo or signature is scaled down to this (about 300 dpi at 75 mm)


def colour(text: str | None) -> colors.Color:
    """The organisation's colour from "#RRGGBB" (our default green when missing or malformed)."""
    value = (text or "").strip()
    if len(value) == 7 and value.startswith("#"):
        try:
            int(value[1:], 16)
            return colors.HexColor(value)
        except ValueError:
            pass
    return colors.HexColor(DEFAULT_COLOUR)


def tint(base: colors.Color, amount: float) -> colors.Color:
    """``base`` mixed with white: 0 is the colour itself, 1 is white."""
    return colors.Color(*(channel + (1 - channel) * amount for channel in base.rgb()))


@lru_cache(maxsize=8)
def image(data: bytes | None) -> ImageReader | None:
    """A PNG or JPEG ready to draw (scaled down when huge), or ``None`` when absent or unreadable.

    Decoded once per distinct image (cached), so a thousand pages share one reader.
    """
    if not data:
        return None
    from PIL import Image, UnidentifiedImageError

    try:
        picture = Image.open(BytesIO(data))
        picture.load()
    except (OSError, UnidentifiedImageError, ValueError, Image.DecompressionBombError):
        log.warning("an image in the letterhead cannot be read; it is left out")
        return None
    if picture.mode not in ("RGB", "RGBA", "L", "LA"):
        picture = picture.convert("RGBA")
    if max(picture.size) > MAX_IMAGE_PIXELS:
        picture.thumbnail((MAX_IMAGE_PIXELS, MAX_IMAGE_PIXELS))
    return ImageReader(picture)


def draw_image_in_box(
    canvas: Canvas,
    reader: ImageReader,
    x: float,
    y: float,
    width: float,
    height: float,
    align: str = "centre",
) -> tuple[float, float]:
    """Draw ``reader`` as large as fits the box (aspect ratio kept), aligned "left", "centre" or
    "right" and centred vertically; returns the size drawn."""
    pixels_wide, pixels_high = reader.getSize()
    scale = min(width / pixels_wide, height / pixels_high)
    drawn_width, drawn_height = pixels_wide * scale, pixels_high * scale
    left = {"left": x, "right": x + width - drawn_width}.get(align, x + (width - drawn_width) / 2)
    bottom = y + (height - drawn_height) / 2
    canvas.drawImage(reader, left, bottom, drawn_width, drawn_height, mask="auto")
    return drawn_width, drawn_height


def style(
    font: str,
    size: float,
    *,
    leading: float | None = None,
    colour_: colors.Color = INK,
    centred: bool = False,
) -> ParagraphStyle:
    """A paragraph style in one of our fonts (``leading`` defaults to 1.35 × size)."""
    return ParagraphStyle(
        f"{font}-{size}",
        fontName=font,
        fontSize=size,
        leading=leading or size * 1.35,
        textColor=colour_,
        alignment=TA_CENTER if centred else TA_LEFT,
    )


def paragraph(text: str, paragraph_style: ParagraphStyle) -> Paragraph:
    """Plain text as a wrapping paragraph: markup characters are escaped, line breaks kept."""
    return Paragraph(escape(text).replace("\n", "<br/>"), paragraph_style)


@lru_cache(maxsize=8192)
def text_width(text: str, font: str, size: float) -> float:
    """The width of ``text`` in points (cached: the same words come back on every page)."""
    return stringWidth(text, font, size)


def fitted_size(text: str, font: str, size: float, width: float) -> float:
    """The largest font size, at most ``size``, at which ``text`` fits ``width`` on one line."""
    natural = text_width(text, font, size)
    return size if natural <= width else size * width / natural


def wrap(text: str, font: str, size: float, width: float) -> list[tuple[str, float]]:
    """``text`` broken at spaces into lines no wider than ``width`` (a single word wider than
    that keeps its own line), with each line's width; line breaks in ``text`` are kept.

    Much cheaper than a Paragraph for plain text drawn on every page of a long document.
    """
    space = text_width(" ", font, size)
    lines: list[tuple[str, float]] = []
    for block in text.splitlines() or [""]:
        words: list[str] = []
        line_width = 0.0
        for word in block.split():
            word_width = text_width(word, font, size)
            if words and line_width + space + word_width > width:
                lines.append((" ".join(words), line_width))
                words, line_width = [], 0.0
            line_width += word_width + (space if words else 0.0)
            words.append(word)
        lines.append((" ".join(words), line_width))
    return lines


@lru_cache(maxsize=256)
def balanced_wrap(text: str, font: str, size: float, width: float) -> tuple[tuple[str, float], ...]:
    """Like :func:`wrap`, but with lines of even length: the narrowest measure that needs no
    more lines than ``width`` does (no lonely last word under a centred paragraph). Cached,
    as the same wording comes back on many pages."""
    lines = wrap(text, font, size, width)
    if len(lines) < 2:
        return tuple(lines)
    narrow, wide = width / 2, width
    for _step in range(10):
        middle = (narrow + wide) / 2
        if len(wrap(text, font, size, middle)) > len(lines):
            narrow = middle
        else:
            wide = middle
    return tuple(wrap(text, font, size, wide))


def draw_lines(
    canvas: Canvas,
    lines: Sequence[tuple[str, float]],
    x: float,
    top: float,
    width: float,
    leading: float,
    align: str = "left",
) -> float:
    """Draw wrapped ``lines`` (from :func:`wrap`, at the current font) from ``top`` down,
    aligned "left", "centre" or "right" in the column (x, width). Returns the last baseline."""
    baseline = top
    for text, line_width in lines:
        baseline -= leading
        offset = {"centre": (width - line_width) / 2, "right": width - line_width}.get(align, 0.0)
        canvas.drawString(x + offset, baseline, text)
    return baseline
