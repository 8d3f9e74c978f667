"""The Unicode TrueType fonts every document embeds (DejaVu, shipped in resources/fonts).

They cover Latin (accents, ñ, ç, Ł, ő), Greek and Cyrillic, so a name prints exactly as it was
written. ReportLab embeds (subsets) TrueType fonts in every PDF that uses them.
"""

from __future__ import annotations

from functools import cache

from app.paths import resource_path

SANS, SANS_BOLD, SANS_ITALIC = "TejidoSans", "TejidoSans-Bold", "TejidoSans-Italic"
SERIF, SERIF_BOLD, SERIF_ITALIC = "TejidoSerif", "TejidoSerif-Bold", "TejidoSerif-Italic"

_FILES = {
    SANS: "DejaVuSans.ttf",
    SANS_BOLD: "DejaVuSans-Bold.ttf",
    SANS_ITALIC: "DejaVuSans-Oblique.ttf",
    SERIF: "DejaVuSerif.ttf",
    SERIF_BOLD: "DejaVuSerif-Bold.ttf",
    SERIF_ITALIC: "DejaVuSerif-Italic.ttf",
}


@cache
def register_fonts() -> None:
    """Register the fonts with ReportLab (once per process), with their bold/italic families
    so that Paragraph markup (<b>, <i>) picks the right file."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    folder = resource_path("resources") / "fonts"
    for name, file_name in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(folder / file_name)))
    families = ((SANS, SANS_BOLD, SANS_ITALIC), (SERIF, SERIF_BOLD, SERIF_ITALIC))
    for regular, bold, italic in families:
        addMapping(regular, 0, 0, regular)
        addMapping(regular, 1, 0, bold)
        addMapping(regular, 0, 1, italic)
        addMapping(regular, 1, 1, bold)
