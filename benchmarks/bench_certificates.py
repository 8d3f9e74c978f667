"""500 certificates into one PDF, against 500 one-line pages of bare ReportLab, in the same run.

Each certificate has the organisation's logo and the signatory's signature (PNG images), a QR code
of a real signed payload (made with the organisation's Ed25519 key, as ``certificates issue``
does: about 420 characters, a version 16 symbol), names in several scripts (Latin with accents,
Polish, Hungarian, Cyrillic, Greek) in the embedded DejaVu fonts, and a filled-in paragraph.
It is measured for each of the three designs.

Baseline: a bare ReportLab canvas writing 500 pages of one line each (``drawString`` in the
default Helvetica, default settings). Both are written to files in a temporary folder. Figures
are medians over several runs. Target: ≤ 10× the baseline.
"""

from __future__ import annotations

import math
import statistics
import sys
import tempfile
import time
from datetime import date
from io import BytesIO
from pathlib import Path

from app.services.documents.certificate_pdf import render_certificates
from app.services.documents.content import CERTIFICATE_DESIGNS, CertificateContent, Letterhead
from app.services.signing import sign_payload
from benchmarks.common import report

COUNT, RUNS = 500, 7
NAMES = (
    "José María Núñez",
    "François Çelik",
    "Łukasz Wiśniewski",
    "Erzsébet Kővári",
    "Анна Иванова",
    "Νίκος Παπαδόπουλος",
    "Iñaki Etxeberria Goikoetxea",
    "Maria do Carmo Gonçalves",
)
TITLE = "Gestión del voluntariado en entidades sociales"
SIGNING_KEY = bytes(range(32))  # a fixed key: only the size of the payload matters here
FIRST, LAST, ISSUED = date(2026, 11, 3), date(2026, 11, 28), date(2026, 11, 30)


def png(draw_on, size: tuple[int, int]) -> bytes:  # type: ignore[no-untyped-def]
    """A transparent PNG with what ``draw_on(ImageDraw)`` draws."""
    from PIL import Image, ImageDraw

    picture = Image.new("RGBA", size, (255, 255, 255, 0))
    draw_on(ImageDraw.Draw(picture))
    buffer = BytesIO()
    picture.save(buffer, "PNG")
    return buffer.getvalue()


def letterhead() -> Letterhead:
    """An organisation with a logo and a signature image, as a real one would have."""

    def logo(draw) -> None:  # type: ignore[no-untyped-def]
        draw.ellipse((10, 20, 170, 180), fill=(46, 107, 94, 255))
        draw.rectangle((200, 70, 580, 130), fill=(40, 40, 40, 255))

    def signature(draw) -> None:  # type: ignore[no-untyped-def]
        points = [(20 + t * 4.5, 90 + 35 * math.sin(t / 6)) for t in range(100)]
        draw.line(points, fill=(20, 30, 90, 255), width=5)

    return Letterhead(
        name="Red de Entidades Sociales de la Comunitat Valenciana",
        logo=png(logo, (600, 200)),
        colour="#2E6B5E",
        address="Calle de la Paz 12, 46003 Valencia",
        website="www.redsocial.example",
        email="info@redsocial.example",
        signatory_name="Carmen Gil Roca",
        signatory_role="Coordinadora del programa",
        signature_image=png(signature, (500, 160)),
    )


def payload(code: str, name: str, minutes: int, head: Letterhead) -> str:
    """A payload signed as ``certificates issue`` signs it (same fields, same lengths)."""
    fields = {
        "c": code,
        "k": "a",
        "n": name,
        "t": TITLE,
        "m": minutes,
        "f": FIRST.isoformat(),
        "l": LAST.isoformat(),
        "i": ISSUED.isoformat(),
        "o": head.name,
        "p": "0123456789abcdef",
    }
    return sign_payload(SIGNING_KEY, fields)


def certificates(design: str, head: Letterhead) -> list[CertificateContent]:
    """500 certificates of one activity, names in several scripts, each with its payload."""
    contents = []
    for number in range(COUNT):
        name, code = f"{NAMES[number % len(NAMES)]} {number}", f"K{number:03d}-9XHD"
        minutes = 720 + number % 5 * 30
        body = (
            f"Ha asistido a la cápsula formativa «{TITLE}», celebrada en Valencia del 3 al 28 "
            f"de noviembre de 2026, con una duración total de {minutes // 60} horas."
        )
        contents.append(
            CertificateContent(
                code=code,
                kind="attendance",
                language="es",
                design=design,
                person_name=name,
                activity_title=TITLE,
                activity_kind="capsule",
                first_date=FIRST,
                last_date=LAST,
                minutes=minutes,
                issued_on=ISSUED,
                heading="Certificado de asistencia",
                body=body,
                payload=payload(code, name, minutes, head),
                letterhead=head,
            )
        )
    return contents


def bare_pages(path: Path) -> None:
    """The baseline: 500 pages of one line each, bare ReportLab with its default settings."""
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path))
    for number in range(COUNT):
        canvas.drawString(72, 72, f"Page {number}")
        canvas.showPage()
    canvas.save()


def timed(function, *arguments) -> float:  # type: ignore[no-untyped-def]
    """Seconds ``function(*arguments)`` took."""
    start = time.perf_counter()
    function(*arguments)
    return time.perf_counter() - start


def main() -> None:
    """Each design against the baseline, alternating runs so both see the same machine."""
    head = letterhead()
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        render_certificates(certificates("classic", head)[:3], out / "warm.pdf")
        bare_pages(out / "warm-bare.pdf")
        for design in CERTIFICATE_DESIGNS:
            contents = certificates(design, head)
            figures, baselines = [], []
            for _run in range(RUNS):
                baselines.append(timed(bare_pages, out / "bare.pdf"))
                figures.append(timed(render_certificates, contents, out / "many.pdf"))
            size = (out / "many.pdf").stat().st_size / 1e6
            report(
                f"{COUNT} certificates into one PDF, design {design} ({size:.1f} MB)",
                statistics.median(figures) * 1000,
                statistics.median(baselines) * 1000,
                "ms",
                "≤ 10×",
            )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
