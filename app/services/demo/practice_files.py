"""Attachments of example practices, drawn in code: a one-page PDF summary sheet (ReportLab) and
a PNG chart of results. The same input gives the same bytes (ReportLab's invariant mode), so
two fills store the same attachments under the same hashes.
"""

from __future__ import annotations

import io
import random

from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen import canvas

from app.services.demo.images import demo_chart_png

GREEN = (46 / 255, 107 / 255, 94 / 255)
CHART_COLOURS = ((46, 107, 94), (233, 196, 106), (244, 162, 97), (42, 157, 143), (38, 70, 83))
MARGIN = 56


def summary_pdf(title: str, organisation: str, summary: str, figures: list[int]) -> bytes:
    """A one-page summary sheet of a practice: title band, organisation, summary and a small
    bar chart of its figures (0–100)."""
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    page.setTitle(title)
    page.setAuthor(organisation)
    width, height = A4
    page.setFillColorRGB(*GREEN)
    page.rect(0, height - 110, width, 110, stroke=0, fill=1)
    page.setFillColorRGB(1, 1, 1)
    page.setFont("Helvetica-Bold", 18)
    y = height - 52
    for line in simpleSplit(title, "Helvetica-Bold", 18, width - 2 * MARGIN)[:2]:
        page.drawString(MARGIN, y, line)
        y -= 22
    page.setFillColorRGB(0.1, 0.1, 0.1)
    page.setFont("Helvetica-Oblique", 11)
    page.drawString(MARGIN, height - 140, organisation)
    page.setFont("Helvetica", 11)
    y = height - 175
    for line in simpleSplit(summary, "Helvetica", 11, width - 2 * MARGIN):
        page.drawString(MARGIN, y, line)
        y -= 15
    _chart(page, figures, y - 40)
    page.setFillColorRGB(0.4, 0.4, 0.4)
    page.setFont("Helvetica", 8)
    page.drawString(MARGIN, 40, "Ficha resumen · Catálogo de buenas prácticas")
    page.showPage()
    page.save()
    return buffer.getvalue()


def _chart(page: canvas.Canvas, figures: list[int], top: float) -> None:
    page.setFont("Helvetica-Bold", 10)
    page.drawString(MARGIN, top, "Resultados (%)")
    base = top - 150
    page.setStrokeColorRGB(0.3, 0.3, 0.3)
    page.line(MARGIN, base, MARGIN + 60 * len(figures), base)
    page.setFillColorRGB(*GREEN)
    for index, value in enumerate(figures):
        page.rect(MARGIN + 10 + 60 * index, base, 40, value * 1.2, stroke=0, fill=1)


def result_chart(rng: random.Random) -> bytes:
    """A PNG bar chart of four to six results."""
    values = [rng.randint(20, 100) for _ in range(rng.randint(4, 6))]
    return demo_chart_png(values, rng.choice(CHART_COLOURS))


def figures(rng: random.Random) -> list[int]:
    """Three to five percentages for a summary sheet's chart."""
    return [rng.randint(30, 100) for _ in range(rng.randint(3, 5))]
